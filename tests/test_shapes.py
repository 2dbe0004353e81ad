"""The shapes accept the curated data and catch the mistakes contributors make, at the right severity."""

from __future__ import annotations

import pytest

from conftest import REPO
from jwc_graph.build import per_source
from jwc_graph.rdf import convert
from jwc_graph.rdf.files import parse_file


def graphs(project_root):
    """The ontology and data quads, and the shapes graph, of a project folder."""
    knowledge, shapes = [], []
    for role, pattern in (("ontology", "ontology/*.ttl"), ("shapes", "shapes/*.ttl"), ("data", "data/*.trig")):
        for path in sorted(project_root.glob(pattern)):
            parsed = parse_file(path, role)
            (shapes if role == "shapes" else knowledge).extend(parsed.quads)
    return knowledge, convert.to_graph(shapes)


@pytest.fixture(scope="module")
def report():
    data, shapes = graphs(REPO)
    return per_source.validate(data, shapes)


def test_curated_data_has_no_violation_and_no_warning_but_disagreements(report):
    bad = [f for f in report.findings if f.severity in ("Violation", "Warning") and "disagree" not in f.message]
    assert not bad, "\n".join(f"{f.severity} {f.focus}: {f.message}" for f in bad)


def test_infos_are_advice_only(report):
    assert report.conforms
    assert all(f.severity == "Info" or "disagree" in f.message for f in report.findings)


def validate_edit(fresh, name, old, new):
    """Validate the project copy after replacing `old` by `new` in one data file."""
    path = fresh.data_dir / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))
    data, shapes = graphs(fresh.root)
    return per_source.validate(data, shapes)


CASES = [
    # (what a contributor did, file, old, new, severity, focus, words in the message)
    (
        "mistyped a property name",
        "004-ipjj-members.trig",
        'schema:foundingDate "1979"',
        'schema:foundedDate "1979"',
        "Violation",
        "org/dci",
        None,
    ),
    (
        "mistyped a class name",
        "003-crin-juvenile-justice.trig",
        "jo:vivere a jwc:NGO",
        "jo:vivere a jwc:NGo",
        "Violation",
        "org/vivere",
        "does not define",
    ),
    (
        "referred to an entity that does not exist",
        "003-crin-juvenile-justice.trig",
        "org:member jo:bice ;",
        "org:member jo:bicee ;",
        "Violation",
        "membership/bice-cjag",
        "not in the graph",
    ),
    (
        "wrote a figure as text",
        "000-global-initiative-about.trig",
        "jwc:value 28 ;",
        'jwc:value "28" ;',
        "Violation",
        "figure/wc-2018-workshops-gi-about",
        "xsd:integer",
    ),
    (
        "gave a start date as free text",
        "004-ipjj-members.trig",
        '"2005-07"^^xsd:gYearMonth',
        '"July 2005"',
        "Violation",
        "initiative/no-kids-behind-bars",
        "jwc:during",
    ),
    (
        "dropped the preferred name",
        "004-ipjj-members.trig",
        'skos:prefLabel "Councils for Juvenile Justice"@en ;',
        "",
        "Violation",
        "org/ijjo-councils",  # named by this source alone (other pages name the IPJJ's members too)
        "preferred name",
    ),
    (
        "used a status outside the list",
        "001-tdh-world-congress.trig",
        "jwc:status voc:status-in-preparation .",
        "jwc:status voc:status-postponed .",
        "Violation",
        "event/prep-costa-rica",
        "jwc:status",
    ),
    (
        "removed the gap on the ninth member",
        "003-crin-juvenile-justice.trig",
        "jwc:gapIn jo:cjag ;",
        "jwc:gapIn jo:ipjj ;",
        "Warning",
        "org/cjag",
        "members",
    ),
    (
        "removed a date gap",
        "001-tdh-world-congress.trig",
        "jwc:gapIn je:prep-kenya ; jwc:missingProperty schema:startDate ;",
        "jwc:gapIn je:prep-kenya ; jwc:missingProperty schema:endDate ;",
        "Warning",
        "event/prep-kenya",
        "no date",
    ),
    (
        "removed the gap on who runs an initiative",
        "041-unodc-world-congress-2021.trig",
        "jwc:gapIn ji:gi-cyag ; jwc:missingProperty jwc:runBy ;",
        "jwc:gapIn ji:gi-cyag ; jwc:missingProperty jwc:partOf ;",
        "Warning",
        "initiative/gi-cyag",
        "who runs",
    ),
    (
        "left a membership without its coalition",
        "002-global-forum.trig",
        "org:member jo:dci ; org:organization jo:ngo-panel ;",
        "org:member jo:dci ;",
        "Violation",
        "membership/dci-ngo-panel",
        "org:organization",
    ),
    (
        "gave a commitment two quotes of its source",
        "000-global-initiative-about.trig",
        'jwc:asStated "with a particular emphasis on SDG16" .',
        'jwc:asStated "with a particular emphasis on SDG16" , "our efforts" .',
        "Violation",
        "commitment/gi-sdg-alignment",
        "jwc:asStated",
    ),
]


@pytest.mark.parametrize("what,name,old,new,severity,focus,words", CASES, ids=[c[0] for c in CASES])
def test_mistake_is_caught(fresh, what, name, old, new, severity, focus, words):
    report = validate_edit(fresh, name, old, new)
    hits = [f for f in report.findings if f.focus.endswith("/" + focus) and f.severity == severity]
    assert hits, f"{what}: expected a {severity} on {focus}, got:\n" + "\n".join(
        f"{f.severity} {f.focus} {f.message}" for f in report.findings if f.severity != "Info"
    )
    if words:
        assert any(words in f.message for f in hits), [f.message for f in hits]
    assert report.conforms == (severity != "Violation")
