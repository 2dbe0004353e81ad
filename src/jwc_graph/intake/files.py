"""Read a submitted file safely: size, text, encoding and syntax checked, nothing fetched, errors with line and column.

Submissions come from outside the project, so each check runs before the next step trusts the
bytes: the size before reading, text and UTF-8 before parsing, JSON and XML well-formedness (for
their line and column; pyoxigraph gives none for these two formats), a JSON-LD @context that is
not inline is refused (pyoxigraph would not fetch it either, but the steward should hear why),
and owl:imports is noted, never followed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import PREFIXES
from ..rdf.files import MAX_SIZE, check_json_ld, check_xml, parse_errors, read_text
from ..rdf.formats import BY_SUFFIX, RdfFormat
from .csv_templates import parse_csv
from .submitted import SubmittedFile, reading_finding

#: What a steward can submit: every RDF format, and CSV made from the templates.
SUFFIXES = (*sorted(BY_SUFFIX), ".csv")
OWL_IMPORTS = PREFIXES["owl"] + "imports"


def parse_rdf(path: Path, display: str, raw: bytes, text: str, fmt: RdfFormat) -> SubmittedFile:
    """Parse one RDF file with pyoxigraph; blank nodes are renamed so two files never share one."""
    if fmt.ox == ox.RdfFormat.JSON_LD:
        check_json_ld(display, text)
    elif fmt.ox == ox.RdfFormat.RDF_XML:
        check_xml(display, raw)
    with parse_errors(display):
        quads = list(ox.parse(text.encode("utf-8"), format=fmt.ox, rename_blank_nodes=True))
    if not quads:
        raise InputError(f"{display}: the file holds no statements", fix="add the statements to submit")
    sub = SubmittedFile(path, display, fmt.label, hashlib.sha256(raw).hexdigest(), quads, raw=raw)
    for q in quads:
        if q.predicate.value == OWL_IMPORTS:
            sub.findings.append(
                reading_finding(
                    "Warning",
                    q.subject.value if isinstance(q.subject, ox.NamedNode) else str(q.subject),
                    f"owl:imports {q.object} was not followed: nothing is fetched, and the project's ontology is "
                    "already the context of every submission",
                    path=OWL_IMPORTS,
                    value=str(q.object),
                    where=display,
                    fix="remove the owl:imports statement, or submit what you need from that ontology as data",
                )
            )
    return sub


def read_file(path: Path, max_size: int = MAX_SIZE, display: str | None = None, names=None) -> SubmittedFile:
    """Read and parse one submitted file; `names` (a NameIndex) resolves CSV references."""
    display = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{display}: unknown file type {path.suffix or '(no extension)'!r}",
            fix=f"name the file with one of {', '.join(SUFFIXES)}",
        )
    raw, text = read_text(path, display, max_size)
    if suffix == ".csv":
        return parse_csv(path, display, raw, text, names)
    return parse_rdf(path, display, raw, text, BY_SUFFIX[suffix])
