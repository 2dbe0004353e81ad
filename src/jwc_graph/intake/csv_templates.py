"""CSV templates for stewards who work in spreadsheets, and their rows turned into RDF.

`jwc template KIND` writes a header, a guidance row and an example row (both start with "#" and
are skipped). A filled-in CSV is read in two steps: `read_table` checks its structure (which
template, missing or extra columns, rows with too many or too few cells) and mints each row's IRI,
https://w3id.org/jwc/id/<kind>/<slug>; `to_quads` then writes the triples, resolving names of other
entities against the graph and the whole submission. docs/csv-templates.md documents the mapping.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import ID, ONTOLOGY, PREFIXES, VOCAB
from .names import NameIndex, slugify
from .submitted import SubmittedFile, reading_finding

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD = PREFIXES["xsd"]
ORG_TYPES = [
    "Organization",
    "FormalOrganization",
    "OrganizationalCollaboration",
    "UNEntity",
    "UNAgency",
    "UNDepartment",
    "UNOrgan",
    "UNMandate",
    "UNInstitute",
    "TreatyBody",
    "IntergovernmentalOrganisation",
    "NGO",
    "Foundation",
    "ProfessionalAssociation",
    "Observatory",
    "Network",
    "Coalition",
    "Panel",
    "Partnership",
]
EVENT_TYPES = [
    "Event",
    "Congress",
    "WorldCongress",
    "PreparatoryMeeting",
    "Forum",
    "Conference",
    "Launch",
    "EventSeries",
]
COMMITMENT_TYPES = ["Commitment", "Objective", "Roadmap"]
PLACE_TYPES = ["City", "Country", "Region", "Venue", "Place"]
ROLES = ["member", "founding-member", "co-chair"]
STATUSES = ["held", "planned", "in-preparation", "ongoing"]
SCOPES = ["national", "regional", "global"]
ACTORS = ["org", "person"]
MULTI = "|"


@dataclass(frozen=True)
class Column:
    """One template column: its guidance, an example value and the RDF it becomes (for the docs)."""

    name: str
    guidance: str
    example: str
    maps_to: str


@dataclass(frozen=True)
class Template:
    kind: str  # the <kind> of minted IRIs
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name, guidance, example, maps_to) -> Column:
    return Column(name, guidance, example, maps_to)


TEMPLATES: dict[str, Template] = {
    "organisations": Template(
        "org",
        (
            _c(
                "slug",
                "optional: the IRI's last part (a-z, 0-9, -); made from the name if empty",
                "example-juvenile-justice-network",
                "the IRI https://w3id.org/jwc/id/org/<slug>",
            ),
            _c(
                "name",
                "required: the full name, as the source writes it",
                "Example Juvenile Justice Network",
                "skos:prefLabel",
            ),
            _c("language", "language of the name and description (default en)", "en", "the language tag of the texts"),
            _c(
                "type",
                f"required: one of {', '.join(ORG_TYPES)}",
                "Network",
                "rdf:type jwc:<type> (org:<type> for Organization, FormalOrganization, OrganizationalCollaboration)",
            ),
            _c("acronyms", "all-caps short names, separated by |", "EJJN", "skos:altLabel (no language tag)"),
            _c("other_names", "other names, separated by |", "Réseau exemple de justice juvénile", "skos:altLabel"),
            _c(
                "description",
                "what the source says the organisation is and does",
                "A network of practitioners.",
                "dcterms:description",
            ),
            _c("founded", "year (2009), year-month (2009-05) or date (2009-05-28)", "2009", "schema:foundingDate"),
            _c("country", "a country in the graph, by name or IRI", "", "jwc:country"),
            _c("themes", "themes in the graph, by name or IRI, separated by |", "restorative justice", "jwc:theme"),
        ),
    ),
    "memberships": Template(
        "membership",
        (
            _c(
                "slug",
                "optional: made from member and organisation if empty",
                "",
                "the IRI https://w3id.org/jwc/id/membership/<slug>",
            ),
            _c(
                "member",
                "required: the member organisation or person, by name, acronym or IRI",
                "Penal Reform International",
                "org:member",
            ),
            _c(
                "organisation",
                "required: the coalition, panel or network, by name, acronym or IRI",
                "IPJJ",
                "org:organization",
            ),
            _c("role", f"one of {', '.join(ROLES)} (default member)", "member", "org:role voc:role-<role>"),
            _c(
                "start",
                "year or year-month the membership began",
                "2005",
                "org:memberDuring/time:hasBeginning/time:inXSDgYear",
            ),
            _c(
                "end",
                "year or year-month it ended; empty if ongoing",
                "",
                "org:memberDuring/time:hasEnd/time:inXSDgYear",
            ),
            _c("note", "anything a reader should know", "", "skos:note"),
        ),
    ),
    "events": Template(
        "event",
        (
            _c(
                "slug",
                "optional: made from the name if empty",
                "example-regional-meeting-2019",
                "the IRI https://w3id.org/jwc/id/event/<slug> (series/<slug> for an EventSeries)",
            ),
            _c("name", "required: the event's name", "Example regional meeting on child justice", "skos:prefLabel"),
            _c("language", "language of the name and description (default en)", "en", "the language tag of the texts"),
            _c(
                "type",
                f"required: one of {', '.join(EVENT_TYPES)}",
                "PreparatoryMeeting",
                "rdf:type jwc:<type> (schema:Event for Event)",
            ),
            _c("start_date", "year, year-month or date", "2019-10", "schema:startDate"),
            _c("end_date", "year, year-month or date", "", "schema:endDate"),
            _c("location", "a place in the graph, by name or IRI", "", "schema:location"),
            _c("country", "a country in the graph, by name or IRI", "", "jwc:country"),
            _c(
                "organisers",
                "organisations or people, by name or IRI, separated by |",
                "Terre des hommes",
                "schema:organizer",
            ),
            _c(
                "prepares_for",
                "the congress this meeting prepares, by name or IRI",
                "World Congress on Justice With Children 2021",
                "jwc:preparesFor",
            ),
            _c("in_series", "the event series, by name or IRI", "", "jwc:inSeries"),
            _c("status", f"one of {', '.join(STATUSES)}", "held", "jwc:status voc:status-<status>"),
            _c("scope", f"one of {', '.join(SCOPES)}", "regional", "jwc:scope voc:scope-<scope>"),
            _c("description", "what the source says about the event", "", "dcterms:description"),
        ),
    ),
    "places": Template(
        "place",
        (
            _c(
                "slug",
                "optional: made from the name if empty",
                "guadalajara",
                "the IRI https://w3id.org/jwc/id/place/<slug>",
            ),
            _c("name", "required: the place's name", "Guadalajara", "skos:prefLabel"),
            _c("language", "language of the name (default en)", "en", "the language tag of the name"),
            _c(
                "type",
                f"required: one of {', '.join(PLACE_TYPES)}",
                "City",
                "rdf:type schema:City, schema:Country, jwc:Region, jwc:Venue or schema:Place",
            ),
            _c(
                "within",
                "the larger place it is in (a city's country, a country's region), by name or IRI, separated by |",
                "Mexico",
                "schema:containedInPlace",
            ),
            _c("other_names", "other names, separated by |", "Guadalajara de Buena Esperanza", "skos:altLabel"),
            _c("note", "anything a reader should know", "", "skos:note"),
        ),
    ),
    "commitments": Template(
        "commitment",
        (
            _c(
                "slug",
                "optional: made from who commits and the statement if empty",
                "",
                "the IRI https://w3id.org/jwc/id/commitment/<slug>",
            ),
            _c(
                "statement",
                "required: what the commitment binds whom to, in your own words",
                "Reduce the use of detention for children",
                "jwc:statement",
            ),
            _c("language", "language of the statement (default en)", "en", "the language tag of the statement"),
            _c(
                "type",
                f"one of {', '.join(COMMITMENT_TYPES)} (default Commitment)",
                "Commitment",
                "rdf:type jwc:<type>",
            ),
            _c(
                "committed_by",
                "required: who commits (organisation, initiative or event), by name or IRI, separated by |",
                "Terre des hommes",
                "jwc:committedBy",
            ),
            _c("made_at", "the event where it was made, by name or IRI", "", "jwc:madeAt"),
            _c("themes", "themes in the graph, by name or IRI, separated by |", "", "jwc:theme"),
            _c(
                "aligned_with",
                "goals in the graph (e.g. SDG 16), by name or IRI, separated by |",
                "",
                "jwc:alignedWith",
            ),
            _c("position", "its number in the source's list (1, 2, ...)", "", "jwc:position (xsd:integer)"),
            _c("note", "anything a reader should know", "", "skos:note"),
        ),
    ),
}


def write_template(kind: str, out: io.TextIOBase) -> None:
    """The template: header, a guidance row and an example row (both starting with # and skipped when read)."""
    template = TEMPLATES[kind]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(template.header)
    writer.writerow(["# " + c.guidance if i == 0 else c.guidance for i, c in enumerate(template.columns)])
    writer.writerow(["# example: " + c.example if i == 0 else c.example for i, c in enumerate(template.columns)])


@dataclass
class Row:
    number: int  # the spreadsheet row (the header is row 1)
    cells: dict[str, str]
    iri: str = ""


@dataclass
class Table:
    name: str  # the template's name
    template: Template
    rows: list[Row] = field(default_factory=list)


def _which_template(display: str, header: list[str]) -> tuple[str, Template]:
    cols = [h.strip() for h in header]
    best = max(TEMPLATES.items(), key=lambda kv: len(set(cols) & set(kv[1].header)))
    name, template = best
    if not set(cols) & set(template.header) - {"slug", "language", "note"}:
        raise InputError(
            f"{display}: row 1: the header {cols[:6]!r} is not one of the CSV templates",
            fix="start from `jwc template organisations|memberships|events|commitments`",
        )
    missing = [c for c in template.header if c not in cols]
    extra = [c for c in cols if c not in template.header]
    if missing or extra or len(set(cols)) != len(cols):
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        for c in extra:
            close = difflib.get_close_matches(c, template.header, n=1)
            parts.append(f"unknown column {c!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        dup = sorted({c for c in cols if cols.count(c) > 1})
        if dup:
            parts.append(f"repeated column(s) {', '.join(dup)}")
        raise InputError(
            f"{display}: row 1: the header does not match the {name} template: {'; '.join(parts)}",
            fix=f"use the header of `jwc template {name}`: {','.join(template.header)}",
        )
    return name, template


def delimiter(text: str) -> str:
    """The CSV's delimiter: comma, or the semicolon or tab European spreadsheet programs save with; the one that
    splits the header into the most columns of a template."""
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    known = {c for t in TEMPLATES.values() for c in t.header}

    def score(sep: str) -> int:
        try:
            cells = next(csv.reader([first], delimiter=sep))
        except (csv.Error, StopIteration):
            return 0
        return sum(c.strip() in known for c in cells)

    return max((",", ";", "\t"), key=score)


def read_table(display: str, text: str) -> Table:
    """Check the CSV's structure and mint each row's IRI; errors name the row and column."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter(text))
    try:
        records = list(reader)
    except csv.Error as err:
        raise InputError(f"{display}: row {reader.line_num}: {err}", fix="check the quotes in that row") from None
    records = [(i, r) for i, r in enumerate(records, 1)]
    header = next((r for _, r in records if any(c.strip() for c in r)), None)
    if header is None:
        raise InputError(f"{display}: the file is empty", fix="add a header and rows")
    name, template = _which_template(display, header)
    table = Table(name, template)
    cols = [h.strip() for h in header]
    seen: dict[str, int] = {}
    for number, cells in records[records.index(next(x for x in records if x[1] is header)) + 1 :]:
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if len(cells) != len(cols):
            raise InputError(
                f"{display}: row {number}: {len(cells)} cells, but the header has {len(cols)} columns "
                f"(the row is shifted: a value with a comma needs quotes, or a cell is missing)",
                fix=f"give row {number} exactly one cell per column, empty cells included",
            )
        row = Row(number, {c: v.strip() for c, v in zip(cols, cells)})
        row.iri = _mint(display, name, template, row)
        if row.iri in seen:
            raise InputError(
                f"{display}: row {number}: the same record as row {seen[row.iri]} ({row.iri})",
                fix="give each row its own slug, or merge the two rows",
            )
        seen[row.iri] = number
        table.rows.append(row)
    if not table.rows:
        raise InputError(
            f"{display}: no data rows (rows starting with # are guidance and skipped)",
            fix="add one row per record below the header",
        )
    return table


def _mint(display: str, name: str, template: Template, row: Row) -> str:
    cells = row.cells
    slug = cells.get("slug", "")
    if slug and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise InputError(
            f"{display}: row {row.number}, column slug: {slug!r} is not a slug",
            fix=f"use lower-case letters, digits and hyphens, such as {slugify(slug)!r}",
        )
    if not slug:
        if name == "memberships":
            basis = f"{cells.get('member', '')} {cells.get('organisation', '')}"
        elif name == "commitments":
            basis = f"{cells.get('committed_by', '').split(MULTI)[0]} {cells.get('statement', '')[:60]}"
        else:
            basis = cells.get("name", "")
        slug = slugify(basis)[:80].strip("-")
        required = {"memberships": "member", "commitments": "statement"}.get(name, "name")
        if not slug:
            raise InputError(
                f"{display}: row {row.number}, column {required}: empty, so the row has no IRI",
                fix=f"fill in {required} (or the slug)",
            )
    kind = "series" if name == "events" and cells.get("type") == "EventSeries" else template.kind
    return f"{ID}{kind}/{slug}"


# ---------------------------------------------------------------------------------------------
# Rows to triples
# ---------------------------------------------------------------------------------------------


def _date(text: str) -> ox.Literal:
    """A year, year-month or date literal by its form; anything else stays text (and the shapes say so)."""
    for pattern, dt in ((r"-?\d{4}", "gYear"), (r"-?\d{4}-\d{2}", "gYearMonth"), (r"-?\d{4}-\d{2}-\d{2}", "date")):
        if re.fullmatch(pattern, text):
            return ox.Literal(text, datatype=ox.NamedNode(XSD + dt))
    return ox.Literal(text)


class _Converter:
    """Writes one table's triples, with a finding (row, column, suggestions) for each reference it cannot resolve."""

    def __init__(self, sub: SubmittedFile, names: NameIndex, graph: ox.DefaultGraph | ox.NamedNode):
        self.sub, self.names, self.graph = sub, names, graph
        self.row: Row | None = None

    def add(self, s, p: str, o, column: str | None = None) -> None:
        subject = s if not isinstance(s, str) else ox.NamedNode(s)
        self.sub.quads.append(ox.Quad(subject, ox.NamedNode(p), o, self.graph))
        if column and isinstance(subject, ox.NamedNode):
            cell = f"row {self.row.number}, column {column}"
            self.sub.cells.setdefault((subject.value, p), cell)
            self.sub.cells[(subject.value, p, o.value)] = cell  # the column of this very value, where it is known

    def problem(self, column: str, value: str, message: str, fix: str, suggestions=(), path: str | None = None) -> None:
        self.sub.findings.append(
            reading_finding(
                "Violation",
                self.row.iri,
                message,
                path=path,
                value=value,
                fix=fix,
                suggestions=list(suggestions),
                where=f"{self.sub.display} row {self.row.number}, column {column}",
            )
        )

    def text(self, column: str) -> str:
        return self.row.cells.get(column, "")

    def date(self, column: str, path: str) -> ox.Literal | None:
        """The cell as a year, year-month or date; a finding naming the column when it is none of those."""
        value = self.text(column)
        literal = _date(value)
        if literal.datatype.value.startswith(XSD + "g") or literal.datatype.value == XSD + "date":
            return literal
        self.problem(
            column,
            value,
            f"{column} {value!r} is not a year, a year-month or a date",
            fix="write it as 2009, 2009-05 or 2009-05-28 (digits only: a letter O is not a zero)",
            path=path,
        )
        return None

    def lang(self, column: str, value: str) -> ox.Literal:
        return ox.Literal(value, language=self.text("language") or "en") if value else None

    def choice(self, column: str, value: str, allowed: list[str], make) -> ox.NamedNode | None:
        """One of `allowed`, written as the template says or as the graph displays it ("founding member",
        "Founding-Member" and "founding-member" are one role); otherwise a finding with the closest."""
        if value in allowed:
            return make(value)
        plain = {re.sub(r"[\s_-]+", "-", a.strip().casefold()): a for a in allowed}
        found = plain.get(re.sub(r"[\s_-]+", "-", value.strip().casefold()))
        if found:
            return make(found)
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
        self.problem(
            column,
            value,
            f"{column} {value!r} is not one of {', '.join(allowed)}",
            fix=f"write {close[0]!r}" if close else f"write one of {', '.join(allowed)}",
        )
        return None

    def ref(self, column: str, value: str, kinds: list[str] | None, path: str) -> ox.NamedNode | None:
        """An entity named by IRI, CURIE, name or acronym; one finding when none or several match."""
        if re.match(r"https?://", value):
            return ox.NamedNode(value)
        prefix, _, local = value.partition(":")
        if local and prefix in PREFIXES and " " not in value:
            return ox.NamedNode(PREFIXES[prefix] + local)
        found = sorted(self.names.lookup(value, kinds))
        if len(found) == 1:
            return ox.NamedNode(found[0])
        if found:
            self.problem(
                column,
                value,
                f"{value!r} names {len(found)} entities: " + ", ".join(self.names.display(e) for e in found),
                fix="write the IRI of the one you mean",
                path=path,
            )
            return None
        close = self.names.closest(value, kinds)
        hint = self.names.did_you_mean(close)
        self.problem(
            column,
            value,
            f"{value!r} is not in the graph" + (f"; {hint}" if hint else ""),
            fix="use the name as the graph has it, or its IRI; add the entity first if it is new"
            + (" (a places file from `jwc template places`, sent with this one)" if kinds == ["place"] else ""),
            suggestions=close,
            path=path,
        )
        return None

    def refs(self, s: str, column: str, path: str, kinds: list[str] | None = None) -> None:
        for part in [p.strip() for p in self.text(column).split(MULTI) if p.strip()]:
            node = self.ref(column, part, kinds, path)
            if node is not None:
                self.add(s, path, node, column)

    def typed(self, s: str, column: str, allowed: list[str], default: str | None = None) -> None:
        value = self.text(column) or default
        if not value:
            self.problem(column, "", f"{column} is empty", fix=f"write one of {', '.join(allowed)}", path=RDF_TYPE)
            return
        node = self.choice(
            column,
            value,
            allowed,
            lambda v: ox.NamedNode(
                PREFIXES["org"] + v
                if v in ("Organization", "FormalOrganization", "OrganizationalCollaboration")
                else PREFIXES["schema"] + v
                if v == "Event"
                else ONTOLOGY + v
            ),
        )
        if node is not None:
            self.add(s, RDF_TYPE, node, column)


SKOS, DCT, SCHEMA, ORG, TIME, JWC = (PREFIXES[p] for p in ("skos", "dcterms", "schema", "org", "time", "jwc"))


def _organisation(c: _Converter, s: str) -> None:
    c.typed(s, "type", ORG_TYPES)
    if c.text("name"):
        c.add(s, SKOS + "prefLabel", c.lang("name", c.text("name")), "name")
    for a in filter(None, (x.strip() for x in c.text("acronyms").split(MULTI))):
        c.add(s, SKOS + "altLabel", ox.Literal(a), "acronyms")
    for n in filter(None, (x.strip() for x in c.text("other_names").split(MULTI))):
        c.add(s, SKOS + "altLabel", c.lang("other_names", n), "other_names")
    if c.text("description"):
        c.add(s, DCT + "description", c.lang("description", c.text("description")), "description")
    if c.text("founded") and (founded := c.date("founded", SCHEMA + "foundingDate")) is not None:
        c.add(s, SCHEMA + "foundingDate", founded, "founded")
    c.refs(s, "country", JWC + "country", ["place"])
    c.refs(s, "themes", JWC + "theme", ["theme"])


def _membership(c: _Converter, s: str) -> None:
    c.add(s, RDF_TYPE, ox.NamedNode(ORG + "Membership"))
    c.refs(s, "member", ORG + "member", ACTORS)
    c.refs(s, "organisation", ORG + "organization", ["org"])
    role = c.choice("role", c.text("role") or "member", ROLES, lambda v: ox.NamedNode(f"{VOCAB}role-{v}"))
    if role is not None:
        c.add(s, ORG + "role", role, "role")
    if c.text("start") or c.text("end"):
        interval = ox.BlankNode()
        c.add(s, ORG + "memberDuring", interval, "start" if c.text("start") else "end")
        c.add(interval, RDF_TYPE, ox.NamedNode(TIME + "Interval"))
        for column, prop in (("start", "hasBeginning"), ("end", "hasEnd")):
            if c.text(column) and (date := c.date(column, ORG + "memberDuring")) is not None:
                instant = ox.BlankNode()
                c.add(interval, TIME + prop, instant)
                c.add(instant, RDF_TYPE, ox.NamedNode(TIME + "Instant"))
                unit = {"gYearMonth": "inXSDgYearMonth"}.get(date.datatype.value.rsplit("#", 1)[-1], "inXSDgYear")
                c.add(instant, TIME + unit, date)
    if c.text("note"):
        c.add(s, SKOS + "note", ox.Literal(c.text("note")), "note")


def _event(c: _Converter, s: str) -> None:
    c.typed(s, "type", EVENT_TYPES)
    if c.text("name"):
        c.add(s, SKOS + "prefLabel", c.lang("name", c.text("name")), "name")
    for column, prop in (("start_date", "startDate"), ("end_date", "endDate")):
        if c.text(column) and (date := c.date(column, SCHEMA + prop)) is not None:
            c.add(s, SCHEMA + prop, date, column)
    c.refs(s, "location", SCHEMA + "location", ["place"])
    c.refs(s, "country", JWC + "country", ["place"])
    c.refs(s, "organisers", SCHEMA + "organizer", ACTORS)
    c.refs(s, "prepares_for", JWC + "preparesFor", ["event"])
    c.refs(s, "in_series", JWC + "inSeries", ["series"])
    for column, allowed in (("status", STATUSES), ("scope", SCOPES)):
        if c.text(column):
            node = c.choice(column, c.text(column), allowed, lambda v, col=column: ox.NamedNode(f"{VOCAB}{col}-{v}"))
            if node is not None:
                c.add(s, JWC + column, node, column)
    if c.text("description"):
        c.add(s, DCT + "description", c.lang("description", c.text("description")), "description")


def _commitment(c: _Converter, s: str) -> None:
    c.typed(s, "type", COMMITMENT_TYPES, default="Commitment")
    if c.text("statement"):
        c.add(s, JWC + "statement", c.lang("statement", c.text("statement")), "statement")
    c.refs(s, "committed_by", JWC + "committedBy", ["org", "initiative", "event", "series"])
    c.refs(s, "made_at", JWC + "madeAt", ["event"])
    c.refs(s, "themes", JWC + "theme", ["theme"])
    c.refs(s, "aligned_with", JWC + "alignedWith", ["goal"])
    if c.text("position"):
        value = c.text("position")
        c.add(
            s,
            JWC + "position",
            ox.Literal(value, datatype=ox.NamedNode(XSD + "integer")) if value.isdigit() else ox.Literal(value),
            "position",
        )
    if c.text("note"):
        c.add(s, SKOS + "note", ox.Literal(c.text("note")), "note")


def _place(c: _Converter, s: str) -> None:
    value = c.text("type")
    node = c.choice("type", value, PLACE_TYPES, lambda v: ox.NamedNode(PLACE_CLASSES[v])) if value else None
    if not value:
        c.problem("type", "", "type is empty", fix=f"write one of {', '.join(PLACE_TYPES)}", path=RDF_TYPE)
    if node is not None:
        c.add(s, RDF_TYPE, node, "type")
    if c.text("name"):
        c.add(s, SKOS + "prefLabel", c.lang("name", c.text("name")), "name")
    for n in filter(None, (x.strip() for x in c.text("other_names").split(MULTI))):
        c.add(s, SKOS + "altLabel", c.lang("other_names", n), "other_names")
    c.refs(s, "within", SCHEMA + "containedInPlace", ["place"])
    if c.text("note"):
        c.add(s, SKOS + "note", ox.Literal(c.text("note")), "note")


PLACE_CLASSES = {
    "City": SCHEMA + "City",
    "Country": SCHEMA + "Country",
    "Region": JWC + "Region",
    "Venue": JWC + "Venue",
    "Place": SCHEMA + "Place",
}
WRITERS = {
    "organisations": _organisation,
    "memberships": _membership,
    "events": _event,
    "commitments": _commitment,
    "places": _place,
}


def names_of(table: Table) -> list[tuple[str, str, str]]:
    """(IRI, label predicate, text) for the names the rows give, so other rows and files can refer to them."""
    out = []
    for row in table.rows:
        for column, pred in (
            ("name", SKOS + "prefLabel"),
            ("acronyms", SKOS + "altLabel"),
            ("other_names", SKOS + "altLabel"),
        ):
            for text in filter(None, (x.strip() for x in row.cells.get(column, "").split(MULTI))):
                out.append((row.iri, pred, text))
    return out


def to_quads(sub: SubmittedFile, table: Table, names: NameIndex) -> None:
    """Fill `sub.quads` (default graph), `sub.where` and `sub.cells` from the table's rows."""
    conv = _Converter(sub, names, ox.DefaultGraph())
    for row in table.rows:
        conv.row = row
        sub.where[row.iri] = f"{sub.display} row {row.number}"
        WRITERS[table.name](conv, row.iri)


def parse_csv(path: Path, display: str, raw: bytes, text: str, names: NameIndex | None = None) -> SubmittedFile:
    """Read a CSV's structure; its triples are written later by `to_quads`, once every name is known."""
    import hashlib

    table = read_table(display, text)
    sub = SubmittedFile(path, display, f"CSV ({table.name})", hashlib.sha256(raw).hexdigest(), [], raw=raw, table=table)
    if names is not None:
        to_quads(sub, table, names)
    return sub
