"""The Python entry point for analysts and notebooks: open the graph, run queries, get rows as dicts.

    from jwc_graph.api import open_graph
    g = open_graph()
    g.run("ipjj-members").rows()      # a catalogue query by name
    g.query("SELECT ...").rows()      # any SPARQL; project prefixes are added
    open_graph(files=["dump.nq"])     # RDF files loaded into memory, no build needed
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .sparql import catalogue, query
from .base.errors import InputError
from .base.project import Project, find_project
from .rdf.store import LOAD_MAX_SIZE, load_in_memory, open_store


@dataclass
class Graph:
    """The built graph (embedded store), files loaded in memory, or a remote endpoint; and the query catalogue."""

    project: Project | None
    store: ox.Store | None = None
    endpoint: str | None = None

    def query(self, text: str, limit: int | None = None) -> query.Answer:
        """Run SPARQL; on a remote endpoint when the graph was opened with one."""
        if self.endpoint:
            return query.run_remote(self.endpoint, text)
        return query.run(self.store, text, limit=limit)

    def catalogue(self) -> list[catalogue.CatalogueQuery]:
        return catalogue.load(self._queries_dir())

    def run(self, name: str) -> query.Answer:
        """Run a catalogue query by its name (the file name in queries/ without .rq)."""
        return self.query(catalogue.find(self._queries_dir(), name).text)

    def _queries_dir(self) -> Path:
        if self.project is None:
            raise InputError("the query catalogue is in a jwc-graph project, and none was found",
                             fix="open the graph from inside a checkout, or pass root=")
        return self.project.queries_dir


def open_graph(root: str | Path | None = None, endpoint: str | None = None,
               files: str | Path | Iterable[str | Path] | None = None, max_size: int = LOAD_MAX_SIZE) -> Graph:
    """Open the project's built store (run `jwc build` first), a remote SPARQL endpoint, or RDF `files`
    loaded into a new in-memory store (the catalogue still comes from the project, when there is one)."""
    if files is not None:
        if endpoint:
            raise InputError("both files and an endpoint given", fix="query either local files or a remote endpoint")
        paths = [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
        if not paths:
            raise InputError("files=[] names no file", fix="give the RDF files to load")
        try:
            project = find_project(root)
        except InputError:
            if root is not None:
                raise
            project = None
        return Graph(project, store=load_in_memory(paths, max_size=max_size))
    project = find_project(root)
    if endpoint:
        return Graph(project, endpoint=endpoint)
    return Graph(project, store=open_store(project.store_dir))
