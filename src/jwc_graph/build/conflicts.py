"""Every fact on which two sources disagree, from the catalogue query queries/conflicts.rq (its one definition).

`jwc build` turns each into a Warning naming both sources (the values stay side by side, each in its
source's graph); `jwc conflicts` lists them. Lists that differ (kind "list": organisers, members in a role)
are listed too, but are no Warning: a page may name only some, so neither source need be wrong.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import shorten, sparql_prefixes
from .findings import Finding

QUERY = "conflicts.rq"
KIND_WORDS = {"value": "value", "name": "name", "kind": "kind", "role": "role", "figure": "figure"}
LIST = "list"  # the kind of a row whose values are two sources' lists
SEPARATOR = "; "  # between the names of a list, as the query joins them


@dataclass(frozen=True)
class Conflict:
    """Two sources' different values for one fact of one entity."""

    subject: str
    name: str | None
    kind: str
    property: str
    value: str
    source: str
    other_value: str
    other_source: str
    within: str | None = None  # the collaboration, for a member's role

    @property
    def is_list(self) -> bool:
        """Whether the values are two sources' lists (a difference, not a contradiction)."""
        return self.kind == LIST

    def as_dict(self) -> dict:
        return asdict(self)

    def text(self) -> str:
        what = shorten(self.property) + (f" in {shorten(self.within)}" if self.within else "")
        return (
            f"{self.name or shorten(self.subject)}: {what}: {self.value} ({shorten(self.source)}) "
            f"vs {self.other_value} ({shorten(self.other_source)})"
        )


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    return term.value


def _sorted_list(text: str) -> str:
    """A list's names in alphabetical order: GROUP_CONCAT's order is the engine's to choose."""
    return SEPARATOR.join(sorted(text.split(SEPARATOR))) if text else text


def find(store: ox.Store, queries_dir: Path) -> list[Conflict]:
    """The disagreements in the store (all named graphs), in the catalogue query's order."""
    path = Path(queries_dir) / QUERY
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read the conflicts query: {err.strerror}", fix="restore queries/") from None
    out = []
    for row in store.query(sparql_prefixes() + text):
        kind = row["kind"].value
        tidy = _sorted_list if kind == LIST else str
        out.append(
            Conflict(
                subject=row["subject"].value,
                name=row["name"].value if row["name"] is not None else None,
                kind=kind,
                property=row["property"].value,
                value=tidy(_text(row["value"])),
                source=row["source"].value,
                other_value=tidy(_text(row["otherValue"])),
                other_source=row["otherSource"].value,
                within=row["in"].value if row["in"] is not None else None,
            )
        )
    return out


def as_findings(conflicts: list[Conflict], already: set[tuple[str, str]]) -> list[Finding]:
    """A Warning per disagreement not already reported for the same entity and property (lists that differ are none)."""
    out = []
    for c in conflicts:
        if c.is_list or (c.subject, c.property) in already:
            continue
        out.append(
            Finding(
                "Warning",
                c.subject,
                f"Sources disagree on the {KIND_WORDS[c.kind]} ({shorten(c.property)}"
                + (f" in {shorten(c.within)}" if c.within else "")
                + f"): {shorten(c.source)} says {c.value}; {shorten(c.other_source)} says {c.other_value}",
                path=c.property if c.kind != "figure" else None,
                component="SourcesDisagree",
                shape="jwc conflicts",
                fix="nothing to fix where the sources say so: both are kept, each in its source's graph",
                label=c.name,
            )
        )
    return out
