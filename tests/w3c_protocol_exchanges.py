"""The HTTP exchange of each W3C SPARQL 1.1 Protocol test, for the copy of the suite committed here.

The committed manifest (tests/vendor/w3c-sparql11/protocol, rdflib 7.6.0's copy of the W3C's 2012 archive) names
the 34 tests but holds no HTTP descriptions: those came later, in w3c/rdf-tests. So the request of each test is
written here, for this project, from the test's name and the SPARQL 1.1 Protocol Recommendation
(https://www.w3.org/TR/sparql11-protocol/, section 2.1 for queries, 2.2 for updates), over three small graphs of
our own (tests/fixtures/protocol). Each dataset test's ASK checks the graphs the request names are there and
the others are not (in the default graph, or among the named graphs, as the test is about). With a checkout of w3c/rdf-tests, its own descriptions are run instead (w3c_suite.protocol_tests).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from w3c_suite import HttpRequest, ProtocolTest

DATA = Path(__file__).resolve().parent / "fixtures" / "protocol"
G = {name: f"http://example.org/protocol/{name}" for name in ("one", "two", "three")}
GRAPHS = {iri: DATA / f"{name}.nt" for name, iri in G.items()}
#: The report each graph holds, as an IRI written in a query.
R = {name: f"<http://example.org/protocol/report-{name}>" for name in G}
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def _only(*names: str) -> str:
    """A pattern true when the default graph holds the reports of `names` and none of the others."""
    held = " ".join(f"{R[n]} ?p{i} ?o{i} ." for i, n in enumerate(names))
    absent = " ".join(f"FILTER NOT EXISTS {{ {R[n]} ?absent_{n}_p ?absent_{n}_o }}" for n in G if n not in names)
    return f"{held} {absent}"


def _exchange(
    method: str,
    params: list[tuple[str, str]] | tuple = (),
    body: bytes | None = None,
    content_type: str | None = None,
    statuses: frozenset[int] = frozenset({2, 3}),
    answer: str | None = None,
    boolean: bool | None = None,
    endpoint: str = "/sparql",
) -> HttpRequest:
    target = endpoint + (f"?{urlencode(params)}" if params else "")
    headers = {"content-type": content_type} if content_type else {}
    return HttpRequest(method, target, headers, body, frozenset(statuses), answer, boolean)


def _form(fields: list[tuple[str, str]]) -> bytes:
    return urlencode(fields).encode("utf-8")


BAD = frozenset({4})
DEFAULT_ONE = [("default-graph-uri", G["one"])]
NAMED_ONE_TWO = [("named-graph-uri", G["one"]), ("named-graph-uri", G["two"])]
#: True when the named graphs hold the reports of one and two in two graphs, and not that of three.
IN_NAMED_ONE_TWO = (
    f"GRAPH ?a {{ {R['one']} ?p ?o }} GRAPH ?b {{ {R['two']} ?q ?v }} FILTER (?a != ?b) "
    f"FILTER NOT EXISTS {{ GRAPH ?c {{ {R['three']} ?r ?w }} }}"
)
INSERT = 'INSERT DATA { <http://example.org/protocol/new> <http://purl.org/dc/terms/title> "new" }'


def exchanges(endpoint: str = "/sparql") -> dict[str, list[HttpRequest]]:
    """Each test's requests (by the manifest's test id), with what the responses must be."""

    def ex(method, params=(), **kw):
        return _exchange(method, list(params), endpoint=endpoint, **kw)

    ask_true = {"answer": "boolean", "boolean": True}
    return {
        # -- the query operation (section 2.1)
        "query_post_form": [ex("POST", body=_form([("query", "ASK {}")]), content_type=FORM, **ask_true)],
        "query_dataset_default_graphs_get": [
            ex("GET", [("query", f"ASK {{ {_only('one')} }}"), *DEFAULT_ONE], **ask_true)
        ],
        "query_dataset_default_graphs_post": [
            ex(
                "POST",
                [("default-graph-uri", G["one"]), ("default-graph-uri", G["two"])],
                body=f"ASK {{ {_only('one', 'two')} }}".encode(),
                content_type=QUERY,
                **ask_true,
            )
        ],
        "query_dataset_named_graphs_post": [
            ex(
                "POST",
                NAMED_ONE_TWO,
                body=f"ASK {{ {IN_NAMED_ONE_TWO} }}".encode(),
                content_type=QUERY,
                **ask_true,
            )
        ],
        "query_dataset_named_graphs_get": [
            ex("GET", [("query", f"ASK {{ {IN_NAMED_ONE_TWO} }}"), *NAMED_ONE_TWO], **ask_true)
        ],
        "query_dataset_full": [
            ex(
                "POST",
                [("default-graph-uri", G["three"]), *NAMED_ONE_TWO],
                body=f"ASK {{ {_only('three')} {IN_NAMED_ONE_TWO} }}".encode(),
                content_type=QUERY,
                **ask_true,
            )
        ],
        "query_multiple_dataset": [  # the protocol's dataset replaces the query's FROM and FROM NAMED whole
            ex(
                "POST",
                [("default-graph-uri", G["one"])],
                body=f"ASK FROM <{G['three']}> {{ {_only('one')} }}".encode(),
                content_type=QUERY,
                **ask_true,
            ),
            ex(  # named graphs only: the default graph is then empty, not the query's FROM
                "POST",
                NAMED_ONE_TWO,
                body=f"ASK FROM <{G['three']}> {{ {IN_NAMED_ONE_TWO} FILTER NOT EXISTS {{ ?s ?p ?o }} }}".encode(),
                content_type=QUERY,
                **ask_true,
            ),
        ],
        "query_get": [ex("GET", [("query", "ASK {}")], **ask_true)],
        "query_content_type_select": [
            ex("POST", body=b"SELECT (1 AS ?value) {}", content_type=QUERY, answer="tabular")
        ],
        "query_content_type_ask": [ex("POST", body=b"ASK {}", content_type=QUERY, answer="boolean")],
        "query_content_type_describe": [
            ex("POST", body=f"DESCRIBE {R['one']}".encode(), content_type=QUERY, answer="RDF")
        ],
        "query_content_type_construct": [  # a relative IRI: the service must give the query a base
            ex("POST", body=b"CONSTRUCT { <s> <p> 1 } WHERE {}", content_type=QUERY, answer="RDF")
        ],
        "query_post_direct": [ex("POST", body=b"ASK {}", content_type=QUERY, **ask_true)],
        "bad_query_method": [ex("PUT", [("query", "ASK {}")], content_type=FORM, statuses=BAD)],
        "bad_multiple_queries": [ex("GET", [("query", "ASK {}"), ("query", "SELECT * {}")], statuses=BAD)],
        "bad_query_wrong_media_type": [ex("POST", body=b"ASK {}", content_type="text/plain", statuses=BAD)],
        "bad_query_missing_form_type": [ex("POST", body=_form([("query", "ASK {}")]), statuses=BAD)],
        "bad_query_missing_direct_type": [ex("POST", body=b"ASK {}", statuses=BAD)],
        "bad_query_non_utf8": [
            ex("POST", body="ASK {}".encode("utf-16"), content_type=f"{QUERY}; charset=UTF-16", statuses=BAD)
        ],
        "bad_query_syntax": [ex("GET", [("query", "ASK {")], statuses=BAD)],
        # -- the update operation (section 2.2): valid updates first (2xx on a writable service), then bad ones
        "update_dataset_default_graph": [
            ex("POST", [("using-graph-uri", G["one"])], body=INSERT.encode(), content_type=UPDATE)
        ],
        "update_dataset_default_graphs": [
            ex(
                "POST",
                [("using-graph-uri", G["one"]), ("using-graph-uri", G["two"])],
                body=INSERT.encode(),
                content_type=UPDATE,
            )
        ],
        "update_dataset_named_graphs": [
            ex(
                "POST",
                [("using-named-graph-uri", G["one"]), ("using-named-graph-uri", G["two"])],
                body=INSERT.encode(),
                content_type=UPDATE,
            )
        ],
        "update_dataset_full": [
            ex(
                "POST",
                [("using-graph-uri", G["three"]), ("using-named-graph-uri", G["one"])],
                body=INSERT.encode(),
                content_type=UPDATE,
            )
        ],
        "update_post_form": [ex("POST", body=_form([("update", INSERT)]), content_type=FORM)],
        "update_post_direct": [ex("POST", body=INSERT.encode(), content_type=UPDATE)],
        "update_base_uri": [ex("POST", body=b'INSERT DATA { <relative> <p> "x" }', content_type=UPDATE)],
        "bad_update_get": [ex("GET", [("update", INSERT)], statuses=BAD)],
        "bad_multiple_updates": [
            ex("POST", body=_form([("update", INSERT), ("update", INSERT)]), content_type=FORM, statuses=BAD)
        ],
        "bad_update_wrong_media_type": [ex("POST", body=INSERT.encode(), content_type="text/plain", statuses=BAD)],
        "bad_update_missing_form_type": [ex("POST", body=_form([("update", INSERT)]), statuses=BAD)],
        "bad_update_non_utf8": [
            ex("POST", body=INSERT.encode("utf-16"), content_type=f"{UPDATE}; charset=UTF-16", statuses=BAD)
        ],
        "bad_update_syntax": [ex("POST", body=_form([("update", "CLEAR NOTHING")]), content_type=FORM, statuses=BAD)],
        "bad_update_dataset_conflict": [  # using-named-graph-uri beside a WITH clause: the Recommendation forbids both
            ex(
                "POST",
                [("using-named-graph-uri", G["one"])],
                body=f"WITH <{G['two']}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}".encode(),
                content_type=UPDATE,
                statuses=BAD,
            )
        ],
    }


def vendored_tests(names: dict[str, str], endpoint: str = "/sparql") -> list[ProtocolTest]:
    """The tests the committed manifest lists (id -> name, in its order), each with its exchange; a listed test
    without one is an error, so a newer manifest cannot drop tests silently."""
    written = exchanges(endpoint)
    missing = [test_id for test_id in names if test_id not in written]
    if missing:
        raise LookupError(f"no exchange written in tests/w3c_protocol_exchanges.py for {', '.join(missing)}")
    return [ProtocolTest(test_id, name, dict(GRAPHS), tuple(written[test_id])) for test_id, name in names.items()]
