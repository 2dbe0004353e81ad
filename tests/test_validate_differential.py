"""Validating a submission with only its neighbourhood as context gives the same results as validating the whole graph.

Submissions are made by copying curated records (as new records, or as edits of existing ones) and
mutating them the way contributors get things wrong; for each, the set of (focus, path, constraint
component, severity) from `jwc validate`'s incremental path must equal pySHACL's on the whole
merged graph, restricted to the submitted records. A few run by default; all 40 with `-m slow`.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from conftest import select
from jwc_graph.base.namespaces import ID, PREFIXES
from jwc_graph.intake import check

P = PREFIXES
XSD = P["xsd"]


def N(curie: str) -> ox.NamedNode:
    prefix, local = curie.split(":", 1)
    return ox.NamedNode(P[prefix] + local)


@pytest.fixture(scope="module")
def shapes(built):
    return check.load_shapes(built)


@pytest.fixture(scope="module")
def records(store):
    """Curated records by kind, to copy and break."""
    kinds = {
        "org": "org:Organization",
        "membership": "org:Membership",
        "event": "schema:Event",
        "figure": "jwc:Figure",
        "commitment": "jwc:Commitment",
        "prep": "jwc:PreparatoryMeeting",
        "coalition": "jwc:Coalition",
        "initiative": "jwc:Initiative",
    }
    out = {}
    for kind, cls in kinds.items():
        rows = select(
            store,
            f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a ?c }} ?c rdfs:subClassOf* {cls} "
            f"FILTER (STRSTARTS(STR(?s), '{ID}')) }} ORDER BY ?s",
            use_default_graph_as_union=True,
        )
        out[kind] = [r["s"] for r in rows]
    return out


def describe(store, iri: str, new_iri: str | None = None) -> list[ox.Quad]:
    """A record's triples (all graphs, blank nodes below it copied fresh), optionally under a new IRI."""
    fresh: dict = {}
    out = []

    def copy(node):
        if isinstance(node, ox.BlankNode):
            if node not in fresh:
                fresh[node] = ox.BlankNode()
                for q in store.quads_for_pattern(node, None, None, None):
                    out.append(ox.Quad(fresh[node], q.predicate, copy(q.object), ox.DefaultGraph()))
            return fresh[node]
        return node

    subject = ox.NamedNode(new_iri or iri)
    for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        if q.graph_name == ox.NamedNode("https://w3id.org/jwc/shapes"):
            continue
        out.append(ox.Quad(subject, q.predicate, copy(q.object), ox.DefaultGraph()))
    return list(dict.fromkeys(out))


def _replace(quads, predicate, new_object=None):
    """Replace (or drop, with None) every value of `predicate`."""
    out = [q for q in quads if q.predicate != predicate]
    subjects = {q.subject for q in quads if q.predicate == predicate}
    if new_object is not None:
        out += [ox.Quad(s, predicate, new_object, ox.DefaultGraph()) for s in subjects]
    return out


def _add(quads, predicate, obj):
    return quads + [ox.Quad(quads[0].subject, predicate, obj, ox.DefaultGraph())] if quads else quads


def _interval(quads, begin: str, end: str):
    interval, b, e = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    s = quads[0].subject
    D = ox.DefaultGraph()
    quads = [q for q in quads if q.predicate != N("org:memberDuring")]
    return quads + [
        ox.Quad(s, N("org:memberDuring"), interval, D),
        ox.Quad(interval, N("rdf:type"), N("time:Interval"), D),
        ox.Quad(interval, N("time:hasBeginning"), b, D),
        ox.Quad(b, N("rdf:type"), N("time:Instant"), D),
        ox.Quad(b, N("time:inXSDgYear"), ox.Literal(begin, datatype=N("xsd:gYear")), D),
        ox.Quad(interval, N("time:hasEnd"), e, D),
        ox.Quad(e, N("rdf:type"), N("time:Instant"), D),
        ox.Quad(e, N("time:inXSDgYear"), ox.Literal(end, datatype=N("xsd:gYear")), D),
    ]


def year(y: str):
    return ox.Literal(y, datatype=N("xsd:gYear"))


#: (kind of record, what a contributor did). Each takes the record's quads and returns the mutated ones.
MUTATIONS = {
    "org": [
        ("unchanged copy (a duplicate by name and acronym)", lambda q, r: q),
        ("dropped the preferred name", lambda q, r: _replace(q, N("skos:prefLabel"))),
        (
            "name typed as a number",
            lambda q, r: _replace(q, N("skos:prefLabel"), ox.Literal("12", datatype=N("xsd:integer"))),
        ),
        (
            "founding date as free text",
            lambda q, r: _replace(q, N("schema:foundingDate"), ox.Literal("founded in 1979")),
        ),
        ("founding year 2979", lambda q, r: _replace(q, N("schema:foundingDate"), year("2979"))),
        ("mistyped property", lambda q, r: _add(q, N("schema:foundedDate"), year("1990"))),
        ("mistyped class", lambda q, r: _add(q, N("rdf:type"), N("jwc:NGo"))),
        ("theme that does not exist", lambda q, r: _add(q, N("jwc:theme"), N("jt:restorativ-justice"))),
        (
            "new name, old acronym",
            lambda q, r: _replace(q, N("skos:prefLabel"), ox.Literal("A brand new name", language="en")),
        ),
        (
            "renamed, acronyms dropped",
            lambda q, r: _replace(
                _replace(q, N("skos:altLabel")), N("skos:prefLabel"), ox.Literal(f"Distinct organisation {r.random()}")
            ),
        ),
    ],
    "membership": [
        ("unchanged copy", lambda q, r: q),
        ("member that does not exist", lambda q, r: _replace(q, N("org:member"), N("jo:penal-reform-int"))),
        ("coalition that does not exist", lambda q, r: _replace(q, N("org:organization"), N("jo:ipj"))),
        ("ends before it starts", lambda q, r: _interval(q, "2015", "2009")),
        ("plausible period", lambda q, r: _interval(q, "2009", "2015")),
        ("year 1066", lambda q, r: _interval(q, "1066", "2015")),
        ("no role", lambda q, r: _replace(q, N("org:role"))),
        ("two members", lambda q, r: _add(q, N("org:member"), N("jo:tdh"))),
    ],
    "event": [
        ("unchanged copy", lambda q, r: q),
        (
            "start date 20188",
            lambda q, r: _replace(q, N("schema:startDate"), ox.Literal("20188", datatype=N("xsd:gYear"))),
        ),
        ("start date as text", lambda q, r: _replace(q, N("schema:startDate"), ox.Literal("May 2018"))),
        ("no date at all", lambda q, r: _replace(q, N("schema:startDate"))),
        ("status outside the list", lambda q, r: _replace(q, N("jwc:status"), N("voc:status-postponed"))),
        ("moved to 1800", lambda q, r: _replace(q, N("schema:startDate"), year("1800"))),
    ],
    "prep": [
        ("dated after its congress", lambda q, r: _add(q, N("schema:startDate"), year("2023"))),
        ("dated before its congress", lambda q, r: _add(q, N("schema:startDate"), year("2019"))),
        ("prepares nothing", lambda q, r: _replace(q, N("jwc:preparesFor"))),
    ],
    "figure": [
        ("value as text", lambda q, r: _replace(q, N("jwc:value"), ox.Literal("over 900"))),
        ("no words of the source", lambda q, r: _replace(q, N("jwc:asStated"))),
        ("figure of nothing", lambda q, r: _replace(q, N("jwc:figureOf"), N("jo:nobody"))),
    ],
    "commitment": [
        ("unchanged copy", lambda q, r: q),
        ("no statement", lambda q, r: _replace(q, N("jwc:statement"))),
        ("position zero", lambda q, r: _replace(q, N("jwc:position"), ox.Literal("0", datatype=N("xsd:integer")))),
    ],
    "coalition": [
        ("edit: one more acronym", lambda q, r: _add(q[:1], N("skos:altLabel"), ox.Literal("DCI"))),
        ("edit: founded 2019", lambda q, r: _add(q[:1], N("schema:foundingDate"), year("2019"))),
    ],
    "initiative": [
        ("nobody runs it", lambda q, r: _replace(q, N("jwc:runBy"))),
        ("runs itself", lambda q, r: _replace(q, N("jwc:runBy"), N("ji:global-initiative"))),
    ],
}


ALL = [(kind, i) for kind in MUTATIONS for i in range(len(MUTATIONS[kind]))]


def make_submission(store, records, seed: int) -> tuple[str, list[ox.Quad]]:
    """Mutation number `seed` (so 40 seeds cover them all), plus up to two random ones, each on a curated
    record copied as a new record (or edited in place)."""
    r = random.Random(seed)
    quads, what = [], []
    picks = [ALL[seed % len(ALL)]] + [
        (k, r.randrange(len(MUTATIONS[k]))) for k in r.sample(sorted(MUTATIONS), r.randint(0, 2))
    ]
    for n, (kind, index) in enumerate(picks):
        iri = r.choice(records[kind])
        name, mutate = MUTATIONS[kind][index]
        edit = kind in ("prep", "coalition") or r.random() < 0.25
        new_iri = None if edit else f"{iri}-sub{seed}-{n}"
        base = describe(store, iri, new_iri)
        quads += mutate(base, r)
        what.append(f"{'edit' if edit else 'copy'} {iri.rsplit('/', 2)[-2]}/{iri.rsplit('/', 1)[-1]}: {name}")
    return "; ".join(what), quads


def compare(store, shapes, quads):
    incremental, _graph, _values, context = check.validate_incremental(store, shapes, quads)
    merged = check.validate_merged(store, shapes, quads)
    return {i.key for i in incremental}, {i.key for i in merged}, context


FAST = [0, 1, 2, 3, 4]
SLOW = list(range(5, 40))


@pytest.mark.parametrize("seed", FAST)
def test_incremental_equals_whole_graph(store, shapes, records, seed):
    what, quads = make_submission(store, records, seed)
    inc, whole, _ = compare(store, shapes, quads)
    assert inc == whole, (
        f"{what}\nonly incremental: {sorted(map(str, inc - whole))}\nonly whole graph: {sorted(map(str, whole - inc))}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW)
def test_incremental_equals_whole_graph_many(store, shapes, records, seed):
    test_incremental_equals_whole_graph(store, shapes, records, seed)


def test_the_mutations_are_caught_at_all(store, shapes, records):
    """The generated submissions are not trivially clean: most have findings, and the new rules fire."""
    found = set()
    for seed in range(len(ALL)):
        _what, quads = make_submission(store, records, seed)
        incremental = check.validate_incremental(store, shapes, quads)[0]
        found |= {i.shape for i in incremental if i.severity != "Info"}
    expected = {
        "jsh:KnownReferenceShape",
        "jsh:DuplicateOrganisationShape",
        "jsh:SharedNameShape",
        "jsh:MembershipPeriodShape",
        "jsh:PlausibleDateShape",
        "jsh:KnownClassShape",
    }
    assert expected <= found, f"not caught: {expected - found}"
