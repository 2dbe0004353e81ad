"""Attacks on what enters the graph: a source URL that broke the build, two submits racing past validation, the
same file accepted three times, a 50 MB literal."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from starlette.testclient import TestClient

from conftest import run_jwc
from jwc_graph.rdf.store import open_store
from jwc_graph.web.app import create_app

pytestmark = pytest.mark.slow

HEAD = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def org(slug: str, name: str) -> str:
    return HEAD + f'<https://w3id.org/jwc/id/org/{slug}> a jwc:NGO ; skos:prefLabel "{name}"@en .\n'


@pytest.fixture
def project(fresh):
    run_jwc("build", cwd=fresh.root, check=True)
    return fresh


def test_a_source_url_with_reserved_characters_is_stored_encoded_and_the_graph_still_builds_and_serves(project):
    (project.root / "new.ttl").write_text(org("pipe-test", "Pipe Test Organisation"))
    sub = run_jwc("submit", "new.ttl", "--source", "https://www.example.org/report?ids=3|4", cwd=project.root)
    assert sub.returncode == 0, sub.stderr.decode()
    stored = next((project.root / "data" / "submissions").glob("*.trig")).read_text()
    assert '"https://www.example.org/report?ids=3%7C4"^^xsd:anyURI' in stored
    build = run_jwc("build", "--force", cwd=project.root)
    assert build.returncode == 0, build.stderr.decode()
    with TestClient(create_app(project, workers=1)) as c:
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_a_source_that_only_looks_like_a_url_is_refused_before_anything_is_stored(project):
    (project.root / "new.ttl").write_text(org("space-test", "Space Test Organisation"))
    sub = run_jwc("submit", "new.ttl", "--source", "https://exa mple.org/report", cwd=project.root)
    err = sub.stderr.decode()
    assert sub.returncode == 2 and "not a valid one" in err and "Traceback" not in err
    assert not list((project.root / "data" / "submissions").glob("*.trig"))


def test_a_url_stored_before_the_fix_makes_a_warning_not_a_failed_build(project):
    """A submission file written by the old code (a raw `|` typed xsd:anyURI) must not stop `jwc build`."""
    (project.root / "new.ttl").write_text(org("old-url", "Old URL Organisation"))
    run_jwc("submit", "new.ttl", "--source", "https://www.example.org/r?ids=3|4", cwd=project.root, check=True)
    path = next((project.root / "data" / "submissions").glob("*.trig"))
    path.write_text(path.read_text().replace("3%7C4", "3|4"))
    build = run_jwc("build", "--force", cwd=project.root)
    assert build.returncode == 0, build.stderr.decode()
    report = (project.dist_dir / "validation.txt").read_text()
    assert "is not a valid URI" in report and "3|4" in report


def test_two_submits_racing_are_serialised_and_the_second_sees_the_first(project):
    """The slow submit holds the write lock from validation to acceptance (held 2 s after validating by a
    failpoint); the fast one waits, then validates against the store with the slow one's facts: two sources
    naming one record differently is a disagreement, reported, and the graph still builds."""
    root = project.root
    (root / "slow.ttl").write_text(org("race-org", "Race Organisation, as the slow submit names it"))
    (root / "fast.ttl").write_text(org("race-org", "Race Organisation, as the fast submit names it"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JWC_")}
    cmd = [sys.executable, "-m", "jwc_graph", "submit", "--source", "race test"]
    slow = subprocess.Popen(
        [*cmd, "slow.ttl"], cwd=root, env=env | {"JWC_FAILPOINT": "slow:validated"}, stderr=subprocess.PIPE
    )
    time.sleep(1.0)  # the slow one is validating (or holding the lock after validation)
    fast = subprocess.run([*cmd, "fast.ttl"], cwd=root, env=env, capture_output=True, timeout=120)
    slow.wait(120)
    assert slow.returncode == 0, slow.stderr.read().decode()
    said = fast.stdout.decode() + fast.stderr.decode()
    assert fast.returncode == 0, said
    assert "as the slow submit names it" in said, "the second submit validated without the first one's facts"
    build = run_jwc("build", "--force", cwd=root)
    assert build.returncode == 0, build.stderr.decode()


def test_the_same_file_is_accepted_once_unless_forced(project):
    (project.root / "same.ttl").write_text(org("same-file-org", "Same File Organisation"))
    first = run_jwc("submit", "same.ttl", "--source", "first", cwd=project.root)
    again = run_jwc("submit", "same.ttl", "--source", "second", cwd=project.root)
    assert first.returncode == 0, first.stderr.decode()
    assert again.returncode == 2 and "already accepted as submission" in again.stderr.decode()
    assert len(list((project.root / "data" / "submissions").glob("*.trig"))) == 1
    time.sleep(1.1)  # ids carry the second; a forced resubmission in the same second would clash
    forced = run_jwc("submit", "same.ttl", "--source", "third", "--force", cwd=project.root)
    assert forced.returncode == 0, forced.stderr.decode()


def test_a_fifty_megabyte_literal_is_a_clear_error_not_an_internal_one(project, tmp_path):
    big = tmp_path / "big.ttl"
    with big.open("w") as fh:
        fh.write(HEAD + '<https://w3id.org/jwc/id/org/big> a jwc:NGO ; skos:prefLabel "Big"@en ; skos:note "')
        fh.write("x" * (48 * 1024 * 1024))
        fh.write('" .\n')
    for command in (["validate", str(big)], ["submit", str(big), "--source", "big"]):
        proc = run_jwc(*command, cwd=project.root)
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert "big.ttl" in err and "over 16 MB" in err and "internal error" not in err
    store = open_store(project.store_dir)
    assert not list(store.named_graphs()) or all("submission/" not in g.value for g in store.named_graphs())
