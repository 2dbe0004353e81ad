"""Describe the dataset with VoID and DCAT: size, classes, sources and downloadable files."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from .. import __version__
from ..base.namespaces import DATASET, ID, PREFIXES
from ..rdf.exports import FORMATS
from . import stats

VOID, DCAT, DCT, XSD = PREFIXES["void"], PREFIXES["dcat"], PREFIXES["dcterms"], PREFIXES["xsd"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
#: Where the export files are published; each file's IRI is this plus its name.
DIST_BASE = "https://w3id.org/jwc/dist/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_n(XSD + "integer"))


def _slug(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return f"{prefix}-{iri[len(ns) :]}"
    return hashlib.sha256(iri.encode()).hexdigest()[:16]


def describe_dataset(store: ox.Store, files: dict[str, bytes]) -> bytes:
    """The VoID/DCAT description as Turtle; `files` maps each export file name to its bytes."""
    ds = _n(DATASET)
    t: list[ox.Triple] = []

    def add(s, p, o):
        t.append(ox.Triple(s, _n(p), o))

    total = stats.totals(store)
    add(ds, PREFIXES["rdf"] + "type", _n(VOID + "Dataset"))
    add(ds, PREFIXES["rdf"] + "type", _n(DCAT + "Dataset"))
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
            "commit to, each fact in the named graph of the source document it comes from.",
            language="en",
        ),
    )
    add(ds, PREFIXES["owl"] + "versionInfo", ox.Literal(__version__))
    add(ds, VOID + "triples", _int(total["triples"]))
    add(ds, VOID + "entities", _int(total["entities"]))
    add(ds, VOID + "uriSpace", ox.Literal(ID))
    for vocab in ("org", "schema", "skos", "prov", "dcterms", "time", "jwc"):
        add(ds, VOID + "vocabulary", _n(PREFIXES[vocab]))

    classes = stats.by_class(store)
    add(ds, VOID + "classes", _int(len(classes)))
    for row in classes:
        part = _n(f"{DATASET}/class/{_slug(row['class'])}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", _n(row["class"]))
        add(part, VOID + "entities", _int(row["entities"]))

    for row in stats.by_source(store):
        sub = _n(f"{DATASET}/graph/{_slug(row['graph'])}")
        add(ds, VOID + "subset", sub)
        add(sub, PREFIXES["rdf"] + "type", _n(VOID + "Dataset"))
        add(sub, DCT + "source", _n(row["graph"]))
        add(sub, VOID + "triples", _int(row["triples"]))
        add(sub, VOID + "distinctSubjects", _int(row["entities"]))
        if row["title"]:
            add(sub, DCT + "title", ox.Literal(row["title"]))

    media = dict(FORMATS.values())
    for name in sorted(files):
        if name not in media:
            continue
        dist = _n(f"{DATASET}/distribution/{name}")
        add(ds, DCAT + "distribution", dist)
        add(dist, PREFIXES["rdf"] + "type", _n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", _n(DIST_BASE + name))
        add(dist, DCAT + "mediaType", ox.Literal(media[name]))
        add(dist, DCAT + "byteSize", _int(len(files[name])))
        add(dist, DCT + "title", ox.Literal(name))
    return ox.serialize(sorted(t, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
