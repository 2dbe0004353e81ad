"""The ontology: documented, consistent under HermiT, and the reasoner test can fail."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from conftest import REPO
from jwc_graph.build import reasoning
from jwc_graph.rdf import convert
from jwc_graph.rdf.files import parse_file

JWC = rdflib.Namespace("https://w3id.org/jwc/ontology#")


def load(*patterns: str) -> rdflib.Graph:
    quads = []
    for pattern in patterns:
        role = "ontology" if pattern.startswith("ontology") else "data"
        for path in sorted(REPO.glob(pattern)):
            quads.extend(parse_file(path, role).quads)
    return convert.to_graph(quads)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return load("ontology/*.ttl")


def test_every_class_and_property_has_a_label_and_a_one_sentence_definition(ontology):
    problems = []
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(JWC))}
    assert len(terms) > 80
    for term in sorted(terms):
        label = ontology.value(term, RDFS.label)
        definition = ontology.value(term, SKOS.definition)
        if not label:
            problems.append(f"{term}: no rdfs:label")
        if not definition:
            problems.append(f"{term}: no skos:definition")
        elif not str(definition).rstrip().endswith((".", "!")) or str(definition).count(". ") > 1:
            problems.append(f"{term}: the definition should be one sentence: {definition!r}")
    assert not problems, "add these to ontology/jwc.ttl:\n" + "\n".join(problems)


def test_external_terms_are_declared_with_a_label_and_their_vocabulary_only(ontology):
    """Reused terms are declared (so tools know their kind), never given the project's own definitions or axioms."""
    jwc_file = load("ontology/jwc.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    external = {
        s
        for k in kinds
        for s in jwc_file.subjects(RDF.type, k)
        if isinstance(s, rdflib.URIRef) and not str(s).startswith(str(JWC))
    }
    assert len(external) > 60
    allowed = {RDF.type, RDFS.label, RDFS.isDefinedBy}
    problems = [f"{t}: {p}" for t in sorted(external) for p in set(jwc_file.predicates(t)) - allowed]
    problems += [
        f"{t}: no rdfs:label / rdfs:isDefinedBy"
        for t in sorted(external)
        if not jwc_file.value(t, RDFS.label) or not jwc_file.value(t, RDFS.isDefinedBy)
    ]
    assert not problems, (
        "ontology/jwc.ttl re-axiomatises reused terms (say it on the project's sub-terms):\n" + "\n".join(problems)
    )


def test_project_terms_are_aligned_to_a_standard_vocabulary(ontology):
    own_classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(JWC))]
    unaligned = [c for c in own_classes if ontology.value(c, RDFS.subClassOf) is None]
    assert not unaligned, f"give these an rdfs:subClassOf to ORG, schema.org, SKOS or PROV-O: {unaligned}"


def test_no_owl_imports_so_nothing_is_fetched(ontology):
    assert not list(ontology.triples((None, OWL.imports, None)))


@pytest.mark.slow
def test_ontology_and_data_are_consistent_under_hermit():
    result = reasoning.check(load("ontology/*.ttl", "data/*.trig"))
    assert result.consistent, result.text()
    assert result.unsatisfiable == [], result.text()
    assert result.classes > 50, "the reasoner should have loaded the whole ontology"


@pytest.mark.slow
def test_hermit_finds_an_individual_of_disjoint_classes():
    graph = load("ontology/*.ttl", "data/*.trig")
    graph.add((rdflib.URIRef("https://w3id.org/jwc/id/org/unicef"), RDF.type, JWC.NGO))
    result = reasoning.check(graph)
    assert not result.consistent
    assert "inconsistent" in result.text()


@pytest.mark.slow
def test_hermit_reports_an_unsatisfiable_class():
    graph = load("ontology/*.ttl")
    bad = JWC.UNNGO
    graph.add((bad, RDF.type, OWL.Class))
    graph.add((bad, RDFS.subClassOf, JWC.NGO))
    graph.add((bad, RDFS.subClassOf, JWC.UNAgency))
    result = reasoning.check(graph)
    assert result.consistent
    assert str(bad) in result.unsatisfiable


@pytest.mark.slow
def test_check_ontology_command_reports_in_words(fresh):
    from conftest import run_jwc

    proc = run_jwc("check-ontology", cwd=fresh.root)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "consistent" in out and "unsatisfiable classes: none" in out
    organization = next(line for line in out.splitlines() if line.strip() == "- Organization (Organization)")
    formal = next(line for line in out.splitlines() if line.strip() == "- Formal organization (FormalOrganization)")
    assert len(formal) - len(formal.lstrip()) > len(organization) - len(organization.lstrip())
    assert "- panel (Panel)" in out.split("- coalition (Coalition)")[1].split("- partnership")[0]
    path = fresh.data_dir / "004-ipjj-members.trig"
    path.write_text(path.read_text().replace("jo:unicef a jwc:UNAgency ;", "jo:unicef a jwc:UNAgency , jwc:NGO ;"))
    proc = run_jwc("check-ontology", "--no-hierarchy", cwd=fresh.root)
    assert proc.returncode == 1
    assert "INCONSISTENT" in proc.stdout.decode() and "disjoint" in proc.stderr.decode()
