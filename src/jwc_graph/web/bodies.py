"""Request bodies read with a size limit: a 413 as soon as the limit is passed, never a 200 MB body in memory."""

from __future__ import annotations

from starlette.requests import Request

from ..rdf.files import format_size
from .jobs import Problem


async def read_limited(request: Request, limit: int, what: str) -> bytes:
    """The whole body, if it is at most `limit` bytes (Content-Length checked first, then counted as it comes);
    later reads of the request (request.form()) see the same bytes."""
    too_big = Problem(413, f"{what} is over {format_size(limit)}, this server's limit: send a shorter one")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # starlette's own cache: form() and body() read it from here
    return body
