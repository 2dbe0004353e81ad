"""The whole steward flow in Chromium: a submitter sends two CSV files, a reviewer accepts them, the entity page and
the map show the new organisation, and the reviewer reverts it; nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest

from conftest import copy_project, load_sparql
from jwc_graph.build.pipeline import build
from jwc_graph.intake import stewards

pytestmark = pytest.mark.slow

ORGS = (
    "slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
    "child-justice-watch-caribbean,Child Justice Watch Caribbean,en,NGO,,,A test network.,2019,,\n"
)
MEMBERS = "slug,member,organisation,role,start,end,note\n,Child Justice Watch Caribbean,IPJJ,founding member,2020,,\n"
NEW = "Child Justice Watch Caribbean"


def test_send_review_accept_see_and_revert_in_a_real_browser(tmp_path):
    from test_query_page_browser import CHROMIUM, FLAGS, REPORTS, Watched, playwright_api

    project = copy_project(tmp_path / "project")
    build(project)
    tokens = {role: stewards.add(project, f"A {role}", role) for role in stewards.ROLES}
    files = []
    for name, text in (("organisations.csv", ORGS), ("memberships.csv", MEMBERS)):
        (tmp_path / name).write_text(text)
        files.append(str(tmp_path / name))
    port = load_sparql.free_port()
    proc = load_sparql.start_server(project.root, port)
    base = f"http://127.0.0.1:{port}"
    REPORTS.mkdir(exist_ok=True)
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            w = Watched(browser)
            page = w.page

            def sign_in(token: str) -> None:
                page.goto(f"{base}/sign-in")
                page.fill("#token", token)
                page.click("#sign-in")
                page.wait_for_load_state()

            sign_in(tokens["submitter"])
            assert page.url.endswith("/submit")
            page.set_input_files("#files", files)
            page.fill("#source", "https://example.org/caribbean-network-members")
            page.click("#send")
            page.wait_for_selector("#sent")
            assert "new statement" in page.inner_text("#diff-summary")
            page.screenshot(path=str(REPORTS / "steward-sent.png"), full_page=True)
            page.click("#sign-out")
            page.wait_for_load_state()

            sign_in(tokens["reviewer"])
            assert page.url.endswith("/review")
            page.click("#waiting a")
            page.wait_for_selector("#accept")
            page.screenshot(path=str(REPORTS / "steward-review.png"), full_page=True)
            page.fill("#note", "checked against the network's page")
            page.click("#accept")
            page.wait_for_selector("#accepted")
            assert "accepted by A reviewer" in page.inner_text("#decided")

            page.goto(f"{base}/id/org/child-justice-watch-caribbean")
            assert NEW in page.inner_text("h1")
            page.goto(f"{base}/map")
            page.wait_for_load_state()
            assert NEW in page.content(), "the map shows the accepted organisation"
            page.screenshot(path=str(REPORTS / "steward-map-after-accept.png"))

            page.goto(f"{base}/review")
            page.click("#accepted button.revert")
            page.wait_for_load_state()
            assert not w.external and not w.console_errors, (w.external, w.console_errors)
            assert page.goto(f"{base}/id/org/child-justice-watch-caribbean").status == 404, "reverted: gone"
            w.close()
            browser.close()
    finally:
        load_sparql.stop_server(proc)
