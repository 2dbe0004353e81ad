"""`jwc map`: one offline HTML file whose data honours every option and carries hostile text only escaped."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from conftest import run_jwc
from jwc_graph.base.namespaces import ID
from jwc_graph.network import map_page, projection

HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">'
HOSTILE_TEXT = "<script>window.__pwned=2</script>"
#: External resources a page would fetch: src=/href= attributes, CSS @import and url().
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*\\?["']?\s*|@import\s+(?:url\()?\s*["']?|url\(\s*["']?)(?:https?:)?//""", re.I
)


def data_of(html: str) -> dict:
    """The JSON the page draws from (nodes, edges, vis options, page config)."""
    m = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert m, "the map page has no map-data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return projection.from_store(store)


@pytest.fixture(scope="module")
def default_map(store, tmp_path_factory) -> str:
    out = map_page.write_map(store, tmp_path_factory.mktemp("map") / "map.html")
    return out.read_text(encoding="utf-8")


def test_map_has_no_external_url(default_map):
    found = [default_map[max(0, m.start() - 40) : m.end() + 40] for m in EXTERNAL.finditer(default_map)]
    assert not found, f"the map would fetch from the network: {found[:5]}"
    assert "cdnjs" not in default_map and "jsdelivr" not in default_map
    assert "bootstrap" not in default_map.lower() and "tom-select" not in default_map.lower()
    assert "vis.Network" in default_map and "new vis.DataSet" in default_map  # vis-network is inlined


def test_default_map_has_every_node_and_edge_of_the_projection(default_map, graph):
    d = data_of(default_map)
    assert {n["id"] for n in d["nodes"]} == set(graph.nodes)
    assert len(d["edges"]) == graph.number_of_edges()
    assert d["config"]["physics"] is True  # a small graph: vis-network's physics lays it out
    kinds = {k["kind"] for k in d["config"]["kinds"]}
    assert kinds == {a["kind"] for _, a in graph.nodes(data=True)} and kinds <= set(d["options"]["groups"])


def test_edges_carry_why_the_link_exists(default_map, graph):
    d = data_of(default_map)
    tdh, ipjj = projection.resolve(graph, "Tdh"), projection.resolve(graph, "IPJJ")
    [edge] = [e for e in d["edges"] if e["from"] == tdh and e["to"] == ipjj and e["kind"] == "member"]
    assert edge["phrase"] == "is a member of" and "founding member" in edge["roles"]
    assert "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members" in [
        d["config"]["sources"][i] for i in edge["src"]
    ], "the seed names Tdh a founding member (later pages list it too, some as a member)"
    # the page writes the sentence; tests/test_map_browser.py checks it reads
    # "Terre des hommes is a member of Interagency Panel on Juvenile Justice (founding member) — source: ..."


def test_side_panel_data_has_facts_with_source_titles(default_map, graph):
    d = data_of(default_map)
    tdh = projection.resolve(graph, "Terre des hommes")
    node = next(n for n in d["nodes"] if n["id"] == tdh)
    assert d["config"]["idBase"] == ID and tdh.startswith(ID)  # the page links /id/org/tdh when served
    assert "Tdh" in node["names"] and node["group"] == "organisation" and "shape" not in node
    founding = [[p, v, [d["config"]["sources"][i] for i in s]] for p, v, s in node["facts"] if p == "foundingDate"]
    assert founding == [
        ["foundingDate", "1960", ["IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members"]]
    ]


def test_kinds_focus_depth_since_and_size_by_filter_the_data(store, tmp_path):
    out = map_page.write_map(
        store,
        tmp_path / "m.html",
        focus="Tdh",
        depth=2,
        kinds=["organisation", "coalition"],
        since=2015,
        size_by="pagerank",
    )
    d = data_of(out.read_text(encoding="utf-8"))
    g = projection.from_store(store, kinds=["organisation", "coalition"])
    tdh = projection.resolve(g, "Tdh")
    expected = set(nx.ego_graph(projection.undirected(g), tdh, radius=2))
    assert {n["id"] for n in d["nodes"]} == expected
    assert {n["group"] for n in d["nodes"]} <= {"organisation", "coalition"}
    assert d["config"]["focus"] == tdh and d["config"]["depth"] == 2 and d["config"]["sizeBy"] == "pagerank"
    pagerank = map_page.metrics(g.subgraph(expected).copy(), "pagerank")["pagerank"]
    assert all(n["value"] == pytest.approx(pagerank[n["id"]]) for n in d["nodes"])
    assert "--size-by pagerank" in d["config"]["command"]


def test_year_range_drops_events_and_memberships_outside_it(graph):
    years = {n: a["year"] for n, a in graph.nodes(data=True) if a["kind"] == "event" and a["year"]}
    d = data_of(map_page.render_html(graph, since=2015, until=2019))
    kept = {n["id"] for n in d["nodes"]}
    assert {n for n, y in years.items() if 2015 <= y <= 2019} <= kept
    assert not {n for n, y in years.items() if not 2015 <= y <= 2019} & kept
    crin, cjag = projection.resolve(graph, "CRIN"), projection.resolve(graph, "Child Justice Advocacy Group")
    member = lambda d_: {(e["from"], e["to"]) for e in d_["edges"] if e["kind"] == "member"}
    assert (crin, cjag) in member(data_of(map_page.render_html(graph, since=2015)))  # since 2017, no end
    assert (crin, cjag) not in member(data_of(map_page.render_html(graph, until=2016)))  # starts after 2016


def test_theme_keeps_only_what_is_linked_to_it(graph):
    theme = next(
        n for n, a in graph.nodes(data=True) if a["kind"] == "theme" and projection.undirected(graph).degree(n) > 2
    )
    d = data_of(map_page.render_html(graph, theme=theme))
    assert {n["id"] for n in d["nodes"]} == {theme, *projection.undirected(graph)[theme]}


def test_collapse_option_reaches_the_page(graph):
    assert data_of(map_page.render_html(graph, collapse=5))["config"]["collapse"] == 5


def test_large_graph_gets_python_positions_and_no_physics(graph):
    d = data_of(map_page.render_html(graph, layout_above=10))
    assert d["config"]["physics"] is False and d["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in d["nodes"])
    assert len({(n["x"], n["y"]) for n in d["nodes"]}) == len(d["nodes"]), "two nodes share a position"
    assert d["options"]["edges"]["smooth"]["enabled"] is False


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(sources={ID + "source/x": HOSTILE_TEXT})
    bad, good = ID + "org/bad", ID + "org/good"
    g.add_node(
        bad,
        kind="organisation",
        label=HOSTILE_LABEL,
        names=[HOSTILE_LABEL, "</script><b>x"],
        types=["NGO"],
        facts={"description": [(HOSTILE_TEXT, ID + "source/x")]},
        sources=[ID + "source/x"],
        year=None,
    )
    g.add_node(
        good, kind="coalition", label="Good & <Co>", names=["Good & <Co>"], types=[], facts={}, sources=[], year=None
    )
    g.add_edge(
        bad,
        good,
        key="m",
        kind="member",
        label="is a member of",
        roles=[HOSTILE_TEXT],
        start=None,
        end=None,
        sources=[ID + "source/x"],
    )
    return g


def test_hostile_text_appears_only_escaped():
    html = map_page.render_html(hostile_graph(), title="<b>map</b>")
    for raw in (HOSTILE_LABEL, HOSTILE_TEXT, "</script><b>x", "<b>map</b>", "<Co>"):
        assert raw not in html, f"{raw!r} reached the page unescaped"
    assert html.count("</script>") == 3  # the data, vis-network and map.js blocks: none ended early
    assert "&lt;b&gt;map&lt;/b&gt;" in html
    d = data_of(html)  # ... and the data still carries the text itself, to be shown with textContent
    assert {n["label"] for n in d["nodes"]} == {HOSTILE_LABEL, "Good & <Co>"}
    assert ["description", HOSTILE_TEXT, [0]] in d["nodes"][0]["facts"]
    assert d["edges"][0]["roles"] == [HOSTILE_TEXT] and d["config"]["sources"] == [HOSTILE_TEXT]
    assert not re.search(
        r"innerHTML|outerHTML|insertAdjacentHTML|document.write", (map_page._ASSETS / "map.js").read_text()
    )


def test_unknown_focus_exits_2_with_a_clear_message(built):
    proc = run_jwc("map", "--focus", "No Such Organisation", "-o", "dist/x.html", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "'No Such Organisation' is not in the graph" in err and "Traceback" not in err
    assert not (built.root / "dist" / "x.html").exists()


def test_unknown_kind_exits_2(built):
    proc = run_jwc("map", "--kinds", "organisation,ngo", "-o", "dist/x.html", cwd=built.root)
    assert proc.returncode == 2 and "unknown node kind(s) ngo" in proc.stderr.decode()


def test_cli_honours_every_option(built):
    proc = run_jwc(
        "map",
        "--focus",
        "Terre des hommes",
        "--depth",
        "2",
        "--kinds",
        "organisation,coalition",
        "--since",
        "2015",
        "--size-by",
        "pagerank",
        "-o",
        "dist/map.html",
        cwd=built.root,
        check=True,
    )
    assert b"map written to" in proc.stdout
    d = data_of((built.root / "dist" / "map.html").read_text(encoding="utf-8"))
    assert d["config"]["focus"] == ID + "org/tdh" and d["config"]["since"] == 2015
    assert {n["group"] for n in d["nodes"]} <= {"organisation", "coalition"}


def test_cli_theme_and_collapse(built):
    run_jwc(
        "map", "--theme", "child participation", "--collapse", "3", "-o", "dist/theme.html", cwd=built.root, check=True
    )
    d = data_of((built.root / "dist" / "theme.html").read_text(encoding="utf-8"))
    theme = ID + "theme/child-participation"
    assert theme in {n["id"] for n in d["nodes"]} and d["config"]["collapse"] == 3
    assert all(n["id"] == theme or any(theme in (e["from"], e["to"]) for e in d["edges"]) for n in d["nodes"])
    assert "--theme 'child participation' --collapse 3" in d["config"]["command"]
    proc = run_jwc("map", "--theme", "Terre des hommes", "-o", "dist/x.html", cwd=built.root)
    assert proc.returncode == 2 and "not a theme or priority" in proc.stderr.decode()
