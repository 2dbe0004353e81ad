"""Communities of the network (Louvain, fixed seed), each named after its most central members.

A number says nothing to a reader; "IPJJ and CRC" says which part of the field a community is. The name
takes the two most connected actors of the community (organisations, coalitions, partnerships, people,
programmes, events; other kinds only when it has no actor), each by a short name: its preferred name, or
its acronym when that name is long. `jwc analyse` and the map show the same names.
"""

from __future__ import annotations

import networkx as nx

#: Louvain is randomised: a fixed seed gives the same communities every run.
SEED = 42
#: Kinds whose members name a community first.
ACTORS = ("organisation", "coalition", "partnership", "person", "programme", "event")
#: Names longer than this are replaced by the entity's shortest other name (its acronym), if it has one.
LONG_NAME = 32
#: A long name with no short one is cut to this many characters.
CUT_AT = 48


def short_name(d: dict) -> str:
    """The entity's preferred name; when that is long, its shortest other name that is short (an acronym), else
    the preferred name cut at a word before CUT_AT characters. Of short names of one length, the one most
    sources give wins ("IPJJ", not the "IJJP" of a single 2006 page), then the first in alphabetical order."""
    label = d["label"]
    if len(label) <= LONG_NAME:
        return label
    stated: dict[str, int] = {}
    for name, _source in d.get("facts", {}).get("altLabel", []):
        stated[name] = stated.get(name, 0) + 1
    short = sorted((len(x), -stated.get(x, 0), x) for x in d.get("names", []) if 2 <= len(x) <= LONG_NAME)
    if short:
        return short[0][2]
    return label if len(label) <= CUT_AT else label[: CUT_AT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def detect(g: nx.MultiDiGraph, h: nx.Graph) -> list[list[str]]:
    """Louvain communities of `h` (the weighted undirected graph of the network `g`), largest first (ties by their
    first member's name), each as its members from the most connected down (ties by name)."""
    if not len(h):
        return []
    found = nx.community.louvain_communities(h, weight="weight", seed=SEED)
    label = lambda n: g.nodes[n]["label"]
    ordered = [sorted(c, key=lambda n: (-h.degree(n), label(n), n)) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), min(label(n) for n in c)))


def name(g: nx.MultiDiGraph, members: list[str]) -> str:
    """ "A and B": the two most connected actors of a community (its members in order, most connected first)."""
    actors = [n for n in members if g.nodes[n]["kind"] in ACTORS] or members
    names: list[str] = []
    for n in actors:
        short = short_name(g.nodes[n])
        if short not in names:
            names.append(short)
        if len(names) == 2:
            break
    return " and ".join(names)


def communities(g: nx.MultiDiGraph, h: nx.Graph) -> list[dict]:
    """Each community of the network `g` (`h`: its weighted undirected graph), numbered from 1, largest first,
    with its name, size and members (IRIs, most connected first)."""
    return [
        {"community": i, "name": name(g, members), "size": len(members), "members": members}
        for i, members in enumerate(detect(g, h), 1)
    ]
