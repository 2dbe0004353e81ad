"""`jwc map`: the interactive network map for advocates, one self-contained HTML file made with pyvis.

pyvis builds the vis-network nodes, edges and options; the page itself comes from our own Jinja
template (map_assets/map.html) because pyvis's template fetches vis-network and Bootstrap from CDNs, writes
tooltips with innerHTML and does not autoescape. Here vis-network's JS and CSS (bundled in the pyvis
package) are inlined, the data travels as JSON with every `<`, `>` and `&` escaped, and the page builds
tooltips and the side panel with textContent, so text from submissions can never run as code.

The page holds the whole network and opens on a view (MapView: focus, kinds, years, theme, ...), which it
applies itself, so a reader can step out of the view again; positions come from Python (layout.py), with
no two nodes overlapping, and the page draws the labels itself so that no two cover each other.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from ..base.atomic import write_atomic
from ..base.errors import InputError
from ..base.namespaces import ID
from . import communities, projection, selection, wording
from .analysis import metrics_graph
from .layout import FORCE_UP_TO, layout
from .options import ALL_KINDS, DEFAULT_KINDS, SIZE_METRICS, MapView
from .selection import select

__all__ = ["map_html", "render_html", "select", "write_map"]

#: Up to this many nodes the layout is force-directed; above, the faster balloon layout (layout.py).
LAYOUT_ABOVE = FORCE_UP_TO
#: Above this many nodes, betweenness, PageRank and communities are computed only when the view asks for them.
EXTRAS_UP_TO = 2000
#: Node radius in pixels at zoom 1, smallest and largest (the square root of the metric sets where in between).
SIZE_MIN, SIZE_MAX = 7.0, 30.0
#: How far each vis-network shape reaches from its centre, in node radii (a square's corner is at sqrt 2).
SHAPE_REACH = {
    "dot": 1.0,
    "hexagon": 1.0,
    "diamond": 1.0,
    "square": 1.42,
    "triangle": 1.16,
    "triangleDown": 1.16,
    "star": 1.16,
}
#: Community colours, most connected community first; communities past the list are grey.
COMMUNITY_COLOURS = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#843c39",
]
OTHER_COLOUR = "#adb5bd"
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
#: The page's scripts (map_assets/NAME.js), in the order they run: each adds its part to the JWC namespace.
SCRIPTS = ("view", "labels", "fit", "export", "panel", "map")
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


def metrics(g: nx.MultiDiGraph, size_by: str = "degree", u: nx.Graph | None = None) -> dict[str, dict[str, float]]:
    """Node-size metrics from networkx: degree always, plus betweenness and PageRank (sampled or skipped when large);
    `u`: the undirected graph of `g`, when the caller has it."""
    if size_by not in SIZE_METRICS:
        raise InputError(f"unknown size metric {size_by!r}", fix=f"choose from {', '.join(SIZE_METRICS)}")
    u = u if u is not None else projection.undirected(g)
    out = {"degree": dict(u.degree())}
    small = len(u) <= EXTRAS_UP_TO
    if size_by == "betweenness" or small:
        # exact up to 400 nodes; above, sampled from 50 sources (networkx's k=), which keeps 10k nodes to seconds
        out["betweenness"] = nx.betweenness_centrality(u, k=None if len(u) <= 400 else 50, seed=1)
    if size_by == "pagerank" or small:
        out["pagerank"] = nx.pagerank(g)
    return out


def sizes(values: dict[str, float]) -> dict[str, float]:
    """Node radii from a metric: SIZE_MIN to SIZE_MAX by the square root of each value over the largest."""
    top = max(values.values(), default=0) or 1.0
    return {n: round(SIZE_MIN + (SIZE_MAX - SIZE_MIN) * math.sqrt(max(v, 0) / top), 1) for n, v in values.items()}


def build_network(
    g: nx.MultiDiGraph, size_by: str = "degree", colour_by: str = "kind", layout_above: int = LAYOUT_ABOVE
) -> tuple[Network, dict]:
    """The pyvis Network of `g`, and what the page needs besides: source titles (items point to them by index, to
    keep large maps small), the metrics offered, and the named communities.

    Nodes carry their kind (the vis group, which gives colour and shape), a radius per metric, names, years,
    community and facts in plain words with their sources; edges carry the phrase, roles, period and sources
    from which the page writes the tooltip ("X is a member of Y (founding member) — source: ...")."""
    titles = g.graph.get("sources", {})
    order: dict[str, int] = {}

    def src(iri: str) -> int:
        title = titles.get(iri) or projection.local(iri)
        found = order.get(title)
        return found if found is not None else order.setdefault(title, len(order))

    u = projection.undirected(g)
    measured = metrics(g, size_by, u)
    radii = {m: sizes(values) for m, values in measured.items()}
    found = communities.communities(g, metrics_graph(g)) if len(g) <= EXTRAS_UP_TO or colour_by == "community" else []
    community = {n: c["community"] for c in found for n in c["members"]}
    reach = {
        n: max(r[n] for r in radii.values()) * SHAPE_REACH[KIND_STYLE[d["kind"]][1]] for n, d in g.nodes(data=True)
    }
    positions = layout(u, reach, force_up_to=layout_above)
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    net.node_ids = _NodeIds()
    for n, d in g.nodes(data=True):
        said: dict[tuple[str, str], set[int]] = {}  # (property, value) -> the sources that state it
        for prop, rows in sorted(d["facts"].items(), key=lambda kv: wording.fact_rank(kv[0])):
            for value, s in rows if prop not in wording.NOT_FACTS else ():
                said.setdefault((prop, value), set()).add(src(s))
        extra = {k: d[k] for k in ("year", "end") if d.get(k) is not None}
        if n in community:
            extra["c"] = community[n]
        net.add_node(
            n,
            label=d["label"],
            group=d["kind"],
            size=radii[size_by][n],
            x=positions[n][0],
            y=positions[n][1],
            **extra,
            names=[x for x in d.get("names", []) if x != d["label"]],
            types=sorted({value for value, _ in d["facts"].get("type", [])}),
            facts=[
                [wording.fact_label(prop), wording.fact_value(prop, value), sorted(s)]
                for (prop, value), s in said.items()
            ],
            src=sorted({src(s) for s in d.get("sources", [])}),
            m={k: round(v[n], 6) for k, v in measured.items()},
            s=[radii[k][n] for k in sorted(radii)],
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
    net.toggle_physics(False)  # positions come from Python: drawn at once, and the same every time
    net.options.edges.smooth.enabled = False  # straight lines: the fastest to draw
    if len(g) > layout_above:
        net.toggle_hide_edges_on_drag(True)
    named = [
        {
            "name": c["name"],
            "size": c["size"],
            "colour": COMMUNITY_COLOURS[i] if i < len(COMMUNITY_COLOURS) and c["size"] > 1 else OTHER_COLOUR,
        }
        for i, c in enumerate(found)
    ]
    return net, {"sources": list(order), "metrics": sorted(radii), "communities": named}


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
    """The map page of the projection `g` (see projection.from_store) as one HTML string: the whole network,
    opening on `view` (or the same fields as keywords), whose names it resolves (an unknown one is an InputError)."""
    v = view or MapView(**fields)
    kinds = projection.check_kinds(list(v.kinds) if v.kinds else None)
    selection.check(g, v)  # the view's names and kinds must resolve before anything is drawn
    resolved = {
        k: projection.resolve(g, getattr(v, k)) if getattr(v, k) else None for k in ("focus", "theme", "select")
    }
    net, extras = build_network(g, size_by=v.size_by, colour_by=v.colour_by, layout_above=layout_above)
    options = json.loads(net.options.to_json())
    options["groups"] = {
        k: {"color": {"background": c, "border": c, "highlight": {"background": c, "border": "#111"}}, "shape": s}
        for k, (c, s) in KIND_STYLE.items()
    }
    options["nodes"] = {"borderWidth": 1, "borderWidthSelected": 3}
    options["layout"] = {"improvedLayout": False, "randomSeed": 1}
    options["interaction"].update({"tooltipDelay": 120, "hover": True, "zoomSpeed": 0.6})
    options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.4}}
    options["edges"]["width"] = 0.8
    options["edges"]["color"] = {"color": "#adb5bd", "highlight": "#495057", "hover": "#495057", "inherit": False}
    kinds_present = sorted({d["kind"] for _, d in g.nodes(data=True)}, key=ALL_KINDS.index)
    years = sorted(
        {y for _, d in g.nodes(data=True) for y in (d.get("year"), d.get("end")) if y is not None}
        | {y for _, _, d in g.edges(data=True) for y in (d.get("start"), d.get("end")) if y is not None}
    )
    config = {
        **extras,
        "idBase": ID,
        "kinds": [
            {
                "kind": k,
                "colour": KIND_STYLE[k][0],
                "shape": KIND_STYLE[k][1],
                "count": sum(1 for _, d in g.nodes(data=True) if d["kind"] == k),
            }
            for k in kinds_present
        ],
        "defaultKinds": [k for k in DEFAULT_KINDS if k in kinds_present],
        "shapeReach": SHAPE_REACH,
        "years": [years[0], years[-1]] if years else None,
        "linkHeadings": {k: wording.link_headings(k) for k in sorted({d["kind"] for _, _, d in g.edges(data=True)})},
        "view": {
            "focus": resolved["focus"],
            "depth": v.depth,
            "kinds": list(kinds) if kinds else None,
            "since": v.since,
            "until": v.until,
            "undated": v.undated,
            "sizeBy": v.size_by,
            "colourBy": v.colour_by,
            "theme": resolved["theme"],
            "collapse": v.collapse,
            "select": resolved["select"],
        },
        "command": v.command(),
    }
    vis_js, vis_css = _vis_assets()
    template = _env.get_template("map.html")
    return template.render(
        title=title,
        vis_js=vis_js,
        vis_css=vis_css,
        map_css=(_ASSETS / "map.css").read_text(encoding="utf-8"),
        map_js="\n".join((_ASSETS / f"{name}.js").read_text(encoding="utf-8") for name in SCRIPTS),
        data_json=_json({"nodes": net.nodes, "edges": net.edges, "options": options, "config": config}),
        nodes=len(net.nodes),
        edges=len(net.edges),
    )


def map_html(store, view: MapView | None = None, **fields) -> str:
    """Project the store and render its map page: what `jwc map` writes and the served /map answers. The page
    holds the default kinds and any the view asks for, and opens on the view."""
    v = view or MapView(**fields)
    kinds = projection.check_kinds(list(v.kinds) if v.kinds else None)
    wanted = list(DEFAULT_KINDS) + [k for k in kinds or [] if k not in DEFAULT_KINDS]
    return render_html(projection.from_store(store, kinds=wanted), v)


def write_map(store, out: Path, **options) -> Path:
    """The map page of `map_html(store, **options)`, written to `out` (put in place only when complete)."""
    return write_atomic(out, map_html(store, **options))
