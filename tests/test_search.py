"""`GET /search`: classes, properties and entities found by label, CURIE or IRI, ignoring case and accents; it runs
in the pages lane, like the entity pages."""

from __future__ import annotations

import warnings

import pyoxigraph as ox
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from jwc_graph.base.namespaces import ID, ONTOLOGY, PREFIXES
from jwc_graph.web import search
from jwc_graph.web.app import create_app
from jwc_graph.web.workers import LANES

SKOS, RDFS, RDF = PREFIXES["skos"], PREFIXES["rdfs"], PREFIXES["rdf"]


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built, workers=1)) as c:
        yield c


def curies(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["curie"] for r in response.json()["results"]]


def test_an_acronym_finds_its_organisation_first(client):
    r = client.get("/search", params={"q": "tdh"})
    first = r.json()["results"][0]
    assert first == {
        "iri": ID + "org/tdh",
        "curie": "jo:tdh",
        "label": "Terre des hommes",
        "kind": "entity",
        "types": first["types"],
        "href": "/id/org/tdh",
    }
    assert "jwc:NGO" in first["types"]


@pytest.mark.parametrize("text", ["Terre des hommes", "TERRE DES", "terre", "jo:terre", "jo:TDH", "hommes"])
def test_names_match_whatever_the_case_and_from_any_word(client, text):
    assert curies(client.get("/search", params={"q": text}))[0] == "jo:tdh"


def test_an_alternative_label_matches_and_says_which(client):
    found = client.get("/search", params={"q": "AIMJF"}).json()["results"]
    assert found[0]["curie"] == "jo:iayfjm" and found[0]["matched"] == "AIMJF"


def test_kinds_narrow_the_search(client):
    classes = client.get("/search", params={"q": "organisation", "kind": "class"}).json()["results"]
    assert classes and {c["kind"] for c in classes} == {"class"}
    assert classes[0]["curie"] == "jwc:NGO" and classes[0]["href"] == "/ontology#NGO"
    props = client.get("/search", params={"q": "org:mem", "kind": "property"}).json()["results"]
    assert [p["curie"] for p in props][:3] == ["org:member", "org:memberOf", "org:memberDuring"]
    both = curies(client.get("/search", params={"q": "member", "kind": "class,property"}))
    assert "org:member" in both and "org:Membership" in both
    assert "jo:tdh" not in curies(client.get("/search", params={"q": "terre", "kind": "class"}))


def test_a_curie_prefix_alone_lists_its_terms(client):
    found = client.get("/search", params={"q": "jwc:", "kind": "class", "limit": "100"}).json()["results"]
    assert len(found) > 20 and all(f["iri"].startswith(ONTOLOGY) for f in found)
    names = [search.fold(f["label"]) for f in found]
    assert names == sorted(names)


def test_an_iri_or_its_start_matches(client):
    assert curies(client.get("/search", params={"q": ID + "org/ip"})) == ["jo:ipjj"]
    assert curies(client.get("/search", params={"q": f"<{ID}org/ipjj>"})) == ["jo:ipjj"]


def test_the_limit_is_kept(client):
    assert len(curies(client.get("/search", params={"q": "a", "limit": "3"}))) == 3
    assert len(curies(client.get("/search", params={"q": "jo:"}))) == search.DEFAULT_LIMIT


def test_nothing_found_is_an_empty_list(client):
    assert curies(client.get("/search", params={"q": "no such name anywhere"})) == []


@pytest.mark.parametrize(
    "params, words",
    [
        ({"q": "x", "kind": "planet"}, "unknown kind 'planet'"),
        ({"q": "x", "limit": "0"}, "limit must be a whole number from 1 to 100"),
        ({"q": "x", "limit": "many"}, "limit must be"),
        ({"q": "x", "limit": "101"}, "limit must be"),
        ({"q": "x" * 201}, "q is over 200 characters"),
    ],
)
def test_bad_parameters_are_a_400_that_says_what_to_send(client, params, words):
    r = client.get("/search", params=params)
    assert r.status_code == 400 and words in r.text


def test_search_runs_in_the_pages_lane(client):
    assert LANES["search"] == "pages"
    lanes = client.app.state.lanes
    assert lanes.for_job({"kind": "search"}) is lanes.pools["pages"]


def test_search_answers_while_every_query_worker_is_busy(client):
    """A search is a page's job: with the queries lane taken (here: made to fail), names are still found."""
    pool = client.app.state.lanes.pools["queries"]

    async def taken(job, cancelled=None):
        raise AssertionError("a search must not use the queries lane")

    original, pool.call = pool.call, taken
    try:
        assert curies(client.get("/search", params={"q": "tdh"}))[0] == "jo:tdh"
    finally:
        pool.call = original


# --- the index itself, on a small graph with accents ------------------------------------------------------


@pytest.fixture(scope="module")
def index() -> search.Index:
    store = ox.Store()
    g = ox.NamedNode(ID + "source/test")

    def add(s, p, o):
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g))

    add(ID + "org/dci", SKOS + "prefLabel", ox.Literal("Défense des Enfants International", language="fr"))
    add(ID + "org/dci", SKOS + "prefLabel", ox.Literal("Defence for Children International", language="en"))
    add(ID + "org/dci", SKOS + "altLabel", ox.Literal("DCI"))
    add(ID + "place/civ", SKOS + "prefLabel", ox.Literal("Côte d'Ivoire"))
    add(ID + "place/civ", RDF + "type", ox.NamedNode("http://schema.org/Country"))
    add(ONTOLOGY + "Unlabelled", RDF + "type", ox.NamedNode(PREFIXES["owl"] + "Class"))
    add(ONTOLOGY + "NGO", RDF + "type", ox.NamedNode(PREFIXES["owl"] + "Class"))
    add(ONTOLOGY + "NGO", RDFS + "label", ox.Literal("non-governmental organisation", language="en"))
    store.add(ox.Quad(ox.BlankNode(), ox.NamedNode(RDFS + "label"), ox.Literal("a blank node"), g))
    return search.Index(store)


@pytest.mark.parametrize("text", ["cote d'ivoire", "CÔTE", "COTE", "ivoire", "jpl:civ"])
def test_accents_and_case_are_ignored(index, text):
    assert [r["curie"] for r in index.search(text)][:1] == ["jpl:civ"]


def test_the_english_or_untagged_preferred_label_is_the_name(index):
    found = index.search("defense")
    assert found[0]["label"] == "Defence for Children International"
    assert found[0]["matched"] == "Défense des Enfants International"
    assert index.search("DCI")[0]["curie"] == "jo:dci"


def test_an_unlabelled_class_is_found_by_its_name_and_blank_nodes_never(index):
    found = index.search("unlab", frozenset({"class"}))
    assert [(r["curie"], r["label"], r["kind"]) for r in found] == [("jwc:Unlabelled", "jwc:Unlabelled", "class")]
    assert index.search("blank node") == []


def test_fold_drops_accents_and_case():
    assert search.fold("Défense des ENFANTS") == "defense des enfants"
    assert search.fold("Côte d'Ivoire") == "cote d'ivoire"


def test_page_href_maps_the_projects_iris_to_this_servers_pages():
    assert search.page_href(ID + "org/tdh") == "/id/org/tdh"
    assert search.page_href(ONTOLOGY + "NGO") == "/ontology#NGO"
    assert search.page_href(PREFIXES["voc"] + "role-member") == "/vocab/role-member"
    assert search.page_href("https://w3id.org/jwc/ontology") == "/ontology"
    assert search.page_href("http://schema.org/Country") is None
    assert search.page_href(ID) is None
