"""Uploaded files, read within the server's limit and checked in the uploads lane from a folder of their own.

Shared by /validate and the stewards' pages: the files are written under their own (safe) names to a
temporary folder that is deleted afterwards, validated by a worker, and that folder's path is taken
out of every message, so a steward sees `members.csv:3`, not the server's paths.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from starlette.requests import Request

from ..intake.pending import safe_name
from ..rdf.files import format_size
from .jobs import Problem, run_job

#: The most files one check takes.
MAX_FILES = 10


async def read_files(form, field: str, limit: int) -> list[tuple[str, bytes]]:
    """The form's files under `field`, read up to `limit` bytes in all; a Problem past it or with none."""
    uploads = [u for u in form.getlist(field) if getattr(u, "filename", None)]
    if not uploads:
        raise Problem(400, "choose a file (or several) to check")
    if len(uploads) > MAX_FILES:
        raise Problem(413, f"at most {MAX_FILES} files at once")
    files, total = [], 0
    for upload in uploads:
        raw = await upload.read(limit + 1 - total)
        total += len(raw)
        if total > limit:
            raise Problem(
                413, f"{upload.filename}: the files are over {format_size(limit)} in all, this server's limit"
            )
        files.append((upload.filename, raw))
    return files


async def check(request: Request, files: list[tuple[str, bytes]], kind: str):
    """Run a `validate` or `review` job on the files; (result, None), or (None, the reading error) when a file
    cannot be read (a syntax error, an unknown format)."""
    folder = Path(tempfile.mkdtemp(prefix="jwc-upload-"))
    shown = lambda text: text.replace(str(folder) + "/", "")
    try:
        paths, taken = [], set()
        for name, raw in files:
            path = folder / safe_name(name)
            while path.name in taken:
                path = folder / ("_" + path.name)
            taken.add(path.name)
            path.write_bytes(raw)
            paths.append(str(path))
        try:
            result = await run_job(request, {"kind": kind, "paths": paths})
        except Problem as problem:
            if problem.status != 400:
                raise
            return None, shown(problem.message)
        if isinstance(result, str):
            return shown(result), None
        return {**result, "html": shown(result["html"])}, None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
