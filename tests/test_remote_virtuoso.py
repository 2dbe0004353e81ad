"""`jwc push` and `jwc query --endpoint` against a real Virtuoso (Debian's virtuoso-opensource-7), the store
behind large public SPARQL services: every catalogue query answers as it does on the embedded store.

The server is started here on a new database (tests/virtuoso_server.py) and the named graphs pushed through
/sparql-graph-crud-auth by a user with the SPARQL_UPDATE role, as on a real Virtuoso; not the default graph,
since Virtuoso's is the union of all its graphs already (and its Graph Store Protocol refuses another). Where Virtuoso differs, the
comparison says so rather than looking away:
- its `GRAPH ?g` also ranges over its own system graphs (virtrdf#, ...): graph counts compare the
  project's graphs, and the catalogue queries, which name what they look for, find nothing there;
- it stores an xsd:duration as a number ("P3D" becomes "259200.0"^^xsd:duration, "P4Y" becomes "48";
  openlink/virtuoso-opensource#936) and its SPARQL Update refuses one: graphs compare without those
  literals, and the loss itself is checked, so that a Virtuoso that keeps them makes this file fail;
- GROUP_CONCAT cells compare as their parts (tests/remote_answers.py says why).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from remote_answers import (
    COUNTS,
    canonical,
    comparable,
    concatenated,
    graph_counts,
    is_duration,
    remote_graph,
    without_durations,
)
from virtuoso_server import PASSWORD, USER, unavailable, virtuoso_server

from conftest import REPO, run_jwc
from jwc_graph.sparql import catalogue, remote
from jwc_graph.sparql.credentials import Credentials
from jwc_graph.sparql.query import run, run_remote
from jwc_graph.sparql.remote import PushError

CATALOGUE = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
# Virtuoso 7.2.5 answered three catalogue queries wrongly until they were rewritten on 2026-11-26
# (events-timeline, events-in-region, recorded-gaps: comments in each say how); none is excepted now.
ON_VIRTUOSO = CATALOGUE
PUSHER = Credentials(USER, PASSWORD)
PROJECT_GRAPHS = "https://w3id.org/jwc/"


def started(folder):
    """A Virtuoso server on a new database in `folder`; the test skips only when the installer could not obtain it."""
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    return virtuoso_server(folder)


@pytest.fixture(scope="module")
def virtuoso_base(tmp_path_factory):
    """A server shared by the tests that leave the pushed graph as they found it."""
    with started(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


@pytest.fixture(scope="module")
def pushed(virtuoso_base, store):
    """The named graphs pushed through the Graph Store Protocol with a login; (base URL, summary, messages)."""
    messages: list[str] = []
    url = f"{virtuoso_base}/sparql-graph-crud-auth"
    summary = remote.push(store, url, progress=messages.append, credentials=PUSHER, default_graph=False)
    return virtuoso_base, summary, messages


def assert_same_graphs_but_durations(store, base: str) -> None:
    """Every project graph on Virtuoso with its triple count, isomorphic to the local one but for xsd:duration
    values, which Virtuoso keeps only as numbers (same subjects and properties, other literals)."""
    local = graph_counts(run(store, COUNTS))
    there = graph_counts(run_remote(f"{base}/sparql", COUNTS))
    assert {g: n for g, n in there.items() if g.startswith(PROJECT_GRAPHS)} == local
    for g in local:
        mine = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        theirs = remote_graph(f"{base}/sparql", g)
        assert canonical(without_durations(theirs)) == canonical(without_durations(mine)), f"graph {g} differs"
        durations = lambda ts: sorted((str(t.subject), str(t.predicate), t.object.value) for t in ts if is_duration(t))
        here, stored = durations(mine), durations(theirs)
        assert [h[:2] for h in here] == [s[:2] for s in stored], f"graph {g}: durations lost or added"
        assert all(not value.startswith("P") for *_, value in stored), (
            f"Virtuoso now keeps xsd:duration as written ({stored}): drop the exception here and in README.md"
        )


@pytest.mark.slow
def test_gsp_push_with_a_login_keeps_every_named_graph(pushed, store):
    base, summary, messages = pushed
    local = graph_counts(run(store, COUNTS))
    assert summary.graphs == len(local) and summary.triples == sum(local.values()) and summary.by_graph == local
    assert summary.requests == len(local), "the Graph Store Protocol sends each graph as one request"
    assert all(any(g in m for m in messages) for g in local), "a progress message for every graph"
    assert_same_graphs_but_durations(store, base)
    others = set(graph_counts(run_remote(f"{base}/sparql", COUNTS))) - set(local)
    assert others and not any(g.startswith(PROJECT_GRAPHS) for g in others), "only Virtuoso's own graphs besides"


def test_the_comparison_allows_only_for_group_concat():
    """The cells compared as parts are exactly the GROUP_CONCAT ones, with their separators."""
    assert concatenated(catalogue.read(REPO / "queries" / "ipjj-members.rq").text) == {"roles": ", ", "sources": " "}
    assert concatenated(catalogue.read(REPO / "queries" / "world-congresses.rq").text) == {
        "yearsStated": ", ",
        "sources": ", ",
        "cities": ", ",
        "venues": ", ",
        "countries": ", ",
        "organisers": ", ",
        "statuses": ", ",
        "figures": "; ",
    }
    assert concatenated(catalogue.read(REPO / "queries" / "sources.rq").text) == {}


@pytest.mark.slow
@pytest.mark.parametrize("name", ON_VIRTUOSO)
def test_catalogue_query_answers_the_same_on_virtuoso(pushed, store, name):
    """Every catalogue query through `--endpoint`'s code: same rows (a multiset), ASK boolean, CONSTRUCT graph."""
    base, *_ = pushed
    text = catalogue.read(REPO / "queries" / f"{name}.rq").text
    here, there = run(store, text), run_remote(f"{base}/sparql", text)
    assert there.form == here.form
    if here.form == "select":
        assert here.rows(), f"{name} has no answer here to compare"
    assert comparable(there, text) == comparable(here, text), f"{name}: Virtuoso answers differently"


@pytest.mark.slow
def test_cli_query_endpoint_on_virtuoso(pushed, built, store):
    """`jwc query --endpoint` as a user runs it: an ASK (Virtuoso answers it as a one-cell table) and a SELECT."""
    base, *_ = pushed
    ask = run_jwc("query", "--name", "is-tdh-in-ipjj", "--endpoint", f"{base}/sparql", "-f", "json", cwd=built.root)
    assert ask.returncode == 0, ask.stderr.decode()
    assert b'"boolean":true' in ask.stdout.replace(b" ", b"")
    rows = run_jwc("query", "--name", "world-congresses", "--endpoint", f"{base}/sparql", "-f", "csv", cwd=built.root)
    assert rows.returncode == 0, rows.stderr.decode()
    lines = rows.stdout.decode().strip().splitlines()
    local = run(store, catalogue.read(REPO / "queries" / "world-congresses.rq").text).rows()
    assert lines[0].startswith("congress,year,") and len(lines) == 1 + len(local), lines


@pytest.mark.slow
def test_cli_push_logs_in_with_the_password_from_the_environment(virtuoso_base, built, store, monkeypatch):
    monkeypatch.setenv("JWC_PUSH_PASSWORD", PASSWORD)
    url = f"{virtuoso_base}/sparql-graph-crud-auth"
    proc = run_jwc("push", "--endpoint", url, "--user", USER, "--no-default-graph", cwd=built.root)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 0, err
    local = graph_counts(run(store, COUNTS))
    assert f"pushed {len(local)} named graphs, {sum(local.values()):,} triples to {url}" in out, out
    assert PASSWORD not in out.replace(url, "") + err.replace(url, "")
    assert_same_graphs_but_durations(store, virtuoso_base)


@pytest.mark.slow
def test_a_default_graph_is_refused_with_a_hint(virtuoso_base, store):
    """Virtuoso's default graph is the union of all its graphs, and its Graph Store Protocol takes no other."""
    with pytest.raises(PushError) as err:
        remote.push(store, f"{virtuoso_base}/sparql-graph-crud-auth", credentials=PUSHER)
    assert "the store refused the default graph" in str(err.value) and "--no-default-graph" in err.value.fix


@pytest.mark.slow
def test_push_without_a_login_is_refused_with_a_hint(virtuoso_base, store):
    """Virtuoso's anonymous endpoints only read (403); its -auth ones ask who is writing (401)."""
    with pytest.raises(PushError) as err:
        remote.push(store, f"{virtuoso_base}/sparql-graph-crud")
    assert "HTTP 403" in str(err.value) and "/sparql-graph-crud-auth" in err.value.fix
    for who in (None, Credentials(USER, "not the password")):
        with pytest.raises(PushError) as err:
            remote.push(store, f"{virtuoso_base}/sparql-graph-crud-auth", credentials=who)
        assert "HTTP 401" in str(err.value) and "--user" in err.value.fix and "JWC_PUSH_PASSWORD" in err.value.fix


@pytest.mark.slow
def test_sparql_update_push_with_blank_nodes_in_small_batches(virtuoso_base, store):
    """--update at /sparql-auth: Virtuoso refuses blank nodes in INSERT DATA, so they go as INSERT ... WHERE {};
    the ontology's and shapes' RDF lists and restrictions arrive intact, and a second push replaces the first."""
    graphs = [ox.NamedNode("https://w3id.org/jwc/ontology"), ox.NamedNode("https://w3id.org/jwc/shapes")]
    part = ox.Store()
    part.extend(q for g in graphs for q in store.quads_for_pattern(None, None, None, g))
    assert any(isinstance(q.subject, ox.BlankNode) for q in part), "the ontology and shapes have no blank nodes"
    url = f"{virtuoso_base}/sparql-auth"
    summary = remote.push(part, url, use_update=True, batch=100, credentials=PUSHER)
    assert summary.triples == len(part) and summary.requests > summary.graphs
    remote.push(part, url, use_update=True, credentials=PUSHER)
    for g in graphs:
        mine = [q.triple for q in part.quads_for_pattern(None, None, None, g)]
        assert canonical(remote_graph(f"{virtuoso_base}/sparql", g.value)) == canonical(mine), f"{g} differs"


@pytest.mark.slow
def test_sparql_update_refusal_of_a_duration_names_the_graph(store, tmp_path):
    """Virtuoso's SPARQL Update cannot take xsd:duration (README: push to Virtuoso with the Graph Store Protocol).
    On a server of its own: the graphs before the refused one are already replaced."""
    with started(tmp_path / "virtuoso") as base, pytest.raises(PushError) as err:
        remote.push(store, f"{base}/sparql-auth", use_update=True, credentials=PUSHER)
    text = str(err.value)
    assert "xsd:duration" in text and "https://w3id.org/jwc/id/source/" in text, text
