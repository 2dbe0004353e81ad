"""The model: sources that disagree build and are listed; reused vocabularies' axioms hold; the shapes survive
inference and accept links out; the ontology is OWL 2 DL; the dataset is described for publishing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SH

from conftest import REPO, run_jwc
from jwc_graph.build import derive, owl_profile, per_source, reasoning
from jwc_graph.rdf import convert
from jwc_graph.rdf.files import parse_file

PREFIXES = """@prefix jwc: <https://w3id.org/jwc/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix jo: <https://w3id.org/jwc/id/org/> . @prefix src: <https://w3id.org/jwc/id/source/> .
@prefix jpr: <https://w3id.org/jwc/id/priority/> .
"""
#: A source that disagrees with the seeds in the three ways the model must take: another founding year for
#: Tdh (004 says 1960), another French name for Tdh, and OMCT typed a coalition (003 says an NGO).
DISAGREEING = (
    PREFIXES
    + """
src:test-disagreeing {
    jo:tdh a jwc:NGO ; skos:prefLabel "Terre des Hommes (fondation)"@fr ; schema:foundingDate "1961"^^xsd:gYear .
    jo:omct a jwc:Coalition ; skos:prefLabel "World Organisation Against Torture"@en .
}
"""
)
CATALOGUE = (
    PREFIXES
    + """
<https://w3id.org/jwc/id/graph/catalogue> {
    src:test-disagreeing a jwc:Source ; dcterms:title "A test page that disagrees with the seeds"@en ;
        schema:url "https://example.org/disagreeing"^^xsd:anyURI .
}
"""
)


def add_source(project, name: str, text: str) -> None:
    (project.data_dir / name).write_text(text, encoding="utf-8")
    (project.data_dir / "899-test-catalogue.trig").write_text(CATALOGUE.replace("test-disagreeing", name[4:-5]))


def project_quads(root: Path, roles=("ontology", "data")) -> list[ox.Quad]:
    out = []
    for role, pattern in (("ontology", "ontology/*.ttl"), ("data", "data/*.trig")):
        if role in roles:
            out += [q for p in sorted(root.glob(pattern)) for q in parse_file(p, role).quads]
    return out


@pytest.mark.slow
def test_a_source_that_disagrees_builds_and_its_disagreements_are_listed(fresh):
    add_source(fresh, "900-test-disagreeing.trig", DISAGREEING)
    proc = run_jwc("build", cwd=fresh.root)
    assert proc.returncode == 0, proc.stderr.decode()
    report = (fresh.dist_dir / "validation.txt").read_text()
    assert "Sources disagree on schema:foundingDate" in report and "src:test-disagreeing" in report
    assert "src:ipjj-members" in report.split("Sources disagree on schema:foundingDate")[1].split("\n")[0]
    listed = json.loads(run_jwc("conflicts", "--format", "json", cwd=fresh.root, check=True).stdout)
    found = {
        (c["subject"].rsplit("/", 1)[-1], c["kind"], c["property"].rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        for c in listed
        if "test-disagreeing" in (c["source"] + c["other_source"])
    }
    assert ("tdh", "value", "foundingDate") in found
    assert ("tdh", "name", "prefLabel") in found
    assert ("omct", "kind", "type") in found
    omct = next(c for c in listed if c["subject"].endswith("/omct") and c["kind"] == "kind")
    assert {omct["value"], omct["other_value"]} == {"jwc:NGO", "jwc:Coalition"}
    text = run_jwc("conflicts", cwd=fresh.root, check=True).stdout.decode()
    assert "schema:foundingDate: 1960 (src:ipjj-members) vs 1961 (src:test-disagreeing)" in text


@pytest.mark.slow
def test_the_reasoner_checks_each_source_apart_and_names_the_one_at_fault():
    quads = project_quads(REPO)
    unicef = ox.NamedNode("https://w3id.org/jwc/id/org/unicef")
    ngo = ox.NamedNode("https://w3id.org/jwc/ontology#NGO")
    rdf_type = ox.NamedNode(str(RDF.type))
    other = ox.NamedNode("https://w3id.org/jwc/id/source/test-other")
    apart = reasoning.check_sources([*quads, ox.Quad(unicef, rdf_type, ngo, other)])
    assert apart.consistent, "another source calling UNICEF an NGO is a disagreement, not an inconsistency"
    same = ox.NamedNode("https://w3id.org/jwc/id/source/ipjj-members")
    result = reasoning.check_sources([*quads, ox.Quad(unicef, rdf_type, ngo, same)])
    assert not result.consistent and result.source == same.value
    assert "the source src:ipjj-members is inconsistent" in result.text()


@pytest.mark.slow
def test_the_reused_vocabularies_axioms_are_checked():
    """SKOS S9: a concept scheme is no concept; giving a scheme jwc:priorityOf (domain jwc:Priority) breaks it."""
    quads = project_quads(REPO)
    scheme = ox.NamedNode("https://w3id.org/jwc/id/priority/gi-priorities")
    gi = ox.NamedNode("https://w3id.org/jwc/id/initiative/global-initiative")
    prio_of = ox.NamedNode("https://w3id.org/jwc/ontology#priorityOf")
    graph = ox.NamedNode("https://w3id.org/jwc/id/source/gi-about")
    assert reasoning.check_sources(quads).consistent
    assert not reasoning.check_sources([*quads, ox.Quad(scheme, prio_of, gi, graph)]).consistent


def test_every_org_and_prov_axiom_stands_in_the_vendored_vocabulary_files():
    axioms = rdflib.Graph().parse(REPO / "ontology" / "external-axioms.ttl")
    originals = {"http://www.w3.org/ns/org#": "org.ttl", "http://www.w3.org/ns/prov#": "prov-o.ttl"}
    vendored = {ns: rdflib.Graph().parse(REPO / "ontology" / "external" / "w3c" / f) for ns, f in originals.items()}
    missing = [
        f"{s} {p} {o}"
        for s, p, o in axioms
        for ns, g in vendored.items()
        if str(s).startswith(ns) and (s, p, o) not in g and p != RDF.type
    ]
    assert not missing, "axioms not in the W3C files they are said to come from:\n" + "\n".join(missing)
    assert (REPO / "ontology" / "external" / "w3c" / "LICENSE").is_file()


def test_the_ontology_is_owl2_dl():
    ontology = convert.to_graph(project_quads(REPO, roles=("ontology",)))
    assert owl_profile.violations(ontology) == []
    broken = ontology + rdflib.Graph().parse(
        data="<http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> a <http://www.w3.org/2002/07/owl#Class> .",
        format="turtle",
    )
    assert any("reserved vocabulary" in v for v in owl_profile.violations(broken)), "the check can fail"


def _verdict(data: rdflib.Graph, shapes: rdflib.Graph, inference: str) -> Counter:
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference=inference, advanced=True, allow_warnings=True, allow_infos=True
    )
    return Counter(
        (
            str(results.value(r, SH.focusNode)),
            str(results.value(r, SH.resultPath)),
            str(results.value(r, SH.sourceConstraintComponent)),
            str(results.value(r, SH.resultSeverity)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )


@pytest.mark.slow
def test_shapes_give_the_same_verdict_with_and_without_rdfs_inference():
    """Anyone loading the data into a reasoning store and validating sees what the build sees."""
    quads = project_quads(REPO)
    data = convert.to_graph([*quads, *derive.derived(quads)])
    shapes = convert.to_graph(q for p in sorted((REPO / "shapes").glob("*.ttl")) for q in parse_file(p, "shapes").quads)
    plain, inferred = _verdict(data, shapes, "none"), _verdict(data, shapes, "rdfs")
    assert inferred == plain


LINKS = [
    (OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q1065")),
    (rdflib.URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"), rdflib.URIRef("http://example.org/x")),
    (rdflib.URIRef("https://w3id.org/jwc/ontology#wikidata"), rdflib.URIRef("http://www.wikidata.org/entity/Q1065")),
    (rdflib.URIRef("http://xmlns.com/foaf/0.1/homepage"), rdflib.URIRef("https://example.org/")),
    (rdflib.URIRef("http://schema.org/sameAs"), rdflib.URIRef("https://example.org/")),
    (rdflib.URIRef("http://schema.org/identifier"), rdflib.Literal("X-1")),
    (rdflib.URIRef("http://purl.org/dc/terms/identifier"), rdflib.Literal("X-1")),
    (rdflib.RDFS.label, rdflib.Literal("a label")),
    (rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), rdflib.URIRef("https://example.org/")),
]


def test_every_closed_shape_accepts_the_links_out():
    quads = project_quads(REPO)
    data = convert.to_graph(quads)
    shapes = convert.to_graph(q for p in sorted((REPO / "shapes").glob("*.ttl")) for q in parse_file(p, "shapes").quads)
    closed = [s for s in shapes.subjects(SH.closed, rdflib.Literal(True)) if shapes.value(s, SH.targetClass)]
    assert len(closed) > 12
    linked = set()
    for shape in closed:
        target = shapes.value(shape, SH.targetClass)
        instance = next((s for s in data.subjects(RDF.type, target) if isinstance(s, rdflib.URIRef)), None)
        if instance is None:
            sub = next(data.subjects(rdflib.RDFS.subClassOf, target), None)
            instance = next((s for s in data.subjects(RDF.type, sub) if isinstance(s, rdflib.URIRef)), None)
        if instance is None:
            continue
        for p, o in LINKS:
            data.add((instance, p, o))
        linked.add(instance)
    report = per_source.validate(
        [
            *quads,
            *(
                ox.Quad(
                    ox.NamedNode(str(s)),
                    ox.NamedNode(str(p)),
                    convert_term(o),
                    ox.NamedNode("https://w3id.org/jwc/id/source/gi-about"),
                )
                for s in linked
                for p, o in LINKS
            ),
        ],
        shapes,
    )
    closed_findings = [f for f in report.findings if f.component == "ClosedConstraintComponent"]
    assert len(linked) > 10
    assert not closed_findings, [f"{f.focus} {f.path}" for f in closed_findings]


def convert_term(term):
    return ox.NamedNode(str(term)) if isinstance(term, rdflib.URIRef) else ox.Literal(str(term))


def test_the_dataset_description_has_licence_publisher_endpoint_and_dumps(built):
    void = rdflib.Graph().parse(built.dist_dir / "void.ttl")
    ds = rdflib.URIRef("https://w3id.org/jwc/id/dataset/jwc-graph")
    dct, voidns, dcat = (
        rdflib.Namespace(n)
        for n in ("http://purl.org/dc/terms/", "http://rdfs.org/ns/void#", "http://www.w3.org/ns/dcat#")
    )
    assert void.value(ds, dct.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert void.value(ds, dct.publisher) is not None and void.value(ds, dct.issued) is not None
    assert void.value(ds, voidns.sparqlEndpoint) == rdflib.URIRef("https://w3id.org/jwc/sparql")
    dumps = {str(d) for d in void.objects(ds, voidns.dataDump)}
    assert "https://w3id.org/jwc/dist/jwc.nq" in dumps and len(dumps) == 4
    media = {str(m) for m in void.objects(None, dcat.mediaType)}
    assert "https://www.iana.org/assignments/media-types/application/n-quads" in media
    subsets = {str(s).rsplit("/", 1)[-1] for s in void.objects(ds, voidns.subset)}
    assert {"ontology", "shapes", "catalogue", "source-gi-about"} <= subsets, subsets
    rights = rdflib.Dataset().parse(REPO / "data" / "sources.trig", format="trig")
    assert len({s for s, _p, _o, _g in rights.quads((None, dct.rights, None, None))}) >= 5, "each seed's terms"


def test_the_ontology_has_version_licence_creator_and_prefix():
    g = rdflib.Graph().parse(REPO / "ontology" / "jwc.ttl")
    onto = rdflib.URIRef("https://w3id.org/jwc/ontology")
    assert str(g.value(onto, OWL.versionIRI)).startswith("https://w3id.org/jwc/ontology/")
    assert g.value(onto, OWL.versionInfo) and g.value(onto, rdflib.URIRef("http://purl.org/dc/terms/creator"))
    assert g.value(onto, rdflib.URIRef("http://purl.org/dc/terms/license"))
    assert str(g.value(onto, rdflib.URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))) == "jwc"


def test_countries_carry_iso_codes_from_the_library_not_typed_by_hand(store):
    import pycountry

    rows = {
        r["c"].value.rsplit("/", 1)[-1]: (r["a2"].value, r["a3"].value)
        for r in store.query(
            "SELECT ?c ?a2 ?a3 WHERE { GRAPH <https://w3id.org/jwc/id/source/iso-3166> { "
            "?c <https://w3id.org/jwc/ontology#iso3166Alpha2> ?a2 ; <https://w3id.org/jwc/ontology#iso3166Alpha3> ?a3 } }"
        )
    }
    assert rows["mexico"] == ("MX", "MEX") and rows["kenya"] == ("KE", "KEN")
    assert all(pycountry.countries.get(alpha_2=a2).alpha_3 == a3 for a2, a3 in rows.values())
    typed = " ".join(p.read_text() for p in (REPO / "data").glob("*.trig"))
    assert "iso3166Alpha2" not in typed, "codes come from pycountry at build time, never from data/"


def test_dates_of_different_precision_that_agree_are_no_disagreement(store):
    from jwc_graph.build import conflicts

    found = conflicts.find(store, REPO / "queries")
    assert not [c for c in found if c.subject.endswith("event/wc-2018") and "startDate" in c.property], (
        "2018 (two sources) and 2018-05 (one source) agree"
    )
    assert [c for c in found if c.subject.endswith("event/wc-2021") and c.property.endswith("#status")]


def test_one_pattern_each(store):
    def ask(q: str) -> bool:
        return bool(
            store.query(
                "PREFIX jwc: <https://w3id.org/jwc/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <http://schema.org/> " + q
            )
        )

    gi = "<https://w3id.org/jwc/id/initiative/global-initiative>"
    assert ask(f"ASK {{ GRAPH ?g {{ {gi} a jwc:Consortium . ?m org:organization {gi} ; org:member ?who }} }}")
    assert not ask("ASK { GRAPH ?g { ?p a jwc:Partnership ; jwc:partner ?x } }"), "partners are memberships"
    assert ask("ASK { GRAPH ?g { ?m org:organization ?p ; org:role <https://w3id.org/jwc/vocab/role-partner> } }")
    assert not ask(
        "ASK { GRAPH ?g { ?c jwc:committedBy ?e . ?e a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* schema:Event } }"
    )
    assert not ask(
        "ASK { GRAPH ?g { ?s jwc:ongoing ?o . FILTER NOT EXISTS { ?s a <http://www.w3.org/2006/time#Interval> } } }"
    )
    assert not ask("ASK { GRAPH ?g { ?i a jwc:Initiative ; schema:startDate ?d } }"), "periods are intervals"
    assert ask("ASK { GRAPH ?g { ?a prov:alternateOf ?b } }")
    assert ask(
        "ASK { GRAPH ?g { <https://w3id.org/jwc/id/org/unicef> org:subOrganizationOf <https://w3id.org/jwc/id/org/united-nations> } }"
    )
    assert ask(
        "ASK { GRAPH <https://w3id.org/jwc/ontology> { <https://w3id.org/jwc/id/theme/legal-aid> a jwc:Theme } }"
    )
