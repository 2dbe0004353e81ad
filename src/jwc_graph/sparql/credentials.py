"""Credentials for a store that asks for them (Virtuoso's /sparql-graph-crud-auth and /sparql-auth, ...).

The password is read from an environment variable, never from the command line, where `ps` and shell
history would show it. urllib's own auth handlers answer a 401 by sending the request again, which a
streamed body cannot be; so a bodiless HEAD request fetches the store's challenge first, and the request
itself carries the answer: HTTP Digest (Virtuoso's) or Basic, as the challenge asks.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from ..base.errors import InputError

PASSWORD_VARIABLE = "JWC_PUSH_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user name and password for one push (the password never shown in a repr or a message)."""

    user: str
    password: str = field(repr=False)


def from_environment(user: str) -> Credentials:
    """The credentials of `user`, with the password taken from JWC_PUSH_PASSWORD."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise InputError(
            f"--user {user} given, but {PASSWORD_VARIABLE} is not set",
            fix=f"put the password in the environment: read -s {PASSWORD_VARIABLE}; export {PASSWORD_VARIABLE}",
        )
    return Credentials(user, password)


def authorize(req: urllib.request.Request, credentials: Credentials, timeout: float) -> None:
    """Add the Authorization header that the store's challenge for `req`'s URL asks for (none if it asks none)."""
    probe = urllib.request.Request(req.full_url, method="HEAD")
    try:
        with urllib.request.urlopen(probe, timeout=timeout):
            return  # no challenge: the store lets anyone in here
    except urllib.error.HTTPError as err:
        challenge = err.headers.get("WWW-Authenticate", "") if err.code == 401 else ""
        err.close()
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "basic":
        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")
    elif scheme.lower() == "digest":
        chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, req.full_url, credentials.user, credentials.password)
        answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(req, chal)
        if answer:
            req.add_unredirected_header("Authorization", f"Digest {answer}")
