"""Shared fixtures: a copy of the project built once per session, and helpers to run `jwc` for real."""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from jwc_graph.base.project import Project
from jwc_graph.build.pipeline import build
from jwc_graph.rdf.store import open_store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files in tests/golden/ from what the code makes now (then review the diff)",
    )


def copy_project(dest: Path) -> Project:
    """A copy of the project's inputs (ontology/, shapes/, data/, queries/) in `dest`, to build or break freely."""
    for folder in ("ontology", "shapes", "data", "queries"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    return Project(dest)


def run_jwc(*args: str, cwd: Path, check: bool = False, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real `jwc` command in a subprocess, as a user would (`stdin`: what is piped in)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JWC_ROOT", "JWC_STORE", "JWC_DIST", "JWC_DEBUG")}
    proc = subprocess.run(
        [sys.executable, "-m", "jwc_graph", *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=300
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"jwc {' '.join(args)} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return proc


def _benchmark_module(name: str):
    """A script in benchmarks/ imported as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The load-test script, whose helpers start and stop a real `jwc serve` on a free loopback port.
load_sparql = _benchmark_module("load_sparql")


@pytest.fixture(scope="module")
def live_server(built):
    """`jwc serve --no-build` in a subprocess on a free loopback port; stopped after the module."""
    port = load_sparql.free_port()
    proc = load_sparql.start_server(built.root, port, "--timeout", "20")
    yield f"http://127.0.0.1:{port}"
    load_sparql.stop_server(proc)
    assert proc.returncode is not None


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The project's own graph, built once into a temporary copy."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    build(project)
    return project


class Listener:
    """A SPARQL endpoint on 127.0.0.1 that notes the path of every request it gets and answers one row: it
    proves whether a request left the server (SERVICE tests). `row` is the row it answers, as Results JSON."""

    def __init__(self):
        hits = self.hits = []
        self.row = {"x": {"type": "literal", "value": "from the remote endpoint"}}
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.reply()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length", 0)))
                self.reply()

            def reply(self):
                hits.append(self.path)
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [listener.row]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "/sparql") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    """A local listener that records requests (see Listener)."""
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="session")
def store(built) -> ox.Store:
    return open_store(built.store_dir)


@pytest.fixture(scope="module")
def client(built):
    """The web application on the built graph, through Starlette's test client (one query worker)."""
    from starlette.testclient import TestClient

    from jwc_graph.web.app import create_app

    with TestClient(create_app(built, workers=1)) as c:
        yield c


@pytest.fixture
def fresh(tmp_path) -> Project:
    """An unbuilt copy of the project for tests that change or break its files."""
    return copy_project(tmp_path)


def ask(store: ox.Store, query: str) -> bool:
    from jwc_graph.base.namespaces import sparql_prefixes

    return bool(store.query(sparql_prefixes() + query))


def select(store: ox.Store, query: str, **kw) -> list[dict]:
    from jwc_graph.base.namespaces import sparql_prefixes

    res = store.query(sparql_prefixes() + query, **kw)
    return [{v.value: (s[v].value if s[v] is not None else None) for v in res.variables} for s in res]
