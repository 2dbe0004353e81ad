"""Carry pyoxigraph quads into rdflib (for pySHACL and the JSON-LD serializer), keeping blank-node labels.

Written here because oxrdflib keeps its converters private; the term mapping is a few lines and
keeping labels is what makes the JSON-LD export byte-identical from one build to the next.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term(node) -> rdflib.term.Node:
    """The rdflib term for a pyoxigraph NamedNode, BlankNode or Literal."""
    if isinstance(node, ox.NamedNode):
        return rdflib.URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return rdflib.BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return rdflib.Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return rdflib.Literal(node.value)
        return rdflib.Literal(node.value, datatype=rdflib.URIRef(node.datatype.value))
    raise TypeError(f"cannot convert {node!r} to rdflib")


def to_dataset(quads: Iterable[ox.Quad]) -> rdflib.Dataset:
    """An rdflib Dataset with the same named graphs."""
    ds = rdflib.Dataset()
    for q in quads:
        graph = rdflib.URIRef(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else None
        ds.add(
            (term(q.subject), term(q.predicate), term(q.object), graph)
            if graph
            else (term(q.subject), term(q.predicate), term(q.object))
        )
    return ds


def to_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The union of all the quads' graphs, as one rdflib Graph."""
    g = rdflib.Graph()
    for q in quads:
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return g
