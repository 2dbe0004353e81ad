"""`jwc serve` for real, on 127.0.0.1, used by clients nobody here wrote: SPARQLWrapper and curl."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.parse

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from conftest import load_sparql, run_jwc
from jwc_graph.sparql import catalogue

IPJJ = "https://w3id.org/jwc/id/org/ipjj"


def wrapper(live_server: str, query: str, fmt, method=None) -> SPARQLWrapper:
    w = SPARQLWrapper(f"{live_server}/sparql")
    w.setQuery(query)
    w.setReturnFormat(fmt)
    if method:
        w.setMethod(method)
    return w


# --- SPARQLWrapper -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_json(live_server, built, method):
    text = catalogue.find(built.queries_dir, "ipjj-members").text
    result = wrapper(live_server, text, JSON, method).queryAndConvert()
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert "Child Rights International Network" in names


def test_sparqlwrapper_select_xml_and_csv(live_server):
    q = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?l WHERE { <%s> skos:prefLabel ?l }" % IPJJ
    doc = wrapper(live_server, q, XML).queryAndConvert()  # a parsed xml.dom document
    assert "Interagency Panel on Juvenile Justice" in doc.toxml()
    text = wrapper(live_server, q, CSV).queryAndConvert()
    assert text.decode().splitlines() == ["l", "Interagency Panel on Juvenile Justice"]


def test_sparqlwrapper_ask(live_server):
    w = wrapper(live_server, "ASK { <%s> a <https://w3id.org/jwc/ontology#Panel> }" % IPJJ, JSON)
    assert w.queryAndConvert()["boolean"] is True
    w = wrapper(live_server, "ASK { <%s> a <https://w3id.org/jwc/ontology#NGO> }" % IPJJ, JSON)
    assert w.queryAndConvert()["boolean"] is False


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_construct(live_server):
    q = "CONSTRUCT { <%s> ?p ?o } WHERE { <%s> ?p ?o }" % (IPJJ, IPJJ)
    graph = wrapper(live_server, q, XML).queryAndConvert()  # RDF/XML, parsed by rdflib
    labels = {str(o) for _, p, o in graph if str(p).endswith("#prefLabel")}
    assert labels == {"Interagency Panel on Juvenile Justice"}
    turtle = wrapper(live_server, q, TURTLE).queryAndConvert()  # Turtle bytes
    parsed = {t.triple for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert len(parsed) == len(graph) > 5


def test_sparqlwrapper_update_is_refused(live_server):
    w = SPARQLWrapper(f"{live_server}/sparql")
    w.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    w.setMethod(POST)
    with pytest.raises((SPARQLWrapperException, OSError)) as err:
        w.query()
    assert "403" in str(err.value) or "read-only" in str(err.value)


# --- curl --------------------------------------------------------------------------------------

needs_curl = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


def curl(*args: str) -> tuple[int, dict[str, str], bytes]:
    """Run curl (no proxy, loopback only); the status, the headers (lower-case) and the body."""
    proc = subprocess.run(
        ["curl", "--silent", "--show-error", "--noproxy", "*", "--max-time", "60", "--include", *args],
        capture_output=True,
        timeout=90,
        check=True,
    )
    head, _, body = proc.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


# --- jwc query --endpoint: our own client against our own endpoint, answers equal to the local store ---


@pytest.mark.parametrize("name", ["ipjj-members", "world-congresses", "recorded-gaps"])
def test_jwc_query_endpoint_answers_like_the_local_store(live_server, built, name):
    local = run_jwc("query", "--name", name, "-f", "json", cwd=built.root, check=True)
    remote = run_jwc(
        "query", "--name", name, "-f", "json", "--endpoint", f"{live_server}/sparql", cwd=built.root, check=True
    )
    assert json.loads(remote.stdout)["results"]["bindings"] == json.loads(local.stdout)["results"]["bindings"]


def test_jwc_query_endpoint_construct_as_turtle(live_server, built):
    text = "DESCRIBE jo:ipjj"
    local = run_jwc("query", text, "-f", "ntriples", cwd=built.root, check=True).stdout
    remote = run_jwc("query", text, "-f", "ntriples", "-e", f"{live_server}/sparql", cwd=built.root, check=True).stdout
    assert set(remote.splitlines()) == set(local.splitlines()) and local.strip()


def test_jwc_query_endpoint_passes_on_the_servers_error(live_server, built):
    proc = run_jwc("query", "SELECT ?x WHERE { ?x", "-e", f"{live_server}/sparql", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "400" in err and "Traceback" not in err


@needs_curl
def test_curl_get_select_as_csv(live_server):
    q = urllib.parse.quote("SELECT DISTINCT ?l WHERE { jo:ipjj skos:prefLabel ?l }")
    status, headers, body = curl("-H", "Accept: text/csv", f"{live_server}/sparql?query={q}")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines() == ["l", "Interagency Panel on Juvenile Justice"]


@needs_curl
def test_curl_post_form_and_direct_body(live_server):
    q = "SELECT ?l WHERE { jo:ipjj skos:prefLabel ?l }"
    s1, h1, form = curl("--data-urlencode", f"query={q}", f"{live_server}/sparql")
    s2, h2, direct = curl(
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/sparql-results+json",
        "--data-binary",
        q,
        f"{live_server}/sparql",
    )
    assert s1 == s2 == 200
    assert h1["content-type"].startswith("application/sparql-results+json")
    assert json.loads(form) == json.loads(direct)
    assert json.loads(form)["results"]["bindings"][0]["l"]["value"] == "Interagency Panel on Juvenile Justice"


@needs_curl
@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_curl_construct_and_entity_with_accept(live_server, accept, fmt):
    q = urllib.parse.quote("CONSTRUCT WHERE { jo:ipjj ?p ?o }")
    status, headers, body = curl("-H", f"Accept: {accept}", f"{live_server}/sparql?query={q}")
    assert status == 200 and headers["content-type"].startswith(accept)
    from_query = {t.triple for t in ox.parse(body, format=fmt)}
    status, headers, body = curl("-H", f"Accept: {accept}", f"{live_server}/id/org/ipjj")
    assert status == 200 and headers["content-type"].startswith(accept)
    assert {t.triple for t in ox.parse(body, format=fmt)} == from_query


@needs_curl
def test_curl_update_refused_and_bad_query_explained(live_server):
    status, _, body = curl(
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "DELETE WHERE { ?s ?p ?o }",
        f"{live_server}/sparql",
    )
    assert status == 403 and b"read-only" in body
    status, _, body = curl("--data-urlencode", "query=SELECT WHERE", f"{live_server}/sparql")
    assert status == 400 and b"not valid SPARQL" in body and b"Traceback" not in body


@needs_curl
def test_curl_cors_preflight(live_server):
    status, headers, _ = curl(
        "-X",
        "OPTIONS",
        "-H",
        "Origin: http://notebook.test",
        "-H",
        "Access-Control-Request-Method: POST",
        f"{live_server}/sparql",
    )
    assert status == 200 and headers["access-control-allow-origin"] == "*"


@needs_curl
def test_curl_entity_page_for_a_browser(live_server):
    status, headers, body = curl("-H", "Accept: text/html", f"{live_server}/id/org/crin")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"Child Rights International Network" in body
    status, _, _ = curl("-H", "Accept: text/html", f"{live_server}/id/org/unknown-thing")
    assert status == 404


# --- the command -------------------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_and_exits_non_zero(built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_jwc("serve", "--no-build", "--port", str(port), cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port" in err
    assert "Traceback" not in err


# --- load --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_short_load_run_has_no_errors(built):
    """The benchmark's clients for 5 s: every request answered (catalogue queries slow on their own left out)."""
    port = load_sparql.free_port()
    proc = load_sparql.start_server(built.root, port, "--timeout", "3")
    try:
        res = load_sparql.run_load(
            f"http://127.0.0.1:{port}", clients=24, seconds=5, max_requests=5000, queries_dir=built.queries_dir
        )
    finally:
        load_sparql.stop_server(proc)
    assert res["requests"] > 0 and res["mix"] > 20
    assert res["errors"] == 0, res["error_samples"]
