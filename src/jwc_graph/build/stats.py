"""Counts of the graph by class and by source, read from the store with SPARQL."""

from __future__ import annotations

import pyoxigraph as ox

from ..base.namespaces import CATALOGUE_GRAPH, DATASET, ID, ONTOLOGY_GRAPH, SHAPES_GRAPH, sparql_prefixes

BY_CLASS = (
    sparql_prefixes()
    + f"""
SELECT ?class (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?entity) AS ?entities) WHERE {{
    ?entity a ?class .
    FILTER (STRSTARTS(STR(?entity), "{ID}"))
    OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?class rdfs:label ?label }} }}
}} GROUP BY ?class ORDER BY DESC(?entities) ?class
"""
)

BY_SOURCE = (
    sparql_prefixes()
    + f"""
SELECT ?graph (SAMPLE(?t) AS ?title) (SAMPLE(?f) AS ?file) ?triples ?entities WHERE {{
    {{
        SELECT ?graph (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?entities) WHERE {{
            GRAPH ?graph {{ ?s ?p ?o }}
        }} GROUP BY ?graph
    }}
    OPTIONAL {{ GRAPH <{CATALOGUE_GRAPH}> {{ ?graph dcterms:title ?t . OPTIONAL {{ ?graph jwc:seedFile ?f }} }} }}
}} GROUP BY ?graph ?triples ?entities ORDER BY ?graph
"""
)

FIXED_TITLES = {
    DATASET: "the dataset's description (VoID and DCAT)",
    ONTOLOGY_GRAPH: "the ontology and its controlled vocabularies",
    SHAPES_GRAPH: "the SHACL shapes",
    CATALOGUE_GRAPH: "the catalogue of sources",
}


def _value(term) -> str | int | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return term.value


def by_class(store: ox.Store) -> list[dict]:
    """Entities per class (an entity counts once for each class it is typed with), from the default graph."""
    return [
        {"class": _value(r["class"]), "name": _value(r["name"]), "entities": _value(r["entities"])}
        for r in store.query(BY_CLASS)
    ]


def by_source(store: ox.Store) -> list[dict]:
    """Triples and subjects per named graph, with the source's title and seed file."""
    rows = []
    for r in store.query(BY_SOURCE):
        graph = _value(r["graph"])
        rows.append(
            {
                "graph": graph,
                "title": _value(r["title"]) or FIXED_TITLES.get(graph, ""),
                "file": _value(r["file"]),
                "triples": _value(r["triples"]),
                "entities": _value(r["entities"]),
            }
        )
    return rows


def totals(store: ox.Store) -> dict:
    """Triples in all graphs, distinct entities minted by the project, and named graphs."""
    q = sparql_prefixes() + """SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"""
    triples = _value(next(iter(store.query(q)))["n"])
    q = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} FILTER (STRSTARTS(STR(?s), "{ID}")) }}"""
    entities = _value(next(iter(store.query(q)))["n"])
    return {"triples": triples, "entities": entities, "graphs": len(list(store.named_graphs()))}


def tables(store: ox.Store, by: str = "both") -> dict[str, list[dict]]:
    """`jwc stats`: the counts by class, by source, or both, as rows."""
    out = {}
    if by in ("class", "both"):
        out["class"] = by_class(store)
    if by in ("source", "both"):
        out["source"] = by_source(store)
    return out
