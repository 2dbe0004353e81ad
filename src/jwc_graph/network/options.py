"""The choices the network commands and pages offer, in one light module (the CLI reads them at start-up):
node kinds, size metrics, export formats.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.namespaces import PREFIXES

ORG, JWC, SCHEMA = PREFIXES["org"], PREFIXES["jwc"], PREFIXES["schema"]

#: Node kinds, most specific first: an entity takes the first kind any of its classes falls under.
KINDS = [
    ("partnership", JWC + "Partnership"),
    ("coalition", ORG + "OrganizationalCollaboration"),
    ("organisation", ORG + "Organization"),
    ("person", SCHEMA + "Person"),
    ("programme", JWC + "Initiative"),
    ("event", SCHEMA + "Event"),
    ("commitment", JWC + "Commitment"),
    ("outcome", JWC + "Outcome"),
    ("recommendation", JWC + "Recommendation"),
    ("priority", JWC + "Priority"),
    ("theme", JWC + "Theme"),
    ("goal", JWC + "Goal"),
    ("instrument", JWC + "LegalInstrument"),
    ("publication", SCHEMA + "CreativeWork"),
    ("award", JWC + "Award"),
    ("place", SCHEMA + "Place"),
]
ALL_KINDS = [k for k, _ in KINDS]
#: Kinds shown by default: the actors and what they do together and commit to (places are many and dull).
DEFAULT_KINDS = [k for k in ALL_KINDS if k not in ("place", "outcome")]

#: What a map can size its nodes by.
SIZE_METRICS = ("degree", "betweenness", "pagerank")
#: `jwc network-export --format`: GraphML and GEXF for Gephi, a folder of CSV files for Kumu.
EXPORT_FORMATS = ("graphml", "gexf", "kumu")


@dataclass(frozen=True)
class MapView:
    """What a map shows: the focus and how far out, node kinds, years, a theme, the size metric, folded hubs.

    `jwc map` options, /map parameters and the page's own state all become one of these."""

    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    size_by: str = "degree"
    theme: str | None = None
    collapse: int | None = None

    def __post_init__(self):
        if self.kinds is not None and not isinstance(self.kinds, tuple):
            object.__setattr__(self, "kinds", tuple(self.kinds))

    def command(self) -> str:
        """The `jwc map` command that makes this view again, shown on the page."""
        parts = [
            f"--focus {self.focus!r}" if self.focus else "",
            f"--depth {self.depth}" if self.focus and self.depth != 1 else "",
            f"--kinds {','.join(self.kinds)}" if self.kinds else "",
            f"--since {self.since}" if self.since else "",
            f"--until {self.until}" if self.until else "",
            f"--size-by {self.size_by}" if self.size_by != "degree" else "",
            f"--theme {self.theme!r}" if self.theme else "",
            f"--collapse {self.collapse}" if self.collapse else "",
        ]
        return " ".join(["jwc map", *[p for p in parts if p]])
