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
from .communities import SEED, communities

__all__ = ["SEED", "analyse", "tables", "to_csv", "to_json"]
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
    "community_name",
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
    found = communities(g, h)
    community = {n: c["community"] for c in found for n in c["members"]}
    names = {c["community"]: c["name"] for c in found}
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
                "community_name": names[community[n]],
                "neighbour_communities": len({community[m] for m in h[n]} - {community[n]}),
                "collaborations": coalitions,
                "broker": len(coalitions) >= 2,
                "iri": n,
            }
        )
    records.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["label"]))
    groups = [
        {
            "community": c["community"],
            "name": c["name"],
            "size": c["size"],
            "members": [g.nodes[n]["label"] for n in c["members"]],
        }
        for c in found
    ]
    brokers = [r for r in records if r["broker"]]
    bridges = sorted(
        (r for r in records if r["neighbour_communities"] >= 2),
        key=lambda r: (-r["neighbour_communities"], -r["betweenness"], r["label"]),
    )
    return {"nodes": records, "communities": groups, "brokers": brokers, "bridges": bridges}


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


def tables(result: dict, top: int | None = 20, width: int = 80) -> list:
    """Rich tables that fit a terminal `width` columns wide, one line per row (names cut with an ellipsis): the
    most central nodes (the `top`, or all when None), the named communities (the `top` largest), the brokers and
    the bridges (the `top`)."""
    from rich import box
    from rich.table import Table

    def table(title: str, columns: list[tuple[str, int | None, str]], rows: list[list[str]]) -> Table:
        """Columns as (heading, width or None to share what is left, justify)."""
        fixed = sum(w for _, w, _ in columns if w) + 3 * (len(columns) - 1)  # a divider and a space either side
        flexible = [c for c in columns if not c[1]]
        spare = max(8 * len(flexible), width - fixed)
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for i, (heading, w, justify) in enumerate(columns):
            share = spare // len(flexible) + (1 if flexible and i == columns.index(flexible[0]) else 0) * (
                spare % len(flexible)
            )
            t.add_column(heading, width=w or share, justify=justify, no_wrap=True, overflow="ellipsis")
        for row in rows:
            t.add_row(*row)
        return t

    def metrics(r: dict) -> list[str]:
        return [str(r["degree"]), f"{r['betweenness']:.3f}", f"{r['pagerank']:.3f}"]

    nodes = result["nodes"][:top] if top else result["nodes"]
    bridges = result["bridges"][:top] if top else result["bridges"]
    groups = result["communities"][:top] if top else result["communities"]  # the largest first
    more = "" if len(nodes) == len(result["nodes"]) else "; --all for every node"
    more_groups = "" if len(groups) == len(result["communities"]) else "; --all for all"
    return [
        table(
            f"most central: {len(nodes)} of {len(result['nodes'])} nodes, by betweenness{more}",
            [
                ("name", None, "left"),
                ("kind", 14, "left"),
                ("degree", 6, "right"),
                ("betweenness", 11, "right"),
                ("pagerank", 8, "right"),
                ("community", 9, "right"),
            ],
            [[r["label"], r["kind"], *metrics(r), str(r["community"])] for r in nodes],
        ),
        table(
            f"communities: {len(groups)} of {len(result['communities'])}, named after their most connected "
            f"actors{more_groups}",
            [("community", 9, "right"), ("name", None, "left"), ("size", 4, "right"), ("members", None, "left")],
            [[str(c["community"]), c["name"], str(c["size"]), "; ".join(c["members"])] for c in groups],
        ),
        table(
            f"brokers: in two or more coalitions or partnerships ({len(result['brokers'])})",
            [("name", None, "left"), ("betweenness", 11, "right"), ("coalitions and partnerships", None, "left")],
            [[r["label"], f"{r['betweenness']:.3f}", "; ".join(r["collaborations"])] for r in result["brokers"]],
        ),
        table(
            f"bridges: neighbours in two or more other communities ({len(bridges)} of {len(result['bridges'])})",
            [
                ("name", None, "left"),
                ("kind", 14, "left"),
                ("other communities", 17, "right"),
                ("betweenness", 11, "right"),
            ],
            [[r["label"], r["kind"], str(r["neighbour_communities"]), f"{r['betweenness']:.3f}"] for r in bridges],
        ),
    ]
