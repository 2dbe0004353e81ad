"""An added altLabel "Tdh" on another organisation got a warning only, after which `jwc path Tdh UNODC` exited 2
("matches several entities"). An other name shared with another organisation is now a Violation
(jsh:SharedNameShape) unless one of them says jwc:sharesNameWith the other."""

from __future__ import annotations

PREFIXES = """@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix jo: <https://w3id.org/jwc/id/org/> .
"""


def test_a_borrowed_acronym_is_a_violation_and_a_declared_shared_one_is_not(built, tmp_path):
    from jwc_graph.intake import check

    borrowed = tmp_path / "borrowed.ttl"
    borrowed.write_text(PREFIXES + 'jo:unodc skos:altLabel "Tdh" .\n')
    report = check.validate_files(built, [borrowed])
    assert any(f.severity == "Violation" and f.shape == "jsh:SharedNameShape" for f in report.findings)
    shared = tmp_path / "shared.ttl"
    shared.write_text(PREFIXES + 'jo:unodc skos:altLabel "Tdh" ; jwc:sharesNameWith jo:tdh .\n')
    assert check.validate_files(built, [shared]).conforms
