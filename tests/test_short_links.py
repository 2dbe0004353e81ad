"""Short links: `POST /q` keeps a query and answers `/q/<id>`; `GET /q/<id>` opens the query page with it. Links are
files under the project's work folder, so they outlive the server; a query is refused when too long, when it
holds control characters, or when the store is full."""

from __future__ import annotations

import json
import os
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from jwc_graph.base.project import Project
from jwc_graph.web.app import create_app
from jwc_graph.web.jobs import Problem
from jwc_graph.web.short_links import ShortLinks, link_id

QUERY = "SELECT ?name WHERE {\n  GRAPH ?g { jo:ipjj skos:prefLabel ?name }\n}\n"


@pytest.fixture
def project(built, tmp_path) -> Project:
    """The built project's store and queries, with a work folder of its own (so each test starts with no links)."""
    root = tmp_path / "project"
    (root / ".jwc").mkdir(parents=True)
    (root / ".jwc" / "store").symlink_to(built.store_dir)
    (root / "queries").symlink_to(built.queries_dir)
    return Project(root)


@pytest.fixture
def client(project):
    with TestClient(create_app(project, workers=1)) as c:
        yield c


def page_data(html: str) -> dict:
    return json.loads(html.split('<script type="application/json" id="page-data">')[1].split("</script>")[0])


def test_a_query_gets_a_short_link_that_opens_it(client, project):
    r = client.post("/q", data={"query": QUERY})
    assert r.status_code == 201
    link = r.json()
    assert link["id"] == link_id(QUERY) and len(link["id"]) == 10
    assert link["path"] == f"/q/{link['id']}" and link["url"].endswith(link["path"])
    assert r.headers["location"] == link["path"]
    assert (project.work_dir / "short-links" / f"{link['id']}.rq").read_text(encoding="utf-8") == QUERY

    page = client.get(link["path"], headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    data = page_data(page.text)
    assert data["initialQuery"] == QUERY and data["shortId"] == link["id"]
    assert "style-src 'self' 'sha256-" in page.headers["content-security-policy"]

    text = client.get(link["path"], headers={"Accept": "application/sparql-query"})
    assert text.text == QUERY and text.headers["content-type"].startswith("application/sparql-query")
    assert client.get(link["path"], headers={"Accept": "text/plain"}).text == QUERY


def test_the_same_query_gets_the_same_link_and_is_stored_once(client, project):
    first = client.post("/q", data={"query": QUERY}).json()
    again = client.post("/q", content=QUERY.encode(), headers={"Content-Type": "application/sparql-query"})
    assert again.status_code == 200 and again.json()["id"] == first["id"]
    other = client.post("/q", content=b"ASK {}", headers={"Content-Type": "text/plain"}).json()
    assert other["id"] != first["id"]
    assert len(list((project.work_dir / "short-links").glob("*.rq"))) == 2


def test_a_link_outlives_the_server(project):
    with TestClient(create_app(project, workers=1)) as first:
        path = first.post("/q", data={"query": QUERY}).json()["path"]
    with TestClient(create_app(project, workers=1)) as second:
        assert second.get(path, headers={"Accept": "text/plain"}).text == QUERY


@pytest.mark.parametrize("key", ["aaaaaaaaaa", "notanid", "..%2F..%2Fstore", "AAAAAAAAAA"])
def test_an_unknown_link_is_a_404(client, key):
    r = client.get(f"/q/{key}", headers={"Accept": "text/plain"})
    assert r.status_code == 404 and ("no query is stored" in r.text or "nothing at" in r.text)


@pytest.mark.parametrize(
    "text, where",
    [
        ("SELECT * WHERE { ?s ?p \x07 }", "U+0007) at line 1, column 24"),
        ("SELECT *\nWHERE { ?s ?p ?o }\x00", "U+0000) at line 2, column 19"),
        ('SELECT * WHERE { ?s ?p "\u202eevil" }', "U+202E) at line 1, column 25"),
        ("ASK {}\x1b[2J", "U+001B)"),
    ],
)
def test_control_characters_are_refused_with_where_they_are(client, text, where):
    r = client.post("/q", data={"query": text})
    assert r.status_code == 400 and "control character" in r.text and where in r.text


def test_tabs_and_line_ends_are_fine(client):
    assert client.post("/q", data={"query": "SELECT *\r\n\tWHERE { ?s ?p ?o }"}).status_code == 201


@pytest.mark.parametrize(
    "kwargs, status, words",
    [
        ({"data": {"query": "   "}}, 400, "no query given"),
        ({"data": {"other": "x"}}, 400, "exactly one query"),
        ({"content": b"\xff\xfe", "headers": {"Content-Type": "text/plain"}}, 400, "not valid UTF-8"),
        ({"content": b"ASK {}", "headers": {"Content-Type": "application/json"}}, 415, "form-encoded"),
        ({"content": b"x" * (1024**2 + 1), "headers": {"Content-Type": "text/plain"}}, 413, "over 1"),
    ],
)
def test_bad_requests_say_what_to_send(client, kwargs, status, words):
    r = client.post("/q", **kwargs)
    assert r.status_code == status and words in r.text, r.text
    assert not r.headers["content-type"].startswith("text/html")


def test_a_query_over_the_limit_is_a_413(tmp_path):
    links = ShortLinks(tmp_path, max_query=100)
    with pytest.raises(Problem) as err:
        links.save("#" * 101)
    assert err.value.status == 413
    assert links.save("#" * 100)[1] is True


def test_a_full_store_refuses_new_links_but_keeps_the_old(tmp_path):
    links = ShortLinks(tmp_path, max_total=30)
    key, _ = links.save("ASK { ?s ?p ?o }")
    with pytest.raises(Problem) as err:
        links.save("SELECT * WHERE { ?s ?p ?o }")
    assert err.value.status == 507 and "/?query=" in err.value.message
    assert links.save("ASK { ?s ?p ?o }") == (key, False)
    assert ShortLinks(tmp_path, max_total=30).load(key) == "ASK { ?s ?p ?o }"


def test_two_texts_whose_hashes_start_alike_get_different_links(tmp_path):
    links = ShortLinks(tmp_path)
    short = link_id(QUERY)
    (tmp_path / f"{short}.rq").write_text("another query", encoding="utf-8")  # as if its hash began the same
    key, created = links.save(QUERY)
    assert created and key == link_id(QUERY, 12) and key.startswith(short)
    assert links.load(key) == QUERY and links.load(short) == "another query"


def test_a_failed_write_leaves_no_link_and_no_part_file(tmp_path, monkeypatch):
    """The text goes to a temporary file renamed into place (base/atomic.py): a failure leaves nothing behind."""
    links = ShortLinks(tmp_path)

    def failing_rename(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_rename)
    with pytest.raises(OSError):
        links.save(QUERY)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
    assert links.load(link_id(QUERY)) is None
