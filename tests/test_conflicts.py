"""Lists that differ in `jwc conflicts` and queries/conflicts.rq: organisers and members, each source's list.

A list row is a difference, not a contradiction: it needs one page to leave out someone the other names
without saying its list is partial (a jwc:Gap), and membership lists of two different dates are never compared.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from conftest import REPO, run_jwc
from jwc_graph.base.namespaces import shorten
from jwc_graph.build import conflicts
from jwc_graph.sparql import catalogue, query

ID = "https://w3id.org/jwc/id/"
PARIS_BY_CRIN = (
    "International Association of Youth and Family Judges and Magistrates; Penal Reform International; Terre des hommes"
)


def list_rows(found, subject: str) -> dict[frozenset, tuple[str, str]]:
    """The list rows about `subject`: {pair of source slugs: (the first source's list, the other's)}."""
    return {
        frozenset((c.source.rsplit("/", 1)[-1], c.other_source.rsplit("/", 1)[-1])): (c.value, c.other_value)
        for c in found
        if c.is_list and c.subject == ID + subject
    }


def test_the_2018_organiser_lists_that_differ_are_listed(store):
    paris = list_rows(conflicts.find(store, REPO / "queries"), "event/wc-2018")
    pair = frozenset(("crin-world-congress-2018", "unesco-ifap-2018"))
    assert pair in paris, sorted(map(sorted, paris))
    assert set(paris[pair]) == {PARIS_BY_CRIN, "Information for All Programme"}
    assert frozenset(("crin-world-congress-2018", "tdh-2018-final-declaration")) in paris
    # this page says a consortium of six organised it and names only Terre des hommes: its omission is no difference
    assert frozenset(("crin-world-congress-2018", "tdh-2018-world-congress-project")) not in paris


def test_the_catalogue_query_gives_the_same_lists(store):
    text = catalogue.read(REPO / "queries" / "conflicts.rq").text
    rows = [r for r in query.run(store, text).rows() if r["kind"] == "list" and r["subject"] == ID + "event/wc-2018"]
    by_crin = [r for r in rows if r["source"].endswith("/crin-world-congress-2018")]
    assert by_crin and all(sorted(r["value"].split("; ")) == PARIS_BY_CRIN.split("; ") for r in by_crin)
    assert {r["property"] for r in rows} == {"http://schema.org/organizer"}


@pytest.mark.slow
def test_jwc_conflicts_and_the_catalogue_query_agree(built, store):
    """Every row of the command is a row of the query and back; a list's names compare as a set."""

    def key(subject, kind, prop, within, value, source, other_value, other_source):
        names = (lambda v: tuple(sorted(v.split("; ")))) if kind == "list" else (lambda v: v)
        return (subject, kind, prop, within, names(value), source, names(other_value), other_source)

    listed = json.loads(run_jwc("conflicts", "--format", "json", cwd=built.root, check=True).stdout)
    fields = ("subject", "kind", "property", "within", "value", "source", "other_value", "other_source")
    command = sorted(key(*(c[f] for f in fields)) for c in listed)
    answer = query.run(store, catalogue.read(REPO / "queries" / "conflicts.rq").text)
    shown = lambda t: shorten(t.value) if isinstance(t, ox.NamedNode) else t.value  # as the command shows it
    catalogued = sorted(
        key(
            *(r[v].value if r[v] is not None else None for v in ("subject", "kind", "property", "in")),
            shown(r["value"]),
            r["source"].value,
            shown(r["otherValue"]),
            r["otherSource"].value,
        )
        for r in answer.terms()
    )
    assert command == catalogued
    assert {c[1] for c in command} >= {"list", "figure", "value"}
    text = run_jwc("conflicts", cwd=built.root, check=True).stdout.decode()
    assert "pairs of sources whose lists differ" in text
    assert f"schema:organizer: {PARIS_BY_CRIN} (src:crin-world-congress-2018) vs Information for All Programme" in text


# A small graph of its own: two sources per case, the catalogue giving some of them a date.
FIXTURE = """
@prefix schema: <http://schema.org/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix voc: <https://w3id.org/jwc/vocab/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix x: <https://w3id.org/jwc/id/test/> .
<https://w3id.org/jwc/id/graph/catalogue> {
    x:same-a a jwc:Source . x:same-b a jwc:Source .
    x:y2019 a jwc:Source ; dcterms:date "2019-03-01"^^xsd:date . x:y2023 a jwc:Source ; dcterms:date "2023"^^xsd:gYear .
    x:day-a a jwc:Source ; dcterms:date "2021-11"^^xsd:gYearMonth . x:day-b a jwc:Source ; dcterms:date "2021-11-07"^^xsd:date .
}
x:same-a { x:event schema:organizer x:a , x:b . x:a skos:prefLabel "A" . x:b skos:prefLabel "B" .
           x:m1 org:organization x:panel ; org:member x:a ; org:role voc:role-member . }
x:same-b { x:event schema:organizer x:b , x:a . x:b skos:prefLabel "B" .
           x:m2 org:organization x:panel ; org:member x:a ; org:role voc:role-member . }
x:y2019 { x:m3 org:organization x:board ; org:member x:a ; org:role voc:role-co-chair .
          x:m4 org:organization x:board ; org:member x:b ; org:role voc:role-co-chair . }
x:y2023 { x:m5 org:organization x:board ; org:member x:a ; org:role voc:role-co-chair .
          x:m6 org:organization x:board ; org:member x:c ; org:role voc:role-co-chair . x:c skos:prefLabel "C" . }
x:day-a { x:m7 org:organization x:club ; org:member x:a ; org:role voc:role-member . }
x:day-b { x:m8 org:organization x:club ; org:member x:a , x:b ; org:role voc:role-member . }
"""


def fixture_conflicts(extra: str = "") -> list[conflicts.Conflict]:
    store = ox.Store()
    store.load((FIXTURE + extra).encode(), ox.RdfFormat.TRIG)
    return [c for c in conflicts.find(store, REPO / "queries") if c.is_list]


def test_identical_lists_are_no_difference():
    assert not [c for c in fixture_conflicts() if c.subject.endswith(("/event", "/panel"))]


def test_membership_lists_of_different_years_are_no_difference():
    """Co-chairs A and B in 2019, A and C in 2023: members change, so nothing is reported."""
    assert not [c for c in fixture_conflicts() if c.subject.endswith("/board")]


def test_membership_lists_of_the_same_date_that_differ_are_listed():
    """2021-11 and 2021-11-07 agree: the page of the month leaving out B is a difference, with both lists."""
    (club,) = [c for c in fixture_conflicts() if c.subject.endswith("/club")]
    assert (club.value, club.other_value, club.property) == ("A", "A; B", "https://w3id.org/jwc/vocab/role-member")
    assert "voc:role-member: A (" in club.text() and " vs A; B (" in club.text()


def test_an_omission_the_page_marks_as_partial_is_no_difference():
    gap = """x:day-a { x:gap a jwc:Gap ; jwc:gapIn x:club ; jwc:missingProperty org:member . }"""
    assert not [c for c in fixture_conflicts(gap) if c.subject.endswith("/club")]
