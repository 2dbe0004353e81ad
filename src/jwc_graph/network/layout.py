"""Node positions for every map, computed in Python so the browser draws at once with physics off.

Small maps (up to FORCE_UP_TO nodes) get a force-directed layout (networkx's Fruchterman-Reingold, seeded, so
every run draws the same map) per connected component; the components are packed side by side, and the
entities linked to nothing are lined up in tidy rows beneath them instead of being flung to the corners.
Large maps get the balloon layout below. Either way an overlap-removal pass (overlap.py) follows, so no two
nodes cover each other.


Hand-written because networkx's layouts do not scale to the maps we draw: on a 2,000-node
Barabasi-Albert graph spring_layout took 16.9 s against 0.04 s here, and at 10,000 nodes it did not
finish within five minutes (measured 2026-11-23); vis-network's own physics takes minutes at 10,000
nodes too (docs/benchmarks-map.md). The method is a "balloon" layout, linear in the size of the graph apart from
a small force-directed step: the most connected nodes (hubs) of each connected component are placed by
a short force simulation, every other node is placed on rings around the hub nearest to it (by
breadth-first search), and components are packed side by side.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx

from .overlap import remove_overlaps

SPACING = 38.0  # pixels between neighbours on a ring
STEP = 110.0  # pixels between rings
#: Up to this many nodes, a force-directed layout (readable, but quadratic); above, the balloon layout.
FORCE_UP_TO = 300
EDGE = 120.0  # the typical length of a link in a force-directed layout, in pixels at zoom 1
CELL = (230.0, 80.0)  # the room each entity linked to nothing gets in the rows beneath the map
GAP = 16.0  # the least room between two nodes' edges
TIGHT_GAP = 4.0  # ... in a large map, whose readers zoom in anyway (and each round of pushing apart costs time)


def layout(g: nx.Graph, radius: dict[str, float], force_up_to: int = FORCE_UP_TO) -> dict[str, tuple[float, float]]:
    """Positions for every node of the undirected graph `g`, no two nodes (of the given radii) overlapping."""
    if len(g) <= force_up_to:
        return remove_overlaps(force_layout(g), radius, gap=GAP)
    return remove_overlaps(balloon_layout(g), radius, gap=TIGHT_GAP)


def force_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """A force-directed layout of each component (links about EDGE long), packed; lone nodes in rows beneath."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    linked = [_force_component(g.subgraph(c)) for c in parts if len(c) > 1]
    out = _pack(linked) if linked else {}
    alone = [c[0] for c in parts if len(c) == 1]
    if alone:
        xs = [x for x, _ in out.values()] or [0.0]
        bottom = max((y for _, y in out.values()), default=-CELL[1]) + CELL[1]
        width = max(max(xs) - min(xs), CELL[0] * min(len(alone), 6))
        per_row = max(1, int(width // CELL[0]))
        left = (min(xs) + max(xs)) / 2 - (min(per_row, len(alone)) - 1) * CELL[0] / 2
        for i, n in enumerate(alone):
            out[n] = (round(left + (i % per_row) * CELL[0], 1), round(bottom + (i // per_row) * CELL[1], 1))
    return out


def _force_component(g: nx.Graph) -> tuple[dict[str, tuple[float, float]], float]:
    """One connected component around (0, 0) with links about EDGE long, and its radius."""
    nodes = sorted(g)
    if len(nodes) == 2:
        pos = {nodes[0]: (-EDGE / 2, 0.0), nodes[1]: (EDGE / 2, 0.0)}
    else:
        h = nx.Graph()
        h.add_nodes_from(nodes)
        h.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges()))
        raw = nx.spring_layout(h, seed=1, iterations=300, k=2.5 / math.sqrt(len(nodes)))
        lengths = sorted(math.dist(raw[u], raw[v]) for u, v in h.edges())
        unit = EDGE / (lengths[len(lengths) // 2] or 1.0)
        cx = sum(p[0] for p in raw.values()) / len(raw)
        cy = sum(p[1] for p in raw.values()) / len(raw)
        pos = {n: ((x - cx) * unit, (y - cy) * unit) for n, (x, y) in raw.items()}
    return pos, max(math.hypot(x, y) for x, y in pos.values()) + SPACING


def balloon_layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for every node of the undirected graph `g` (deterministic for a given graph)."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    laid = [_component(g, nodes) for nodes in parts]
    return _pack(laid)


def _component(g: nx.Graph, nodes: list[str]) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions of one connected component around (0, 0), and its radius."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}, SPACING / 2
    by_degree = sorted(nodes, key=lambda n: (-g.degree(n), n))
    hubs = by_degree[: max(1, min(60, round(math.sqrt(len(nodes)) / 2)))]
    # Multi-source breadth-first search: each node joins the cell of the first hub that reaches it.
    owner = {h: h for h in hubs}
    children: dict[str, list[str]] = {n: [] for n in nodes}
    queue = deque(hubs)
    while queue:
        n = queue.popleft()
        for m in sorted(g[n]):
            if m not in owner:
                owner[m] = owner[n]
                children[n].append(m)
                queue.append(m)
    local: dict[str, dict[str, tuple[float, float]]] = {}
    radius: dict[str, float] = {}
    for h in hubs:
        local[h], radius[h] = _radial_tree(h, children)
    centres = _place_hubs(g, hubs, owner, radius)
    pos = {}
    for h in hubs:
        cx, cy = centres[h]
        for n, (x, y) in local[h].items():
            pos[n] = (cx + x, cy + y)
    extent = max(math.hypot(*centres[h]) + radius[h] for h in hubs)
    return pos, extent


def _radial_tree(root: str, children: dict[str, list[str]]) -> tuple[dict[str, tuple[float, float]], float]:
    """A radial tree: each subtree gets a wedge in proportion to its leaves; rings grow to fit their nodes."""
    order, levels = [root], {root: 0}
    for n in order:  # breadth-first order of the tree
        for c in children[n]:
            levels[c] = levels[n] + 1
            order.append(c)
    leaves = {}
    for n in reversed(order):
        leaves[n] = sum(leaves[c] for c in children[n]) or 1
    per_level: dict[int, int] = {}
    for n in order:
        per_level[levels[n]] = per_level.get(levels[n], 0) + 1
    ring = {0: 0.0}
    for level in range(1, max(per_level) + 1):
        ring[level] = max(ring[level - 1] + STEP, per_level[level] * SPACING / (2 * math.pi))
    angle = {root: (0.0, 2 * math.pi)}
    pos = {root: (0.0, 0.0)}
    for n in order:
        start, width = angle[n]
        for c in children[n]:
            share = width * leaves[c] / leaves[n]
            angle[c] = (start, share)
            mid = start + share / 2
            pos[c] = (ring[levels[c]] * math.cos(mid), ring[levels[c]] * math.sin(mid))
            start += share
    return pos, ring[max(per_level)] + SPACING


def _place_hubs(
    g: nx.Graph, hubs: list[str], owner: dict[str, str], radius: dict[str, float]
) -> dict[str, tuple[float, float]]:
    """Hub centres from a short force simulation: linked cells attract, cells never overlap."""
    if len(hubs) == 1:
        return {hubs[0]: (0.0, 0.0)}
    links: dict[tuple[str, str], int] = {}
    for u, v in g.edges():
        a, b = sorted((owner[u], owner[v]))
        if a != b:
            links[(a, b)] = links.get((a, b), 0) + 1
    total = sum(radius.values())
    pos = {
        h: [
            total / math.pi * math.cos(2 * math.pi * i / len(hubs)),
            total / math.pi * math.sin(2 * math.pi * i / len(hubs)),
        ]
        for i, h in enumerate(hubs)
    }
    for it in range(120):
        cool = 1.0 - it / 120
        move = {h: [-0.02 * pos[h][0], -0.02 * pos[h][1]] for h in hubs}  # gravity to the centre
        for i, a in enumerate(hubs):
            for b in hubs[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 0.01
                gap = radius[a] + radius[b] + SPACING
                push = (gap - d) / 2 if d < gap else 0.0
                pull = -0.05 * (d - gap) * min(3, links.get((a, b) if a < b else (b, a), 0)) if d > gap else 0.0
                f = (push + pull) / d
                move[a][0] += dx * f
                move[a][1] += dy * f
                move[b][0] -= dx * f
                move[b][1] -= dy * f
        for h in hubs:
            cap = max(radius[h], STEP) * cool
            dx, dy = move[h]
            d = math.hypot(dx, dy)
            if d > cap:
                dx, dy = dx * cap / d, dy * cap / d
            pos[h][0] += dx
            pos[h][1] += dy
    return {h: (p[0], p[1]) for h, p in pos.items()}


def _pack(laid: list[tuple[dict[str, tuple[float, float]], float]]) -> dict[str, tuple[float, float]]:
    """Components side by side in rows, largest first, so the biggest sits top left."""
    out: dict[str, tuple[float, float]] = {}
    width = max(2 * laid[0][1], math.sqrt(sum((2 * r) ** 2 for _, r in laid)) * 1.2) if laid else 0
    x = y = row_height = 0.0
    for pos, r in laid:
        if x > 0 and x + 2 * r > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + r + px, 1), round(y + r + py, 1))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return out
