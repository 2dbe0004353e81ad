"""Which shapes can target a submitted record: the others lose their targets for the pySHACL run, which then
takes seconds, not tens.

A shape whose targets include no submitted record cannot produce a result `jwc validate` keeps, so
running it without targets (it can still be used through sh:node) changes nothing; the differential
tests check. (pySHACL's own use_shapes option was tried: it loses the property shapes that closed
shapes allow, and flags every property.) Class targets are matched against the
records' types and superclasses; SPARQL targets (SHACL-AF) are run on Oxigraph, in memory, over the
submission and its neighbourhood, where they take milliseconds (rdflib needs about a second each).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from ..base.namespaces import sparql_prefixes
from .sparql_functions import OXIGRAPH

TARGETS = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _key(node) -> str:
    return node.value if isinstance(node, (ox.NamedNode, ox.BlankNode)) else str(node)


def relevant_shapes(
    shapes: rdflib.Graph, triples: Iterable[ox.Triple | ox.Quad], focus: set
) -> list[rdflib.URIRef] | None:
    """The node shapes (with targets) that target at least one node of `focus`; None to run them all."""
    data = ox.Store()
    data.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    focus_keys = {_key(f) for f in focus}
    supers: dict[str, set[str]] = {}
    for f in focus:
        if isinstance(f, ox.NamedNode):
            rows = data.query(f"SELECT DISTINCT ?c WHERE {{ <{f.value}> a/<{RDFS.subClassOf}>* ?c }}")
        else:  # a blank node cannot be named in SPARQL: walk from its types
            types = [q.object for q in data.quads_for_pattern(f, ox.NamedNode(str(RDF.type)), None, None)]
            rows = [
                [c]
                for t in types
                if isinstance(t, ox.NamedNode)
                for c in [t, *(r[0] for r in data.query(f"SELECT ?c WHERE {{ <{t.value}> <{RDFS.subClassOf}>+ ?c }}"))]
            ]
        supers[_key(f)] = {r[0].value for r in rows}
    classes = set().union(*supers.values()) if supers else set()
    prefixes = sparql_prefixes()
    chosen = []
    shapes_with_targets = {s for p in (SH.targetClass, SH.target, *TARGETS) for s in shapes.subjects(p, None)}
    for shape in sorted(shapes_with_targets, key=str):
        if not isinstance(shape, rdflib.URIRef):
            return None  # a shape pySHACL could not be told to run by name: run everything
        if any(shapes.value(shape, p) is not None for p in TARGETS):
            chosen.append(shape)
            continue
        hit = any(str(c) in classes for c in shapes.objects(shape, SH.targetClass))
        for target in shapes.objects(shape, SH.target):
            select = shapes.value(target, SH.select)
            if select is None:
                hit = True  # a target type this module does not know: keep the shape
                continue
            try:
                rows = data.query(prefixes + str(select), custom_functions=OXIGRAPH)
                hit = hit or any(_key(row["this"]) in focus_keys for row in rows if row["this"] is not None)
            except (SyntaxError, OSError, ValueError):
                hit = True
        if hit:
            chosen.append(shape)
    return chosen


def without_other_targets(shapes: rdflib.Graph, keep: list[rdflib.URIRef] | None) -> rdflib.Graph:
    """A copy of the shapes graph in which only the shapes in `keep` have targets (all of them if None)."""
    if keep is None:
        return shapes
    out = rdflib.Graph()
    out += shapes
    kept = set(keep)
    for p in (SH.targetClass, SH.target, *TARGETS):
        for shape, target in list(shapes.subject_objects(p)):
            if shape in kept:
                continue
            out.remove((shape, p, target))
            if isinstance(target, rdflib.BNode):
                out.remove((target, None, None))
    return out
