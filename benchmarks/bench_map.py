"""Benchmark `jwc map` against a plain pyvis map on synthetic graphs of about 500, 2,000 and 10,000 nodes.

For each size: the HTML's size, the time to write it, and the time until it is drawn in headless Chromium
(network cut off, a fresh browser per load; `jwc map` the median of three loads), for `jwc map` (positions from Python, physics off above map_page.LAYOUT_ABOVE) and for
pyvis with its default physics (drawn = first frame after stabilisation; settled = vis "stabilized";
waits are capped, and a capped figure is a lower bound). Not a test: run it by hand, e.g.

    .venv/bin/python benchmarks/bench_map.py            # all three sizes
    .venv/bin/python benchmarks/bench_map.py --sizes 500 --cap 60
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from pyvis.network import Network

from jwc_graph.network import map_page, projection
from jwc_graph.rdf import synth
from jwc_graph.rdf.files import parse_file

REPO = Path(__file__).resolve().parents[1]
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
#: synthetic triples that give about this many map nodes (jwc synth, seed 1, default kinds)
TRIPLES = {500: 6500, 2000: 27000, 10000: 135000}
#: records when pyvis's global `network` is created and when vis-network stabilises and draws
PLAIN_HOOK = """
window.__t = {};
Object.defineProperty(window, 'network', { configurable: true, get() { return this.__net; }, set(v) {
  this.__net = v; const t = window.__t;
  v.once('stabilizationIterationsDone', () => { t.iterationsDone = performance.now(); });
  v.once('stabilized', () => { t.stabilized = performance.now(); });
  v.on('afterDrawing', () => { if (t.iterationsDone && !t.drawn) t.drawn = performance.now(); });
}});
"""


def synthetic_graph(nodes: int) -> nx.MultiDiGraph:
    """The projection of a synthetic graph (jwc synth) loaded with the ontology into an in-memory store."""
    store = ox.Store()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        store.bulk_extend(parse_file(path, "ontology").quads)
    store.bulk_extend(ox.parse(synth.generate_trig(TRIPLES[nodes], seed=1), format=ox.RdfFormat.TRIG))
    return projection.from_store(store)


def write_jwc(g: nx.MultiDiGraph, out: Path) -> float:
    t = time.perf_counter()
    out.write_text(map_page.render_html(g), encoding="utf-8")
    return time.perf_counter() - t


def write_plain(g: nx.MultiDiGraph, out: Path) -> float:
    """pyvis as its documentation shows it: from_nx, default physics, vis-network inlined."""
    t = time.perf_counter()
    h = nx.DiGraph()
    h.add_nodes_from((n, {"label": d["label"], "title": d["label"], "group": d["kind"]}) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, {"title": d["label"]}) for u, v, d in g.edges(data=True))
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(h)
    net.write_html(str(out))
    return time.perf_counter() - t


def draw(p, path: Path, plain: bool, cap: float) -> dict:
    """Milliseconds from navigation start until drawn (and settled), by the page's own clock, in a fresh browser."""
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    try:
        return _draw(browser, path, plain, cap)
    finally:
        browser.close()


def _draw(browser, path: Path, plain: bool, cap: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    attempted = []
    context.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith("file://") else (attempted.append(r.request.url), r.abort())
        ),
    )
    if plain:
        context.add_init_script(PLAIN_HOOK)
    page = context.new_page()
    try:
        page.goto(path.as_uri(), timeout=cap * 1000)
    except PlaywrightTimeout:  # plain pyvis at 10k nodes: still in its first script when the cap is reached
        context.close()
        return {"drawn": None, "settled": None, "waited": cap * 1000, "fetches": attempted}
    probe = (
        "[window.__t.drawn || null, window.__t.stabilized || null]"
        if plain
        else "[window.jwcMap && window.jwcMap.drawn ? jwcMap.drawnAt : null, null]"
    )
    end = time.monotonic() + cap
    drawn = settled = None
    while time.monotonic() < end:
        try:
            drawn, settled = page.evaluate(probe)
        except Exception:
            pass
        if drawn and (settled or not plain):
            break
        time.sleep(0.1)
    waited = page.evaluate("performance.now()")
    context.close()
    return {"drawn": drawn, "settled": settled if plain else drawn, "waited": waited, "fetches": attempted}


def fmt_ms(value, waited) -> str:
    return f"{value / 1000:.1f} s" if value else f"> {waited / 1000:.0f} s (not done)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000], choices=sorted(TRIPLES))
    parser.add_argument(
        "--cap", type=float, default=240.0, help="Seconds to wait for plain pyvis (a lower bound after)."
    )
    args = parser.parse_args()
    print(f"# bench_map {datetime.date.today()} (LAYOUT_ABOVE={map_page.LAYOUT_ABOVE})")
    print("| nodes | edges | map | HTML size | write | drawn | settled |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        for size in args.sizes:
            g = synthetic_graph(size)
            for name, writer, plain in (("jwc map", write_jwc, False), ("plain pyvis", write_plain, True)):
                out = Path(tmp) / f"{name.replace(' ', '-')}-{size}.html"
                seconds = writer(g, out)
                # jwc map: the median of three loads; plain pyvis: one load, capped
                runs = [draw(p, out, plain, args.cap if plain else 60.0) for _ in range(1 if plain else 3)]
                r = sorted(runs, key=lambda x: x["drawn"] or float("inf"))[len(runs) // 2]
                fetch = f" (tried to fetch {len(r['fetches'])} URLs)" if r["fetches"] else ""
                print(
                    f"| {g.number_of_nodes():,} | {g.number_of_edges():,} | {name}{fetch} | "
                    f"{out.stat().st_size / 1e6:.1f} MB | {seconds:.1f} s | {fmt_ms(r['drawn'], r['waited'])} | "
                    f"{fmt_ms(r['settled'], r['waited'])} |"
                    + ("" if plain else f" <!-- runs: {', '.join(fmt_ms(x['drawn'], x['waited']) for x in runs)} -->"),
                    flush=True,
                )


if __name__ == "__main__":
    main()
