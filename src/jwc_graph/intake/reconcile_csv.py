"""`jwc reconcile`: one column of a spreadsheet's names matched to the graph's entities, and the sheet written back
with four columns after that one: the best candidate's IRI, its label, its score (0-100), and whether it is a
clear match ("yes"), a candidate a person should check ("check"), or nothing came close ("none").

The delimiter (comma, semicolon or tab) is found with csv.Sniffer and kept; a UTF-8 byte-order mark is kept too
(spreadsheets need it to read UTF-8). Every other cell is written back as it was read; the cells added from the
graph are made safe for spreadsheets (text.csv_cell). Running it again on its own output replaces the four columns.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.text import csv_cell
from ..rdf.files import check_size
from .entity_index import EntityIndex
from .reconcile import Candidate, Matcher

DELIMITERS = ",;\t"
ADDED = ("IRI", "label", "score", "match")
BOM = "\ufeff"


@dataclass
class Summary:
    """What one run did: rows read, and how many were matched, left to check, or found nothing."""

    rows: int = 0
    matched: int = 0
    to_check: int = 0
    unmatched: int = 0
    blank: int = 0

    def text(self) -> str:
        return (
            f"{self.rows:,} rows: {self.matched:,} matched, {self.to_check:,} to check (match=check), "
            f"{self.unmatched:,} with no candidate, {self.blank:,} blank"
        )


@dataclass
class Sheet:
    """A CSV read for reconciling: its delimiter, rows (header first), the column's index, and the BOM if any."""

    delimiter: str
    rows: list[list[str]]
    column: int
    bom: str = ""


def read_sheet(path: Path, column: str, max_size: int, display: str | None = None) -> Sheet:
    """Read the CSV and find the column; errors name the file, the row and the column."""
    display = display or str(path)
    check_size(path, display, max_size, fix="split the file, or raise the limit with --max-size")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise InputError(f"{display}: this is not a CSV file (it holds binary data)", fix="save the sheet as CSV UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            f"{display}: row {line}: the file is not UTF-8 text (byte 0x{raw[err.start]:02x})",
            fix="save the sheet as CSV UTF-8",
        ) from None
    bom = BOM if text.startswith(BOM) else ""
    text = text.removeprefix(BOM)
    if not text.strip():
        raise InputError(f"{display}: the file is empty", fix="give a CSV with a header row and names below it")
    tried = []
    for delimiter in _delimiters(text):
        rows = _parse(display, text, delimiter)
        header = [h.strip() for h in rows[0]]
        if column in header:
            return Sheet(delimiter, rows, header.index(column), bom)
        tried.append(header)
    header = tried[0]
    close = difflib.get_close_matches(column, header, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InputError(
        f"{display}: row 1: no column {column!r}; the columns are {', '.join(repr(h) for h in header)}",
        fix=f"{hint}give the header of the column of names: --column NAME",
    )


def _delimiters(text: str) -> list[str]:
    """The sniffed delimiter first, then the others (a one-column sheet has none to sniff)."""
    try:
        found = csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ","
    return [found, *[d for d in DELIMITERS if d != found]]


def _parse(display: str, text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return list(reader)
    except csv.Error as err:
        raise InputError(f"{display}: row {reader.line_num}: {err}", fix="check the quotes in that row") from None


def resolve_types(index: EntityIndex, names: Iterable[str], aliases: dict[str, str]) -> list[str]:
    """The class IRIs that --type names: a kind ("organisation", in `aliases`), a CURIE, an IRI or a class name."""
    out = []
    for name in names:
        iri = aliases.get(name.strip().lower())
        term = index.classes.get(iri) if iri else index.find_class(name)
        if term is None and not iri:
            raise InputError(
                f"unknown type {name!r}",
                fix=f"use one of {', '.join(aliases)}, or a class of the ontology such as jwc:NGO or org:Organization",
            )
        out.append(term.iri if term else iri)
    return out


def verdict(candidates: list[Candidate]) -> str:
    if not candidates:
        return "none"
    return "yes" if candidates[0].match else "check"


def reconcile_sheet(sheet: Sheet, column: str, matcher: Matcher, types: list[str]) -> tuple[list[list[str]], Summary]:
    """The sheet's rows with the four columns added after the column (replacing any from an earlier run)."""
    header = sheet.rows[0]
    added_names = [f"{column} {a}" for a in ADDED]
    keep = [i for i, h in enumerate(header) if h.strip() not in added_names]
    at = keep.index(sheet.column) + 1
    summary, seen = Summary(), {}
    out = []
    for number, row in enumerate(sheet.rows):
        extra = range(len(header), len(row))  # cells past the header's columns stay, after the others
        row = [row[i] if i < len(row) else "" for i in [*keep, *extra]] if row else row
        if not row:
            out.append(row)
            continue
        if number == 0:
            out.append([*row[:at], *added_names, *row[at:]])
            continue
        summary.rows += 1
        name = row[at - 1].strip()
        if not name:
            summary.blank += 1
            cells = ["", "", "", ""]
        else:
            if name not in seen:
                seen[name] = matcher.candidates(name, types, limit=2)
            found = seen[name]
            result = verdict(found)
            summary.matched += result == "yes"
            summary.to_check += result == "check"
            summary.unmatched += result == "none"
            best = found[0] if found else None
            cells = [
                csv_cell(best.entity.iri) if best else "",
                csv_cell(best.entity.name) if best else "",
                f"{best.score:g}" if best else "",
                result,
            ]
        out.append([*row[:at], *cells, *row[at:]])
    return out, summary


def reconcile_csv(
    store: ox.Store,
    path: Path,
    column: str,
    types: Iterable[str] = (),
    aliases: dict[str, str] | None = None,
    max_size: int = 50 * 1024**2,
    display: str | None = None,
) -> tuple[str, Summary]:
    """Reconcile the column of names in the CSV at `path` against the store; the CSV text to write, and a summary."""
    sheet = read_sheet(path, column, max_size, display)
    index = EntityIndex.from_store(store)
    type_iris = resolve_types(index, types, aliases or {})
    rows, summary = reconcile_sheet(sheet, column, Matcher(index, store), type_iris)
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=sheet.delimiter, lineterminator="\r\n").writerows(rows)
    return sheet.bom + buf.getvalue(), summary
