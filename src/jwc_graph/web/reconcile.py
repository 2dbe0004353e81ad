"""The reconciliation service (Reconciliation Service API v0.2) that OpenRefine adds with the URL
http://HOST:PORT/reconcile, so stewards can match a spreadsheet's names to the graph's entities.

GET /reconcile is the manifest; GET or POST /reconcile with `queries=` answers a batch of reconciliation queries,
with `extend=` a data extension query; /reconcile/preview?id= is an entity's card (for OpenRefine's iframe);
/reconcile/suggest/{entity,type,property}?prefix=&cursor= complete names as they are typed;
/reconcile/properties?type=&limit= proposes properties to extend with. This module reads and checks the requests
and shapes the answers; everything that reads the store runs in the pages lane's worker (reconcile_api.py).
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..base.namespaces import ID, ONTOLOGY, shorten
from ..network.options import KINDS
from .bodies import read_limited
from .jobs import Problem, run_job
from .settings import MAX_QUERY_BODY
from .templating import render

#: The most queries one batch may hold (the manifest's batchSize; OpenRefine sends 10 at a time).
BATCH_SIZE = 50
#: Candidates per query when the query gives no limit, and the most it may ask for.
DEFAULT_LIMIT, MAX_LIMIT = 5, 100
#: The most entities and properties one data extension query may ask for.
MAX_EXTEND_IDS, MAX_EXTEND_PROPERTIES = 500, 50
#: The preview card's size in OpenRefine's iframe.
PREVIEW_WIDTH, PREVIEW_HEIGHT = 420, 200
#: The preview is shown inside OpenRefine's page, so unlike the other pages it may be framed; it runs nothing.
PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'"
SUGGESTS = ("entity", "type", "property")


def manifest(base: str) -> dict:
    """The service manifest; `base` is the server's own URL (ending in /), which the other services hang from."""
    root = base.rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "jwc-graph: the international child-justice knowledge graph",
        "identifierSpace": ID,
        "schemaSpace": ONTOLOGY,
        "defaultTypes": [{"id": shorten(iri), "name": kind.capitalize()} for kind, iri in KINDS],
        "view": {"url": base + "id/{{id}}"},
        "preview": {"url": base + "reconcile/preview?id={{id}}", "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "suggest": {what: {"service_url": root, "service_path": f"/reconcile/suggest/{what}"} for what in SUGGESTS},
        "extend": {
            "propose_properties": {"service_url": root, "service_path": "/reconcile/properties"},
            "property_settings": [],
        },
        "batchSize": BATCH_SIZE,
    }


async def service(request: Request) -> Response:
    """/reconcile: the manifest, a batch of reconciliation queries (`queries=`) or a data extension (`extend=`)."""
    params = dict(request.query_params)
    if request.method == "POST":
        await read_limited(request, MAX_QUERY_BODY, "the request body")
        form = await request.form()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    if "queries" in params:
        queries = parse_queries(params["queries"])
        return JSONResponse(await run_job(request, {"kind": "reconcile", "op": "query", "queries": queries}))
    if "extend" in params:
        ids, properties = parse_extend(params["extend"])
        job = {"kind": "reconcile", "op": "extend", "ids": ids, "properties": properties}
        return JSONResponse(await run_job(request, job))
    if request.method == "POST":
        raise Problem(400, "send queries=<a JSON batch of reconciliation queries> or extend=<a data extension query>")
    return JSONResponse(manifest(str(request.base_url)))


def _json(text: str, what: str):
    try:
        return json.loads(text)
    except ValueError as err:
        raise Problem(400, f"{what} is not JSON: {err}") from None


def parse_queries(text: str) -> dict[str, dict]:
    """A reconciliation query batch, checked: {key: {query, types, limit, properties: [{pid, texts, ids}]}}."""
    batch = _json(text, "queries")
    if not isinstance(batch, dict):
        raise Problem(400, 'queries must be a JSON object of queries by key: {"q0": {"query": "Terre des hommes"}}')
    if len(batch) > BATCH_SIZE:
        raise Problem(413, f"{len(batch)} queries in one batch; this service takes at most {BATCH_SIZE}")
    return {str(key): _query(str(key), q) for key, q in batch.items()}


def _query(key: str, q) -> dict:
    def bad(message: str) -> Problem:
        return Problem(400, f"query {key!r}: {message}")

    if not isinstance(q, dict):
        raise bad('each query must be an object such as {"query": "Terre des hommes", "type": "org:Organization"}')
    text = q.get("query")
    if text is not None and not isinstance(text, str):
        raise bad("query must be a string")
    types = q.get("type") or []
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise bad("type must be a type's id or a list of them")
    limit = q.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or limit < 1:
        raise bad("limit must be a positive number")
    properties = q.get("properties") or []
    if not isinstance(properties, list):
        raise bad('properties must be a list of {"pid": ..., "v": ...}')
    wanted = [_property_value(bad, p) for p in properties]
    if not (text or "").strip() and not wanted:
        raise bad("give a query (a name) or properties to match")
    return {"query": text, "types": types, "limit": min(int(limit), MAX_LIMIT), "properties": wanted}


def _property_value(bad, p) -> dict:
    """One property of a query: its id, and its values as texts and entity ids."""
    if not isinstance(p, dict) or not isinstance(p.get("pid"), str) or "v" not in p:
        raise bad('each property must be {"pid": "<property id>", "v": <value or list of values>}')
    texts, ids = [], []
    for v in p["v"] if isinstance(p["v"], list) else [p["v"]]:
        if isinstance(v, dict) and isinstance(v.get("id"), str):
            ids.append(v["id"])
        elif isinstance(v, str | int | float) and not isinstance(v, bool):
            texts.append(str(v))
        elif isinstance(v, bool):
            texts.append("true" if v else "false")
        else:
            raise bad(f"property {p['pid']!r}: a value must be a string, a number, a boolean or {{'id': ...}}")
    return {"pid": p["pid"], "texts": texts, "ids": ids}


def parse_extend(text: str) -> tuple[list[str], list[str]]:
    """A data extension query, checked: the entity ids and property ids it asks for."""
    query = _json(text, "extend")
    usage = 'extend must be {"ids": ["org/pri", ...], "properties": [{"id": "org:memberOf"}, ...]}'
    if (
        not isinstance(query, dict)
        or not isinstance(query.get("ids"), list)
        or not isinstance(query.get("properties"), list)
    ):
        raise Problem(400, usage)
    ids = query["ids"]
    pids = [p.get("id") if isinstance(p, dict) else None for p in query["properties"]]
    if not all(isinstance(i, str) for i in ids) or not all(isinstance(p, str) for p in pids):
        raise Problem(400, usage)
    if len(ids) > MAX_EXTEND_IDS or len(pids) > MAX_EXTEND_PROPERTIES:
        raise Problem(
            413, f"at most {MAX_EXTEND_IDS} entities and {MAX_EXTEND_PROPERTIES} properties in one extension query"
        )
    return ids, pids


def _cursor(request: Request) -> int:
    value = request.query_params.get("cursor", "0").strip() or "0"
    if not value.isdigit():
        raise Problem(400, f"cursor must be a whole number of suggestions to skip, not {value!r}")
    return int(value)


async def suggest(request: Request) -> Response:
    """/reconcile/suggest/{entity,type,property}?prefix=&cursor=: names that begin with what has been typed."""
    what = request.path_params["what"]
    if what not in SUGGESTS:
        raise Problem(404, f"no suggest service {what!r}: there are /reconcile/suggest/entity, type and property")
    job = {
        "kind": "reconcile",
        "op": "suggest",
        "what": what,
        "prefix": request.query_params.get("prefix", ""),
        "cursor": _cursor(request),
    }
    return JSONResponse(await run_job(request, job))


async def preview(request: Request) -> Response:
    """/reconcile/preview?id=: a small card of the entity (names, types, description), all text escaped."""
    ident = request.query_params.get("id", "").strip()
    if not ident:
        raise Problem(400, "give the entity's id: /reconcile/preview?id=org/pri")
    card = await run_job(request, {"kind": "reconcile", "op": "preview", "id": ident})
    if card is None:
        raise Problem(404, f"no entity {ident!r} in this graph")
    html = render("reconcile_preview.html", e=card)
    return HTMLResponse(html, headers={"Content-Security-Policy": PREVIEW_CSP})


async def properties(request: Request) -> Response:
    """/reconcile/properties?type=&limit=: the properties entities of the type use, to extend a table with."""
    limit = request.query_params.get("limit", "").strip()
    if limit and (not limit.isdigit() or int(limit) < 1):
        raise Problem(400, f"limit must be a positive whole number, not {limit!r}")
    job = {
        "kind": "reconcile",
        "op": "propose",
        "type": request.query_params.get("type", "").strip(),
        "limit": int(limit) if limit else None,
    }
    return JSONResponse(await run_job(request, job))
