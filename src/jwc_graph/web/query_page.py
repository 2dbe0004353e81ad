"""The query page (YASGUI on this server's /sparql) and its short links: `POST /q` keeps a query's text and answers
`/q/<id>`, and `GET /q/<id>` opens the page with that query (or gives its text to a client that asks for text).

What the page needs from the server (the catalogue's examples, the project's prefixes, the query to open) goes
into the page as JSON; the page's script (static/query.js) does the rest in the browser.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..base.namespaces import ID, PREFIXES
from ..sparql import catalogue
from . import negotiation
from .bodies import read_limited
from .jobs import Problem
from .search import GRAPH_PAGES, PAGES
from .search import MAX_QUERY as MAX_SEARCH
from .settings import MAX_QUERY_BODY, Settings
from .templating import render

#: The page's Content-Security-Policy: the site's (app.CSP) plus two style hashes. YASR's table includes the
#: column-resizer library, which adds two fixed <style> elements of its own (its layout rules, and the col-resize
#: cursor while a column is dragged); a hash allows exactly those two texts, where 'unsafe-inline' would allow any
#: style. Scripts stay 'self' only: the bundle needs no eval. tests/test_query_editor.py checks the hashes
#: against the bundle's texts.
STYLE_HASHES = (
    "sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=",
    "sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg=",
)
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' "
    + " ".join(f"'{h}'" for h in STYLE_HASHES)
    + "; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: Where the query page's own pieces are served, for the page and for a test to find them.
ASSETS = (
    "/static/style.css",
    "/static/yasgui/yasgui.min.css",
    "/static/query.css",
    "/static/yasgui/yasgui.min.js",
    "/static/query-editor.js",
    "/static/query.js",
)


def page_html(request: Request, initial: str | None, short_id: str | None = None) -> str:
    """The page, opening with `initial` in the editor (and running it) when given."""
    settings: Settings = request.app.state.settings
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "question": q.question, "text": q.text}
        for q in catalogue.load(settings.project.queries_dir)
    ]
    data = {
        "examples": examples,
        "prefixes": PREFIXES,
        "id": ID,
        "pages": [list(p) for p in PAGES],
        "graphPages": GRAPH_PAGES,
        "endpoint": "/sparql",
        "searchMax": MAX_SEARCH,
        "maxRows": settings.max_rows,
        "timeout": settings.timeout,
        "initialQuery": initial,
        "shortId": short_id,
    }
    return render("query.html", examples=examples, data=data)


async def page(request: Request) -> HTMLResponse:
    """`/` and `/query`: the page; `?query=...` opens it with that query and runs it."""
    return HTMLResponse(page_html(request, request.query_params.get("query")), headers={"Content-Security-Policy": CSP})


async def save_link(request: Request) -> JSONResponse:
    """`POST /q` with `query=...` (form) or the query as the body: 201 (or 200 when already kept) and the link."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await read_limited(request, MAX_QUERY_BODY, "the request body")
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        found = (await request.form()).getlist("query")
        texts = [t for t in found if isinstance(t, str)]
        if len(texts) != 1:
            raise Problem(400, "send exactly one query=... to make a short link for")
        text = texts[0]
    elif ctype in ("application/sparql-query", "text/plain"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Problem(400, "the query is not valid UTF-8") from None
    else:
        raise Problem(
            415, "send the query form-encoded (query=...) or as an application/sparql-query or text/plain body"
        )
    key, created = await run_in_threadpool(request.app.state.links.save, text)
    path = f"/q/{key}"
    return JSONResponse(
        {"id": key, "path": path, "url": str(request.base_url).rstrip("/") + path},
        status_code=201 if created else 200,
        headers={"Location": path},
    )


async def open_link(request: Request) -> Response:
    """`GET /q/<id>`: the query page with the stored query, or its text for a client that prefers text."""
    key = request.path_params["key"]
    text = await run_in_threadpool(request.app.state.links.load, key)
    if text is None:
        raise Problem(404, f"no query is stored under /q/{key}; a short link is made on the query page at /")
    offers = [("text/html", "html"), ("application/sparql-query", "text"), ("text/plain", "text")]
    if negotiation.negotiate(request.headers.get("accept"), offers) == "text":
        return PlainTextResponse(text, media_type="application/sparql-query", headers={"Vary": "Accept"})
    return HTMLResponse(page_html(request, text, key), headers={"Vary": "Accept", "Content-Security-Policy": CSP})
