"""Read a submitted file safely: size, text, encoding and syntax checked, nothing fetched, errors with line and column.

Submissions come from outside the project, so each check runs before the next step trusts the
bytes: the size before reading, text and UTF-8 before parsing, JSON and XML well-formedness (for
their line and column; pyoxigraph gives none for these two formats), a JSON-LD @context that is
not inline is refused (pyoxigraph would not fetch it either, but the steward should hear why),
and owl:imports is noted, never followed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox

from ..base.errors import InputError
from ..rdf.files import DEFAULT_MAX_SIZE, read_text, syntax_error  # noqa: F401 (re-exported)
from ..base.namespaces import PREFIXES


FORMATS = {
    ".ttl": ("Turtle", ox.RdfFormat.TURTLE),
    ".trig": ("TriG", ox.RdfFormat.TRIG),
    ".nt": ("N-Triples", ox.RdfFormat.N_TRIPLES),
    ".nq": ("N-Quads", ox.RdfFormat.N_QUADS),
    ".jsonld": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".json": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".rdf": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".owl": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".xml": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".csv": ("CSV", None),
}
OWL_IMPORTS = PREFIXES["owl"] + "imports"


@dataclass
class Notice:
    """Something found while reading a file that is not a SHACL result (an owl:imports, a CSV reference)."""

    severity: str
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    fix: str | None = None
    suggestions: list[str] = field(default_factory=list)
    where: str | None = None


@dataclass
class SubmittedFile:
    """One submitted file, parsed: its quads (default graph where it names none), where each record is, notices."""

    path: Path
    display: str
    format: str
    sha256: str
    quads: list[ox.Quad] = field(repr=False)
    where: dict[str, str] = field(default_factory=dict)          # subject IRI -> "file.csv row 3"
    cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (subject, property) -> "row 3, column founded"
    notices: list[Notice] = field(default_factory=list)
    table: object = field(default=None, repr=False)                # a CSV's csv_templates.Table


def _check_json(display: str, text: str) -> None:
    """JSON well-formedness (with line and column) and no @context that would have to be fetched."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{display}:{err.lineno}:{err.colno}: syntax error: {err.msg}",
                         fix="correct the JSON at that place") from None
    except RecursionError:
        raise InputError(f"{display}: the JSON is nested too deeply") from None
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            raise InputError(
                                f"{display}: the JSON-LD {key} {ctx!r} would have to be fetched; "
                                "remote contexts are not loaded",
                                fix="put the context inline (`jwc export --format jsonld` writes one; "
                                    "dist/context.jsonld holds the project's)")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def check_xml(display: str, raw: bytes) -> None:
    """XML well-formedness, with line and column; DOCTYPEs (entities) are refused, never expanded."""
    parser = expat.ParserCreate()

    def no_doctype(*_args) -> None:
        raise InputError(f"{display}:{parser.CurrentLineNumber}: a DOCTYPE (entity declarations) is not accepted",
                         fix="remove the <!DOCTYPE ...> declaration")
    parser.StartDoctypeDeclHandler = no_doctype
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as err:
        raise InputError(f"{display}:{err.lineno}:{err.offset + 1}: syntax error: {expat.ErrorString(err.code)}",
                         fix="correct the XML at that place") from None


def parse_rdf(path: Path, display: str, raw: bytes, text: str, fmt_name: str, fmt: ox.RdfFormat) -> SubmittedFile:
    """Parse one RDF file with pyoxigraph; blank nodes are renamed so two files never share one."""
    if fmt == ox.RdfFormat.JSON_LD:
        _check_json(display, text)
    elif fmt == ox.RdfFormat.RDF_XML:
        check_xml(display, raw)
    try:
        quads = list(ox.parse(text.encode("utf-8"), format=fmt, rename_blank_nodes=True))
    except SyntaxError as err:
        raise syntax_error(display, err) from None
    except (ValueError, OSError) as err:
        raise InputError(f"{display}: {err}", fix="correct the file") from None
    if not quads:
        raise InputError(f"{display}: the file holds no statements", fix="add the statements to submit")
    sub = SubmittedFile(path, display, fmt_name, hashlib.sha256(raw).hexdigest(), quads)
    for q in quads:
        if q.predicate.value == OWL_IMPORTS:
            sub.notices.append(Notice(
                "Warning", q.subject.value if isinstance(q.subject, ox.NamedNode) else str(q.subject),
                f"owl:imports {q.object} was not followed: nothing is fetched, and the project's ontology is "
                "already the context of every submission",
                path=OWL_IMPORTS, value=str(q.object), where=display,
                fix="remove the owl:imports statement, or submit what you need from that ontology as data"))
    return sub


def read_file(path: Path, max_size: int = DEFAULT_MAX_SIZE, display: str | None = None, names=None) -> SubmittedFile:
    """Read and parse one submitted file; `names` (a NameIndex) resolves CSV references."""
    display = display or str(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{display}: unknown file type {path.suffix or '(no extension)'!r}",
                         fix=f"name the file with one of {', '.join(sorted(FORMATS))}")
    raw, text = read_text(path, display, max_size)
    fmt_name, fmt = kind
    if fmt is None:
        from .csv_templates import parse_csv
        return parse_csv(path, display, raw, text, names)
    return parse_rdf(path, display, raw, text, fmt_name, fmt)
