"""The part of the built graph a submission's validation can see, fetched from the store by index lookups.

Validating a submission against the whole graph with pySHACL does not scale (about a minute at 100k
triples), so `jwc validate` validates the submission plus this neighbourhood and keeps the results
whose focus node the submission describes. Every shape, including the SPARQL rules, looks from a
focus node at most at: its own triples; the triples of the nodes it points to (types, dates,
jwc:partOf/jwc:runBy); the triples of the nodes that point to it (memberships of a coalition,
figures, gaps, preparatory meetings); the organisations that share one of its names; the blank
nodes below any of those (membership intervals); and what the ontology says about the classes and
terms in view and their superclasses (the whole ontology would double pySHACL's work). The
differential tests (tests/test_validate_differential.py) check that this gives the same results as
validating the whole merged graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..base.lookalike import name_key
from ..base.namespaces import ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH
from .names import LABELS

SHAPES = ox.NamedNode(SHAPES_GRAPH)
RDF_TYPE = PREFIXES["rdf"] + "type"
SUBCLASS_OF = PREFIXES["rdfs"] + "subClassOf"


def _triples(quads: Iterable[ox.Quad]) -> Iterable[ox.Triple]:
    """The triples of the sources' graphs (not the shapes, not the default graph, which repeats them all)."""
    for q in quads:
        if q.graph_name != SHAPES and not isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Triple(q.subject, q.predicate, q.object)


def focus_nodes(submission: Iterable[ox.Triple | ox.Quad]) -> set:
    """The records a submission describes: the subjects of its triples."""
    return {t.subject for t in submission}


def neighbourhood(
    store: ox.Store, submission: list[ox.Triple | ox.Quad], by_key: dict[str, set] | None = None
) -> set[ox.Triple]:
    """The store's triples that the shapes can reach from the submission's focus nodes (shapes graph excluded).
    `by_key` is the store's `names_by_key`, when the caller asks for several neighbourhoods of one store."""
    out: set[ox.Triple] = set()

    def outgoing(node) -> list[ox.Triple]:
        return list(_triples(store.quads_for_pattern(node, None, None, None)))

    focus = {n for n in focus_nodes(submission) if isinstance(n, ox.NamedNode)}
    # 1. What the store already says about the submitted records.
    about = [t for n in focus for t in outgoing(n)]
    out.update(about)
    # 2. Nodes one step out (from the submission and from those triples), and nodes pointing in.
    step = {t.object for t in (*submission, *about) if isinstance(t.object, ox.NamedNode)}
    incoming = [t for n in focus for t in _triples(store.quads_for_pattern(None, None, n, None))]
    out.update(incoming)
    step.update(t.subject for t in incoming)
    # 3. Organisations with a name that reads the same as one of a submitted record (the name rules).
    names = {
        name_key(t.object.value)
        for t in (*submission, *about)
        if t.predicate.value in LABELS and isinstance(t.object, ox.Literal) and t.subject in focus
    }
    by_key = by_key if by_key is not None else names_by_key(store)
    step.update(n for key in names for n in by_key.get(key, ()))
    for node in step - focus:
        out.update(outgoing(node))
    # 3b. The types of what those point to, so that a reference from them is not taken for a dangling one.
    rdf_type = ox.NamedNode(RDF_TYPE)
    further = {t.object for t in out if isinstance(t.object, ox.NamedNode) and t.predicate != rdf_type} - step - focus
    for node in further:
        out.update(_triples(store.quads_for_pattern(node, rdf_type, None, None)))
    # 4. Blank nodes below anything fetched (intervals and their instants), however deep.
    seen: set = set()
    todo = [t.object for t in (*out, *submission) if isinstance(t.object, ox.BlankNode)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in outgoing(node):
            out.add(t)
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)
    # 5. The ontology's statements about every class and term in view, and up their superclasses
    # (pySHACL finds a class's instances through rdfs:subClassOf from these, in either direction).
    out.update(
        _ontology(store, {n for t in (*out, *submission) for n in (t.subject, t.object) if isinstance(n, ox.NamedNode)})
    )
    return out


def _ontology(store: ox.Store, nodes: set[ox.NamedNode]) -> set[ox.Triple]:
    """Ontology triples about `nodes`, following rdf:type and rdfs:subClassOf up to the top classes."""
    graph, follow = ox.NamedNode(ONTOLOGY_GRAPH), {ox.NamedNode(RDF_TYPE), ox.NamedNode(SUBCLASS_OF)}
    out: set[ox.Triple] = set()
    todo, seen = list(nodes), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in store.quads_for_pattern(node, None, None, graph):
            out.add(ox.Triple(q.subject, q.predicate, q.object))
            if q.predicate in follow and isinstance(q.object, ox.NamedNode):
                todo.append(q.object)
    return out


def names_by_key(store: ox.Store) -> dict[str, set]:
    """Look-alike key -> the subjects with a prefLabel or altLabel of that key (any language tag): one indexed
    scan per label predicate."""
    found: dict[str, set] = {}
    for pred in LABELS:
        for q in store.quads_for_pattern(None, ox.NamedNode(pred), None, None):
            if q.graph_name != SHAPES and isinstance(q.object, ox.Literal) and isinstance(q.graph_name, ox.NamedNode):
                found.setdefault(name_key(q.object.value), set()).add(q.subject)
    return found
