"""The RDF dataset a query runs on when the request (default-graph-uri, named-graph-uri) or the query itself
(FROM, FROM NAMED) describes one, with its default graph a set, as the project's default graph is.

A described dataset holds only what it names: default graphs but no named ones leave GRAPH nothing to match,
and named graphs alone leave the default graph empty (SPARQL 1.1 Query, 13.2; Protocol, 2.1.4). The request's
description wins over the query's.

Oxigraph takes a list of default graphs but reads them as a bag: a triple two of them hold is seen twice
(COUNT(*) counts it twice). One default graph is handed to Oxigraph as it is, at no cost. Two or more are
merged into a new in-memory store, whose default graph is a set, with the named graphs copied beside it:
each such query pays a copy of the graphs it names (time and memory in proportion to their size: the
project's sources are a few thousand triples each, the whole graph well under a million), and no other
query pays anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..base.errors import InputError
from . import clauses

_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dataset:
    """The graph IRIs merged (as a set) into the default graph, and the named graphs GRAPH may match."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


def from_request(default_uris: Iterable[str], named_uris: Iterable[str]) -> Dataset | None:
    """The dataset of the protocol's default-graph-uri and named-graph-uri values; None when neither is given."""
    default, named = tuple(dict.fromkeys(default_uris)), tuple(dict.fromkeys(named_uris))
    for name, values in (("default-graph-uri", default), ("named-graph-uri", named)):
        for value in values:
            try:
                ox.NamedNode(value)
            except ValueError:
                raise InputError(
                    f"{name} {value!r} is not an absolute IRI", fix=f"give {name} the full IRI of a graph"
                ) from None
    return Dataset(default, named) if default or named else None


def from_query(text: str, base_iri: str | None = None) -> Dataset | None:
    """The dataset of the query's FROM and FROM NAMED clauses; None when it has none."""
    if not _FROM.search(text):  # most queries: not worth reading token by token
        return None
    found = clauses.dataset_clauses(text, base_iri)
    if found is None:
        return None
    default, named = found
    try:
        for iri in (*default, *named):
            ox.NamedNode(iri)
    except ValueError:
        return None  # a relative IRI with no base: the parser says so
    return Dataset(tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named)))


def query(store: ox.Store, text: str, dataset: Dataset | None, **options):
    """Run the query on `store`, over `dataset` when one is given (it replaces the query's FROM clauses)."""
    if dataset is None:
        return store.query(text, **options)
    named = [_node(iri) for iri in dataset.named]
    if len(dataset.default) <= 1:
        default = [_node(iri) for iri in dataset.default]
        return store.query(text, default_graph=default, named_graphs=named, **options)
    merged = ox.Store()
    merged.extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        for iri in dataset.default
        for q in store.quads_for_pattern(None, None, None, _node(iri))
    )
    merged.extend(q for graph in named for q in store.quads_for_pattern(None, None, None, graph))
    return merged.query(text, default_graph=ox.DefaultGraph(), named_graphs=named, **options)


def _node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise InputError(f"the dataset names {iri!r}, which is not an absolute IRI") from None
