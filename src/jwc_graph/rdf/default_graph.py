"""The default graph as the set union of the named graphs: a triple stated by three sources is one triple.

Oxigraph's own union default graph repeats a triple once per graph that holds it (COUNT(*) over
`?s a jwc:NGO` gave 12 for 8 NGOs), which is not what SPARQL users read "the union" as. So every
store keeps the union in its real default graph: written by the build, kept by submit and revert,
filled after an in-memory load. Queries use the default graph as it is; `GRAPH ?g` still gives
each source. Code that walks quads for their sources reads the named graphs only (`stated`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

DEFAULT = ox.DefaultGraph()


def union_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The default-graph copy of each distinct triple of `quads`' named graphs."""
    seen = {q.triple for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    return [ox.Quad(t.subject, t.predicate, t.object, DEFAULT) for t in seen]


def with_union(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """`quads` plus their union in the default graph (what to add to a store)."""
    quads = list(quads)
    return [*quads, *union_quads(quads)]


def fill(store: ox.Store) -> None:
    """Make the store's default graph the union of its named graphs (after a bulk load of named graphs)."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def drop_graph_update(graph: str) -> str:
    """SPARQL Update that drops a named graph and the default-graph triples no other graph states."""
    g = f"<{graph}>"
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {g}) }} }} ;\n"
        f"DROP SILENT GRAPH {g}"
    )


def stated(store: ox.Store, s=None, p=None, o=None) -> Iterator[ox.Quad]:
    """Quads matching the pattern in the named graphs only: each with the source graph that states it."""
    return (q for q in store.quads_for_pattern(s, p, o, None) if not isinstance(q.graph_name, ox.DefaultGraph))
