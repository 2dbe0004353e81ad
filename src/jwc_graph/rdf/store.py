"""The embedded Oxigraph store: the persistent one `jwc build` writes whole and readers open, and
in-memory stores loaded straight from RDF files for ad-hoc questions (`jwc query --data`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from .default_graph import fill
from .files import HEAD, MAX_LOAD_SIZE, check_head, check_size, check_xml, parse_errors, rdf_format

BOM = b"\xef\xbb\xbf"


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
        raise InputError(
            f"{path}: cannot open the graph store: {err}", fix="run `jwc build --force` to rebuild it"
        ) from None


def load_in_memory(
    paths: Iterable[Path],
    max_size: int = MAX_LOAD_SIZE,
    display=str,
    default_paths: Iterable[Path] | None = None,
) -> ox.Store:
    """A new in-memory store holding the given RDF files, for querying files without a build.

    Files stream through Oxigraph's bulk loader, never through Python objects: this is what makes
    loading several times faster than into the on-disk store (docs/benchmarks.md). Named graphs are
    kept; a file of triples goes into the graph <file:///its/absolute/path>, so answers can name the
    file each fact came from, and the default graph is the union of the named graphs. With
    `default_paths` (even none), the default graph is what those files hold instead: their triples, or
    a dataset file's default graph (its named graphs are kept as named graphs). Relative IRIs in a file
    resolve against the file's own IRI; an empty file is an empty graph. Nothing is validated against
    the shapes: use `jwc validate` for that.
    """
    store = ox.Store()
    for path in paths:
        _load(store, Path(path), display, max_size, into_default=False)
    if default_paths is None:
        fill(store)
        return store
    for path in default_paths:
        _load(store, Path(path), display, max_size, into_default=True)
    return store


def _load(store: ox.Store, path: Path, display, max_size: int, into_default: bool) -> None:
    """Bulk-load one file: its triples into the default graph or into the graph named after the file."""
    shown = display(path)
    fmt = rdf_format(path, shown)
    bom, blank = _check_file(path, shown, max_size)
    if fmt == ox.RdfFormat.RDF_XML and not blank:
        check_xml(shown, path.read_bytes())  # DOCTYPEs: Oxigraph would expand their entities
    iri = path.resolve().as_uri()
    graph = None if fmt.supports_datasets else ox.DefaultGraph() if into_default else ox.NamedNode(iri)
    with parse_errors(shown, fix="check that the file is readable and complete"), path.open("rb") as fh:
        fh.seek(len(bom))  # Oxigraph's parsers do not skip a UTF-8 byte-order mark
        store.bulk_load(fh, format=fmt, to_graph=graph, base_iri=iri)


def _check_file(path: Path, shown: str, max_size: int) -> tuple[bytes, bool]:
    """Refuse a missing, huge or binary file before the loader sees it (reading its first bytes only); returns
    the UTF-8 byte-order mark the file starts with, if any, and whether the file is blank (an empty graph)."""
    size = check_size(
        path,
        shown,
        max_size,
        fix="raise the limit with --max-size if the machine has the memory (about 600 MB per million triples)",
    )
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD)
    except OSError as err:
        raise InputError(f"{shown}: cannot read the file: {err.strerror}", fix="check the path") from None
    check_head(shown, head, "give Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML", blank=False)
    bom = BOM if head.startswith(BOM) else b""
    return bom, size <= HEAD and not head[len(bom) :].strip()


def store_state(store_dir: str | Path) -> frozenset:
    """The store's files with their sizes and times: a write (even one only to the log) or a rebuild
    changes it, a read-only open does not (checked with RocksDB under pyoxigraph 0.5)."""
    try:
        return frozenset((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(store_dir))
    except OSError:
        return frozenset()
