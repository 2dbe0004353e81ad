"""Refuse SPARQL Update and SERVICE calls to hosts not allowed, before a query reaches the store.

pyoxigraph runs SERVICE clauses itself (it fetches from the network) and parses an update sent as a
query with a misleading message, so the server reads the query first: nothing leaves the machine
unless the SERVICE host is on the allow-list, and updates get a clear "read-only" answer.

The guard reads the query with the lexical grammar of SPARQL 1.1 (section 19.8), as the engine
(spargebra) does: `\\u` and `\\U` escapes are decoded in the whole text first, names take every
character the grammar allows (U+00B7, combining marks, U+203F, `\\'` escapes in local names), and a
query holding any character the grammar has no token for is refused rather than guessed at. When
no SERVICE host is allowed, the query workers also run without a network (web/worker.py), so a
query the guard misread still cannot reach another machine.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from ..base.namespaces import PREFIXES

UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused; change the files in data/ and run "
    "`jwc build`, or use `jwc push` to load the graph into a store you can write to"
)

# The terminals of the SPARQL 1.1 grammar (https://www.w3.org/TR/sparql11-query/#terminals).
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_VARNAME = rf"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"
_TOKEN = re.compile(
    rf"""
    (?P<ws>[\x20\t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*\"\"\"
               |'(?:[^'\\\n\r]|{_ECHAR})*'|"(?:[^"\\\n\r]|{_ECHAR})*")
  | (?P<var>[?$]{_VARNAME})
  | (?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
  | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\].,;*=<>!+\-/|^?a@])
  | (?P<other>.)
""",
    re.VERBOSE | re.DOTALL,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """The query may not run here; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def unescape(text: str) -> str:
    """The query with its `\\u` and `\\U` escapes decoded, as the engine reads it before parsing."""

    def decode(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise Refused(400, f"the query holds the escape {m.group(0)}, which is no character")
        return chr(code)

    return _UCHAR.sub(decode, text)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """The query's significant tokens as (kind, text), comments and white space left out; a character the
    SPARQL grammar has no token for is refused (the engine might read it otherwise than the guard), after the
    tokens before it (the nesting check and the query form read up to there)."""
    lexed, refused = _lexed(text)
    yield from lexed
    if refused:
        raise Refused(400, refused)


@functools.lru_cache(maxsize=4)
def _lexed(text: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """The tokens up to the first character SPARQL has no token for, and the message refusing it (None if there is
    none), read once per process for the several readers of one query (the guard, the query form, the dataset, the
    nesting, the diagnostics): a few entries, since each process reads one query at a time."""
    out = []
    for m in _TOKEN.finditer(unescape(text)):
        kind = m.lastgroup
        if kind == "other":
            refused = (
                f"the query holds {m.group()!r} at character {m.start() + 1}, which SPARQL has no use for "
                "there: check the quotes and brackets around it; nothing was run"
            )
            return tuple(out), refused
        if kind not in ("ws", "comment"):
            out.append((kind, m.group()))
    return tuple(out), None


def is_update(text: str) -> bool:
    """Whether the text is (or contains) a SPARQL Update operation rather than a query."""
    return any(kind == "word" and value.upper() in UPDATE_WORDS for kind, value in tokens(text))


def _join(base: str, iriref: str) -> str | None:
    """The IRI of an <IRIREF> token, resolved against BASE; None if it cannot be read."""
    try:
        return urljoin(base, iriref[1:-1])
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
                prefix, _, local = target[1].partition(":")
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


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified


def resolves_inside(iri: str, allow: frozenset[str], resolve=socket.getaddrinfo) -> str | None:
    """The loopback, private or link-local address the IRI's host resolves to, unless the allow-list names that
    address itself; None when the host may be called. A name that cannot be resolved is refused too."""
    parts = urlsplit(iri)
    host = (parts.hostname or "").lower()
    try:
        ipaddress.ip_address(host)
        literal = True
    except ValueError:
        literal = False
    if literal:
        return host if _internal(host) and host not in allow and f"{host}:{parts.port}" not in allow else None
    try:
        found = {info[4][0] for info in resolve(host, parts.port or 80, type=socket.SOCK_STREAM)}
    except OSError:
        return f"{host} (which does not resolve)"
    inside = sorted(a for a in found if _internal(a.split("%")[0]))
    return inside[0] if inside else None


def check(text: str, allow: frozenset[str]) -> None:
    """Raise Refused (403) for an update, or for a SERVICE whose host is not on the allow-list or resolves to
    an address inside this machine's networks; 400 for a query the guard cannot read as the engine would."""
    if is_update(text):
        raise Refused(403, READ_ONLY)
    listed = ", ".join(sorted(allow)) or "none"
    for iri in service_targets(text):
        if host_allowed(iri, allow):
            inside = resolves_inside(iri, allow)
            if inside:
                raise Refused(
                    403,
                    f"SERVICE <{iri}> is refused: its host resolves to {inside}, an address inside "
                    "this machine's networks; allow that address itself with --allow-service to call it",
                )
            continue
        shown = f"SERVICE <{iri}>" if iri else "a SERVICE whose address is not a fixed IRI"
        host = _host(iri) or "HOST"
        raise Refused(
            403,
            f"{shown} is refused: this server calls only the SERVICE hosts on its allow-list "
            f"({listed}); nothing was fetched. To allow it, start the server with "
            f"`jwc serve --allow-service {host}`",
        )
