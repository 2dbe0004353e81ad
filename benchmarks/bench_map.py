"""Benchmark `jwc map` against the map as it stood before issue 12 (the baseline, measured in the same run) and,
on request, against a plain pyvis map, on synthetic graphs of about 500, 2,000 and 10,000 nodes.

For each size: the HTML's size, the time to write it, the time until it is drawn in headless Chromium (network
cut off, a fresh browser per load, the median of --loads loads, this code's map and the baseline's taking turns)
and the JavaScript heap once drawn; then the ratio of each figure to the baseline's. The baseline's page comes
from the source tree of --baseline (a git revision, default BASELINE_REV), exported to a temporary folder and
run in a child process on the same synthetic graph. Plain pyvis (--plain) uses its default physics (drawn = first
frame after stabilisation; settled = vis "stabilized"; waits capped at --cap, and a capped figure is a lower
bound). Not a test: run it by hand, e.g.

    .venv/bin/python benchmarks/bench_map.py                 # 500, 2,000 and 10,000 nodes, against the baseline
    .venv/bin/python benchmarks/bench_map.py --sizes 10000   # the issue 12 target: drawn in under 5 s
    .venv/bin/python benchmarks/bench_map.py --sizes 500 --plain --cap 60
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from pyvis.network import Network

REPO = Path(__file__).resolve().parents[1]
#: The map before issue 12 (the parent of its first commit): what "drawn within its current time" compares with.
BASELINE_REV = "20da955^"
#: The issue 12 target: the 10,000-node map drawn in under this many seconds.
TARGET_SECONDS = 5.0
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
#: synthetic triples that give about this many map nodes (jwc synth, seed 1, default kinds); 139,000 gives
#: 10,319 nodes, at least the 10,258 the issue 12 target names (135,000 gave those on 2026-11-23, 9,982 now).
TRIPLES = {500: 6500, 2000: 27000, 10000: 139000}
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
    from jwc_graph.network import projection
    from jwc_graph.rdf import synth
    from jwc_graph.rdf.files import parse_file

    store = ox.Store()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        store.bulk_extend(parse_file(path, "ontology").quads)
    store.bulk_extend(ox.parse(synth.generate_trig(TRIPLES[nodes], seed=1), format=ox.RdfFormat.TRIG))
    return projection.from_store(store)


def write_jwc(g: nx.MultiDiGraph, out: Path) -> float:
    from jwc_graph.network import map_page

    t = time.perf_counter()
    out.write_text(map_page.render_html(g), encoding="utf-8")
    return time.perf_counter() - t


def write_baseline(rev: str, size: int, out: Path, tmp: Path) -> float:
    """The baseline's page for the same synthetic graph, written by the baseline's code in a child process."""
    src = tmp / "baseline"
    if not src.exists():
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"], capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(src, filter="data")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src / "src"), str(Path(__file__).parent)])}
    child = subprocess.run(
        [sys.executable, __file__, "--write-only", str(size), str(out)], env=env, capture_output=True, text=True
    )
    if child.returncode:
        raise RuntimeError(f"the baseline ({rev}) could not write its map:\n{child.stderr}")
    return float(child.stdout.split()[-1])


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
    """Milliseconds from navigation start until drawn (and settled), by the page's own clock, in a fresh browser,
    and the JavaScript heap in use once drawn (bytes, after a garbage collection)."""
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
        return {"drawn": None, "settled": None, "waited": cap * 1000, "fetches": attempted, "heap": None}
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
    heap = None
    if drawn:
        cdp = context.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    context.close()
    return {
        "drawn": drawn,
        "settled": settled if plain else drawn,
        "waited": waited,
        "fetches": attempted,
        "heap": heap,
    }


def fmt_ms(value, waited) -> str:
    return f"{value / 1000:.2f} s" if value else f"> {waited / 1000:.0f} s (not done)"


def median_of(runs: list[dict], key: str):
    values = [r[key] for r in runs]
    return None if None in values else statistics.median(values)


def ratio(a, b) -> str:
    return f"{a / b:.2f}x" if a and b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000], choices=sorted(TRIPLES))
    parser.add_argument("--loads", type=int, default=3, help="Loads of each page per size (the median is shown).")
    parser.add_argument("--baseline", default=BASELINE_REV, help="The git revision whose map is the baseline.")
    parser.add_argument("--plain", action="store_true", help="Also measure plain pyvis (minutes per size).")
    parser.add_argument(
        "--cap", type=float, default=240.0, help="Seconds to wait for plain pyvis (a lower bound after)."
    )
    parser.add_argument("--json", type=Path, help="Also write every measurement here.")
    parser.add_argument("--write-only", nargs=2, metavar=("SIZE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:  # the child process that writes the baseline's page with the baseline's code
        size, out = int(args.write_only[0]), Path(args.write_only[1])
        print(write_jwc(synthetic_graph(size), out))
        return
    from jwc_graph.network import map_page

    rev = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", args.baseline], capture_output=True, text=True, check=True
    ).stdout.strip()
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "src"], capture_output=True, text=True)
    print(
        f"# bench_map {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC: this code ({head}"
        f"{', src modified' if dirty.stdout.strip() else ''}) against the baseline {args.baseline} ({rev}); "
        f"{args.loads} loads each, median; load average {os.getloadavg()[0]:.1f}"
    )
    print("| nodes | edges | map | HTML size | write | drawn | JS heap | drawn / baseline | heap / baseline |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    record = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        for size in args.sizes:
            g = synthetic_graph(size)
            ours, base = tmp / f"jwc-{size}.html", tmp / f"baseline-{size}.html"
            written = {"jwc map": write_jwc(g, ours), "baseline": write_baseline(args.baseline, size, base, tmp)}
            runs: dict[str, list[dict]] = {"jwc map": [], "baseline": []}
            for _ in range(args.loads):  # taking turns, so a busy moment slows both
                runs["jwc map"].append(draw(p, ours, False, 60.0))
                runs["baseline"].append(draw(p, base, False, 60.0))
            med = {k: {"drawn": median_of(v, "drawn"), "heap": median_of(v, "heap")} for k, v in runs.items()}
            for name, path in (("jwc map", ours), ("baseline", base)):
                r, fetched = med[name], sum(len(x["fetches"]) for x in runs[name])
                print(
                    f"| {g.number_of_nodes():,} | {g.number_of_edges():,} | {name}"
                    f"{f' (tried to fetch {fetched} URLs)' if fetched else ''} | {path.stat().st_size / 1e6:.1f} MB | "
                    f"{written[name]:.2f} s | {fmt_ms(r['drawn'], 60000)} | "
                    f"{r['heap'] / 1e6:.0f} MB | "
                    + ("" if name == "baseline" else ratio(r["drawn"], med["baseline"]["drawn"]))
                    + " | "
                    + ("" if name == "baseline" else ratio(r["heap"], med["baseline"]["heap"]))
                    + f" | <!-- loads: {', '.join(fmt_ms(x['drawn'], x['waited']) for x in runs[name])} -->",
                    flush=True,
                )
            record.append(
                {
                    "nodes": g.number_of_nodes(),
                    "edges": g.number_of_edges(),
                    "write": written,
                    "runs": runs,
                    "median": med,
                }
            )
            if args.plain:
                out = tmp / f"plain-{size}.html"
                seconds = write_plain(g, out)
                r = draw(p, out, True, args.cap)
                fetch = f" (tried to fetch {len(r['fetches'])} URLs)" if r["fetches"] else ""
                print(
                    f"| {g.number_of_nodes():,} | {g.number_of_edges():,} | plain pyvis{fetch} | "
                    f"{out.stat().st_size / 1e6:.1f} MB | {seconds:.2f} s | {fmt_ms(r['drawn'], r['waited'])} "
                    f"(settled {fmt_ms(r['settled'], r['waited'])}) | | {ratio(r['drawn'], med['baseline']['drawn'])} | |",
                    flush=True,
                )
    print(f"\nLAYOUT_ABOVE={map_page.LAYOUT_ABOVE}.")
    for rec in record:
        if rec["nodes"] >= 10000:
            drawn = rec["median"]["jwc map"]["drawn"]
            base = rec["median"]["baseline"]["drawn"]
            print(
                f"Target: {rec['nodes']:,} nodes drawn in under {TARGET_SECONDS:.0f} s: "
                f"{'met' if drawn and drawn < TARGET_SECONDS * 1000 else 'NOT met'} ({fmt_ms(drawn, 60000)}; "
                f"the baseline {fmt_ms(base, 60000)}, ratio {ratio(drawn, base)})."
            )
    if args.json:
        args.json.write_text(json.dumps(record, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
