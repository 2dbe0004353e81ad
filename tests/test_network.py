"""The networkx projection: memberships as edges with role and period, sources kept, filters, facts, names."""

from __future__ import annotations

import pytest

from jwc_graph.base.errors import InputError
from jwc_graph.network import projection

ORG = "https://w3id.org/jwc/id/org/"
SRC = "https://w3id.org/jwc/id/source/"


@pytest.fixture(scope="module")
def g(store):
    return projection.from_store(store)


def members(g, coalition):
    return {g.nodes[u]["label"]: d for u, _, d in g.in_edges(ORG + coalition, data=True) if d["kind"] == "member"}


def test_memberships_are_member_to_coalition_edges(g):
    ipjj = members(g, "ipjj")
    assert len(ipjj) >= 13, "the IPJJ seed lists 13 founding members (later pages list more members)"
    assert {
        "Child Rights International Network",
        "United Nations Office on Drugs and Crime",
        "Terre des hommes",
        "Committee on the Rights of the Child",
    } <= set(ipjj)
    assert sum("founding member" in d["roles"] for d in ipjj.values()) >= 13
    assert g.nodes[ORG + "ipjj"]["kind"] == "coalition"
    assert not any(d["kind"] == "Membership" for _, d in g.nodes(data=True)), "memberships are edges, not nodes"


def test_membership_keeps_role_and_period(g):
    cjag = members(g, "cjag")
    assert len(cjag) == 8, "the CJAG has nine members but the source names eight"
    crin = cjag["Child Rights International Network"]
    assert crin["roles"] == ["member"] and crin["start"] == 2017 and crin["end"] is None
    assert members(g, "ipjj")["Child Rights International Network"]["start"] == 1997


def test_crin_is_in_the_ipjj_the_cjag_and_a_partnership(g):
    out = {v for _, v, d in g.out_edges(ORG + "crin", data=True) if d["kind"] == "member"}
    assert out == {ORG + "ipjj", ORG + "cjag", "https://w3id.org/jwc/id/partnership/crin-shoruq"}
    partner = g.get_edge_data(ORG + "crin", "https://w3id.org/jwc/id/partnership/crin-shoruq")
    assert next(iter(partner.values()))["roles"] == ["partner"], "partnerships are memberships with the partner role"


def test_a_link_two_sources_state_keeps_both_sources(g):
    crin_ipjj = members(g, "ipjj")["Child Rights International Network"]
    assert crin_ipjj["sources"] == [SRC + "crin-juvenile-justice", SRC + "ipjj-members"]
    assert crin_ipjj["roles"] == ["founding member", "member"], "each source's role is kept"
    series = g.get_edge_data("https://w3id.org/jwc/id/event/wc-2018", "https://w3id.org/jwc/id/series/world-congress")
    assert {SRC + s for s in ("gi-about", "tdh-world-congress", "crin-juvenile-justice")} <= set(
        next(iter(series.values()))["sources"]
    )
    assert g.graph["sources"][SRC + "ipjj-members"].startswith("IPJJ")


def test_figures_and_gaps_are_facts_of_the_node(g):
    cjag = g.nodes[ORG + "cjag"]["facts"]
    assert ("a coalition of nine NGOs", SRC + "crin-juvenile-justice") in cjag["figure"]
    assert any("ninth member is not named" in text for text, _ in cjag["gap"])
    congress = g.nodes["https://w3id.org/jwc/id/event/wc-2018"]["facts"]["figure"]
    assert ("over 1000 people", SRC + "gi-about") in congress and (
        "over 900 experts",
        SRC + "crin-juvenile-justice",
    ) in congress
    assert not any(d["kind"] in ("Figure", "Gap") for _, d in g.nodes(data=True))


def test_kinds_filter_nodes(store):
    orgs = projection.from_store(store, kinds=["organisation", "coalition"])
    assert {d["kind"] for _, d in orgs.nodes(data=True)} == {"organisation", "coalition"}
    assert orgs.has_edge(ORG + "crin", ORG + "ipjj")
    default = projection.from_store(store)
    assert not any(d["kind"] == "place" for _, d in default.nodes(data=True))
    assert any(
        d["kind"] == "place" for _, d in projection.from_store(store, kinds=projection.ALL_KINDS).nodes(data=True)
    )


def test_edge_kinds_filter_links(store):
    only = projection.from_store(store, edge_kinds=["member"])
    assert {d["kind"] for *_, d in only.edges(data=True)} == {"member"}
    # one edge per member and collaboration: at least the seeds' 8 + 13 + 2 + 3 + 2 * 2 (see test_membership_network)
    assert only.number_of_edges() >= 30


def test_unknown_kinds_are_input_errors(store):
    with pytest.raises(InputError, match="unknown node kind"):
        projection.from_store(store, kinds=["organisation", "banana"])
    with pytest.raises(InputError, match="unknown edge kind"):
        projection.from_store(store, edge_kinds=["memberOf"])
    assert projection.parse_kinds("all") == projection.ALL_KINDS
    assert projection.parse_kinds(" organisation, coalition ") == ["organisation", "coalition"]


def test_commitments_without_a_name_are_labelled_by_their_statement(g):
    label = g.nodes["https://w3id.org/jwc/id/commitment/gi-congress-aim-5"]["label"]
    assert label.startswith("Exchange practice-oriented strategies") and len(label) <= 60


@pytest.mark.parametrize(
    "name, iri",
    [
        ("Tdh", "tdh"),
        ("AIMJF", "iayfjm"),
        ("IAYFJM", "iayfjm"),
        ("crin", "crin"),
        ("Interagency Panel on Juvenile Justice", "ipjj"),
        (ORG + "pri", "pri"),
    ],
)
def test_resolve_finds_any_name_or_acronym(g, name, iri):
    assert projection.resolve(g, name) == ORG + iri


def test_resolve_errors_on_an_unknown_name_with_suggestions(g):
    with pytest.raises(InputError, match="is not in the graph") as err:
        projection.resolve(g, "UNODCC")
    assert "UNODC" in err.value.fix
    with pytest.raises(InputError, match="matches several"):
        projection.resolve(g, "Panel")  # the IPJJ and the NGO Panel
