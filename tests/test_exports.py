"""Exports round-trip: each file, read back by rdflib (not the library that wrote it), is the same graph."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from remote_answers import comparable

from conftest import REPO, run_jwc, select
from jwc_graph.base.namespaces import DATASET
from jwc_graph.rdf import convert
from jwc_graph.rdf.default_graph import stated
from jwc_graph.sparql import catalogue
from jwc_graph.sparql.query import answer_of, run, with_prefixes

FILES = {"jwc.nq": "nquads", "jwc.trig": "trig", "jwc.jsonld": "json-ld"}


@pytest.fixture(scope="module")
def expected(store) -> rdflib.Dataset:
    """The store's named graphs but the dataset's description, which is dist/void.ttl (it counts the exports'
    bytes); the default graph only repeats the named graphs as a set (rdf/default_graph.py)."""
    return convert.to_dataset(q for q in stated(store) if q.graph_name != ox.NamedNode(DATASET))


def named_graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("name", sorted(FILES))
def test_dataset_exports_round_trip_to_isomorphic_named_graphs(built, expected, name):
    back = rdflib.Dataset()
    back.parse(built.dist_dir / name, format=FILES[name])
    want, got = named_graphs(expected), named_graphs(back)
    assert sorted(got) == sorted(want), f"{name} lost or added named graphs"
    for graph_name, graph in want.items():
        assert isomorphic(graph, got[graph_name]), f"{name}: graph {graph_name} differs after the round trip"


def test_turtle_export_is_the_union_of_all_graphs(built, expected):
    union = rdflib.Graph()
    for s, p, o, _g in expected.quads():
        union.add((s, p, o))
    back = rdflib.Graph().parse(built.dist_dir / "jwc.ttl", format="turtle")
    assert len(back) == len(union)
    assert isomorphic(back, union)


def test_jsonld_carries_its_context_inline_and_never_a_remote_one(built):
    doc = json.loads((built.dist_dir / "jwc.jsonld").read_text())
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["jwc"] == "https://w3id.org/jwc/ontology#"
    standalone = json.loads((built.dist_dir / "context.jsonld").read_text())
    assert standalone["@context"] == doc["@context"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "fmt,name", [("nquads", "jwc.nq"), ("trig", "jwc.trig"), ("turtle", "jwc.ttl"), ("jsonld", "jwc.jsonld")]
)
def test_export_command_writes_the_store_as_the_build_wrote_it(built, fmt, name):
    proc = run_jwc("export", "--format", fmt, cwd=built.root, check=True)
    assert proc.stdout == (built.dist_dir / name).read_bytes()


def test_void_description_counts_what_the_store_holds(built, store):
    void = rdflib.Graph().parse(built.dist_dir / "void.ttl", format="turtle")
    ds = rdflib.URIRef("https://w3id.org/jwc/id/dataset/jwc-graph")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    described = sum(1 for q in stated(store) if q.graph_name != ox.NamedNode(DATASET))  # not the description
    assert int(void.value(ds, VOID.triples)) == described
    parts = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities)) for p in void.objects(ds, VOID.classPartition)
    }
    ngos = select(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a jwc:NGO } }")[0]["n"]
    assert parts[rdflib.URIRef("https://w3id.org/jwc/ontology#NGO")] == int(ngos) >= 8
    sources = {str(void.value(s, rdflib.namespace.DCTERMS.source)) for s in void.objects(ds, VOID.subset)}
    graphs = {g.value for g in store.named_graphs()} - {DATASET}
    assert "https://w3id.org/jwc/id/source/ipjj-members" in sources and sources == graphs
    downloads = {
        str(void.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1]: int(void.value(d, DCAT.byteSize))
        for d in void.objects(ds, DCAT.distribution)
    }
    for name, size in downloads.items():
        assert (built.dist_dir / name).stat().st_size == size
    assert set(downloads) == {"jwc.nq", "jwc.trig", "jwc.ttl", "jwc.jsonld"}


@pytest.mark.slow
def test_stats_command_in_each_format(built, store):
    table = run_jwc("stats", cwd=built.root, check=True).stdout.decode()
    assert "jwc:NGO" in table and "src:ipjj-members" in table
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_jwc("stats", "--by", "class", "--format", "csv", cwd=built.root, check=True).stdout.decode()
            )
        )
    )
    counts = {r["class"]: int(r["entities"]) for r in rows}
    assert counts["https://w3id.org/jwc/ontology#Panel"] == 2
    doc = json.loads(run_jwc("stats", "--format", "json", cwd=built.root, check=True).stdout)
    assert doc["totals"]["triples"] == sum(1 for _ in stated(store))
    assert {r["file"] for r in doc["source"] if r["file"]} >= {"004_ce8d08c06492f088.txt"}


@pytest.mark.parametrize("name", sorted(p.stem for p in (REPO / "queries").glob("*.rq")))
def test_the_dumps_answer_the_catalogue_on_a_store_whose_default_graph_is_the_union(built, store, name):
    """dist/jwc.nq holds the named graphs only (one per source). Loaded into a store whose default graph is the
    union of its named graphs, even counted as a bag (Oxigraph's --union-default-graph, Virtuoso, Jena's
    unionDefaultGraph), every catalogue query answers as the embedded store does: the README's promise."""
    dump = ox.Store()
    dump.bulk_load(path=str(built.root / "dist" / "jwc.nq"), format=ox.RdfFormat.N_QUADS)
    assert not list(dump.quads_for_pattern(None, None, None, ox.DefaultGraph())), "the dump has no default graph"
    text = with_prefixes(catalogue.read(REPO / "queries" / f"{name}.rq").text)
    there = answer_of(dump.query(text, use_default_graph_as_union=True), None)
    assert comparable(there, text) == comparable(run(store, text), text), f"{name} answers otherwise on the dump"
