"""Refuse SPARQL Update and SERVICE calls to hosts not allowed, before a query reaches the store.

pyoxigraph runs SERVICE clauses itself (it fetches from the network) and parses an update sent as a
query with a misleading message, so the server reads the query's tokens first: nothing leaves the
machine unless the SERVICE host is on the allow-list, and updates get a clear "read-only" answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from ..base.namespaces import PREFIXES

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused; change the files in data/ and run "
    "`jwc build`, or use `jwc push` to load the graph into a store you can write to"
)

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<string>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:[\w.\-]+)
  | (?P<pname>(?:[^\W\d_][\w\-.]*)?:(?:[\w\-:.]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
""",
    re.VERBOSE | re.DOTALL,
)


class Refused(Exception):
    """The query may not run here; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """The query's significant tokens as (kind, text), comments and white space left out."""
    for m in _TOKEN.finditer(text):
        if m.lastgroup not in ("ws", "comment"):
            yield m.lastgroup, m.group()


def is_update(text: str) -> bool:
    """Whether the text is (or contains) a SPARQL Update operation rather than a query."""
    return any(kind == "word" and value.upper() in UPDATE_WORDS for kind, value in tokens(text))


def _unescape_iri(iri: str) -> str:
    """The IRI with its \\u and \\U escapes decoded (an impossible code point becomes U+FFFD)."""
    return re.sub(
        _UCHAR, lambda m: chr(int(m.group()[2:], 16)) if int(m.group()[2:], 16) <= 0x10FFFF else "\ufffd", iri
    )


def _join(base: str, iriref: str) -> str | None:
    """The IRI of an <IRIREF> token, resolved against BASE; None if it cannot be read."""
    try:
        return urljoin(base, _unescape_iri(iriref[1:-1]))
    except ValueError:
        return None


def _host(iri: str | None) -> str | None:
    try:
        return urlsplit(iri).hostname if iri else None
    except ValueError:
        return None


def service_targets(text: str) -> list[str | None]:
    """The IRI each SERVICE clause calls (None where it cannot be known, e.g. a variable)."""
    toks = list(tokens(text))
    prefixes = dict(PREFIXES)
    base = ""
    targets: list[str | None] = []
    for i, (kind, value) in enumerate(toks):
        word = value.upper() if kind == "word" else ""
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].rstrip(":")] = _join(base, toks[i + 2][1])
        elif word == "BASE" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = _join(base, toks[i + 1][1]) or ""
        elif word == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
                j += 1
            target = toks[j] if j < len(toks) else ("", "")
            if target[0] == "iri":
                targets.append(_join(base, target[1]))
            elif target[0] == "pname":
                prefix, _, local = target[1].rstrip(".").partition(":")
                ns = prefixes.get(prefix)
                targets.append(ns + re.sub(r"\\(.)", r"\1", local) if ns else None)
            else:
                targets.append(None)
    return targets


def normalise_hosts(hosts: Iterable[str]) -> frozenset[str]:
    """Allow-list entries as lower-case `host` or `host:port` (full URLs are reduced to their host)."""
    out = set()
    for h in hosts:
        h = h.strip().lower()
        if "//" in h:
            parts = urlsplit(h)
            h = parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else ""
        if h:
            out.add(h.strip("[]"))
    return frozenset(out)


def host_allowed(iri: str | None, allow: frozenset[str]) -> bool:
    """Whether a SERVICE IRI is an http(s) URL whose host (or host:port) is on the allow-list."""
    if not iri:
        return False
    try:
        parts = urlsplit(iri)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    return host in allow or (port is not None and f"{host}:{port}" in allow)


def check(text: str, allow: frozenset[str]) -> None:
    """Raise Refused (403) for an update, or for a SERVICE whose host is not on the allow-list."""
    if is_update(text):
        raise Refused(403, READ_ONLY)
    for iri in service_targets(text):
        if host_allowed(iri, allow):
            continue
        shown = f"SERVICE <{iri}>" if iri else "a SERVICE whose address is not a fixed IRI"
        listed = ", ".join(sorted(allow)) or "none"
        host = _host(iri) or "HOST"
        raise Refused(
            403,
            f"{shown} is refused: this server calls only the SERVICE hosts on its allow-list "
            f"({listed}); nothing was fetched. To allow it, start the server with "
            f"`jwc serve --allow-service {host}`",
        )
