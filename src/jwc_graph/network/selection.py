"""What a map view shows of the network: node kinds, then a year window, then a theme's and a focus's neighbourhood.

The page computes the same in the browser as the user changes the view (map_assets/view.js, `shown`); the
browser tests check that both give the same entities for the same view. In a year window an event shows when
it happens in the window, anything else with dates while its period (founded .. dissolved, start .. end)
overlaps the window, and a membership while its period does; entities and memberships with no date at all
stay only while `undated` says so. A focus or theme entity always shows itself.
"""

from __future__ import annotations

import networkx as nx

from ..base.errors import InputError
from . import projection
from .options import MapView

FAR = 10**6  # a year before or after anything in the graph


def node_span(d: dict) -> tuple[int, int] | None:
    """The years an entity is in force, (first, last), open ends as far years; None when it has no date."""
    start, end = d.get("year"), d.get("end")
    if start is None and end is None:
        return None
    if d.get("kind") == "event":  # an event is in the years it takes place, not after
        return (start if start is not None else end, end if end is not None else start)
    return (start if start is not None else -FAR, end if end is not None else FAR)


def edge_span(d: dict) -> tuple[int, int] | None:
    """The years a membership holds (None when it has no date); other links carry no time (always in force)."""
    if d.get("kind") != "member":
        return (-FAR, FAR)
    start, end = d.get("start"), d.get("end")
    if start is None and end is None:
        return None
    return (start if start is not None else -FAR, end if end is not None else FAR)


def in_window(span: tuple[int, int] | None, since: int | None, until: int | None, undated: bool) -> bool:
    """Whether a span overlaps the window [since, until] (either may be open); an undated span as `undated` says."""
    if since is None and until is None:
        return True
    if span is None:
        return undated
    lo, hi = since if since is not None else -FAR, until if until is not None else FAR
    return span[0] <= hi and span[1] >= lo


def check(g: nx.MultiDiGraph, view: MapView) -> None:
    """Raise an InputError for a kind, a focus, a theme or a selected entity the view names that `g` lacks (or a
    theme that is no theme): what `shown` would refuse, without computing what it shows."""
    projection.check_kinds(list(view.kinds) if view.kinds else None)
    for name in (view.focus, view.select):
        if name:
            projection.resolve(g, name)
    if view.theme:
        _theme(g, view.theme)


def _theme(g: nx.MultiDiGraph, name: str) -> str:
    t = projection.resolve(g, name)
    if g.nodes[t]["kind"] not in ("theme", "priority"):
        raise InputError(f"{g.nodes[t]['label']!r} is a {g.nodes[t]['kind']}, not a theme or priority")
    return t


def shown(g: nx.MultiDiGraph, view: MapView) -> tuple[set, set]:
    """The nodes and the edges (u, v, key) that `view` shows of `g`; names it cannot resolve are InputErrors."""
    kinds = set(projection.check_kinds(list(view.kinds) if view.kinds else None) or [])

    def node_ok(n: str) -> bool:
        d = g.nodes[n]
        return (not kinds or d["kind"] in kinds) and in_window(node_span(d), view.since, view.until, view.undated)

    def edge_ok(d: dict) -> bool:
        return in_window(edge_span(d), view.since, view.until, view.undated)

    allowed = {n for n in g if node_ok(n)}

    def neighbours(n: str, among: set) -> set:
        out = {v for _, v, d in g.out_edges(n, data=True) if v in among and edge_ok(d)}
        return out | {u for u, _, d in g.in_edges(n, data=True) if u in among and edge_ok(d)}

    if view.theme:
        t = _theme(g, view.theme)
        allowed = {t} | neighbours(t, allowed)
    if view.focus:
        f = projection.resolve(g, view.focus)
        reached, frontier = {f}, [f]
        for _ in range(view.depth):
            frontier = sorted({m for n in frontier for m in neighbours(n, allowed)} - reached)
            reached.update(frontier)
        allowed = reached
    edges = {(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if u in allowed and v in allowed and edge_ok(d)}
    return allowed, edges


def select(g: nx.MultiDiGraph, view: MapView | None = None, **fields) -> nx.MultiDiGraph:
    """The part of `g` the view (or the same fields as keywords) shows, as a graph of its own."""
    nodes, edges = shown(g, view or MapView(**fields))
    h = nx.MultiDiGraph(**g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in g if n in nodes)
    h.add_edges_from((u, v, k, g.edges[u, v, k]) for u, v, k in g.edges(keys=True) if (u, v, k) in edges)
    return h
