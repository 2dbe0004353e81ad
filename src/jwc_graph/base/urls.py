"""Web addresses given by people (a submission's source) parsed and normalised before they are stored.

A browser-grade (WHATWG) parser from w3lib percent-encodes what RFC 3986 does not allow (`|`, spaces,
quotes, non-ASCII) and turns an international host into punycode; rfc3986 then checks the parts, so
whatever is stored as `xsd:anyURI` is one that every RDF and OWL tool reads (HermiT refuses `3|4`).
"""

from __future__ import annotations

import re

import rfc3986
from rfc3986 import validators
from w3lib.url import safe_url_string

_LOOKS_LIKE_URL = re.compile(r"^\s*https?://", re.IGNORECASE)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# RFC 3986's characters (unreserved, reserved, %XX): rfc3986's own validator lets `|` and spaces through.
_URI_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_VALID = (
    validators.Validator()
    .require_presence_of("scheme", "host")
    .allow_schemes("http", "https")
    .check_validity_of("scheme", "userinfo", "host", "port", "path", "query", "fragment")
)


def looks_like_url(text: str) -> bool:
    """True when the text starts as a web address does (whether or not it is a valid one)."""
    return bool(_LOOKS_LIKE_URL.match(text))


def web_url(text: str) -> str | None:
    """The http(s) address in `text`, normalised and percent-encoded; None if it is not one."""
    text = text.strip()
    if not looks_like_url(text) or any(ch.isspace() for ch in text):
        return None
    try:
        url = _BAD_PERCENT.sub("%25", safe_url_string(text))
        _VALID.validate(rfc3986.uri_reference(url))
    except (ValueError, rfc3986.exceptions.RFC3986Exception):
        return None
    return url if is_uri(url) else None


def is_uri(text: str) -> bool:
    """True when `text` is made only of the characters RFC 3986 allows in a URI (as `xsd:anyURI` readers expect)."""
    return bool(_URI_CHARS.fullmatch(text))
