"""What one server answers from, and its limits, with their defaults (`jwc serve --timeout`, `--max-rows`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.project import Project

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10000
#: The most memory one query (one worker) may take, and the largest request body /sparql reads.
DEFAULT_MAX_MEMORY = 1024**3
MAX_QUERY_BODY = 1024**2
#: The largest file /validate takes (`jwc validate` on the command line takes up to 50 MB): a page's
#: validation runs within the server's time limit, which a 40 MB CSV would not.
DEFAULT_MAX_UPLOAD = 10 * 1024**2


@dataclass(frozen=True)
class Settings:
    """What one server answers from and its limits."""

    project: Project
    timeout: float
    max_rows: int
    service_allow: frozenset[str]
    max_memory: int = DEFAULT_MAX_MEMORY
    max_upload: int = DEFAULT_MAX_UPLOAD
