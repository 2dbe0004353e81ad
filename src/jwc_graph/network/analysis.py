"""Who is central and who bridges coalitions: degree, betweenness, PageRank, Louvain communities, brokers.

Metrics are computed on the undirected network (the direction of a link is a modelling choice:
members point to their coalition, partnerships to their partners), so PageRank here ranks
entities by how well connected their neighbours are, whatever the direction of each link.
"""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from ..base.text import csv_cells
from . import projection

#: Louvain is randomised: a fixed seed makes `jwc analyse` give the same communities every run.
SEED = 42
#: Kinds of node that gather organisations: being in two or more of them makes an organisation a broker.
COLLABORATIONS = ("coalition", "partnership")
#: CSV columns, in order (lists are joined with "; ").
COLUMNS = [
    "label",
    "kind",
    "degree",
    "betweenness",
    "pagerank",
    "community",
    "neighbour_communities",
    "collaborations",
    "broker",
    "iri",
]


def metrics_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected, weighted graph metrics run on, with nodes and edges in sorted order (for determinism)."""
    h = projection.undirected(g)
    s = nx.Graph()
    s.add_nodes_from(sorted(h.nodes))
    s.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in h.edges(data=True)))
    return s


def collaborations(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The coalitions, panels and partnerships `node` belongs to (member of, or named partner in)."""
    found = {v for _, v, d in g.out_edges(node, data=True) if d["kind"] == "member"}
    found |= {u for u, _, d in g.in_edges(node, data=True) if d["kind"] == "partner"}
    return sorted(g.nodes[n]["label"] for n in found if g.nodes[n]["kind"] in COLLABORATIONS)


def analyse(g: nx.MultiDiGraph) -> dict:
    """One record per node (sorted by betweenness, highest first), the communities, and the brokers."""
    h = metrics_graph(g)
    betweenness = nx.betweenness_centrality(h, normalized=True)
    pagerank = nx.pagerank(h, weight="weight") if len(h) else {}
    found = nx.community.louvain_communities(h, weight="weight", seed=SEED) if len(h) else []
    # Communities numbered from 1, largest first (ties by their first member's name).
    found = sorted(found, key=lambda c: (-len(c), min(g.nodes[n]["label"] for n in c)))
    community = {n: i for i, c in enumerate(found, 1) for n in c}
    records = []
    for n in h:
        d = g.nodes[n]
        coalitions = collaborations(g, n)
        records.append(
            {
                "label": d["label"],
                "kind": d["kind"],
                "degree": h.degree(n),
                "betweenness": round(betweenness[n], 6),
                "pagerank": round(pagerank[n], 6),
                "community": community[n],
                "neighbour_communities": len({community[m] for m in h[n]} - {community[n]}),
                "collaborations": coalitions,
                "broker": len(coalitions) >= 2,
                "iri": n,
            }
        )
    records.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["label"]))
    communities = [
        {
            "community": i,
            "size": len(c),
            "members": [g.nodes[n]["label"] for n in sorted(c, key=lambda n: (-h.degree(n), g.nodes[n]["label"]))],
        }
        for i, c in enumerate(found, 1)
    ]
    brokers = [r for r in records if r["broker"]]
    bridges = sorted(
        (r for r in records if r["neighbour_communities"] >= 2),
        key=lambda r: (-r["neighbour_communities"], -r["betweenness"], r["label"]),
    )
    return {"nodes": records, "communities": communities, "brokers": brokers, "bridges": bridges}


def to_json(result: dict, top: int | None = None) -> str:
    """The analysis as JSON: `nodes` (one record per node), `communities`, `brokers` and `bridges`."""
    cut = {k: (v[:top] if top and k == "nodes" else v) for k, v in result.items()}
    return json.dumps(cut, indent=2, ensure_ascii=False)


def to_csv(result: dict, top: int | None = None) -> str:
    """One CSV row per node, lists joined with "; "."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in result["nodes"][:top] if top else result["nodes"]:
        row = {**r, "collaborations": "; ".join(r["collaborations"]), "broker": str(r["broker"]).lower()}
        writer.writerow(csv_cells(row))
    return buf.getvalue()


def tables(result: dict, top: int | None = 20) -> list:
    """Rich tables for a terminal: the most central nodes, the brokers, and the nodes bridging communities."""
    from rich.table import Table

    def table(title: str, rows: list[dict], extra: tuple[str, ...]) -> Table:
        t = Table(title=title, title_justify="left")
        for col in ("label", "kind", "degree", "betweenness", "pagerank", "community", *extra):
            t.add_column(
                col.replace("_", " "),
                justify="right" if col not in ("label", "kind", "collaborations") else "left",
                overflow="fold",
            )
        for r in rows:
            t.add_row(
                r["label"],
                r["kind"],
                str(r["degree"]),
                f"{r['betweenness']:.3f}",
                f"{r['pagerank']:.3f}",
                str(r["community"]),
                *("; ".join(r[c]) if isinstance(r[c], list) else str(r[c]) for c in extra),
            )
        return t

    nodes = result["nodes"][:top] if top else result["nodes"]
    return [
        table(
            f"most central ({len(nodes)} of {len(result['nodes'])} nodes, by betweenness)",
            nodes,
            ("neighbour_communities",),
        ),
        table(
            f"brokers: in two or more coalitions or partnerships ({len(result['brokers'])})",
            result["brokers"],
            ("collaborations",),
        ),
        table(
            "bridges: neighbours in two or more other communities",
            result["bridges"][:top] if top else result["bridges"],
            ("neighbour_communities",),
        ),
    ]
