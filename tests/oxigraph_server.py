"""Start a real Oxigraph SPARQL server (the PyPI `oxigraph` CLI) on a free loopback port, for push tests."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_it_answers(proc: subprocess.Popen, endpoint: str, name: str, wait: float, output) -> None:
    """Poll the SPARQL endpoint with `ASK {}` until it answers; a server that exits or stays silent past `wait`
    seconds is a RuntimeError with what it printed (`output()`)."""
    deadline = time.monotonic() + wait
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited {proc.returncode}: {output()}")
        try:
            with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2) as resp:
                resp.read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer on {endpoint} within {wait} s") from None
            time.sleep(0.1)


def stop(proc: subprocess.Popen, wait: float) -> None:
    """Ask the server to stop; kill it if it has not within `wait` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def oxigraph_server(
    location: Path, read_only: bool = False, union_default_graph: bool = False, wait: float = 30.0
) -> Iterator[str]:
    """Run `oxigraph serve` (or `serve-read-only`) on `location`; yields its base URL, stops it at the end."""
    location.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    cmd = [
        str(OXIGRAPH),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if union_default_graph:
        cmd.append("--union-default-graph")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_it_answers(proc, f"{base}/query", "oxigraph", wait, lambda: proc.stderr.read().decode())
        yield base
    finally:
        stop(proc, wait=10)
        proc.stderr.close()
