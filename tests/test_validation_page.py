"""The served validation page: upload a file, read the HTML report; nothing is stored, data is escaped."""

from __future__ import annotations

import pytest

HOSTILE = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/jwc/id/org/hostile> a jwc:NGO ;
    skos:prefLabel "<script>window.__pwned=1</script>"@en ;
    jwc:foundedIn "1999" .
"""
GOOD = """@prefix jwc: <https://w3id.org/jwc/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/jwc/id/org/good-partner> a jwc:NGO ; skos:prefLabel "Good Partner"@en .
"""


def test_form_is_served(client):
    page = client.get("/validate")
    assert page.status_code == 200 and 'type="file"' in page.text and "multiple" in page.text


def test_a_conforming_file_gets_a_conforming_report_and_nothing_is_stored(client, built):
    before = len(list(built.store_dir.parent.iterdir()))
    page = client.post("/validate", files={"file": ("partner.ttl", GOOD.encode(), "text/turtle")})
    assert page.status_code == 200
    assert "Conforms: nothing blocks this submission." in page.text
    assert not built.submissions_dir.exists()
    assert len(list(built.store_dir.parent.iterdir())) == before


def test_a_broken_record_is_reported_with_its_rule_and_escaped(client):
    page = client.post("/validate", files={"file": ("partner.ttl", HOSTILE.encode(), "text/turtle")})
    assert page.status_code == 200
    assert "Does not conform" in page.text and "foundedIn" in page.text
    assert "jwc-upload-" not in page.text, "the steward sees the file's own name, not the server's temporary path"
    assert "<script>window" not in page.text and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page.text
    assert "style-src 'unsafe-inline'" in page.headers["content-security-policy"]
    assert "script-src" not in page.headers["content-security-policy"]


def test_a_syntax_error_comes_back_on_the_form_with_line_and_column(client):
    page = client.post("/validate", files={"file": ("bad.ttl", b'<a> <b> "unterminated .\n', "text/turtle")})
    assert page.status_code == 422
    assert "bad.ttl:1:" in page.text and "jwc-upload-" not in page.text


def test_files_sent_together_see_each_other(client):
    orgs = (
        "slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
        ",Child Justice Watch Caribbean,en,NGO,,,A test network.,2019,,\n"
    )
    members = "slug,member,organisation,role,start,end,note\n,Child Justice Watch Caribbean,IPJJ,member,2020,,\n"
    files = [("file", ("orgs.csv", orgs.encode(), "text/csv")), ("file", ("members.csv", members.encode(), "text/csv"))]
    page = client.post("/validate", files=files)
    assert page.status_code == 200 and "Conforms" in page.text and "not in the graph" not in page.text


def test_no_file_is_a_clear_error(client):
    page = client.post("/validate", data={"nothing": "here"})
    assert page.status_code == 400 and "choose a file" in page.text


@pytest.mark.slow
def test_upload_in_a_real_browser(built, tmp_path):
    from test_query_page_browser import CHROMIUM, FLAGS, REPORTS, Watched, playwright_api

    from conftest import load_sparql

    port = load_sparql.free_port()
    proc = load_sparql.start_server(built.root, port)
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            w = Watched(browser)
            w.page.goto(f"http://127.0.0.1:{port}/validate")
            upload = tmp_path / "partner.ttl"
            upload.write_text(HOSTILE)
            w.page.set_input_files("#file", str(upload))
            w.page.click("#validate")
            w.page.wait_for_selector("h1")
            text = w.page.inner_text("body")
            assert "Does not conform" in text and "<script>window.__pwned=1</script>" in text
            assert w.page.evaluate("window.__pwned") is None
            REPORTS.mkdir(exist_ok=True)
            w.page.screenshot(path=str(REPORTS / "validation-report.png"), full_page=True)
            assert not w.external and not w.console_errors
            w.close()
            browser.close()
    finally:
        load_sparql.stop_server(proc)
