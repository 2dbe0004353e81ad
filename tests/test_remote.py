"""`jwc push`: the graph pushed into a real Oxigraph server answers every catalogue query as the embedded store does.

The push sends the named graphs and the store's default graph, which is the set union of the named graphs
(rdf/default_graph.py), so a server without a union default graph of its own answers as the embedded store.
"""

from __future__ import annotations

import base64
import http.server
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import free_port, oxigraph_server
from remote_answers import COUNTS, canonical, comparable, graph_counts, remote_graph

from conftest import REPO, run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.sparql import catalogue, remote
from jwc_graph.sparql.clauses import query_form
from jwc_graph.sparql.credentials import Credentials
from jwc_graph.sparql.query import run, run_remote
from jwc_graph.sparql.remote import PushError

CATALOGUE = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))


def queries_dir(project) -> Path:
    return project.queries_dir if project.queries_dir.is_dir() else REPO / "queries"


def assert_same_graphs(store, query_url: str) -> None:
    """Same named graphs, same triple counts, and each graph isomorphic to the local one."""
    local = graph_counts(run(store, COUNTS))
    assert graph_counts(run_remote(query_url, COUNTS)) == local
    for g in local:
        mine = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        assert canonical(remote_graph(query_url, g)) == canonical(mine), f"graph {g} is not isomorphic"


# --- without a server -------------------------------------------------------------------------


def rdf_list(head: ox.BlankNode, items: list[ox.NamedNode]) -> list[ox.Triple]:
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    out, node = [], head
    for i, item in enumerate(items):
        nxt = ox.BlankNode() if i < len(items) - 1 else ox.NamedNode(rdf + "nil")
        out += [ox.Triple(node, ox.NamedNode(rdf + "first"), item), ox.Triple(node, ox.NamedNode(rdf + "rest"), nxt)]
        node = nxt
    return out


def test_batches_never_split_a_blank_node_structure():
    """An RDF list (10 linked blank nodes) stays in one INSERT DATA, whatever the batch size."""
    p = ox.NamedNode("http://example.org/p")
    head = ox.BlankNode()
    structure = [
        ox.Triple(ox.NamedNode("http://example.org/c"), p, head),
        *rdf_list(head, [ox.NamedNode(f"http://example.org/i{i}") for i in range(10)]),
    ]
    ground = [ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i))) for i in range(25)]
    other = ox.BlankNode()
    lone = [ox.Triple(other, p, ox.Literal("x")), ox.Triple(other, p, ox.Literal("y"))]
    triples = ground[:10] + structure[::2] + lone[:1] + ground[10:] + structure[1::2] + lone[1:]
    out = list(remote.batches(triples, 3))
    assert sorted(map(str, (t for b in out for t in b))) == sorted(map(str, triples))
    for node in (head, other):
        holding = [i for i, b in enumerate(out) for t in b if node in (t.subject, t.object)]
        assert len(set(holding)) == 1, f"{node} split across batches {sorted(set(holding))}"
    assert all(len(b) <= 3 for b in out if not any(isinstance(t.subject, ox.BlankNode) for t in b))


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/store", "127.0.0.1:7878/store", "file:///tmp/store", "http://"])
def test_not_an_http_url_is_refused_before_any_work(store, url):
    with pytest.raises(InputError, match="not an http"):
        remote.push(store, url)


def test_unreachable_store_is_a_clear_error(store):
    port = free_port()
    with pytest.raises(PushError) as err:
        remote.push(store, f"http://127.0.0.1:{port}/store")
    assert "cannot reach" in str(err.value) and "Connection refused" in str(err.value)
    assert err.value.exit_code == 2


def test_cli_unreachable_store_exits_2_with_one_line(built):
    proc = run_jwc("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    first, *rest = err.strip().splitlines()
    assert first.startswith("error:") and "cannot reach the store" in first and "Connection refused" in first
    assert all(line.startswith("  fix:") for line in rest), err


def test_cli_refuses_a_non_http_endpoint(built):
    proc = run_jwc("push", "--endpoint", "localhost:7878/store", cwd=built.root)
    assert proc.returncode == 2
    assert "not an http(s) URL" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_cli_user_without_the_password_variable_is_refused(built, monkeypatch):
    monkeypatch.delenv("JWC_PUSH_PASSWORD", raising=False)
    proc = run_jwc("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--user", "dba", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "JWC_PUSH_PASSWORD is not set" in err and "Traceback" not in err, err


class Gatekeeper:
    """A store on 127.0.0.1 that asks for Basic credentials (or none) and notes each request's Authorization."""

    def __init__(self, challenge: str | None):
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_HEAD(self):
                self.send_response(401 if challenge else 200)
                if challenge:
                    self.send_header("WWW-Authenticate", challenge)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_PUT(self):
                self.rfile.read(int(self.headers.get("content-length", 0)))
                seen.append(self.headers.get("Authorization"))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(
    "challenge, expected", [('Basic realm="store"', "Basic " + base64.b64encode(b"dba:s3cret").decode()), (None, None)]
)
def test_credentials_answer_the_stores_challenge(store, challenge, expected):
    """Basic credentials go with every request when the store asks for them, and nowhere when it does not."""
    gate = Gatekeeper(challenge)
    try:
        summary = remote.push(store, gate.url, credentials=Credentials("dba", "s3cret"))
    finally:
        gate.close()
    assert gate.seen == [expected] * summary.requests
    assert "s3cret" not in repr(Credentials("dba", "s3cret"))


def test_query_form_is_read_past_the_prologue_and_comments():
    """The form decides what a remote endpoint is asked for (Virtuoso sends the first type accepted, whatever the form)."""
    assert query_form("# ask\nPREFIX select: <http://ask/>\nCONSTRUCT WHERE { ?s select:p ?o }") == "construct"
    assert query_form("BASE <http://x/> ask { ?s ?p ?o }") == "ask"
    assert query_form('SELECT ("CONSTRUCT" AS ?x) {}') == "select"
    assert query_form("DESCRIBE <http://x/>") == "describe"
    assert query_form("INSERT DATA { <http://x/> <http://x/> 1 }") is None


# --- against a real Oxigraph server -----------------------------------------------------------


@pytest.fixture(scope="module")
def gsp(built, store, tmp_path_factory):
    """A server with the graph pushed through the Graph Store Protocol; yields (base URL, summary, messages)."""
    messages: list[str] = []
    with oxigraph_server(tmp_path_factory.mktemp("gsp") / "db") as base:
        summary = remote.push(store, f"{base}/store", progress=messages.append)
        yield base, summary, messages


@pytest.mark.slow
def test_gsp_push_keeps_every_named_graph_and_its_triples(gsp, store):
    base, summary, messages = gsp
    local = graph_counts(run(store, COUNTS))
    union = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert summary.graphs == len(local) and summary.triples == sum(local.values()) + union == len(store)
    assert summary.by_graph == {**local, "the default graph": union}
    for g, n in local.items():
        assert any(g in m and f"{n:,} triples" in m for m in messages), f"no progress message for {g}"
    assert summary.requests == len(local) + 1, "the Graph Store Protocol sends each graph as one request"
    assert_same_graphs(store, f"{base}/query")


@pytest.mark.slow
def test_pushed_ontology_graph_is_isomorphic(gsp, store):
    """The ontology's RDF lists (owl:unionOf, ...) are blank nodes: the pushed graph must be isomorphic."""
    base, *_ = gsp
    onto = "https://w3id.org/jwc/ontology"
    mine = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(onto))]
    assert any(isinstance(t.subject, ox.BlankNode) for t in mine), "the ontology graph has no blank nodes any more"
    assert canonical(remote_graph(f"{base}/query", onto)) == canonical(mine)


@pytest.mark.slow
def test_catalogue_is_not_empty(built):
    assert catalogue.load(queries_dir(built)), "no queries in queries/"


@pytest.mark.slow
@pytest.mark.parametrize("name", CATALOGUE)
def test_catalogue_query_answers_the_same_on_the_server(gsp, store, name):
    """Every catalogue query: same rows (as a multiset), same ASK boolean, isomorphic CONSTRUCT graph."""
    base, *_ = gsp
    text = catalogue.read(REPO / "queries" / f"{name}.rq").text
    here, there = run(store, text), run_remote(f"{base}/query", text)
    assert here.form == there.form
    # GROUP_CONCAT's order is the engine's to choose: its parts are compared as sorted lists
    assert comparable(there, text) == comparable(here, text), f"{name}: the server answers differently from the store"


@pytest.mark.slow
def test_pushing_again_replaces_instead_of_duplicating(store, tmp_path):
    """--add on an empty store, then the default replace: graphs end up equal to the local ones, blank nodes not doubled."""
    with oxigraph_server(tmp_path / "db") as base:
        added = remote.push(store, f"{base}/store", replace=False)
        assert added.triples == len(store)
        remote.push(store, f"{base}/store", replace=False)
        counts = graph_counts(run_remote(f"{base}/query", COUNTS))
        assert counts["https://w3id.org/jwc/ontology"] > added.by_graph["https://w3id.org/jwc/ontology"], (
            "a second POST adds fresh copies of the blank-node structures"
        )
        remote.push(store, f"{base}/store")
        assert_same_graphs(store, f"{base}/query")


@pytest.mark.slow
def test_sparql_update_push_in_small_batches(store, tmp_path):
    """--update: INSERT DATA in batches (100 triples here, to split every graph), then pushed again to replace."""
    messages: list[str] = []
    with oxigraph_server(tmp_path / "db") as base:
        summary = remote.push(store, f"{base}/update", use_update=True, batch=100, progress=messages.append)
        assert summary.triples == len(store) and summary.requests > summary.graphs
        assert any("triples sent" in m for m in messages), "no progress between batches"
        assert_same_graphs(store, f"{base}/query")
        again = remote.push(store, f"{base}/update", use_update=True)
        graphs = [*store.named_graphs(), ox.DefaultGraph()]
        per_graph = sum(
            max(
                1,
                len(
                    list(
                        remote.batches(
                            (
                                ox.Triple(q.subject, q.predicate, q.object)
                                for q in store.quads_for_pattern(None, None, None, g)
                            ),
                            remote.BATCH,
                        )
                    )
                ),
            )
            for g in graphs
        )
        assert again.requests == per_graph, "one request per graph (the default graph included) and batch of it"
        assert_same_graphs(store, f"{base}/query")


@pytest.mark.slow
def test_read_only_store_refuses_with_its_status_and_message(store, tmp_path):
    location = tmp_path / "db"
    with oxigraph_server(location):
        pass  # creates the database, which serve-read-only needs
    with oxigraph_server(location, read_only=True) as base:
        for url, kw in ((f"{base}/store", {}), (f"{base}/update", {"use_update": True})):
            with pytest.raises(PushError) as err:
                remote.push(store, url, **kw)
            text = str(err.value)
            assert "HTTP 403" in text and "read-only" in text, text
            assert "https://w3id.org/jwc/" in text, "the message must name the graph that failed"


@pytest.mark.slow
@pytest.mark.parametrize("path, update, status", [("/nope", False, "HTTP 404"), ("/store", True, "HTTP 415")])
def test_wrong_url_is_refused_with_a_hint(store, tmp_path, path, update, status):
    with oxigraph_server(tmp_path / "db") as base, pytest.raises(PushError) as err:
        remote.push(store, base + path, use_update=update)
    assert status in str(err.value) and err.value.fix, str(err.value)


@pytest.mark.slow
@pytest.mark.parametrize("args, path", [((), "/store"), (("--update",), "/update")])
def test_cli_push_prints_progress_and_a_summary(built, store, tmp_path, args, path):
    with oxigraph_server(tmp_path / "db") as base:
        proc = run_jwc("push", "--endpoint", base + path, *args, cwd=built.root)
        out, err = proc.stdout.decode(), proc.stderr.decode()
        assert proc.returncode == 0, err
        graphs = len(list(store.named_graphs()))
        said = f"pushed {graphs} named graphs and the default graph, {len(store):,} triples to {base}{path} in "
        assert said in out, out
        assert err.count("jwc: pushed https://w3id.org/jwc/") == graphs, err
        assert_same_graphs(store, f"{base}/query")
