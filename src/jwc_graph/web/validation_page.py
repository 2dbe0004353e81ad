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
from ..rdf.files import format_size
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


def _limit(request: Request) -> int:
    return request.app.state.settings.max_upload


#: The most files one validation takes.
MAX_FILES = 10


async def form(request: Request) -> HTMLResponse:
    """The upload form."""
    return _again(request, None, 200)


async def upload(request: Request) -> HTMLResponse:
    """Validate the uploaded files together (each sees the others and the graph) and answer with the report, or the
    form again with the reason. Files are read up to the server's upload limit in all; the validation runs in
    the uploads lane, within the time limit, and is stopped if the browser goes away."""
    limit = _limit(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:  # the form's own fields and boundaries
        return _again(request, f"the files are over {format_size(limit)}, this server's limit", 413)
    async with request.form(max_files=MAX_FILES, max_fields=5, max_part_size=limit) as data:
        uploads = [u for u in data.getlist("file") if getattr(u, "filename", None)]
        if not uploads:
            return _again(request, "choose a file to validate", 400)
        folder = Path(tempfile.mkdtemp(prefix="jwc-upload-"))
        try:
            paths, size, taken = [], 0, set()
            for upload in uploads:
                path = folder / safe_name(upload.filename)
                while path.name in taken:
                    path = folder / ("_" + path.name)
                taken.add(path.name)
                with open(path, "wb") as out:
                    while chunk := await upload.read(1 << 20):
                        size += len(chunk)
                        if size > limit:
                            return _again(request, f"{upload.filename}: the files are over {format_size(limit)}", 413)
                        out.write(chunk)
                paths.append(str(path))
            try:
                page = await run_job(request, {"kind": "validate", "paths": paths})
            except Problem as problem:
                if problem.status != 400:
                    raise
                return _again(request, problem.message.replace(str(folder) + "/", ""), 422)
            page = page.replace(str(folder) + "/", "").replace(
                "<body>",
                "<body><p><a href='/validate'>Validate another file</a> · <a href='/'>Query page</a></p>",
                1,
            )
            return HTMLResponse(page, status_code=200, headers={"Content-Security-Policy": REPORT_CSP})
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _again(request: Request, message: str | None, status: int) -> HTMLResponse:
    """The form, with a reason when there is one."""
    page = render("validate.html", formats=SUFFIXES, max_size=format_size(_limit(request)), error=message)
    return HTMLResponse(page, status_code=status)
