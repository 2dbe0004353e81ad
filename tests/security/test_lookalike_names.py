"""Attack: pass off a record as another organisation with a name that only looks the same, or take another
organisation's acronym so that lookups by that name become ambiguous (`jwc path Tdh UNODC` exited 2)."""

from __future__ import annotations

import pytest

from conftest import run_jwc

pytestmark = pytest.mark.slow

HEAD = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix jo: <https://w3id.org/jwc/id/org/> .
"""


@pytest.fixture
def project(fresh):
    run_jwc("build", cwd=fresh.root, check=True)
    return fresh


@pytest.mark.parametrize(
    "name",
    [
        "Terr\u0435 des hommes",  # a Cyrillic small ie
        "Terre\u200b des hommes",  # a zero-width space
        "\uff34erre des hommes",  # a fullwidth T
        "TERRE DES HOMMES",
    ],
)
def test_a_name_that_looks_like_an_existing_one_is_flagged(project, tmp_path, name):
    path = tmp_path / "lookalike.ttl"
    path.write_text(HEAD + f'jo:lookalike a jwc:NGO ; skos:prefLabel "{name}"@en .\n', encoding="utf-8")
    proc = run_jwc("validate", str(path), cwd=project.root)
    out = proc.stdout.decode()
    assert "Warning" in out and "jo:tdh" in out and "may be the same organisation" in out, out


def test_another_organisations_acronym_is_refused_and_lookups_stay_unambiguous(project, tmp_path):
    path = tmp_path / "acronym.ttl"
    path.write_text(HEAD + 'jo:unodc skos:altLabel "Tdh" .\n')
    proc = run_jwc("submit", str(path), "--source", "an acronym test", cwd=project.root)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 1 and "Violation" in out and "jo:tdh" in out, out
    path_proc = run_jwc("path", "Tdh", "UNODC", cwd=project.root)
    assert path_proc.returncode == 0, path_proc.stderr.decode()


def test_a_look_alike_acronym_is_refused_too(project, tmp_path):
    path = tmp_path / "acronym.ttl"
    path.write_text(HEAD + 'jo:unodc skos:altLabel "\u0422dh" .\n', encoding="utf-8")  # a Cyrillic capital te
    proc = run_jwc("validate", str(path), cwd=project.root)
    assert proc.returncode == 1 and "jo:tdh" in proc.stdout.decode()


def test_a_name_marked_as_shared_is_accepted(project, tmp_path):
    path = tmp_path / "shared.ttl"
    path.write_text(HEAD + 'jo:unodc skos:altLabel "Tdh" ; jwc:sharesNameWith jo:tdh .\n')
    proc = run_jwc("validate", str(path), cwd=project.root)
    assert proc.returncode == 0, proc.stdout.decode()
