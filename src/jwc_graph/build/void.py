"""Describe the dataset with VoID and DCAT: licence, publisher, dates, endpoint, dumps, size, classes, sources.

Everything in it follows from the build's inputs (the latest date is the newest date the catalogue records),
so a rebuild with nothing changed writes the same bytes.
"""

from __future__ import annotations

import pyoxigraph as ox

from .. import __version__
from ..base.namespaces import CATALOGUE_GRAPH, DATASET, ID, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH
from ..rdf.exports import FORMATS
from ..rdf.formats import BY_NAME
from . import stats

VOID, DCAT, DCT, XSD, FOAF = PREFIXES["void"], PREFIXES["dcat"], PREFIXES["dcterms"], PREFIXES["xsd"], PREFIXES["foaf"]
RDF_TYPE = PREFIXES["rdf"] + "type"
#: Where the export files are published; each file's IRI is this plus its name.
DIST_BASE = "https://w3id.org/jwc/dist/"
#: Where the served SPARQL 1.1 endpoint is published (`jwc serve` answers it at /sparql).
SPARQL_ENDPOINT = "https://w3id.org/jwc/sparql"
#: The data's licence; each source's own terms are its dcterms:rights in the catalogue.
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"
#: Readable names of the subsets that are not a source's graph.
FIXED_SUBSETS = {ONTOLOGY_GRAPH: "ontology", SHAPES_GRAPH: "shapes", CATALOGUE_GRAPH: "catalogue"}
LATEST_DATE = f"""
SELECT (MAX(STR(?d)) AS ?latest) WHERE {{
    GRAPH <{CATALOGUE_GRAPH}> {{ ?s <{PREFIXES["jwc"]}retrievedOn>|<{DCT}date>|<{PREFIXES["prov"]}generatedAtTime> ?d }}
}}"""


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_n(XSD + "integer"))


def subset_name(graph: str) -> str:
    """A readable name for a graph's subset: "ontology", "source-gi-about", "submission-20261125T..."."""
    if graph in FIXED_SUBSETS:
        return FIXED_SUBSETS[graph]
    if graph.startswith(ID):
        return graph[len(ID) :].replace("/", "-")
    return "graph-" + "".join(c if c.isalnum() else "-" for c in graph.split("//", 1)[-1]).strip("-")


def latest_date(store: ox.Store) -> str | None:
    """The newest date the catalogue records (a source's retrieval or own date, a submission's time), as a day."""
    row = next(iter(store.query(LATEST_DATE)), None)
    value = row["latest"].value if row is not None and row["latest"] is not None else None
    return value[:10] if value else None


def describe_dataset(store: ox.Store, files: dict[str, bytes]) -> tuple[bytes, list[ox.Triple]]:
    """The VoID/DCAT description as Turtle, and as triples; `files` maps each export file name to its bytes."""
    ds = _n(DATASET)
    t: list[ox.Triple] = []

    def add(s, p, o):
        t.append(ox.Triple(s, _n(p), o))

    total = stats.totals(store)
    add(ds, RDF_TYPE, _n(VOID + "Dataset"))
    add(ds, RDF_TYPE, _n(DCAT + "Dataset"))
    add(
        ds,
        DCT + "title",
        ox.Literal("jwc-graph: a knowledge graph of the international child-justice field", language="en"),
    )
    add(
        ds,
        DCT + "description",
        ox.Literal(
            "Actors of international child justice, what they run together, the events they hold and what they "
            "commit to, each fact in the named graph of the source it comes from.",
            language="en",
        ),
    )
    add(ds, PREFIXES["owl"] + "versionInfo", ox.Literal(__version__))
    add(ds, DCT + "license", _n(LICENSE))
    add(
        ds,
        DCT + "rights",
        ox.Literal(
            "The data is the project's own wording of facts from its sources, under CC BY 4.0; each source's terms "
            "are its dcterms:rights in the catalogue graph.",
            language="en",
        ),
    )
    publisher = ox.BlankNode("publisher")
    add(ds, DCT + "publisher", publisher)
    add(publisher, RDF_TYPE, _n(FOAF + "Organization"))
    add(publisher, FOAF + "name", ox.Literal("The jwc-graph project", language="en"))
    add(ds, DCT + "issued", ox.Literal("2026-11-23", datatype=_n(XSD + "date")))
    latest = latest_date(store)
    if latest:
        add(ds, DCT + "modified", ox.Literal(latest, datatype=_n(XSD + "date")))
    add(ds, VOID + "sparqlEndpoint", _n(SPARQL_ENDPOINT))
    add(ds, VOID + "triples", _int(total["triples"]))
    add(ds, VOID + "entities", _int(total["entities"]))
    add(ds, VOID + "uriSpace", ox.Literal(ID))
    for vocab in ("org", "schema", "skos", "prov", "dcterms", "time", "jwc"):
        add(ds, VOID + "vocabulary", _n(PREFIXES[vocab]))

    classes = stats.by_class(store)
    add(ds, VOID + "classes", _int(len(classes)))
    for row in classes:
        local = row["class"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        prefix = next((p for p, ns in PREFIXES.items() if row["class"].startswith(ns)), "class")
        part = _n(f"{DATASET}/class/{prefix}-{local}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", _n(row["class"]))
        add(part, VOID + "entities", _int(row["entities"]))

    for row in stats.by_source(store):
        sub = _n(f"{DATASET}/graph/{subset_name(row['graph'])}")
        add(ds, VOID + "subset", sub)
        add(sub, RDF_TYPE, _n(VOID + "Dataset"))
        add(sub, DCT + "source", _n(row["graph"]))
        add(sub, VOID + "triples", _int(row["triples"]))
        add(sub, VOID + "distinctSubjects", _int(row["entities"]))
        if row["title"]:
            add(sub, DCT + "title", ox.Literal(row["title"]))

    formats = {file: BY_NAME[fmt] for fmt, (file, _media) in FORMATS.items()}
    for name in sorted(files):
        if name not in formats:
            continue
        dist, fmt = _n(f"{DATASET}/distribution/{name}"), formats[name]
        add(ds, DCAT + "distribution", dist)
        add(ds, VOID + "dataDump", _n(DIST_BASE + name))
        add(dist, RDF_TYPE, _n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", _n(DIST_BASE + name))
        add(dist, DCAT + "mediaType", _n(IANA + fmt.media_type))
        add(dist, DCT + "format", ox.Literal(fmt.label))
        add(dist, DCAT + "byteSize", _int(len(files[name])))
        add(dist, DCT + "title", ox.Literal(name))
        add(dist, DCT + "license", _n(LICENSE))
    triples = sorted(t, key=str)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES), triples
