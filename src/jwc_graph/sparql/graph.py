"""One graph to ask, whichever it is: the built store, RDF files loaded in memory, or a remote endpoint.

`jwc query`, the Python API (jwc_graph.api) and the notebooks all open the graph here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.project import Project, find_project
from ..rdf.files import MAX_LOAD_SIZE
from ..rdf.store import load_in_memory, open_store
from . import catalogue, query


@dataclass
class Graph:
    """The built graph (embedded store), files loaded in memory, or a remote endpoint; and the query catalogue."""

    project: Project | None
    store: ox.Store | None = None
    endpoint: str | None = None

    def query(self, text: str, limit: int | None = None, base_iri: str | None = None) -> query.Answer:
        """Run SPARQL; on a remote endpoint when the graph was opened with one. Relative IRIs in the query
        resolve against its BASE, else `base_iri` (with none, a relative IRI is an error)."""
        if self.endpoint:
            return query.run_remote(self.endpoint, text, base_iri=base_iri)
        return query.run(self.store, text, limit=limit, base_iri=base_iri)

    def catalogue(self) -> list[catalogue.CatalogueQuery]:
        return catalogue.load(self._queries_dir())

    def run(self, name: str) -> query.Answer:
        """Run a catalogue query by its name (the file name in queries/ without .rq)."""
        return self.query(catalogue.find(self._queries_dir(), name).text)

    def _queries_dir(self) -> Path:
        if self.project is None:
            raise InputError(
                "the query catalogue is in a jwc-graph project, and none was found",
                fix="open the graph from inside a checkout, or pass root=",
            )
        return self.project.queries_dir


def open_graph(
    root: str | Path | None = None,
    endpoint: str | None = None,
    files: str | Path | Iterable[str | Path] | None = None,
    max_size: int = MAX_LOAD_SIZE,
    default_graph: str | Path | Iterable[str | Path] | None = None,
) -> Graph:
    """Open the project's built store (run `jwc build` first), a remote SPARQL endpoint, or RDF files loaded
    into a new in-memory store (the catalogue still comes from the project, when there is one).

    `files` are loaded as named graphs (a file of triples becomes the graph called after it) and the default
    graph is their union; `default_graph` files (triples) make the default graph instead, and an empty
    list makes it empty."""
    if (files is not None or default_graph is not None) and endpoint:
        raise InputError("both files and an endpoint given", fix="query either local files or a remote endpoint")
    if files is None and default_graph is None and not endpoint:
        project = find_project(root)
        return Graph(project, store=open_store(project.store_dir))
    try:  # files and endpoints need no project; the catalogue comes from one when there is one
        project = find_project(root)
    except InputError:
        if root is not None:
            raise
        project = None
    if endpoint:
        return Graph(project, endpoint=endpoint)
    paths, defaults = _paths(files), None if default_graph is None else _paths(default_graph)
    if not paths and defaults is None:
        raise InputError("files=[] names no file", fix="give the RDF files to load")
    return Graph(project, store=load_in_memory(paths, max_size=max_size, default_paths=defaults))


def _paths(files: str | Path | Iterable[str | Path] | None) -> list[Path]:
    if files is None:
        return []
    return [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
