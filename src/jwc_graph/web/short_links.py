"""Short links to queries (`/q/<id>`): the query's text kept in a file of its own under the project's work folder
(.jwc/short-links/<id>.rq), so a link outlives the server that made it.

The id comes from a hash of the text, so the same query always gets the same link and saving it twice stores it
once. Each file is written once, atomically (base/atomic.py), and never rewritten, so several servers on one
project can share the folder. A query is at most as long as /sparql takes, holds no control characters (they
could hide what a shared query does), and the folder as a whole has a cap.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import unicodedata
from pathlib import Path

from ..base.atomic import write_atomic
from ..rdf.files import format_size
from .jobs import Problem
from .settings import MAX_QUERY_BODY

ID_LENGTH = 10  # base32 characters: 50 bits of the hash; a clash with another text takes two more
ID_PATTERN = re.compile(r"[a-z2-7]{10,52}")
MAX_TOTAL = 100 * 1024**2  # bytes of stored queries, all links together
MAX_LINKS = 100_000
#: Text-direction controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI): they make text read differently
#: from what runs ("Trojan Source"), so a shared query may not hold them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hidden_character(text: str) -> str | None:
    """A message naming the first control character in `text` (tab and line ends are fine) and where it is."""
    for line_no, line in enumerate(text.split("\n"), start=1):
        for col, char in enumerate(line, start=1):
            if char in "\t\r":
                continue
            if unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS:
                return (
                    f"the query holds a control character (U+{ord(char):04X}) at line {line_no}, column {col}: "
                    "remove it and save the link again"
                )
    return None


def link_id(text: str, length: int = ID_LENGTH) -> str:
    """The first `length` base32 characters of the text's SHA-256 (lower case, no padding)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=").lower()[:length]


class ShortLinks:
    """The stored queries of one project: `save(text)` gives an id, `load(id)` the text back."""

    def __init__(self, folder: Path, max_query: int = MAX_QUERY_BODY, max_total: int = MAX_TOTAL):
        self.folder = Path(folder)
        self.max_query, self.max_total = max_query, max_total
        self._lock = threading.Lock()
        self._usage: tuple[int, int] | None = None  # (files, bytes), counted at the first save

    def save(self, text: str) -> tuple[str, bool]:
        """Store a query; (its id, whether it is new). Raises Problem (400, 413, 507) when it cannot be kept."""
        if not text.strip():
            raise Problem(400, "no query given: send query=... with the text of the query to link to")
        data = text.encode("utf-8")
        if len(data) > self.max_query:
            raise Problem(413, f"the query is over {format_size(self.max_query)}, this server's limit")
        problem = hidden_character(text)
        if problem:
            raise Problem(400, problem)
        with self._lock:
            for length in range(ID_LENGTH, 53, 2):
                key = link_id(text, length)
                path = self._path(key)
                if path.exists():
                    if path.read_bytes() == data:
                        return key, False
                    continue  # another text with the same first characters of its hash: take a longer id
                files, used = self._count()
                if files >= MAX_LINKS or used + len(data) > self.max_total:
                    raise Problem(
                        507,
                        f"this server keeps no more short links (at most {MAX_LINKS:,} links and "
                        f"{format_size(self.max_total)}); share the long link (/?query=...) instead",
                    )
                write_atomic(path, data, durable=True)
                self._usage = (files + 1, used + len(data))
                return key, True
        raise Problem(500, "internal error: no free short link id for this query")  # 2**256 says never

    def load(self, key: str) -> str | None:
        """The query stored under `key`, or None (also for anything that is not an id)."""
        if not ID_PATTERN.fullmatch(key):
            return None
        try:
            return self._path(key).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.rq"

    def _count(self) -> tuple[int, int]:
        if self._usage is None:
            sizes = [p.stat().st_size for p in self.folder.glob("*.rq")] if self.folder.is_dir() else []
            self._usage = (len(sizes), sum(sizes))
        return self._usage
