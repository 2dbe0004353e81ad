"""Write a file so that a failure leaves the old file or the new one, never half of one.

The bytes go to a temporary file beside the target, which is renamed over it once complete (one
rename on one file system). With `durable`, both are flushed to disk first, for commit points.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_open(path: Path, durable: bool = False, tmp: Path | None = None) -> Iterator[BinaryIO]:
    """A binary file to write `path` through; it replaces `path` only if the block ends without an error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp or path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        dirfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)


def write_atomic(path: Path, data: bytes | str, durable: bool = False) -> Path:
    """Write `data` (text is written as UTF-8) to `path` in one step; returns the path."""
    with atomic_open(path, durable) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)
