"""Benchmark the served explorer's resource limits: entity pages under heavy queries, and the memory cap.

    .venv/bin/python benchmarks/bench_limits.py [--heavy 2] [--pages 10] [--max-query-memory 1GB]

Starts `jwc serve --no-build` on a free loopback port (the project must be built), then:
1. times entity pages on an idle server (the baseline), then again while `--heavy` cartesian-product
   queries hold the query workers, and prints both and their ratio; the target is under 1 s each;
2. sends the string-doubling query (under 1 KB that would grow to 16 GB), samples the resident memory of
   every worker process every 20 ms until the answer, and prints the peak against the cap (target:
   stopped before 1 GB, with a 503).
Figures are recorded in docs/benchmarks-limits.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_sparql

REPO = Path(__file__).resolve().parents[1]
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DOUBLING = (
    f'SELECT (STRLEN(?s28) AS ?n) WHERE {{ BIND("{"x" * 64}" AS ?s0) '
    + " ".join(f"BIND(CONCAT(?s{i},?s{i}) AS ?s{i + 1})" for i in range(28))
    + " }"
)
PAGES = ["/id/org/ipjj", "/id/org/crin", "/id/org/tdh", "/id/org/unodc", "/id/org/pri"]


def get(url: str, timeout: float = 120) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def time_pages(base: str, n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        status, _ = get(base + PAGES[i % len(PAGES)])
        out.append(time.perf_counter() - started)
        assert status == 200, status
    return out


def rss_of_children(pid: int) -> int:
    """The largest resident memory of any of the server's descendants (its workers), read from /proc."""
    total = 0
    for child in Path("/proc").iterdir():
        if not child.name.isdigit():
            continue
        try:
            stat = (child / "stat").read_text().split()
            if int(stat[3]) == pid or _ancestor(int(stat[3]), pid):
                total = max(total, int(stat[23]) * 4096)
        except (OSError, IndexError, ValueError):
            continue
    return total


def _ancestor(ppid: int, pid: int) -> bool:
    for _ in range(5):
        if ppid in (0, 1):
            return False
        if ppid == pid:
            return True
        try:
            ppid = int((Path("/proc") / str(ppid) / "stat").read_text().split()[3])
        except (OSError, ValueError):
            return False
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heavy", type=int, default=2)
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--max-query-memory", default="1GB")
    args = ap.parse_args(argv)
    port = load_sparql.free_port()
    proc = load_sparql.start_server(REPO, port, "--timeout", "60", "--max-query-memory", args.max_query_memory)
    base = f"http://127.0.0.1:{port}"
    try:
        time_pages(base, 2)  # warm up
        idle = time_pages(base, args.pages)
        heavy = [
            threading.Thread(target=get, args=(f"{base}/sparql?{urllib.parse.urlencode({'query': CARTESIAN})}",))
            for _ in range(args.heavy)
        ]
        for t in heavy:
            t.start()
        time.sleep(1.0)
        loaded = time_pages(base, args.pages)
        print(
            f"entity page, idle:                 median {statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms"
        )
        print(
            f"entity page, {args.heavy} heavy queries running: median {statistics.median(loaded) * 1000:.0f} ms, "
            f"max {max(loaded) * 1000:.0f} ms  (ratio to idle {statistics.median(loaded) / statistics.median(idle):.2f}; "
            f"target under 1 s: {'met' if max(loaded) < 1 else 'NOT met'})"
        )
        for t in heavy:
            t.join(90)

        peak, done = 0, threading.Event()
        result: list = []

        def run() -> None:
            result.append(get(f"{base}/sparql?{urllib.parse.urlencode({'query': DOUBLING})}"))
            done.set()

        started = time.perf_counter()
        threading.Thread(target=run).start()
        while not done.wait(0.02):
            peak = max(peak, rss_of_children(proc.pid))
        status, body = result[0]
        print(
            f"string doubling ({len(DOUBLING)} bytes of query): HTTP {status} after "
            f"{time.perf_counter() - started:.1f} s; peak worker memory {peak / 2**20:,.0f} MB "
            f"(cap {args.max_query_memory}; target stopped before 1 GB: {'met' if status == 503 and peak < 2**30 else 'NOT met'})"
        )
        print(f"  message: {body.decode(errors='replace')[:160]}")
    finally:
        load_sparql.stop_server(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
