"""Validate data against the SHACL shapes with pySHACL, and report findings in words a steward can act on."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import pyshacl
import rdflib
from rdflib.namespace import SH, SKOS

from ..base.namespaces import shorten

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One SHACL result: who, which rule, which value, and the shape's message (which says the fix)."""

    severity: str
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str
    component: str = ""   # the SHACL constraint component, such as MinCountConstraintComponent


@dataclass
class Report:
    """All findings of one validation run; it conforms when no finding is a Violation."""

    findings: list[Finding] = field(default_factory=list)
    graph: rdflib.Graph | None = field(default=None, repr=False)

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def summary(self) -> str:
        return ", ".join(f"{self.count(s)} {s.lower()}{'s' if self.count(s) != 1 else ''}" for s in SEVERITIES)

    def text(self, labels: dict[str, str] | None = None, where: dict[str, list[str]] | None = None,
             severities: tuple[str, ...] = SEVERITIES) -> str:
        """Findings grouped by entity, worst first; `where` names the files that describe each entity."""
        labels, where = labels or {}, where or {}
        by_focus: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            if f.severity in severities:
                by_focus[f.focus].append(f)
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        lines: list[str] = []
        for focus, found in sorted(by_focus.items(), key=lambda kv: (min(rank[f.severity] for f in kv[1]), kv[0])):
            name = labels.get(focus)
            head = f"{shorten(focus)}" + (f" ({name})" if name else "")
            if where.get(focus):
                head += f" in {', '.join(where[focus])}"
            lines.append(head)
            for f in sorted(found, key=lambda f: (rank[f.severity], f.path or "", f.message)):
                detail = f"  {f.severity}: {f.message}"
                if f.path:
                    detail += f"\n    property: {shorten(f.path)}"
                if f.value:
                    detail += f"\n    value: {f.value}"
                lines.append(detail)
        return "\n".join(lines)


def _value_text(node) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return shorten(str(node))
    if isinstance(node, rdflib.Literal):
        return node.n3()
    return str(node)


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
            strOrQuery = prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)
    query.jwc_cached = True
    processor.SPARQLProcessor.query = query


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> Report:
    """Run pySHACL (SHACL-AF on for the shapes' SPARQL targets, no inference: the ontology is in `data`)."""
    cache_sparql_parsing()
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True,
        allow_warnings=True, allow_infos=True, abort_on_first=False,
    )
    findings = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage)
        shape = results.value(r, SH.sourceShape)
        component = str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        findings.append(Finding(
            severity=severity,
            focus=str(results.value(r, SH.focusNode)),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            value=_value_text(results.value(r, SH.value)),
            message=str(message) if message else f"breaks the rule {component}",
            shape=shorten(str(shape)) if isinstance(shape, rdflib.URIRef) else component,
            component=component,
        ))
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.focus, f.path or "", f.message))
    return Report(findings, results)


def labels_of(graph: rdflib.Graph) -> dict[str, str]:
    """Each entity's preferred name, for reports."""
    return {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel)}
