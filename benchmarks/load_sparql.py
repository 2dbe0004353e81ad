"""Bounded load test of `jwc serve` on 127.0.0.1: concurrent clients for a while; prints p50/p99 latency and errors.

    .venv/bin/python benchmarks/load_sparql.py                     # starts `jwc serve --no-build` itself
    .venv/bin/python benchmarks/load_sparql.py --url http://127.0.0.1:8080 --clients 32 --seconds 20
    .venv/bin/python benchmarks/load_sparql.py --against-oxigraph   # jwc serve and oxigraph serve, in turn

Only loopback addresses are accepted, and the run stops at --max-requests whatever the time left.
The requests are the query catalogue (form POST, as the query page sends them), GETs asking for CSV,
and entity pages, so the test covers the paths people use.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ENTITIES = ["/id/org/ipjj", "/id/org/crin", "/id/membership/crin-ipjj", "/id/source/ipjj-members"]


def query_mix(queries_dir: Path, path: str) -> list[tuple[str, str, bytes | None, dict]]:
    """The catalogue's queries with their prefixes written out, form-POSTed to `path` asking for JSON: the
    same requests for any SPARQL server (the side-by-side run)."""
    sys.path.insert(0, str(REPO / "src"))
    from jwc_graph.sparql import catalogue
    from jwc_graph.sparql.query import with_prefixes

    accept = "application/sparql-results+json, application/n-triples;q=0.9"  # a graph for CONSTRUCT
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    body = lambda q: urllib.parse.urlencode({"query": with_prefixes(q.text)}).encode()
    return [("POST", path, body(q), headers) for q in catalogue.load(queries_dir)]


def request_mix(queries_dir: Path) -> list[tuple[str, str, bytes | None, dict]]:
    """(method, path, body, headers) for each request the clients cycle through."""
    sys.path.insert(0, str(REPO / "src"))
    from jwc_graph.sparql import catalogue

    mix = []
    for q in catalogue.load(queries_dir):
        form = urllib.parse.urlencode({"query": q.text}).encode()
        mix.append(
            (
                "POST",
                "/sparql",
                form,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json, text/turtle;q=0.9",
                },
            )
        )
        # a table as CSV, a graph (CONSTRUCT) as Turtle: an Accept no answer of the query's form meets is a 406
        mix.append(
            (
                "GET",
                "/sparql?" + urllib.parse.urlencode({"query": q.text}),
                None,
                {"Accept": "text/csv, text/turtle;q=0.9"},
            )
        )
    mix += [("GET", path, None, {"Accept": "text/html"}) for path in ENTITIES]
    return mix


def calibrate(host: str, port: int, mix: list, budget: float) -> tuple[list, list[str]]:
    """Send each request once, alone; keep those answered within `budget` seconds (the others are reported).

    A catalogue query that is slow on its own says nothing about the server under load, and would
    only hold the workers; the report names it so that the query can be fixed.
    """
    kept, skipped = [], []
    for item in mix:
        method, path, body, headers = item
        conn = http.client.HTTPConnection(host, port, timeout=120)
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        conn.getresponse().read()
        conn.close()
        elapsed = time.perf_counter() - started
        if elapsed <= budget:
            kept.append(item)
        else:
            what = urllib.parse.unquote_plus((body or path.encode()).decode())
            title = what.split("# title:", 1)[-1].split("\n", 1)[0].strip() if "# title:" in what else path[:60]
            skipped.append(f"{title} ({elapsed:.1f} s alone)")
    return kept, skipped


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def run_load(
    base_url: str,
    clients: int = 32,
    seconds: float = 20.0,
    max_requests: int = 20000,
    queries_dir: Path = REPO / "queries",
    budget: float = 1.0,
    mix: list | None = None,
) -> dict:
    """Run the clients against base_url (loopback only); the figures as a dict. `mix`: the requests (default:
    the catalogue by POST and GET, and entity pages)."""
    url = urllib.parse.urlsplit(base_url)
    if url.hostname not in LOOPBACK:
        raise SystemExit(f"{base_url}: this load test runs against 127.0.0.1 only")
    mix, skipped = calibrate(url.hostname, url.port or 80, mix or request_mix(queries_dir), budget)
    lock = threading.Lock()
    state = {"issued": 0}
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def take() -> int | None:
        with lock:
            if state["issued"] >= max_requests or time.monotonic() >= deadline:
                return None
            state["issued"] += 1
            return state["issued"]

    def client() -> None:
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        while (n := take()) is not None:
            method, path, body, headers = mix[n % len(mix)]
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if resp.status != 200:
                        errors.append(f"{resp.status} on {method} {path[:80]}")
            except (OSError, http.client.HTTPException) as err:
                with lock:
                    errors.append(f"{type(err).__name__}: {err} on {method} {path[:80]}")
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "requests": state["issued"],
        "errors": len(errors),
        "error_samples": errors[:5],
        "skipped": skipped,
        "mix": len(mix),
        "clients": clients,
        "seconds": round(wall, 1),
        "p50_ms": round(percentile(ordered, 50) * 1000, 1),
        "p99_ms": round(percentile(ordered, 99) * 1000, 1),
        "per_second": round(len(latencies) / wall, 1) if wall else 0.0,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, port: int, *extra: str) -> subprocess.Popen:
    """`jwc serve --no-build` for the project at root, on 127.0.0.1:port; returns once it answers."""
    env = {k: v for k, v in os.environ.items() if k not in ("JWC_STORE", "JWC_DIST")}
    env["JWC_ROOT"] = str(root)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jwc_graph", "serve", "--no-build", "--host", "127.0.0.1", "--port", str(port), *extra],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jwc serve exited {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("jwc serve did not answer within 60 s")


def start_oxigraph(store: Path, port: int) -> subprocess.Popen:
    """`oxigraph serve-read-only` (the PyPI `oxigraph` CLI next to this Python) on the built store: its default
    graph is the store's own, the set union the build wrote, as jwc serves it."""
    binary = Path(sys.executable).with_name("oxigraph")
    cmd = [str(binary), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("oxigraph serve did not answer within 60 s")


def side_by_side(args) -> int:
    """The same catalogue queries, clients and time against `jwc serve` and `oxigraph serve`, one after the
    other; prints both and jwc's ratios (targets: throughput at least 0.8x, p99 at most 1.5x, no errors)."""
    results = {}
    for name in ("jwc", "oxigraph"):
        port = free_port()
        if name == "jwc":
            proc, path = start_server(args.root, port, *args.serve_args), "/sparql"
        else:
            proc, path = start_oxigraph(args.root / ".jwc" / "store", port), "/query"
        try:
            mix = query_mix(args.root / "queries", path)
            results[name] = run_load(
                f"http://127.0.0.1:{port}", args.clients, args.seconds, args.max_requests, budget=args.budget, mix=mix
            )
        finally:
            stop_server(proc)
    for name, res in results.items():
        print(
            f"{name:9} {res['requests']} requests from {res['clients']} clients in {res['seconds']} s "
            f"({res['per_second']}/s): p50 {res['p50_ms']} ms, p99 {res['p99_ms']} ms, errors {res['errors']}"
        )
        for sample in res["error_samples"]:
            print("  error:", sample)
    jwc, oxi = results["jwc"], results["oxigraph"]
    throughput, p99 = jwc["per_second"] / oxi["per_second"], jwc["p99_ms"] / oxi["p99_ms"]
    met = throughput >= 0.8 and p99 <= 1.5 and not jwc["errors"]
    print(
        f"jwc/oxigraph: throughput {throughput:.2f}x (target >= 0.8x), p99 {p99:.2f}x (target <= 1.5x): "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="a running server (loopback only); default: start one for --root")
    ap.add_argument("--root", type=Path, default=REPO, help="the project to serve (built with `jwc build`)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=20000)
    ap.add_argument("--budget", type=float, default=1.0, help="leave out requests slower than this alone (s)")
    ap.add_argument("--against-oxigraph", action="store_true", help="run the catalogue side by side with oxigraph")
    ap.add_argument(
        "--no-cache",
        dest="serve_args",
        action="store_const",
        const=["--no-cache"],
        default=[],
        help="start jwc serve without its answer cache (every request reaches a worker)",
    )
    ap.add_argument("--workers", type=int, help="start jwc serve with this many query workers (default: its own)")
    args = ap.parse_args(argv)
    if args.workers is not None:
        if args.url:
            ap.error("--workers sets the server this script starts: leave out --url, or start that server with it")
        args.serve_args = [*args.serve_args, "--workers", str(args.workers)]
    if args.against_oxigraph:
        return side_by_side(args)
    proc = None
    url = args.url
    if not url:
        port = free_port()
        proc = start_server(args.root, port, *args.serve_args)
        url = f"http://127.0.0.1:{port}"
    try:
        res = run_load(
            url, args.clients, args.seconds, args.max_requests, queries_dir=args.root / "queries", budget=args.budget
        )
    finally:
        if proc:
            stop_server(proc)
    print(
        f"{res['requests']} requests from {res['clients']} clients in {res['seconds']} s "
        f"({res['per_second']}/s): p50 {res['p50_ms']} ms, p99 {res['p99_ms']} ms, errors {res['errors']}"
    )
    print(f"  {res['mix']} distinct requests; left out as slow on their own: {', '.join(res['skipped']) or 'none'}")
    for sample in res["error_samples"]:
        print("  error:", sample)
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
