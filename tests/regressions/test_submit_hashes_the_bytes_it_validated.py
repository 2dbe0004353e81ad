"""`jwc submit` recorded the hash of a second read of the files, not of the bytes it had validated.

If a file changed between validation and acceptance, the PROV record named a hash of content nobody
checked. The submit step (jwc_graph.intake.submit) now hashes the bytes read once and validated.
"""

from __future__ import annotations

import hashlib

from conftest import copy_project
from jwc_graph.build.pipeline import build
from jwc_graph.intake import check, ledger, submit

TURTLE = """@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/jwc/id/org/hash-check-ngo> a jwc:NGO ; skos:prefLabel "Hash Check NGO"@en ;
    dcterms:description "A test NGO."@en .
"""


def test_the_recorded_hash_is_of_the_validated_bytes(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    build(project)
    path = tmp_path / "partner.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    validated = path.read_bytes()
    original = check.validate_files

    def validate_then_change_the_file(*args, **kwargs):
        report = original(*args, **kwargs)
        path.write_text(TURTLE + "# changed after validation\n", encoding="utf-8")
        return report

    monkeypatch.setattr(check, "validate_files", validate_then_change_the_file)
    done = submit.submit(project, [path], "https://example.org/list", "a steward")
    assert done.accepted
    (record,) = ledger.listing(project)
    assert record.sha256 == hashlib.sha256(validated).hexdigest()
    assert record.sha256 != hashlib.sha256(path.read_bytes()).hexdigest()
