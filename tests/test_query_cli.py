"""`jwc query` as an analyst runs it: inline, from a .rq file, from stdin or by name; every output format;
RDF files queried without a build (--data); and the same questions from Python (`jwc_graph.api`)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
import rdflib

from conftest import REPO, run_jwc
from jwc_graph.api import open_graph
from jwc_graph.base.errors import InputError
from jwc_graph.sparql import catalogue

NAMES = "SELECT ?name WHERE { jo:ipjj ^org:organization/org:member/skos:prefLabel ?name } ORDER BY ?name"
CATALOGUE = sorted(q.name for q in catalogue.load(REPO / "queries"))


def out(*args, cwd, stdin: bytes | None = None) -> str:
    """Run `jwc` and return its standard output; the command must succeed."""
    return run_jwc(*args, cwd=cwd, check=True, stdin=stdin).stdout.decode("utf-8")


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def failed(proc: subprocess.CompletedProcess) -> str:
    """The error a user sees: exit 2, a message, no traceback."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    return err


@pytest.fixture(scope="module")
def ipjj_names(built) -> list[str]:
    rows = csv_rows(out("query", NAMES, "-f", "csv", cwd=built.root))
    assert "Terre des hommes" in [r["name"] for r in rows]
    return [r["name"] for r in rows]


def test_inline_file_and_stdin_give_the_same_answer(built, ipjj_names, tmp_path):
    rq = tmp_path / "members.rq"
    rq.write_text(NAMES, encoding="utf-8")
    from_file = csv_rows(out("query", str(rq), "-f", "csv", cwd=built.root))
    from_stdin = csv_rows(out("query", "-", "-f", "csv", cwd=built.root, stdin=NAMES.encode()))
    assert [r["name"] for r in from_file] == [r["name"] for r in from_stdin] == ipjj_names


def test_catalogue_query_by_name_and_the_list(built):
    listing = out("query", "--list", cwd=built.root)
    assert len(listing.splitlines()) == len(CATALOGUE) >= 15
    assert "ipjj-and-cjag" in listing
    rows = csv_rows(out("query", "--name", "ipjj-and-cjag", "-f", "csv", cwd=built.root))
    assert "Terre des hommes" in [r["name"] for r in rows]


def test_select_in_every_table_format(built, ipjj_names):
    tsv = out("query", NAMES, "-f", "tsv", cwd=built.root).splitlines()
    assert tsv[0] == "?name" and len(tsv) == len(ipjj_names) + 1
    doc = json.loads(out("query", NAMES, "-f", "json", cwd=built.root))
    assert [b["name"]["value"] for b in doc["results"]["bindings"]] == ipjj_names
    root = ET.fromstring(out("query", NAMES, "-f", "xml", cwd=built.root))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in root.findall(".//r:binding[@name='name']/r:literal", ns)] == ipjj_names
    table = out("query", NAMES, "-f", "table", cwd=built.root)
    assert "name" in table.splitlines()[0] and all(n in table for n in ipjj_names)


def test_default_format_off_a_terminal_is_csv_for_select_and_json_for_ask(built):
    assert out("query", NAMES, cwd=built.root).startswith("name\r\n")
    assert json.loads(out("query", "ASK { jo:ipjj a jwc:Panel }", cwd=built.root))["boolean"] is True


@pytest.mark.parametrize(
    "fmt,rdflib_format", [("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"), ("rdfxml", "xml")]
)
def test_construct_and_describe_as_rdf(built, fmt, rdflib_format):
    construct = "CONSTRUCT { ?m org:member ?o } WHERE { ?m org:organization jo:ipjj ; org:member ?o }"
    g = rdflib.Graph().parse(data=out("query", construct, "-f", fmt, cwd=built.root), format=rdflib_format)
    assert len(g) >= 13
    d = rdflib.Graph().parse(data=out("query", "DESCRIBE jo:ipjj", "-f", fmt, cwd=built.root), format=rdflib_format)
    assert (rdflib.URIRef("https://w3id.org/jwc/id/org/ipjj"), rdflib.SKOS.prefLabel, None) in d


def test_a_table_format_for_a_graph_answer_is_refused(built):
    err = failed(run_jwc("query", "DESCRIBE jo:ipjj", "-f", "csv", cwd=built.root))
    assert "is a graph" in err


def test_malformed_query_names_the_problem(built):
    err = failed(run_jwc("query", "SELECT ?x WHERE { ?x ", cwd=built.root))
    assert "not valid SPARQL" in err


def test_unknown_catalogue_name_suggests_the_closest(built):
    err = failed(run_jwc("query", "--name", "ipjj-member", cwd=built.root))
    assert "ipjj-members" in err


def test_limit_stops_after_n_rows(built):
    assert len(csv_rows(out("query", NAMES, "-f", "csv", "--limit", "2", cwd=built.root))) == 2


# --- --data: RDF files queried without a build ---------------------------------------------------


def test_data_files_answer_like_the_built_store(built, tmp_path):
    """The build's own N-Quads export, queried with --data from outside any project, answers as the store does."""
    nq = built.dist_dir / "jwc.nq"
    by_store = csv_rows(out("query", "--name", "ipjj-members", "-f", "csv", cwd=built.root))
    text = (REPO / "queries" / "ipjj-members.rq").read_text(encoding="utf-8")
    (tmp_path / "q.rq").write_text(text, encoding="utf-8")
    by_file = csv_rows(out("query", "q.rq", "--data", str(nq), "-f", "csv", cwd=tmp_path))
    assert as_set(by_file) == as_set(by_store) and len(by_file) == len(by_store) > 10


def test_a_file_of_triples_becomes_a_graph_named_after_it(tmp_path):
    ttl = tmp_path / "partners.ttl"
    ttl.write_text('<https://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .\n', encoding="utf-8")
    got = csv_rows(
        out(
            "query",
            "SELECT ?g ?label { GRAPH ?g { ?s skos:prefLabel ?label } }",
            "-d",
            str(ttl),
            "-f",
            "csv",
            cwd=tmp_path,
        )
    )
    assert got == [{"g": ttl.resolve().as_uri(), "label": "A"}]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        (
            "broken.trig",
            b'<https://e.org/a> <https://e.org/p> "x" .\n<https://e.org/b> <https://e.org/p> oops .\n',
            "broken.trig:2:",
        ),
        ("empty.jsonld", b"", "empty.jsonld"),
        ("picture.ttl", b"\x89PNG\r\n\x1a\n....", "a PNG image"),
        ("table.xlsx", b"PK\x03\x04", "unknown file type '.xlsx'"),
        (
            "remote.jsonld",
            b'{"@context": "https://example.org/ctx.jsonld", "@id": "https://e.org/a"}',
            "would have to be fetched",
        ),
        (
            "import.jsonld",
            b'{"@context": {"@import": "https://example.org/ctx.jsonld"}, "@id": "https://e.org/a"}',
            "would have to be fetched",
        ),
        (
            "bomb.rdf",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            "DOCTYPE",
        ),
    ],
)
def test_bad_data_files_are_refused_with_file_and_fix(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    err = failed(run_jwc("query", "ASK { ?s ?p ?o }", "--data", name, cwd=tmp_path))
    assert expected in err and name in err and "fix:" in err


def test_data_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.nq"
    path.write_text('<https://e.org/a> <https://e.org/p> "x" .\n' * 100, encoding="utf-8")
    err = failed(run_jwc("query", "ASK { ?s ?p ?o }", "-d", "big.nq", "--max-size", "1k", cwd=tmp_path))
    assert "over the limit" in err and "--max-size" in err


def test_data_and_endpoint_together_are_refused(tmp_path):
    err = failed(run_jwc("query", "ASK {}", "-d", "x.nq", "-e", "http://127.0.0.1:9/sparql", cwd=tmp_path))
    assert "--endpoint and --data" in err


# --- Python API ------------------------------------------------------------------------------------


def test_api_rows_are_plain_dicts(built):
    g = open_graph(built.root)
    rows = g.run("world-congresses").rows()
    assert rows and all(isinstance(r, dict) for r in rows)
    years = {r["year"] for r in rows}
    assert all(isinstance(y, int) for y in years if y is not None)
    assert {r["name"] for r in g.query(NAMES).rows()} >= {"Terre des hommes"}


def as_set(rows: list[dict]) -> set[str]:
    """Rows compared without order; GROUP_CONCAT lists, whose order SPARQL leaves to the store, are sorted."""

    def cell(value):
        return sorted(re.split(r"; |, | ", value)) if isinstance(value, str) else value

    return {json.dumps({k: cell(v) for k, v in row.items()}, sort_keys=True) for row in rows}


@pytest.fixture(scope="module")
def graphs(built):
    """The built store, and the build's N-Quads export loaded in memory."""
    return open_graph(built.root), open_graph(built.root, files=[built.dist_dir / "jwc.nq"])


@pytest.mark.parametrize("name", CATALOGUE)
def test_api_files_in_memory_answer_every_catalogue_query_like_the_store(graphs, name):
    on_disk, in_memory = (g.run(name) for g in graphs)
    if on_disk.form == "construct":
        assert sorted(map(str, in_memory.triples)) == sorted(map(str, on_disk.triples))
    else:
        assert as_set(in_memory.rows()) == as_set(on_disk.rows())
        assert len(in_memory.rows()) == len(on_disk.rows())


def test_api_files_outside_a_project_query_but_have_no_catalogue(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JWC_ROOT", raising=False)
    g = open_graph(files=[built.dist_dir / "jwc.nq"])
    assert g.query("ASK { jo:ipjj a jwc:Panel }").boolean is True
    with pytest.raises(InputError, match="catalogue"):
        g.run("ipjj-members")


def test_api_files_takes_one_path_and_refuses_nothing_or_two_sources(built):
    one = open_graph(built.root, files=str(built.dist_dir / "jwc.nq"))
    assert one.query("ASK { jo:ipjj a jwc:Panel }").boolean is True
    with pytest.raises(InputError, match="names no file"):
        open_graph(built.root, files=[])
    with pytest.raises(InputError, match="both files and an endpoint"):
        open_graph(built.root, files=[built.dist_dir / "jwc.nq"], endpoint="http://127.0.0.1:9/sparql")


def test_max_size_without_data_is_refused(built):
    assert "--data files only" in failed(run_jwc("query", "ASK {}", "--max-size", "1k", cwd=built.root))


def test_data_with_a_byte_order_mark_or_leading_blank_space_loads(tmp_path):
    (tmp_path / "bom.nt").write_bytes(b'\xef\xbb\xbf<https://e.org/a> <https://e.org/p> "bom" .\n')
    (tmp_path / "blank.nt").write_bytes(b" " * 70_000 + b'\n<https://e.org/b> <https://e.org/p> "blank" .\n')
    got = csv_rows(
        out("query", "SELECT ?o { ?s ?p ?o } ORDER BY ?o", "-d", "bom.nt", "-d", "blank.nt", "-f", "csv", cwd=tmp_path)
    )
    assert [r["o"] for r in got] == ["blank", "bom"]
