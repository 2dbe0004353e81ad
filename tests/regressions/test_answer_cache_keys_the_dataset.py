"""Merging the answer cache with dataset support, the cache's key first held only the query text, formats and
row limit: the same query asked with another default-graph-uri (or from another endpoint URL, its base) would
have been answered from the cache with the first request's graphs. The key now holds the dataset and the base."""

from __future__ import annotations

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CATALOGUE = "https://w3id.org/jwc/id/graph/catalogue"
ONTOLOGY = "https://w3id.org/jwc/ontology"


def count(r) -> int:
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def ask(client, graph: str | None) -> int:
    params = {"query": QUERY, **({"default-graph-uri": graph} if graph else {})}
    return count(client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"}))


def test_the_same_query_over_other_graphs_is_not_answered_from_the_cache(client):
    assert client.app.state.answers is not None, "the server under test keeps answers"
    whole, catalogue, ontology = ask(client, None), ask(client, CATALOGUE), ask(client, ONTOLOGY)
    assert len({whole, catalogue, ontology}) == 3, (whole, catalogue, ontology)
    assert ask(client, CATALOGUE) == catalogue, "asked again, the same answer"


def test_the_same_construct_from_another_base_is_not_answered_from_the_cache(client):
    text = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    one = client.get("/sparql", params={"query": text}, headers={"Accept": "application/n-triples"})
    other = client.get(
        "http://elsewhere.example/sparql", params={"query": text}, headers={"Accept": "application/n-triples"}
    )
    assert one.text.startswith("<http://testserver/s>") and other.text.startswith("<http://elsewhere.example/s>")
