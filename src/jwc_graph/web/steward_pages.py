"""The stewards' pages: sign in with a token, send files for review, and (reviewers) accept, reject or revert.

With no account configured (`jwc stewards add`), none of this is open and the site stays read-only.
Uploads are checked in the uploads lane like /validate, several files at once (each sees the others
and the graph); a sent submission waits in .jwc/pending/ and changes nothing until a reviewer accepts
it, which runs the same atomic step as `jwc submit`. Every form carries the session's form token; sign-in
attempts and uploads are rate-limited per client; all text from uploads is shown as text.
"""

from __future__ import annotations

import asyncio
import io

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..base.errors import JwcError
from ..intake import csv_templates, ledger, pending, stewards
from ..intake.files import SUFFIXES
from ..rdf.files import format_size
from . import uploads
from .jobs import Problem
from .sessions import COOKIE, RateLimit, Session, form_token_ok
from .templating import render

SIGN_INS = RateLimit(10, 600)  # attempts per client address per 10 minutes
UPLOADS = RateLimit(30, 600)  # checks and submissions per account per 10 minutes


def _session(request: Request) -> Session | None:
    return request.app.state.sessions.get(request.cookies.get(COOKIE))


def _page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("session", _session(request))
    return HTMLResponse(render(template, **context), status_code=status)


def _open(request: Request) -> None:
    """404 while no account exists: the site is read-only and says so."""
    if not stewards.configured(request.app.state.settings.project):
        raise Problem(404, "this site takes no submissions: no steward account is set up (`jwc stewards add`)")


def _signed_in(request: Request, reviewer: bool = False) -> Session:
    _open(request)
    session = _session(request)
    if session is None:
        raise Problem(401, "sign in with your steward token first: /sign-in")
    if reviewer and not session.can_review:
        raise Problem(403, "only a reviewer may do this; your account is a submitter's")
    return session


async def _form_checked(request: Request, session: Session, **limits):
    """The form, refused unless it carries the session's form token (a cross-site form cannot)."""
    form = await request.form(**limits)
    if not form_token_ok(session, form.get("csrf") if isinstance(form.get("csrf"), str) else None):
        await form.close()
        raise Problem(403, "this form is not from this site's page (or the page is too old): reload it and try again")
    return form


async def sign_in_form(request: Request) -> HTMLResponse:
    _open(request)
    return _page(request, "sign_in.html", error=None)


async def sign_in(request: Request) -> Response:
    _open(request)
    client = request.client.host if request.client else "unknown"
    if not SIGN_INS.allow(client):
        return _page(request, "sign_in.html", 429, error="too many attempts from here; wait ten minutes")
    form = await request.form(max_fields=3, max_part_size=4096)
    token = form.get("token") if isinstance(form.get("token"), str) else ""
    account = await asyncio.to_thread(stewards.verify, request.app.state.settings.project, token)
    if account is None:
        return _page(request, "sign_in.html", 401, error="that token is not valid (or has been revoked)")
    response = RedirectResponse("/review" if account.can_review else "/submit", status_code=303)
    sid = request.app.state.sessions.start(account)
    response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


async def sign_out(request: Request) -> Response:
    session = _signed_in(request)
    await _form_checked(request, session, max_fields=3, max_part_size=4096)
    request.app.state.sessions.end(request.cookies.get(COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


async def submit_form(request: Request) -> HTMLResponse:
    _signed_in(request)
    return _page(request, "submit.html", formats=SUFFIXES, max_size=format_size(_limit(request)), result=None)


async def _review(request: Request, files: list[tuple[str, bytes]]) -> dict:
    """The files checked together against the graph: report, summary and diff, or the reading error."""
    result, error = await uploads.check(request, files, "review")
    return result if error is None else {"error": error}


def _limit(request: Request) -> int:
    return request.app.state.settings.max_upload


async def submit(request: Request) -> HTMLResponse:
    """Check the files (button "check") or check and send them for review (button "send")."""
    session = _signed_in(request)
    if not UPLOADS.allow(session.account_id):
        raise Problem(429, "too many uploads from this account; wait ten minutes")
    form = await _form_checked(
        request, session, max_files=uploads.MAX_FILES + 1, max_fields=6, max_part_size=_limit(request)
    )
    try:
        files = await uploads.read_files(form, "files", _limit(request))
        source = form.get("source") if isinstance(form.get("source"), str) else ""
        result = await _review(request, files)
        sent = None
        if form.get("action") == "send" and result.get("conforms"):
            try:
                sent = await asyncio.to_thread(
                    pending.create, request.app.state.settings.project, files, source, session.name
                )
            except JwcError as err:
                result["error"] = err.message + (f" ({err.fix})" if err.fix else "")
        return _page(
            request,
            "submit.html",
            formats=SUFFIXES,
            max_size=format_size(_limit(request)),
            result=result,
            sent=sent,
            source=source,
        )
    finally:
        await form.close()


async def review_list(request: Request) -> HTMLResponse:
    _signed_in(request, reviewer=True)
    project = request.app.state.settings.project
    waiting = await asyncio.to_thread(pending.listing, project)
    accepted = await asyncio.to_thread(ledger.listing, project)
    return _page(request, "review_list.html", waiting=waiting, accepted=list(reversed(accepted)))


async def review_one(request: Request) -> HTMLResponse:
    _signed_in(request, reviewer=True)
    project = request.app.state.settings.project
    try:
        item = pending.load(project, request.path_params["pid"])
    except JwcError as err:
        raise Problem(404, err.message) from None
    files = [(f["name"], (item.folder(project) / "files" / f["name"]).read_bytes()) for f in item.files]
    result = await _review(request, files)  # against the graph as it is now
    return _page(request, "review.html", item=item, result=result, error=None)


async def review_decide(request: Request) -> Response:
    session = _signed_in(request, reviewer=True)
    form = await _form_checked(request, session, max_fields=4, max_part_size=8192)
    project, pid = request.app.state.settings.project, request.path_params["pid"]
    note = form.get("note") if isinstance(form.get("note"), str) else ""
    try:
        if form.get("action") == "accept":
            done = await asyncio.to_thread(pending.accept, project, pid, session.name, note)
            if not done.accepted:
                raise Problem(409, f"not accepted: against the graph as it is now, {done.report.summary()}")
        elif form.get("action") == "reject":
            await asyncio.to_thread(pending.reject, project, pid, session.name, note)
        else:
            raise Problem(400, "choose accept or reject")
    except JwcError as err:
        raise Problem(409, err.message) from None
    return RedirectResponse("/review", status_code=303)


async def revert(request: Request) -> Response:
    session = _signed_in(request, reviewer=True)
    await _form_checked(request, session, max_fields=3, max_part_size=4096)
    try:
        await asyncio.to_thread(ledger.revert, request.app.state.settings.project, request.path_params["sid"])
    except JwcError as err:
        raise Problem(409, err.message) from None
    return RedirectResponse("/review", status_code=303)


async def template_file(request: Request) -> Response:
    """A CSV template to download (public: templates hold no data)."""
    kind = request.path_params["kind"].removesuffix(".csv")
    if kind not in csv_templates.TEMPLATES:
        raise Problem(404, f"no template {kind!r}: there are {', '.join(csv_templates.TEMPLATES)}")
    buf = io.StringIO()
    csv_templates.write_template(kind, buf)
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'},
    )
