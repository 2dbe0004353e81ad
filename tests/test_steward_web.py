"""Stewards on the served site: accounts and roles, sending files for review, accepting, rejecting, reverting;
every way in without the right token or form is refused and changes nothing."""

from __future__ import annotations

import json
import re

import pytest
from starlette.testclient import TestClient

from conftest import copy_project, run_jwc
from jwc_graph.build.pipeline import build
from jwc_graph.intake import ledger, pending, stewards
from jwc_graph.web.app import create_app

pytestmark = pytest.mark.slow

ORGS = (
    "slug,name,language,type,acronyms,other_names,description,founded,country,themes\n"
    "child-justice-watch-caribbean,Child Justice Watch Caribbean,en,NGO,CJWC,,A test network.,2019,,\n"
)
MEMBERS = "slug,member,organisation,role,start,end,note\n,Child Justice Watch Caribbean,IPJJ,founding member,2020,,\n"


@pytest.fixture
def site(tmp_path):
    """A built project with a submitter and a reviewer, and a client for its server."""
    project = copy_project(tmp_path)
    build(project)
    tokens = {role: stewards.add(project, f"A {role}", role) for role in stewards.ROLES}
    with TestClient(create_app(project, workers=1)) as client:
        yield project, client, tokens


def sign_in(client, token: str) -> str:
    """Sign in; the form token of the session, read from a page as a browser would."""
    r = client.post("/sign-in", data={"token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/submit").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def send(client, csrf: str, action: str = "send", files=None):
    files = files or [
        ("files", ("orgs.csv", ORGS.encode(), "text/csv")),
        ("files", ("m.csv", MEMBERS.encode(), "text/csv")),
    ]
    return client.post(
        "/submit", data={"csrf": csrf, "source": "https://example.org/list", "action": action}, files=files
    )


def test_without_accounts_the_site_takes_no_submissions(built):
    with TestClient(create_app(built, workers=1)) as c:
        for path in ("/submit", "/review", "/sign-in"):
            assert c.get(path).status_code == 404
        assert c.post("/submit", data={}).status_code == 404


def test_two_files_are_checked_together_and_sent_for_review_without_touching_the_store(site):
    project, client, tokens = site
    csrf = sign_in(client, tokens["submitter"])
    checked = send(client, csrf, "check")
    assert checked.status_code == 200 and "Conforms" in checked.text, checked.text[-2000:]
    assert "not in the graph" not in checked.text, "the memberships file sees the organisations file"
    assert pending.listing(project) == []
    sent = send(client, csrf)
    assert 'id="sent"' in sent.text
    [item] = pending.listing(project)
    assert item.status == "pending" and item.submitter == "A submitter" and len(item.files) == 2
    assert ledger.listing(project) == [], "a pending submission changes nothing"


def test_a_reviewer_accepts_and_the_record_names_both_stewards(site):
    project, client, tokens = site
    send(client, sign_in(client, tokens["submitter"]))
    [item] = pending.listing(project)
    csrf = sign_in(client, tokens["reviewer"])
    page = client.get(f"/review/{item.id}")
    assert page.status_code == 200 and "new statement" in page.text and 'id="accept"' in page.text
    done = client.post(f"/review/{item.id}", data={"csrf": csrf, "action": "accept", "note": "checked"})
    assert done.status_code == 200 and "Review queue" in done.text
    [accepted] = ledger.listing(project)
    record = accepted.path.read_text()
    assert 'jwc:reviewer "A reviewer"' in record and 'jwc:submitter "A submitter"' in record
    assert pending.load(project, item.id).accepted_as == accepted.id
    entity = client.get("/id/org/child-justice-watch-caribbean")
    assert entity.status_code == 200 and "Child Justice Watch Caribbean" in entity.text
    reverted = client.post(f"/submissions/{accepted.id}/revert", data={"csrf": csrf})
    assert reverted.status_code == 200 and ledger.listing(project) == []


def test_a_rejection_keeps_the_note_and_changes_nothing(site):
    project, client, tokens = site
    send(client, sign_in(client, tokens["submitter"]))
    [item] = pending.listing(project)
    csrf = sign_in(client, tokens["reviewer"])
    client.post(f"/review/{item.id}", data={"csrf": csrf, "action": "reject", "note": "wrong <source>"})
    assert pending.load(project, item.id).status == "rejected" and ledger.listing(project) == []
    assert "wrong &lt;source&gt;" in client.get("/review").text


def test_wrong_tokens_roles_and_forms_are_refused_and_change_nothing(site):
    project, client, tokens = site
    assert client.post("/sign-in", data={"token": "jwc_000000000000_" + "x" * 43}).status_code == 401
    assert client.post("/submit", data={"csrf": "x", "action": "send"}).status_code == 401, "not signed in"
    csrf = sign_in(client, tokens["submitter"])
    assert send(client, "forged").status_code == 403, "a form without the session's form token"
    assert client.get("/review").status_code == 403, "a submitter cannot review"
    send(client, csrf)
    [item] = pending.listing(project)
    assert client.post(f"/review/{item.id}", data={"csrf": csrf, "action": "accept"}).status_code == 403
    assert pending.load(project, item.id).status == "pending" and ledger.listing(project) == []


def test_a_revoked_token_ends_its_session_and_cannot_sign_in_again(site):
    project, client, tokens = site
    csrf = sign_in(client, tokens["submitter"])
    run_jwc("stewards", "revoke", "A submitter", cwd=project.root, check=True)
    assert send(client, csrf).status_code == 401, "the session ended with the account"
    assert client.post("/sign-in", data={"token": tokens["submitter"]}).status_code == 401
    assert pending.listing(project) == []


def test_stewards_commands_print_the_token_once_and_never_store_it(fresh):
    proc = run_jwc("stewards", "add", "Ana", "--role", "reviewer", cwd=fresh.root, check=True)
    token = proc.stdout.decode().strip()
    assert re.fullmatch(r"jwc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", token)
    stored = (fresh.root / ".jwc" / "stewards.json").read_text()
    assert token not in stored and token.split("_")[-1] not in stored
    listed = json.loads(run_jwc("stewards", "list", "--format", "json", cwd=fresh.root, check=True).stdout)
    assert listed == [{"name": "Ana", "role": "reviewer", "created": listed[0]["created"], "revoked": None}]
    assert stewards.verify(fresh, token).name == "Ana"


def test_templates_are_downloadable(built):
    with TestClient(create_app(built, workers=1)) as c:
        for kind in ("organisations", "memberships", "events", "commitments", "places"):
            r = c.get(f"/templates/{kind}.csv")
            assert (
                r.status_code == 200 and r.text.startswith("slug,") and "attachment" in r.headers["content-disposition"]
            )
