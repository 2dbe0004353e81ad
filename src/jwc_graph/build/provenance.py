"""Check that every fact in data/ sits in the named graph of a catalogued source."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import CATALOGUE_GRAPH, ONTOLOGY, PREFIXES
from ..rdf.files import ParsedFile

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
SOURCE = ox.NamedNode(ONTOLOGY + "Source")


def check_sources(files: list[ParsedFile]) -> None:
    """Raise InputError naming the file when data sits outside a named graph or in an uncatalogued one."""
    data = [f for f in files if f.role == "data"]
    for f in data:
        loose = [q for q in f.quads if isinstance(q.graph_name, ox.DefaultGraph)]
        if loose:
            q = loose[0]
            raise InputError(
                f"{f.display}: {len(loose)} triple(s) outside any named graph, "
                f"such as {q.subject} {q.predicate} {q.object}",
                fix="put every fact inside its source's graph: src:NAME { ... }",
            )
    catalogue = ox.NamedNode(CATALOGUE_GRAPH)
    sources = {
        q.subject
        for f in data
        for q in f.quads
        if q.graph_name == catalogue and q.predicate == RDF_TYPE and q.object == SOURCE
    }
    graphs: dict[ox.NamedNode, set[str]] = defaultdict(set)
    for f in data:
        for q in f.quads:
            if q.graph_name != catalogue:
                graphs[q.graph_name].add(f.display)
    for graph, where in sorted(graphs.items(), key=lambda kv: str(kv[0])):
        if graph not in sources:
            raise InputError(
                f"{', '.join(sorted(where))}: the graph {graph} is not a catalogued source",
                fix=f"describe it in the catalogue graph <{CATALOGUE_GRAPH}> (data/sources.trig) as a jwc:Source "
                "with a dcterms:title and a jwc:seedFile or schema:url",
            )


def where_described(files: list[ParsedFile]) -> dict[str, list[str]]:
    """For each subject IRI, the data files that state something about it (for reports)."""
    where: dict[str, set[str]] = defaultdict(set)
    for f in files:
        for q in f.quads:
            if isinstance(q.subject, ox.NamedNode):
                where[q.subject.value].add(f.display)
    return {k: sorted(v) for k, v in where.items()}
