"""Property-based: malformed input of every kind gives a clean InputError (or a report), never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jwc_graph.base.errors import InputError
from jwc_graph.intake import check, csv_templates, reports
from jwc_graph.intake.files import read_file

SAMPLES = {
    ".ttl": "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://w3id.org/jwc/id/org/f> a "
    '<https://w3id.org/jwc/ontology#NGO> ; skos:prefLabel "F"@en ; skos:altLabel "FF" .\n',
    ".trig": "<https://w3id.org/jwc/id/graph/g> { <https://w3id.org/jwc/id/org/f> "
    '<http://www.w3.org/2004/02/skos/core#prefLabel> "F" . }\n',
    ".nt": '<https://w3id.org/jwc/id/org/f> <http://www.w3.org/2004/02/skos/core#prefLabel> "F" .\n',
    ".nq": '<https://w3id.org/jwc/id/org/f> <http://www.w3.org/2004/02/skos/core#prefLabel> "F" <https://g/x> .\n',
    ".jsonld": '{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"}, "@id": "https://w3id.org/jwc/id/org/f", '
    '"skos:prefLabel": "F"}',
    ".rdf": '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n<rdf:Description rdf:about="https://w3id.org/jwc/id/org/f">'
    "<skos:prefLabel>F</skos:prefLabel></rdf:Description></rdf:RDF>\n",
    ".csv": ",".join(csv_templates.TEMPLATES["memberships"].header) + "\n,PRI,IPJJ,member,2001,2003,\n",
}


@st.composite
def mutated(draw):
    """A valid sample of some format with bytes cut, repeated, swapped or inserted."""
    suffix = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[suffix].encode())
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["cut", "insert", "dup", "flip"]))
        if op == "cut":
            del data[i : i + draw(st.integers(1, 20))]
        elif op == "insert":
            data[i:i] = draw(
                st.sampled_from(
                    [
                        b'"',
                        b"<",
                        b">",
                        b"{",
                        b"}",
                        b",",
                        b"\n",
                        b"@",
                        b"\xff",
                        b"\x00",
                        b"#",
                        b";",
                        b".",
                        b"\\",
                        b"&",
                        b'"@context": "http://x/"',
                        b"\xc3",
                    ]
                )
            )
        elif op == "dup":
            data[i:i] = data[i : i + draw(st.integers(1, 30))]
        elif data:
            data[i] = draw(st.integers(0, 255))
    return suffix, bytes(data)


def _write(suffix: str, data: bytes) -> Path:
    tmp = tempfile.NamedTemporaryFile(suffix=suffix, delete=False, dir=_DIR)
    tmp.write(data)
    tmp.close()
    return Path(tmp.name)


_DIR = tempfile.mkdtemp(prefix="jwc-fuzz-")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_parsers_raise_only_input_errors(case):
    suffix, data = case
    path = _write(suffix, data)
    try:
        read_file(path)
    except InputError as err:
        assert path.name in str(err)
        assert "Traceback" not in str(err)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(SAMPLES)), st.binary(max_size=300))
def test_random_bytes_raise_only_input_errors(suffix, data):
    path = _write(suffix, data)
    try:
        read_file(path)
    except InputError as err:
        assert path.name in str(err)


@pytest.fixture(scope="module")
def context(built):
    from jwc_graph.rdf.store import open_store

    return open_store(built.store_dir), check.load_shapes(built)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(mutated())
def test_validator_gives_a_report_or_a_clean_error(built, context, case):
    store, shapes = context
    suffix, data = case
    path = _write(suffix, data)
    try:
        report = check.validate_files(built, [path], store=store, shapes=shapes)
    except InputError:
        return
    for fmt in reports.FORMATS:
        assert reports.render(report, fmt)
    assert report.exit_code in (0, 1)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(st.lists(st.text(max_size=12), min_size=7, max_size=7), min_size=1, max_size=4))
def test_csv_cells_of_any_text_give_a_report_or_a_clean_error(built, context, rows):
    import csv
    import io

    store, shapes = context
    buf = io.StringIO()
    csv.writer(buf).writerows([csv_templates.TEMPLATES["memberships"].header, *rows])
    path = _write(".csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    try:
        report = check.validate_files(built, [path], store=store, shapes=shapes)
    except InputError:
        return
    assert reports.to_html(report)
