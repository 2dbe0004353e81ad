"""Jobs for the query workers, as the pages and the endpoint hand them over: the pool's failures become Problems,
each an HTTP status with a message a person can act on."""

from __future__ import annotations

import asyncio
import logging
import threading

from starlette.requests import Request

from ..base.errors import JwcError
from ..sparql.query import QueryError
from .settings import Settings
from .workers import Busy, Cancelled, MemoryExceeded, Overrun, WorkerFailed

log = logging.getLogger("jwc.serve")


class Problem(Exception):
    """An answer other than success: the HTTP status and a message for people."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def run_job(request: Request, job: dict):
    """Run a job on its lane's workers; the pool's failures become Problems with a message to act on. A job
    whose client leaves before the answer is stopped (its worker is replaced), not left to run on."""
    settings: Settings = request.app.state.settings
    cancelled = threading.Event()
    task = asyncio.ensure_future(request.app.state.lanes.for_job(job).call(job, cancelled))
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if done:
                return task.result()
            if await _gone(request):
                cancelled.set()
    except Overrun:
        raise Problem(
            503,
            f"the query was stopped after {settings.timeout:g} s, this server's time limit. "
            "Make it more selective (narrow its patterns, add a LIMIT), or start the server "
            "with a longer limit: `jwc serve --timeout SECONDS`",
        ) from None
    except MemoryExceeded:
        raise Problem(
            503,
            f"the query was stopped: it needed more than the {settings.max_memory // 2**20:,} MB of memory this server "
            "allows a query. Make it more selective (a LIMIT, fewer string operations, no ORDER BY over everything), "
            "or start the server with `jwc serve --max-query-memory SIZE`",
        ) from None
    except Busy:
        raise Problem(
            503,
            f"the server is busy: no query worker became free within {settings.timeout:g} s; try again shortly",
            {"Retry-After": "5"},
        ) from None
    except Cancelled:
        raise Problem(499, "the client left before the answer; the job was stopped") from None
    except WorkerFailed as err:
        log.error("query worker failed: %s", err)
        raise Problem(
            500, "internal error: the query worker failed on this request; the details are in the server's log"
        ) from None
    except QueryError as err:
        where = {"X-JWC-Error-Line": str(err.line), "X-JWC-Error-Column": str(err.column)} if err.line else None
        raise Problem(400, err.message, where) from None
    except JwcError as err:
        raise Problem(400, err.message) from None


async def _gone(request: Request) -> bool:
    """Whether the client has closed the connection (a form upload's body is read first, so this only sees
    the end of the connection)."""
    try:
        return await request.is_disconnected()
    except RuntimeError:
        return False
