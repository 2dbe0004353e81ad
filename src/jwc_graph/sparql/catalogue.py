"""The query catalogue: competency questions analysts ask, one `.rq` file each in queries/.

Each file starts with comment lines `# title:`, `# description:` and `# question:`, then the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import InputError

HEADER = re.compile(r"^#\s*(title|description|question)\s*:\s*(.+?)\s*$")


@dataclass(frozen=True)
class CatalogueQuery:
    """One catalogue entry: its name (file stem), what it is and asks, and the SPARQL text."""

    name: str
    title: str
    description: str
    question: str
    text: str
    path: Path


def read(path: Path) -> CatalogueQuery:
    """Read one `.rq` file; its three header lines are required."""
    text = path.read_text(encoding="utf-8")
    meta = {}
    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            meta[m.group(1)] = m.group(2)
    missing = [k for k in ("title", "description", "question") if k not in meta]
    if missing:
        raise InputError(
            f"{path}: missing header line(s): {', '.join('# ' + k + ':' for k in missing)}",
            fix="start the file with # title:, # description: and # question: lines",
        )
    return CatalogueQuery(path.stem, meta["title"], meta["description"], meta["question"], text, path)


def load(folder: Path) -> list[CatalogueQuery]:
    """Every query of the catalogue folder, sorted by name."""
    return [read(p) for p in sorted(folder.glob("*.rq"))]


def find(folder: Path, name: str) -> CatalogueQuery:
    """One catalogue query by name, with the closest names suggested when it is not there."""
    path = folder / f"{name}.rq"
    if path.is_file():
        return read(path)
    import difflib

    names = [p.stem for p in folder.glob("*.rq")]
    close = difflib.get_close_matches(name, names, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "run `jwc query --list` to see the catalogue"
    raise InputError(f"no query named {name!r} in {folder}", fix=hint)
