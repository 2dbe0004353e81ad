"""Submissions sent from the served site, waiting for a reviewer: files kept aside, the store untouched.

Each waits in .jwc/pending/<id>/: its files as uploaded and a record (who sent it, the source, when,
each file's hash, and later who decided, how, and the note). Accepting runs the same atomic step as
`jwc submit`, with the reviewer in the PROV record; rejecting only writes the decision. Decided
records stay, so the queue's history can be read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..base.atomic import write_atomic
from ..base.errors import InputError
from ..base.project import Project
from ..base.text import control_chars
from . import submit

ID = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Pending:
    """One submission sent for review, and what became of it."""

    id: str
    submitter: str
    source: str
    time: str
    files: list[dict]  # {"name": ..., "sha256": ...}
    status: str = "pending"  # pending, accepted, rejected
    reviewer: str | None = None
    decided: str | None = None
    note: str = ""
    accepted_as: str | None = None
    extra: dict = field(default_factory=dict)

    def folder(self, project: Project) -> Path:
        return project.work_dir / "pending" / self.id

    def paths(self, project: Project) -> list[Path]:
        return [self.folder(project) / "files" / f["name"] for f in self.files]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def safe_name(name: str) -> str:
    """An uploaded file's own name reduced to safe characters, its extension kept (it tells the format)."""
    base = Path(name or "upload").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    return (SAFE_NAME.sub("_", stem)[:80] or "upload") + suffix


def _save(project: Project, item: Pending) -> None:
    write_atomic(item.folder(project) / "record.json", json.dumps(asdict(item), indent=2) + "\n")


def create(project: Project, files: list[tuple[str, bytes]], source: str, submitter: str) -> Pending:
    """Keep the uploaded files and their record; nothing enters the store."""
    submit.check_source(source, submitter)
    if not files:
        raise InputError("no files to submit", fix="choose one or more files")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    item = Pending(f"{stamp}-{secrets.token_hex(3)}", submitter, source.strip(), _now(), [])
    folder = item.folder(project) / "files"
    folder.mkdir(parents=True)
    seen: set[str] = set()
    for name, raw in files:
        kept = safe_name(name)
        while kept in seen:
            kept = "_" + kept
        seen.add(kept)
        write_atomic(folder / kept, raw)
        item.files.append({"name": kept, "sha256": hashlib.sha256(raw).hexdigest()})
    _save(project, item)
    return item


def load(project: Project, pid: str) -> Pending:
    path = project.work_dir / "pending" / pid / "record.json"
    if not ID.match(pid) or not path.is_file():
        raise InputError(f"no submission {pid!r} waits for review", fix="see the review queue")
    return Pending(**json.loads(path.read_text(encoding="utf-8")))


def listing(project: Project, status: str | None = None) -> list[Pending]:
    """Submissions sent for review, newest first; only those of one status if given."""
    folder = project.work_dir / "pending"
    found = [load(project, p.name) for p in folder.iterdir() if ID.match(p.name)] if folder.is_dir() else []
    return sorted((p for p in found if status is None or p.status == status), key=lambda p: p.id, reverse=True)


def _decide(item: Pending, reviewer: str, status: str, note: str) -> None:
    if item.status != "pending":
        raise InputError(f"submission {item.id} was already {item.status}", fix="nothing to do")
    if control_chars(note):
        raise InputError("the note holds control characters", fix="write the note as plain text")
    item.status, item.reviewer, item.decided, item.note = status, reviewer, _now(), note.strip()[:2000]


def accept(project: Project, pid: str, reviewer: str, note: str = "") -> submit.Submitted:
    """Accept: validate again against the store as it is now and store the files as `jwc submit` does, the reviewer
    in the PROV record. A submission that no longer conforms stays pending, and the report says why."""
    item = load(project, pid)
    _decide(item, reviewer, "accepted", note)
    done = submit.submit(project, item.paths(project), item.source, item.submitter, reviewer=reviewer)
    if not done.accepted:
        return done
    item.accepted_as = done.id
    _save(project, item)
    return done


def reject(project: Project, pid: str, reviewer: str, note: str) -> Pending:
    item = load(project, pid)
    _decide(item, reviewer, "rejected", note)
    _save(project, item)
    return item
