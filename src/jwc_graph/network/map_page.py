"""`jwc map`: the interactive network map for advocates, one self-contained HTML file made with pyvis.

pyvis builds the vis-network nodes, edges and options; the page itself comes from our own Jinja
template (map_assets/map.html) because pyvis's template fetches vis-network and Bootstrap from CDNs, writes
tooltips with innerHTML and does not autoescape. Here vis-network's JS and CSS (bundled in the pyvis
package) are inlined, the data travels as JSON with every `<`, `>` and `&` escaped, and the page builds
tooltips and the side panel with textContent, so text from submissions can never run as code.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from ..base.atomic import write_atomic
from ..base.errors import InputError
from ..base.namespaces import ID
from . import projection
from .layout import balloon_layout
from .options import ALL_KINDS, SIZE_METRICS, MapView

#: Above this many nodes, positions are computed in Python and physics is off (vis physics is slow).
LAYOUT_ABOVE = 300
#: Colour and vis-network shape of each kind (shapes that scale with a node's value).
KIND_STYLE = {
    "organisation": ("#2b7bb9", "dot"),
    "coalition": ("#d9480f", "hexagon"),
    "partnership": ("#e8590c", "diamond"),
    "person": ("#ae3ec9", "dot"),
    "programme": ("#2f9e44", "square"),
    "event": ("#f08c00", "triangle"),
    "commitment": ("#c2255c", "diamond"),
    "outcome": ("#868e96", "triangleDown"),
    "recommendation": ("#e64980", "triangleDown"),
    "priority": ("#5f3dc4", "star"),
    "theme": ("#7950f2", "star"),
    "goal": ("#1098ad", "star"),
    "instrument": ("#495057", "square"),
    "publication": ("#74b816", "triangleDown"),
    "award": ("#fab005", "star"),
    "place": ("#adb5bd", "dot"),
}
_ASSETS = Path(__file__).parent / "map_assets"
_VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_ASSETS)), autoescape=True, undefined=jinja2.StrictUndefined
)


class _NodeIds(list):
    """pyvis checks `id in node_ids` (a list) for every node and edge it adds; a set behind it keeps 10k nodes fast."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._seen.add(item)

    def __contains__(self, item) -> bool:
        return item in self._seen


def select(
    g: nx.MultiDiGraph,
    focus: str | None = None,
    depth: int = 1,
    kinds: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    theme: str | None = None,
) -> nx.MultiDiGraph:
    """The part of the projection a map shows: kinds, the year range, then a theme's and a focus's neighbourhood."""
    kinds = projection.check_kinds(kinds)
    if kinds:
        g = g.subgraph([n for n, d in g.nodes(data=True) if d["kind"] in kinds]).copy()
    if since is not None or until is not None:
        lo, hi = since if since is not None else -(10**6), until if until is not None else 10**6
        g = g.copy()
        g.remove_nodes_from(
            [
                n
                for n, d in g.nodes(data=True)
                if d["kind"] == "event" and d.get("year") is not None and not lo <= d["year"] <= hi
            ]
        )
        g.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in g.edges(keys=True, data=True)
                if d["kind"] == "member"
                and ((d.get("end") is not None and d["end"] < lo) or (d.get("start") is not None and d["start"] > hi))
            ]
        )
    if theme:
        t = projection.resolve(g, theme)
        if g.nodes[t]["kind"] not in ("theme", "priority"):
            raise InputError(f"{g.nodes[t]['label']!r} is a {g.nodes[t]['kind']}, not a theme or priority")
        g = g.subgraph({t, *projection.undirected(g)[t]}).copy()
    if focus:
        f = projection.resolve(g, focus)
        g = g.subgraph(nx.ego_graph(projection.undirected(g), f, radius=depth)).copy()
    return g


def metrics(g: nx.MultiDiGraph, size_by: str = "degree") -> dict[str, dict[str, float]]:
    """Node-size metrics from networkx: degree always, plus betweenness and PageRank (sampled or skipped when large)."""
    if size_by not in SIZE_METRICS:
        raise InputError(f"unknown size metric {size_by!r}", fix=f"choose from {', '.join(SIZE_METRICS)}")
    u = projection.undirected(g)
    out = {"degree": dict(u.degree())}
    small = len(u) <= 2000
    if size_by == "betweenness" or small:
        # exact up to 400 nodes; above, sampled from 50 sources (networkx's k=), which keeps 10k nodes to seconds
        out["betweenness"] = nx.betweenness_centrality(u, k=None if len(u) <= 400 else 50, seed=1)
    if size_by == "pagerank" or small:
        out["pagerank"] = nx.pagerank(g)
    return out


def build_network(
    g: nx.MultiDiGraph, size_by: str = "degree", layout_above: int = LAYOUT_ABOVE
) -> tuple[Network, list[str]]:
    """The pyvis Network of `g` and the source titles its items point to (by index, to keep large maps small).

    Nodes carry their kind (the vis group, which gives colour and shape), size metrics, names, year and
    facts with their sources; edges carry the phrase, roles, period and sources from which the page
    writes the tooltip ("X is a member of Y (founding member) — source: ...").
    """
    titles = g.graph.get("sources", {})
    order: dict[str, int] = {}

    def src(iri: str) -> int:
        return order.setdefault(titles.get(iri, projection.local(iri)), len(order))

    sized = metrics(g, size_by)
    positions = balloon_layout(projection.undirected(g)) if len(g) > layout_above else None
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    net.node_ids = _NodeIds()
    for n, d in g.nodes(data=True):
        said: dict[tuple[str, str], set[int]] = {}  # (property, value) -> the sources that state it
        for prop, rows in sorted(d["facts"].items()):
            for value, s in rows if prop not in ("prefLabel", "type") else ():
                said.setdefault((prop, value), set()).add(src(s))
        extra = {"x": positions[n][0], "y": positions[n][1]} if positions else {}
        if d.get("year"):
            extra["year"] = d["year"]
        net.add_node(
            n,
            label=d["label"],
            group=d["kind"],
            value=sized[size_by][n] or 0,
            **extra,
            names=[x for x in d.get("names", []) if x != d["label"]],
            types=d.get("types", []),
            facts=[[prop, value, sorted(s)] for (prop, value), s in said.items()],
            src=sorted({src(s) for s in d.get("sources", [])}),
            m={k: round(v[n], 6) for k, v in sized.items()},
        )
        net.nodes[-1].pop("shape")  # pyvis gives every node shape "dot", which would override the kind's shape
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        extra = {k: d[k] for k in ("roles", "start", "end") if d.get(k)}
        net.add_edge(
            u,
            v,
            id=f"e{i}",
            kind=d["kind"],
            phrase="is a member of" if d["kind"] == "member" else d["label"],
            src=[src(s) for s in d.get("sources", [])],
            **extra,
        )
        net.edges[-1].pop("arrows")  # set once for all edges in the options
    physics = positions is None
    net.toggle_physics(physics)
    if physics:
        net.barnes_hut(gravity=-6000, central_gravity=0.3, spring_length=120, spring_strength=0.02, damping=0.3)
        net.options.physics.stabilization.iterations = 400
        net.set_edge_smooth("continuous")
    else:
        net.options.edges.smooth.enabled = False  # straight lines: the fastest to draw
        net.toggle_hide_edges_on_drag(True)
    return net, list(order)


def _json(value) -> str:
    """JSON safe inside a <script> block: no `<`, `>` or `&` that could end the block or open a tag."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as pyvis bundles them, minus the source-map comment (DevTools would fetch it)."""
    js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL"))
    css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("the bundled vis-network cannot be inlined safely")
    return js, css


def render_html(
    g: nx.MultiDiGraph,
    view: MapView | None = None,
    *,
    title: str = "jwc-graph: network map",
    layout_above: int = LAYOUT_ABOVE,
    **fields,
) -> str:
    """The map page for the projection `g` (see projection.from_store) as one HTML string; `view` (or the same
    fields as keywords) says what it shows."""
    v = view or MapView(**fields)
    shown = select(g, focus=v.focus, depth=v.depth, kinds=v.kinds, since=v.since, until=v.until, theme=v.theme)
    net, source_titles = build_network(shown, size_by=v.size_by, layout_above=layout_above)
    options = json.loads(net.options.to_json())
    options["groups"] = {
        k: {"color": {"background": c, "border": c, "highlight": {"background": c, "border": "#111"}}, "shape": s}
        for k, (c, s) in KIND_STYLE.items()
    }
    options["nodes"] = {
        "scaling": {"min": 8, "max": 44, "label": {"enabled": True, "min": 11, "max": 22, "drawThreshold": 6}},
        "font": {"size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"},
    }
    options["layout"] = {"improvedLayout": False, "randomSeed": 1}
    options["interaction"].update({"tooltipDelay": 120, "hover": True})
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.4}}
    options["edges"]["width"] = 0.8
    kinds_present = sorted({d["kind"] for _, d in shown.nodes(data=True)}, key=ALL_KINDS.index)
    config = {
        "sources": source_titles,
        "idBase": ID,
        "sizeBy": v.size_by,
        "metrics": sorted(next(iter(net.nodes), {}).get("m", {"degree": 0})),
        "kinds": [
            {
                "kind": k,
                "colour": KIND_STYLE[k][0],
                "shape": KIND_STYLE[k][1],
                "count": sum(1 for _, d in shown.nodes(data=True) if d["kind"] == k),
            }
            for k in kinds_present
        ],
        "focus": projection.resolve(shown, v.focus) if v.focus else None,
        "depth": v.depth,
        "since": v.since,
        "until": v.until,
        "collapse": v.collapse,
        "physics": options["physics"]["enabled"],
        "command": v.command(),
    }
    vis_js, vis_css = _vis_assets()
    template = _env.get_template("map.html")
    return template.render(
        title=title,
        vis_js=vis_js,
        vis_css=vis_css,
        map_css=(_ASSETS / "map.css").read_text(encoding="utf-8"),
        map_js=(_ASSETS / "map.js").read_text(encoding="utf-8"),
        data_json=_json({"nodes": net.nodes, "edges": net.edges, "options": options, "config": config}),
        nodes=len(net.nodes),
        edges=len(net.edges),
    )


def map_html(store, view: MapView | None = None, **fields) -> str:
    """Project the store and render its map page: what `jwc map` writes and the served /map answers."""
    v = view or MapView(**fields)
    v = replace(v, kinds=projection.check_kinds(list(v.kinds) if v.kinds else None))
    return render_html(projection.from_store(store, kinds=list(v.kinds) if v.kinds else None), v)


def write_map(store, out: Path, **options) -> Path:
    """The map page of `map_html(store, **options)`, written to `out` (put in place only when complete)."""
    return write_atomic(out, map_html(store, **options))
