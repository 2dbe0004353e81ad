"""The default graph is a set: a triple several sources state is one triple there, everywhere a query runs
(the store, `jwc query`, `jwc query --data`, the Python API, /sparql), while `GRAPH ?g` gives each source."""

from __future__ import annotations

import json

import pytest

from conftest import run_jwc
from jwc_graph.api import open_graph
from jwc_graph.rdf.default_graph import stated
from jwc_graph.rdf.store import load_in_memory, open_store

NGOS = "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE { ?s a jwc:NGO }"


def counts(rows) -> tuple[int, int]:
    row = rows[0]
    return int(row["n"]), int(row["d"])


def test_each_ngo_counts_once_though_several_sources_type_it(built):
    g = open_graph(built.root)
    n, d = counts(g.query(NGOS).rows())
    assert n == d and n > 0
    per_source = g.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a jwc:NGO } }").rows()[0]["n"]
    assert per_source > n, "some NGO is typed by more than one source: GRAPH ?g keeps each statement"


def test_all_triples_of_the_default_graph_are_the_distinct_triples_of_the_sources(built, store):
    distinct = {q.triple for q in stated(store)}
    n = open_graph(built.root).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows()[0]["n"]
    assert n == len(distinct)


def test_the_command_line_and_the_endpoint_count_the_same(built, client):
    cli = run_jwc("query", "--format", "json", NGOS, cwd=built.root, check=True)
    row = json.loads(cli.stdout)["results"]["bindings"][0]
    assert row["n"]["value"] == row["d"]["value"]
    r = client.get("/sparql", params={"query": NGOS})
    row = r.json()["results"]["bindings"][0]
    assert row["n"]["value"] == row["d"]["value"]


def test_files_queried_with_data_are_merged_as_a_set(tmp_path):
    triple = "<http://e.example/a> a <http://e.example/C> .\n"
    for name in ("one.ttl", "two.ttl"):
        (tmp_path / name).write_text(triple)
    store = load_in_memory([tmp_path / "one.ttl", tmp_path / "two.ttl"])
    assert len(list(store.query("SELECT * WHERE { ?s a ?c }"))) == 1
    assert len(list(store.query("SELECT * WHERE { GRAPH ?g { ?s a ?c } }"))) == 2


@pytest.mark.slow
def test_submit_and_revert_keep_the_default_graph_the_union(fresh, tmp_path):
    run_jwc("build", cwd=fresh.root, check=True)
    sub = tmp_path / "again.ttl"
    sub.write_text(
        "@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/jwc/id/org/tdh> a jwc:NGO .\n"  # stated by the seeds already
        '<https://w3id.org/jwc/id/org/only-here> a jwc:NGO ; skos:prefLabel "Only Here"@en .\n'
    )
    ask = "ASK { <https://w3id.org/jwc/id/org/%s> a jwc:NGO }"
    run_jwc("submit", str(sub), "--source", "a set test", cwd=fresh.root, check=True)
    g = open_graph(fresh.root)
    assert counts(g.query(NGOS).rows())[0] == counts(g.query(NGOS).rows())[1]
    assert g.query(ask % "only-here").boolean
    del g
    sid = json.loads(run_jwc("submissions", "list", "--format", "json", cwd=fresh.root, check=True).stdout)[0]["id"]
    run_jwc("submissions", "revert", sid, cwd=fresh.root, check=True)
    store = open_store(fresh.store_dir)
    assert not store.query(f"PREFIX jwc: <https://w3id.org/jwc/ontology#> {ask % 'only-here'}")
    assert store.query(f"PREFIX jwc: <https://w3id.org/jwc/ontology#> {ask % 'tdh'}"), "another source states it"
