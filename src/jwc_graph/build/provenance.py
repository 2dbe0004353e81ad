"""Check that every fact in data/ sits in the named graph of a catalogued source."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..base import urls
from ..base.errors import InputError
from ..base.namespaces import CATALOGUE_GRAPH, ONTOLOGY, PREFIXES
from ..rdf.files import ParsedFile
from .findings import Finding

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
SOURCE = ox.NamedNode(ONTOLOGY + "Source")
ANY_URI = ox.NamedNode(PREFIXES["xsd"] + "anyURI")


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


def unreadable_urls(files: list[ParsedFile]) -> list[Finding]:
    """A Warning for each stored xsd:anyURI that is not a URI (a submission's source stored before addresses were
    normalised): the build goes on, and the steward learns how to put it right."""
    found = []
    for f in files:
        for q in f.quads:
            o = q.object
            if isinstance(o, ox.Literal) and o.datatype == ANY_URI and not urls.is_uri(o.value):
                found.append(
                    Finding(
                        "Warning",
                        str(q.subject.value) if isinstance(q.subject, ox.NamedNode) else str(q.subject),
                        f"the web address {o.value!r} is not a valid URI (characters RFC 3986 does not allow)",
                        path=q.predicate.value,
                        value=o.value,
                        component="SourceCheck",
                        fix="percent-encode the address (`|` as %7C, a space as %20); for a submission, revert it "
                        "and submit it again: `jwc submit` now does this itself",
                        where=f.display,
                    )
                )
    return found


def where_described(files: list[ParsedFile]) -> dict[str, list[str]]:
    """For each subject IRI, the data files that state something about it (for reports)."""
    where: dict[str, set[str]] = defaultdict(set)
    for f in files:
        for q in f.quads:
            if isinstance(q.subject, ox.NamedNode):
                where[q.subject.value].add(f.display)
    return {k: sorted(v) for k, v in where.items()}
