"""The ontology's documentation, served: every term with its label, definition, parents and kinds, domain and
range, the shapes that check it and how often the data uses it; term IRIs dereference to it (HTML or RDF)."""

from __future__ import annotations

import re

import pyoxigraph as ox


def section(page: str, anchor: str) -> str:
    """The HTML of one term's entry (from its <dt> to the next)."""
    start = page.index(f'<dt id="{anchor}">')
    end = page.find("<dt id=", start + 10)
    return page[start : end if end > 0 else None]


def test_a_class_shows_its_parents_kinds_and_instances(client, store):
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    ngo = section(page, "NGO")
    assert "non-governmental organisation" in ngo
    assert 'href="/ontology#FormalOrganization"' in ngo, "a parent links to its own entry"
    typed = store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(f"{ONT}NGO"), None)
    ngos = len({q.subject for q in typed if q.subject.value.startswith("https://w3id.org/jwc/id/")})
    assert re.search(rf"In the data: {ngos} instances", ngo), ngo
    formal = section(page, "FormalOrganization")
    assert 'href="/ontology#NGO"' in formal, "a class lists its kinds"


def test_a_property_shows_domain_range_and_the_shapes_that_check_it(client):
    page = client.get("/ontology", headers={"Accept": "text/html"}).text
    statement = section(page, "statement")
    assert 'href="/shapes#statement"' in statement and "Checked by" in statement
    assert re.search(r"In the data: [1-9][0-9]* statements", statement)


def test_a_term_iri_dereferences_to_html_or_turtle(client):
    """https://w3id.org/jwc/ontology#NGO is served by /ontology: a browser gets the page, a client Turtle."""
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = set(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    assert any(t.subject == ox.NamedNode(f"{ONT}NGO") for t in graph)


ONT = "https://w3id.org/jwc/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
