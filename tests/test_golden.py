"""Golden files: the dataset description and a validation report, compared with what was reviewed, as RDF graphs.

The comparison is graph isomorphism (blank-node labels and statement order do not matter), as LinkML's
snapshot tests do. When a change to the data, shapes or code changes them on purpose, regenerate them with
`.venv/bin/python -m pytest tests/test_golden.py --update-golden` and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from conftest import REPO, run_jwc

GOLDEN = REPO / "tests" / "golden"
BAD_SUBMISSION = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix voc: <https://w3id.org/jwc/vocab/> .

<https://w3id.org/jwc/id/org/golden-network> a jwc:NGO ;
    skos:prefLabel "Golden Justice Network"@en , "Another preferred name"@en ;
    schema:foundingDate "nineteen"^^xsd:gYear .
<https://w3id.org/jwc/id/membership/golden-network-ipjj> a org:Membership ;
    org:member <https://w3id.org/jwc/id/org/golden-network> ;
    org:organization <https://w3id.org/jwc/id/org/no-such-panel> ;
    org:role voc:role-member .
"""


def compare(made: bytes, golden: Path, fmt: str, request) -> None:
    """Fail with the statements added and removed when `made` is not isomorphic to the golden file."""
    if request.config.getoption("--update-golden"):
        golden.write_bytes(made)
        return
    assert golden.is_file(), f"{golden.relative_to(REPO)} is missing: run pytest tests/test_golden.py --update-golden"
    got, want = rdflib.Graph().parse(data=made, format=fmt), rdflib.Graph().parse(golden, format=fmt)
    if to_isomorphic(got) == to_isomorphic(want):
        return
    _both, only_new, only_golden = graph_diff(to_isomorphic(got), to_isomorphic(want))
    lines = [f"+ {' '.join(t.n3() for t in s)}" for s in sorted(only_new)][:20]
    lines += [f"- {' '.join(t.n3() for t in s)}" for s in sorted(only_golden)][:20]
    pytest.fail(
        f"{golden.relative_to(REPO)} differs from what the code makes now (+ new, - golden):\n"
        + "\n".join(lines)
        + "\nIf the change is intended, run `.venv/bin/python -m pytest tests/test_golden.py --update-golden` "
        "and review the diff."
    )


def test_the_dataset_description_is_the_reviewed_one(built, request):
    compare((built.dist_dir / "void.ttl").read_bytes(), GOLDEN / "void.ttl", "turtle", request)


def test_a_validation_report_is_the_reviewed_one(built, tmp_path, request):
    bad = tmp_path / "golden-submission.ttl"
    bad.write_text(BAD_SUBMISSION, encoding="utf-8")
    proc = run_jwc("validate", str(bad), "--format", "turtle", cwd=built.root)
    assert proc.returncode == 1, proc.stderr.decode()
    compare(proc.stdout, GOLDEN / "validation-report.ttl", "turtle", request)
