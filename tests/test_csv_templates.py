"""CSV templates: what `jwc template` writes, how rows become RDF, and how names of other entities resolve."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.intake import check, csv_templates

KINDS = list(csv_templates.TEMPLATES)


def template_rows(kind: str) -> list[list[str]]:
    buf = io.StringIO()
    csv_templates.write_template(kind, buf)
    return list(csv.reader(io.StringIO(buf.getvalue())))


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_header_guidance_and_example(kind):
    header, guidance, example = template_rows(kind)
    assert header == csv_templates.TEMPLATES[kind].header
    assert guidance[0].startswith("#") and example[0].startswith("# example:")
    assert len(guidance) == len(example) == len(header)


@pytest.mark.parametrize("kind", KINDS)
def test_the_example_row_validates_once_uncommented(built, tmp_path, kind):
    """Every template's example is a correct record that refers to entities of the graph by name."""
    header, _guidance, example = template_rows(kind)
    example[0] = example[0].removeprefix("# example: ")
    path = tmp_path / f"{kind}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, example])
    report = check.validate_files(built, [path])
    assert report.conforms, "\n".join(f"{i.severity} {i.where}: {i.message}" for i in report.findings)
    assert not [i for i in report.findings if i.severity == "Warning"]


@pytest.mark.parametrize("kind", KINDS)
def test_template_as_written_has_no_data_rows(built, tmp_path, kind):
    path = tmp_path / f"{kind}.csv"
    proc = run_jwc("template", kind, "--output", str(path), cwd=built.root)
    assert proc.returncode == 0, proc.stderr.decode()
    with pytest.raises(InputError, match="no data rows"):
        check.validate_files(built, [path])


def write(tmp_path, name, rows):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


ORG_HEADER = csv_templates.TEMPLATES["organisations"].header
MEM_HEADER = csv_templates.TEMPLATES["memberships"].header


def test_rows_become_the_documented_triples(built, tmp_path):
    orgs = write(
        tmp_path,
        "orgs.csv",
        [
            ORG_HEADER,
            [
                "",
                "Réseau Justice Enfants",
                "fr",
                "Network",
                "RJE",
                "Child Justice Network",
                "Un réseau.",
                "2009-05",
                "",
                "",
            ],
        ],
    )
    report = check.validate_files(built, [orgs])
    quads = check.submission_quads((q for f in report.files for q in f.quads), "https://w3id.org/jwc/id/graph/test")
    s = ox.NamedNode("https://w3id.org/jwc/id/org/reseau-justice-enfants")
    got = {(q.predicate.value.rsplit("/", 1)[-1], q.object) for q in quads if q.subject == s}
    assert ("core#prefLabel", ox.Literal("Réseau Justice Enfants", language="fr")) in got
    assert ("core#altLabel", ox.Literal("RJE")) in got
    assert (
        "foundingDate",
        ox.Literal("2009-05", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth")),
    ) in got
    assert ("22-rdf-syntax-ns#type", ox.NamedNode("https://w3id.org/jwc/ontology#Network")) in got
    assert all(q.graph_name == ox.NamedNode("https://w3id.org/jwc/id/graph/test") for q in quads)
    assert report.conforms


def test_references_resolve_by_name_acronym_iri_and_across_files(built, tmp_path):
    orgs = write(
        tmp_path,
        "orgs.csv",
        [ORG_HEADER, ["", "Child Justice Watch", "en", "NGO", "CJW", "", "A watchdog.", "", "", ""]],
    )
    mems = write(
        tmp_path,
        "mems.csv",
        [
            MEM_HEADER,
            ["", "CJW", "Interagency Panel on Juvenile Justice", "member", "2015", "", ""],
            ["a", "Child Justice Watch", "IPJJ", "member", "", "", ""],
            ["b", "https://w3id.org/jwc/id/org/child-justice-watch", "jo:ipjj", "co-chair", "", "", ""],
        ],
    )
    report = check.validate_files(built, [orgs, mems])
    assert report.conforms, [i.message for i in report.findings]
    members = {
        q.object.value
        for q in check.submission_quads(q for f in report.files for q in f.quads)
        if q.predicate.value.endswith("#member")
    }
    assert members == {"https://w3id.org/jwc/id/org/child-justice-watch"}


def test_unresolved_name_names_row_and_column_and_suggests(built, tmp_path):
    mems = write(tmp_path, "mems.csv", [MEM_HEADER, ["", "Penal Reform Int.", "IPJJ", "member", "", "", ""]])
    report = check.validate_files(built, [mems])
    hit = next(i for i in report.findings if "Penal Reform Int." in i.message)
    assert hit.severity == "Violation"
    assert "'Penal Reform Int.' is not in the graph; did you mean Penal Reform International (jo:pri)?" in hit.message
    assert hit.where.endswith("mems.csv row 2, column member")
    assert hit.suggestions == ["https://w3id.org/jwc/id/org/pri"] or hit.suggestions[0].endswith("/org/pri")


def test_value_outside_a_list_suggests_the_closest(built, tmp_path):
    mems = write(tmp_path, "mems.csv", [MEM_HEADER, ["", "PRI", "IPJJ", "founding membr", "", "", ""]])
    report = check.validate_files(built, [mems])
    hit = next(i for i in report.findings if i.component == "SubmissionCheck")
    assert "row 2, column role" in hit.where and "'founding-member'" in hit.fix


def test_a_list_value_written_as_the_graph_shows_it_is_accepted(built, tmp_path):
    mems = write(tmp_path, "mems.csv", [MEM_HEADER, ["", "PRI", "IPJJ", "Founding member", "", "", ""]])
    assert check.validate_files(built, [mems]).conforms


def test_shape_findings_point_at_the_cell(built, tmp_path):
    orgs = write(
        tmp_path, "orgs.csv", [ORG_HEADER, ["", "Child Justice Watch", "en", "NGO", "", "", "", "in 2009", "", ""]]
    )
    report = check.validate_files(built, [orgs])
    hit = next(i for i in report.findings if i.path and i.path.endswith("foundingDate"))
    assert hit.severity == "Violation" and hit.where.endswith("orgs.csv row 2, column founded")


def test_html_and_script_in_cells_stay_text(built, tmp_path):
    from jwc_graph.intake import reports

    name = '<img src=x onerror="alert(1)"> Watch'
    orgs = write(
        tmp_path, "orgs.csv", [ORG_HEADER, ["", name, "en", "NGOO", "", "", "<script>x()</script>", "", "", ""]]
    )
    report = check.validate_files(built, [orgs])
    labels = [
        q.object.value
        for q in check.submission_quads(q for f in report.files for q in f.quads)
        if q.predicate.value.endswith("prefLabel")
    ]
    assert labels == [name], "kept as text, unchanged"
    page = reports.to_html(report)
    assert "<img" not in page and "&lt;img src=x" in page and "<script>" not in page
