"""Reconciliation's name matching (intake.reconcile) on the built graph and on small graphs made here, and
`jwc reconcile FILE.csv --column NAME` run for real: the CSV comes back with IRI, label, score and match columns."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.base.namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, PREFIXES
from jwc_graph.intake.entity_index import EntityIndex
from jwc_graph.intake.reconcile import MATCH_MARGIN, MATCH_SCORE, Matcher, Wanted, fold, name_score
from jwc_graph.intake.reconcile_csv import read_sheet, reconcile_csv, reconcile_sheet, resolve_types
from jwc_graph.network.options import KINDS
from jwc_graph.rdf.default_graph import fill

JWC, ORG, SCHEMA, SKOS, RDF = ONTOLOGY, PREFIXES["org"], PREFIXES["schema"], PREFIXES["skos"], PREFIXES["rdf"]
PRI, TDH = ID + "org/pri", ID + "org/tdh"


@pytest.fixture(scope="module")
def matcher(store) -> Matcher:
    return Matcher(EntityIndex.from_store(store), store)


def ids(candidates) -> list[str]:
    return [c.entity.id for c in candidates]


# --- names ------------------------------------------------------------------------------------------------------


def test_a_shortened_name_finds_penal_reform_international_as_the_match(matcher):
    found = matcher.candidates("Penal Reform Int.")
    assert found[0].entity.iri == PRI
    assert found[0].match and found[0].score >= MATCH_SCORE
    assert found[0].features.get("abbreviated") is True
    assert all(not c.match for c in found[1:])


def test_candidates_are_best_first_and_within_the_limit(matcher):
    found = matcher.candidates("International", limit=4)
    assert 1 <= len(found) <= 4
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_an_acronym_given_as_an_alternative_label_is_an_exact_match(matcher):
    found = matcher.candidates("PRI")
    assert found[0].entity.iri == PRI and found[0].score == 100.0 and found[0].match


@pytest.mark.parametrize(
    "query",
    [
        "Terre des Homes",  # a letter missing
        "Terre des hommes",
        "Tеrre des hommes",  # Cyrillic е
        "ＴＥＲＲＥ ＤＥＳ ＨＯＭＭＥＳ",  # fullwidth capitals
        "Terre\u200b des hommes",  # a zero-width space
        "hommes, Terre des",  # word order
    ],
)
def test_look_alikes_typos_and_word_order_still_find_terre_des_hommes(matcher, query):
    found = matcher.candidates(query)
    assert found[0].entity.iri == TDH
    assert found[0].score >= MATCH_SCORE and found[0].match, found[0]


def test_look_alike_letters_score_as_the_plain_name(matcher):
    plain = matcher.candidates("Terre des hommes")[0].score
    assert matcher.candidates("Tеrre des hommes")[0].score == plain == 100.0


def test_a_name_two_entities_share_is_never_a_match(matcher):
    found = matcher.candidates("World Congress on Justice With Children")
    top = [c for c in found if c.score == 100.0]
    assert {c.entity.id for c in top} == {"priority/world-congress", "series/world-congress"}
    assert not any(c.match for c in found)


def test_a_type_tells_namesakes_apart(matcher):
    found = matcher.candidates("World Congress on Justice With Children", [JWC + "EventSeries"])
    assert found[0].entity.id == "series/world-congress" and found[0].match
    assert "priority/world-congress" not in ids(found)


def test_a_type_counts_with_its_subclasses(matcher):
    """org:Organization finds jwc:NGO entities (NGO < FormalOrganization < Organization in the ontology)."""
    found = matcher.candidates("Penal Reform International", [ORG + "Organization"])
    assert found[0].entity.iri == PRI and found[0].match
    assert JWC + "NGO" in found[0].entity.types
    assert all(matcher.index.subclasses(ORG + "Organization") & set(c.entity.types) for c in found)


def test_a_type_filters_out_entities_of_other_types(matcher):
    found = matcher.candidates("Penal Reform International", [SCHEMA + "Event"])
    assert PRI not in [c.entity.iri for c in found]
    events = matcher.index.subclasses(SCHEMA + "Event")
    assert all(events & set(c.entity.types) for c in found)


def test_an_identifier_as_query_finds_its_entity(matcher):
    for query in ("org/pri", "jo:pri", PRI):
        found = matcher.candidates(query)
        assert found[0].entity.iri == PRI and found[0].score == 100.0 and found[0].match


def test_an_unrelated_word_finds_no_match(matcher):
    assert not any(c.match for c in matcher.candidates("Reform"))
    assert matcher.candidates("zzzz qqqq") == []


def test_a_property_tells_namesakes_apart(matcher):
    """Three World Congresses share a name but for the year; the place given makes the one in Paris the match."""
    query = "World Congress on Justice for Children"
    without = matcher.candidates(query, [JWC + "WorldCongress"])
    assert not without[0].match
    where = Wanted(SCHEMA + "location", texts=("Paris",))
    found = matcher.candidates(query, [JWC + "WorldCongress"], [where])
    assert found[0].entity.id == "event/wc-2018" and found[0].match
    assert found[0].features["schema:location"] == 100.0
    assert found[0].score > without[0].score


def test_a_property_can_be_given_as_an_entity(matcher):
    where = Wanted(JWC + "country", iris=(ID + "place/mexico",))
    found = matcher.candidates(None, [SCHEMA + "Event"], [where])
    assert "event/wc-2021" in ids(found)
    assert all(c.features["jwc:country"] == 100.0 for c in found)


@given(st.text(min_size=1, max_size=40))
def test_any_name_scores_100_against_itself(name):
    if fold(name):
        assert name_score(name, name) == 100.0
    else:
        assert name_score(name, name) == 0.0


@given(st.text(max_size=40))
def test_folding_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


# --- the match rule, on a small graph made here -------------------------------------------------------------------


def tiny(*entities: tuple[str, str, list[str]]) -> Matcher:
    """A store with the given (slug, class, names) entities, a two-class ontology, and its matcher."""
    graph, ont = ox.NamedNode(ID + "source/test"), ox.NamedNode(ONTOLOGY_GRAPH)
    quads = [
        ox.Quad(ox.NamedNode(JWC + "NGO"), ox.NamedNode(RDF + "type"), ox.NamedNode(PREFIXES["owl"] + "Class"), ont),
        ox.Quad(
            ox.NamedNode(JWC + "NGO"),
            ox.NamedNode(PREFIXES["rdfs"] + "subClassOf"),
            ox.NamedNode(ORG + "Organization"),
            ont,
        ),
    ]
    for slug, cls, names in entities:
        s = ox.NamedNode(ID + "org/" + slug)
        quads.append(ox.Quad(s, ox.NamedNode(RDF + "type"), ox.NamedNode(cls), graph))
        for i, name in enumerate(names):
            quads.append(
                ox.Quad(s, ox.NamedNode(SKOS + ("prefLabel" if i == 0 else "altLabel")), ox.Literal(name), graph)
            )
    store = ox.Store()
    store.extend(quads)
    fill(store)
    return Matcher(EntityIndex.from_store(store), store)


def test_a_clear_best_candidate_is_the_match_and_a_close_second_prevents_it():
    clear = tiny(("a", JWC + "NGO", ["Alpha Children Trust"]), ("b", JWC + "NGO", ["Alpha Youth Fund"]))
    found = clear.candidates("Alpha Children Trust")
    assert found[0].score == 100.0 and found[0].match
    assert all(c.score <= 100.0 - MATCH_MARGIN for c in found[1:])
    close = tiny(("a", JWC + "NGO", ["Alpha Children Trust"]), ("b", JWC + "NGO", ["Alpha Childrens Trust"]))
    found = close.candidates("Alpha Children Trust")
    assert found[0].score == 100.0 and found[1].score > 100.0 - MATCH_MARGIN
    assert not found[0].match and not found[1].match


def test_a_candidate_below_the_match_score_is_offered_but_no_match():
    m = tiny(("a", JWC + "NGO", ["Alpha Children Trust Foundation"]))
    found = m.candidates("Alpha Kids Trust Foundation")
    assert len(found) == 1 and 50 <= found[0].score < MATCH_SCORE
    assert not found[0].match


def test_an_entity_s_types_are_its_most_specific_classes():
    m = tiny(("a", JWC + "NGO", ["Alpha"]), ("a", ORG + "Organization", ["Alpha"]))
    assert m.index.entities[ID + "org/a"].types == (JWC + "NGO",)


# --- CSV --------------------------------------------------------------------------------------------------------


def write(tmp_path, name: str, text: str, bom: bool = False):
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def rows_of(text: str, delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def test_cells_from_the_graph_that_a_spreadsheet_would_run_are_defused(tmp_path):
    m = tiny(("evil", JWC + "NGO", ['=HYPERLINK("https://evil.example","Evil Org")']))
    sheet = read_sheet(
        write(tmp_path, "a.csv", 'name\n"=HYPERLINK(""https://evil.example"",""Evil Org"")"\n'), "name", 10**6
    )
    rows, _ = reconcile_sheet(sheet, "name", m, [])
    assert rows[1][2].startswith("'=HYPERLINK")  # the label from the graph
    assert rows[1][0].startswith("=HYPERLINK")  # the user's own cell, as it was


def test_the_type_option_takes_kinds_curies_and_class_names(store):
    index = EntityIndex.from_store(store)
    kinds = dict(KINDS)
    assert resolve_types(index, ["organisation"], kinds) == [ORG + "Organization"]
    assert resolve_types(index, ["jwc:NGO", "NGO"], kinds) == [JWC + "NGO", JWC + "NGO"]
    with pytest.raises(InputError, match="unknown type 'bananas'"):
        resolve_types(index, ["bananas"], kinds)


def test_the_four_columns_come_after_the_named_column_and_a_second_run_replaces_them(tmp_path, store):
    path = write(tmp_path, "partners.csv", "id;name;country\n1;Penal Reform Int.;UK\n2;;CH\n3;Zzzz Qqqq;FR\n", bom=True)
    text, summary = reconcile_csv(store, path, "name", ["organisation"], dict(KINDS))
    assert text.startswith("\ufeff")
    rows = rows_of(text, ";")
    assert list(rows[0]) == ["id", "name", "name IRI", "name label", "name score", "name match", "country"]
    assert rows[0]["name IRI"] == PRI and rows[0]["name label"] == "Penal Reform International"
    assert rows[0]["name match"] == "yes" and float(rows[0]["name score"]) >= MATCH_SCORE
    assert rows[1]["name IRI"] == "" and rows[1]["name match"] == "" and rows[1]["country"] == "CH"
    assert rows[2]["name match"] == "none"
    assert (summary.rows, summary.matched, summary.unmatched, summary.blank) == (3, 1, 1, 1)
    again = write(tmp_path, "again.csv", text)
    assert reconcile_csv(store, again, "name", ["organisation"], dict(KINDS))[0] == text


def test_reconcile_command_writes_the_csv_with_iri_label_and_score(built, tmp_path):
    src = write(tmp_path, "names.tsv", "name\tnote\nPenal Reform Int.\tshortened\nTerre des Homes\ttypo\n")
    out = tmp_path / "out.csv"
    proc = run_jwc("reconcile", str(src), "--column", "name", "--type", "organisation", "-o", str(out), cwd=built.root)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = rows_of(out.read_text(encoding="utf-8"), "\t")
    assert [(r["name IRI"], r["name match"]) for r in rows] == [(PRI, "yes"), (TDH, "yes")]
    assert rows[1]["name label"] == "Terre des hommes" and rows[1]["note"] == "typo"
    assert "2 rows: 2 matched" in proc.stderr.decode()


def test_reconcile_command_writes_to_standard_output_without_output(built, tmp_path):
    src = write(tmp_path, "names.csv", "organisation\nWorld Congress on Justice With Children\n")
    proc = run_jwc("reconcile", str(src), "--column", "organisation", cwd=built.root, check=True)
    rows = rows_of(proc.stdout.decode("utf-8"))
    assert rows[0]["organisation match"] == "check"  # two entities share the name
    assert rows[0]["organisation score"] == "100"


@pytest.mark.parametrize(
    "args, content, message",
    [
        (
            ["--column", "nme"],
            "name,country\nPRI,UK\n",
            "bad.csv: row 1: no column 'nme'; the columns are 'name', 'country'",
        ),
        (["--column", "nme"], "name,country\nPRI,UK\n", "did you mean 'name'?"),
        (["--column", "name", "--type", "bananas"], "name\nPRI\n", "unknown type 'bananas'"),
        (["--column", "name"], 'name,country\n"PRI,UK\n', "bad.csv: row 2: unexpected end of data"),
        (["--column", "name"], "", "bad.csv: the file is empty"),
    ],
)
def test_reconcile_command_errors_name_the_file_row_and_column(built, tmp_path, args, content, message):
    src = write(tmp_path, "bad.csv", content)
    proc = run_jwc("reconcile", str(src), *args, cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err
    assert message in " ".join(err.split())


def test_reconcile_command_refuses_a_file_that_is_not_utf8(built, tmp_path):
    src = tmp_path / "latin1.csv"
    src.write_bytes("name\nD\xe9fense des Enfants\n".encode("latin-1"))
    proc = run_jwc("reconcile", str(src), "--column", "name", cwd=built.root)
    assert proc.returncode == 2
    assert "latin1.csv: row 2: the file is not UTF-8" in proc.stderr.decode()
