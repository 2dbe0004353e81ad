"""The map in a real browser (headless Chromium, network cut off): readable on first open and zoomed in (measured from
the drawn positions), fitted after every filter, over time, shareable as a link, exportable, searchable, safe.
Screenshots of each state go to test-reports/."""

from __future__ import annotations

import base64
import functools
import http.server
import math
import re
import struct
import threading
import time
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from conftest import REPO, run_jwc
from jwc_graph.base.namespaces import ID
from jwc_graph.network import projection, selection
from jwc_graph.network.options import MapView
from jwc_graph.rdf.store import open_store

pytestmark = pytest.mark.slow
playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">'
HOSTILE_TEXT = "<script>window.__pwned=2</script>"
REPORTS = REPO / "test-reports"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def wait_for(page, expression: str, timeout: float = 30.0):
    """Poll a JS expression until truthy (the page's CSP forbids eval, so wait_for_function cannot be used)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {expression}")


class Opened:
    """A map page opened with the network cut off, with what it logged and what it tried to fetch."""

    def __init__(self, browser, url: str, allow: str = "file://"):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.attempted: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith(allow) or r.request.url.startswith("data:"):
                r.continue_()
            else:
                self.attempted.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        wait_for(self.page, "!!(window.jwcMap && window.jwcMap.drawn)")

    def visible(self) -> set[str]:
        return set(self.page.evaluate("jwcMap.visibleIds()"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return projection.from_store(store)


@pytest.fixture(scope="module")
def map_file(built) -> Path:
    run_jwc("map", "-o", "dist/map.html", cwd=built.root, check=True)
    return built.root / "dist" / "map.html"


@pytest.fixture
def opened(browser, map_file):
    o = Opened(browser, map_file.as_uri())
    yield o
    assert not o.attempted, f"the map tried to reach the network: {o.attempted}"
    assert not o.errors, f"console errors: {o.errors}"
    o.close()


def test_every_node_is_drawn_offline_without_errors(opened, graph):
    page = opened.page
    assert page.evaluate("jwcMap.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("jwcMap.edges.length") == graph.number_of_edges()
    drawn = page.evaluate("jwcMap.network.body.nodeIndices")  # what vis-network actually draws
    assert set(drawn) == set(graph.nodes)
    assert len(page.evaluate("Object.keys(jwcMap.network.getPositions())")) == graph.number_of_nodes()
    legend = page.locator("#legend li").all_inner_texts()
    assert any(t.startswith("organisation") for t in legend) and len(legend) == len(
        {d["kind"] for _, d in graph.nodes(data=True)}
    )


# ---- what the reader sees, measured in the page from the drawn positions ------------------------------------------
#: Every shown node's disc (the reach of its shape, as drawn) and every drawn name's box, in pixels of the map,
#: and the width of each name measured again here with the font it was drawn in.
MEASURE = """(() => {
  const n = jwcMap.network, body = n.body, scale = n.getScale(), reach = jwcMap.config.shapeReach;
  const c = document.querySelector('#mynetwork canvas');
  const nodes = jwcMap.visibleIds().map(id => {
    const p = n.canvasToDOM(n.getPositions([id])[id]), o = body.nodes[id].options;
    return {id, x: p.x, y: p.y, r: o.size * scale * (reach[o.shape] || 1)};
  });
  const ctx = document.createElement('canvas').getContext('2d');
  const labels = jwcMap.labels().map(l => {
    ctx.font = l.font;
    return Object.assign({width: Math.max(...l.lines.map(t => ctx.measureText(t).width))}, l);
  });
  return {W: c.clientWidth, H: c.clientHeight, scale, nodes, labels};
})()"""


def measure(page) -> dict:
    frames = page.evaluate("jwcMap.frames")
    page.evaluate("jwcMap.network.redraw()")
    wait_for(page, f"jwcMap.frames > {frames}", timeout=5)
    return page.evaluate(MEASURE)


def overlapping_nodes(m: dict) -> list:
    nodes = m["nodes"]
    return [
        (a["id"], b["id"])
        for i, a in enumerate(nodes)
        for b in nodes[i + 1 :]
        if math.hypot(a["x"] - b["x"], a["y"] - b["y"]) < a["r"] + b["r"]
    ]


def crossing_labels(m: dict) -> list:
    boxes = m["labels"]
    return [
        (a["lines"], b["lines"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def check_readable(m: dict) -> None:
    """No two nodes overlap, no two names cross, each name sits at its node, whole, inside the map, at 13 px or more."""
    assert overlapping_nodes(m) == []
    assert crossing_labels(m) == []
    at = {n["id"]: n for n in m["nodes"]}
    for label in m["labels"]:
        node = at[label["id"]]
        assert label["right"] - label["left"] == pytest.approx(label["width"] + 4, abs=1), label["lines"]
        nearest_x = min(max(node["x"], label["left"]), label["right"])
        nearest_y = min(max(node["y"], label["top"]), label["bottom"])
        gap = math.hypot(nearest_x - node["x"], nearest_y - node["y"])
        assert node["r"] <= gap <= node["r"] + 5, f"{label['lines']} is not drawn at its node"
        assert label["left"] >= 0 and label["right"] <= m["W"] and label["top"] >= 0 and label["bottom"] <= m["H"]
        assert re.search(r"\b1[34]px\b", label["font"]) and label["bottom"] - label["top"] >= 16 * len(label["lines"])


def shot(page, name: str) -> None:
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / name))


def test_first_open_names_the_central_entities_and_nothing_overlaps(opened, graph):
    page, u = opened.page, projection.undirected(graph)
    m = measure(page)
    assert len(m["nodes"]) == graph.number_of_nodes()
    check_readable(m)
    named = {label["id"] for label in m["labels"]}
    central = sorted(u, key=lambda n: (-u.degree(n), graph.nodes[n]["label"]))[:8]
    assert set(central) <= named, [graph.nodes[n]["label"] for n in set(central) - named]
    assert len(named) >= 25, "a first view with names a person can read"
    inside = [n for n in m["nodes"] if n["x"] - n["r"] >= 0 and n["x"] + n["r"] <= m["W"] and n["y"] + n["r"] <= m["H"]]
    assert len(inside) == len(m["nodes"]), "the whole map fits the first view"
    shot(page, "map-first-open.png")


def test_at_twice_the_zoom_more_names_and_still_no_overlap(opened, graph):
    page = opened.page
    before = measure(page)
    page.evaluate("jwcMap.network.moveTo({scale: jwcMap.network.getScale() * 2, animation: false})")
    m = measure(page)
    assert m["scale"] == pytest.approx(2 * before["scale"])
    check_readable(m)
    shown = [n for n in m["nodes"] if 0 <= n["x"] <= m["W"] and 0 <= n["y"] <= m["H"]]
    named = {label["id"] for label in m["labels"]}
    # the same entities before and after: those in the zoomed view (the whole map's share would count the lone
    # entities in rows beneath it, all named at the first view and out of this one)
    in_view = {n["id"] for n in shown}
    named_before = {label["id"] for label in before["labels"]} & in_view
    assert len(named & in_view) > len(named_before), "zooming in names more of the entities in view"
    ipjj, wc = projection.resolve(graph, "IPJJ"), ID + "series/world-congress"
    near = [n for n in shown if n["id"] in (ipjj, wc)]
    assert all(n["id"] in named for n in near), "the IPJJ and the World Congress are named, apart"
    shot(page, "map-zoom-2x.png")


def test_zoomed_out_the_most_central_are_still_named(opened, graph):
    page, u = opened.page, projection.undirected(graph)
    page.evaluate("jwcMap.network.moveTo({scale: jwcMap.network.getScale() / 2, animation: false})")
    m = measure(page)
    check_readable(m)
    shot(page, "map-zoom-half.png")
    named = {label["id"] for label in m["labels"]}
    central = sorted(u, key=lambda n: (-u.degree(n), graph.nodes[n]["label"]))[:8]
    assert set(central) <= named, [graph.nodes[n]["label"] for n in set(central) - named]


def test_tdh_two_degrees_of_organisations_and_coalitions_keeps_hexagons_apart(browser, map_file, graph):
    o = Opened(browser, map_file.as_uri() + "?focus=Tdh&depth=2&kinds=organisation,coalition")
    m = measure(o.page)
    check_readable(m)
    at = {n["id"]: n for n in m["nodes"]}
    ipjj, cjag = at[projection.resolve(graph, "IPJJ")], at[projection.resolve(graph, "Child Justice Advocacy Group")]
    assert math.hypot(ipjj["x"] - cjag["x"], ipjj["y"] - cjag["y"]) >= ipjj["r"] + cjag["r"] + 8
    shot(o.page, "map-tdh-2-degrees.png")
    assert not o.attempted and not o.errors
    o.close()


def check_fitted(page, what: str) -> dict:
    """Every shown node inside the map, and the shown part filling a fair share of it (the view fitted)."""
    m = measure(page)
    assert m["nodes"], what
    outside = [n["id"] for n in m["nodes"] if not (n["x"] - n["r"] >= 0 and n["x"] + n["r"] <= m["W"])]
    outside += [n["id"] for n in m["nodes"] if not (n["y"] - n["r"] >= 0 and n["y"] + n["r"] <= m["H"])]
    assert outside == [], f"after {what}, outside the view: {outside}"
    if len(m["nodes"]) > 2:
        width = max(n["x"] for n in m["nodes"]) - min(n["x"] for n in m["nodes"])
        height = max(n["y"] for n in m["nodes"]) - min(n["y"] for n in m["nodes"])
        zoomed = m["scale"] == pytest.approx(page.evaluate("JWC.fit.MAX_SCALE"))  # a few entities, not blown up
        assert width > m["W"] / 3 or height > m["H"] / 3 or zoomed, f"after {what}, the view is not fitted to them"
    check_readable(m)
    return m


def set_year(page, year: int) -> None:
    page.evaluate(
        f"(() => {{ const s = document.getElementById('year'); s.value = {year}; s.dispatchEvent(new Event('input')); }})()"
    )


def test_every_filter_search_and_focus_fits_the_view(opened, graph):
    page = opened.page
    theme = projection.resolve(graph, "access to justice")
    page.select_option("#theme", theme)
    m = check_fitted(page, "the access to justice theme")
    assert len(m["nodes"]) == len(projection.undirected(graph)[theme]) + 1 and m["scale"] > 1
    shot(page, "map-theme-access-to-justice.png")
    page.select_option("#theme", "")
    page.uncheck("#kind-commitment")
    check_fitted(page, "hiding commitments")
    page.check("#kind-commitment")
    set_year(page, 2015)
    check_fitted(page, "the year 2015")
    page.click("#all-years")
    page.fill("#search", "Tdh")
    page.keyboard.press("Enter")  # a search fits the entity found and its neighbours (see the next test)
    page.click("#panel-focus")
    check_fitted(page, "focusing on Tdh")
    shot(page, "map-focus-tdh.png")
    page.click("#focus-plus")
    check_fitted(page, "stepping out a degree")
    page.click("#focus-reset")
    check_fitted(page, "resetting the focus")


def test_search_tdh_selects_it_and_shows_it_among_its_neighbours(opened, graph):
    page, tdh = opened.page, projection.resolve(graph, "Terre des hommes")
    page.fill("#search", "Tdh")
    assert page.locator("#results li").first.inner_text().startswith("Terre des hommes")
    page.keyboard.press("Enter")
    assert page.evaluate("jwcMap.network.getSelectedNodes()") == [tdh]
    m = measure(page)
    around = {tdh, *projection.undirected(graph)[tdh]}
    panel = page.evaluate("document.getElementById('panel').getBoundingClientRect().left") - page.evaluate(
        "document.getElementById('mynetwork').getBoundingClientRect().left"
    )
    for n in m["nodes"]:
        if n["id"] in around:
            assert n["x"] - n["r"] >= 0 and n["x"] + n["r"] <= panel, "the neighbours are in view, beside the panel"
    assert tdh in {label["id"] for label in m["labels"]}
    assert page.locator("#panel h2").inner_text() == "Terre des hommes"
    assert (
        "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members" in page.locator("#panel ol").inner_text()
    )
    assert page.locator("#panel a[href]").count() == 0  # no entity-page link from file://
    ipjj = projection.resolve(graph, "IPJJ")
    tips = page.evaluate(f"jwcMap.edges.get().filter(e => e.from === {tdh!r} && e.to === {ipjj!r}).map(e => e.title)")
    assert len(tips) == 1, tips  # one edge, every source's role and title in its tip
    assert tips[0].startswith("Terre des hommes is a member of Interagency Panel on Juvenile Justice (founding member")
    assert "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members" in tips[0]
    assert "select=Terre+des+hommes" in page.evaluate("location.search")
    shot(page, "map.png")


def test_side_panel_in_plain_words_links_first_sources_as_notes(opened, graph):
    page, tdh = opened.page, projection.resolve(graph, "Terre des hommes")
    page.evaluate(f"jwcMap.selectEntity({tdh!r})")
    sections = page.evaluate("[...document.querySelectorAll('#panel section')].map(s => s.className)")
    assert sections == ["links", "facts", "sources"], "who works with whom comes first"
    headings = page.locator("#panel .links h4").all_inner_texts()
    assert headings[0].startswith("member of") and any(re.fullmatch(r"organises \(\d+\)", h) for h in headings)
    first = page.locator("#panel .links li").first.inner_text()
    assert first.startswith("Child Justice Advocacy Group")
    ipjj = page.locator("#panel .links li", has_text="Interagency Panel on Juvenile Justice").inner_text()
    assert "— founding member" in ipjj and re.search(r"\[\d\]", ipjj), "role, and a note for the source"
    facts = page.locator("#panel .facts dt").all_inner_texts()
    assert "founded" in facts and not {"foundingDate", "altLabel", "description", "prefLabel"} & set(facts)
    text = page.locator("#panel").inner_text()
    notes = page.locator("#panel .sources li").all_inner_texts()
    assert len(notes) == len(set(notes)) >= 2
    for title in notes:
        assert text.count(title) == 1, f"the source title {title!r} is written once, as a note"
    marks = {int(x) for x in re.findall(r"\[(\d+)\]", text)}
    assert marks == set(range(1, len(notes) + 1)), "every note is cited, in order"
    page.locator("#panel .links .go", has_text="Interagency Panel on Juvenile Justice").click()
    assert page.locator("#panel h2").inner_text() == "Interagency Panel on Juvenile Justice"
    assert page.locator("#panel .links h4").first.inner_text().startswith("members")
    crin = page.locator("#panel .links li", has_text="Child Rights International Network").first.inner_text()
    assert "since 1997" in crin, f"the period of the membership: {crin!r}"
    shot(page, "map-panel-ipjj.png")
    page.uncheck("#kind-coalition")  # the IPJJ is hidden: its panel closes
    assert page.locator("#panel").is_hidden() and page.evaluate("jwcMap.network.getSelectedNodes()") == []
    assert "select=" not in page.evaluate("location.search")


def test_kind_filter_hides_those_nodes(opened, graph):
    page = opened.page
    orgs = {n for n, d in graph.nodes(data=True) if d["kind"] == "organisation"}
    page.uncheck("#kind-organisation")
    assert opened.visible() == set(graph.nodes) - orgs
    assert not set(page.evaluate("jwcMap.network.body.nodeIndices")) & orgs
    page.check("#kind-organisation")
    assert opened.visible() == set(graph.nodes)


def test_focus_steps_out_one_degree_at_a_time(opened, graph):
    page, tdh = opened.page, projection.resolve(graph, "Tdh")
    u = projection.undirected(graph)
    page.evaluate(f"jwcMap.selectEntity({tdh!r})")
    page.click("#panel-focus")
    assert opened.visible() == set(nx.ego_graph(u, tdh, radius=1))
    page.click("#focus-plus")
    assert opened.visible() == set(nx.ego_graph(u, tdh, radius=2))
    assert "2 degrees" in page.locator("#focus-label").inner_text()
    page.click("#focus-minus")
    assert opened.visible() == set(nx.ego_graph(u, tdh, radius=1))
    page.click("#focus-reset")
    assert opened.visible() == set(graph.nodes)


def test_theme_year_range_and_hub_filters(opened, graph):
    page, u = opened.page, projection.undirected(graph)
    theme = max((n for n, d in graph.nodes(data=True) if d["kind"] == "theme"), key=u.degree)
    page.select_option("#theme", theme)
    assert opened.visible() == {theme, *u[theme]}
    page.select_option("#theme", "")
    page.fill("#year-from", "2015")
    page.dispatch_event("#year-from", "change")
    spans = {n: selection.node_span(d) for n, d in graph.nodes(data=True) if d["kind"] == "event"}
    early = {n for n, span in spans.items() if span and span[1] < 2015}  # an event dated by its end only counts too
    assert early and not opened.visible() & early and opened.visible() == set(graph.nodes) - early
    assert opened.visible() == selection.shown(graph, MapView(since=2015))[0]
    page.fill("#year-from", "")
    page.dispatch_event("#year-from", "change")
    page.fill("#collapse-n", "5")
    page.dispatch_event("#collapse-n", "change")
    page.check("#collapse")
    hubs = {n for n in u if u.degree(n) > 5}
    leaves = {m for h in hubs for m in u[h] if u.degree(m) == 1}
    assert leaves and opened.visible() == set(graph.nodes) - leaves
    labels = page.evaluate(f"{sorted(graph.nodes)!r}.filter(id => / \\(\\+\\d+\\)$/.test(jwcMap.nameOf(id)))")
    assert set(labels) == {h for h in hubs if any(u.degree(m) == 1 for m in u[h])}


def test_year_slider_shows_the_network_as_it_stood(opened, graph):
    page = opened.page
    wc2015, wc2018 = ID + "event/wc-2015", ID + "event/wc-2018"
    assert graph.nodes[wc2015]["year"] == 2015 and graph.nodes[wc2018]["year"] == 2018
    set_year(page, 2015)
    assert wc2015 in opened.visible() and wc2018 not in opened.visible()
    assert opened.visible() == selection.shown(graph, MapView(year=2015))[0]
    assert page.locator("#year-shown").inner_text() == "2015"
    undated = sum(1 for _, d in graph.nodes(data=True) if selection.node_span(d) is None)
    assert page.locator("#undated-label").inner_text() == f"show the {undated} entities with no date"
    check_fitted(page, "the year 2015")
    shot(page, "map-year-2015.png")
    page.uncheck("#undated")
    assert opened.visible() == selection.shown(graph, MapView(year=2015, undated=False))[0]
    assert wc2015 in opened.visible() and len(opened.visible()) < graph.number_of_nodes() / 10, "most of the map hidden"
    assert "year=2015&undated=hide" in page.evaluate("location.search")
    assert page.evaluate("jwcMap.command()") == "jwc map --year 2015 --hide-undated"
    check_fitted(page, "hiding the undated")
    shot(page, "map-year-2015-dated-only.png")
    set_year(page, 2018)
    assert wc2018 in opened.visible() and wc2015 not in opened.visible()
    page.check("#undated")
    page.click("#all-years")
    assert opened.visible() == set(graph.nodes) and page.evaluate("location.search") == ""
    page.click("#play")  # from the first year, through each year in which something starts or ends
    first = wait_for(page, "jwcMap.state.from")
    wait_for(page, f"jwcMap.state.from > {first}", timeout=5)
    assert page.locator("#play").inner_text().endswith("pause")
    page.click("#play")
    stopped = page.evaluate("jwcMap.state.from")
    page.wait_for_timeout(1500)
    assert page.evaluate("jwcMap.state.from") == stopped and page.evaluate("jwcMap.state.to") == stopped


SHARED = "?focus=Terre+des+hommes&depth=2&kinds=coalition,organisation,event&year=2018&size_by=pagerank&colour=community&select=Interagency+Panel+on+Juvenile+Justice"


def view_of(o) -> dict:
    return o.page.evaluate(
        """(() => { const s = jwcMap.state; return {focus: s.focus, depth: s.depth, select: s.select, sizeBy: s.sizeBy,
           colourBy: s.colourBy, from: s.from, to: s.to, selected: jwcMap.network.getSelectedNodes(),
           panel: document.querySelector('#panel h2') && document.querySelector('#panel h2').textContent,
           command: jwcMap.command(), search: location.search}; })()"""
    )


def test_every_view_is_a_link_that_restores_it(browser, opened, map_file, graph, store):
    page = opened.page
    page.fill("#search", "Tdh")
    page.keyboard.press("Enter")
    page.click("#panel-focus")
    page.click("#focus-plus")
    for kind in {k for _, d in graph.nodes(data=True) for k in [d["kind"]]} - {"coalition", "organisation", "event"}:
        page.uncheck(f"#kind-{kind}")
    set_year(page, 2018)
    page.select_option("#size-by", "pagerank")
    page.select_option("#colour-by", "community")
    page.evaluate(f"jwcMap.selectEntity({projection.resolve(graph, 'IPJJ')!r})")
    made = view_of(opened)
    assert made["search"] == SHARED
    assert made["command"] == (
        "jwc map --focus 'Terre des hommes' --depth 2 --kinds coalition,organisation,event --year 2018 "
        "--size-by pagerank --colour-by community --select 'Interagency Panel on Juvenile Justice'"
    )
    shown = opened.visible()
    # Python reads the same address as the same view, with the same command and the same entities
    view = MapView.from_params(dict(urllib.parse.parse_qsl(made["search"][1:])))
    assert view.command() == made["command"]
    assert selection.shown(graph, view)[0] == shown
    # the standalone file, opened at that address, restores it
    again = Opened(browser, page.evaluate("location.href"))
    assert again.visible() == shown and view_of(again) == made
    colours = "jwcMap.nodes.get(jwcMap.visibleIds()).map(n => [n.id, n.size, n.color && n.color.background])"
    assert sorted(again.page.evaluate(colours)) == sorted(page.evaluate(colours))
    shot(again.page, "map-restored-from-link.png")
    assert not again.attempted and not again.errors
    again.close()
    # ... and `jwc map` with the page's command writes a file that opens on the same view
    from jwc_graph.network import map_page

    out = map_page.write_map(store, map_file.parent / "from-command.html", view=view)
    third = Opened(browser, out.as_uri())
    assert third.visible() == shown and view_of(third) == made, "its address names the view it opened on"
    third.close()


def test_theme_range_and_folded_hubs_are_in_the_link_too(browser, opened, map_file, graph):
    """The controls the first link test leaves alone: a theme, a year range and folded hubs."""
    page = opened.page
    theme = projection.resolve(graph, "alternatives to deprivation of liberty")
    page.select_option("#theme", theme)
    page.fill("#year-from", "2010")
    page.fill("#year-to", "2020")
    page.dispatch_event("#year-to", "change")
    page.fill("#collapse-n", "3")
    page.dispatch_event("#collapse-n", "change")
    page.check("#collapse")
    made = view_of(opened)
    assert made["search"] == "?since=2010&until=2020&theme=alternatives+to+deprivation+of+liberty&collapse=3"
    assert made["command"] == (
        "jwc map --since 2010 --until 2020 --theme 'alternatives to deprivation of liberty' --collapse 3"
    )
    view = MapView.from_params(dict(urllib.parse.parse_qsl(made["search"][1:])))
    assert view.command() == made["command"]
    shown = opened.visible()
    names = "jwcMap.visibleIds().map(id => [id, jwcMap.nameOf(id)])"
    folded = [name for _, name in page.evaluate(names) if re.search(r" \(\+\d+\)$", name)]
    assert len(folded) == 1 and re.fullmatch(r"alternatives to deprivation of liberty \(\+\d+\)", folded[0]), folded
    again = Opened(browser, page.evaluate("location.href"))
    assert again.visible() == shown and view_of(again) == made
    assert again.page.locator("#theme").input_value() == theme and again.page.is_checked("#collapse")
    assert sorted(again.page.evaluate(names)) == sorted(page.evaluate(names)), "the same hubs folded, (+n) and all"
    check_fitted(again.page, "opening the link")
    shot(again.page, "map-theme-range-link.png")
    assert not again.attempted and not again.errors
    again.close()


def test_the_served_map_restores_the_same_view_from_the_same_link(browser, live_server, map_file):
    from_file = Opened(browser, map_file.as_uri() + SHARED)
    served = Opened(browser, f"{live_server}/map{SHARED}", allow=live_server)
    assert served.visible() == from_file.visible()
    assert view_of(served) == view_of(from_file)
    assert served.page.locator("#panel a[href]").get_attribute("href") == "/id/org/ipjj"
    served.page.click("#focus-reset")  # the whole network is there to step out to
    assert len(served.visible()) > len(from_file.visible())
    assert "focus" not in served.page.evaluate("location.search")
    assert not served.attempted and not served.errors and not from_file.errors
    served.close()
    from_file.close()


def test_an_unknown_name_in_the_address_is_said_and_the_rest_shown(browser, map_file):
    o = Opened(browser, map_file.as_uri() + "?focus=No+Such+Organisation&year=2015")
    assert "No Such Organisation" in o.page.locator("#notice").inner_text()
    assert o.page.evaluate("jwcMap.state.focus") is None and o.page.evaluate("jwcMap.state.from") == 2015
    assert not o.errors
    o.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


#: How far (0 to 255, averaged) an image differs from the map's canvas as drawn now.
COMPARE = """async (url) => {
  const img = new Image();
  await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = url; });
  const live = document.querySelector('#mynetwork canvas'), c = document.createElement('canvas');
  c.width = live.width; c.height = live.height;
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height); ctx.drawImage(live, 0, 0);
  const a = ctx.getImageData(0, 0, c.width, c.height).data;
  ctx.clearRect(0, 0, c.width, c.height); ctx.drawImage(img, 0, 0);
  const b = ctx.getImageData(0, 0, c.width, c.height).data;
  let diff = 0, ink = 0;
  for (let i = 0; i < a.length; i += 4) { diff += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
                                           if (b[i] < 200) ink++; }
  return {diff: diff / (a.length / 4 * 3), ink: ink / (a.length / 4), width: img.naturalWidth, height: img.naturalHeight};
}"""


def test_the_view_exports_as_png_and_svg(opened, graph):
    page = opened.page
    page.evaluate(f"jwcMap.focusOn({projection.resolve(graph, 'IPJJ')!r}, 1)")
    m = measure(page)
    with page.expect_download() as png_download:
        page.click("#save-png")
    png = Path(png_download.value.path()).read_bytes()
    assert png_download.value.suggested_filename == "jwc-map.png"
    canvas = page.evaluate(
        "[document.querySelector('#mynetwork canvas').width, document.querySelector('#mynetwork canvas').height]"
    )
    assert list(png_size(png)) == canvas
    same = page.evaluate(COMPARE, "data:image/png;base64," + base64.b64encode(png).decode())
    assert same["diff"] < 1 and same["ink"] > 0.005, same  # the view as drawn, not a blank image
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "map-export.png").write_bytes(png)

    with page.expect_download() as svg_download:
        page.click("#save-svg")
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    (REPORTS / "map-export.svg").write_text(svg, encoding="utf-8")
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg" and (float(root.get("width")), float(root.get("height"))) == (m["W"], m["H"])
    shapes = {e.get("data-id"): e for e in root.iter() if e.tag in (ns + "circle", ns + "polygon")}
    assert set(shapes) == {n["id"] for n in m["nodes"]}, "every node of the view, and only those"
    for n in m["nodes"]:
        e = shapes[n["id"]]
        if e.tag == ns + "circle":
            assert float(e.get("cx")) == pytest.approx(n["x"], abs=0.2) and float(e.get("cy")) == pytest.approx(
                n["y"], abs=0.2
            )
        else:
            pts = [tuple(map(float, p.split(","))) for p in e.get("points").split()]
            cx, cy = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            assert math.hypot(cx - n["x"], cy - n["y"]) < n["r"] / 2 + 1
    texts = [e.text for e in root.iter(ns + "text")]
    assert texts == [line for label in m["labels"] for line in label["lines"]], "the names drawn on the map"
    assert len(list(root.iter(ns + "line"))) == page.evaluate("jwcMap.edges.get().filter(e => !e.hidden).length")
    rendered = page.evaluate(COMPARE, "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg))
    assert (rendered["width"], rendered["height"]) == (m["W"], m["H"]) and rendered["ink"] > 0.005
    shot(page, "map-exported-view.png")


def test_colour_by_community_shows_the_named_communities(opened, graph):
    from jwc_graph.network import analysis

    page = opened.page
    page.select_option("#colour-by", "community")
    names = page.locator("#community-legend li").all_inner_texts()
    found = analysis.analyse(graph)["communities"]
    assert [n.rsplit("\n", 1)[0].strip() for n in names] == [c["name"] for c in found]
    ipjj = projection.resolve(graph, "IPJJ")
    colour = page.evaluate(f"jwcMap.nodes.get({ipjj!r}).color.background")
    community = next(i for i, c in enumerate(found) if "Interagency Panel on Juvenile Justice" in c["members"])
    assert colour == page.evaluate(f"jwcMap.config.communities[{community}].colour")
    assert "colour=community" in page.evaluate("location.search")
    shot(page, "map-communities.png")
    page.select_option("#colour-by", "kind")
    assert page.evaluate(f"jwcMap.nodes.get({ipjj!r}).color.background") == "#d9480f"


def test_entity_page_link_when_served_over_http(browser, map_file, graph):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(map_file.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        o = Opened(browser, f"{base}/map.html", allow=base)
        o.page.evaluate(f"jwcMap.selectEntity({projection.resolve(graph, 'Tdh')!r})")
        assert o.page.locator("#panel a[href]").get_attribute("href") == "/id/org/tdh"
        assert not o.attempted and not o.errors
        o.close()
    finally:
        server.shutdown()


HOSTILE_TRIG = f"""
@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix src: <https://w3id.org/jwc/id/source/> .
@prefix jo: <https://w3id.org/jwc/id/org/> .
@prefix jm: <https://w3id.org/jwc/id/membership/> .
@prefix voc: <https://w3id.org/jwc/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
src:hostile {{
    jo:hostile a jwc:NGO ;
        skos:prefLabel "{HOSTILE_LABEL.replace('"', chr(92) + '"')}"@en ;
        dcterms:description "{HOSTILE_TEXT}"@en .
    jm:hostile-ipjj a org:Membership ; org:member jo:hostile ; org:organization jo:ipjj ; org:role voc:role-founding-member .
}}
"""
HOSTILE_SOURCE = """
<https://w3id.org/jwc/id/graph/catalogue> {
    src:hostile a jwc:Source ;
        dcterms:title "A hostile submission <b onmouseover=window.__pwned=3>bold</b>"@en ;
        jwc:seedFile "900_0123456789abcdef.txt" .
}
"""


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory) -> tuple[Path, nx.MultiDiGraph]:
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project.data_dir / "900-hostile.trig").write_text(HOSTILE_TRIG, encoding="utf-8")
    with (project.data_dir / "sources.trig").open("a", encoding="utf-8") as fh:
        fh.write(HOSTILE_SOURCE)
    run_jwc("build", "--quiet", cwd=project.root, check=True)
    run_jwc("map", "-o", "dist/map.html", cwd=project.root, check=True)
    return project.root / "dist" / "map.html", projection.from_store(open_store(project.store_dir))


def test_hostile_labels_show_as_text_and_run_nothing(browser, hostile_map):
    path, g = hostile_map
    bad = projection.resolve(g, HOSTILE_LABEL)
    assert "<img src=x" not in path.read_text(encoding="utf-8")
    o = Opened(browser, path.as_uri())
    page = o.page
    # hover: vis-network shows the node's tooltip
    page.evaluate(f"jwcMap.network.focus({bad!r}, {{scale: 1.5, animation: false}})")
    x, y = page.evaluate(f"""(() => {{ const n = jwcMap.network, p = n.canvasToDOM(n.getPositions([{bad!r}])[{bad!r}]),
                                    r = document.getElementById('mynetwork').getBoundingClientRect();
                                    return [r.left + p.x, r.top + p.y]; }})()""")
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    wait_for(
        page,
        "(() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility !== 'hidden' && t.textContent.includes('onerror'); })()",
        timeout=5,
    )
    assert HOSTILE_LABEL in page.locator("div.vis-tooltip").inner_text()
    # search: the result list shows the label as text
    page.fill("#search", "onerror")
    assert page.locator("#results li").first.inner_text().startswith(HOSTILE_LABEL)
    page.keyboard.press("Enter")
    # select: the panel shows the label, the description and the source title literally
    assert page.evaluate("jwcMap.network.getSelectedNodes()") == [bad]
    panel = page.locator("#panel").inner_text()
    assert HOSTILE_LABEL in panel and HOSTILE_TEXT in panel and "<b onmouseover=window.__pwned=3>bold</b>" in panel
    assert page.locator("#panel img, #panel script, #panel b, #results img, div.vis-tooltip img").count() == 0
    page.hover("#panel h2")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not o.attempted and not o.errors, (o.attempted, o.errors)
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "map-hostile.png"))
    o.close()
