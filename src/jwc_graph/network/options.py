"""The choices the network commands and pages offer, in one light module (the CLI reads them at start-up):
node kinds, size metrics, colourings, export formats, and the view a map opens on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..base.errors import InputError
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
#: What a map can colour its nodes by (the shape always says the kind).
COLOUR_BY = ("kind", "community")
#: `jwc network-export --format`: GraphML and GEXF for Gephi, a folder of CSV files for Kumu.
EXPORT_FORMATS = ("graphml", "gexf", "kumu")

#: Characters a shell word may hold without quotes (Python's shlex.quote; map_assets/view.js mirrors it).
_SHELL_SAFE = re.compile(r"[^\w@%+=:,./-]", re.ASCII)


def shell_quote(word: str) -> str:
    """`word` as one shell word, quoted only when it needs it (as shlex.quote, which the page's JS mirrors)."""
    if not word:
        return "''"
    if not _SHELL_SAFE.search(word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


@dataclass(frozen=True)
class MapView:
    """What a map shows: focus and depth, node kinds, a theme, years, size and colour, the selected entity.

    `jwc map` options, /map parameters and the page's own URL all become one of these, and `command()` and
    `params()` write it back as the command line and the URL parameters the page shows (map_assets/view.js
    writes the same from the page's state). `year` is the one-year window `since == until`; `undated` says
    whether entities with no date stay on the map while a year window is set."""

    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    size_by: str = "degree"
    theme: str | None = None
    collapse: int | None = None
    year: int | None = None
    undated: bool = True
    colour_by: str = "kind"
    select: str | None = None

    def __post_init__(self):
        if self.kinds is not None and not isinstance(self.kinds, tuple):
            object.__setattr__(self, "kinds", tuple(self.kinds))
        if self.kinds == ():
            object.__setattr__(self, "kinds", None)
        if self.year is not None:
            if (self.since, self.until) not in ((None, None), (self.year, self.year)):
                raise InputError("give either a year or a range of years (since, until), not both")
            object.__setattr__(self, "since", self.year)
            object.__setattr__(self, "until", self.year)
        elif self.since is not None and self.since == self.until:
            object.__setattr__(self, "year", self.since)
        if self.since is not None and self.until is not None and self.since > self.until:
            raise InputError(f"the years run backwards: since {self.since} is after until {self.until}")
        if self.size_by not in SIZE_METRICS:
            raise InputError(f"unknown size metric {self.size_by!r}", fix=f"choose from {', '.join(SIZE_METRICS)}")
        if self.colour_by not in COLOUR_BY:
            raise InputError(f"unknown colouring {self.colour_by!r}", fix=f"choose from {', '.join(COLOUR_BY)}")
        if self.depth < 1:
            raise InputError(f"the depth must be 1 or more, not {self.depth}")
        if self.collapse is not None and self.collapse < 1:
            raise InputError(f"collapse must be 1 or more, not {self.collapse}")

    @property
    def dated(self) -> bool:
        """Whether a year window is set (only then do dates and the undated toggle matter)."""
        return self.since is not None or self.until is not None

    def command(self) -> str:
        """The `jwc map` command that makes this view again, shown on the page."""
        years = (
            [f"--year {self.year}"]
            if self.year is not None
            else [
                f"--since {self.since}" if self.since is not None else "",
                f"--until {self.until}" if self.until is not None else "",
            ]
        )
        parts = [
            f"--focus {shell_quote(self.focus)}" if self.focus else "",
            f"--depth {self.depth}" if self.focus and self.depth != 1 else "",
            f"--kinds {','.join(self.kinds)}" if self.kinds else "",
            *years,
            "--hide-undated" if self.dated and not self.undated else "",
            f"--size-by {self.size_by}" if self.size_by != "degree" else "",
            f"--colour-by {self.colour_by}" if self.colour_by != "kind" else "",
            f"--theme {shell_quote(self.theme)}" if self.theme else "",
            f"--collapse {self.collapse}" if self.collapse else "",
            f"--select {shell_quote(self.select)}" if self.select else "",
        ]
        return " ".join(["jwc map", *[p for p in parts if p]])

    def params(self) -> dict[str, str]:
        """The view as /map URL parameters (the page writes the same into its address as the user changes it)."""
        out = {
            "focus": self.focus or "",
            "depth": str(self.depth) if self.focus and self.depth != 1 else "",
            "kinds": ",".join(self.kinds) if self.kinds else "",
            "year": str(self.year) if self.year is not None else "",
            "since": str(self.since) if self.since is not None and self.year is None else "",
            "until": str(self.until) if self.until is not None and self.year is None else "",
            "undated": "hide" if self.dated and not self.undated else "",
            "size_by": self.size_by if self.size_by != "degree" else "",
            "colour": self.colour_by if self.colour_by != "kind" else "",
            "theme": self.theme or "",
            "collapse": str(self.collapse) if self.collapse else "",
            "select": self.select or "",
        }
        return {k: v for k, v in out.items() if v}

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> MapView:
        """The view a /map URL asks for; a malformed value is an InputError saying which parameter and why."""

        def number(name: str) -> int | None:
            value = (params.get(name) or "").strip()
            if not value:
                return None
            if not value.lstrip("-").isdigit():
                raise InputError(f"{name} must be a whole number, not {value!r}")
            return int(value)

        undated = (params.get("undated") or "show").strip()
        if undated not in ("show", "hide"):
            raise InputError(f"undated must be show or hide, not {undated!r}")
        kinds = [k.strip() for k in (params.get("kinds") or "").split(",") if k.strip()]
        return cls(
            focus=(params.get("focus") or "").strip() or None,
            depth=number("depth") or 1,
            kinds=tuple(kinds) or None,
            since=number("since"),
            until=number("until"),
            year=number("year"),
            undated=undated == "show",
            size_by=(params.get("size_by") or "degree").strip(),
            colour_by=(params.get("colour") or "kind").strip(),
            theme=(params.get("theme") or "").strip() or None,
            collapse=number("collapse"),
            select=(params.get("select") or "").strip() or None,
        )


#: The names of MapView's fields, for callers that pass them as keywords.
VIEW_FIELDS = tuple(f.name for f in fields(MapView))
