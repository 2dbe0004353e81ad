"""What the store says about one entity, for its page: its facts with their source graphs, the links pointing at
it, labels for every IRI shown, and blank nodes (periods, figures) opened a few levels deep.

Read in a query worker (worker.py); entity_page.py turns it into what the template prints.
"""

from __future__ import annotations

from itertools import islice

import pyoxigraph as ox

from ..base.namespaces import CATALOGUE_GRAPH
from ..rdf.default_graph import stated
from ..sparql import query

LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label")
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
NESTING = 4  # how deep blank nodes (intervals, instants) are opened on an entity page


def term(t, store: ox.Store | None = None, depth: int = 0, seen: frozenset = frozenset()) -> dict:
    """A term as a plain dict; a blank node carries its own facts, opened a few levels deep."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        out = {"type": "bnode", "value": t.value, "facts": []}
        if store is not None and depth < NESTING and t not in seen:
            out["facts"] = [
                {"p": q.predicate.value, "o": term(q.object, store, depth + 1, seen | {t})}
                for q in _unique(store.quads_for_pattern(t, None, None, None))
            ]
        return out
    return {
        "type": "literal",
        "value": t.value,
        "lang": t.language,
        "datatype": t.datatype.value if t.datatype and not t.language else None,
    }


def _unique(quads):
    """Triples once each, whatever graphs state them (blank-node details are not per source)."""
    seen, out = set(), []
    for q in quads:
        if q.triple not in seen:
            seen.add(q.triple)
            out.append(q)
    return out


def _closure(store: ox.Store, triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples plus those about the blank nodes they reach (a concise bounded description)."""
    out, todo, done = dict.fromkeys(triples), [t.object for t in triples], set()
    while todo:
        node = todo.pop()
        if not isinstance(node, ox.BlankNode) or node in done:
            continue
        done.add(node)
        for q in store.quads_for_pattern(node, None, None, None):
            out.setdefault(q.triple)
            todo.append(q.object)
    return list(out)


def entity_facts(store: ox.Store, iri: str, limit: int, fmt: str | None = None) -> dict | bytes | None:
    """An entity's facts with their source graphs, the facts pointing at it, and labels; None if unknown.

    With `fmt`, the entity's own triples (and its blank nodes') serialized in that graph format instead.
    """
    node = ox.NamedNode(iri)
    out = list(islice(stated(store, node), limit))  # each fact with the source graph that states it
    inc = list(islice(stated(store, None, None, node), limit))
    # A source's IRI also names the graph of its facts; the catalogue graph is only a graph name.
    held = (
        sum(1 for _ in islice(store.quads_for_pattern(None, None, None, node), limit))
        if store.contains_named_graph(node)
        else 0
    )
    if not out and not inc and not held:
        return None
    if fmt:
        triples = _closure(store, [q.triple for q in out])
        return query.Answer("construct", triples=triples).serialize(fmt)
    named = {iri}
    for q in out + inc:
        named.update(t.value for t in (q.subject, q.predicate, q.object, q.graph_name) if isinstance(t, ox.NamedNode))
    return {
        "iri": iri,
        "facts": [{"p": q.predicate.value, "o": term(q.object, store), "g": q.graph_name.value} for q in out],
        "incoming": [
            {"s": q.subject.value, "p": q.predicate.value, "g": q.graph_name.value}
            for q in inc
            if isinstance(q.subject, ox.NamedNode)
        ],
        "labels": labels(store, named),
        "titles": {
            q.subject.value: q.object.value
            for q in store.quads_for_pattern(None, TITLE, None, ox.NamedNode(CATALOGUE_GRAPH))
            if isinstance(q.subject, ox.NamedNode)
        },
        "truncated": len(out) >= limit or len(inc) >= limit,
        "graph": {"statements": held, "more": held >= limit} if held else None,
    }


def labels(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """A label for each IRI that has one: skos:prefLabel, else rdfs:label; English or untagged first."""
    out = {}
    for iri in iris:
        for prop in LABELS:
            found = [
                q.object
                for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(prop), None, None)
                if isinstance(q.object, ox.Literal)
            ]
            if found:
                found.sort(key=lambda lit: (lit.language not in (None, "en"), lit.language or "", lit.value))
                out[iri] = found[0].value
                break
    return out
