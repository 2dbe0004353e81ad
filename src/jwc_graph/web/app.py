"""`jwc serve`: the read-only SPARQL 1.1 endpoint, the query page and the entity pages, on Starlette.

Every request that reads the store (SPARQL, entity pages, the map) runs in a worker process (workers.py), so a
runaway one can be stopped and no handler opens the store itself; updates and SERVICE calls to hosts not
allowed are refused before a query runs (sparql.guard).
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import socket
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..base.errors import InputError
from ..base.namespaces import ID, ONTOLOGY_GRAPH, SHAPES_GRAPH, VOCAB
from ..base.project import Project
from ..network.options import VIEW_FIELDS, MapView
from ..rdf.formats import BY_SUFFIX
from ..sparql import clauses, guard
from ..sparql import dataset as datasets
from . import entity_page, negotiation, query_page, reconcile, search, steward_pages, validation_page
from .answer_cache import AnswerCache
from .bodies import content_type, form_fields, read_limited
from .jobs import Problem, run_job
from .sessions import Sessions
from .settings import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_UPLOAD,
    DEFAULT_TIMEOUT,
    MAX_QUERY_BODY,
    Settings,
)
from .short_links import ShortLinks
from .templating import render
from .workers import Lanes

log = logging.getLogger("jwc.serve")
STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
ENTITY_OFFERS = [("text/html", "html"), ("application/xhtml+xml", "html"), *negotiation.GRAPH_OFFERS]


def create_app(
    project: Project,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    service_allow=(),
    workers: int | None = None,
    max_memory: int = DEFAULT_MAX_MEMORY,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    cache: bool = True,
) -> Starlette:
    """The web application; its worker pools start with the app (or at the first job)."""
    if timeout <= 0 or max_rows < 1 or max_memory < 64 * 2**20:
        raise InputError("the timeout must be above 0 seconds, the row limit at least 1 and the memory limit 64MB")
    settings = Settings(
        project, float(timeout), int(max_rows), guard.normalise_hosts(service_allow), int(max_memory), int(max_upload)
    )
    lanes = Lanes(
        project, settings.timeout, queries=workers, network=bool(settings.service_allow), max_memory=settings.max_memory
    )

    @asynccontextmanager
    async def lifespan(app):
        await asyncio.get_running_loop().run_in_executor(None, lanes.start)
        yield
        lanes.close()

    app = Starlette(
        routes=[
            Route("/", query_page.page),
            Route("/query", query_page.page),
            Route("/q", query_page.save_link, methods=["POST"]),
            Route("/q/{key}", query_page.open_link),
            Route("/search", search_names),
            Route("/sparql", sparql, methods=["GET", "POST", "OPTIONS"]),
            Route("/id/{kind}/{slug:path}", entity),
            Route("/vocab/{slug:path}", vocabulary),
            Route("/ontology", ontology_page),
            Route("/ontology/{version}", ontology_page),
            Route("/shapes", shapes_page),
            Route("/dist/{name}", dist_file),
            Route("/map", map_page),
            Route("/validate", validation_page.form, methods=["GET"]),
            Route("/validate", validation_page.upload, methods=["POST"]),
            Route("/templates/{kind}", steward_pages.template_file),
            Route("/sign-in", steward_pages.sign_in_form, methods=["GET"]),
            Route("/sign-in", steward_pages.sign_in, methods=["POST"]),
            Route("/sign-out", steward_pages.sign_out, methods=["POST"]),
            Route("/submit", steward_pages.submit_form, methods=["GET"]),
            Route("/submit", steward_pages.submit, methods=["POST"]),
            Route("/review", steward_pages.review_list),
            Route("/review/{pid}", steward_pages.review_one, methods=["GET"]),
            Route("/review/{pid}", steward_pages.review_decide, methods=["POST"]),
            Route("/submissions/{sid}/revert", steward_pages.revert, methods=["POST"]),
            Route("/reconcile", reconcile.service, methods=["GET", "POST"]),
            Route("/reconcile/preview", reconcile.preview),
            Route("/reconcile/suggest/{what}", reconcile.suggest),
            Route("/reconcile/properties", reconcile.properties),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["*"],
                expose_headers=[
                    "X-JWC-Truncated",
                    "X-JWC-Row-Limit",
                    "X-JWC-Warnings",
                    "X-JWC-Error-Line",
                    "X-JWC-Error-Column",
                ],
                max_age=3600,
            ),
        ],
        exception_handlers={Problem: problem_response, HTTPException: http_error, Exception: internal_error},
        lifespan=lifespan,
    )
    app.state.settings, app.state.lanes = settings, lanes
    app.state.answers = AnswerCache(project.store_dir) if cache else None
    app.state.sessions = Sessions(project)
    app.state.links = ShortLinks(project.work_dir / "short-links")
    return app


class SecurityHeaders:
    """Adds nosniff to every response, and to HTML a policy that lets the page load nothing from elsewhere."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", CSP)  # a page may bring its own (the report)
                    headers["Referrer-Policy"] = "no-referrer"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_html(request: Request) -> bool:
    """Whether the client is a browser (prefers HTML to plain text); the SPARQL endpoint, the reconciliation
    service, the name search and the short-link maker (what scripts call) never are."""
    if request.url.path in ("/sparql", "/search", "/q") or request.url.path.startswith("/reconcile"):
        return False
    accept = request.headers.get("accept", "")
    return negotiation.negotiate(accept, [("text/html", "html"), ("text/plain", "text")]) == "html"


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """An error as a short HTML page for browsers, else as plain text; never a traceback."""
    if wants_html(request):
        return HTMLResponse(render("error.html", status=status, message=message), status, headers=headers)
    return PlainTextResponse(message.rstrip() + "\n", status, headers=headers)


async def problem_response(request: Request, exc: Problem) -> Response:
    return error_response(request, exc.status, exc.message, exc.headers)


async def http_error(request: Request, exc: HTTPException) -> Response:
    message = {
        404: f"nothing at {request.url.path}: the query page is at /, the SPARQL endpoint at /sparql, "
        "and entities at /id/<kind>/<name>"
    }.get(exc.status_code, exc.detail)
    return error_response(request, exc.status_code, message, exc.headers)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s: %r", request.method, request.url.path, exc)
    return error_response(
        request, 500, "internal error: the server could not answer this request; the details are in the server's log"
    )


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol query operation (GET, form POST, direct POST); updates are refused. The dataset is
    the request's (default-graph-uri, named-graph-uri), else the query's (FROM, FROM NAMED), else the store's;
    relative IRIs resolve against the endpoint's URL."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})
    settings: Settings = request.app.state.settings
    fields: dict[str, list[str]] = {}
    body_query = []
    if request.method == "POST":
        ctype, params = content_type(request.headers.get("content-type"))
        if ctype == "application/sparql-update":
            raise Problem(403, guard.READ_ONLY)
        raw = await read_limited(request, MAX_QUERY_BODY, "the request body")
        if ctype == "application/x-www-form-urlencoded":
            fields = form_fields(raw, params.get("charset"))
        elif ctype == "multipart/form-data":
            multipart = await request.form()
            fields = {k: [v for v in multipart.getlist(k) if isinstance(v, str)] for k in multipart}
        elif ctype == "application/sparql-query":
            if params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
                raise Problem(415, f"a query body in {params['charset']} cannot be read: send it in UTF-8")
            try:
                body_query = [raw.decode("utf-8")]
            except UnicodeDecodeError:
                raise Problem(400, "the query is not valid UTF-8") from None
        else:
            raise Problem(
                415,
                f"cannot read a {ctype or 'body without a Content-Type'}: send the query "
                "form-encoded (query=...) or as an application/sparql-query body",
            )

    def values(name: str) -> list[str]:
        return request.query_params.getlist(name) + fields.get(name, [])

    if values("update"):
        raise Problem(403, guard.READ_ONLY)
    queries = values("query") + body_query
    if not queries and request.method == "GET":
        return service_description(request)
    if not queries:
        raise Problem(
            400,
            "no query given: send query=... (GET or form-encoded POST) or an "
            "application/sparql-query body; the query page is at /",
        )
    if len(queries) > 1:
        raise Problem(400, "more than one query given: send exactly one")
    try:
        described = datasets.from_request(values("default-graph-uri"), values("named-graph-uri"))
    except InputError as err:
        raise Problem(400, err.message) from None
    accept, format_params = request.headers.get("accept"), values("format") + values("output") + values("results")
    result_fmt, graph_fmt = negotiation.formats(accept, format_params)
    chosen = any(v.strip() for v in format_params)  # format= wins over Accept
    form = clauses.query_form(queries[0])
    if form and not chosen and negotiation.negotiate(accept, negotiation.offered(form)) is None:
        kinds = ", ".join(media for media, _ in negotiation.offered(form))
        raise Problem(406, f"this {form.upper()} query's answer can be sent as {kinds}; the Accept header takes none")
    base_iri = str(request.url.replace(query="", fragment=""))
    dataset = [list(described.default), list(described.named)] if described else None
    cache: AnswerCache | None = request.app.state.answers
    key = (queries[0], result_fmt, graph_fmt, settings.max_rows, base_iri, repr(dataset))
    result = cache.get(key) if cache else None  # only queries the guard let through are ever kept
    if result is None:
        try:
            guard.check(queries[0], settings.service_allow)
        except guard.Refused as refused:
            raise Problem(refused.status, refused.message) from None
        state = cache.state() if cache else None
        job = {"kind": "sparql", "text": queries[0], "limit": settings.max_rows, "base_iri": base_iri}
        result = await run_job(request, {**job, "result_fmt": result_fmt, "graph_fmt": graph_fmt, "dataset": dataset})
        if cache and not settings.service_allow:  # a SERVICE answer is the remote's, which may change
            cache.put(key, result, state)
    headers = {
        "X-JWC-Truncated": "true" if result["truncated"] else "false",
        "X-JWC-Row-Limit": str(settings.max_rows),
        "Vary": "Accept",
    }
    if result.get("warnings"):
        headers["X-JWC-Warnings"] = json.dumps(result["warnings"])  # ASCII: \u escapes keep it a valid header
    if values("download"):
        headers["Content-Disposition"] = f'attachment; filename="query.{negotiation.EXTENSIONS[result["fmt"]]}"'
    media = negotiation.MEDIA_TYPES[result["fmt"]]
    if not chosen:
        media = negotiation.media_type(accept, negotiation.offered(result["form"]), result["fmt"])
    return Response(result["body"], headers=headers, media_type=media)


#: What `GET /sparql` with no query answers to an RDF client: a SPARQL 1.1 Service Description.
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<https://w3id.org/jwc/sparql> a sd:Service ;
    sd:endpoint <https://w3id.org/jwc/sparql> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> , <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,
        <http://www.w3.org/ns/formats/Turtle> , <http://www.w3.org/ns/formats/JSON-LD> ,
        <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ; void:subset <https://w3id.org/jwc/id/dataset/jwc-graph> ] .
"""


def service_description(request: Request) -> Response:
    """`GET /sparql` without a query: browsers go to the query page, RDF clients get the service description."""
    if (
        negotiation.negotiate(request.headers.get("accept"), [("text/html", "html"), ("text/turtle", "turtle")])
        == "html"
    ):
        return RedirectResponse("/", status_code=303)
    return Response(SERVICE_DESCRIPTION, media_type="text/turtle; charset=utf-8", headers={"Vary": "Accept"})


async def search_names(request: Request) -> JSONResponse:
    """`/search?q=&kind=&limit=`: classes, properties, concepts and entities whose name, CURIE or IRI matches
    (search.py), best first, as JSON; `kind` takes one or more of class, property, concept, shape, entity."""
    params = request.query_params
    text = params.get("q", "")
    if len(text) > search.MAX_QUERY:
        raise Problem(400, f"q is over {search.MAX_QUERY} characters: give a name, a CURIE or an IRI")
    kinds = [k.strip() for k in ",".join(params.getlist("kind")).split(",") if k.strip() and k.strip() != "any"]
    unknown = sorted(set(kinds) - set(search.KINDS))
    if unknown:
        raise Problem(400, f"unknown kind {unknown[0]!r}: use any, or one or more of {', '.join(search.KINDS)}")
    limit = params.get("limit", str(search.DEFAULT_LIMIT)).strip()
    if not limit.isdigit() or not 1 <= int(limit) <= search.MAX_LIMIT:
        raise Problem(400, f"limit must be a whole number from 1 to {search.MAX_LIMIT}, not {limit!r}")
    found = await run_job(request, {"kind": "search", "q": text, "kinds": kinds, "limit": int(limit)})
    return JSONResponse({"q": text, "kinds": kinds or list(search.KINDS), "results": found})


def _format(request: Request, offers: list) -> str:
    """The format a page is asked in: `?format=`, else the Accept header, else HTML."""
    asked = request.query_params.get("format", "").strip().lower()
    if asked:
        fmt = "html" if asked == "html" else negotiation.FORMAT_PARAM.get(asked, (None, None))[1]
        if fmt is None:
            raise Problem(400, f"unknown format {asked!r}: use html, turtle, jsonld, ntriples or rdfxml")
        return fmt
    return negotiation.negotiate(request.headers.get("accept"), offers) or "html"


async def resource(request: Request, iri: str) -> Response:
    """A resource's page (HTML), or its triples (Turtle, JSON-LD, ...) as the client asks."""
    settings: Settings = request.app.state.settings
    fmt = _format(request, ENTITY_OFFERS)
    try:
        ox.NamedNode(iri)
    except ValueError:  # a quote, space, bracket or NUL in the path: no IRI of the graph can be written so
        raise Problem(
            404, f"no entity {iri!r} in this graph: that is not an IRI; the query page at / lists what there is"
        ) from None
    data = await run_job(
        request, {"kind": "entity", "iri": iri, "limit": settings.max_rows, "fmt": None if fmt == "html" else fmt}
    )
    if data is None:
        raise Problem(404, f"no entity <{iri}> in this graph; the query page at / lists what there is")
    if fmt != "html":
        return Response(data, media_type=negotiation.MEDIA_TYPES[fmt], headers={"Vary": "Accept"})
    return HTMLResponse(render("entity.html", e=entity_page.view(data)), headers={"Vary": "Accept"})


async def entity(request: Request) -> Response:
    """/id/<kind>/<slug>: an entity of the data (or a source, a graph, the dataset's description)."""
    return await resource(request, ID + request.path_params["kind"] + "/" + request.path_params["slug"])


async def vocabulary(request: Request) -> Response:
    """/vocab/<concept>: a concept of the controlled lists; /vocab/ itself is the ontology page's lists."""
    slug = request.path_params["slug"]
    if not slug:
        return RedirectResponse("/ontology#lists", status_code=303)
    return await resource(request, VOCAB + slug)


async def _graph_page(request: Request, graph: str, html_job: str, template: str) -> Response:
    """A whole named graph as RDF, or as its HTML page."""
    fmt = _format(request, ENTITY_OFFERS)
    if fmt != "html":
        data = await run_job(request, {"kind": "graph", "graph": graph, "fmt": fmt})
        return Response(data, media_type=negotiation.MEDIA_TYPES[fmt], headers={"Vary": "Accept"})
    data = await run_job(request, {"kind": html_job})
    return HTMLResponse(render(template, data=data, iri=graph), headers={"Vary": "Accept"})


async def ontology_page(request: Request) -> Response:
    """/ontology (and its version IRIs): every class, property and controlled list, or the ontology graph as RDF."""
    return await _graph_page(request, ONTOLOGY_GRAPH, "terms", "ontology.html")


async def shapes_page(request: Request) -> Response:
    """/shapes: every SHACL shape with what it checks, or the shapes graph as RDF."""
    return await _graph_page(request, SHAPES_GRAPH, "shapes", "shapes.html")


async def dist_file(request: Request) -> Response:
    """/dist/<file>: a file of the last build's dist/, as listed (and hashed) in its SHA256SUMS."""
    dist: Path = request.app.state.settings.project.dist_dir
    name = request.path_params["name"]
    try:
        listed = {line.split("  ", 1)[1] for line in (dist / "SHA256SUMS").read_text().splitlines() if "  " in line}
    except OSError:
        listed = set()
    if name not in listed | {"SHA256SUMS"}:
        raise Problem(404, f"no file {name!r} in this build's dist/; the files are: {', '.join(sorted(listed))}")
    found = BY_SUFFIX.get(Path(name).suffix)
    return FileResponse(dist / name, media_type=found.media_type if found else "text/plain; charset=utf-8")


#: The map page is one self-contained file whose vis-network code and data are inline; it loads nothing.
MAP_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


async def map_page(request: Request) -> Response:
    """The network map (the page `jwc map` writes), made by a worker from the served store, opening on the view
    the parameters give: ?focus=&depth=&kinds=&year=&since=&until=&undated=&size_by=&colour=&theme=&collapse=&select=
    (the page writes the same parameters into its address as the reader changes the view)."""
    try:
        view = MapView.from_params(request.query_params)
    except InputError as err:
        raise Problem(400, err.message) from None
    options = {name: getattr(view, name) for name in VIEW_FIELDS}
    html = await run_job(request, {"kind": "map", "options": options})
    return HTMLResponse(html, headers={"Content-Security-Policy": MAP_CSP})


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, or a clear error when the port is taken or the address is wrong."""
    try:
        family, _, _, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except (socket.gaierror, OSError) as err:
        raise InputError(f"cannot listen on {host}:{port}: {err}", fix="check --host") from None
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} on {host} is already in use (another `jwc serve` or another server)",
                fix=f"stop the other server, or choose another port: jwc serve --port {port + 1}",
            ) from None
        if err.errno == errno.EACCES:
            raise InputError(
                f"not allowed to listen on port {port}", fix="choose a port above 1024 with --port"
            ) from None
        raise InputError(
            f"cannot listen on {host}:{port}: {err.strerror or err}", fix="check --host and --port"
        ) from None
    return sock


def serve(
    project: Project,
    host: str = "127.0.0.1",
    port: int = 8080,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    service_allow=(),
    workers: int | None = None,
    max_memory: int = DEFAULT_MAX_MEMORY,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    cache: bool = True,
) -> None:
    """Serve the built store until interrupted (Ctrl-C); errors before start-up are JwcErrors."""
    if not project.store_dir.is_dir():
        raise InputError(f"{project.store_dir}: no graph store here yet", fix="run `jwc build` first")
    sock = bind(host, port)
    app = create_app(
        project,
        timeout=timeout,
        max_rows=max_rows,
        service_allow=service_allow,
        workers=workers,
        max_memory=max_memory,
        max_upload=max_upload,
        cache=cache,
    )
    lanes: Lanes = app.state.lanes
    try:
        lanes.start()
        shown = f"[{host}]" if ":" in host else host
        network = (
            "queries run without a network"
            if lanes.isolated()
            else "SERVICE limited to the allow-list"
            if service_allow
            else "no SERVICE host allowed"
        )
        print(
            f"jwc serve: http://{shown}:{sock.getsockname()[1]}/  (SPARQL endpoint: /sparql, entities: /id/...; "
            f"query time limit {timeout:g} s, at most {max_rows:,} rows, {max_memory // 2**20:,} MB per query; "
            f"{network}; Ctrl-C stops)",
            file=sys.stderr,
            flush=True,
        )
        config = uvicorn.Config(app, log_level="info", lifespan="on", server_header=False, timeout_graceful_shutdown=5)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        lanes.close()
        sock.close()
