"""`jwc submit` and `jwc submissions`: validated facts enter as a new named graph with PROV, atomically,
and can be listed, shown and reverted; a rejected or interrupted submit leaves the store before or after."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from conftest import run_jwc
from jwc_graph.rdf.store import open_store

pytestmark = pytest.mark.slow

SUB = "https://w3id.org/jwc/id/submission/"
HEAD = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix voc: <https://w3id.org/jwc/vocab/> .
"""


def organisations(n: int, start: int = 0) -> str:
    """n new NGOs, each a member of the Child Justice Advocacy Group: 7 triples each."""
    out = [HEAD]
    for i in range(start, start + n):
        out.append(f"""<https://w3id.org/jwc/id/org/submitted-ngo-{i}> a jwc:NGO ;
    skos:prefLabel "Submitted NGO number {i}"@en ; dcterms:description "A test NGO."@en .
<https://w3id.org/jwc/id/membership/submitted-ngo-{i}-cjag> a org:Membership ;
    org:member <https://w3id.org/jwc/id/org/submitted-ngo-{i}> ; org:organization <https://w3id.org/jwc/id/org/cjag> ;
    org:role voc:role-member .
""")
    return "".join(out)


def submission_counts(project) -> dict[str, int]:
    """Triples per submission graph in the store, read as any reader would."""
    store = open_store(project.store_dir)
    rows = store.query(f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
                          FILTER(STRSTARTS(STR(?g), "{SUB}")) }} GROUP BY ?g""")
    counts = {r["g"].value[len(SUB) :]: int(r["n"].value) for r in rows}
    del store
    return counts


@pytest.fixture
def project(fresh):
    run_jwc("build", cwd=fresh.root, check=True)
    return fresh


def test_submit_stores_a_new_graph_with_its_prov_record_and_revert_removes_it(project):
    before_graphs = len(list(open_store(project.store_dir).named_graphs())) - 1  # not the dataset's description
    path = project.root / "partners.ttl"
    path.write_text(organisations(2))
    proc = run_jwc(
        "submit", "partners.ttl", "--source", "https://example.org/partners", "--submitter", "Ana", cwd=project.root
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert "accepted as submission" in proc.stdout.decode()
    ((sid, n),) = submission_counts(project).items()
    assert n == 14 + 2 * 2, "the 14 triples submitted, and ORG's two shortcuts for each of the 2 memberships"
    store = open_store(project.store_dir)
    record = {
        r["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: r["o"].value
        for r in store.query(
            f"SELECT ?p ?o WHERE {{ GRAPH <https://w3id.org/jwc/id/graph/catalogue> {{ <{SUB}{sid}> ?p ?o }} }}"
        )
    }
    del store
    assert record["title"] == record["url"] == "https://example.org/partners"
    assert record["submitter"] == "Ana" and record["originalFile"] == "partners.ttl"
    assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record["generatedAtTime"].endswith("Z")

    listed = json.loads(run_jwc("submissions", "list", "--format", "json", cwd=project.root, check=True).stdout)
    assert [s["id"] for s in listed] == [sid] and listed[0]["triples"] == 14
    table = run_jwc("submissions", "list", cwd=project.root, check=True).stdout.decode()  # piped, as to a file
    assert any(sid in line for line in table.splitlines()), f"the ID {sid} is not printed whole on one line"
    shown = run_jwc("submissions", "show", sid, cwd=project.root, check=True).stdout.decode()
    assert "Submitted NGO number 1" in shown and "Ana" in shown

    rebuilt = run_jwc("build", cwd=project.root, check=True).stdout.decode()
    graphs = int(re.search(r"in (\d+) named graphs", rebuilt).group(1))
    assert "0 violations" in rebuilt and graphs == before_graphs + 1, "the build keeps accepted submissions"
    assert submission_counts(project) == {sid: 18}, "the store after the build is the store after the submit"

    reverted = run_jwc("submissions", "revert", sid, cwd=project.root)
    assert reverted.returncode == 0 and "14 triples removed" in reverted.stdout.decode()
    assert submission_counts(project) == {}
    assert not list(project.submissions_dir.glob("*.trig"))
    assert run_jwc("submissions", "revert", sid, cwd=project.root).returncode == 2


def test_submission_with_a_violation_changes_nothing(project):
    before = sorted(str(q) for q in open_store(project.store_dir))
    (project.root / "bad.ttl").write_text(organisations(1).replace('skos:prefLabel "Submitted NGO number 0"@en ;', ""))
    proc = run_jwc("submit", "bad.ttl", "--source", "test", cwd=project.root)
    assert proc.returncode == 1
    assert "was not stored" in proc.stderr.decode() and "preferred name" in proc.stdout.decode()
    assert sorted(str(q) for q in open_store(project.store_dir)) == before
    assert not project.submissions_dir.exists() or not list(project.submissions_dir.iterdir())


def test_unparseable_submission_exits_2_and_changes_nothing(project):
    before = sorted(str(q) for q in open_store(project.store_dir))
    (project.root / "broken.ttl").write_text(
        HEAD + '<https://w3id.org/jwc/id/org/x> a jwc:NGO ; skos:prefLabel "unterminated .\n'
    )
    proc = run_jwc("submit", "broken.ttl", "--source", "test", cwd=project.root)
    assert proc.returncode == 2 and "broken.ttl:6:" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert sorted(str(q) for q in open_store(project.store_dir)) == before


def _submit_process(project, name):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JWC_")}
    return subprocess.Popen(
        [sys.executable, "-m", "jwc_graph", "submit", name, "--source", "kill test"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killed_submit_leaves_the_store_before_or_after_never_between(project):
    (project.root / "big.ttl").write_text(organisations(500))  # 3,500 triples, 4,500 with ORG's shortcuts
    seen = set()
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0):
        proc = _submit_process(project, "big.ttl")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts = submission_counts(project)
        assert all(n == 4500 for n in counts.values()), f"a half-written submission after a kill at {delay}s: {counts}"
        # Any submissions command reconciles files and store: afterwards they agree.
        run_jwc("submissions", "list", cwd=project.root, check=True)
        files = {p.stem for p in project.submissions_dir.glob("*.trig")} if project.submissions_dir.exists() else set()
        assert set(submission_counts(project)) == files
        assert not list(project.submissions_dir.glob(".*.tmp")) if project.submissions_dir.exists() else True
        seen.add(len(files))
        for sid in files:
            run_jwc("submissions", "revert", sid, cwd=project.root, check=True)
    assert 0 in seen, "some kill should have landed before the commit point"


def test_death_right_after_the_commit_point_is_repaired_forward(project):
    (project.root / "one.ttl").write_text(organisations(1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JWC_")} | {"JWC_FAILPOINT": "after-file"}
    proc = subprocess.run(
        [sys.executable, "-m", "jwc_graph", "submit", "one.ttl", "--source", "x"],
        cwd=project.root,
        env=env,
        capture_output=True,
    )
    assert proc.returncode == 137
    assert submission_counts(project) == {}, "the store is still before"
    (sid,) = [p.stem for p in project.submissions_dir.glob("*.trig")]
    repaired = run_jwc("submissions", "list", cwd=project.root, check=True)
    assert f"applied {sid}" in repaired.stderr.decode()
    assert submission_counts(project) == {sid: 7 + 2}, "and then after, whole (with its membership's shortcuts)"


def test_a_second_writer_gets_a_clear_error(project):
    (project.root / "one.ttl").write_text(organisations(1))
    holder = ox.Store(str(project.store_dir))  # another process... here: this one, holding the write lock
    try:
        proc = run_jwc("submit", "one.ttl", "--source", "x", "--wait", "0.5", cwd=project.root)
    finally:
        del holder
    assert proc.returncode == 2
    assert "busy" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert not list(project.submissions_dir.glob("*.trig")) if project.submissions_dir.exists() else True


def test_a_running_server_answers_from_the_store_as_submit_and_revert_leave_it(project):
    """No restart needed: the query workers reopen the store when a submission changes it."""
    from starlette.testclient import TestClient

    from jwc_graph.web.app import create_app

    ask = {"query": "ASK { <https://w3id.org/jwc/id/org/submitted-ngo-0> a jwc:NGO }"}
    (project.root / "one.ttl").write_text(organisations(1))
    with TestClient(create_app(project, workers=1)) as client:
        assert (
            client.get("/sparql", params=ask, headers={"Accept": "application/sparql-results+json"}).json()["boolean"]
            is False
        )
        assert client.get("/id/org/submitted-ngo-0").status_code == 404
        assert run_jwc("submit", "one.ttl", "--source", "x", cwd=project.root).returncode == 0
        assert (
            client.get("/sparql", params=ask, headers={"Accept": "application/sparql-results+json"}).json()["boolean"]
            is True
        )
        page = client.get("/id/org/submitted-ngo-0", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Submitted NGO number 0" in page.text
        (sid,) = submission_counts(project)
        assert run_jwc("submissions", "revert", sid, cwd=project.root).returncode == 0
        assert (
            client.get("/sparql", params=ask, headers={"Accept": "application/sparql-results+json"}).json()["boolean"]
            is False
        )
