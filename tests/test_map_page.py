"""The served explorer's map page: the same map as `jwc map`, made from the served store."""

from __future__ import annotations

import re


def test_map_page_is_served_self_contained(client):
    page = client.get("/map")
    assert page.status_code == 200
    assert "Terre des hommes" in page.text and "Interagency Panel on Juvenile Justice" in page.text
    assert not re.findall(r"""(?:src|href)\s*=\s*["']https?://""", page.text), "no external script or style"
    assert "script-src 'unsafe-inline'" in page.headers["content-security-policy"]
    assert "connect-src" not in page.headers["content-security-policy"], "the page may fetch nothing"


def test_map_page_takes_the_command_line_options(client):
    whole = client.get("/map").text
    page = client.get("/map", params={"focus": "Tdh", "depth": "1", "kinds": "organisation,coalition"})
    assert page.status_code == 200
    assert '"focus":"https://w3id.org/jwc/id/org/tdh"' in page.text, "the acronym finds Terre des hommes"
    assert page.text.count('"kind"') < whole.count('"kind"') / 5, "only the neighbourhood of the chosen kinds"
    assert "jwc map --focus 'Tdh'" in page.text
    assert client.get("/map", params={"focus": "No Such Organisation"}).status_code == 400
    assert client.get("/map", params={"since": "last year"}).status_code == 400
    assert client.get("/map", params={"size_by": "colour"}).status_code == 400


def test_map_page_takes_theme_and_collapse(client):
    page = client.get("/map", params={"theme": "child participation", "collapse": "4"})
    assert page.status_code == 200
    assert '"collapse":4' in page.text and "--theme 'child participation' --collapse 4" in page.text
    assert client.get("/map", params={"theme": "Terre des hommes"}).status_code == 400
    assert client.get("/map", params={"collapse": "many"}).status_code == 400
    assert client.get("/map", params={"collapse": "0"}).status_code == 400
