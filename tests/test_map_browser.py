"""The map in a real browser (headless Chromium, network cut off): drawn, searchable, filterable, focusable, safe."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

import networkx as nx
import pytest

from conftest import REPO, run_jwc
from jwc_graph.network import projection
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
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "map-overview.png"))


def test_search_tdh_selects_and_centres_terre_des_hommes(opened, graph):
    page, tdh = opened.page, projection.resolve(graph, "Terre des hommes")
    page.fill("#search", "Tdh")
    assert page.locator("#results li").first.inner_text().startswith("Terre des hommes")
    page.keyboard.press("Enter")
    assert page.evaluate("jwcMap.network.getSelectedNodes()") == [tdh]
    wait_for(
        page,
        f"""(() => {{ const n = jwcMap.network, p = n.getPositions([{tdh!r}])[{tdh!r}], v = n.getViewPosition();
                                return Math.hypot(p.x - v.x, p.y - v.y) < 1; }})()""",
        timeout=5,
    )
    assert page.locator("#panel h2").inner_text() == "Terre des hommes"
    assert "source: IPJJ - Interagency Panel on Juvenile Justice" in page.locator("#panel").inner_text()
    assert page.locator("#panel a").count() == 0  # no entity-page link from file://
    ipjj = projection.resolve(graph, "IPJJ")
    tips = page.evaluate(f"jwcMap.edges.get().filter(e => e.from === {tdh!r} && e.to === {ipjj!r}).map(e => e.title)")
    assert tips == [
        "Terre des hommes is a member of Interagency Panel on Juvenile Justice (founding member) — source: "
        "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members"
    ]
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "map.png"))


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


def test_theme_year_and_hub_filters(opened, graph):
    page, u = opened.page, projection.undirected(graph)
    theme = max((n for n, d in graph.nodes(data=True) if d["kind"] == "theme"), key=u.degree)
    page.select_option("#theme", theme)
    assert opened.visible() == {theme, *u[theme]}
    page.select_option("#theme", "")
    page.fill("#year-from", "2015")
    page.dispatch_event("#year-from", "change")
    early = {n for n, d in graph.nodes(data=True) if d["kind"] == "event" and d["year"] and d["year"] < 2015}
    assert early and not opened.visible() & early and opened.visible() == set(graph.nodes) - early
    page.fill("#year-from", "")
    page.dispatch_event("#year-from", "change")
    page.fill("#collapse-n", "5")
    page.dispatch_event("#collapse-n", "change")
    page.check("#collapse")
    hubs = {n for n in u if u.degree(n) > 5}
    leaves = {m for h in hubs for m in u[h] if u.degree(m) == 1}
    assert leaves and opened.visible() == set(graph.nodes) - leaves
    labels = page.evaluate("jwcMap.nodes.get().filter(n => / \\(\\+\\d+\\)$/.test(n.label)).map(n => n.id)")
    assert set(labels) == {h for h in hubs if any(u.degree(m) == 1 for m in u[h])}


def test_entity_page_link_when_served_over_http(browser, map_file, graph):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(map_file.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        o = Opened(browser, f"{base}/map.html", allow=base)
        o.page.evaluate(f"jwcMap.selectEntity({projection.resolve(graph, 'Tdh')!r})")
        assert o.page.locator("#panel a").get_attribute("href") == "/id/org/tdh"
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
