"""`jwc serve` through Starlette's TestClient: the SPARQL 1.1 Protocol details, limits, guards and pages."""

from __future__ import annotations

import csv
import html
import html.parser
import io
import json
import os
import re
import shutil
import time
import urllib.parse
import warnings

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions, not about this project
    from starlette.testclient import TestClient

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.base.project import Project
from jwc_graph.sparql import catalogue, guard
from jwc_graph.web import negotiation
from jwc_graph.web.app import create_app, serve

IPJJ_MEMBERS_NAME = "Child Rights International Network"
NGO_NAMES = "SELECT ?name WHERE { ?o a jwc:NGO ; skos:prefLabel ?name } ORDER BY ?name"
IPJJ_GRAPH = "CONSTRUCT WHERE { jo:ipjj ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built, timeout=20.0)) as c:
        yield c


@pytest.fixture(scope="module")
def tight(built):
    """A server with a 1 s time limit and a 5-row result cap."""
    with TestClient(create_app(built, timeout=1.0, max_rows=5, workers=2)) as c:
        yield c


def rows_of_json(body: bytes) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def triples(body: bytes, fmt: ox.RdfFormat) -> set:
    return {q.triple for q in ox.parse(body, format=fmt)}


# --- query forms and content negotiation -------------------------------------------------------


def test_select_get_answers_sparql_json_by_default(client, built):
    text = catalogue.find(built.queries_dir, "ipjj-members").text
    r = client.get("/sparql", params={"query": text})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert IPJJ_MEMBERS_NAME in [row["name"] for row in rows_of_json(r.content)]
    assert r.headers["x-jwc-truncated"] == "false"


@pytest.mark.parametrize(
    "accept, media, fmt",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", "text/csv", None),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        (
            "text/csv;q=0.5, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
    ],
)
def test_select_in_each_results_format_has_the_same_rows(client, accept, media, fmt):
    expected = rows_of_json(client.get("/sparql", params={"query": NGO_NAMES}).content)
    r = client.get("/sparql", params={"query": NGO_NAMES}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if fmt is None:  # CSV is lossy (no language tags): read it as the table it is
        assert list(csv.DictReader(io.StringIO(r.text))) == expected
        return
    parsed = ox.parse_query_results(r.content, format=fmt)
    assert [{"name": s["name"].value} for s in parsed] == expected


def test_csv_is_readable_by_the_csv_module(client):
    r = client.get("/sparql", params={"query": NGO_NAMES}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["name"] for row in rows)


@pytest.mark.parametrize(
    "accept, expected", [(None, b'"boolean":true'), ("application/sparql-results+xml", b"<boolean>true")]
)
def test_ask(client, accept, expected):
    r = client.get(
        "/sparql", params={"query": "ASK { jo:ipjj a jwc:Panel }"}, headers={"Accept": accept} if accept else {}
    )
    assert r.status_code == 200 and expected in r.content.replace(b" ", b"")


@pytest.mark.parametrize(
    "accept, media, fmt",
    [
        (None, "text/turtle", ox.RdfFormat.TURTLE),
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_in_each_graph_format_is_the_same_graph(client, accept, media, fmt):
    reference = triples(
        client.get("/sparql", params={"query": IPJJ_GRAPH}, headers={"Accept": "application/n-triples"}).content,
        ox.RdfFormat.N_TRIPLES,
    )
    r = client.get("/sparql", params={"query": IPJJ_GRAPH}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert triples(r.content, fmt) == reference and len(reference) > 5


def test_describe_answers_a_graph(client):
    r = client.get("/sparql", params={"query": "DESCRIBE jo:ipjj"})
    assert r.headers["content-type"].startswith("text/turtle")
    labels = [t for t in triples(r.content, ox.RdfFormat.TURTLE) if t.predicate.value.endswith("#prefLabel")]
    assert [t.object.value for t in labels] == ["Interagency Panel on Juvenile Justice"]


def test_post_form_and_post_body_answer_as_get(client):
    get = client.get("/sparql", params={"query": NGO_NAMES}).content
    form = client.post("/sparql", data={"query": NGO_NAMES})
    body = client.post("/sparql", content=NGO_NAMES.encode(), headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == body.status_code == 200
    assert rows_of_json(form.content) == rows_of_json(body.content) == rows_of_json(get)


def test_format_parameter_wins_and_download_names_the_file(client):
    r = client.get(
        "/sparql",
        params={"query": NGO_NAMES, "format": "csv", "download": "1"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="query.csv"'
    r = client.get("/sparql", params={"query": IPJJ_GRAPH, "format": "jsonld"})
    assert r.headers["content-type"].startswith("application/ld+json")


def test_options_and_cors(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://elsewhere.test"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "http://elsewhere.test",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "*"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "x-jwc-truncated" in r.headers["access-control-expose-headers"].lower()
    plain = client.options("/sparql")
    assert plain.status_code == 204 and "POST" in plain.headers["allow"]


# --- read-only, errors -------------------------------------------------------------------------


def count_triples(client) -> int:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    return int(rows_of_json(r.content)[0]["n"])


@pytest.mark.parametrize(
    "how",
    [
        "update-form",
        "update-body",
        "update-get",
        "insert-as-query",
        "delete-as-query",
        "load-as-query",
        "drop-as-query-body",
    ],
)
def test_updates_are_refused_with_403(client, how):
    insert = "INSERT DATA { GRAPH <urn:x> { jo:ipjj skos:prefLabel 'changed' } }"
    before = count_triples(client)
    r = {
        "update-form": lambda: client.post("/sparql", data={"update": insert}),
        "update-body": lambda: client.post(
            "/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}
        ),
        "update-get": lambda: client.get("/sparql", params={"update": insert}),
        "insert-as-query": lambda: client.post("/sparql", data={"query": insert}),
        "delete-as-query": lambda: client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"}),
        "load-as-query": lambda: client.get("/sparql", params={"query": "LOAD <http://example.org/data.ttl>"}),
        "drop-as-query-body": lambda: client.post(
            "/sparql", content="drop all", headers={"Content-Type": "application/sparql-query"}
        ),
    }[how]()
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("text/plain") and "read-only" in r.text
    assert count_triples(client) == before


def test_words_like_update_keywords_inside_a_query_are_not_updates(client):
    q = 'SELECT ?insert ?drop WHERE { BIND("DELETE everything; LOAD <x>" AS ?insert) BIND(jo:add AS ?drop) } # CLEAR'
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text


def test_a_malformed_query_is_a_400_with_the_parsers_message(client):
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "not valid SPARQL" in r.text and re.search(r"line \d+, column \d+", r.text)
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "kwargs, status, words",
    [
        ({"params": {"query": ["ASK {}", "ASK {}"]}}, 400, "more than one"),
        ({"params": {"query": "ASK {}", "default-graph-uri": "not an IRI"}}, 400, "default-graph-uri"),
        ({"params": {"query": "ASK {}", "named-graph-uri": "relative/iri"}}, 400, "named-graph-uri"),
    ],
)
def test_protocol_errors_say_what_to_send(client, kwargs, status, words):
    r = client.get("/sparql", **kwargs)
    assert r.status_code == status and words in r.text


def test_an_unreadable_body_type_is_a_415(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 415 and "application/sparql-query" in r.text


def test_an_internal_failure_is_a_plain_500_without_traceback(built):
    app = create_app(built)

    async def broken(job, cancelled=None):
        raise RuntimeError("secret detail of a bug")

    for pool in app.state.lanes.pools.values():
        pool.call = broken
    with TestClient(app, raise_server_exceptions=False) as c:
        browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # as Firefox sends it
        for headers in ({}, {"Accept": browser}):
            r = c.get("/sparql", params={"query": "ASK {}"}, headers=headers)
            assert r.status_code == 500 and "internal error" in r.text
            assert "Traceback" not in r.text and "secret detail" not in r.text
        page = c.get("/id/org/ipjj", headers={"Accept": "text/html"})
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "Traceback" not in page.text


# --- time limit and result cap -----------------------------------------------------------------


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_server_goes_on(tight):
    pool = tight.app.state.lanes.pools["queries"]
    before = pool.pids()
    started = time.monotonic()
    r = tight.get("/sparql", params={"query": CARTESIAN})
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert "stopped after 1 s" in r.text and "--timeout" in r.text
    assert elapsed < 15  # the query itself would run for hours
    assert tight.get("/sparql", params={"query": "ASK { jo:ipjj ?p ?o }"}).status_code == 200
    deadline = time.monotonic() + 30
    while len(pool.pids()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    after = pool.pids()
    assert len(after) == len(before) and after != before  # the overrunning worker was replaced


def test_query_workers_default_to_one_per_core_and_one_more(built):
    from jwc_graph.web.workers import Lanes

    assert Lanes(built, timeout=1.0).pools["queries"].size == max(2, min(8, len(os.sched_getaffinity(0)) + 1))
    assert Lanes(built, timeout=1.0, queries=5).pools["queries"].size == 5
    r = run_jwc("serve", "--no-build", "--workers", "0", cwd=built.root)
    assert r.returncode == 2 and b"--workers" in r.stderr and b"Traceback" not in r.stderr


def test_rows_beyond_the_cap_are_cut_and_the_header_says_so(tight):
    r = tight.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and r.headers["x-jwc-truncated"] == "true" and r.headers["x-jwc-row-limit"] == "5"
    assert len(rows_of_json(r.content)) == 5
    r = tight.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"}
    )
    assert r.headers["x-jwc-truncated"] == "true" and len(triples(r.content, ox.RdfFormat.N_TRIPLES)) == 5
    r = tight.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert r.headers["x-jwc-truncated"] == "false" and len(rows_of_json(r.content)) == 3


def test_the_cap_counts_rows_not_lines_of_text(tight):
    """Rows whose literals hold line breaks are cut as rows, and each arrives whole, in JSON and in XML."""
    six = 'SELECT ?v WHERE { VALUES ?v { "one\\nline" "two\\nlines\\n" "tab\\there" 4 5 6 } }'
    r = tight.get("/sparql", params={"query": six})
    assert r.headers["x-jwc-truncated"] == "true"
    assert [row["v"] for row in rows_of_json(r.content)] == [
        "one\nline",
        "two\nlines\n",
        "tab\there",
        "4",
        "5",
    ]
    r = tight.get("/sparql", params={"query": six}, headers={"Accept": "application/sparql-results+xml"})
    parsed = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML)
    assert [s["v"].value for s in parsed] == ["one\nline", "two\nlines\n", "tab\there", "4", "5"]
    five = six.replace(" 6 }", " }")
    r = tight.get("/sparql", params={"query": five})
    assert r.headers["x-jwc-truncated"] == "false" and len(rows_of_json(r.content)) == 5


def test_a_huge_answer_stops_at_the_cap_rather_than_at_the_time_limit(tight):
    """The query behind a capped answer stops once the rows past the cap exist: a product of the graph with itself
    (about 10^8 rows) gives its first rows, marked cut, well inside the 1 s this server allows a query."""
    r = tight.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"})
    assert r.status_code == 200, r.text
    assert r.headers["x-jwc-truncated"] == "true" and len(rows_of_json(r.content)) == 5


# --- SERVICE -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
        "BASE <http://example.org/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://\\u0065xample.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://example.org/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        'SELECT * WHERE { BIND("a \\" quote" AS ?x) SERVICE <http://example.org/sparql> { ?s ?p ?o } }',
    ],
)
def test_service_to_a_host_not_allowed_is_refused(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403 and "SERVICE" in r.text and "--allow-service" in r.text


def test_service_refusal_sends_nothing(client, listener):
    r = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 403 and "127.0.0.1" in r.text
    time.sleep(0.2)
    assert listener.hits == []


def test_service_on_the_allow_list_is_called(built, listener):
    with TestClient(create_app(built, service_allow=["127.0.0.1"], workers=1)) as c:
        r = c.get("/sparql", params={"query": f"SELECT ?x WHERE {{ SERVICE <{listener.url()}> {{ ?x ?p ?o }} }}"})
        assert r.status_code == 200, r.text
        assert rows_of_json(r.content) == [{"x": "from the remote endpoint"}]
        assert len(listener.hits) == 1
        other = c.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/q> { ?s ?p ?o } }"})
        assert other.status_code == 403


def test_a_remote_blank_node_id_tsv_cannot_carry_still_arrives(built, listener):
    """The server writes rows through TSV; a blank node id a remote endpoint may send (`x:y`) is outside TSV's
    grammar, and the query runs again term by term rather than failing."""
    listener.row = {"x": {"type": "bnode", "value": "x:y"}}
    with TestClient(create_app(built, service_allow=["127.0.0.1"], workers=1)) as c:
        r = c.get("/sparql", params={"query": f"SELECT ?x WHERE {{ SERVICE <{listener.url()}> {{ ?x ?p ?o }} }}"})
        assert r.status_code == 200, r.text
        assert json.loads(r.content)["results"]["bindings"] == [{"x": {"type": "bnode", "value": "x:y"}}]


def test_the_word_service_in_a_string_or_comment_is_not_a_call():
    assert (
        guard.service_targets('SELECT * WHERE { BIND("SERVICE <http://x.test/>" AS ?a) } # SERVICE <http://y.test/>')
        == []
    )
    assert guard.service_targets("SELECT * WHERE { ?s <http://p.test/a#SERVICE> ?o }") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("SERVICEservice PREFIX BASE <>\":/\\#'?$_.u0041[]{}\nhttp")), max_size=80))
def test_the_guard_never_fails_on_any_text(text):
    try:
        guard.check(text, frozenset({"allowed.test"}))
    except guard.Refused as refused:
        assert refused.status in (400, 403), "unreadable (400) or not allowed (403), never an exception"


def test_allow_list_entries_match_host_or_host_and_port():
    allow = guard.normalise_hosts(["Query.Wikidata.org", "127.0.0.1:7878", "http://dbpedia.org/sparql"])
    assert allow == {"query.wikidata.org", "127.0.0.1:7878", "dbpedia.org"}
    assert guard.host_allowed("https://query.wikidata.org/sparql", allow)
    assert guard.host_allowed("http://127.0.0.1:7878/query", allow)
    assert not guard.host_allowed("http://127.0.0.1:7879/query", allow)
    assert not guard.host_allowed("http://query.wikidata.org.evil.test/", allow)
    assert not guard.host_allowed("http://dbpedia.org@evil.test/", allow)
    assert not guard.host_allowed("file:///etc/passwd", allow)


def test_accept_negotiation_follows_q_values_and_specificity():
    offers = negotiation.RESULT_OFFERS
    assert negotiation.negotiate(None, offers) == "json"
    assert negotiation.negotiate("text/*;q=0.5, text/csv;q=0.1, text/xml;q=0", offers) == "tsv"
    assert negotiation.negotiate("*/*", offers) == "json"
    assert negotiation.negotiate("image/png", offers) is None
    assert negotiation.formats("image/png", []) == ("json", "turtle")


@pytest.mark.parametrize(
    "query, accept",
    [
        (NGO_NAMES, "image/png"),
        (NGO_NAMES, "*/*;q=0"),
        (NGO_NAMES, "application/sparql-results+json;q=0, application/json;q=0, text/turtle"),
        (IPJJ_GRAPH, "application/sparql-results+json"),
        ("ASK {}", "text/html"),
    ],
)
def test_an_accept_header_nothing_can_satisfy_is_a_406(client, query, accept):
    r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 406 and "Accept" in r.text
    assert (
        client.get("/sparql", params={"query": query, "format": "xml"}, headers={"Accept": accept}).status_code == 200
    )


@pytest.mark.parametrize(
    "accept, media",
    [
        ("application/sparql-results+json;q=0, application/sparql-results+xml;q=0.1", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, application/json", "application/json"),
        ("application/json", "application/json"),
        ("text/*, text/csv;q=0, text/xml;q=0", "text/tab-separated-values"),
    ],
)
def test_q_zero_refuses_a_type_and_the_answer_is_labelled_as_accepted(client, accept, media):
    r = client.get("/sparql", params={"query": NGO_NAMES}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media


def test_a_form_in_another_charset_is_read_in_it(client):
    body = 'query=SELECT ("caf%E9" AS ?x) {}'.encode("ascii")
    r = client.post(
        "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"}
    )
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["x"]["value"] == "café"
    raw = 'query=SELECT ("café" AS ?x) {}'.encode("cp1252")  # unescaped bytes, as some clients send them
    r = client.post(
        "/sparql", content=raw, headers={"Content-Type": "application/x-www-form-urlencoded; charset=cp1252"}
    )
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["x"]["value"] == "café"
    utf8 = client.post("/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert utf8.status_code == 400 and "utf-8" in utf8.text, "%E9 alone is no UTF-8"


@pytest.mark.parametrize(
    "ctype, status",
    [
        ("application/x-www-form-urlencoded; charset=klingon", 415),
        ("application/x-www-form-urlencoded; charset=base64", 415),
        ("application/sparql-query; charset=UTF-16", 415),
    ],
)
def test_a_charset_the_server_cannot_read_is_refused(client, ctype, status):
    body = "ASK {}".encode("utf-16") if "sparql-query" in ctype else b"query=ASK%20%7B%7D"
    r = client.post("/sparql", content=body, headers={"Content-Type": ctype})
    assert r.status_code == status and "UTF-8" in r.text


def test_negotiation_labels_the_answer_with_the_type_the_client_rates_highest():
    offers = negotiation.RESULT_OFFERS
    assert negotiation.media_type(None, offers, "json") == "application/sparql-results+json"
    assert negotiation.media_type("application/json", offers, "json") == "application/json"
    assert negotiation.media_type("text/xml;q=0.9, application/xml", offers, "xml") == "application/xml"
    assert negotiation.media_type("text/xml", offers, "xml") == "text/xml; charset=utf-8"
    assert negotiation.media_type("image/png", offers, "csv") == "text/csv; charset=utf-8"


# --- the query page ----------------------------------------------------------------------------


class Links(html.parser.HTMLParser):
    """Every URL the page would load or link to (src, href, action)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("src", "href", "action") and v is not None]


def assert_nothing_external(page: str) -> None:
    parser = Links()
    parser.feed(page)
    external = [u for u in parser.urls if re.match(r"^[a-z][a-z0-9+.-]*:|^//", u, re.I) and not u.startswith("data:")]
    assert external == [], f"the page refers to other sites: {external}"


def test_query_page_offers_the_catalogue_and_loads_nothing_from_elsewhere(client, built):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    for q in catalogue.load(built.queries_dir):
        assert f'<option value="{q.name}">' in r.text
    assert '<div id="yasgui">' in r.text and 'id="answer"' in r.text
    assert_nothing_external(r.text)
    for static in ("/static/query.js", "/static/query-editor.js", "/static/style.css", "/static/query.css"):
        s = client.get(static)
        assert s.status_code == 200 and not re.search(r"https?://|//[a-z]", s.text), static
    for script in ("/static/query.js", "/static/query-editor.js"):
        js = client.get(script).text
        assert "innerHTML" not in js and "eval(" not in js, script
    assert client.get("/query").status_code == 200


def test_a_shared_url_puts_its_query_in_the_editor_escaped(client):
    q = 'SELECT * WHERE { ?s ?p "</script><script>alert(1)</script>" }'
    r = client.get("/", params={"query": q})
    assert "<script>alert(1)</script>" not in r.text
    data = r.text.split('<script type="application/json" id="page-data">')[1].split("</script>")[0]
    assert json.loads(data)["initialQuery"] == q


def test_catalogue_text_is_escaped(built, tmp_path):
    root = tmp_path / "evil"
    shutil.copytree(built.queries_dir, root / "queries")
    (root / "queries" / "zz-evil.rq").write_text(
        "# title: <script>alert('title')</script>\n# description: </script><b>x</b>\n"
        "# question: <img src=x onerror=alert(1)>?\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n",
        encoding="utf-8",
    )
    (root / ".jwc").symlink_to(built.root / ".jwc")
    with TestClient(create_app(Project(root), workers=1)) as c:
        page = c.get("/").text
    assert "<script>alert" not in page and "</script><b>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    data = page.split('<script type="application/json" id="page-data">')[1].split("</script>")[0]
    assert any(e["title"] == "<script>alert('title')</script>" for e in json.loads(data)["examples"])


# --- entity pages ------------------------------------------------------------------------------


def test_entity_page_shows_facts_sources_and_links(client):
    r = client.get("/id/org/ipjj", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<h1 id="entity-title">Interagency Panel on Juvenile Justice</h1>' in page
    assert "preferred label" in page and "skos:prefLabel" in page
    # the source of each fact: a link to the source, named by its title in the catalogue graph
    assert '<a href="/id/source/ipjj-members"' in page
    assert "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members" in page
    # related entities link to their own local pages
    assert 'href="/id/membership/crin-ipjj"' in page
    assert_nothing_external(page)
    member = client.get("/id/membership/crin-ipjj", headers={"Accept": "text/html"}).text
    assert (
        '<a href="/id/org/crin" title="https://w3id.org/jwc/id/org/crin">Child Rights International Network</a>'
        in member
    )
    assert "1997" in member  # the membership's start, inside its blank-node interval


@pytest.mark.parametrize(
    "accept, fmt_param, media, fmt",
    [
        ("text/turtle", None, "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", None, "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", None, "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("text/html", "turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_entity_as_data(client, accept, fmt_param, media, fmt):
    r = client.get("/id/org/ipjj", params={"format": fmt_param} if fmt_param else {}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    got = triples(r.content, fmt)
    ipjj = ox.NamedNode("https://w3id.org/jwc/id/org/ipjj")
    assert (
        ox.Triple(
            ipjj,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("Interagency Panel on Juvenile Justice", language="en"),
        )
        in got
    )
    assert {t.subject for t in got} == {ipjj}


def test_every_data_iri_dereferences(client, store):
    """Each IRI minted under https://w3id.org/jwc/id/ (subject, object or graph name) has its own page."""
    base = "https://w3id.org/jwc/id/"
    iris = {
        t.value
        for q in store
        for t in (q.subject, q.object, q.graph_name)
        if isinstance(t, ox.NamedNode) and t.value.startswith(base)
    }
    assert len(iris) > 200
    missing = []
    for iri in sorted(iris):
        r = client.get("/id/" + iri[len(base) :], headers={"Accept": "text/html"})
        if r.status_code != 200 or iri not in r.text:
            missing.append((iri, r.status_code))
    assert not missing, f"{len(missing)} of {len(iris)} data IRIs do not dereference, e.g. {missing[:5]}"


def test_a_graph_name_page_says_how_much_the_graph_holds_and_links_to_it(client):
    page = client.get("/id/graph/catalogue", headers={"Accept": "text/html"}).text
    assert 'id="named-graph"' in page and "No facts have this entity as their subject." in page
    statements = int(re.search(r"it holds (\d+)\s+statements", page).group(1))
    link = html.unescape(re.search(r'<a href="(/\?query=[^"]+)">See them', page).group(1))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["query"][0]
    rows = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"}).text.strip().splitlines()
    assert len(rows) - 1 == statements > 20
    source = client.get("/id/source/ipjj-members", headers={"Accept": "text/html"}).text
    assert 'id="named-graph"' in source and "IPJJ founding members" in source


def test_entity_data_includes_its_blank_nodes(client):
    got = triples(
        client.get("/id/membership/crin-ipjj", headers={"Accept": "application/n-triples"}).content,
        ox.RdfFormat.N_TRIPLES,
    )
    assert any(t.object.value == "1997" for t in got)


def test_unknown_entities_and_paths_are_404(client):
    page = client.get("/id/org/no-such-org", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no entity" in page.text and "https://w3id.org/jwc/id/org/no-such-org" in page.text
    data = client.get("/id/org/no-such-org", headers={"Accept": "text/turtle"})
    assert data.status_code == 404 and data.headers["content-type"].startswith("text/plain")
    assert client.get("/nowhere").status_code == 404
    assert client.get("/id/org").status_code == 404


def test_text_from_data_is_escaped_on_entity_pages(tmp_path):
    store_dir = tmp_path / "root" / ".jwc" / "store"
    (tmp_path / "root" / "queries").mkdir(parents=True)
    store_dir.parent.mkdir()
    store = ox.Store(str(store_dir))
    evil = ox.NamedNode("https://w3id.org/jwc/id/org/evil")
    graph = ox.NamedNode("https://w3id.org/jwc/id/source/evil")
    store.add(
        ox.Quad(
            evil,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("<script>alert('label')</script>"),
            graph,
        )
    )
    store.add(
        ox.Quad(
            evil,
            ox.NamedNode("http://purl.org/dc/terms/description"),
            ox.Literal('"><img src=x onerror=alert(1)>'),
            graph,
        )
    )
    store.flush()
    del store
    with TestClient(create_app(Project(tmp_path / "root"), workers=1)) as c:
        page = c.get("/id/org/evil", headers={"Accept": "text/html"}).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in page


# --- start-up errors ---------------------------------------------------------------------------


def test_serving_an_unbuilt_project_says_to_build(fresh):
    with pytest.raises(InputError, match="jwc build"):
        serve(fresh, port=0)


def test_limits_must_make_sense(built):
    with pytest.raises(InputError):
        create_app(built, timeout=0)
    with pytest.raises(InputError):
        create_app(built, max_rows=0)


def test_every_iri_the_project_mints_dereferences(client, store, built):
    """Data, vocabulary, ontology terms, shapes, dataset description, downloads and the endpoint: each IRI under
    https://w3id.org/jwc/ answers on the served site (a hash IRI with its anchor on the page it names)."""
    base = "https://w3id.org/jwc/"
    iris = {
        t.value
        for q in store
        for t in (q.subject, q.predicate, q.object, q.graph_name)
        if isinstance(t, ox.NamedNode) and t.value.startswith(base)
    }
    void = rdflib.Graph().parse(built.dist_dir / "void.ttl")
    iris |= {str(t) for triple in void for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(base)}
    kinds = {iri[len(base) :].split("/")[0].split("#")[0] for iri in iris}
    assert {"id", "vocab", "ontology", "shapes", "dist", "sparql"} <= kinds, kinds
    pages: dict[str, str] = {}
    missing = []
    for iri in sorted(iris):
        path, _, anchor = iri[len(base) - 1 :].partition("#")
        accept = "text/turtle" if path == "/sparql" else "text/html"
        if path not in pages:
            r = client.get(path, headers={"Accept": accept}, follow_redirects=True)
            pages[path] = r.text if r.status_code == 200 else f"HTTP {r.status_code}"
        page = pages[path]
        if page.startswith("HTTP ") or (anchor and f'id="{anchor}"' not in page):
            missing.append((iri, page[:8] if page.startswith("HTTP") else "no anchor"))
    assert len(iris) > 400
    assert not missing, f"{len(missing)} of {len(iris)} IRIs do not dereference, e.g. {missing[:8]}"


def test_the_endpoint_iri_describes_the_service(client):
    """GET /sparql with no query: RDF clients get a SPARQL 1.1 Service Description, browsers the query page."""
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef("https://w3id.org/jwc/sparql"), sd.supportedLanguage, sd.SPARQL11Query) in g
    r = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = client.post("/sparql", data={}, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "no query" in r.text
