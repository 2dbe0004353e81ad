"""`jwc build`: parse, check provenance, validate, reason, then replace the store and dist/ in one swap.

Nothing already built is touched until every check has passed and the new store and exports are
complete in a staging folder beside them; a failed build leaves the previous outputs as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import __version__
from ..base.atomic import write_atomic
from ..base.errors import NotConforming
from ..base.namespaces import DATASET
from ..base.project import Project
from ..rdf import convert, exports
from ..rdf.default_graph import with_union
from ..rdf.files import MAX_SIZE
from ..rdf.store import open_store, write_store
from . import conflicts, derive, findings, owl_profile, per_source, provenance, reasoning, shacl, stats, void
from .inputs import parse_inputs

BUILD_INFO = "build.json"
CHECKSUMS = "SHA256SUMS"
CODE_DIR = Path(__file__).parent.parent  # the whole jwc_graph package


@dataclass
class BuildResult:
    """What a build did and found, for the summary the CLI prints."""

    skipped: bool
    store: Path
    dist: Path
    totals: dict = field(default_factory=dict)
    report: findings.Report | None = None
    reasoning: reasoning.ReasoningResult | None = None
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0


def fingerprint(project: Project) -> str:
    """A hash of every input file and of this package's code: equal fingerprints give equal outputs."""
    h = hashlib.sha256(f"jwc-graph {__version__}\n".encode())
    inputs = project.input_files()
    for role in sorted(inputs):
        for path in inputs[role]:
            h.update(f"{role} {project.relative(path)}\n".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for path in sorted(CODE_DIR.rglob("*.py")):
        h.update(path.relative_to(CODE_DIR).as_posix().encode() + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _checksums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())).encode()


def up_to_date(project: Project, fp: str) -> bool:
    """True when the last build had this fingerprint and its store and dist/ files are intact."""
    info = project.work_dir / BUILD_INFO
    try:
        recorded = json.loads(info.read_text())
    except (OSError, ValueError):
        return False
    if recorded.get("fingerprint") != fp or not project.store_dir.is_dir():
        return False
    sums = project.dist_dir / CHECKSUMS
    try:
        lines = sums.read_text().splitlines()
        return bool(lines) and all(
            hashlib.sha256((project.dist_dir / name).read_bytes()).hexdigest() == digest
            for digest, name in (line.split("  ", 1) for line in lines)
        )
    except (OSError, ValueError):
        return False


def _swap(new: Path, target: Path) -> None:
    """Put the folder `new` where `target` is: two renames on one file system, the old one removed after."""
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old.exists():
            os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(
    project: Project, force: bool = False, progress: Callable[[str], None] = lambda msg: None, max_size: int = MAX_SIZE
) -> BuildResult:
    """Build the store and dist/ from ontology/, shapes/ and data/, or do nothing if they are up to date."""
    started = time.perf_counter()
    fp = fingerprint(project)
    if not force and up_to_date(project, fp):
        with_store = open_store(project.store_dir)
        return BuildResult(
            True,
            project.store_dir,
            project.dist_dir,
            stats.totals(with_store),
            files=sorted(p.name for p in project.dist_dir.iterdir()),
            seconds=time.perf_counter() - started,
        )

    parsed = parse_inputs(project, progress, max_size)
    progress("checking that every fact has a catalogued source")
    provenance.check_sources(parsed)

    progress("validating the data against the SHACL shapes")
    knowledge = [q for f in parsed if f.role != "shapes" for q in f.quads]
    shapes_graph = convert.to_graph(q for f in parsed if f.role == "shapes" for q in f.quads)
    report = per_source.validate(knowledge, shapes_graph)
    everything = ox.Store()
    everything.extend(q for f in parsed for q in f.quads)
    disagreements = conflicts.find(everything, project.queries_dir)
    reported = {(f.focus, f.path) for f in report.findings if f.component in per_source.PER_SOURCE}
    report.findings += conflicts.as_findings(disagreements, reported)
    report.findings += provenance.unreadable_urls(parsed)
    shacl.sort_findings(report.findings)
    labels = shacl.labels_of(knowledge)
    where = provenance.where_described([f for f in parsed if f.role == "data"])
    for found in report.findings:
        found.label = labels.get(found.focus)
        found.where = ", ".join(where.get(found.focus, [])) or None
    if not report.conforms:
        raise NotConforming(
            f"the data breaks {report.count('Violation')} rule(s) of the shapes:\n"
            + findings.text(report, severities=("Violation",)),
            fix="correct the files named above and run `jwc build` again",
        )

    progress("checking consistency with the HermiT reasoner")
    reasoned = reasoning.check_sources(q for f in parsed if f.role != "shapes" for q in f.quads)
    if not reasoned.ok:
        raise NotConforming(
            f"the reasoner found a problem: {reasoned.text()}",
            fix="check the rdf:type statements of recently changed entities against the ontology",
        )

    progress("checking that the ontology is OWL 2 DL")
    profile = owl_profile.violations(convert.to_graph(q for f in parsed if f.role == "ontology" for q in f.quads))
    reasoned.profile = profile
    if profile:
        raise NotConforming(
            f"the ontology is not OWL 2 DL ({len(profile)} violations): " + "; ".join(profile[:5]),
            fix="correct ontology/*.ttl: declare every term once with one kind (class, object, datatype or "
            "annotation property), and use no reserved RDF/OWL term as a class",
        )

    progress("writing exports")
    stated = [q for f in parsed for q in f.quads]
    quads = exports.canonical([*stated, *derive.derived(stated)])
    files = {exports.FORMATS[fmt][0]: exports.serialize(quads, fmt) for fmt in exports.FORMATS}
    files["context.jsonld"] = (json.dumps({"@context": exports.context()}, indent=2, sort_keys=True) + "\n").encode()
    files["validation.txt"] = (f"{report.summary()}\n\n" + findings.text(report)).encode()

    store_dir, dist_dir = project.store_dir, project.dist_dir
    staged_store = store_dir.with_name(f"{store_dir.name}.staging-{os.getpid()}")
    staged_dist = dist_dir.with_name(f"{dist_dir.name}.staging-{os.getpid()}")
    for staged in (staged_store, staged_dist):
        shutil.rmtree(staged, ignore_errors=True)
    try:
        progress("loading the embedded Oxigraph store")
        write_store(staged_store, with_union(quads))
        store = ox.Store(str(staged_store))
        totals = stats.totals(store)
        files["void.ttl"], described = void.describe_dataset(store, files)
        # The description is in the store too, in the dataset's own graph, so the dataset IRI dereferences.
        store.extend(with_union(ox.Quad(d.subject, d.predicate, d.object, ox.NamedNode(DATASET)) for d in described))
        store.flush()
        del store
        staged_dist.mkdir(parents=True)
        for name, data in files.items():
            (staged_dist / name).write_bytes(data)
        (staged_dist / CHECKSUMS).write_bytes(_checksums(files))
        progress("replacing the previous store and dist/")
        _swap(staged_store, store_dir)
        _swap(staged_dist, dist_dir)
    finally:
        for staged in (staged_store, staged_dist):
            shutil.rmtree(staged, ignore_errors=True)
    write_atomic(
        project.work_dir / BUILD_INFO, json.dumps({"fingerprint": fp, "version": __version__}, indent=2) + "\n"
    )
    return BuildResult(
        False, store_dir, dist_dir, totals, report, reasoned, sorted([*files, CHECKSUMS]), time.perf_counter() - started
    )
