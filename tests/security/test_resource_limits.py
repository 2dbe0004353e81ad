"""Attacks on the served explorer's resources: heavy queries that starve entity pages, a query that eats memory,
an upload that eats time and memory, a 200 MB request body, paths that are not IRIs."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time

import pytest
from starlette.testclient import TestClient

from conftest import load_sparql
from jwc_graph.web.app import create_app

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: The adversarial run's kind of query: under a kilobyte of text that doubles a string 28 times (16 GB).
DOUBLING = (
    f'SELECT (STRLEN(?s28) AS ?n) WHERE {{ BIND("{"x" * 64}" AS ?s0) '
    + " ".join(f"BIND(CONCAT(?s{i},?s{i}) AS ?s{i + 1})" for i in range(28))
    + " }"
)


@pytest.fixture(scope="module")
def limited(built):
    """A server with small limits: 256 MB per query, 8 s per job, 64 KB uploads."""
    app = create_app(built, timeout=8.0, max_memory=256 * 2**20, max_upload=64 * 1024, workers=2)
    with TestClient(app) as c:
        yield c


def test_the_string_doubling_query_is_stopped_by_the_memory_cap_and_the_server_goes_on(limited):
    assert len(DOUBLING) < 1024
    r = limited.get("/sparql", params={"query": DOUBLING})
    assert r.status_code == 503, r.text[:300]
    assert "memory" in r.text and "--max-query-memory" in r.text
    assert limited.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_an_entity_page_answers_while_two_heavy_queries_hold_the_query_workers(limited):
    finished = []

    def heavy():
        limited.get("/sparql", params={"query": CARTESIAN})
        finished.append(time.monotonic())

    threads = [threading.Thread(target=heavy) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # both query workers are busy now
    page = limited.get("/id/org/ipjj", headers={"Accept": "text/html"})
    answered = time.monotonic()
    for t in threads:
        t.join(60)
    assert page.status_code == 200 and "Interagency Panel" in page.text
    assert len(finished) == 2 and answered < min(finished), "the page waited for the heavy queries"


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(limited):
    declared = limited.post(
        "/sparql",
        content=b"ASK {}",
        headers={"Content-Type": "application/sparql-query", "Content-Length": str(200 * 2**20)},
    )
    assert declared.status_code == 413 and "limit" in declared.text

    def chunks():  # 200 MB, sent without a length: counted as it comes, refused at 1 MB
        for _ in range(200):
            yield b"#" * 2**20

    streamed = limited.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413


@pytest.mark.parametrize("path", ["a%22b", "a%3Cb", "a%20b", "a%00b", "a%7Bb%7D", "a%5Cb", "%60"])
def test_an_id_path_that_is_not_an_iri_is_a_404_not_a_500(limited, path):
    r = limited.get(f"/id/org/{path}")
    assert r.status_code == 404, r.text[:200]
    assert "Traceback" not in r.text


def test_an_upload_over_the_limit_is_a_413(limited):
    big = b"# padding\n" * 10_000
    page = limited.post("/validate", files={"file": ("big.ttl", big, "text/turtle")})
    assert page.status_code == 413 and "over 64kb" in page.text.lower()


def csv_rows(n: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        ["slug", "name", "language", "type", "acronyms", "other_names", "description", "founded", "country", "themes"]
    )
    for i in range(n):
        w.writerow(["", f"Upload Test Organisation {i}", "en", "NGO", "", "", "A test.", "2009", "", ""])
    return out.getvalue().encode()


@pytest.mark.slow
def test_a_validation_over_the_time_limit_is_stopped_and_the_next_one_is_answered(built):
    with TestClient(create_app(built, timeout=2.0, max_upload=2 * 2**20, workers=1)) as c:
        page = c.post("/validate", files={"file": ("many.csv", csv_rows(8000), "text/csv")})
        assert page.status_code == 503 and "stopped after 2 s" in page.text
        small = c.post("/validate", files={"file": ("one.csv", csv_rows(1), "text/csv")})
        assert small.status_code == 200 and "Conforms" in small.text


@pytest.mark.slow
def test_a_validation_whose_client_leaves_is_cancelled(built):
    """A browser that closes the tab stops the validation: the next upload does not wait behind it."""
    port = load_sparql.free_port()
    proc = load_sparql.start_server(built.root, port, "--timeout", "60", "--max-upload", "4MB")
    try:
        body = csv_rows(20000)  # about 20 s of validation
        boundary = "jwcboundary"
        form = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="many.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n".encode()
            + body
            + f"\r\n--{boundary}--\r\n".encode()
        )
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(
                f"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {len(form)}\r\n\r\n".encode()
                + form
            )
            time.sleep(2.0)  # the validation has started
        started = time.monotonic()
        import httpx

        small = httpx.post(
            f"http://127.0.0.1:{port}/validate", files={"file": ("one.csv", csv_rows(1), "text/csv")}, timeout=60
        )
        waited = time.monotonic() - started
        assert small.status_code == 200 and "Conforms" in small.text
        assert waited < 12, f"the next upload waited {waited:.0f} s behind an abandoned one"
    finally:
        load_sparql.stop_server(proc)
