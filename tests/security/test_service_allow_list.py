"""Attack: make the public endpoint call a host of the attacker's choosing (or this machine) through SERVICE.

The adversarial run found that the guard and the engine tokenized a query differently: a prefixed name with
`·` or U+0300/U+203F followed by an escaped quote made the guard read a string that swallowed SERVICE, and
the server POSTed to a local port. Each test sends the exact payload and a local listener proves that
nothing left the server.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from jwc_graph.sparql import guard
from jwc_graph.web.app import create_app
from jwc_graph.web.workers import WorkerLimits, WorkerPool

#: The payloads of the adversarial run, {url} being the listener. Each hides SERVICE from a naive tokenizer.
BYPASSES = [
    "PREFIX x: <http://e.example/> SELECT * WHERE { BIND(x:a\u00b7\\' AS ?z) SERVICE <{url}> { ?a ?b ?c } "
    'FILTER(STR(?z) != "\'") }',
    "PREFIX x: <http://e.example/> SELECT * WHERE { BIND(x:a\u0300\\' AS ?z) SERVICE <{url}> { ?a ?b ?c } "
    'FILTER(STR(?z) != "\'") }',
    "PREFIX x: <http://e.example/> SELECT * WHERE { BIND(x:a\u203f\\' AS ?z) SERVICE <{url}> { ?a ?b ?c } "
    'FILTER(STR(?z) != "\'") }',
    # the same with SPARQL's \u escapes, which the engine unfolds before it parses
    "PREFIX x: <http://e.example/> SELECT * WHERE { BIND(x:a\\u00B7\\' AS ?z) SERVICE <{url}> { ?a ?b ?c } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?a ?b ?c } }",
]


@pytest.fixture(scope="module")
def closed(built):
    """The server as it ships: no SERVICE host allowed."""
    with TestClient(create_app(built, timeout=10.0, workers=1)) as c:
        yield c


@pytest.mark.parametrize("payload", BYPASSES)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_service_smuggled_past_the_guard_is_refused_and_nothing_leaves(closed, listener, payload, method):
    query = payload.replace("{url}", listener.url("/leak"))
    if method == "GET":
        r = closed.get("/sparql", params={"query": query})
    else:
        r = closed.post("/sparql", data={"query": query})
    assert r.status_code in (400, 403), r.text
    time.sleep(0.3)
    assert listener.hits == [], "the server called the listener"


def test_an_allowed_name_that_resolves_to_this_machine_is_refused(built, listener):
    """`--allow-service localhost:PORT` names a host, but it resolves to 127.0.0.1: refused unless the address
    itself is named."""
    url = f"http://localhost:{listener.port}/sparql"
    query = f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
    with TestClient(create_app(built, service_allow=[f"localhost:{listener.port}"], workers=1)) as c:
        r = c.get("/sparql", params={"query": query})
        assert r.status_code == 403 and "127.0.0.1" in r.text
    time.sleep(0.3)
    assert listener.hits == []
    with TestClient(create_app(built, service_allow=[f"127.0.0.1:{listener.port}"], workers=1)) as c:
        r = c.get("/sparql", params={"query": query.replace("localhost", "127.0.0.1")})
        assert r.status_code == 200, r.text
    assert len(listener.hits) == 1, "naming the address itself allows it"


def test_query_workers_have_no_network_when_no_service_is_allowed(built, listener):
    """Defence in depth: were the guard wrong, the worker running the query could not reach the listener."""
    pool = WorkerPool(built, size=1, timeout=10, limits=WorkerLimits(network=False))
    pool.start()
    try:
        if not all(w.isolated for w in pool._all):
            pytest.skip("this kernel lets no unprivileged process have its own network namespace")
        job = {
            "kind": "sparql",
            "text": f"SELECT * WHERE {{ SERVICE <{listener.url('/direct')}> {{ ?a ?b ?c }} }}",
            "limit": 10,
            "result_fmt": "json",
            "graph_fmt": "turtle",
        }

        with pytest.raises(Exception, match=r"(?i)unreachable|connect|network"):
            asyncio.run(pool.call(job))
    finally:
        pool.close()
    assert listener.hits == []


# --- the guard against the engine ---------------------------------------------------------------

#: Pieces a query is made of: names, strings and comments that a tokenizer can misread.
NOISE = [
    "x:a\u00b7",
    "x:a\u0300",
    "x:a\u203f",
    "x:a\\'",
    "x:a\\\\",
    "x:a%41",
    "x:a.b",
    "x:\u00e9t\u00e9",
    "'it''s'",
    '"a \\" b"',
    "'''a ' b'''",
    '"""a " b"""',
    "'SERVICE <http://127.0.0.1:1/no>'",
    '"\\u0022"',
    "<http://e.example/a#SERVICE>",
    "?SERVICE",
    "$v\u00b7",
    "1.5e3",
    "true",
]
COMMENT = "# SERVICE <http://127.0.0.1:1/comment>\n"


def _target(form: str, n: int, port: int) -> str:
    """A SERVICE target written one of the ways SPARQL allows; path /s{n}."""
    return {
        "iri": f"<http://127.0.0.1:{port}/s{n}>",
        "escaped": f"<http://127.0.0.1:{port}/\\u0073{n}>",
        "prefixed": f"t:s{n}",
        "relative": f"<s{n}>",
    }[form]


queries = st.tuples(
    st.lists(st.sampled_from(NOISE), min_size=1, max_size=4),
    st.lists(st.sampled_from(["iri", "escaped", "prefixed", "relative"]), min_size=1, max_size=2),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries)
def test_the_guard_and_the_engine_agree_on_every_service_call(listener, engine_store, parts):
    """Generated queries run through the guard and through Oxigraph itself (in this process, calling the
    listener): every host the engine calls is one the guard saw, or the guard refused the query as unreadable."""
    noise, forms, silent, comment = parts
    port = listener.port
    prologue = f"BASE <http://127.0.0.1:{port}/> PREFIX x: <http://e.example/> PREFIX t: <http://127.0.0.1:{port}/> "
    binds = " ".join(f"BIND({n} AS ?v{i})" if not n.startswith("?") else "" for i, n in enumerate(noise))
    services = " ".join(
        f"SERVICE {'SILENT ' if silent else ''}{_target(f, i, port)} {{ ?a{i} ?b{i} ?c{i} }}"
        for i, f in enumerate(forms)
    )
    query = f"{prologue}SELECT * WHERE {{ {binds} {COMMENT if comment else ''}{services} }}"
    try:
        seen = guard.service_targets(guard.unescape(query))
        guard.check(query, frozenset({f"127.0.0.1:{port}"}))
    except guard.Refused as refused:
        assert refused.status == 400
        return
    before = len(listener.hits)
    try:
        list(engine_store.query(query))
    except SyntaxError:
        return  # the engine refuses it too: nothing is called
    called = set(listener.hits[before:])
    guarded = {"/" + t.split("/", 3)[3] for t in seen if t}
    assert called <= guarded, f"{query!r}: the engine called {called - guarded} that the guard did not see"
    assert guarded, "every generated query calls a service"


@pytest.fixture(scope="module")
def engine_store():
    import pyoxigraph as ox

    return ox.Store()
