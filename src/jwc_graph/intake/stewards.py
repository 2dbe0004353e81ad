"""Steward accounts: who may submit on the served site and who may review; each holds a token shown once.

Accounts live in .jwc/stewards.json (never committed), each with a role (submitter or reviewer), a salt and
the scrypt hash of its token, never the token itself. A token reads `jwc_<account>_<secret>`: the account
part says which hash to check, so one scrypt run verifies it. Revoking an account keeps its record (so
its name is not reused by accident) and refuses its token from then on. With no account at all, the
served site stays read-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from ..base.atomic import write_atomic
from ..base.errors import InputError
from ..base.project import Project
from ..base.text import control_chars

ROLES = ("submitter", "reviewer")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._'-]{0,79}$")
TOKEN = re.compile(r"^jwc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
#: scrypt's cost: about 50 ms a check on this machine, enough to make guessing slow, little for a login.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass
class Steward:
    """One account: its name, role, when it was made and revoked, and the hash of its token."""

    id: str
    name: str
    role: str
    created: str
    salt: str
    hash: str
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None

    @property
    def can_review(self) -> bool:
        return self.role == "reviewer"

    def public(self) -> dict:
        """What `jwc stewards list` shows: never the salt or the hash."""
        return {"name": self.name, "role": self.role, "created": self.created, "revoked": self.revoked}


def _path(project: Project) -> Path:
    return project.work_dir / "stewards.json"


def _hash(token: str, salt: bytes) -> str:
    return hashlib.scrypt(token.encode(), salt=salt, **SCRYPT).hex()


def load(project: Project) -> list[Steward]:
    """Every account, revoked ones included; none if the file does not exist yet."""
    path = _path(project)
    if not path.exists():
        return []
    try:
        return [Steward(**record) for record in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, TypeError) as err:
        raise InputError(f"{path}: the accounts file cannot be read ({err})", fix="restore it from a backup") from None


def _save(project: Project, accounts: list[Steward]) -> None:
    path = _path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps([asdict(a) for a in accounts], indent=2) + "\n")
    path.chmod(0o600)


def add(project: Project, name: str, role: str) -> str:
    """Make an account and return its token (shown once: only its hash is kept)."""
    name = name.strip()
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}", fix=f"use one of {', '.join(ROLES)}")
    if not NAME.match(name) or control_chars(name):
        raise InputError(f"{name!r} is not a usable name", fix="use letters, digits, spaces, dots, dashes (80 at most)")
    accounts = load(project)
    if any(a.name.casefold() == name.casefold() for a in accounts):
        raise InputError(f"there is already an account named {name!r}", fix="choose another name")
    account_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_bytes(16)
    token = f"jwc_{account_id}_{secret}"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    accounts.append(Steward(account_id, name, role, now, salt.hex(), _hash(token, salt)))
    _save(project, accounts)
    return token


def revoke(project: Project, name: str) -> Steward:
    """Refuse an account's token from now on."""
    accounts = load(project)
    found = next((a for a in accounts if a.name.casefold() == name.strip().casefold() and a.active), None)
    if found is None:
        known = ", ".join(a.name for a in accounts if a.active) or "none"
        raise InputError(f"no active account named {name!r}", fix=f"active accounts: {known}")
    found.revoked = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    _save(project, accounts)
    return found


def verify(project: Project, token: str) -> Steward | None:
    """The active account a token belongs to, or None (wrong, revoked, or not a token at all)."""
    m = TOKEN.match(token.strip())
    if not m:
        return None
    account = next((a for a in load(project) if a.id == m.group(1)), None)
    if account is None or not account.active:
        return None
    expected = _hash(token.strip(), bytes.fromhex(account.salt))
    return account if hmac.compare_digest(expected, account.hash) else None


def configured(project: Project) -> bool:
    """Whether any active account exists: without one, the served site takes no submissions."""
    return any(a.active for a in load(project))
