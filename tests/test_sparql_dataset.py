"""A query's dataset and base IRI, wherever it runs: default-graph-uri / named-graph-uri on /sparql, FROM / FROM
NAMED in the query, `--default-graph` files, base IRIs for queries and for loaded files, empty files.

Several default graphs are a set, as the project's default graph is: pyoxigraph alone counts a triple two of
them hold twice, and the tests show it does, so they can tell the two apart.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import run_jwc
from jwc_graph.api import open_graph
from jwc_graph.rdf.default_graph import stated
from jwc_graph.rdf.store import load_in_memory
from jwc_graph.sparql import clauses
from jwc_graph.sparql.dataset import Dataset, from_query

SHARED = "<http://e.example/a> a <http://e.example/C> .\n"
COUNT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"


@pytest.fixture
def two_files(tmp_path):
    """Two files of triples that share one triple and have one each of their own."""
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    one.write_text(SHARED + "<http://e.example/b> a <http://e.example/C> .\n", encoding="utf-8")
    two.write_text(SHARED + "<http://e.example/c> a <http://e.example/C> .\n", encoding="utf-8")
    return one, two


def count(graph, text: str) -> int:
    return graph.query(text).rows()[0]["n"]


def test_from_two_graphs_counts_a_shared_triple_once(two_files):
    one, two = (f"FROM <{p.resolve().as_uri()}>" for p in two_files)
    g = open_graph(files=list(two_files))
    assert count(g, COUNT.format(**{"from": f"{one} {two}"})) == 3
    assert count(g, COUNT.format(**{"from": one})) == 2
    bag = ox.Store()  # what Oxigraph gives for the same FROM clauses: the shared triple twice
    for path in two_files:
        bag.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(path.resolve().as_uri()))
    assert int(next(iter(bag.query(COUNT.format(**{"from": f"{one} {two}"}))))["n"].value) == 4


def test_from_named_alone_leaves_the_default_graph_empty_and_names_only_its_graphs(two_files):
    one = two_files[0].resolve().as_uri()
    g = open_graph(files=list(two_files))
    assert count(g, COUNT.format(**{"from": f"FROM NAMED <{one}>"})) == 0
    rows = g.query(f"SELECT DISTINCT ?g FROM NAMED <{one}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}").rows()
    assert rows == [{"g": one}]


def test_dataset_clauses_are_read_as_the_engine_reads_them():
    text = 'BASE <http://b.example/dir/> PREFIX s: <http://s.example/> SELECT ("FROM <x>" AS ?from) FROM <g1> FROM s:g2 FROM NAMED <../n> WHERE { ?from ?p ?o } # FROM <no>'
    assert clauses.dataset_clauses(text) == (["http://b.example/dir/g1", "http://s.example/g2"], ["http://b.example/n"])
    assert clauses.dataset_clauses("SELECT * WHERE { ?s ?p ?o }") is None
    assert from_query("SELECT * FROM <relative> WHERE {}") is None  # no base: the parser says what is wrong
    assert from_query("SELECT * FROM <g> WHERE {}", "http://b.example/") == Dataset(("http://b.example/g",), ())
    assert clauses.query_form("PREFIX select: <http://e/> CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * {} } }") == (
        "construct"
    )


# --- jwc query: --default-graph, base IRIs, empty files --------------------------------------------


def test_default_graph_files_make_the_default_graph_and_data_files_stay_named(tmp_path):
    (tmp_path / "default.ttl").write_text("<http://e.example/d> <http://e.example/p> 1 .\n", encoding="utf-8")
    (tmp_path / "named.ttl").write_text("<http://e.example/n> <http://e.example/p> 2 .\n", encoding="utf-8")
    files = ("--default-graph", "default.ttl", "--data", "named.ttl", "-f", "csv")
    default = run_jwc("query", "SELECT ?s WHERE { ?s ?p ?o }", *files, cwd=tmp_path, check=True).stdout.decode()
    assert default.split() == ["s", "http://e.example/d"]
    named = run_jwc("query", "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", *files, cwd=tmp_path, check=True)
    assert named.stdout.decode().split() == ["g", (tmp_path / "named.ttl").resolve().as_uri()]


def test_an_empty_file_is_an_empty_graph(tmp_path):
    (tmp_path / "empty.ttl").write_bytes(b"")
    (tmp_path / "blank.nq").write_bytes(b"\n  \n")
    proc = run_jwc(
        "query", "ASK { ?s ?p ?o }", "--default-graph", "empty.ttl", "--data", "blank.nq", cwd=tmp_path, check=True
    )
    assert b'"boolean":false' in proc.stdout.replace(b" ", b"")
    store = load_in_memory([], default_paths=[tmp_path / "empty.ttl"])
    assert len(store) == 0


def test_a_query_resolves_relative_iris_against_its_file_or_the_folder_or_base(tmp_path):
    construct = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "q.rq").write_text(construct, encoding="utf-8")
    (tmp_path / "empty.ttl").write_bytes(b"")
    common = ("--default-graph", "empty.ttl", "-f", "ntriples")

    def subject(*args) -> str:
        out = run_jwc("query", *args, *common, cwd=tmp_path, check=True).stdout.decode()
        return out.split()[0]

    assert subject("sub/q.rq") == f"<{(tmp_path / 'sub' / 's').resolve().as_uri()}>"
    assert subject(construct) == f"<{(tmp_path / 's').resolve().as_uri()}>"
    assert subject(construct, "--base", "https://example.org/base/") == "<https://example.org/base/s>"
    err = run_jwc("query", construct, *common, "--base", "not an iri", cwd=tmp_path)
    assert err.returncode == 2 and b"base" in err.stderr.lower() and b"Traceback" not in err.stderr


def test_relative_iris_in_a_loaded_file_resolve_against_the_file(tmp_path):
    path = tmp_path / "relative.ttl"
    path.write_text("<a> <p> <b> .\n", encoding="utf-8")
    g = open_graph(files=[path])
    rows = g.query("SELECT ?s WHERE { ?s ?p ?o }").rows()
    assert rows == [{"s": (tmp_path / "a").resolve().as_uri()}]


# --- /sparql: default-graph-uri, named-graph-uri, the endpoint as base --------------------------------


@pytest.fixture(scope="module")
def two_sources(store) -> tuple[str, str]:
    """Two source graphs of the built store that state one triple in common."""
    row = next(
        iter(
            store.query(
                "SELECT ?a ?b WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER (STR(?a) < STR(?b)) } LIMIT 1"
            )
        )
    )
    return row["a"].value, row["b"].value


def json_count(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_uris_make_one_set(client, store, two_sources):
    a, b = two_sources
    triples = {g: {q.triple for q in stated(store) if q.graph_name.value == g} for g in (a, b)}
    assert len(triples[a] | triples[b]) < len(triples[a]) + len(triples[b]), "the two sources share a triple"
    r = client.get("/sparql", params={"query": COUNT.format(**{"from": ""}), "default-graph-uri": [a, b]})
    assert json_count(r) == len(triples[a] | triples[b])
    r = client.get("/sparql", params={"query": COUNT.format(**{"from": ""}), "default-graph-uri": a})
    assert json_count(r) == len(triples[a])


def test_named_graph_uris_are_the_only_graphs_and_win_over_the_query(client, two_sources):
    a, b = two_sources
    text = f"SELECT DISTINCT ?g FROM NAMED <{b}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    r = client.post(
        f"/sparql?named-graph-uri={a}", content=text.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 200 and [x["g"]["value"] for x in r.json()["results"]["bindings"]] == [a]
    r = client.get("/sparql", params={"query": COUNT.format(**{"from": ""}), "named-graph-uri": a})
    assert json_count(r) == 0, "named graphs alone: the default graph is empty"


def test_relative_iris_resolve_against_the_endpoint(client):
    r = client.get(
        "/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"Accept": "application/n-triples"}
    )
    assert r.status_code == 200 and r.text.startswith("<http://testserver/s> <http://testserver/p>")


def test_thousands_of_default_graph_uris_are_answered_as_the_graphs_they_name(client, store, two_sources):
    """Each graph is copied once however often it is named, and a graph the store lacks costs nothing; the copy
    runs in the query worker, under its time limit and memory cap."""
    a, b = two_sources
    names = [a, b] * 2000 + [f"urn:nowhere:{i}" for i in range(4000)]
    r = client.post(
        "/sparql", data={"query": COUNT.format(**{"from": ""}), "default-graph-uri": names}, headers={"Accept": "*/*"}
    )
    union = {q.triple for q in stated(store) if q.graph_name.value in (a, b)}
    assert json_count(r) == len(union)
