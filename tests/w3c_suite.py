"""The W3C SPARQL 1.1 test suite: its manifests read into test cases, and answers compared with the expected results
as the suite means them.

Where the suite is read from: the query-evaluation tests from the copy committed in tests/vendor/w3c-sparql11
(rdflib's copy of w3c/rdf-tests; its README says exactly where from), or, when JWC_W3C_RDF_TESTS names a checkout
of w3c/rdf-tests, from that checkout. The protocol tests from a checkout's HTTP descriptions when there is one
(JWC_W3C_RDF_TESTS, else one put in tests/vendor/w3c-rdf-tests), else from the committed copy's protocol manifest,
which names the tests but predates their HTTP descriptions: tests/w3c_protocol_exchanges.py writes each one's.

Solutions are compared as multisets, blank nodes up to renaming, in order only where the query itself orders
them (a top-level ORDER BY); graphs are compared by isomorphism. Expected results come as SPARQL Results
XML, JSON, TSV or CSV, as an RDF graph (CONSTRUCT), or as a result set written in RDF (the rs: vocabulary).
"""

from __future__ import annotations

import os
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from jwc_graph.sparql import guard

REPO = Path(__file__).resolve().parents[1]
#: The committed copy: the query-evaluation folders of sparql11, from rdflib 7.6.0's sdist.
VENDORED = REPO / "tests" / "vendor" / "w3c-sparql11"
#: QueryEvaluationTests in the committed copy's manifests (the folders of EVALUATION).
VENDORED_COUNT = 173
#: A checkout of w3c/rdf-tests, named by JWC_W3C_RDF_TESTS, else the one a developer may put in tests/vendor.
CHECKOUT_GIVEN = bool(os.environ.get("JWC_W3C_RDF_TESTS"))
CHECKOUT = Path(os.environ.get("JWC_W3C_RDF_TESTS") or REPO / "tests" / "vendor" / "w3c-rdf-tests")
#: Where the query-evaluation folders are read from: a checkout when JWC_W3C_RDF_TESTS names one, else the copy.
SPARQL11 = CHECKOUT / "sparql" / "sparql11" if CHECKOUT_GIVEN else VENDORED
#: Where the protocol manifest with HTTP descriptions is read from: a checkout.
PROTOCOL = CHECKOUT / "sparql" / "sparql11" / "protocol"
#: The committed protocol manifest: the tests' ids and names only.
VENDORED_PROTOCOL = VENDORED / "protocol" / "manifest.ttl"
EVALUATION = (
    "aggregates",
    "bind",
    "bindings",
    "construct",
    "exists",
    "functions",
    "grouping",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
)
MISSING = f"the W3C query-evaluation tests are not at {SPARQL11}: " + (
    "JWC_W3C_RDF_TESTS must name a checkout of w3c/rdf-tests"
    if CHECKOUT_GIVEN
    else "tests/vendor/w3c-sparql11 is committed; is the clone whole?"
)

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def present() -> bool:
    """Whether the query-evaluation tests are there to read."""
    return (SPARQL11 / "aggregates" / "manifest.ttl").is_file()


def protocol_present() -> bool:
    """Whether the protocol tests are there to read, with the HTTP descriptions they are run from."""
    manifest = PROTOCOL / "manifest.ttl"
    return manifest.is_file() and "/2011/http#" in manifest.read_text(encoding="utf-8")


def vendored_protocol_names() -> dict[str, str]:
    """The protocol tests the committed manifest lists: id -> name, in its order."""
    g, entries = read_manifest(VENDORED_PROTOCOL)
    return {str(entry).rsplit("#", 1)[-1]: str(g.value(entry, MF.name)) for entry in entries}


def path_of(node) -> Path:
    """The file a manifest's IRI names (manifests are read with their file IRI as base)."""
    return Path(urllib.request.url2pathname(urllib.parse.urlsplit(str(node)).path))


def read_manifest(path: Path) -> tuple[rdflib.Graph, list]:
    """The manifest's graph and its entries, in order."""
    g = rdflib.Graph()
    g.parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = next(g.subjects(rdflib.RDF.type, MF.Manifest))
    entries = g.value(manifest, MF.entries)
    return g, list(Collection(g, entries)) if entries is not None else []


@dataclass(frozen=True)
class EvaluationTest:
    """One QueryEvaluationTest: the query, its default-graph data, its named-graph data and the expected result."""

    id: str  # folder/name, as pytest shows it
    name: str
    query: Path
    data: tuple[Path, ...]
    graph_data: tuple[Path, ...]
    result: Path


def evaluation_tests(folders=EVALUATION) -> list[EvaluationTest]:
    """Every QueryEvaluationTest listed in the folders' manifests (tests that need a SERVICE are not among them)."""
    out = []
    for folder in folders:
        g, entries = read_manifest(SPARQL11 / folder / "manifest.ttl")
        for entry in entries:
            if (entry, rdflib.RDF.type, MF.QueryEvaluationTest) not in g:
                continue
            action = g.value(entry, MF.action)
            out.append(
                EvaluationTest(
                    id=f"{folder}/{str(entry).rsplit('#', 1)[-1]}",
                    name=str(g.value(entry, MF.name)),
                    query=path_of(g.value(action, QT.query)),
                    data=tuple(sorted(path_of(d) for d in g.objects(action, QT.data))),
                    graph_data=tuple(sorted(path_of(d) for d in g.objects(action, QT.graphData))),
                    result=path_of(g.value(entry, MF.result)),
                )
            )
    return out


# --- answers --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """An answer in a form that compares: a boolean, solutions (variable -> term, unbound left out), or triples."""

    kind: str  # "boolean", "solutions" or "graph"
    boolean: bool | None = None
    rows: list[dict] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)


def outcome_of(result) -> Outcome:
    """The Outcome of a pyoxigraph query result."""
    if isinstance(result, ox.QueryBoolean):
        return Outcome("boolean", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Outcome("graph", triples=list(result))
    names = [v.value for v in result.variables]
    return Outcome("solutions", rows=[{n: t for n, t in zip(names, s) if t is not None} for s in result])


RESULT_FORMATS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
    ".csv": ox.QueryResultsFormat.CSV,
}


def expected(path: Path) -> Outcome:
    """The expected result of a test, from whichever form the suite wrote it in."""
    if path.suffix in RESULT_FORMATS:
        return outcome_of(ox.parse_query_results(path=path, format=RESULT_FORMATS[path.suffix]))
    fmt = ox.RdfFormat.from_extension(path.suffix[1:])
    triples = [q.triple for q in ox.parse(path=path, format=fmt, base_iri=path.resolve().as_uri())]
    if any(t.predicate == RDF_TYPE and t.object == ox.NamedNode(RS + "ResultSet") for t in triples):
        return result_set(triples)
    return Outcome("graph", triples=triples)


def result_set(triples: list[ox.Triple]) -> Outcome:
    """A result set written in RDF (rs:ResultSet, rs:solution, rs:binding, rs:index, rs:boolean)."""
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, []).append(t)

    def values(node, prop: str) -> list:
        return [t.object for t in by_subject.get(node, []) if t.predicate.value == RS + prop]

    rs = next(t.subject for t in triples if t.predicate == RDF_TYPE and t.object == ox.NamedNode(RS + "ResultSet"))
    boolean = values(rs, "boolean")
    if boolean:
        return Outcome("boolean", boolean=boolean[0].value == "true")
    solutions = []
    for solution in values(rs, "solution"):
        row = {}
        for binding in values(solution, "binding"):
            row[values(binding, "variable")[0].value] = values(binding, "value")[0]
        index = values(solution, "index")
        solutions.append((int(index[0].value) if index else 0, row))
    solutions.sort(key=lambda pair: pair[0])
    return Outcome("solutions", rows=[row for _, row in solutions])


def top_level_order(query: str) -> bool:
    """Whether the query orders its own solutions (ORDER BY outside every group: not only a subquery's)."""
    depth = 0
    toks = list(guard.tokens(query))
    for i, (kind, value) in enumerate(toks):
        if kind == "punct" and value == "{":
            depth += 1
        elif kind == "punct" and value == "}":
            depth -= 1
        elif kind == "word" and value.upper() == "ORDER" and depth == 0:
            return i + 1 < len(toks) and toks[i + 1][1].upper() == "BY"
    return False


XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {
    XSD + name
    for name in [
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
    ]
}


def canonical(term):
    """A numeric literal in one lexical form per value ("1.0" and "1" as xsd:decimal are the same number;
    the suite's results and the engines write them differently); other terms as they are."""
    if not isinstance(term, ox.Literal):
        return term
    dt, text = term.datatype.value, term.value.strip()
    try:
        if dt in INTEGERS:
            return ox.Literal(str(int(text)), datatype=term.datatype)
        if dt == XSD + "decimal":
            value = Decimal(text)
            return ox.Literal(str(value.normalize() if value else Decimal(0)), datatype=term.datatype)
        if dt in (XSD + "double", XSD + "float"):
            return ox.Literal(repr(float(text)), datatype=term.datatype)
    except (ValueError, ArithmeticError):
        pass
    return term


def _canonical(outcome: Outcome) -> Outcome:
    return Outcome(
        outcome.kind,
        outcome.boolean,
        [{k: canonical(v) for k, v in row.items()} for row in outcome.rows],
        [ox.Triple(t.subject, t.predicate, canonical(t.object)) for t in outcome.triples],
    )


def difference(want: Outcome, got: Outcome, ordered: bool) -> str | None:
    """None when `got` is the expected answer (numbers compared by value); else what differs, in a line or two."""
    want, got = _canonical(want), _canonical(got)
    if want.kind != got.kind:
        return f"expected a {want.kind} answer, got a {got.kind} answer"
    if want.kind == "boolean":
        return None if want.boolean == got.boolean else f"expected {want.boolean}, got {got.boolean}"
    if want.kind == "graph":
        if isomorphic(_rdflib_graph(want.triples), _rdflib_graph(got.triples)):
            return None
        return f"the graphs differ: expected {len(set(want.triples))} triples, got {len(set(got.triples))}"
    if _same_rows(want.rows, got.rows, ordered):
        return None
    return (
        f"the solutions differ{' (in order)' if ordered else ''}: expected {len(want.rows)} rows, got {len(got.rows)}"
        f"\n  expected: {_show(want.rows)}\n  got:      {_show(got.rows)}"
    )


def _show(rows: list[dict], most: int = 6) -> str:
    shown = [{k: str(v) for k, v in sorted(r.items())} for r in rows[:most]]
    return f"{shown}{' ...' if len(rows) > most else ''}"


def _rdflib_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return g


def _has_bnode(row: dict) -> bool:
    return any(isinstance(t, ox.BlankNode) for t in row.values())


def _same_rows(want: list[dict], got: list[dict], ordered: bool) -> bool:
    """Rows equal as multisets (or sequences), with one consistent renaming of blank nodes."""
    if len(want) != len(got):
        return False
    if ordered:
        return _match_in_order(want, got, {}, {})
    if not any(map(_has_bnode, want)) and not any(map(_has_bnode, got)):
        return Counter(map(_key, want)) == Counter(map(_key, got))
    return _match_any(want, list(got), {}, {})


def _key(row: dict) -> frozenset:
    return frozenset(row.items())


def _unify(a: dict, b: dict, fwd: dict, back: dict) -> tuple[dict, dict] | None:
    """The blank-node mappings extended so that row `a` maps onto row `b`, or None if it cannot."""
    if a.keys() != b.keys():
        return None
    fwd, back = dict(fwd), dict(back)
    for k, x in a.items():
        y = b[k]
        if isinstance(x, ox.BlankNode) and isinstance(y, ox.BlankNode):
            if fwd.setdefault(x, y) != y or back.setdefault(y, x) != x:
                return None
        elif x != y:
            return None
    return fwd, back


def _match_in_order(want: list[dict], got: list[dict], fwd: dict, back: dict) -> bool:
    for a, b in zip(want, got):
        found = _unify(a, b, fwd, back)
        if found is None:
            return False
        fwd, back = found
    return True


def _match_any(want: list[dict], pool: list[dict], fwd: dict, back: dict) -> bool:
    """Backtracking: each expected row takes one row of the pool, blank nodes renamed consistently."""
    if not want:
        return True
    first, rest = want[0], want[1:]
    for i, candidate in enumerate(pool):
        found = _unify(first, candidate, fwd, back)
        if found is not None and _match_any(rest, pool[:i] + pool[i + 1 :], *found):
            return True
    return False


# --- the two ways of running a test ----------------------------------------------------------------


def run_raw(test: EvaluationTest) -> Outcome:
    """The test run on pyoxigraph alone: data in the default graph, graph data in graphs named by file IRI."""
    store = ox.Store()
    for path in test.data:
        store.load(path=path, format=_rdf_format(path), base_iri=path.resolve().as_uri(), to_graph=ox.DefaultGraph())
    for path in test.graph_data:
        iri = path.resolve().as_uri()
        store.load(path=path, format=_rdf_format(path), base_iri=iri, to_graph=ox.NamedNode(iri))
    text = test.query.read_text(encoding="utf-8")
    return outcome_of(store.query(text, base_iri=test.query.resolve().as_uri()))


def run_jwc(test: EvaluationTest) -> Outcome:
    """The test run through jwc as a user would: `open_graph(files=graph data, default_graph=data)` (what
    `jwc query Q.rq --data G --default-graph D` does) and the query with its file's IRI as base."""
    from jwc_graph.api import open_graph

    graph = open_graph(files=list(test.graph_data), default_graph=list(test.data))
    answer = graph.query(test.query.read_text(encoding="utf-8"), base_iri=test.query.resolve().as_uri())
    if answer.form == "ask":
        return Outcome("boolean", boolean=answer.boolean)
    if answer.form == "construct":
        return Outcome("graph", triples=answer.triples)
    return Outcome("solutions", rows=[{k: v for k, v in row.items() if v is not None} for row in answer.terms()])


def _rdf_format(path: Path) -> ox.RdfFormat:
    return ox.RdfFormat.from_extension(path.suffix[1:])


# --- the protocol tests ----------------------------------------------------------------------------

HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"


@dataclass(frozen=True)
class HttpRequest:
    """One request of a protocol test, with what its response must be."""

    method: str
    target: str  # path and query string, with the manifest's /sparql/ prefix replaced by the endpoint's
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # the allowed classes: 2 for 2xx, 4 for 4xx
    answer: str | None  # "boolean", "tabular", "RDF" or None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    id: str
    name: str
    graphs: dict[str, Path]  # graph IRI -> the file holding its triples
    requests: tuple[HttpRequest, ...]

    @property
    def is_update(self) -> bool:
        """Whether the test is of the update operation (the manifest has "update" in their names: update_*,
        bad_update_*, bad_multiple_updates): out of scope for a read-only endpoint but for its refusal."""
        return "update" in self.id


def protocol_tests(endpoint: str = "/sparql") -> list[ProtocolTest]:
    """Every ProtocolTest of sparql11/protocol, its HTTP description turned into requests to `endpoint`."""
    g, entries = read_manifest(PROTOCOL / "manifest.ttl")
    out = []
    for entry in entries:
        graphs = {
            str(g.value(d, rdflib.RDFS.label)): path_of(g.value(d, UT.graph)) for d in g.objects(entry, UT.graphData)
        }
        requests = []
        for req in Collection(g, g.value(g.value(entry, MF.action), HT.requests)):
            headers = {}
            listed = g.value(req, HT.headers)
            for header in Collection(g, listed) if listed is not None else []:
                headers[str(g.value(header, HT.fieldName)).lower()] = str(g.value(header, HT.fieldValue))
            body = g.value(req, HT.body)
            data = None
            if body is not None:
                data = str(g.value(body, CNT.chars)).encode(str(g.value(body, CNT.characterEncoding) or "UTF-8"))
            resp = g.value(req, HT.resp)
            expected_boolean = g.value(resp, MF.expectedBoolean)
            requests.append(
                HttpRequest(
                    method=str(g.value(req, HT.methodName)),
                    target=str(g.value(req, HT.absolutePath)).replace("/sparql/", endpoint, 1),
                    headers=headers,
                    body=data,
                    statuses=frozenset(int(str(s)[len(HTS)]) for s in g.objects(resp, MF.expectedStatus)),
                    answer=str(g.value(resp, MF.expectedFormat)) if g.value(resp, MF.expectedFormat) else None,
                    boolean=None if expected_boolean is None else bool(expected_boolean.toPython()),
                )
            )
        out.append(ProtocolTest(str(entry).rsplit("#", 1)[-1], str(g.value(entry, MF.name)), graphs, tuple(requests)))
    return out


#: What each expected answer may come as: the media types the protocol tests accept for it.
ANSWER_TYPES = {
    "boolean": {
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    },
    "tabular": {
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "text/csv": ox.QueryResultsFormat.CSV,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    },
    "RDF": {
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
    },
}


def response_problem(request: HttpRequest, status: int, content_type: str, body: bytes) -> str | None:
    """None when the response is what the test expects (status class, answer format, boolean); else what is wrong."""
    if status // 100 not in request.statuses:
        allowed = " or ".join(f"{s}xx" for s in sorted(request.statuses))
        return f"status {status}, expected {allowed}: {body[:300]!r}"
    if request.answer is None:
        return None
    media = content_type.split(";")[0].strip().lower()
    formats = ANSWER_TYPES[request.answer]
    if media not in formats:
        return f"a {request.answer} answer came as {media!r}, not one of {', '.join(formats)}"
    fmt = formats[media]
    try:
        if isinstance(fmt, ox.RdfFormat):
            list(ox.parse(body, format=fmt))
            return None
        parsed = ox.parse_query_results(body, format=fmt)
    except (SyntaxError, ValueError) as err:
        return f"the {media} body does not parse: {err}"
    if request.answer == "boolean":
        if not isinstance(parsed, ox.QueryBoolean):
            return "expected a boolean answer"
        if request.boolean is not None and bool(parsed) != request.boolean:
            return f"expected {request.boolean}, got {bool(parsed)}"
    elif not isinstance(parsed, ox.QuerySolutions):
        return "expected solutions"
    return None
