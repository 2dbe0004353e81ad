"""The served validation page: anyone uploads files and reads the HTML report of `jwc validate`.

Nothing is stored: the uploads are validated by a worker against the served graph with the same function
as the command line (web/uploads.py), then deleted. The size limit applies while reading.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..intake.files import SUFFIXES
from ..rdf.files import format_size
from . import uploads
from .jobs import Problem
from .templating import render

#: The report page styles itself inline and runs no script.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _limit(request: Request) -> int:
    return request.app.state.settings.max_upload


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
    async with request.form(max_files=uploads.MAX_FILES + 1, max_fields=5, max_part_size=limit) as data:
        try:
            files = await uploads.read_files(data, "file", limit)
        except Problem as problem:
            return _again(request, problem.message, problem.status)
        page, error = await uploads.check(request, files, "validate")
        if error:
            return _again(request, error, 422)
        page = page.replace(
            "<body>", "<body><p><a href='/validate'>Validate another file</a> · <a href='/'>Query page</a></p>", 1
        )
        return HTMLResponse(page, status_code=200, headers={"Content-Security-Policy": REPORT_CSP})


def _again(request: Request, message: str | None, status: int) -> HTMLResponse:
    """The form, with a reason when there is one."""
    page = render("validate.html", formats=SUFFIXES, max_size=format_size(_limit(request)), error=message)
    return HTMLResponse(page, status_code=status)
