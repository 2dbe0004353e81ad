"""The server keeps recent answers: the same question of an unchanged store is answered without a worker, and
never after the store changed."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.testclient import TestClient

from conftest import copy_project
from jwc_graph.build.pipeline import build
from jwc_graph.rdf.default_graph import with_union
from jwc_graph.web.app import create_app

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s a jwc:NGO }"


def count(r) -> int:
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_a_repeated_query_is_answered_from_the_cache_until_the_store_changes(tmp_path):
    project = copy_project(tmp_path)
    build(project)
    app = create_app(project, workers=1)
    calls = []
    with TestClient(app) as c:
        pool = app.state.lanes.pools["queries"]
        real = pool.call

        async def counted(job, cancelled=None):
            calls.append(job["kind"])
            return await real(job, cancelled)

        pool.call = counted
        first = c.get("/sparql", params={"query": QUERY})
        again = c.get("/sparql", params={"query": QUERY})
        assert first.content == again.content and len(calls) == 1, "the second answer came from the cache"
        as_csv = c.get("/sparql", params={"query": QUERY}, headers={"Accept": "text/csv"})
        assert as_csv.status_code == 200 and len(calls) == 2, "another format is another answer"
        store = ox.Store(str(project.store_dir))  # a writer, as `jwc submit` is
        g, new = (
            ox.NamedNode("https://w3id.org/jwc/id/source/cache-test"),
            ox.NamedNode("https://w3id.org/jwc/id/org/x"),
        )
        store.extend(with_union([ox.Quad(new, ox.NamedNode(RDF_TYPE), ox.NamedNode(NGO), g)]))
        store.flush()
        del store
        after = c.get("/sparql", params={"query": QUERY})
        assert count(after) == count(first) + 1 and len(calls) == 3, "a changed store is asked again"


def test_the_cache_can_be_turned_off(built):
    with TestClient(create_app(built, workers=1, cache=False)) as c:
        assert c.app.state.answers is None
        assert c.get("/sparql", params={"query": QUERY}).status_code == 200


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NGO = "https://w3id.org/jwc/ontology#NGO"
