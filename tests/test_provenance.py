"""Provenance: every fact in a source's graph, conflicting figures kept with both sources, gaps recorded,
and entities resolved to one node each."""

from __future__ import annotations

from collections import defaultdict

from conftest import ask, select
from jwc_graph.base.namespaces import ID


def test_the_default_graph_holds_exactly_the_facts_of_the_named_graphs(store):
    """Every fact belongs in a named graph; the default graph is their set union, for clients that omit GRAPH."""
    assert not ask(store, "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"), (
        "a fact outside any named graph"
    )
    assert not ask(store, "ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"), (
        "a named graph's fact missing"
    )


def test_every_named_graph_is_a_catalogued_source_or_a_project_graph(store):
    rows = select(
        store,
        """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER NOT EXISTS { GRAPH <https://w3id.org/jwc/id/graph/catalogue> { ?g a jwc:Source } } }""",
    )
    fixed = {
        "https://w3id.org/jwc/ontology",
        "https://w3id.org/jwc/shapes",
        f"{ID}graph/catalogue",
        f"{ID}dataset/jwc-graph",
    }
    assert {r["g"] for r in rows} == fixed


def test_the_two_2018_participant_figures_are_both_kept_with_their_sources(store):
    rows = select(
        store,
        """SELECT ?g ?value ?words ?bound WHERE { GRAPH ?g {
        ?f jwc:figureOf je:wc-2018 ; jwc:measure voc:measure-participants ; jwc:value ?value ;
           jwc:asStated ?words ; jwc:bound ?bound } } ORDER BY ?value""",
    )
    assert [(r["g"], int(r["value"]), r["words"]) for r in rows] == [
        (f"{ID}source/crin-juvenile-justice", 900, "over 900 experts"),
        (f"{ID}source/gi-about", 1000, "over 1000 people"),
    ]
    assert {r["bound"] for r in rows} == {"https://w3id.org/jwc/vocab/bound-lower"}
    countries = select(
        store,
        """SELECT ?value WHERE { GRAPH ?g { ?f jwc:figureOf je:wc-2018 ;
        jwc:measure voc:measure-countries-represented ; jwc:value ?value } } ORDER BY ?value""",
    )
    assert [int(r["value"]) for r in countries] == [90, 100]


def test_figures_are_typed_integers(store):
    assert not ask(store, "ASK { GRAPH ?g { ?f jwc:value ?v FILTER (datatype(?v) != xsd:integer) } }")


def test_the_unnamed_ninth_member_is_a_gap_not_a_guess(store):
    rows = select(
        store,
        """SELECT ?g ?note WHERE { GRAPH ?g { ?gap a jwc:Gap ; jwc:gapIn jo:cjag ;
        jwc:missingProperty org:member ; skos:note ?note } }""",
    )
    assert len(rows) == 1 and rows[0]["g"] == f"{ID}source/crin-juvenile-justice"
    assert "nine" in rows[0]["note"]
    named = select(store, "SELECT DISTINCT ?m WHERE { GRAPH ?g { ?ms org:organization jo:cjag ; org:member ?m } }")
    assert len(named) == 8


def test_a_fact_two_sources_state_stands_in_both_graphs(store):
    rows = select(
        store,
        """SELECT ?g WHERE { GRAPH ?g { ?ms org:organization jo:ipjj ; org:member jo:crin } }
                            ORDER BY ?g""",
    )
    assert [r["g"] for r in rows] == [f"{ID}source/crin-juvenile-justice", f"{ID}source/ipjj-members"]


def test_aimjf_and_iayfjm_are_one_association(store):
    rows = select(
        store,
        """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e skos:altLabel|skos:prefLabel ?l }
        FILTER (STR(?l) IN ("AIMJF", "IAYFJM", "International Association of Youth and Family Judges and Magistrates")) }""",
    )
    assert [r["e"] for r in rows] == [f"{ID}org/iayfjm"]
    graphs = select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { jo:iayfjm ?p ?o } } ORDER BY ?g")
    assert len(graphs) == 3, "AIMJF (001, 003) and IAYFJM (004) are described under one IRI"


def test_tdh_is_terre_des_hommes(store):
    rows = select(
        store,
        """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e skos:altLabel|skos:prefLabel ?l }
        FILTER (STR(?l) IN ("Tdh", "Terre des hommes", "Terre des hommes - child relief",
                            "Terre des hommes Foundation - child relief")) }""",
    )
    assert [r["e"] for r in rows] == [f"{ID}org/tdh"]


def test_general_comment_10_is_one_instrument_under_both_names(store):
    rows = select(
        store,
        """SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e skos:altLabel|skos:prefLabel ?l }
        FILTER (STRSTARTS(LCASE(STR(?l)), "general comment no")) }""",
    )
    assert [r["e"] for r in rows] == [f"{ID}instrument/gc-10"]


def test_no_two_organisations_share_a_name_or_acronym(store):
    rows = select(
        store,
        """SELECT DISTINCT ?e ?l WHERE {
        GRAPH ?g { ?e skos:prefLabel|skos:altLabel ?l } GRAPH ?g2 { ?e a ?c }
        GRAPH <https://w3id.org/jwc/ontology> { ?c rdfs:subClassOf* org:Organization } }""",
    )
    owners = defaultdict(set)
    for r in rows:
        owners[r["l"].casefold()].add(r["e"])
    shared = {name: sorted(es) for name, es in owners.items() if len(es) > 1}
    assert not shared, f"one name, several organisations (merge them or rename): {shared}"
    assert len(owners) > 40


def test_preferred_names_agree_across_graphs(store):
    rows = select(
        store,
        """SELECT ?e (COUNT(DISTINCT ?l) AS ?n) WHERE { GRAPH ?g { ?e skos:prefLabel ?l } }
        GROUP BY ?e HAVING (COUNT(DISTINCT ?l) > 1)""",
    )
    assert not rows, f"entities with two different preferred names across sources: {rows}"
