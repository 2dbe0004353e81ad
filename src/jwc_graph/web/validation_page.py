"""The served validation page: a steward uploads a file and reads the HTML report of `jwc validate`.

Nothing is stored: the upload goes to a temporary folder, is validated by a query worker against the served
graph with the same function as the command line, and is deleted. The size limit applies while reading.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..intake.files import SUFFIXES
from ..rdf.files import MAX_SIZE
from .jobs import Problem, run_job
from .templating import render

#: The report page styles itself inline and runs no script.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def safe_name(name: str) -> str:
    """The uploaded file's own name, reduced to safe characters, its extension kept (it tells the format)."""
    base = Path(name or "upload").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    return (re.sub(r"[^A-Za-z0-9._-]+", "_", stem)[:80] or "upload") + suffix


async def form(request: Request) -> HTMLResponse:
    """The upload form."""
    return HTMLResponse(render("validate.html", formats=SUFFIXES, max_mb=MAX_SIZE // 2**20, error=None))


async def upload(request: Request) -> HTMLResponse:
    """Validate the uploaded file and answer with the report (or the form again, with the reason)."""
    async with request.form(max_files=1, max_fields=5, max_part_size=MAX_SIZE) as data:
        upload = data.get("file")
        if upload is None or not getattr(upload, "filename", None):
            return _again("choose a file to validate", 400)
        folder = Path(tempfile.mkdtemp(prefix="jwc-upload-"))
        try:
            path = folder / safe_name(upload.filename)
            size = 0
            with open(path, "wb") as out:
                while chunk := await upload.read(1 << 20):
                    size += len(chunk)
                    if size > MAX_SIZE:
                        return _again(f"{upload.filename}: the file is over {MAX_SIZE // 2**20} MB", 413)
                    out.write(chunk)
            try:
                page = await run_job(request, {"kind": "validate", "paths": [str(path)]})
            except Problem as problem:
                if problem.status != 400:
                    raise
                return _again(problem.message.replace(str(folder) + "/", ""), 422)
            page = page.replace(str(folder) + "/", "").replace(
                "<body>",
                "<body><p><a href='/validate'>Validate another file</a> · <a href='/'>Query page</a></p>",
                1,
            )
            return HTMLResponse(page, status_code=200, headers={"Content-Security-Policy": REPORT_CSP})
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _again(message: str, status: int) -> HTMLResponse:
    return HTMLResponse(
        render("validate.html", formats=SUFFIXES, max_mb=MAX_SIZE // 2**20, error=message), status_code=status
    )
