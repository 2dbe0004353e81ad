"""Attacks through text in the data: a spreadsheet formula as a name, control characters (ESC, BEL) in a label.

Names that start with `=`, `+`, `-` or `@` were written to the Kumu and `jwc analyse` CSV as they were;
an ESC in a label made GEXF, GraphML, RDF/XML pages and SPARQL XML results unreadable, and reached the
terminal raw through `jwc validate` and `jwc path`. The shapes now refuse control characters, and every
output escapes for its own medium, also for a store that holds such text from before.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from conftest import copy_project, run_jwc
from jwc_graph.build.pipeline import build
from jwc_graph.rdf.default_graph import with_union
from jwc_graph.web.app import create_app

pytestmark = pytest.mark.slow

FORMULA = '=HYPERLINK("http://evil.example/","click me")'
FORMULA_TTL = FORMULA.replace('"', '\\"')
ESC_NAME = "Escape \x1b]0;pwned\x07\x1b[2J Org"
ID = "https://w3id.org/jwc/id/"
HOSTILE = f"""@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix voc: <https://w3id.org/jwc/vocab/> .
@prefix src: <https://w3id.org/jwc/id/source/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/jwc/id/graph/catalogue> {{
    src:hostile a jwc:Source ; dcterms:title "A hostile test source" ;
        <http://schema.org/url> "https://hostile.example/"^^<http://www.w3.org/2001/XMLSchema#anyURI> .
}}
src:hostile {{
    <{ID}org/formula-org> a jwc:NGO ; skos:prefLabel "{FORMULA_TTL}"@en .
    <{ID}org/at-org> a jwc:NGO ; skos:prefLabel "@SUM(1+1)"@en .
    <{ID}membership/formula-org-ipjj> a org:Membership ; org:member <{ID}org/formula-org> ;
        org:organization <{ID}org/ipjj> ; org:role voc:role-member .
    <{ID}membership/at-org-ipjj> a org:Membership ; org:member <{ID}org/at-org> ;
        org:organization <{ID}org/ipjj> ; org:role voc:role-member .
}}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The project plus formula-like names (which the shapes allow: they are text), built; then an organisation
    with ESC and BEL in its name written into the store directly, as a store from before the shape would hold."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project.data_dir / "990-hostile.trig").write_text(HOSTILE)
    build(project)
    store = ox.Store(str(project.store_dir))
    g = ox.NamedNode(ID + "source/hostile")
    esc, ms = ox.NamedNode(ID + "org/esc-org"), ox.NamedNode(ID + "membership/esc-org-ipjj")
    p = lambda iri: ox.NamedNode(iri)
    store.extend(
        with_union(
            [
                ox.Quad(esc, p("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), p(ox_ns("NGO")), g),
                ox.Quad(
                    esc, p("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal(ESC_NAME, language="en"), g
                ),
                ox.Quad(
                    ms,
                    p("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    p("http://www.w3.org/ns/org#Membership"),
                    g,
                ),
                ox.Quad(ms, p("http://www.w3.org/ns/org#member"), esc, g),
                ox.Quad(ms, p("http://www.w3.org/ns/org#organization"), p(ID + "org/ipjj"), g),
            ]
        )  # the store's default graph is the union of its named graphs (rdf/default_graph.py)
    )
    store.flush()
    del store
    return project


def ox_ns(local: str) -> str:
    return "https://w3id.org/jwc/ontology#" + local


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def assert_no_formula(text: str) -> None:
    found = [c for c in cells(text) if c[:1] in ("=", "+", "-", "@") and not c.lstrip("-").replace(".", "").isdigit()]
    assert not found, f"cells a spreadsheet would run: {found}"


def test_kumu_csv_cells_cannot_start_a_formula(hostile):
    proc = run_jwc("network-export", "--format", "kumu", "--out", "kumu", cwd=hostile.root)
    assert proc.returncode == 0, proc.stderr.decode()
    elements = (hostile.root / "kumu" / "elements.csv").read_text()
    assert "'" + FORMULA in cells(elements) and "'@SUM(1+1)" in cells(elements)
    assert_no_formula(elements)
    assert_no_formula((hostile.root / "kumu" / "connections.csv").read_text())


def test_analyse_csv_cells_cannot_start_a_formula(hostile):
    proc = run_jwc("analyse", "--format", "csv", cwd=hostile.root)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "'" + FORMULA in cells(out)
    assert_no_formula(out)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_xml_exports_stay_well_formed_with_control_characters_in_a_name(hostile, fmt):
    proc = run_jwc("network-export", "--format", fmt, cwd=hostile.root)
    assert proc.returncode == 0, proc.stderr.decode()
    ET.fromstring(proc.stdout)  # raises on an ESC
    assert b"Escape" in proc.stdout and b"\x1b" not in proc.stdout


def test_served_xml_stays_well_formed_with_control_characters_in_a_name(hostile):
    with TestClient(create_app(hostile, workers=1)) as c:
        page = c.get("/id/org/esc-org", params={"format": "rdfxml"})
        assert page.status_code == 200, page.text
        ET.fromstring(page.content)
        results = c.get(
            "/sparql",
            params={"query": f"SELECT ?n WHERE {{ <{ID}org/esc-org> ?p ?n }}"},
            headers={"Accept": "application/sparql-results+xml"},
        )
        assert results.status_code == 200
        ET.fromstring(results.content)
        assert b"Escape" in results.content and b"\x1b" not in results.content


def test_the_terminal_never_gets_control_characters_from_the_data(hostile):
    proc = run_jwc("path", "Escape", "International Juvenile Justice Observatory", cwd=hostile.root)
    out = proc.stdout + proc.stderr
    assert b"Escape" in out, out.decode(errors="replace")
    assert b"\x1b" not in out and b"\x07" not in out
    assert b"\\u001b" in out, "the ESC is shown as an escape, so the reader sees it is there"


def test_a_submitted_label_with_control_characters_is_refused_and_not_echoed_raw(hostile, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/jwc/id/org/bell-org> a jwc:NGO ; skos:prefLabel "Bell \\u0007 and \\u001b[2J Org"@en .\n'
    )
    proc = run_jwc("validate", str(bad), cwd=hostile.root)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out.decode(errors="replace")
    assert b"must not hold control characters" in out
    assert b"\x1b" not in out and b"\x07" not in out
