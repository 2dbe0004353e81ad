"""The query page in headless Chromium: pick an example, run it, share it; nothing leaves 127.0.0.1."""

from __future__ import annotations

import urllib.parse

import pytest

from conftest import REPO

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPORTS = REPO / "test-reports"


@pytest.fixture(scope="module")
def browser():
    if not __import__("os").path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make browser)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors, script errors and requests to anywhere but 127.0.0.1 are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = urllib.parse.urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.close()


def table_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")


def test_run_a_catalogue_example_and_share_it(watched, live_server):
    page = watched.page
    page.goto(live_server + "/")
    page.select_option("#example", "ipjj-members")
    assert "Interagency Panel on Juvenile Justice" in page.text_content("#example-question")
    text = page.input_value("#query")
    assert "org:organization jo:ipjj" in text
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    rows = table_rows(page)
    headers = page.eval_on_selector_all("#results thead th", "ths => ths.map(t => t.textContent)")
    assert headers[:2] == ["member", "name"]
    assert any(r[1] == "Child Rights International Network" for r in rows)
    assert "rows in" in page.text_content("#status")

    # the shareable URL holds the query and the address bar shows it
    share = page.input_value("#share-url")
    assert share.startswith(live_server + "/?query=")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(share).query)["query"] == [text]
    assert page.url == share

    # downloads in each results format, from this server
    links = page.eval_on_selector_all("#download-links a", "as => as.map(a => [a.dataset.format, a.href])")
    assert [f for f, _ in links] == ["json", "xml", "csv", "tsv"]
    csv_href = dict(links)["csv"]
    assert csv_href.startswith(live_server + "/sparql?")
    got = page.request.get(csv_href)
    assert got.ok and "Child Rights International Network" in got.text()

    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "query-page.png"), full_page=True)

    # the shared URL, opened fresh, runs the same query on load
    other = watched.context.new_page()
    other.goto(share)
    other.wait_for_selector("#results tbody tr")
    assert other.input_value("#query") == text
    assert table_rows(other) == rows
    assert other.input_value("#example") == "ipjj-members"

    # result IRIs of the project link to their entity pages
    page.click("#results tbody tr:first-child td:first-child a")
    page.wait_for_selector("#entity-title")
    assert page.url.startswith(live_server + "/id/org/")
    assert page.text_content("#entity-title") == rows[0][1]
    page.screenshot(path=str(REPORTS / "entity-page.png"), full_page=True)

    assert watched.console_errors == []
    assert watched.external == []


def test_construct_shows_turtle_and_graph_downloads(watched, live_server):
    page = watched.page
    page.goto(live_server + "/?query=" + urllib.parse.quote("CONSTRUCT WHERE { jo:ipjj skos:prefLabel ?l }"))
    page.wait_for_selector("#graph:not([hidden])")
    assert "Interagency Panel on Juvenile Justice" in page.text_content("#graph")
    formats = page.eval_on_selector_all("#download-links a", "as => as.map(a => a.dataset.format)")
    assert formats == ["turtle", "jsonld", "ntriples", "rdfxml"]
    assert watched.console_errors == [] and watched.external == []


def test_data_and_shared_text_cannot_run_script(watched, live_server):
    page = watched.page
    q = 'SELECT ?x WHERE { BIND("<img src=x onerror=window.pwned=1><script>window.pwned=2</script>" AS ?x) }'
    page.goto(live_server + "/?query=" + urllib.parse.quote(q + " # </textarea><script>window.pwned=3</script>"))
    page.wait_for_selector("#results tbody tr")
    assert table_rows(page) == [["<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"]]
    assert page.evaluate("window.pwned") is None
    assert page.query_selector("#results img") is None
    assert watched.external == []


def test_a_bad_query_shows_the_parsers_message(watched, live_server):
    page = watched.page
    page.goto(live_server + "/")
    page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    message = page.text_content("#error")
    assert "not valid SPARQL" in message and "Traceback" not in message
    assert "(400)" in page.text_content("#status")
    # the only console line is Chromium's note about the 400 answer itself
    assert all("400" in e for e in watched.console_errors)
    assert watched.external == []
