"""`jwc validate`: check submitted files against the shapes, with the built graph as context, before anything is stored.

The entry point for `jwc validate`, `jwc submit` and the validation page is `validate_files(project, paths)`.
It reads the files (files, csv_templates), fetches the part of the graph the shapes can reach from the
submitted records (neighbourhood), runs pySHACL on the submission plus that part, and keeps the results
about the submitted records, as one findings.Report. Nothing is written here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from ..base.errors import InputError
from ..base.namespaces import ID, ONTOLOGY_GRAPH, PREFIXES, SHAPES, SHAPES_GRAPH, shorten
from ..base.project import Project
from ..build import per_source, shacl
from ..build.findings import Finding, Report, in_file_order
from ..build.shape_selection import relevant_shapes, without_other_targets
from ..rdf import convert
from ..rdf.default_graph import stated
from ..rdf.files import MAX_SIZE, parse_file
from ..rdf.store import open_store
from .files import read_file
from .names import NameIndex, kind_of
from .neighbourhood import focus_nodes, names_by_key, neighbourhood
from .submitted import READING, SubmittedFile

#: Where triples that a file puts in no named graph go, until `jwc submit` names the submission's graph.
SUBMISSION_GRAPH = ID + "graph/submission"


def submission_quads(quads: Iterable[ox.Quad], graph: str = SUBMISSION_GRAPH) -> list[ox.Quad]:
    """The submission's quads, with the triples that named no graph put in `graph` (for `jwc submit`)."""
    target = ox.NamedNode(graph)
    return [
        q if isinstance(q.graph_name, ox.NamedNode) else ox.Quad(q.subject, q.predicate, q.object, target)
        for q in quads
    ]


def load_shapes(project: Project) -> rdflib.Graph:
    """The project's SHACL shapes, from shapes/*.ttl (so a shapes edit counts before the next build)."""
    paths = sorted(project.shapes_dir.glob("*.ttl"))
    if not paths:
        raise InputError(f"{project.relative(project.shapes_dir)}/: no shapes files found")
    return convert.to_graph(q for p in paths for q in parse_file(p, "shapes", project.relative(p)).quads)


def read_submission(
    paths: Iterable[Path], store: ox.Store, max_size: int = MAX_SIZE, display=str
) -> tuple[list[SubmittedFile], NameIndex | None]:
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


def _results(results: rdflib.Graph, keep: set[str]) -> tuple[list[tuple], rdflib.Graph]:
    """The results whose focus node is in `keep`, as tuples, and a report graph holding only them."""
    kept, out = [], rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    report = rdflib.BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        if str(focus) not in keep:
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


def run_shapes(
    data: rdflib.Graph, shapes: rdflib.Graph, keep: set[str], use_shapes: list | None = None
) -> tuple[list[Finding], rdflib.Graph, list]:
    """pySHACL on `data`; the findings (and report graph) whose focus node is in `keep`, and their raw values."""
    if use_shapes is not None and not use_shapes:
        return [], _results(rdflib.Graph(), set())[1], []
    report = shacl.validate(data, without_other_targets(shapes, use_shapes))
    kept, graph = _results(report.graph, keep)
    pairs = [shacl.finding(report.graph, r) for r, _focus in kept]
    return [f for f, _ in pairs], graph, [v for _, v in pairs]


def _graph(*parts: Iterable) -> rdflib.Graph:
    g = rdflib.Graph()
    for part in parts:
        for t in part:
            g.add((convert.term(t.subject), convert.term(t.predicate), convert.term(t.object)))
    return g


def _keep(submission: list[ox.Quad]) -> set[str]:
    return {str(convert.term(n)) for n in focus_nodes(submission)}


#: Records per pySHACL run: a large submission is validated in batches, so memory stays bounded (pySHACL's
#: in-memory graph takes about 1 KB a triple) and progress can be shown.
BATCH = 2000


def validate_incremental(
    store: ox.Store, shapes: rdflib.Graph, submission: list[ox.Quad], progress: Callable[[str], None] = lambda m: None
):
    """The submission's findings, validated with its neighbourhood in the store as context. Past BATCH records,
    batch by batch, each seeing the rest of the submission as context too (an in-memory store of it)."""
    batches = _batches(submission, BATCH)
    if len(batches) <= 1:
        return _validate_batch(store, names_by_key(store), None, shapes, submission)
    rest = ox.Store()
    rest.bulk_extend(submission_quads(submission))
    keys, rest_keys = names_by_key(store), names_by_key(rest)
    issues, values, context, graph = [], [], 0, None
    total, done = sum(len(b[0]) for b in batches), 0
    for records, batch in batches:
        found, part, vals, seen = _validate_batch(store, keys, (rest, rest_keys), shapes, batch)
        issues += found
        values += vals
        context += seen
        graph = _merge_reports(graph, part)
        done += len(records)
        progress(f"validated {done:,} of {total:,} records")
    return issues, graph, values, context


def _validate_batch(store, keys, rest, shapes, batch):
    """One pySHACL run: the batch, plus its neighbourhood in the store and in the rest of the submission."""
    context = neighbourhood(store, batch, keys)
    if rest is not None:
        context |= neighbourhood(rest[0], batch, rest[1])
    use = relevant_shapes(shapes, [*batch, *context], focus_nodes(batch))
    issues, graph, values = run_shapes(_graph(batch, context), shapes, _keep(batch), use)
    _per_source(store, shapes, batch, issues)
    return issues, graph, values, len(context)


def _batches(submission: list[ox.Quad], size: int) -> list[tuple[list, list[ox.Quad]]]:
    """The submission cut into batches of `size` named records, each with the blank nodes below its records."""
    parent = {q.object: q.subject for q in submission if isinstance(q.object, ox.BlankNode)}

    def root(node):
        hops = 0
        while isinstance(node, ox.BlankNode) and node in parent and hops < 50:
            node, hops = parent[node], hops + 1
        return node

    by_record: dict = {}
    for q in submission:
        by_record.setdefault(root(q.subject), []).append(q)
    records = list(by_record)
    return [
        (records[i : i + size], [q for r in records[i : i + size] for q in by_record[r]])
        for i in range(0, len(records), size)
    ]


def _merge_reports(into: rdflib.Graph | None, part: rdflib.Graph) -> rdflib.Graph:
    """One SHACL report graph from the reports of several batches."""
    if into is None:
        return part
    report = next(into.subjects(RDF.type, SH.ValidationReport))
    theirs = next(part.subjects(RDF.type, SH.ValidationReport))
    for s, p, o in part:
        if s == theirs:
            if p == SH.result:
                into.add((report, p, o))
        else:
            into.add((s, p, o))
    return into


def validate_merged(store: ox.Store, shapes: rdflib.Graph, submission: list[ox.Quad]) -> list[Finding]:
    """The reference: pySHACL on the whole store (shapes graph left out) plus the submission, same filter."""
    everything = [q for q in stated(store) if q.graph_name != ox.NamedNode(SHAPES_GRAPH)]
    found = run_shapes(_graph(everything, submission), shapes, _keep(submission))[0]
    _per_source(store, shapes, submission, found)
    return found


def _per_source(store: ox.Store, shapes: rdflib.Graph, submission: list[ox.Quad], found: list[Finding]) -> None:
    """A one-per-source rule broken only because the submission says otherwise than a source already in the graph
    is a disagreement (a Warning), as in `jwc build`: the submission is a source of its own."""
    focus = {ox.NamedNode(f.focus) for f in found if f.component in per_source.PER_SOURCE and "://" in f.focus}
    if not focus:
        return
    quads = [*store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH))]
    todo = list(focus)
    seen = set()
    while todo:  # what the graph's sources say about those records, and the blank nodes it reaches
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in stated(store, node):
            quads.append(q)
            if isinstance(q.object, ox.BlankNode):
                todo.append(q.object)
    quads += submission_quads(submission)
    per_source.recheck(Report(found), quads, shapes)


def _add_to_graph(graph: rdflib.Graph, found: list[Finding]) -> None:
    """The reading problems (CSV references, owl:imports) as results of the SHACL report too."""
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    for f in found:
        r = rdflib.BNode()
        graph.add((report, SH.result, r))
        graph.add((r, RDF.type, SH.ValidationResult))
        graph.add((r, SH.focusNode, rdflib.URIRef(f.focus) if "://" in f.focus else rdflib.BNode(f.focus)))
        graph.add((r, SH.resultSeverity, SH[f.severity]))
        graph.add((r, SH.resultMessage, rdflib.Literal(f.message)))
        graph.add((r, SH.sourceConstraintComponent, rdflib.URIRef(SHAPES + READING)))
        if f.path:
            graph.add((r, SH.resultPath, rdflib.URIRef(f.path)))
        if f.value is not None:
            graph.add((r, SH.value, rdflib.Literal(f.value)))


def validate_files(
    project: Project,
    paths: Iterable[str | Path],
    store: ox.Store | None = None,
    max_size: int = MAX_SIZE,
    shapes: rdflib.Graph | None = None,
    progress: Callable[[str], None] = lambda msg: None,
) -> Report:
    """Validate submitted files against the shapes with the built graph as context; raises InputError when it cannot.
    `progress` hears how far a large submission has got."""
    started = time.perf_counter()
    store = store if store is not None else open_store(project.store_dir)
    shapes = shapes if shapes is not None else load_shapes(project)
    files, names = read_submission(paths, store, max_size, display=project.relative)
    submission = [q for f in files for q in f.quads]
    found, graph, values, context = (
        validate_incremental(store, shapes, submission, progress)
        if submission
        else ([], _results(rdflib.Graph(), set())[1], [], 0)
    )
    read = [f for sub in files for f in sub.findings]
    _add_to_graph(graph, read)
    found += read
    graph.set(
        (
            next(graph.subjects(RDF.type, SH.ValidationReport)),
            SH.conforms,
            rdflib.Literal(not any(f.severity == "Violation" for f in found)),
        )
    )
    _explain(found, values, files, store, names)
    kept = one_per_mistake(found)
    _drop_results(graph, [f for f in found if f not in kept])
    found = kept
    in_file_order(found)
    return Report(found, graph, files, _keep(submission), context, time.perf_counter() - started)


#: Rules that only say a value is missing or of the wrong kind: where a finding says what exactly is wrong with
#: that same value (an unknown reference, a cell that is not a date), they add nothing but noise.
GENERIC = {
    "MinCountConstraintComponent",
    "ClassConstraintComponent",
    "NodeKindConstraintComponent",
    "DatatypeConstraintComponent",
    "OrConstraintComponent",
}


def one_per_mistake(found: list[Finding]) -> list[Finding]:
    """The findings without the generic ones that a more specific finding on the same record and property
    explains: three mistakes give three findings, not eight."""
    specific = {
        (f.focus, f.path)
        for f in found
        if f.path and f.severity == "Violation" and (f.component == READING or f.shape == "jsh:KnownReferenceShape")
    }
    return [f for f in found if not (f.component in GENERIC and (f.focus, f.path) in specific)]


def _drop_results(graph: rdflib.Graph, dropped: list[Finding]) -> None:
    """Take the dropped findings' results out of the SHACL report graph too, so both say the same."""
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    for f in dropped:
        if f.result is None:
            continue
        graph.remove((report, SH.result, f.result))
        todo = [f.result]
        while todo:
            node = todo.pop()
            for p, o in list(graph.predicate_objects(node)):
                graph.remove((node, p, o))
                if isinstance(o, rdflib.BNode) and not any(graph.subjects(None, o)):
                    todo.append(o)


def _explain(
    issues: list[Finding], values: list, files: list[SubmittedFile], store: ox.Store, names: NameIndex | None
) -> None:
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
            cell = cells.get((issue.focus, issue.path or "", str(value))) or cells.get((issue.focus, issue.path or ""))
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
                f"; {hint}" if hint else ""
            )
            issue.fix = "correct the IRI, or add the entity (with a type and a skos:prefLabel) to the submission"
