"""`jwc validate`: check submitted files against the shapes, with the built graph as context, before anything is stored.

The entry point for `jwc validate` and for `jwc submit` is `validate_files(project, paths)`. It reads
the files (submission_files, csv_templates), fetches the part of the graph the shapes can reach from
the submitted records (neighbourhood), runs pySHACL on the submission plus that part, and keeps the
results about the submitted records. Nothing is written: the store is opened read-only.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from ..rdf import convert

from ..build import shacl as validation
from ..base.errors import InputError
from ..rdf.files import parse_file
from .names import NameIndex, kind_of
from ..base.namespaces import ID, PREFIXES, SHAPES_GRAPH, shorten
from .neighbourhood import focus_nodes, neighbourhood
from ..base.project import Project
from ..build.shape_selection import relevant_shapes, without_other_targets
from ..rdf.store import open_store
from .files import DEFAULT_MAX_SIZE, Notice, SubmittedFile, read_file

#: Where triples that a file puts in no named graph go, until `jwc submit` names the submission's graph.
SUBMISSION_GRAPH = ID + "graph/submission"
SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
JSH = "https://w3id.org/jwc/shapes#"

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


@dataclass
class Issue:
    """One thing to tell the steward: about which record, how bad, which rule, which value, how to fix it."""

    severity: str
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    component: str = ""
    shape: str = ""
    fix: str | None = None
    suggestions: list[str] = field(default_factory=list)
    where: str | None = None
    label: str | None = None

    @property
    def key(self) -> tuple:
        """(focus, path, constraint component, severity): what the differential tests compare."""
        return (self.focus, self.path, self.component, self.severity)


@dataclass
class SubmissionReport:
    """The outcome of validating a submission: it conforms when no issue is a Violation."""

    files: list[SubmittedFile]
    issues: list[Issue]
    focus: set[str]
    results: rdflib.Graph = field(repr=False)
    context_triples: int = 0
    seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        return not any(i.severity == "Violation" for i in self.issues)

    @property
    def exit_code(self) -> int:
        """pySHACL's convention: 0 conforms, 1 does not conform (2, could not validate, is an InputError)."""
        return 0 if self.conforms else 1

    def count(self, severity: str) -> int:
        return sum(1 for i in self.issues if i.severity == severity)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s.lower()}{'s' if self.count(s) != 1 else ''}" for s in SEVERITY_RANK]
        return ", ".join(parts)

    def triples(self) -> int:
        return sum(len(f.quads) for f in self.files)

    def quads(self, graph: str = SUBMISSION_GRAPH) -> list[ox.Quad]:
        """The submission's quads, with triples that named no graph put in `graph` (for `jwc submit`)."""
        target = ox.NamedNode(graph)
        return [q if isinstance(q.graph_name, ox.NamedNode) else ox.Quad(q.subject, q.predicate, q.object, target)
                for f in self.files for q in f.quads]

    def by_record(self) -> list[tuple[str, list[Issue]]]:
        """Issues grouped by record, worst record first."""
        groups: dict[str, list[Issue]] = {}
        for issue in self.issues:
            groups.setdefault(issue.focus, []).append(issue)
        return sorted(groups.items(), key=lambda kv: (min(SEVERITY_RANK[i.severity] for i in kv[1]), kv[0]))


def load_shapes(project: Project) -> rdflib.Graph:
    """The project's SHACL shapes, from shapes/*.ttl (so a shapes edit counts before the next build)."""
    paths = sorted(project.shapes_dir.glob("*.ttl"))
    if not paths:
        raise InputError(f"{project.relative(project.shapes_dir)}/: no shapes files found")
    return convert.to_graph(q for p in paths for q in parse_file(p, "shapes", project.relative(p)).quads)


def read_submission(paths: Iterable[Path], store: ox.Store, max_size: int = DEFAULT_MAX_SIZE,
                    display=str) -> tuple[list[SubmittedFile], NameIndex | None]:
    """Parse every file; CSV rows are turned into triples once all names (graph and submission) are known."""
    from .csv_templates import names_of, to_quads
    files = [read_file(Path(p), max_size, display(Path(p))) for p in paths]
    if not files:
        raise InputError("no files to validate", fix="give one or more submission files")
    tables = [f for f in files if f.table is not None]
    names = None
    if tables:
        names = NameIndex.from_store(store)
        for f in files:
            names.add_quads(f.quads)
            if f.table is not None:
                for iri, pred, text in names_of(f.table):
                    names.add(iri, pred, text)
        for f in tables:
            to_quads(f, f.table, names)
    return files, names


def _term_text(node) -> str:
    return str(node)


def _results(results: rdflib.Graph, keep: set[str]) -> tuple[list[tuple], rdflib.Graph]:
    """The results whose focus node is in `keep`, as tuples, and a report graph holding only them."""
    kept, out = [], rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    report = rdflib.BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        if _term_text(focus) not in keep:
            continue
        kept.append((r, focus))
        out.add((report, SH.result, r))
        todo, seen = [r], set()
        while todo:  # the result and the blank nodes below it (nested shapes, paths)
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in results.predicate_objects(node):
                out.add((node, p, o))
                if isinstance(o, rdflib.BNode):
                    todo.append(o)
    return kept, out


def short_iris(text: str) -> str:
    """A message with the IRIs pySHACL substituted in written short (jo:pri, not https://w3id.org/jwc/id/org/pri)."""
    return re.sub(r"<?(https?://[^\s<>\"{}|^`,;)]+[^\s<>\"{}|^`,;.)])>?", lambda m: shorten(m[1]), text)


def value_text(node) -> str | None:
    """A value as the report shows it: a CURIE, or a literal with its datatype written short."""
    if isinstance(node, rdflib.Literal) and node.datatype:
        return f"{rdflib.Literal(str(node)).n3()}^^{shorten(str(node.datatype))}"
    return validation._value_text(node)


def _issue(results: rdflib.Graph, r, focus) -> tuple[Issue, rdflib.term.Node | None]:
    severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
    path = results.value(r, SH.resultPath)
    message = results.value(r, SH.resultMessage)
    shape = results.value(r, SH.sourceShape)
    component = str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
    value = results.value(r, SH.value)
    return Issue(
        severity=severity, focus=_term_text(focus), component=component,
        path=str(path) if isinstance(path, rdflib.URIRef) else None,
        value=value_text(value),
        message=short_iris(str(message)) if message else f"breaks the rule {component}",
        shape=shorten(str(shape)) if isinstance(shape, rdflib.URIRef) else component,
        fix=FIXES.get(component),
    ), value


def run_shapes(data: rdflib.Graph, shapes: rdflib.Graph, keep: set[str],
               use_shapes: list | None = None) -> tuple[list[Issue], rdflib.Graph, list]:
    """pySHACL on `data`; the issues (and report graph) whose focus node is in `keep`, and the raw values."""
    if use_shapes is not None and not use_shapes:
        return [], _results(rdflib.Graph(), set())[1], []
    report = validation.validate(data, without_other_targets(shapes, use_shapes))
    kept, graph = _results(report.graph, keep)
    issues, values = [], []
    for r, focus in kept:
        issue, value = _issue(report.graph, r, focus)
        issues.append(issue)
        values.append(value)
    return issues, graph, values


def _graph(*parts: Iterable) -> rdflib.Graph:
    g = rdflib.Graph()
    for part in parts:
        for t in part:
            g.add((convert.term(t.subject), convert.term(t.predicate), convert.term(t.object)))
    return g


def _keep(submission: list[ox.Quad]) -> set[str]:
    return {_term_text(convert.term(n)) for n in focus_nodes(submission)}


def validate_incremental(store: ox.Store, shapes: rdflib.Graph, submission: list[ox.Quad]):
    """The submission's issues, validated with its neighbourhood in the store as context."""
    context = neighbourhood(store, submission)
    use = relevant_shapes(shapes, [*submission, *context], focus_nodes(submission))
    issues, graph, values = run_shapes(_graph(submission, context), shapes, _keep(submission), use)
    return issues, graph, values, len(context)


def validate_merged(store: ox.Store, shapes: rdflib.Graph, submission: list[ox.Quad]) -> list[Issue]:
    """The reference: pySHACL on the whole store (shapes graph left out) plus the submission, same filter."""
    everything = [q for q in store.quads_for_pattern(None, None, None, None)
                  if q.graph_name != ox.NamedNode(SHAPES_GRAPH)]
    return run_shapes(_graph(everything, submission), shapes, _keep(submission))[0]


def _notice_issue(n: Notice) -> Issue:
    return Issue(n.severity, n.focus, n.message, path=n.path, value=n.value, component="SubmissionCheck",
                 shape="jwc validate", fix=n.fix, suggestions=n.suggestions, where=n.where)


def _add_notices(graph: rdflib.Graph, notices: list[Notice]) -> None:
    """The reading problems (CSV references, owl:imports) as results of the SHACL report too."""
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    for n in notices:
        r = rdflib.BNode()
        graph.add((report, SH.result, r))
        graph.add((r, RDF.type, SH.ValidationResult))
        graph.add((r, SH.focusNode, rdflib.URIRef(n.focus) if "://" in n.focus else rdflib.BNode(n.focus)))
        graph.add((r, SH.resultSeverity, SH[n.severity]))
        graph.add((r, SH.resultMessage, rdflib.Literal(n.message)))
        graph.add((r, SH.sourceConstraintComponent, rdflib.URIRef(JSH + "SubmissionCheck")))
        if n.path:
            graph.add((r, SH.resultPath, rdflib.URIRef(n.path)))
        if n.value is not None:
            graph.add((r, SH.value, rdflib.Literal(n.value)))


def validate_files(project: Project, paths: Iterable[str | Path], store: ox.Store | None = None,
                   max_size: int = DEFAULT_MAX_SIZE, shapes: rdflib.Graph | None = None) -> SubmissionReport:
    """Validate submitted files against the shapes with the built graph as context; raises InputError when it cannot."""
    started = time.perf_counter()
    store = store if store is not None else open_store(project.store_dir)
    shapes = shapes if shapes is not None else load_shapes(project)
    files, names = read_submission(paths, store, max_size, display=project.relative)
    submission = [q for f in files for q in f.quads]
    issues, graph, values, context = validate_incremental(store, shapes, submission) if submission else (
        [], _results(rdflib.Graph(), set())[1], [], 0)
    notices = [n for f in files for n in f.notices]
    _add_notices(graph, notices)
    issues += [_notice_issue(n) for n in notices]
    graph.set((next(graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms,
               rdflib.Literal(not any(i.severity == "Violation" for i in issues))))
    _explain(issues, values, files, store, names)
    issues.sort(key=lambda i: (SEVERITY_RANK[i.severity], i.focus, i.path or "", i.message))
    return SubmissionReport(files, issues, {k for k in _keep(submission)}, graph, context,
                            time.perf_counter() - started)


def _explain(issues: list[Issue], values: list, files: list[SubmittedFile], store: ox.Store,
             names: NameIndex | None) -> None:
    """Add where each record is (file, CSV row and column), its name, and suggestions for unknown references."""
    where: dict[str, str] = {}
    for f in files:
        for q in f.quads:
            if isinstance(q.subject, ox.NamedNode):
                where.setdefault(q.subject.value, f.display)
        where.update(f.where)
    cells = {k: v for f in files for k, v in f.cells.items()}
    local = NameIndex().add_quads(q for f in files for q in f.quads)
    # A blank node (a membership's period, say) is reported at the record that holds it.
    owner = {q.object.value: q.subject.value for f in files for q in f.quads if isinstance(q.object, ox.BlankNode)}
    for issue in issues:
        record, hops = issue.focus, 0
        while record in owner and hops < 5:
            record, hops = owner[record], hops + 1
        if hops and record in where:
            issue.where = where[record]
            issue.label = f"part of {shorten(record)}"
    for issue, value in zip(issues, values + [None] * (len(issues) - len(values))):
        if issue.where is None and issue.focus in where:
            issue.where = where[issue.focus]
            cell = cells.get((issue.focus, issue.path or ""))
            if cell and " row " in issue.where:
                issue.where = issue.where.split(" row ")[0] + " " + cell
        issue.label = local.name_of(issue.focus) or (names.name_of(issue.focus) if names else None) or issue.label
        if issue.shape == "jsh:KnownReferenceShape" and isinstance(value, rdflib.URIRef):
            if names is None:
                names = NameIndex.from_store(store).add_quads(q for f in files for q in f.quads)
            slug = str(value).rstrip("/").rsplit("/", 1)[-1]
            kind = kind_of(str(value))
            close = names.closest(slug, [kind] if kind else None)
            issue.suggestions = close
            hint = names.did_you_mean(close)
            through = f" (through {shorten(issue.path)})" if issue.path else ""
            issue.message = f"{shorten(str(value))}{through} is not in the graph or the submission" + (
                f"; {hint}" if hint else "")
            issue.fix = "correct the IRI, or add the entity (with a type and a skos:prefLabel) to the submission"
