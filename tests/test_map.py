"""`jwc map`: one offline HTML file whose data honours every option and carries hostile text only escaped."""

from __future__ import annotations

import json
import math
import re

import networkx as nx
import pytest

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.base.namespaces import ID
from jwc_graph.network import analysis, map_page, projection, selection, wording
from jwc_graph.network.options import MapView
from jwc_graph.network.overlap import remove_overlaps

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
    assert d["options"]["physics"]["enabled"] is False  # positions come from Python, drawn at once
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in d["nodes"])
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


def test_side_panel_data_has_facts_in_plain_words_with_source_titles(default_map, graph):
    d = data_of(default_map)
    tdh = projection.resolve(graph, "Terre des hommes")
    node = next(n for n in d["nodes"] if n["id"] == tdh)
    assert d["config"]["idBase"] == ID and tdh.startswith(ID)  # the page links /id/org/tdh when served
    assert "Tdh" in node["names"] and node["group"] == "organisation" and "shape" not in node
    founded = [[p, v, [d["config"]["sources"][i] for i in s]] for p, v, s in node["facts"] if p == "founded"]
    assert [f[:2] for f in founded] == [["founded", "1960"]], "one date, stated by two sources"
    assert set(founded[0][2]) == {
        "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members",
        "About us (Terre des hommes)",
    }
    labels = {p for n in d["nodes"] for p, _, _ in n["facts"]}
    assert not labels & {"foundingDate", "altLabel", "prefLabel", "type", "startDate"}, "raw property names"
    assert d["config"]["linkHeadings"]["member"] == ["member of", "members"]
    wc = next(n for n in d["nodes"] if n["label"] == "IAYFJM World Congress")
    assert ["held", "every 4 years"] in [[p, v] for p, v, _ in wc["facts"]], "P4Y reads as words"


def test_the_page_holds_the_whole_network_and_opens_on_the_view(store, tmp_path):
    out = map_page.write_map(
        store,
        tmp_path / "m.html",
        focus="Tdh",
        depth=2,
        kinds=["organisation", "coalition"],
        since=2015,
        size_by="pagerank",
        colour_by="community",
        select="IPJJ",
    )
    d = data_of(out.read_text(encoding="utf-8"))
    g = projection.from_store(store)
    assert {n["id"] for n in d["nodes"]} == set(g.nodes), "the reader can step out of the view again"
    tdh, ipjj = projection.resolve(g, "Tdh"), projection.resolve(g, "IPJJ")
    assert d["config"]["view"] == {
        "focus": tdh,
        "depth": 2,
        "kinds": ["organisation", "coalition"],
        "since": 2015,
        "until": None,
        "undated": True,
        "sizeBy": "pagerank",
        "colourBy": "community",
        "theme": None,
        "collapse": None,
        "select": ipjj,
    }
    assert d["config"]["command"] == (
        "jwc map --focus Tdh --depth 2 --kinds organisation,coalition --since 2015 --size-by pagerank "
        "--colour-by community --select IPJJ"
    )
    radius = map_page.sizes(map_page.metrics(g, "pagerank")["pagerank"])
    metric = d["config"]["metrics"].index("pagerank")
    assert all(n["s"][metric] == pytest.approx(radius[n["id"]]) for n in d["nodes"])


def test_the_view_shows_the_focus_neighbourhood_of_the_chosen_kinds(graph):
    view = MapView(focus="Tdh", depth=2, kinds=("organisation", "coalition"))
    nodes, edges = selection.shown(graph, view)
    part = graph.subgraph([n for n, d in graph.nodes(data=True) if d["kind"] in ("organisation", "coalition")])
    tdh = projection.resolve(graph, "Tdh")
    assert nodes == set(nx.ego_graph(projection.undirected(part), tdh, radius=2))
    assert edges == {(u, v, k) for u, v, k in graph.edges(keys=True) if u in nodes and v in nodes}


def year_view(graph, **fields) -> set:
    return selection.shown(graph, MapView(**fields))[0]


def test_a_year_shows_its_events_what_existed_and_memberships_that_cover_it(graph):
    wc = {graph.nodes[n]["year"]: n for n in graph if graph.nodes[n]["label"].startswith("World Congress on Justice")}
    in_2015 = year_view(graph, year=2015)
    assert wc[2015] in in_2015 and wc[2018] not in in_2015 and wc[2009] not in in_2015
    assert wc[2018] in year_view(graph, year=2018)
    prep = next(n for n in graph if graph.nodes[n]["label"].startswith("Preparatory meetings for the 2021"))
    assert {2019, 2020} == {y for y in range(2010, 2026) if prep in year_view(graph, year=y)}, "2019 to 2020"
    crin, cjag = projection.resolve(graph, "CRIN"), projection.resolve(graph, "Child Justice Advocacy Group")
    joined = lambda y: any((u, v) == (crin, cjag) for u, v, _ in selection.shown(graph, MapView(year=y))[1])
    assert joined(2017) and joined(2024) and not joined(2016), "CRIN is a CJAG member since 2017"


def test_undated_entities_follow_the_toggle_only_in_a_year_window(graph):
    undated = {n for n, d in graph.nodes(data=True) if selection.node_span(d) is None}
    assert len(undated) > len(graph) / 2, "most of the seed graph has no date"
    assert undated <= year_view(graph, year=2015)
    hidden = year_view(graph, year=2015, undated=False)
    assert not hidden & undated and hidden, "only dated entities in force in 2015"
    assert all(selection.in_window(selection.node_span(graph.nodes[n]), 2015, 2015, False) for n in hidden)
    assert year_view(graph, undated=False) == set(graph), "with no year set, dates do not matter"


def test_year_range_drops_events_outside_it(graph):
    years = {n: a["year"] for n, a in graph.nodes(data=True) if a["kind"] == "event" and a["year"]}
    kept = year_view(graph, since=2015, until=2019)
    assert {n for n, y in years.items() if 2015 <= y <= 2019} <= kept
    assert not {n for n, y in years.items() if selection.node_span(graph.nodes[n])[1] < 2015 or y > 2019} & kept


def test_theme_keeps_only_what_is_linked_to_it(graph):
    theme = next(
        n for n, a in graph.nodes(data=True) if a["kind"] == "theme" and projection.undirected(graph).degree(n) > 2
    )
    assert year_view(graph, theme=theme) == {theme, *projection.undirected(graph)[theme]}


def test_collapse_option_reaches_the_page(graph):
    assert data_of(map_page.render_html(graph, collapse=5))["config"]["view"]["collapse"] == 5


def test_large_graph_gets_the_balloon_layout(graph):
    d = data_of(map_page.render_html(graph, layout_above=10))
    assert d["options"]["physics"]["enabled"] is False and d["options"]["edges"]["smooth"]["enabled"] is False
    assert len({(n["x"], n["y"]) for n in d["nodes"]}) == len(d["nodes"]), "two nodes share a position"


def overlaps(d: dict) -> list[tuple[str, str, float]]:
    """Pairs of nodes whose shapes (at their largest size under any metric) overlap in the page's data."""
    reach = d["config"]["shapeReach"]
    shape = {k["kind"]: k["shape"] for k in d["config"]["kinds"]}
    nodes = [(n["id"], n["x"], n["y"], max(n["s"]) * reach[shape[n["group"]]]) for n in d["nodes"]]
    found = []
    for i, (a, xa, ya, ra) in enumerate(nodes):
        for b, xb, yb, rb in nodes[i + 1 :]:
            if math.hypot(xa - xb, ya - yb) < ra + rb:
                found.append((a, b, round(ra + rb - math.hypot(xa - xb, ya - yb), 1)))
    return found


@pytest.mark.parametrize("layout_above", [300, 10], ids=["force-directed", "balloon"])
def test_no_two_nodes_overlap_at_any_size(graph, layout_above):
    assert overlaps(data_of(map_page.render_html(graph, layout_above=layout_above))) == []


def test_overlap_removal_separates_crowded_and_coincident_nodes():
    pos = {f"n{i}": (float(i % 3), 0.0) for i in range(30)}  # ten nodes on each of three points
    radius = {n: 5.0 + (i % 4) for i, n in enumerate(pos)}
    out = remove_overlaps(pos, radius, gap=4)
    names = list(out)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert math.dist(out[a], out[b]) >= radius[a] + radius[b] + 4 - 0.15, (a, b)
    assert remove_overlaps(pos, radius, gap=4) == out, "the same input gives the same positions"


def test_isolated_entities_sit_in_tidy_rows_beneath_the_map(graph):
    d = data_of(map_page.render_html(graph))
    u = projection.undirected(graph)
    alone = [n for n in d["nodes"] if u.degree(n["id"]) == 0]
    linked = [n for n in d["nodes"] if u.degree(n["id"]) > 0]
    assert alone, "the seed graph has entities linked to nothing"
    assert min(n["y"] for n in alone) > max(n["y"] for n in linked), "beneath the linked ones"
    assert len({n["y"] for n in alone}) <= math.ceil(len(alone) / 6), "in rows"
    rows: dict[float, list[float]] = {}
    for n in alone:
        rows.setdefault(n["y"], []).append(n["x"])
    gaps = [b - a for row in rows.values() for a, b in zip(sorted(row), sorted(row)[1:])]
    assert not gaps or max(gaps) - min(gaps) <= 1, f"evenly spaced in each row (to a pixel): {sorted(set(gaps))}"
    xs = sorted(n["x"] for n in alone)
    left, right = min(n["x"] for n in linked), max(n["x"] for n in linked)
    # centred under the map, as wide as it, or six to a row where the map is narrower than six names
    half = max((right - left) / 2, 2.5 * (min(gaps) if gaps else 0))
    centre = (left + right) / 2
    assert centre - half - 5 <= xs[0] and xs[-1] <= centre + half + 5, "not out in the corners (to a few pixels)"


def test_communities_are_named_and_coloured(default_map, graph):
    d = data_of(default_map)
    found = analysis.analyse(graph)["communities"]
    assert [c["name"] for c in d["config"]["communities"]] == [c["name"] for c in found]
    assert found[0]["name"] and " and " in found[0]["name"]
    ipjj = next(n for n in d["nodes"] if n["id"] == projection.resolve(graph, "IPJJ"))
    assert d["config"]["communities"][ipjj["c"] - 1]["name"].startswith("IPJJ")
    big = [c["colour"] for c in d["config"]["communities"] if c["size"] > 1]
    assert len(set(big)) == len(big), "each community of more than one member has a colour of its own"


def test_map_view_writes_the_command_and_the_address_it_reads_back():
    view = MapView(focus="Children's Fund", depth=2, kinds=["organisation"], year=2015, undated=False, theme="x y")
    assert view.since == view.until == 2015
    assert view.command() == (
        "jwc map --focus 'Children'\"'\"'s Fund' --depth 2 --kinds organisation --year 2015 --hide-undated "
        "--theme 'x y'"
    )
    assert MapView.from_params(view.params()) == view
    assert MapView.from_params({"since": "2010", "until": "2010"}) == MapView(year=2010)
    assert MapView().command() == "jwc map" and MapView().params() == {}
    for bad in (
        {"year": "soon"},
        {"undated": "maybe"},
        {"colour": "red"},
        {"size_by": "x"},
        {"since": "2020", "until": "2010"},
    ):
        with pytest.raises(InputError):
            MapView.from_params(bad)


def test_plain_words_for_durations_dates_and_properties():
    assert wording.fact_value("frequency", "P4Y") == "every 4 years"
    assert wording.fact_value("frequency", "P1Y") == "every year"
    assert wording.fact_value("duration", "P3D") == "3 days"
    assert wording.fact_value("startDate", "2018-05") == "May 2018"
    assert wording.fact_value("startDate", "2018-05-14") == "14 May 2018"
    assert wording.fact_label("foundingDate") == "founded" and wording.fact_label("someNewThing") == "some new thing"
    assert wording.link_headings("member") == ("member of", "members")


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
    assert ["about", HOSTILE_TEXT, [0]] in d["nodes"][0]["facts"]
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
        "--year",
        "2015",
        "--hide-undated",
        "--size-by",
        "pagerank",
        "--colour-by",
        "community",
        "--select",
        "IPJJ",
        "-o",
        "dist/map.html",
        cwd=built.root,
        check=True,
    )
    assert b"map written to" in proc.stdout
    d = data_of((built.root / "dist" / "map.html").read_text(encoding="utf-8"))
    view = d["config"]["view"]
    assert view["focus"] == ID + "org/tdh" and view["since"] == view["until"] == 2015 and view["undated"] is False
    assert view["kinds"] == ["organisation", "coalition"] and view["select"] == ID + "org/ipjj"
    assert view["sizeBy"] == "pagerank" and view["colourBy"] == "community"
    assert d["config"]["command"] == (
        "jwc map --focus 'Terre des hommes' --depth 2 --kinds organisation,coalition --year 2015 --hide-undated "
        "--size-by pagerank --colour-by community --select IPJJ"
    )


def test_cli_theme_and_collapse(built):
    run_jwc(
        "map", "--theme", "child participation", "--collapse", "3", "-o", "dist/theme.html", cwd=built.root, check=True
    )
    d = data_of((built.root / "dist" / "theme.html").read_text(encoding="utf-8"))
    assert d["config"]["view"]["theme"] == ID + "theme/child-participation" and d["config"]["view"]["collapse"] == 3
    assert "--theme 'child participation' --collapse 3" in d["config"]["command"]
    proc = run_jwc("map", "--theme", "Terre des hommes", "-o", "dist/x.html", cwd=built.root)
    assert proc.returncode == 2 and "not a theme or priority" in proc.stderr.decode()
    proc = run_jwc("map", "--year", "2015", "--since", "2010", "-o", "dist/x.html", cwd=built.root)
    assert proc.returncode == 2 and "either a year or a range" in proc.stderr.decode()
