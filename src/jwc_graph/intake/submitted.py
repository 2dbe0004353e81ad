"""What reading one submitted file gives: its bytes and quads, where each record is, and what reading found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..build.findings import Finding

#: The component name of findings made while reading a file (not by a SHACL shape).
READING = "SubmissionCheck"


def reading_finding(severity: str, focus: str, message: str, **details) -> Finding:
    """A finding made while reading a file (an owl:imports, a CSV reference), said the way SHACL results are."""
    return Finding(severity, focus, message, component=READING, shape="jwc validate", **details)


@dataclass
class SubmittedFile:
    """One submitted file, parsed: its bytes, its quads (default graph where it names none), where each record is,
    and what reading it found."""

    path: Path
    display: str
    format: str
    sha256: str
    quads: list[ox.Quad] = field(repr=False)
    where: dict[str, str] = field(default_factory=dict)  # subject IRI -> "file.csv row 3"
    # (subject, property) and (subject, property, value) -> "row 3, column founded"
    cells: dict[tuple, str] = field(default_factory=dict)
    raw: bytes = field(default=b"", repr=False)  # the exact bytes read, checked and hashed
    findings: list[Finding] = field(default_factory=list)
    table: object = field(default=None, repr=False)  # a CSV's csv_templates.Table
