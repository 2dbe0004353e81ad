"""Signed-in stewards on the served site: a session per sign-in, a form token per session, limits per client.

A steward signs in once with their token; the server keeps the session (in memory: a restart signs
everyone out) and sets an HttpOnly, SameSite=Strict cookie holding only a random session id. Every
form carries the session's own random token (cross-site request forgery needs both the cookie and
that token, and a strict cookie is not sent from another site at all). Each request checks the
account again, so a revoked token ends its sessions at once.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from ..base.project import Project
from ..intake import stewards

COOKIE = "jwc_session"
#: A session ends after this long without a request.
IDLE = 8 * 3600


@dataclass
class Session:
    """One sign-in: whose, the form token, and when it was last used."""

    account_id: str
    name: str
    role: str
    csrf: str
    seen: float

    @property
    def can_review(self) -> bool:
        return self.role == "reviewer"


class Sessions:
    """The server's sessions, checked against the accounts file on every use."""

    def __init__(self, project: Project):
        self.project = project
        self._lock = threading.Lock()
        self._by_id: dict[str, Session] = {}

    def start(self, account: stewards.Steward) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._by_id[sid] = Session(account.id, account.name, account.role, secrets.token_urlsafe(32), time.time())
        return sid

    def get(self, sid: str | None) -> Session | None:
        """The live session of that id, or None (unknown, idle too long, or its account revoked)."""
        if not sid:
            return None
        with self._lock:
            found = self._by_id.get(sid)
            if found is None or time.time() - found.seen > IDLE:
                self._by_id.pop(sid, None)
                return None
        active = {a.id for a in stewards.load(self.project) if a.active}
        if found.account_id not in active:
            self.end(sid)
            return None
        found.seen = time.time()
        return found

    def end(self, sid: str | None) -> None:
        with self._lock:
            self._by_id.pop(sid or "", None)


def form_token_ok(session: Session, given: str | None) -> bool:
    """Whether a form came with the session's own token (compared in constant time)."""
    return bool(given) and hmac.compare_digest(session.csrf, given)


class RateLimit:
    """At most `count` events per `seconds` for one key (a client address, an account): sign-in attempts,
    uploads."""

    def __init__(self, count: int, seconds: float):
        self.count, self.seconds = count, seconds
        self._lock = threading.Lock()
        self._events: dict[str, deque] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] > self.seconds:
                events.popleft()
            if len(events) >= self.count:
                return False
            events.append(now)
            return True
