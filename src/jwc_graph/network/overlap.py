"""Push apart nodes that overlap, after the layout: every pair ends at least the sum of their radii plus a gap apart.

Layouts place centres, not discs: a hub of radius 30 beside a leaf 20 pixels away hides it. Each round finds
the pairs that are too close (a k-d tree, so 10,000 nodes take a fraction of a second) and moves both ends
of each apart by three quarters of what is missing (a little more than half, so that crowds part in fewer
rounds: on the 10,000-node benchmark map, 0.27 s instead of 0.36 s; measured 2026-11-26); rounds repeat until
no pair overlaps. Should crowded rounds stop making progress, the whole drawing is spread a little (scaling
keeps its shape) and the rounds go on.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

ROUNDS = 40  # rounds of pushing before the drawing is spread out a little
PUSH = 0.75  # how much of what a pair lacks each of its ends moves


def remove_overlaps(
    pos: dict[str, tuple[float, float]], radius: dict[str, float], gap: float = 8.0
) -> dict[str, tuple[float, float]]:
    """New positions in which no two nodes' discs (radius + gap/2 each) overlap; deterministic for a given input."""
    names = list(pos)
    if len(names) < 2:
        return dict(pos)
    p = np.array([pos[n] for n in names], dtype=float)
    r = np.array([radius[n] for n in names], dtype=float) + gap / 2
    # Nodes on the very same spot are first set apart along a fixed spiral, so pushing has a direction.
    _, counts = np.unique(p.round(3), axis=0, return_counts=True)
    if (counts > 1).any():
        angle = np.arange(len(names)) * 2.399963  # the golden angle
        p += np.c_[np.cos(angle), np.sin(angle)] * 0.5
    reach = 2 * r.max()
    while True:
        for _ in range(ROUNDS):
            if not _push(p, r, reach):
                return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(names, p)}
        centre = p.mean(axis=0)
        p = centre + (p - centre) * 1.15


def _push(p: np.ndarray, r: np.ndarray, reach: float) -> bool:
    """One round: move apart every pair that overlaps (in place); False when none did."""
    pairs = cKDTree(p).query_pairs(reach, output_type="ndarray")
    if not len(pairs):
        return False
    i, j = pairs[:, 0], pairs[:, 1]
    delta = p[j] - p[i]
    dist = np.hypot(delta[:, 0], delta[:, 1])
    need = r[i] + r[j]
    close = dist < need - 1e-6
    if not close.any():
        return False
    i, j, delta, dist, need = i[close], j[close], delta[close], dist[close], need[close]
    dist = np.maximum(dist, 1e-3)
    # a little more than half of what is missing to each end (and a hair over, so rounding cannot leave a pair
    # just touching)
    shift = delta / dist[:, None] * ((need - dist) * PUSH + 0.05)[:, None]
    move = np.zeros_like(p)
    np.add.at(move, i, -shift)
    np.add.at(move, j, shift)
    p += move
    return True
