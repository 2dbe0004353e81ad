"""Compare a remote store's answers and graphs with the embedded store's, for the push tests.

`normalised` compares exactly (rows as a multiset, blank nodes unlabeled). `comparable` also allows for
what SPARQL leaves to each store in a GROUP_CONCAT: the order of its parts, whether a language tag the
parts share is kept (Oxigraph 0.5 keeps it, Virtuoso does not, and the SPARQL tests now say it should
go), and the answer for a group with no values ("" or unbound); such a cell compares as its parts.
"""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox

from jwc_graph.sparql.query import run_remote

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
XSD_DURATION = ox.NamedNode("http://www.w3.org/2001/XMLSchema#duration")


def graph_counts(answer) -> dict[str, int]:
    return {row["g"]: row["n"] for row in answer.rows()}


def canonical(triples) -> set[str]:
    """The triples with RDFC-1.0 blank-node labels: equal sets mean isomorphic graphs."""
    ds = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in ds}


def remote_graph(query_url: str, graph: str) -> list[ox.Triple]:
    return run_remote(query_url, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").triples


def normalised(answer) -> tuple:
    """An answer in a form two stores' answers can be compared in: rows as a multiset, blank nodes unlabeled."""
    return _rows(answer, {})


def comparable(answer, text: str) -> tuple:
    """As `normalised`, but each GROUP_CONCAT cell of the query `text` as the sorted list of its parts."""
    return _rows(answer, concatenated(text))


def _rows(answer, concat: dict[str, str]) -> tuple:
    if answer.form == "ask":
        return ("ask", answer.boolean)
    if answer.form == "construct":
        return ("construct", frozenset(canonical(answer.triples)))
    rows = Counter()
    bnodes = set()
    for row in answer.terms():
        cells = []
        for var in answer.variables:
            term = row[var]
            if var in concat:
                parts = term.value.split(concat[var]) if term is not None and term.value else []
                cells.append((var, tuple(sorted(parts))))
            elif isinstance(term, ox.BlankNode):
                bnodes.add(term.value)
                cells.append((var, "_:b"))
            else:
                cells.append((var, None if term is None else str(term)))
        rows[tuple(cells)] += 1
    return ("select", tuple(answer.variables), rows, len(bnodes))


def concatenated(text: str) -> dict[str, str]:
    """The variables the query binds to a GROUP_CONCAT, each with its separator (a space when none is given)."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    found = {}
    for m in re.finditer(r"GROUP_CONCAT\s*\(", text, re.IGNORECASE):
        depth, i, quote = 1, m.end(), None
        while depth and i < len(text):
            c = text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c in "()":
                depth += 1 if c == "(" else -1
            i += 1
        separator = re.search(r';\s*separator\s*=\s*"([^"]*)"\s*\)$', text[m.end() : i], re.IGNORECASE)
        name = re.match(r"\s*AS\s+\?(\w+)", text[i:], re.IGNORECASE)
        if name:
            found[name.group(1)] = separator.group(1) if separator else " "
    return found


def is_duration(t: ox.Triple) -> bool:
    """Whether the triple's object is an xsd:duration literal."""
    return isinstance(t.object, ox.Literal) and t.object.datatype == XSD_DURATION


def without_durations(triples) -> list[ox.Triple]:
    return [t for t in triples if not is_duration(t)]
