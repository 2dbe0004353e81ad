"""The embedded, persistent Oxigraph store: write one whole, open it for reading."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError


def write_store(path: Path, quads: Iterable[ox.Quad]) -> None:
    """Create a new store at `path` (which must not exist yet) holding exactly `quads`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
    del store  # closes the RocksDB files before the folder is moved into place


def open_store(path: Path, read_only: bool = True) -> ox.Store:
    """Open the store built by `jwc build`; read-only opens let several readers share it."""
    if not path.is_dir():
        raise InputError(f"{path}: no graph store here yet", fix="run `jwc build` first")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        raise InputError(f"{path}: cannot open the graph store: {err}", fix="run `jwc build --force` to rebuild it") from None
