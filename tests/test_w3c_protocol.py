"""The W3C SPARQL 1.1 Protocol tests against the real endpoint (`create_app` over a store built as `jwc build`
writes one, through Starlette's TestClient): each test's HTTP exchange sent as it is written, and the
response checked for its status class, the format of its answer and, for ASK, its value.

The exchanges are those of a checkout of w3c/rdf-tests when one is given (w3c_suite.protocol_present), else those
written in tests/w3c_protocol_exchanges.py for each test the committed manifest lists, so a clean clone runs them.

The update tests are out of scope: the endpoint is read-only, and each of them must be refused with a 4xx
(403 for an update it could otherwise read).
"""

from __future__ import annotations

import warnings

import pyoxigraph as ox
import pytest

import w3c_protocol_exchanges as exchanges
import w3c_suite as suite
from jwc_graph.base.project import Project
from jwc_graph.rdf.default_graph import with_union
from jwc_graph.rdf.store import write_store
from jwc_graph.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions, not about this project
    from starlette.testclient import TestClient

FROM_CHECKOUT = suite.protocol_present()
CASES = suite.protocol_tests() if FROM_CHECKOUT else exchanges.vendored_tests(suite.vendored_protocol_names())


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The endpoint over a store holding every graph the tests name (each loaded from its file), the default
    graph their union, as the build writes it."""
    root = tmp_path_factory.mktemp("protocol")
    (root / "queries").mkdir()
    graphs = {iri: path for case in CASES for iri, path in case.graphs.items()}
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(iri))
        for iri, path in sorted(graphs.items())
        for q in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
    ]
    write_store(Project(root).store_dir, with_union(quads))
    with TestClient(create_app(Project(root), timeout=20.0, workers=1)) as c:
        yield c


def send(client, request: suite.HttpRequest):
    return client.request(request.method, request.target, headers=request.headers, content=request.body)


@pytest.mark.parametrize("case", [c for c in CASES if not c.is_update], ids=lambda c: c.id)
def test_query_side_protocol_test(client, case):
    for request in case.requests:
        r = send(client, request)
        problem = suite.response_problem(request, r.status_code, r.headers.get("content-type", ""), r.content)
        assert problem is None, f"{case.name}: {request.method} {request.target}: {problem}"


@pytest.mark.parametrize("case", [c for c in CASES if c.is_update], ids=lambda c: c.id)
def test_update_tests_are_refused_by_the_read_only_endpoint(client, case):
    first = case.requests[0]
    r = send(client, first)
    assert r.status_code // 100 == 4, f"{case.name}: {r.status_code} {r.text[:200]}"
    if first.statuses != {4} and first.method == "POST":  # an update the endpoint could read: said read-only
        assert r.status_code == 403 and "read-only" in r.text


def test_the_suite_is_read_whole():
    assert len(CASES) == 34 and sum(not c.is_update for c in CASES) == 20
    assert all(r.target.startswith("/sparql") for c in CASES for r in c.requests)
    if not FROM_CHECKOUT:  # a checkout may be newer than the committed manifest
        assert [c.id for c in CASES] == list(suite.vendored_protocol_names()), "the committed manifest's tests"


def test_a_test_the_manifest_lists_without_an_exchange_is_an_error():
    names = {**suite.vendored_protocol_names(), "query_from_the_future": "a test added to a newer manifest"}
    with pytest.raises(LookupError, match="query_from_the_future"):
        exchanges.vendored_tests(names)
