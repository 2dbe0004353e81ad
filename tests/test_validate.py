"""`jwc validate` as a steward uses it: formats in, reports out, exit codes, and the rules across records."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.namespace import SH

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.intake import check, reports

PREFIXES = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix jo: <https://w3id.org/jwc/id/org/> .
@prefix jm: <https://w3id.org/jwc/id/membership/> .
@prefix je: <https://w3id.org/jwc/id/event/> .
@prefix voc: <https://w3id.org/jwc/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix time: <http://www.w3.org/2006/time#> .
"""

GOOD = (
    PREFIXES
    + """
jo:child-justice-watch a jwc:NGO ;
    skos:prefLabel "Child Justice Watch"@en ;
    dcterms:description "A watchdog of children's rights in justice systems."@en .
jm:child-justice-watch-ipjj a org:Membership ;
    org:member jo:child-justice-watch ; org:organization jo:ipjj ; org:role voc:role-member .
"""
)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(built, tmp_path, text: str, name: str = "sub.ttl"):
    return check.validate_files(built, [write(tmp_path, name, text)])


def test_a_good_submission_conforms_referring_to_entities_of_the_graph(built, tmp_path):
    report = issues_of(built, tmp_path, GOOD)
    assert report.conforms, reports.text(report)
    assert not [i for i in report.findings if i.severity != "Info"]
    assert report.records == {
        "https://w3id.org/jwc/id/org/child-justice-watch",
        "https://w3id.org/jwc/id/membership/child-justice-watch-ipjj",
    }
    assert report.context_triples < 5000, "only a neighbourhood of the graph is loaded"


@pytest.mark.parametrize(
    "name,converter",
    [("sub.nt", "nt"), ("sub.nq", "nquads"), ("sub.jsonld", "json-ld"), ("sub.rdf", "xml"), ("sub.trig", "trig")],
)
def test_every_rdf_format_gives_the_same_findings(built, tmp_path, name, converter):
    bad = GOOD.replace(
        'skos:prefLabel "Child Justice Watch"@en ;', 'skos:prefLabel "Child Justice Watch"@en , "CJW"@en ;'
    )
    g = rdflib.Dataset() if converter in ("nquads", "trig") else rdflib.Graph()
    if converter in ("nquads", "trig"):
        g.graph(rdflib.URIRef("https://w3id.org/jwc/id/graph/x")).parse(data=bad, format="turtle")
    else:
        g.parse(data=bad, format="turtle")
    as_ttl = issues_of(built, tmp_path, bad)
    other = issues_of(built, tmp_path, g.serialize(format=converter), name)
    assert {i.key for i in other.findings} == {i.key for i in as_ttl.findings}
    assert any(i.component == "UniqueLangConstraintComponent" for i in other.findings)


RULES = [
    # (what the steward did, the Turtle, severity, shape, words in the message)
    (
        "a membership that ends before it starts",
        GOOD.replace(
            "org:role voc:role-member .",
            """org:role voc:role-member ;
        org:memberDuring [ a time:Interval ; time:hasBeginning [ a time:Instant ; time:inXSDgYear "2012"^^xsd:gYear ] ;
                           time:hasEnd [ a time:Instant ; time:inXSDgYear "2010"^^xsd:gYear ] ] .""",
        ),
        "Violation",
        "jsh:MembershipPeriodShape",
        "ends (2010) before it starts (2012)",
    ),
    (
        "a preparatory meeting after its congress",
        PREFIXES
        + """
        je:prep-late a jwc:PreparatoryMeeting ; skos:prefLabel "Late meeting"@en ; jwc:scope voc:scope-regional ;
            jwc:preparesFor je:wc-2021 ; schema:startDate "2022-03"^^xsd:gYearMonth .""",
        "Violation",
        "jsh:PreparatoryMeetingOrderShape",
        "dated after the congress",
    ),
    (
        "an acronym of another organisation",
        GOOD.replace(
            'skos:prefLabel "Child Justice Watch"@en ;',
            'skos:prefLabel "Child Justice Watch"@en ; skos:altLabel "PRI" ;',
        ),
        "Violation",
        "jsh:SharedNameShape",
        "is also a name of",
    ),
    (
        "a new organisation with the name of an existing one",
        GOOD.replace('"Child Justice Watch"@en', '"Penal Reform International"'),
        "Warning",
        "jsh:DuplicateOrganisationShape",
        "jo:pri",
    ),
    (
        "a founding year 1850",
        GOOD.replace("dcterms:description", 'schema:foundingDate "1850"^^xsd:gYear ; dcterms:description'),
        "Warning",
        "jsh:PlausibleDateShape",
        "outside 1900 to 2100",
    ),
]


@pytest.mark.parametrize("what,text,severity,shape,words", RULES, ids=[r[0] for r in RULES])
def test_cross_record_rules(built, tmp_path, what, text, severity, shape, words):
    report = issues_of(built, tmp_path, text)
    hits = [i for i in report.findings if i.shape == shape and i.severity == severity]
    assert hits, f"{what}: expected {severity} from {shape}, got:\n{reports.text(report)}"
    assert any(words in i.message for i in hits), [i.message for i in hits]
    assert report.conforms == (severity != "Violation")


def test_unknown_reference_suggests_the_closest_names(built, tmp_path):
    report = issues_of(
        built, tmp_path, GOOD.replace("org:member jo:child-justice-watch", "org:member jo:penal-reform-int")
    )
    hit = next(i for i in report.findings if i.shape == "jsh:KnownReferenceShape")
    assert "did you mean Penal Reform International (jo:pri)?" in hit.message
    assert hit.suggestions[0] == "https://w3id.org/jwc/id/org/pri"
    assert hit.where.endswith("sub.ttl")


def test_owl_imports_is_not_followed_but_reported(built, tmp_path):
    text = (
        GOOD
        + "<https://w3id.org/jwc/id/org/child-justice-watch> <http://www.w3.org/2002/07/owl#imports> <http://10.255.255.1/onto.ttl> .\n"
    )
    report = issues_of(built, tmp_path, text)
    hit = [i for i in report.findings if "owl:imports" in i.message]
    assert hit and hit[0].severity == "Warning" and "not followed" in hit[0].message


def test_report_formats(built, tmp_path):
    text = (
        GOOD.replace('"Child Justice Watch"@en', '"<script>alert(1)</script> & <b>Watch</b>"@en')
        .replace("org:organization jo:ipjj", "org:organization jo:ipjjj")
        .replace("dcterms:description", 'schema:foundingDate "<script>alert(2)</script>" ; dcterms:description')
    )
    report = issues_of(built, tmp_path, text)
    assert not report.conforms
    as_text = reports.text(report)
    assert "jo:ipjjj" in as_text and "fix:" in as_text and "Violation" in as_text
    data = json.loads(reports.to_json(report))
    assert data["conforms"] is False and data["summary"]["violations"] == report.count("Violation")
    assert {"severity", "focus", "path", "value", "rule", "fix", "where", "suggestions"} <= set(data["issues"][0])
    g = rdflib.Graph().parse(data=reports.turtle(report), format="turtle")
    assert (None, SH.conforms, rdflib.Literal(False)) in g
    assert len(list(g.subjects(rdflib.RDF.type, SH.ValidationResult))) == len(report.findings)
    page = reports.to_html(report)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page, "an offending value is shown, escaped"
    assert "<b>Watch" not in page
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", page), "the page must not load anything"


def test_cli_exit_codes_and_output_file(built, tmp_path):
    good = write(tmp_path, "good.ttl", GOOD)
    bad = write(tmp_path, "bad.ttl", GOOD.replace("org:role voc:role-member", "org:role voc:role-boss"))
    ok = run_jwc("validate", str(good), cwd=built.root)
    assert ok.returncode == 0, ok.stderr.decode()
    assert "conforms" in ok.stdout.decode()
    out = tmp_path / "report.html"
    no = run_jwc("validate", str(bad), "--format", "html", "--output", str(out), cwd=built.root)
    assert no.returncode == 1, no.stderr.decode()
    assert "does not conform" in no.stderr.decode() and "<!DOCTYPE html>" in out.read_text()
    broken = write(tmp_path, "broken.ttl", "@prefix x: <http://x/> .\nx:a x:b .\n")
    err = run_jwc("validate", str(broken), "-f", "json", cwd=built.root)
    assert err.returncode == 2 and "broken.ttl:2:" in err.stderr.decode()
    assert "Traceback" not in err.stderr.decode()


def test_validate_before_any_build_says_to_build_first(fresh, tmp_path):
    with pytest.raises(InputError, match="jwc build"):
        check.validate_files(fresh, [write(tmp_path, "good.ttl", GOOD)])
