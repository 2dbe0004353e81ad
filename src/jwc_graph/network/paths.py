"""How two entities are linked: the shortest chains between them, in words, with the source of every link.

Links are walked in either direction; each step is phrased for the direction it is read in
("X is a member of P", or, walking back along that link, "P, of which X is a member").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from ..base.errors import InputError, JwcError
from . import projection

#: Words a relation can end on that move to the front when it is read backwards ("is run by" -> "by which X is run").
PREPOSITIONS = ("out of", "of", "by", "to", "with", "at", "in", "on", "for", "from", "following")
#: Relations with a natural converse, read backwards as that converse ("P has as partner X" -> "X is a partner in P").
CONVERSE = {
    "has as partner": "is a partner in",
    "publishes": "is published by",
    "carries out": "is carried out by",
    "launched": "was launched by",
    "confers": "is conferred by",
    "is published by": "publishes",
    "was founded by": "founded",
    "implements": "is implemented by",
    "promotes": "is promoted by",
    "serves": "is served by",
    "interprets": "is interpreted by",
    "prepares": "is prepared by",
    "is run by": "runs",
    "is organised by": "organises",
    "is supported by": "supports",
    "is monitored by": "monitors",
    "was adopted by": "adopted",
}


class NoPath(JwcError):
    """The two entities are not linked in the network (exit code 1, like a query with no answer)."""

    exit_code = 1


@dataclass
class Step:
    """One link of a chain: from `start` to `end`, along `edge` read forwards (start -> end) or backwards."""

    start: str
    end: str
    edge: dict
    forward: bool


def _phrase(edge: dict) -> str:
    """The relation's words, read from subject to object (membership roles are given separately)."""
    return "is a member of" if edge["kind"] == "member" else edge["label"]


def _backwards(phrase: str, subject: str) -> str:
    """The relative clause that reads `subject PHRASE <previous>` from the previous entity's side."""
    for prep in PREPOSITIONS:
        if phrase.endswith(" " + prep):
            return f"{prep} which {subject} {phrase[: -len(prep) - 1]}"
    return f"which {subject} {phrase}"


def _choose(g: nx.MultiDiGraph, u: str, v: str) -> Step:
    """The link to show between two neighbours: memberships first, then the best-sourced link."""
    options = [(True, d) for d in g.get_edge_data(u, v, default={}).values()]
    options += [(False, d) for d in g.get_edge_data(v, u, default={}).values()]
    forward, edge = min(
        options, key=lambda o: (o[1]["kind"] != "member", -len(o[1]["sources"]), not o[0], o[1]["kind"])
    )
    return Step(u, v, edge, forward)


def shortest(g: nx.MultiDiGraph, a: str, b: str, max_paths: int = 3) -> list[list[Step]]:
    """Up to `max_paths` shortest chains from node `a` to node `b`, links walked in either direction."""
    if a == b:
        raise InputError(
            f"{g.nodes[a]['label']!r} and {g.nodes[b]['label']!r} are the same entity",
            fix="name two different entities",
        )
    h = projection.undirected(g)
    try:
        chains = nx.all_shortest_paths(h, a, b)
        found = list(islice(chains, 1000))
    except nx.NetworkXNoPath:
        found = []
    if not found:
        raise NoPath(
            f"no chain of links joins {g.nodes[a]['label']!r} and {g.nodes[b]['label']!r}",
            fix="allow more kinds of node or link (--kinds all), or add a source that links them to data/",
        )
    found.sort(key=lambda p: [g.nodes[n]["label"] for n in p])
    return [[_choose(g, u, v) for u, v in zip(p, p[1:])] for p in found[:max_paths]]


def source_note(g: nx.MultiDiGraph, edge: dict) -> str:
    """ "(source: title)" for a link, with membership roles and period where the sources give them."""
    titles = [g.graph.get("sources", {}).get(s, s) for s in edge["sources"]]
    parts = []
    roles = [r for r in edge.get("roles", []) if r != "member"]  # "is a member of P (as member)" says nothing
    if roles:
        parts.append("as " + " and ".join(roles))
    if edge.get("start") or edge.get("end"):
        parts.append(
            f"{edge.get('start') or '?'}–{edge.get('end') or ''}".rstrip("–")
            if edge.get("end")
            else f"since {edge['start']}"
        )
    parts.append(("sources: " if len(titles) > 1 else "source: ") + "; ".join(titles))
    return f"({'; '.join(parts)})"


def in_words(g: nx.MultiDiGraph, chain: list[Step]) -> str:
    """The chain as one sentence: each link phrased for its direction, each followed by its source."""
    label = lambda n: g.nodes[n]["label"]
    text = label(chain[0].start)
    last_named = chain[0].start  # the entity a following "which" would refer to
    for i, step in enumerate(chain):
        note = source_note(g, step.edge)
        phrase = _phrase(step.edge) if step.forward else CONVERSE.get(_phrase(step.edge))
        if phrase:
            if i == 0:
                text += f" {phrase} {label(step.end)} {note}"
            elif last_named == step.start:
                text += f", which {phrase} {label(step.end)} {note}"
            else:
                text += f", and {label(step.start)} {phrase} {label(step.end)} {note}"
            last_named = step.end
        else:
            lead = "" if last_named == step.start else f", and {label(step.start)}"
            text += f"{lead}, {_backwards(_phrase(step.edge), label(step.end))} {note}"
            last_named = None
    return text + "."


def as_records(g: nx.MultiDiGraph, chains: list[list[Step]]) -> list[dict]:
    """The chains as plain data (for JSON): the entities passed through, and each link with its sources."""
    return [
        {
            "text": in_words(g, chain),
            "nodes": [g.nodes[n]["label"] for n in [chain[0].start, *(s.end for s in chain)]],
            "steps": [
                {
                    "from": g.nodes[s.start]["label"],
                    "to": g.nodes[s.end]["label"],
                    "kind": s.edge["kind"],
                    "relation": _phrase(s.edge),
                    "direction": "forward" if s.forward else "backward",
                    "roles": s.edge.get("roles", []),
                    "sources": [
                        {"iri": iri, "title": g.graph.get("sources", {}).get(iri, iri)} for iri in s.edge["sources"]
                    ],
                }
                for s in chain
            ],
        }
        for chain in chains
    ]


def between(g: nx.MultiDiGraph, start: str, end: str, max_paths: int = 3) -> list[dict]:
    """`jwc path A B`: the shortest chains between two entities named as people type them, as records."""
    return as_records(g, shortest(g, projection.resolve(g, start), projection.resolve(g, end), max_paths=max_paths))
