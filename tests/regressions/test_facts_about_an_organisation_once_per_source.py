"""The catalogue query facts-about-organisation looked up each value's name in a graph of its own
(`GRAPH ?g1 { ?value skos:prefLabel ?valueName }`), so a fact came back once for every source that names its
value: 293 rows for 132 facts about Terre des hommes. It now reads the name from the set default graph and is
DISTINCT: one row per fact and source."""

from __future__ import annotations

from conftest import REPO
from jwc_graph.sparql import catalogue, query


def test_each_fact_comes_once_per_source(store):
    got = query.run(store, catalogue.read(REPO / "queries" / "facts-about-organisation.rq").text).rows()
    facts = [(r["property"], r["value"], r["source"]) for r in got]
    assert facts and len(facts) == len(set(facts)), "one row per fact and source, whichever graphs name the value"
