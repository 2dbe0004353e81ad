"""Reports a steward can act on: one finding per mistake in file and row order, no range warning on what is not a
year, spreadsheets' semicolons and tabs, a places template, values as the graph shows them, the right column."""

from __future__ import annotations

import pytest

from jwc_graph.intake import check

pytestmark = pytest.mark.slow

HEADER = "slug,member,organisation,role,start,end,note\n"


def validate(built, tmp_path, **files: str):
    paths = []
    for name, text in files.items():
        path = tmp_path / name.replace("_", ".")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return check.validate_files(built, paths)


def test_three_mistakes_give_three_findings_in_row_order(built, tmp_path):
    rows = (
        ",Penal Reform Int.,IPJJ,member,2010,,\n"  # unknown member
        ",Terre des hommes,No Such Panel,member,2010,,\n"  # unknown organisation
        ",Defence for Children International,IPJJ,member,20O9,,\n"  # not a year
    )
    report = validate(built, tmp_path, members_csv=HEADER + rows)
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert len(violations) == 3, [(f.where, f.message) for f in violations]
    order = [f.where for f in report.findings if f.where]
    rows_seen = [int(w.split(" row ")[1].split(",")[0]) for w in order]
    assert rows_seen == sorted(rows_seen)
    assert not any("outside 1900 to 2100" in f.message for f in report.findings), "no range warning on 20O9"
    date = next(f for f in violations if "20O9" in (f.value or ""))
    assert date.where.endswith("column start") and "not a year" in date.message


def test_a_semicolon_csv_as_european_spreadsheets_save_it_is_read(built, tmp_path):
    text = HEADER.replace(",", ";") + ';"Terre des hommes";IPJJ;"founding member";2010;;"a note; with a semicolon"\n'
    report = validate(built, tmp_path, members_csv=text)
    assert report.conforms, [f.message for f in report.findings]


def test_a_tab_csv_is_read(built, tmp_path):
    text = HEADER.replace(",", "\t") + "\tTerre des hommes\tIPJJ\tmember\t2010\t\t\n"
    assert validate(built, tmp_path, members_csv=text).conforms


def test_a_places_file_adds_a_city_that_an_organisations_file_then_names(built, tmp_path):
    places = "slug,name,language,type,within,other_names,note\n,Quito,en,City,Ecuador,,\n,Ecuador,en,Country,,,\n"
    orgs = (
        "slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
        ",Quito Child Justice Group,en,NGO,,,A test group.,2015,Ecuador,\n"
    )
    report = validate(built, tmp_path, places_csv=places, orgs_csv=orgs)
    assert report.conforms, [(f.where, f.message) for f in report.findings if f.severity == "Violation"]
    quads = [q for f in report.files for q in f.quads]
    assert any(q.predicate.value.endswith("containedInPlace") for q in quads)


def test_a_finding_names_the_column_the_value_was_written_in(built, tmp_path):
    orgs = (
        "slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
        ",Lookalike Trust,en,NGO,LT,Terre des hommes,,,,\n"  # another organisation's name, in other_names
    )
    report = validate(built, tmp_path, orgs_csv=orgs)
    shared = [f for f in report.findings if f.shape == "jsh:SharedNameShape"]
    assert shared and all(f.where.endswith("column other_names") for f in shared), [f.where for f in shared]
