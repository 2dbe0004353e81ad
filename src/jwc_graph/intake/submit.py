"""`jwc submit`: validate files and, when nothing blocks them, accept them as a new named graph, in one step.

The store is opened for writing first, so validation and acceptance see the same store and no other
writer can come between them (RocksDB allows one writer at a time). The submission's hash is taken
of the exact bytes that were validated, never of a second read of the files.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..base import text, urls
from ..base.errors import InputError
from ..base.project import Project
from ..build.findings import Report
from ..rdf.files import MAX_SIZE
from . import check, ledger


@dataclass
class Submitted:
    """What a submit did: the report, and the accepted submission's id, graph, triples and file (None if refused)."""

    report: Report
    id: str | None = None
    graph: str | None = None
    triples: int = 0
    path: Path | None = None

    @property
    def accepted(self) -> bool:
        return self.id is not None


def check_source(source: str, submitter: str = "") -> None:
    """Refuse an empty --source, one that starts as a web address but is not one, and control characters."""
    if not source.strip():
        raise InputError("--source is empty", fix="give the public URL or a description of where the facts come from")
    for name, value in (("--source", source), ("--submitter", submitter)):
        if text.control_chars(value):
            raise InputError(
                f"{name} holds control characters ({', '.join(text.control_chars(value))})",
                fix=f"give {name} as plain text",
            )
    if urls.looks_like_url(source) and urls.web_url(source) is None:
        raise InputError(
            f"--source {source!r} starts like a web address but is not a valid one",
            fix="give the address as a browser shows it (https://host/path?query), or describe the source in words",
        )


def submit(
    project: Project,
    paths: Iterable[str | Path],
    source: str,
    submitter: str,
    max_size: int = MAX_SIZE,
    wait: float = ledger.WRITE_WAIT,
    force: bool = False,
    reviewer: str | None = None,
) -> Submitted:
    """Validate the files against the store as it is under the write lock; store them if no Violation blocks them.
    `wait` is how long to wait for another jwc command that holds the store; files already accepted byte for
    byte are refused unless `force`."""
    check_source(source, submitter)
    store = ledger.open_writable(project, wait)
    try:
        ledger.reconcile(project, store)
        report = check.validate_files(project, paths, store=store, max_size=max_size)
        ledger.failpoint("validated")
        if not report.conforms:
            return Submitted(report)
        raw = b"".join(f.raw for f in report.files)
        earlier = ledger.with_hash(store, hashlib.sha256(raw).hexdigest())
        if earlier and not force:
            raise InputError(
                f"these exact files were already accepted as submission {earlier}",
                fix=f"nothing to do; `jwc submissions show {earlier}` shows it (add --force to store them again)",
            )
        original = ", ".join(Path(f.path).name for f in report.files)
        quads = check.submission_quads(q for f in report.files for q in f.quads)
        sid, quads = ledger.prepare(quads, source, submitter, raw, original, reviewer=reviewer)
        path = ledger.accept(project, store, quads, sid)
        return Submitted(report, sid, ledger.SUBMISSION + sid, sum(len(f.quads) for f in report.files), path)
    finally:
        del store
        gc.collect()  # close the RocksDB handle now: the next writer (or this process) may open it at once
