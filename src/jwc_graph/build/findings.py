"""One finding type and one report type for every checker: `jwc build`, `jwc validate`, `jwc submit` and the web page.

A finding is a SHACL result or a problem found while reading a file (an unknown CSV reference, an
owl:imports), said the same way: which record, how bad, which rule in words, the value, where it is
(file, CSV row and column) and how to fix it. The report's text form is the one every command prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib

from ..base.namespaces import shorten

#: pySHACL's severities, worst first: a Violation blocks, a Warning is shown, an Info is advice.
SEVERITIES = ("Violation", "Warning", "Info")
RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass
class Finding:
    """One thing to tell a steward: about which record, how bad, which rule, which value, where, how to fix it."""

    severity: str
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    component: str = ""  # the SHACL constraint component (MinCountConstraintComponent), or SubmissionCheck
    shape: str = ""
    fix: str | None = None
    suggestions: list[str] = field(default_factory=list)
    where: str | None = None  # "data/001.trig", "partners.csv row 3, column founded"
    label: str | None = None  # the record's name
    result: object = field(default=None, repr=False, compare=False)  # its sh:ValidationResult node, if any

    @property
    def key(self) -> tuple:
        """(focus, path, constraint component, severity): what the differential tests compare."""
        return (self.focus, self.path, self.component, self.severity)


@dataclass
class Report:
    """The findings of one check, with the SHACL report graph and what was checked; it conforms when no finding
    is a Violation. `files` are the files read (each with display, format, quads, sha256), where there are any."""

    findings: list[Finding] = field(default_factory=list)
    graph: rdflib.Graph | None = field(default=None, repr=False)
    files: list = field(default_factory=list)
    records: set[str] = field(default_factory=set)
    context_triples: int = 0
    seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    @property
    def exit_code(self) -> int:
        """pySHACL's convention: 0 conforms, 1 does not conform (2, could not check, is an InputError)."""
        return 0 if self.conforms else 1

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def summary(self) -> str:
        return ", ".join(f"{self.count(s)} {s.lower()}{'s' if self.count(s) != 1 else ''}" for s in SEVERITIES)

    def by_record(self, severities: tuple[str, ...] = SEVERITIES) -> list[tuple[str, list[Finding]]]:
        """Findings grouped by record, in the order of the files and rows they come from (a record with no place
        last), worst record first within one place; each record's findings worst first."""
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.severity in severities:
                groups.setdefault(f.focus, []).append(f)
        for found in groups.values():
            found.sort(key=lambda f: (RANK[f.severity], f.path or "", f.message))
        return sorted(groups.items(), key=lambda kv: (*_place(kv[1]), min(RANK[f.severity] for f in kv[1]), kv[0]))


def _place(found: list[Finding]) -> tuple[str, int]:
    """(file, row) of a record's findings, for ordering: "partners.csv row 12, column founded" -> (partners.csv, 12)."""
    where = next((f.where for f in found if f.where), None)
    if not where:
        return ("\uffff", 0)
    file, _, rest = where.partition(" row ")
    row = rest.split(",", 1)[0]
    return (file, int(row) if row.isdigit() else 0)


def in_file_order(found: list[Finding]) -> None:
    """Sort findings as a steward reads their files: by file and row, then worst first (no place last)."""
    found.sort(key=lambda f: (*_place([f]), RANK[f.severity], f.focus, f.path or "", f.message))


def record_name(focus: str, label: str | None) -> str:
    """How a report names a record: its short IRI (or that it is a blank node), then its name."""
    name = shorten(focus) if "://" in focus else f"_:{focus} (a blank node)"
    return f"{name} ({label})" if label else name


def record_where(found: list[Finding]) -> str | None:
    """Where a record is: the file (and CSV row) of its first finding, without the column."""
    return found[0].where.split(", column")[0] if found and found[0].where else None


def text(report: Report, severities: tuple[str, ...] = SEVERITIES) -> str:
    """Findings grouped by record, worst first: severity, the rule in words, property, value, where, how to fix it.
    A report on files starts with what was read and the verdict."""
    lines: list[str] = []
    if report.files:
        files = ", ".join(f"{f.display} ({f.format}, {len(f.quads)} triples)" for f in report.files)
        lines += [
            f"validated {files}",
            f"{'conforms' if report.conforms else 'does not conform'}: {report.summary()}",
            "",
        ]
    for focus, found in report.by_record(severities):
        where = record_where(found)
        lines.append(record_name(focus, found[0].label) + (f" in {where}" if where else ""))
        for f in found:
            lines.append(f"  {f.severity}: {f.message}")
            if f.path:
                lines.append(f"    property: {shorten(f.path)}")
            if f.value:
                lines.append(f"    value: {f.value}")
            if f.where and f.where != where:
                lines.append(f"    where: {f.where}")
            if f.fix:
                lines.append(f"    fix: {f.fix}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
