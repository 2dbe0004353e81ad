"""One-per-source rules: a Violation on the union of all sources that no single source breaks is a disagreement.

The shapes run on the union of the source graphs (they need it: a membership in one source points to an
organisation another source types). Three kinds of rule are about what one source says, though: "at most
one value" (a founding year), "one name per language", and closed shapes (a property the kind of record
does not allow, where the kind comes from another source). A Violation of these is checked again with
each source's statements about the node apart; if no source breaks the rule on its own, the finding becomes
a Warning naming the sources, and `jwc conflicts` lists the values side by side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from ..base.namespaces import CATALOGUE_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, shorten
from ..rdf import convert
from . import shacl
from .findings import Finding, Report

#: The rules each source must keep by itself, not all sources together.
PER_SOURCE = {"MaxCountConstraintComponent", "UniqueLangConstraintComponent", "ClosedConstraintComponent"}
SHARED = {ONTOLOGY_GRAPH, CATALOGUE_GRAPH}
SUFFIX = "#in-"


def _graph(q: ox.Quad) -> str | None:
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None


def validate(quads: Iterable[ox.Quad], shapes: rdflib.Graph) -> Report:
    """The build's validation of ontology and data quads: the shapes on the union of the sources, then the
    one-per-source rules rechecked with each source apart."""
    quads = [q for q in quads if _graph(q) != SHAPES_GRAPH]
    report = shacl.validate(convert.to_graph(quads), shapes)
    recheck(report, quads, shapes)
    return report


def recheck(report: Report, quads: Iterable[ox.Quad], shapes: rdflib.Graph) -> None:
    """Turn the report's union-only Violations of one-per-source rules into Warnings that name the sources."""
    candidates = [f for f in report.findings if f.severity == "Violation" and f.component in PER_SOURCE]
    if not candidates:
        return
    quads = [q for q in quads if _graph(q) != SHAPES_GRAPH]
    focus = {ox.NamedNode(f.focus) for f in candidates if "://" in f.focus}
    graphs = sorted({_graph(q) for q in quads if q.subject in focus and _graph(q) not in SHARED | {None}})
    index = {g: i for i, g in enumerate(graphs)}
    by_graph: dict[str | None, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_graph[_graph(q)].append(q)
    copies = [q for g in SHARED for q in by_graph[g]]
    for g in graphs:
        own = by_graph[g]
        reached, todo = set(), [q.subject for q in own if q.subject in focus]
        while todo:  # the focus nodes and the blank nodes they reach in this source
            node = todo.pop()
            if node in reached:
                continue
            reached.add(node)
            todo += [q.object for q in own if q.subject == node and isinstance(q.object, ox.BlankNode)]
        for q in own:
            if q.subject in reached:
                subject = ox.NamedNode(f"{q.subject.value}{SUFFIX}{index[g]}") if q.subject in focus else q.subject
                copies.append(ox.Quad(subject, q.predicate, q.object, q.graph_name))
    apart = shacl.validate(convert.to_graph(copies), _without_whole_graph_targets(shapes))
    broken = {(f.focus.split(SUFFIX)[0], f.path, f.component) for f in apart.findings if SUFFIX in f.focus}
    values = _values(quads, focus)
    for f in candidates:
        if (f.focus, f.path, f.component) not in broken and "://" in f.focus:
            _disagreement(f, values)


def _without_whole_graph_targets(shapes: rdflib.Graph) -> rdflib.Graph:
    """The shapes less the targets of the whole-graph shapes (SHACL-AF SPARQL targets): those shapes hold only
    SPARQL constraints, none of the one-per-source rules rechecked here, and their targets scan every statement."""
    sparql = {t for t in shapes.objects(None, SH.target) if (t, rdflib.RDF.type, SH.SPARQLTarget) in shapes}
    out = rdflib.Graph()
    for triple in shapes:
        if not (triple[1] == SH.target and triple[2] in sparql):
            out.add(triple)
    return out


def _values(quads: list[ox.Quad], focus: set) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(node, property) -> {source graph: the values it states}, for the nodes rechecked."""
    out: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        if q.subject in focus and _graph(q) not in SHARED | {None}:
            out[(q.subject.value, q.predicate.value)][_graph(q)].append(shacl.value_text(convert.term(q.object)))
    return out


def _disagreement(f: Finding, values: dict) -> None:
    """Rewrite a finding as the Warning that two or more sources disagree."""
    said = values.get((f.focus, f.path or ""), {})
    if f.component == "ClosedConstraintComponent":
        kinds = values.get((f.focus, str(rdflib.RDF.type)), {})
        others = {g: v for g, v in kinds.items() if g not in said}
        f.message = (
            f"Sources disagree on what {shorten(f.focus)} is: {_said(said)} states {shorten(f.path or '')}, which the "
            f"kind given by {_said(others) or 'another source'} does not allow; each source is consistent on its own"
        )
        f.severity = "Warning"
    else:
        each = "; ".join(f"{shorten(g)} says {', '.join(sorted(v))}" for g, v in sorted(said.items()))
        if _one_date(said):
            f.message = f"Sources give {shorten(f.path or '')} at different precisions, which agree: {each}"
            f.severity = "Info"
        else:
            f.message = (
                f"Sources disagree on {shorten(f.path or '')}: {each} (each keeps the rule on its own; all kept)"
            )
            f.severity = "Warning"
    f.fix = "nothing to fix where the sources say so: `jwc conflicts` lists every disagreement with its sources"


def _one_date(by_graph: dict[str, list[str]]) -> bool:
    """Whether the values are dates of different precision of which each longer one extends the shorter ones."""
    dates = sorted({v.split('"')[1] for vs in by_graph.values() for v in vs if v.startswith('"')}, key=len)
    return len(dates) > 1 and all(later.startswith(earlier) for earlier, later in zip(dates, dates[1:]))


def _said(by_graph: dict[str, list[str]]) -> str:
    return " and ".join(shorten(g) for g in sorted(by_graph))
