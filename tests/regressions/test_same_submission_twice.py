"""The same file submitted three times was accepted three times, with no warning. A submission whose bytes are
already in the graph is refused unless --force (ledger.with_hash looks the hash up under the write lock)."""

from __future__ import annotations

import pytest

from conftest import copy_project
from jwc_graph.base.errors import InputError
from jwc_graph.build.pipeline import build
from jwc_graph.intake import submit


def test_a_second_identical_submission_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    build(project)
    path = tmp_path / "one.ttl"
    path.write_text(
        "@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/jwc/id/org/twice> a jwc:NGO ; skos:prefLabel "Twice"@en .\n'
    )
    first = submit.submit(project, [path], "first", "tester")
    assert first.accepted
    with pytest.raises(InputError, match=first.id):
        submit.submit(project, [path], "again", "tester")
