"""Statements the build adds to what the sources say, each fully determined by them.

- ORG's shortcuts: a membership stated by a source also gives, in that source's graph, `member org:memberOf
  organisation` and `organisation org:hasMember member`, so tools that know only the shortcuts see the network.
- Country codes: every country (schema:Country) whose English name ISO 3166-1 knows gets its alpha-2 and
  alpha-3 codes, from the pycountry library (a maintained copy of the standard, not typed by hand), in the
  graph of the catalogued source src:iso-3166.
- Statements repeated by sources: memberships of the same member in the same organisation, stated by two
  sources (each with its own IRI), are linked with prov:alternateOf in the catalogue graph, which holds the
  project's statements about its sources' records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from ..base.namespaces import CATALOGUE_GRAPH, ID, PREFIXES

ORG = PREFIXES["org"]
MEMBER, ORGANIZATION = ox.NamedNode(ORG + "member"), ox.NamedNode(ORG + "organization")
MEMBER_OF, HAS_MEMBER = ox.NamedNode(ORG + "memberOf"), ox.NamedNode(ORG + "hasMember")
ALTERNATE_OF = ox.NamedNode(PREFIXES["prov"] + "alternateOf")
COUNTRY = ox.NamedNode(PREFIXES["schema"] + "Country")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
PREF_LABEL = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
ISO_SOURCE = ox.NamedNode(ID + "source/iso-3166")
ALPHA2, ALPHA3 = ox.NamedNode(PREFIXES["jwc"] + "iso3166Alpha2"), ox.NamedNode(PREFIXES["jwc"] + "iso3166Alpha3")


def _memberships(quads: Iterable[ox.Quad]) -> list[tuple]:
    """(membership, graph, member, organisation) for every membership stated with both ends."""
    parts: dict[tuple, dict] = defaultdict(dict)
    for q in quads:
        if q.predicate in (MEMBER, ORGANIZATION) and isinstance(q.graph_name, ox.NamedNode):
            parts[(q.subject, q.graph_name)]["member" if q.predicate == MEMBER else "organization"] = q.object
    return [
        (m, g, p["member"], p["organization"])
        for (m, g), p in sorted(parts.items(), key=str)
        if "member" in p and "organization" in p
    ]


def shortcuts(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """ORG's shortcuts of the memberships in `quads`, each in the graph of the source that states it."""
    out = []
    for _m, graph, member, organization in _memberships(quads):
        out.append(ox.Quad(member, MEMBER_OF, organization, graph))
        out.append(ox.Quad(organization, HAS_MEMBER, member, graph))
    return out


def country_codes(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """ISO 3166-1 alpha-2 and alpha-3 codes of the countries named in `quads`, by their English names."""
    import pycountry

    quads = list(quads)
    countries = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == COUNTRY}
    names = {}
    for q in quads:
        if q.subject in countries and q.predicate == PREF_LABEL and q.object.language in (None, "en"):
            names.setdefault(q.subject, q.object.value)
    out = []
    for country, name in sorted(names.items(), key=str):
        try:
            found = pycountry.countries.lookup(name)
        except LookupError:
            continue  # a name the standard does not have (a territory, a historical name): no code is guessed
        out.append(ox.Quad(country, ALPHA2, ox.Literal(found.alpha_2), ISO_SOURCE))
        out.append(ox.Quad(country, ALPHA3, ox.Literal(found.alpha_3), ISO_SOURCE))
    return out


def derived(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The shortcuts, country codes and alternate links that `quads` (every source graph) determine."""
    quads = list(quads)
    out = shortcuts(quads) + country_codes(quads)
    stated: dict[tuple, set] = defaultdict(set)  # (member, organisation) -> memberships stating it
    for membership, _g, member, organization in _memberships(quads):
        stated[(member, organization)].add(membership)
    catalogue = ox.NamedNode(CATALOGUE_GRAPH)
    for memberships in stated.values():
        for a in memberships:
            out += [ox.Quad(a, ALTERNATE_OF, b, catalogue) for b in memberships if b != a]
    return out
