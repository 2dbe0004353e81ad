"""Project the RDF graph onto a networkx graph: entities as nodes, typed and sourced links as edges.

Memberships, figures and gaps are not nodes: a membership becomes a member -> collaboration edge
(with role and period), figures and gaps become facts of the node they are about. Every edge keeps
the named graphs (sources) that state it, so a map or a path can say why two entities are linked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from ..base.errors import InputError
from ..base.namespaces import CATALOGUE_GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH
from .options import ALL_KINDS, DEFAULT_KINDS, KINDS

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS, ORG, JWC, SCHEMA, TIME = PREFIXES["skos"], PREFIXES["org"], PREFIXES["jwc"], PREFIXES["schema"], PREFIXES["time"]

#: How a link reads from subject to object, for tooltips and `jwc path`.
PHRASES = {
    ORG + "member": "is a member of",
    JWC + "runBy": "is run by",
    SCHEMA + "organizer": "is organised by",
    JWC + "partner": "has as partner",
    JWC + "supportedBy": "is supported by",
    JWC + "partOf": "is part of",
    JWC + "hasProject": "carries out",
    JWC + "inSeries": "is an edition of",
    JWC + "preparesFor": "prepares",
    JWC + "launched": "launched",
    JWC + "grewOutOf": "grew out of",
    JWC + "feedsInto": "feeds into",
    JWC + "committedBy": "is committed to by",
    JWC + "madeAt": "was made at",
    JWC + "aimOf": "is an aim of",
    JWC + "alignedWith": "is aligned with",
    JWC + "rootedIn": "is rooted in",
    JWC + "priorityOf": "is a priority of",
    JWC + "theme": "works on",
    JWC + "implements": "implements",
    JWC + "promotes": "promotes",
    JWC + "guidedBy": "is guided by",
    JWC + "establishedFollowing": "was established following",
    JWC + "consultativeStatusWith": "has consultative status with",
    JWC + "adoptedBy": "was adopted by",
    JWC + "monitoredBy": "is monitored by",
    JWC + "protocolTo": "is a protocol to",
    JWC + "interprets": "interprets",
    JWC + "publishes": "publishes",
    JWC + "confers": "confers",
    JWC + "awardedAt": "is awarded at",
    JWC + "inChargeOf": "is in charge of",
    JWC + "serves": "serves",
    JWC + "recommendationOf": "is a recommendation of",
    JWC + "outcomeOf": "is an outcome of",
    JWC + "country": "is in",
    JWC + "region": "is for the region",
    SCHEMA + "location": "takes place at",
    SCHEMA + "containedInPlace": "is in",
    SCHEMA + "founder": "was founded by",
    SCHEMA + "publisher": "is published by",
    SCHEMA + "about": "is about",
    ORG + "unitOf": "is a unit of",
    ORG + "subOrganizationOf": "is part of",
    SKOS + "broader": "is narrower than",
    PREFIXES["prov"] + "alternateOf": "is also described as",
}
#: Properties that are facts of a node, never edges (the controlled lists are shown as text).
FACT_LINKS = {
    RDF_TYPE,
    SKOS + "inScheme",
    JWC + "status",
    JWC + "scope",
    JWC + "measure",
    JWC + "bound",
    JWC + "missingProperty",
    ORG + "role",
}
#: ORG's shortcuts repeat a membership (member -> organisation), which is already one edge.
SHORTCUTS = {ORG + "memberOf", ORG + "hasMember"}
#: Where an entity's time begins (an event starts, an organisation is founded, an instrument is adopted) and ends.
START_DATES = (SCHEMA + "startDate", SCHEMA + "foundingDate", PREFIXES["dcterms"] + "date")
END_DATES = (SCHEMA + "endDate", SCHEMA + "dissolutionDate")
EDGE_KINDS = sorted({p.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for p in PHRASES} | {"member"})


class UnknownKind(InputError, ValueError):
    """A node or edge kind the projection does not know (a ValueError too, for older callers)."""


def parse_kinds(text: str | None) -> list[str] | None:
    """`K,K` from the command line as a list of kinds; None (the default kinds) when empty, every kind for "all"."""
    if not text:
        return None
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    return list(ALL_KINDS) if kinds == ["all"] else kinds


def check_kinds(kinds: list[str] | None) -> list[str] | None:
    """The kinds asked for, blanks dropped (None when none is left); an unknown kind is an error listing the known."""
    kinds = [k.strip() for k in kinds or [] if k.strip()]
    unknown = sorted(set(kinds) - set(ALL_KINDS))
    if unknown:
        raise UnknownKind(f"unknown node kind(s) {', '.join(unknown)}", fix=f"choose from {', '.join(ALL_KINDS)}")
    return kinds or None


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class _Entity:
    types: set
    labels: dict
    facts: dict


def _text(term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def from_store(store: ox.Store, kinds: list[str] | None = None, edge_kinds: list[str] | None = None) -> nx.MultiDiGraph:
    """The network of the store's source graphs: nodes of `kinds`, edges of `edge_kinds` (default: all)."""
    kinds = check_kinds(kinds) or list(DEFAULT_KINDS)
    unknown = set(edge_kinds or ()) - set(EDGE_KINDS)
    if unknown:
        raise UnknownKind(
            f"unknown edge kind(s) {', '.join(sorted(unknown))}", fix=f"choose from {', '.join(EDGE_KINDS)}"
        )
    subclass = _superclasses(store)

    # One pass over every quad of the source graphs, grouped by subject; from the ontology graph only the
    # project's own shared lists (the themes), which are entities of the network too.
    triples: dict[str, list[tuple[str, ox.Term, str]]] = defaultdict(list)
    for q in store.quads_for_pattern(None, None, None):
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or g.value == SHAPES_GRAPH:
            continue
        subject = _text(q.subject)
        if g.value == ONTOLOGY_GRAPH and not subject.startswith(ID):
            continue
        triples[subject].append((q.predicate.value, q.object, g.value))

    def kind_of(iri: str) -> str | None:
        types = {o.value for p, o, _ in triples.get(iri, ()) if p == RDF_TYPE}
        closure = set(types)
        for t in types:
            closure |= subclass.get(t, set())
        return next((k for k, cls in KINDS if cls in closure), None)

    g = nx.MultiDiGraph()
    catalogue_titles = {
        s: o.value
        for s, rows in triples.items()
        for p, o, gr in rows
        if gr == CATALOGUE_GRAPH and p == PREFIXES["dcterms"] + "title"
    }
    g.graph["sources"] = catalogue_titles

    vocabulary = _vocabulary_labels(store)

    def label_of(iri: str) -> str:
        """The preferred name; else a name, else the start of a commitment's statement; else the IRI's slug."""
        values = {p: o.value for p, o, _ in sorted(triples.get(iri, ()), key=lambda r: r[2], reverse=True)}
        for p in (SKOS + "prefLabel", SCHEMA + "name", RDFS_LABEL):
            if p in values:
                return values[p]
        statement = values.get(JWC + "statement")
        if statement:
            return statement if len(statement) <= 60 else statement[:59].rsplit(" ", 1)[0] + "…"
        return vocabulary.get(iri, local(iri))

    for iri in triples:
        kind = kind_of(iri) if iri.startswith(ID) else None
        if kind is None or kind not in kinds:
            continue
        rows = triples[iri]
        facts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p, o, src in rows:
            if isinstance(o, ox.Literal) or p in FACT_LINKS:
                value = label_of(o.value) if isinstance(o, ox.NamedNode) else o.value
                facts[local(p)].append((value, src))
        years = sorted({int(o.value[:4]) for p, o, _ in rows if p in START_DATES and o.value[:4].isdigit()})
        ends = sorted({int(o.value[:4]) for p, o, _ in rows if p in END_DATES and o.value[:4].isdigit()})
        g.add_node(
            iri,
            kind=kind,
            label=label_of(iri),
            names=sorted({o.value for p, o, _ in rows if p in (SKOS + "prefLabel", SKOS + "altLabel")}),
            types=sorted({local(o.value) for p, o, _ in rows if p == RDF_TYPE}),
            facts={k: sorted(set(v)) for k, v in facts.items()},
            sources=sorted({src for _, _, src in rows}),
            year=years[0] if years else None,
            end=ends[-1] if ends else None,
        )

    # Figures and gaps become facts of what they are about.
    for rows in triples.values():
        props = {p: o for p, o, _ in rows}
        about = props.get(JWC + "figureOf") or props.get(JWC + "gapIn")
        if about is None or about.value not in g:
            continue
        if JWC + "figureOf" in props:
            words = props.get(JWC + "asStated")
            key, fact = "figure", words.value if words is not None else props[JWC + "value"].value
        else:
            note = props.get(SKOS + "note")
            key, fact = "gap", note.value if note else "missing"
        facts = g.nodes[about.value]["facts"].setdefault(key, [])
        for src in sorted({src for _, _, src in rows}):  # a record two sources state keeps both
            if (fact, src) not in facts:
                facts.append((fact, src))

    wanted = set(edge_kinds) if edge_kinds else None
    # Memberships: member -> collaboration, with role and period; one edge per member and collaboration,
    # whatever number of sources state it (each source's statement is a membership of its own).
    memberships: dict[tuple[str, str], dict] = {}
    for rows in triples.values():
        props = defaultdict(list)
        for p, o, src in rows:
            props[p].append((o, src))
        if (ORG + "member") not in props or (ORG + "organization") not in props:
            continue
        member, org = props[ORG + "member"][0][0].value, props[ORG + "organization"][0][0].value
        if member not in g or org not in g or (wanted and "member" not in wanted):
            continue
        edge = memberships.setdefault((member, org), {"roles": set(), "start": None, "end": None, "sources": set()})
        edge["roles"] |= {label_of(o.value) for o, _ in props.get(ORG + "role", [])}
        edge["sources"] |= {src for o, src in props[ORG + "member"]}  # the sources that state the membership
        for period, _ in props.get(ORG + "memberDuring", []):
            for key, year in _period(triples, period).items():
                if year is not None and (
                    edge[key] is None or (year < edge[key] if key == "start" else year > edge[key])
                ):
                    edge[key] = year
    for (member, org), edge in sorted(memberships.items()):
        roles = sorted(edge["roles"])
        g.add_edge(
            member,
            org,
            key=f"{member} {org}",
            kind="member",
            label="is a member of" + (f" ({', '.join(roles)})" if set(roles) - {"member"} else ""),
            roles=roles,
            start=edge["start"],
            end=edge["end"],
            sources=sorted(edge["sources"]),
        )

    # Every other link between two nodes, one edge per (subject, property, object) with all its sources.
    links: dict[tuple[str, str, str], set] = defaultdict(set)
    for s, rows in triples.items():
        if s not in g:
            continue
        for p, o, src in rows:
            if isinstance(o, ox.NamedNode) and o.value in g and p not in FACT_LINKS | SHORTCUTS and o.value != s:
                links[(s, p, o.value)].add(src)
    for (s, p, o), sources in links.items():
        kind = local(p)
        if wanted and kind not in wanted:
            continue
        g.add_edge(s, o, key=f"{p}", kind=kind, label=PHRASES.get(p, kind), sources=sorted(sources))
    return g


def _period(triples: dict, interval) -> dict[str, int | None]:
    """The first year of an OWL-Time interval's beginning and end, as the source gives them (year, month or date)."""
    out = {"start": None, "end": None}
    for p, instant, _ in triples.get(_text(interval), ()):
        key = {TIME + "hasBeginning": "start", TIME + "hasEnd": "end"}.get(p)
        if key:
            out[key] = next(
                (
                    int(o.value[:4])
                    for p2, o, _ in triples.get(_text(instant), ())
                    if p2 in (TIME + "inXSDgYear", TIME + "inXSDgYearMonth", TIME + "inXSDDate")
                ),
                None,
            )
    return out


def _vocabulary_labels(store: ox.Store) -> dict[str, str]:
    """Names of the ontology's classes and controlled-list concepts (roles, statuses, measures)."""
    rows = store.query(f"""SELECT ?t ?l WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
        ?t <{SKOS}prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}""")
    return {r["t"].value: r["l"].value for r in rows}


def _superclasses(store: ox.Store) -> dict[str, set[str]]:
    """Each class's superclasses (transitively), read from the ontology graph."""
    rows = store.query(f"""SELECT ?c ?super WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
        ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?super . FILTER(isIRI(?super)) }} }}""")
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        out[r["c"].value].add(r["super"].value)
    return out


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph for metrics, with edge counts as weights."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for u, v in g.edges():
        if h.has_edge(u, v):
            h[u][v]["weight"] += 1
        else:
            h.add_edge(u, v, weight=1)
    return h


def resolve(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, preferred name or any other name or acronym is `name` (case-insensitive).

    Exact names win; otherwise a unique node whose name contains `name`; otherwise an error that
    lists the closest names, so `--focus "Tdh"` and `jwc path CRIN UNODC` work as people type them.
    """

    wanted = name.casefold().strip()
    if name in g:
        return name
    exact = [
        n
        for n, d in g.nodes(data=True)
        if wanted in {x.casefold() for x in d.get("names", [])} | {d["label"].casefold()}
    ]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [
        n for n, d in g.nodes(data=True) if any(wanted in x.casefold() for x in [d["label"], *d.get("names", [])])
    ]
    if len(partial) == 1:
        return partial[0]
    import difflib

    names = {x: n for n, d in g.nodes(data=True) for x in [d["label"], *d.get("names", [])]}
    if partial:
        options = sorted(g.nodes[n]["label"] for n in partial)[:8]
        raise InputError(
            f"{name!r} matches several entities: {'; '.join(options)}", fix="give a longer name or the IRI"
        )
    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.5)
    hint = (
        f"did you mean {', '.join(repr(c) for c in close)}?"
        if close
        else "check the spelling, or use `jwc query` to search"
    )
    raise InputError(f"{name!r} is not in the graph", fix=hint)
