"""The one table of RDF formats: file suffixes, names people and options use, media types, Oxigraph's parser.

Reading (project files, submissions, `--data`), writing (exports, query answers) and content negotiation
all look formats up here, so a format is added or renamed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation: its option name, its name for people, file suffixes, media type, parser."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    media_type: str
    ox: ox.RdfFormat

    @property
    def named_graphs(self) -> bool:
        """Whether the format can hold named graphs (TriG, N-Quads, JSON-LD) or only triples."""
        return self.ox.supports_datasets


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("turtle", "Turtle", (".ttl",), "text/turtle", ox.RdfFormat.TURTLE),
    RdfFormat("trig", "TriG", (".trig",), "application/trig", ox.RdfFormat.TRIG),
    RdfFormat("ntriples", "N-Triples", (".nt",), "application/n-triples", ox.RdfFormat.N_TRIPLES),
    RdfFormat("nquads", "N-Quads", (".nq",), "application/n-quads", ox.RdfFormat.N_QUADS),
    RdfFormat("jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json", ox.RdfFormat.JSON_LD),
    RdfFormat("rdfxml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml", ox.RdfFormat.RDF_XML),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}
#: What the "unknown file type" messages list.
SUFFIXES = tuple(sorted(BY_SUFFIX))


def for_path(path: Path) -> RdfFormat | None:
    """The format a file's suffix names (case ignored), or None."""
    return BY_SUFFIX.get(Path(path).suffix.lower())
