"""The query page (YASGUI on this server) in headless Chromium: examples, results table, completion, history,
links, short links across a restart, errors marked in place; nothing leaves 127.0.0.1."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from conftest import REPO, load_sparql

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
ROWS = ".yasr table.dataTable tbody tr"


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
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
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


# --- helpers: the editor is CodeMirror inside YASQE, the results a DataTable inside YASR ------------------------


def editor_text(page) -> str:
    return page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")


def set_editor(page, text: str) -> None:
    """Put `text` in the editor and the cursor at its end, as if typed."""
    page.evaluate(
        "t => { const cm = document.querySelector('#yasgui .CodeMirror').CodeMirror; cm.setValue(t); cm.focus();"
        " const last = cm.lastLine(); cm.setCursor(last, cm.getLine(last).length); }",
        text,
    )


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#yasgui .CodeMirror")


def run_and_wait(page) -> None:
    page.click(".yasqe_queryButton")
    page.wait_for_function(
        "() => document.querySelector('#status').textContent.match(/ rows? in |Answer|graph in|\\(\\d+\\)/)"
    )


def table_rows(page) -> list[list[str]]:
    page.wait_for_selector(ROWS)
    return page.eval_on_selector_all(ROWS, "rows => rows.map(r => [...r.cells].slice(1).map(c => c.textContent))")


def table_headers(page) -> list[str]:
    return page.eval_on_selector_all(".yasr table.dataTable thead th", "ths => ths.slice(1).map(t => t.textContent)")


def hints(page) -> list[str]:
    """The completions offered for the whole word before the cursor. Each keystroke asks the server again, and
    until the answer for the last one is in, CodeMirror shows the list for an earlier word (and Enter only notes
    the choice), so this waits for the list whose range ends at the cursor."""
    page.wait_for_function(
        "() => { const cm = document.querySelector('#yasgui .CodeMirror').CodeMirror;"
        " const c = cm.state.completionActive, at = cm.getCursor();"
        " return c && c.widget && c.data && c.data.to.line === at.line && c.data.to.ch === at.ch; }",
        timeout=5000,
    )
    return page.eval_on_selector_all(".CodeMirror-hints li", "ls => ls.map(l => l.textContent)")


def only_400_notes(errors: list[str]) -> bool:
    """The only console lines are Chromium's notes about a 400 answer itself."""
    return all("400" in e for e in errors)


# --- the tests ------------------------------------------------------------------------------------------------


def test_run_a_catalogue_example_and_share_it(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/")
    page.select_option("#example", "ipjj-members")
    assert "Interagency Panel on Juvenile Justice" in page.text_content("#example-question")
    text = editor_text(page)
    assert "org:organization jo:ipjj" in text
    page.click("#yasgui .CodeMirror")
    page.keyboard.press("Control+Enter")  # runs the query, as YASQE's users expect
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('rows in')")
    rows = table_rows(page)
    assert table_headers(page)[:2] == ["member", "name"]
    assert any(r[0] == "jo:crin" and "Child Rights International Network" in r[1] for r in rows)
    # the page's answer line sits above YASR's results
    assert page.evaluate("document.querySelector('#answer').nextElementSibling.classList.contains('yasr')")

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
    open_page(other, share)
    other.wait_for_function("() => document.querySelector('#status').textContent.includes('rows in')")
    assert editor_text(other) == text
    assert table_rows(other) == rows
    assert other.input_value("#example") == "ipjj-members"
    other.close()

    # result IRIs of the project link to their entity pages on this server
    first = page.locator(f"{ROWS}:first-child td:nth-child(2) a")
    assert first.get_attribute("href") == "/id/org/" + rows[0][0].split(":", 1)[1]
    assert first.get_attribute("target") is None
    first.click()
    page.wait_for_selector("#entity-title")
    assert page.url.startswith(live_server + "/id/org/")
    assert page.text_content("#entity-title") in rows[0][1]
    page.screenshot(path=str(REPORTS / "entity-page.png"), full_page=True)

    assert watched.console_errors == []
    assert watched.external == []


def test_construct_shows_the_graph_and_graph_downloads(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/?query=" + urllib.parse.quote("CONSTRUCT WHERE { jo:ipjj skos:prefLabel ?l }"))
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('graph in')")
    page.wait_for_function("() => document.querySelector('.yasr_results').textContent.includes('Interagency Panel')")
    formats = page.eval_on_selector_all("#download-links a", "as => as.map(a => a.dataset.format)")
    assert formats == ["turtle", "jsonld", "ntriples", "rdfxml"]
    assert watched.console_errors == [] and watched.external == []


def test_data_and_shared_text_cannot_run_script(watched, live_server):
    page = watched.page
    q = (
        'SELECT ?x ?j WHERE { BIND("<img src=x onerror=window.pwned=1><script>window.pwned=2</script>" AS ?x) '
        'BIND(IRI("javascript:window.pwned=4") AS ?j) }'
    )
    open_page(page, live_server + "/?query=" + urllib.parse.quote(q + " # </script><script>window.pwned=3</script>"))
    rows = table_rows(page)
    assert rows[0][0] == "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
    assert rows[0][1] == "<javascript:window.pwned=4>"
    assert page.query_selector(".yasr a[href^='javascript']") is None  # an IRI that is not http(s) is no link
    page.click(f"{ROWS} td:nth-child(3) span")
    assert page.evaluate("window.pwned") is None
    assert page.query_selector(".yasr_results img") is None
    assert watched.external == []


def test_completion_offers_the_projects_prefixes_classes_and_entities(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/")

    set_editor(page, "")
    page.keyboard.type("PREFIX j", delay=20)
    assert "jwc: <https://w3id.org/jwc/ontology#>" in hints(page)
    page.keyboard.press("Escape")

    set_editor(page, "SELECT * WHERE {\n  ?org a ")
    page.keyboard.type("jwc:NG", delay=20)
    assert hints(page)[0] == "jwc:NGOnon-governmental organisation"
    page.keyboard.press("Escape")

    set_editor(page, "SELECT * WHERE {\n  ?m org:member ")
    page.keyboard.type("jo:terre", delay=20)
    offered = hints(page)
    assert offered[0] == "jo:tdhTerre des hommes"  # the CURIE, then the name it was found by
    page.keyboard.press("Enter")
    assert editor_text(page) == "SELECT * WHERE {\n  ?m org:member jo:tdh"

    REPORTS.mkdir(exist_ok=True)
    set_editor(page, "SELECT * WHERE {\n  ?x ")
    page.keyboard.type("org:mem", delay=20)
    assert "org:memberOfmember of" in hints(page)
    page.screenshot(path=str(REPORTS / "query-completion.png"))
    assert watched.console_errors == [] and watched.external == []


def test_history_keeps_a_query_after_reload(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/")
    query = "SELECT ?name WHERE { GRAPH ?g { jo:crin skos:prefLabel ?name } }"
    set_editor(page, query)
    run_and_wait(page)
    assert "Child Rights International Network" in table_rows(page)[0][0]

    page.goto(live_server + "/")  # a fresh load, no query in the URL
    page.wait_for_selector("#yasgui .CodeMirror")
    assert editor_text(page) == query  # YASGUI keeps its tabs (query and last answer) in localStorage
    assert "Child Rights International Network" in table_rows(page)[0][0]
    assert not page.eval_on_selector("#history", "d => d.hidden")
    items = page.eval_on_selector_all("#history-list .history-item", "bs => bs.map(b => b.title)")
    assert items[0] == query

    set_editor(page, "ASK {}")
    page.click("#history summary")
    page.click("#history-list .history-item")
    assert editor_text(page) == query
    assert watched.console_errors == [] and watched.external == []


def test_a_short_link_works_after_the_server_restarts(browser, built):
    query = "# title: kept for later\nSELECT ?name WHERE { GRAPH ?g { jo:pri skos:prefLabel ?name } }"
    port = load_sparql.free_port()
    server = load_sparql.start_server(built.root, port)
    w = Watched(browser)
    try:
        open_page(w.page, f"http://127.0.0.1:{port}/")
        set_editor(w.page, query)
        run_and_wait(w.page)
        w.page.click("#shorten")
        w.page.wait_for_selector("#short:not([hidden])")
        short = w.page.input_value("#short-url")
        assert short.startswith(f"http://127.0.0.1:{port}/q/")
        # YASQE's own share button offers the same short link
        w.page.click(".yasqe_share")
        long_link = f"http://127.0.0.1:{port}/?query=" + urllib.parse.quote(query, safe="")
        assert w.page.input_value(".yasqe_sharePopup input") == long_link
        w.page.click(".yasqe_sharePopup .shorten")
        w.page.wait_for_function("() => document.querySelector('.yasqe_sharePopup input').value.includes('/q/')")
        assert w.page.input_value(".yasqe_sharePopup input") == short
    finally:
        load_sparql.stop_server(server)
    assert server.returncode is not None

    path = urllib.parse.urlsplit(short).path
    port = load_sparql.free_port()
    server = load_sparql.start_server(built.root, port)
    try:
        other = w.context.new_page()
        open_page(other, f"http://127.0.0.1:{port}{path}")
        other.wait_for_function("() => document.querySelector('#status').textContent.includes('row')")
        assert editor_text(other) == query
        assert table_rows(other)[0][0] == '"Penal Reform International"@en'
        assert other.url == f"http://127.0.0.1:{port}{path}"  # the short link stays the page's address
        assert other.input_value("#share-url") == f"http://127.0.0.1:{port}{path}"
        assert w.console_errors == [] and w.external == []
    finally:
        w.close()
        load_sparql.stop_server(server)


def test_a_bad_query_shows_the_servers_message(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/")
    set_editor(page, "SELECT ?x\nWHERE { ?x ?y }")
    run_and_wait(page)
    assert "(400)" in page.text_content("#status")
    message = page.text_content(".yasr .errorResult")
    assert "not valid SPARQL" in message and "Traceback" not in message
    line = page.evaluate(
        "document.querySelector('#error-at').hidden ? null : document.querySelector('#error-at').textContent"
    )
    if line is not None:  # the server told where the error is (X-JWC-Error-Line): it is the second line
        assert "line 2" in line
        # past the end of the line (more was expected): the line's last character is marked
        assert page.text_content(".jwc-error-mark") == "}"
        assert (
            page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getAllMarks()[0].find().from.line")
            == 1
        )
    assert only_400_notes(watched.console_errors)
    assert watched.external == []


def test_an_error_is_marked_at_the_line_and_column_the_server_names(watched, live_server):
    """The server's X-JWC-Error-Line / -Column (1-based, in the text as sent) mark the editor; warnings show."""
    page = watched.page
    warnings = ["jwc:NGOO: did you mean jwc:NGO?"]

    def answer(route):
        route.fulfill(
            status=400,
            body="the query is not valid SPARQL: jwc:NGOO is no term of the graph\n",
            headers={
                "Content-Type": "text/plain; charset=utf-8",
                "X-JWC-Error-Line": "3",
                "X-JWC-Error-Column": "9",
                "X-JWC-Warnings": json.dumps(warnings),
            },
        )

    page.route("**/sparql", answer)
    open_page(page, live_server + "/")
    set_editor(page, "SELECT ?x\nWHERE {\n  ?x a  jwc:NGOO ;\n     skos:prefLabel ?n .\n}")
    run_and_wait(page)
    assert page.text_content("#error-at") == "The error is marked in the editor: line 3, column 9."
    marks = page.evaluate(
        "document.querySelector('#yasgui .CodeMirror').CodeMirror.getAllMarks().map(m => [m.className, m.find()])"
    )
    assert [(c, f["from"]["line"], f["from"]["ch"], f["to"]["ch"]) for c, f in marks] == [("jwc-error-mark", 2, 8, 16)]
    assert page.text_content(".jwc-error-mark") == "jwc:NGOO"
    assert page.eval_on_selector_all("#warnings li", "ls => ls.map(l => l.textContent)") == warnings
    assert "jwc:NGOO is no term" in page.text_content(".yasr .errorResult")
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "query-error.png"))

    page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.focus()")
    page.keyboard.type(" ")  # editing clears the mark
    assert page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getAllMarks().length") == 0
    assert only_400_notes(watched.console_errors) and watched.external == []


def test_warnings_show_above_the_results(watched, live_server):
    page = watched.page
    warnings = ["jwc:NGOO: did you mean jwc:NGO?", "<b>not markup</b>", "Côte d'Ivoire, sent as UTF-8"]
    results = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "one"}}]}}

    def answer(route):
        route.fulfill(
            status=200,
            body=json.dumps(results),
            headers={
                "Content-Type": "application/sparql-results+json",
                # sent as UTF-8 bytes (Playwright encodes so), which a browser reads as Latin-1; the page reads
                # them back as UTF-8
                "X-JWC-Warnings": json.dumps(warnings, ensure_ascii=False),
            },
        )

    page.route("**/sparql", answer)
    open_page(page, live_server + "/")
    set_editor(page, "SELECT ?x WHERE { ?x a jwc:NGOO }")
    run_and_wait(page)
    assert table_rows(page) == [["one"]]
    assert page.eval_on_selector_all("#warnings li", "ls => ls.map(l => l.textContent)") == warnings
    assert page.query_selector("#warnings b") is None
    order = page.evaluate(
        "[document.querySelector('#warnings'), document.querySelector('.yasr')].map(e => e.getBoundingClientRect().top)"
    )
    assert order[0] < order[1]
    assert watched.console_errors == [] and watched.external == []


def test_the_servers_own_warning_for_an_unknown_term_shows(watched, live_server):
    page = watched.page
    open_page(page, live_server + "/")
    set_editor(page, "SELECT ?x WHERE { ?x a jwc:NGOO }")
    run_and_wait(page)
    assert "0 rows" in page.text_content("#status")
    assert any(
        "did you mean jwc:NGO?" in w
        for w in page.eval_on_selector_all("#warnings li", "ls => ls.map(l => l.textContent)")
    )
    assert watched.console_errors == [] and watched.external == []
