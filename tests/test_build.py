"""`jwc build` as a user runs it: outputs, re-runs, and what a broken file does (and does not) change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_jwc
from jwc_graph.base.project import Project

pytestmark = pytest.mark.slow


def snapshot(project: Project) -> dict[str, str]:
    """Hashes of every file of the store and of dist/, to prove a failed build touched nothing."""
    out = {}
    for folder in (project.store_dir, project.dist_dir):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out[str(path.relative_to(project.root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def built_copy(fresh) -> Project:
    run_jwc("build", cwd=fresh.root, check=True)
    return fresh


def test_build_writes_store_exports_and_summary(fresh):
    proc = run_jwc("build", cwd=fresh.root)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "jwc-graph built" in out and "0 violations" in out and "consistent" in out
    assert (fresh.store_dir).is_dir()
    for name in (
        "jwc.trig",
        "jwc.nq",
        "jwc.ttl",
        "jwc.jsonld",
        "context.jsonld",
        "void.ttl",
        "validation.txt",
        "SHA256SUMS",
    ):
        assert (fresh.dist_dir / name).stat().st_size > 0, f"dist/{name} missing or empty"
    assert "parsing data/003-crin-juvenile-justice.trig" in proc.stderr.decode(), "progress is shown"


def test_rebuild_with_nothing_changed_is_skipped_and_forced_rebuild_is_identical(built_copy):
    before = snapshot(built_copy)
    dist_before = {k: v for k, v in before.items() if k.startswith("dist/")}
    again = run_jwc("build", cwd=built_copy.root, check=True)
    assert "up to date" in again.stdout.decode()
    assert snapshot(built_copy) == before
    run_jwc("build", "--force", cwd=built_copy.root, check=True)
    after = {k: v for k, v in snapshot(built_copy).items() if k.startswith("dist/")}
    assert after == dist_before, "a forced rebuild of unchanged inputs must give byte-identical exports"


def test_changed_input_is_rebuilt(built_copy):
    data = built_copy.data_dir / "003-crin-juvenile-justice.trig"
    data.write_text(
        data.read_text().replace('skos:prefLabel "Vivere" .', 'skos:prefLabel "Vivere" ; skos:altLabel "VIVERE" .')
    )
    proc = run_jwc("build", cwd=built_copy.root, check=True)
    assert "jwc-graph built" in proc.stdout.decode()
    assert '"VIVERE"' in (built_copy.dist_dir / "jwc.trig").read_text()


def _break(project: Project, name: str, old: str, new: str) -> Path:
    path = project.data_dir / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize("case", ["syntax", "empty", "binary", "latin1"])
def test_unreadable_file_stops_the_build_naming_file_and_line_and_keeps_old_outputs(built_copy, case):
    before = snapshot(built_copy)
    name = "002-global-forum.trig"
    path = built_copy.data_dir / name
    if case == "syntax":
        _break(built_copy, name, "jo:dci a org:Organization ;", 'jo:dci a org:Organization ;;; "oops')
        line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"oops' in text)
        expected = f"data/{name}:{line}:"
    elif case == "empty":
        path.write_text("")
        expected = f"data/{name}: the file is empty"
    elif case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
        expected = f"data/{name}:"
    else:
        path.write_bytes('src:x { <a> <b> "caf\u00e9" }'.encode("latin-1"))
        expected = f"data/{name}:1:21: the file is not UTF-8 text (byte 0xe9)"
    proc = run_jwc("build", cwd=built_copy.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert expected in err, err
    assert "Traceback" not in err
    assert "fix:" in err
    assert snapshot(built_copy) == before, "a failed build must leave the store and dist/ as they were"


def test_ontology_syntax_error_names_the_ontology_file_and_keeps_old_outputs(built_copy):
    before = snapshot(built_copy)
    path = built_copy.ontology_dir / "jwc.ttl"
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("jwc:NGO a owl:Class"))
    lines[at] = "jwc:NGO a owl:Class ,"
    lines.insert(at + 1, "    @@@ .")
    path.write_text("\n".join(lines) + "\n")
    proc = run_jwc("build", cwd=built_copy.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert f"ontology/jwc.ttl:{at + 2}:" in err, err
    assert "Traceback" not in err
    assert snapshot(built_copy) == before


def test_rule_violation_exits_1_with_a_readable_report_and_keeps_old_outputs(built_copy):
    before = snapshot(built_copy)
    _break(built_copy, "003-crin-juvenile-justice.trig", "jwc:value 900 ;", 'jwc:value "over 900" ;')
    proc = run_jwc("build", cwd=built_copy.root)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "jf:wc-2018-participants-crin-juvenile-justice" in err
    assert "data/003-crin-juvenile-justice.trig" in err
    assert "typed xsd:integer" in err and '"over 900"' in err
    assert "Traceback" not in err
    assert snapshot(built_copy) == before


def test_inconsistency_found_by_the_reasoner_exits_1(built_copy):
    # A UN agency that is also typed NGO: no shape forbids it, but the ontology makes the two disjoint.
    _break(built_copy, "004-ipjj-members.trig", "jo:unicef a jwc:UNAgency ;", "jo:unicef a jwc:UNAgency , jwc:NGO ;")
    proc = run_jwc("build", cwd=built_copy.root)
    assert proc.returncode == 1
    assert "inconsistent" in proc.stderr.decode()
    assert "the source src:ipjj-members is inconsistent" in proc.stderr.decode(), "the source at fault is named"


def test_facts_outside_a_catalogued_source_graph_are_refused(fresh):
    (fresh.data_dir / "005-new.trig").write_text(
        "<https://w3id.org/jwc/id/source/unknown> { <https://w3id.org/jwc/id/org/x> "
        '<http://www.w3.org/2004/02/skos/core#prefLabel> "X" }\n'
    )
    proc = run_jwc("build", cwd=fresh.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "data/005-new.trig" in err and "not a catalogued source" in err
    (fresh.data_dir / "005-new.trig").write_text(
        '<https://w3id.org/jwc/id/org/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "X" .\n'
    )
    proc = run_jwc("build", cwd=fresh.root)
    assert proc.returncode == 2 and "outside any named graph" in proc.stderr.decode()


def test_outside_a_project_the_error_says_where_to_run(tmp_path):
    proc = run_jwc("build", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no jwc-graph project here" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_export_and_stats_before_any_build_say_to_build_first(fresh):
    for args in (("export",), ("stats",)):
        proc = run_jwc(*args, cwd=fresh.root)
        assert proc.returncode == 2
        assert "run `jwc build` first" in proc.stderr.decode()


def test_a_project_file_over_the_size_limit_is_refused_unread_until_the_limit_is_raised(fresh):
    files = [p for folder in ("ontology", "shapes", "data") for p in (fresh.root / folder).glob("*.t*")]
    biggest = max(files, key=lambda p: p.stat().st_size)
    proc = run_jwc("build", "--max-size", str(biggest.stat().st_size - 1), cwd=fresh.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err
    assert f"{biggest.name}: the file is {biggest.stat().st_size:,} bytes" in err and "--max-size" in err
    assert not fresh.store_dir.exists()
    assert run_jwc("build", "--max-size", "10MB", cwd=fresh.root).returncode == 0
