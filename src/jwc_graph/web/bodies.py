"""Request bodies read with a size limit (a 413 as soon as the limit is passed, never a 200 MB body in memory), and
read as the Content-Type says: its media type, and a form's charset."""

from __future__ import annotations

import codecs
import urllib.parse

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


def content_type(header: str | None) -> tuple[str, dict[str, str]]:
    """A Content-Type header's media type (lower case) and its parameters (names in lower case, quotes off)."""
    kind, *params = (header or "").split(";")
    found = {}
    for param in params:
        name, _, value = param.partition("=")
        if name.strip():
            found[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), found


def form_fields(raw: bytes, charset: str | None) -> dict[str, list[str]]:
    """The fields of an application/x-www-form-urlencoded body, the bytes of each value (percent-escaped or not)
    decoded with the form's charset (UTF-8 when it names none, as the HTML standard sends them); 415 for a charset
    this server does not know, 400 for a value that is not in the charset it claims."""
    charset = charset or "utf-8"
    unknown = Problem(415, f"unknown charset {charset!r} in the Content-Type: send the form in UTF-8 (charset=utf-8)")
    try:
        if not getattr(codecs.lookup(charset), "_is_text_encoding", True):  # base64, rot13: no text encodings
            raise unknown
    except LookupError:
        raise unknown from None
    fields: dict[str, list[str]] = {}
    for pair in raw.split(b"&"):  # urllib's parse_qsl decodes as UTF-8 or fails on bytes: done here, bytes first
        if not pair:
            continue
        name, _, value = (urllib.parse.unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"="))
        try:
            fields.setdefault(name.decode(charset), []).append(value.decode(charset))
        except UnicodeDecodeError:
            raise Problem(400, f"the form is not valid {charset} text, the charset its Content-Type names") from None
    return fields
