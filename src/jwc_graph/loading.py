"""Parse the project's RDF files into quads, with errors that name the file, line and column.

pyoxigraph's parsers are used (not rdflib's) because they are about ten times faster and report
the exact position of a syntax error. Nothing is fetched: no base IRI is resolved against the
network and owl:imports is never followed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

#: The graph each kind of project file is loaded into; data files name their own graphs.
ROLE_GRAPHS = {"ontology": ox.NamedNode(ONTOLOGY_GRAPH), "shapes": ox.NamedNode(SHAPES_GRAPH)}


@dataclass
class ParsedFile:
    """One file's quads, with what is needed to report on it and to tell whether it changed."""

    path: Path
    display: str
    role: str
    sha256: str
    quads: list[ox.Quad] = field(repr=False)


def syntax_error(display: str, err: SyntaxError) -> InputError:
    """Turn a pyoxigraph SyntaxError into `file:line:col: what is wrong`."""
    text = str(err.msg if hasattr(err, "msg") else err)
    # pyoxigraph prefixes the position in words; it is said once, in the file:line:col form.
    if text.startswith("Parser error") and ": " in text:
        text = text.split(": ", 1)[1]
    where = display
    if err.lineno:
        where += f":{err.lineno}"
        if err.offset:
            where += f":{err.offset}"
    return InputError(f"{where}: syntax error: {text}", fix="correct the file at that place and run the command again")


def parse_file(path: Path, role: str, display: str | None = None) -> ParsedFile:
    """Parse one file; Turtle files of the ontology and shapes go into their fixed named graphs."""
    display = display or str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{display}: unknown file type {path.suffix!r}", fix=f"use one of {', '.join(sorted(FORMATS))}")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{display}: cannot read the file: {err.strerror}") from None
    if not raw.strip():
        raise InputError(f"{display}: the file is empty", fix="add its statements, or remove the file")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(f"{display}:{line}: the file is not UTF-8 text (byte {err.start})",
                         fix="save the file as UTF-8") from None
    target = ROLE_GRAPHS.get(role)
    try:
        # Blank nodes are renamed so that two files' _:b1 never become one node.
        quads = list(ox.parse(raw, format=fmt, rename_blank_nodes=True, without_named_graphs=target is not None))
    except SyntaxError as err:
        raise syntax_error(display, err) from None
    except ValueError as err:
        raise InputError(f"{display}: {err}") from None
    if target is not None:
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    return ParsedFile(path, display, role, hashlib.sha256(raw).hexdigest(), quads)
