"""A slow submit validated on a read-only view and took the write lock only to accept, so a second submit could
commit in between unseen. Validation now runs on the store opened for writing, under its lock."""

from __future__ import annotations

from conftest import copy_project
from jwc_graph.build.pipeline import build
from jwc_graph.intake import check, ledger, submit


def test_validation_sees_the_store_the_submission_is_written_to(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    build(project)
    path = tmp_path / "one.ttl"
    path.write_text(
        "@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/jwc/id/org/lock-check> a jwc:NGO ; skos:prefLabel "Lock Check"@en .\n'
    )
    opened, validated_on = [], []
    open_writable, validate_files = ledger.open_writable, check.validate_files
    monkeypatch.setattr(ledger, "open_writable", lambda *a, **k: opened.append(open_writable(*a, **k)) or opened[-1])
    monkeypatch.setattr(
        check, "validate_files", lambda *a, **k: validated_on.append(k.get("store")) or validate_files(*a, **k)
    )
    done = submit.submit(project, [path], "a lock test", "tester")
    assert done.accepted and validated_on == opened, "validated on another view than the one written"
