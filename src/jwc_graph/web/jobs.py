"""Jobs for the query workers, as the pages and the endpoint hand them over: the pool's failures become Problems,
each an HTTP status with a message a person can act on."""

from __future__ import annotations

import logging

from starlette.requests import Request

from ..base.errors import JwcError
from .settings import Settings
from .workers import Busy, Overrun, WorkerFailed

log = logging.getLogger("jwc.serve")


class Problem(Exception):
    """An answer other than success: the HTTP status and a message for people."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def run_job(request: Request, job: dict):
    """Run a job on the worker pool; the pool's failures become Problems with a message to act on."""
    settings: Settings = request.app.state.settings
    try:
        return await request.app.state.pool.call(job)
    except Overrun:
        raise Problem(
            503,
            f"the query was stopped after {settings.timeout:g} s, this server's time limit. "
            "Make it more selective (narrow its patterns, add a LIMIT), or start the server "
            "with a longer limit: `jwc serve --timeout SECONDS`",
        ) from None
    except Busy:
        raise Problem(
            503,
            f"the server is busy: no query worker became free within {settings.timeout:g} s; try again shortly",
            {"Retry-After": "5"},
        ) from None
    except WorkerFailed as err:
        log.error("query worker failed: %s", err)
        raise Problem(
            500, "internal error: the query worker failed on this request; the details are in the server's log"
        ) from None
    except JwcError as err:
        raise Problem(400, err.message) from None
