"""Write the graph in the standard RDF formats, byte for byte the same for the same input.

Blank nodes get canonical labels (RDFC-1.0) and quads are sorted, so a rebuild with nothing
changed gives identical files and diffs between builds show only what changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from ..base.namespaces import PREFIXES
from . import convert

FORMATS = {
    "nquads": ("jwc.nq", "application/n-quads"),
    "trig": ("jwc.trig", "application/trig"),
    "turtle": ("jwc.ttl", "text/turtle"),
    "jsonld": ("jwc.jsonld", "application/ld+json"),
}


def canonical(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads with canonical blank-node labels, sorted by their N-Quads text."""
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(ds, key=str)


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Every distinct triple of every graph, sorted: the union the Turtle export holds."""
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)


def context() -> dict:
    """The JSON-LD context: the project's prefixes. It is embedded, never fetched from a URL."""
    return dict(PREFIXES)


def _sorted_json(node, ordered: bool = False):
    """Sort JSON-LD arrays for stable output: they are unordered sets, except the items of an @list."""
    if isinstance(node, dict):
        return {k: _sorted_json(v, ordered=k == "@list") for k, v in node.items()}
    if isinstance(node, list) and ordered:
        return [_sorted_json(v) for v in node]
    if isinstance(node, list):
        items = [_sorted_json(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """Serialize canonical quads in one of FORMATS (all named graphs, or their union for Turtle)."""
    if fmt == "nquads":
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if fmt == "turtle":
        return ox.serialize(union_triples(quads), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if fmt == "jsonld":
        text = convert.to_dataset(quads).serialize(format="json-ld", context=context(), auto_compact=True)
        doc = _sorted_json(json.loads(text))
        return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
