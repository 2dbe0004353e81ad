"""Plain words for the map's side panel: what each fact is called, how its value reads, and how links are headed.

The data names facts after RDF properties (`foundingDate`, `altLabel`) and gives durations and dates in
ISO 8601 (`P4Y`, `2018-05`); a person reads "founded 1960", "held every 4 years", "May 2018". Links are
grouped under a heading for their direction ("member of" on the member's panel, "members" on the coalition's).
"""

from __future__ import annotations

import re

#: What a fact is called on the panel, by property name; facts not listed read as their name split into words.
FACT_LABELS = {
    "description": "about",
    "statement": "statement",
    "definition": "definition",
    "title": "title",
    "foundingDate": "founded",
    "startDate": "date",
    "endDate": "until",
    "date": "date",
    "dissolutionDate": "dissolved",
    "duration": "lasts",
    "frequency": "held",
    "status": "status",
    "scope": "scope",
    "figure": "in figures",
    "asStated": "in the source's words",
    "inScheme": "in the list",
    "notation": "number",
    "position": "place in its list",
    "inLanguage": "language",
    "gap": "not known",
}
#: Facts the panel shows elsewhere (the name, the other names, the kind) or not at all.
NOT_FACTS = {"prefLabel", "altLabel", "type"}
#: The order facts are listed in: what the entity is, when, how much, where it belongs; gaps last.
FACT_ORDER = [*FACT_LABELS]

#: Headings for a link on the panel, by link kind: (on the subject's panel, on the object's panel).
LINK_HEADINGS = {
    "member": ("member of", "members"),
    "runBy": ("run by", "runs"),
    "organizer": ("organised by", "organises"),
    "partner": ("partners", "partner in"),
    "supportedBy": ("supported by", "supports"),
    "partOf": ("part of", "parts"),
    "hasProject": ("carries out", "carried out by"),
    "inSeries": ("edition of", "editions"),
    "preparesFor": ("prepares", "prepared by"),
    "launched": ("launched", "launched by"),
    "grewOutOf": ("grew out of", "gave rise to"),
    "feedsInto": ("feeds into", "fed by"),
    "committedBy": ("committed to by", "commitments"),
    "madeAt": ("made at", "commitments made there"),
    "aimOf": ("aim of", "aims"),
    "alignedWith": ("aligned with", "aligned with it"),
    "rootedIn": ("rooted in", "roots of"),
    "priorityOf": ("priority of", "priorities"),
    "theme": ("works on", "worked on by"),
    "implements": ("implements", "implemented by"),
    "promotes": ("promotes", "promoted by"),
    "guidedBy": ("guided by", "guides"),
    "establishedFollowing": ("established following", "led to"),
    "consultativeStatusWith": ("consultative status with", "gives consultative status to"),
    "adoptedBy": ("adopted by", "adopted"),
    "monitoredBy": ("monitored by", "monitors"),
    "protocolTo": ("protocol to", "protocols"),
    "interprets": ("interprets", "interpreted by"),
    "publishes": ("publishes", "published by"),
    "confers": ("confers", "conferred by"),
    "awardedAt": ("awarded at", "awards given there"),
    "inChargeOf": ("in charge of", "led by"),
    "serves": ("serves", "served by"),
    "recommendationOf": ("recommendation of", "recommendations"),
    "outcomeOf": ("outcome of", "outcomes"),
    "country": ("in", "entities there"),
    "region": ("for the region", "entities for this region"),
    "location": ("takes place at", "place of"),
    "containedInPlace": ("in", "contains"),
    "founder": ("founded by", "founded"),
    "publisher": ("published by", "publishes"),
    "about": ("about", "subject of"),
    "unitOf": ("unit of", "units"),
    "subOrganizationOf": ("part of", "parts"),
    "broader": ("narrower than", "broader than"),
    "alternateOf": ("also described as", "also described as"),
}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour"}


def words(name: str) -> str:
    """A property name as words: `consultativeStatusWith` -> "consultative status with"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def fact_label(prop: str) -> str:
    """What the fact `prop` is called on the panel."""
    return FACT_LABELS.get(prop) or words(prop)


def link_headings(kind: str) -> tuple[str, str]:
    """The headings of a link of `kind` on its subject's and on its object's panel."""
    return LINK_HEADINGS.get(kind) or (words(kind), words(kind) + " (of this)")


def duration(text: str) -> str | None:
    """An ISO 8601 duration in words (`P3D` -> "3 days", `P1Y6M` -> "1 year 6 months"), None if it is not one."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(\d+)H)?", text)
    if not m or not any(m.groups()):
        return None
    parts = [(int(n), unit) for n, unit in zip(m.groups(), "YMWDH") if n]
    return " ".join(f"{n} {_UNITS[unit]}{'' if n == 1 else 's'}" for n, unit in parts)


def date(text: str) -> str:
    """A year, year-month or date as people write it (`2018-05` -> "May 2018"); anything else unchanged."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return text
    year, month, day = m.groups()
    if not month:
        return year
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}" if day else f"{MONTHS[int(month) - 1]} {year}"


def fact_value(prop: str, value: str) -> str:
    """How a fact's value reads: durations and frequencies in words, dates as people write them."""
    if prop == "frequency":
        span = duration(value)
        if span:
            return "every " + (span[2:] if span.startswith("1 ") and " " not in span[2:] else span)
    if prop == "duration":
        return duration(value) or value
    if prop in ("startDate", "endDate", "foundingDate", "dissolutionDate", "date"):
        return date(value)
    if prop == "inLanguage":
        return LANGUAGES.get(value, value)
    return value


def fact_rank(prop: str) -> tuple[int, str]:
    """Where a fact goes in the panel's list (see FACT_ORDER; unknown facts after the known, by name; gaps last)."""
    if prop == "gap":
        return (len(FACT_ORDER) + 1, prop)
    return (FACT_ORDER.index(prop), prop) if prop in FACT_ORDER else (len(FACT_ORDER), prop)
