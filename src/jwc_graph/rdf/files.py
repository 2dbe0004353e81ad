"""Read and check RDF files, then parse them into quads, with errors that name the file, line and column.

Every file from outside passes the same checks before a parser sees it: size (unread), first bytes (empty,
binary, UTF-16), UTF-8, XML without DOCTYPE (Oxigraph would expand its entities), JSON-LD without a remote
context. pyoxigraph's parsers are used (not rdflib's) because they are about ten times faster and report
the exact position of a syntax error. Nothing is fetched: owl:imports is never followed.
"""

from __future__ import annotations

import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH
from .formats import SUFFIXES, for_path

#: The graph each kind of project file is loaded into; data files name their own graphs.
ROLE_GRAPHS = {"ontology": ox.NamedNode(ONTOLOGY_GRAPH), "shapes": ox.NamedNode(SHAPES_GRAPH)}

#: The size limits, in one place. Files bigger than these are refused before they are read: MAX_SIZE for the
#: files the project reads and stores (ontology, shapes, data, submissions), MAX_LOAD_SIZE for files loaded into
#: memory only to be queried (`jwc query --data`; seen: 1M quads, 180 MB of N-Quads, took 600 MB of memory).
MAX_SIZE = 50 * 1024 * 1024
MAX_LOAD_SIZE = 1024**3
MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .xlsx/.docx)",
    b"\x1f\x8b": "a gzip archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}


#: How much of a file `check_head` looks at.
HEAD = 65536


def check_head(display: str, head: bytes, fix: str, blank: bool) -> None:
    """Refuse a file that is blank (as its caller found it), or, from its first bytes, binary (an image,
    an archive) or UTF-16."""
    if blank:
        raise InputError(f"{display}: the file is empty", fix="put the statements or rows in it")
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"{display}: this is {what}, not a text file", fix=fix)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{display}: the file is UTF-16 text", fix="save the file as UTF-8")
    if b"\x00" in head:
        raise InputError(f"{display}: this is a binary file, not text (it holds NUL bytes)", fix=fix)


def check_size(path: Path, display: str, max_size: int, fix: str) -> int:
    """The file's size, once it is known to exist, to be a file and to be within `max_size` (it is not read)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"{display}: cannot read the file: {err.strerror}", fix="check the path") from None
    if not path.is_file():
        raise InputError(f"{display}: not a file", fix="give the path of a file")
    if size > max_size:
        raise InputError(
            f"{display}: the file is {size:,} bytes, over the limit of {max_size:,} bytes; it was not read", fix=fix
        )
    return size


def read_text(path: Path, display: str, max_size: int) -> tuple[bytes, str]:
    """The file's bytes and text, after the size, emptiness, binary and UTF-8 checks."""
    check_size(path, display, max_size, fix="split the file into smaller ones, or raise the limit with --max-size")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{display}: cannot read the file: {err.strerror}") from None
    check_head(
        display, raw[:HEAD], "submit Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML or CSV", blank=not raw.strip()
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(
            f"{display}:{line}:{col}: the file is not UTF-8 text (byte 0x{raw[err.start]:02x})",
            fix="save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
        ) from None
    return raw, text


def check_xml(display: str, raw: bytes) -> None:
    """XML well-formedness, with line and column; DOCTYPEs (entities) are refused, never expanded."""
    parser = expat.ParserCreate()

    def no_doctype(*_args) -> None:
        raise InputError(
            f"{display}:{parser.CurrentLineNumber}: a DOCTYPE (entity declarations) is not accepted",
            fix="remove the <!DOCTYPE ...> declaration",
        )

    parser.StartDoctypeDeclHandler = no_doctype
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as err:
        raise InputError(
            f"{display}:{err.lineno}:{err.offset + 1}: syntax error: {expat.ErrorString(err.code)}",
            fix="correct the XML at that place",
        ) from None


def check_json_ld(display: str, text: str) -> None:
    """JSON well-formedness (with line and column) and no @context or @import that would have to be fetched."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{display}:{err.lineno}:{err.colno}: syntax error: {err.msg}", fix="correct the JSON at that place"
        ) from None
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
                            raise remote_context(display, f"{key} {ctx!r}")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def remote_context(display: str, what: str = "a remote @context or @import") -> InputError:
    """The error for JSON-LD that names a context to fetch: nothing is fetched at run time."""
    return InputError(
        f"{display}: the JSON-LD names {what}, which would have to be fetched; nothing is fetched",
        fix="put the context inline (`jwc export --format jsonld` writes one; dist/context.jsonld holds the project's)",
    )


def parse_size(text: str) -> int:
    """A size such as 50MB, 200k or 1048576 (bytes), as --max-size takes it."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text.lower())
    if not match:
        raise InputError(f"--max-size {text!r}: not a size", fix="write a size such as 50MB, 500k or 1048576")
    return int(float(match[1]) * 1024 ** " kmg".index(match[2] or " "))


def format_size(size: int) -> str:
    """A size as parse_size reads it back: 52428800 -> "50MB", 1073741824 -> "1GB"."""
    for unit, power in (("GB", 3), ("MB", 2), ("kB", 1)):
        if size >= 1024**power and size % 1024**power == 0:
            return f"{size // 1024**power}{unit}"
    return str(size)


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


@contextmanager
def parse_errors(display: str, fix: str = "correct the file at that place and run the command again"):
    """Whatever the parser refuses becomes an InputError naming the file: a syntax error with its line and
    column, a remote JSON-LD context, or one value over Oxigraph's 16 MB token limit (a MemoryError)."""
    try:
        yield
    except SyntaxError as err:
        if "LoadDocumentCallback" in str(err):
            raise remote_context(display) from None
        raise syntax_error(display, err) from None
    except MemoryError as err:
        if "buffer maximal size" in str(err):
            raise InputError(
                f"{display}: one value (a text or an IRI) is over 16 MB, more than the parser reads in one piece",
                fix="shorten that text, or link to the document it comes from (schema:url) instead of copying it",
            ) from None
        raise InputError(
            f"{display}: the file is too large to parse in the memory available",
            fix="split it into smaller files",
        ) from None
    except (ValueError, OSError) as err:
        raise InputError(f"{display}: {err}", fix=fix) from None


def rdf_format(path: Path, display: str) -> ox.RdfFormat:
    """The parser for a file, by its suffix; an unknown suffix is an error that lists the known ones."""
    found = for_path(path)
    if found is None:
        raise InputError(
            f"{display}: unknown file type {Path(path).suffix or '(no extension)'!r}",
            fix=f"name the file with one of {', '.join(SUFFIXES)}",
        )
    return found.ox


def parse_file(path: Path, role: str, display: str | None = None, max_size: int = MAX_SIZE) -> ParsedFile:
    """Parse one file; Turtle files of the ontology and shapes go into their fixed named graphs."""
    display = display or str(path)
    fmt = rdf_format(path, display)
    raw, _text = read_text(path, display, max_size)
    target = ROLE_GRAPHS.get(role)
    with parse_errors(display):
        # Blank nodes are renamed so that two files' _:b1 never become one node.
        quads = list(ox.parse(raw, format=fmt, rename_blank_nodes=True, without_named_graphs=target is not None))
    if target is not None:
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    return ParsedFile(path, display, role, hashlib.sha256(raw).hexdigest(), quads)
