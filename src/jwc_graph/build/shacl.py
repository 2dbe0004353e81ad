"""Validate data against the SHACL shapes with pySHACL, and turn its results into findings a steward can act on."""

from __future__ import annotations

import functools
import re

import pyshacl
import rdflib
from rdflib.namespace import SH, SKOS

from ..base.namespaces import shorten
from . import sparql_functions  # noqa: F401  (jwc:nameKey for the shapes' SPARQL)
from .findings import RANK, Finding, Report

#: How to fix a finding, by constraint component, where the shape's own message does not say.
FIXES = {
    "ClosedConstraintComponent": "this property is not allowed on this kind of record: check its name for a typo "
    "(see the shapes in shapes/jwc-shapes.ttl for the allowed ones)",
    "MinCountConstraintComponent": "add the missing value",
    "MaxCountConstraintComponent": "keep only one value (move other names to skos:altLabel)",
    "DatatypeConstraintComponent": "write the value with the datatype the rule names",
    "ClassConstraintComponent": "point to an entity of the kind the rule names",
    "InConstraintComponent": "use one of the values the rule lists",
}


def short_iris(text: str) -> str:
    """A message with the IRIs pySHACL substituted in written short (jo:pri, not https://w3id.org/jwc/id/org/pri)."""
    return re.sub(r"<?(https?://[^\s<>\"{}|^`,;)]+[^\s<>\"{}|^`,;.)])>?", lambda m: shorten(m[1]), text)


def value_text(node) -> str | None:
    """A value as a report shows it: a CURIE, or a literal with its datatype written short."""
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return shorten(str(node))
    if isinstance(node, rdflib.Literal):
        if node.datatype:
            return f"{rdflib.Literal(str(node)).n3()}^^{shorten(str(node.datatype))}"
        return node.n3()
    return str(node)


def finding(results: rdflib.Graph, result) -> tuple[Finding, rdflib.term.Node | None]:
    """One sh:ValidationResult of pySHACL's report graph as a Finding, and its raw value (for suggestions)."""
    severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    shape = results.value(result, SH.sourceShape)
    component = str(results.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
    value = results.value(result, SH.value)
    return Finding(
        severity=severity,
        focus=str(results.value(result, SH.focusNode)),
        component=component,
        path=str(path) if isinstance(path, rdflib.URIRef) else None,
        value=value_text(value),
        message=short_iris(str(message)) if message else f"breaks the rule {component}",
        shape=shorten(str(shape)) if isinstance(shape, rdflib.URIRef) else component,
        fix=FIXES.get(component),
        result=result,
    ), value


def sort_findings(findings: list[Finding]) -> None:
    """Worst first, then by record, property and message, so every report lists them in the same order."""
    findings.sort(key=lambda f: (RANK[f.severity], f.focus, f.path or "", f.message))


def cache_sparql_parsing() -> None:
    """Parse each SPARQL text once: pySHACL hands rdflib a SPARQL constraint's text once per focus node, and
    rdflib parses it every time (about 0.15 s each, most of a validation run). rdflib documents a
    translated (prepared) query as reusable with other bindings; the cache is keyed on text, base and prefixes."""
    from rdflib.plugins.sparql import processor

    if getattr(processor.SPARQLProcessor.query, "jwc_cached", False):
        return
    original = processor.SPARQLProcessor.query

    @functools.lru_cache(maxsize=512)
    def prepared(text, base, namespaces):
        return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces))

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            strOrQuery = prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))  # noqa: N806
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    query.jwc_cached = True
    processor.SPARQLProcessor.query = query


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> Report:
    """Run pySHACL (SHACL-AF on for the shapes' SPARQL targets, no inference: the ontology is in `data`)."""
    cache_sparql_parsing()
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
        abort_on_first=False,
    )
    findings = [finding(results, r)[0] for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)]
    sort_findings(findings)
    return Report(findings, results)


def labels_of(quads) -> dict[str, str]:
    """Each entity's preferred name, for reports (from quads, so no rdflib graph is made for it)."""
    pref = str(SKOS.prefLabel)
    return {q.subject.value: q.object.value for q in quads if q.predicate.value == pref}
