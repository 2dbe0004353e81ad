"""The Python entry point for analysts and notebooks: open the graph, run queries, get rows as dicts.

    from jwc_graph.api import open_graph
    g = open_graph()
    g.run("ipjj-members").rows()      # a catalogue query by name
    g.query("SELECT ...").rows()      # any SPARQL; project prefixes are added
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import catalogue, query
from .project import Project, find_project
from .store import open_store


@dataclass
class Graph:
    """The built graph (embedded store) or a remote endpoint, and the query catalogue."""

    project: Project
    store: ox.Store | None = None
    endpoint: str | None = None

    def query(self, text: str, limit: int | None = None) -> query.Answer:
        """Run SPARQL; on a remote endpoint when the graph was opened with one."""
        if self.endpoint:
            return query.run_remote(self.endpoint, text)
        return query.run(self.store, text, limit=limit)

    def catalogue(self) -> list[catalogue.CatalogueQuery]:
        return catalogue.load(self.project.queries_dir)

    def run(self, name: str) -> query.Answer:
        """Run a catalogue query by its name (the file name in queries/ without .rq)."""
        return self.query(catalogue.find(self.project.queries_dir, name).text)


def open_graph(root: str | Path | None = None, endpoint: str | None = None) -> Graph:
    """Open the project's built store (run `jwc build` first), or use a remote SPARQL endpoint."""
    project = find_project(root)
    if endpoint:
        return Graph(project, endpoint=endpoint)
    return Graph(project, store=open_store(project.store_dir))
