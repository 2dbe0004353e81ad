"""Accept submissions into the graph, list, show and revert them, with nothing lost or half-written.

A submission is one TriG file in data/submissions/: its facts in a named graph of their own, and its
PROV record (source, submitter, time, file hash) in the catalogue graph. Writing that file (an atomic
rename) is the commit point. The store is then updated in one transaction; if a process dies between
the two, `reconcile` (run by every submissions command and by `jwc build`) brings the store to what
the files say, so the store is only ever before or after a submission, never between.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..base import urls
from ..base.atomic import atomic_open
from ..base.errors import InputError, JwcError
from ..base.namespaces import CATALOGUE_GRAPH, ID, ONTOLOGY, PREFIXES
from ..base.project import Project
from ..build import derive
from ..rdf.default_graph import drop_graph_update, with_union
from ..rdf.files import parse_file

SUBMISSION = ID + "submission/"
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD = PREFIXES["xsd"]
CATALOGUE = ox.NamedNode(CATALOGUE_GRAPH)
ID_PATTERN = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$")
#: How long a write waits for another jwc command that holds the store.
WRITE_WAIT = 30.0


@dataclass(frozen=True)
class Submission:
    """One accepted submission as its file records it."""

    id: str
    graph: str
    source: str
    submitter: str
    time: str
    sha256: str
    original: str
    triples: int
    path: Path

    def as_dict(self) -> dict:
        """The record as `jwc submissions list --format json` prints it."""
        return {
            "id": self.id,
            "graph": self.graph,
            "source": self.source,
            "submitter": self.submitter,
            "time": self.time,
            "sha256": self.sha256,
            "file": self.original,
            "triples": self.triples,
        }


def _lit(text: str, datatype: str = "string") -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


def record_quads(
    graph: ox.NamedNode,
    source: str,
    submitter: str,
    when: str,
    sha256: str,
    original: str,
    reviewer: str | None = None,
) -> list[ox.Quad]:
    """The PROV record of a submission, in the catalogue graph, so the build sees a catalogued source; a
    submission accepted on the served site names its reviewer too."""
    p = lambda local: ox.NamedNode(local if local.startswith("http") else ONTOLOGY + local)
    quads = [
        ox.Quad(graph, RDF_TYPE, p("Submission"), CATALOGUE),
        ox.Quad(graph, RDF_TYPE, p("Source"), CATALOGUE),
        ox.Quad(graph, p(PREFIXES["dcterms"] + "title"), ox.Literal(source), CATALOGUE),
        ox.Quad(graph, p("submitter"), ox.Literal(submitter), CATALOGUE),
        ox.Quad(graph, p(PREFIXES["prov"] + "generatedAtTime"), _lit(when, "dateTime"), CATALOGUE),
        ox.Quad(graph, p("sha256"), ox.Literal(sha256), CATALOGUE),
        ox.Quad(graph, p("originalFile"), ox.Literal(original), CATALOGUE),
    ]
    if reviewer:
        quads.append(ox.Quad(graph, p("reviewer"), ox.Literal(reviewer), CATALOGUE))
    url = urls.web_url(source)
    if url:
        quads.append(ox.Quad(graph, p(PREFIXES["schema"] + "url"), _lit(url, "anyURI"), CATALOGUE))
    return quads


def prepare(
    triples: list[ox.Triple | ox.Quad],
    source: str,
    submitter: str,
    raw: bytes,
    original: str,
    now: dt.datetime | None = None,
    reviewer: str | None = None,
) -> tuple[str, list[ox.Quad]]:
    """The submission's id and every quad it adds: its facts moved into its own graph, plus its record."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    sha = hashlib.sha256(raw).hexdigest()
    sid = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{sha[:8]}"
    graph = ox.NamedNode(SUBMISSION + sid)
    facts = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    when = now.isoformat().replace("+00:00", "Z")
    return sid, facts + record_quads(graph, source, submitter, when, sha, original, reviewer)


def write_file(project: Project, sid: str, quads: list[ox.Quad]) -> Path:
    """Write data/submissions/<id>.trig atomically: a temporary file, fsync, then rename (the commit point)."""
    folder = project.submissions_dir
    path = folder / f"{sid}.trig"
    if path.exists():
        raise JwcError(f"a submission {sid} already exists", fix="this exact file was already submitted this second")
    with atomic_open(path, durable=True, tmp=folder / f".{sid}.trig.tmp") as fh:
        fh.write(b"# An accepted submission: its facts and its PROV record. Revert with `jwc submissions revert ID`.\n")
        fh.write(ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    failpoint("after-file")
    return path


def failpoint(name: str) -> None:
    """Let the crash and race tests stop the process at a named step, as a kill at the worst moment would
    (JWC_FAILPOINT=name), or hold it there for two seconds (JWC_FAILPOINT=slow:name)."""
    point = os.environ.get("JWC_FAILPOINT")
    if point == name:
        os._exit(137)
    if point == f"slow:{name}":
        time.sleep(2.0)


def open_writable(project: Project, wait: float = WRITE_WAIT) -> ox.Store:
    """The store opened for writing. RocksDB lets one process write at a time: while another jwc command holds
    the store, this waits up to `wait` seconds for it, then gives a clear error."""
    if not project.store_dir.is_dir():
        raise InputError(f"{project.store_dir}: no graph store here yet", fix="run `jwc build` first")
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store(str(project.store_dir))
        except OSError as err:
            if "lock" not in str(err).lower() or time.monotonic() >= deadline:
                raise JwcError(
                    f"the graph store is busy or unreadable: {err}",
                    fix="wait for the other jwc command (build, submit) to finish, then try again",
                ) from None
            time.sleep(0.2)


def stored_ids(store: ox.Store) -> set[str]:
    """Ids of the submissions whose graphs the store holds."""
    return {
        g.value[len(SUBMISSION) :]
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.startswith(SUBMISSION)
    }


def file_ids(project: Project) -> set[str]:
    return {p.stem for p in project.submissions_dir.glob("*.trig") if ID_PATTERN.match(p.stem)}


def apply(store: ox.Store, path: Path) -> None:
    """Load one submission file into the store in one transaction, with what the build derives from it."""
    quads = parse_file(path, "data").quads
    store.extend(with_union([*quads, *derive.shortcuts(quads)]))


def remove(store: ox.Store, sid: str) -> None:
    """Drop a submission's graph and its catalogue record in one transaction, and from the default graph what
    no other source states."""
    g = f"<{SUBMISSION}{sid}>"
    store.update(
        f"{drop_graph_update(SUBMISSION + sid)} ;\n"
        f"DELETE {{ {g} ?p ?o }} WHERE {{ GRAPH <{CATALOGUE_GRAPH}> {{ {g} ?p ?o }} }} ;\n"
        f"DELETE WHERE {{ GRAPH <{CATALOGUE_GRAPH}> {{ {g} ?p ?o }} }}"
    )


def reconcile(project: Project, store: ox.Store) -> list[str]:
    """Make the store hold exactly the submissions that have files; return what was repaired."""
    repaired = []
    in_store, on_disk = stored_ids(store), file_ids(project)
    for sid in sorted(on_disk - in_store):
        apply(store, project.submissions_dir / f"{sid}.trig")
        repaired.append(f"applied {sid}")
    for sid in sorted(in_store - on_disk):
        remove(store, sid)
        repaired.append(f"removed {sid}")
    for tmp in project.submissions_dir.glob(".*.trig.tmp"):
        tmp.unlink(missing_ok=True)
    return repaired


def accept(project: Project, store: ox.Store, quads: list[ox.Quad], sid: str) -> Path:
    """Commit a validated submission into the store opened for writing: the file first (commit point), then the
    store in one transaction."""
    reconcile(project, store)
    path = write_file(project, sid, quads)
    store.extend(with_union([*quads, *derive.shortcuts(quads)]))  # what `jwc build` would make of the file
    store.flush()
    return path


def with_hash(store: ox.Store, sha256: str) -> str | None:
    """The id of an accepted submission whose files had exactly these bytes, if there is one."""
    for q in store.quads_for_pattern(None, ox.NamedNode(ONTOLOGY + "sha256"), ox.Literal(sha256), CATALOGUE):
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SUBMISSION):
            return q.subject.value.removeprefix(SUBMISSION)
    return None


def read(path: Path) -> Submission:
    """A submission's record, read from its file."""
    quads = parse_file(path, "data").quads
    graph = SUBMISSION + path.stem
    rec = {
        q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: q.object.value
        for q in quads
        if q.graph_name == CATALOGUE and q.subject.value == graph
    }
    triples = sum(1 for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == graph)
    return Submission(
        path.stem,
        graph,
        rec.get("title", ""),
        rec.get("submitter", ""),
        rec.get("generatedAtTime", ""),
        rec.get("sha256", ""),
        rec.get("originalFile", ""),
        triples,
        path,
    )


def listing(project: Project) -> list[Submission]:
    """Every accepted submission, oldest first."""
    return [read(project.submissions_dir / f"{sid}.trig") for sid in sorted(file_ids(project))]


def find(project: Project, sid: str) -> Submission:
    path = project.submissions_dir / f"{sid}.trig"
    if not ID_PATTERN.match(sid) or not path.is_file():
        known = sorted(file_ids(project))
        hint = f"known submissions: {', '.join(known[-5:])}" if known else "there are no submissions yet"
        raise InputError(f"no submission {sid!r}", fix=hint)
    return read(path)


def repair(project: Project, wait: float = WRITE_WAIT) -> list[str]:
    """Bring the store to what data/submissions/ says after an interrupted command; return what was repaired."""
    store = open_writable(project, wait)
    try:
        return reconcile(project, store)
    finally:
        del store


def revert(project: Project, sid: str, wait: float = WRITE_WAIT) -> Submission:
    """Remove a submission: its file (commit point), then its graph and record from the store."""
    sub = find(project, sid)
    store = open_writable(project, wait)
    reconcile(project, store)
    sub.path.unlink()
    failpoint("after-unlink")
    remove(store, sid)
    store.flush()
    return sub
