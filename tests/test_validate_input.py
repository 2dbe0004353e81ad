"""Bad submissions: each is refused with one clear message naming the file (line and column, or CSV row and
column, where there is one), a non-zero exit, no traceback, no network request, and nothing stored changed."""

from __future__ import annotations

import hashlib
import socket

import pytest

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.intake import check

TTL_OK = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/jwc/id/org/x> a <https://w3id.org/jwc/ontology#NGO> ; skos:prefLabel "X" .
"""

# (case, file name, content, what the message must contain)
SYNTAX = [
    ("turtle", "bad.ttl", TTL_OK + '<https://w3id.org/jwc/id/org/y> skos:prefLabel "unterminated .\n', "bad.ttl:3:"),
    ("trig", "bad.trig", "<https://w3id.org/g> {\n  <https://a/b> <https://a/c> <https://a/d> .\n", "bad.trig:"),
    (
        "n-triples",
        "bad.nt",
        "<https://a/b> <https://a/c> <https://a/d> .\n<https://a/b> <https://a/c> nope .\n",
        "bad.nt:2:",
    ),
    (
        "n-quads",
        "bad.nq",
        "<https://a/b> <https://a/c> <https://a/d> <https://g> .\n<https://a/b> <https://a/c> .\n",
        "bad.nq:2:",
    ),
    ("json-ld", "bad.jsonld", '{\n  "@id": "https://a/b",\n  "https://a/c": "x",\n}\n', "bad.jsonld:4:1:"),
    (
        "rdf/xml",
        "bad.rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="https://a/b">\n</rdf:RDF>\n',
        "bad.rdf:4:",
    ),
    (
        "csv quotes",
        "bad.csv",
        'slug,name,language,type,acronyms,other_names,description,founded,country,themes\nx,"X NGO,en,NGO,,,,,,\n',
        "bad.csv: row",
    ),
    ("relative IRI", "rel.ttl", "<a> <b> <c> .\n", "rel.ttl:1:"),
    (
        "xml entity",
        "ent.rdf",
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<r/>\n',
        "ent.rdf:2: a DOCTYPE",
    ),
]

BAD_FILES = [
    ("empty", "empty.ttl", b"  \n\n", "empty.ttl: the file is empty"),
    ("binary", "image.ttl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.ttl: this is a PNG image"),
    ("nul bytes", "blob.nt", b"<https://a/b> \x00\x01\x02", "blob.nt: this is a binary file"),
    (
        "latin-1",
        "latin.ttl",
        '<https://a/b> <https://a/c> "café" .\n'.encode("latin-1"),
        "latin.ttl:1:33: the file is not UTF-8",
    ),
    ("utf-16", "wide.ttl", TTL_OK.encode("utf-16"), "wide.ttl: the file is UTF-16"),
    ("unknown type", "notes.docx", b"hello", "notes.docx: unknown file type"),
    (
        "remote context",
        "remote.jsonld",
        b'{"@context": "https://schema.org/", "@id": "https://a/b", "name": "x"}',
        "would have to be fetched",
    ),
    (
        "remote context imported",
        "import.jsonld",
        b'{"@context": {"@import": "https://example.org/ctx.jsonld"}, "@id": "https://a/b"}',
        "@import",
    ),
    (
        "remote context in a list",
        "remote2.jsonld",
        b'{"@context": [{"s": "http://schema.org/"}, "http://10.255.255.1/c.jsonld"], "@id": "https://a/b"}',
        "would have to be fetched",
    ),
    (
        "csv missing column",
        "orgs.csv",
        b"slug,name,type\nx,X,NGO\n",
        "row 1: the header does not match the organisations template: missing column(s) language",
    ),
    (
        "csv extra column",
        "orgs2.csv",
        b"slug,name,language,type,acronyms,other_names,description,founded,country,themes,website\n",
        "unknown column 'website'",
    ),
    (
        "csv shifted row",
        "orgs3.csv",
        b"slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
        b"x,X,en,NGO,,,,,,\ny,Y, an NGO, with commas,en,NGO,,,,,,\n",
        "row 3: 12 cells, but the header has 10 columns",
    ),
    ("csv semicolons, columns missing", "semi.csv", b"slug;name;type\nx;X;NGO\n", "missing column(s) language"),
    (
        "csv only guidance",
        "guide.csv",
        b"slug,name,language,type,acronyms,other_names,description,founded,country,themes\n# guidance,,,,,,,,,\n",
        "no data rows",
    ),
    (
        "csv bad slug",
        "slug.csv",
        b"slug,name,language,type,acronyms,other_names,description,founded,country,themes\nNot A Slug,X,en,NGO,,,,,,\n",
        "row 2, column slug",
    ),
]


def _store_hashes(project) -> dict:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(project.store_dir.rglob("*"))
        if p.is_file() and not p.name.startswith("LOG")
    }


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("case,name,content,expected", SYNTAX, ids=[c[0] for c in SYNTAX])
def test_syntax_error_names_file_line_and_column(built, tmp_path, no_network, case, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        check.validate_files(built, [path])
    assert expected in str(err.value), str(err.value)
    assert err.value.exit_code == 2


@pytest.mark.parametrize("case,name,content,expected", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_refused_with_a_clear_message(built, tmp_path, no_network, case, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        check.validate_files(built, [path])
    assert expected in str(err.value), str(err.value)
    assert name in str(err.value)


def test_file_over_the_size_limit_is_refused_before_parsing(built, tmp_path, monkeypatch):
    path = tmp_path / "big.ttl"
    path.write_text("this is not Turtle at all " * 100)
    shapes = check.load_shapes(built)
    import jwc_graph.intake.files as files

    monkeypatch.setattr(files.Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(InputError, match=r"big.ttl: the file is 2,600 bytes, over the limit of 1,024 bytes"):
        check.validate_files(built, [path], max_size=1024, shapes=shapes)


def test_cli_refuses_bad_input_with_exit_2_no_traceback_and_store_unchanged(built, tmp_path):
    before = _store_hashes(built)
    cases = [
        ("bad.ttl", SYNTAX[0][2].encode(), "bad.ttl:3:"),
        ("empty.ttl", b"", "the file is empty"),
        ("big.ttl", TTL_OK.encode() * 100, "over the limit"),
        ("orgs3.csv", next(c[2] for c in BAD_FILES if c[0] == "csv shifted row"), "orgs3.csv: row 3"),
    ]
    for name, content, expected in cases:
        path = tmp_path / name
        path.write_bytes(content)
        proc = run_jwc("validate", str(path), "--max-size", "2k", cwd=built.root)
        err = proc.stderr.decode()
        assert proc.returncode == 2, (name, err)
        assert expected in err and "fix:" in err, err
        assert "Traceback" not in err
    assert _store_hashes(built) == before, "validation must not change the store"


def test_missing_file_is_a_clean_error(built, tmp_path):
    proc = run_jwc("validate", str(tmp_path / "nope.ttl"), cwd=built.root)
    assert proc.returncode == 2 and "nope.ttl" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_inline_json_ld_context_is_fine(built, tmp_path, no_network):
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#", "jwc": "https://w3id.org/jwc/ontology#"},'
        ' "@id": "https://w3id.org/jwc/id/org/inline-ngo", "@type": "jwc:NGO",'
        ' "skos:prefLabel": {"@value": "Inline NGO", "@language": "en"}}'
    )
    report = check.validate_files(built, [path])
    assert report.conforms, [i.message for i in report.findings]
