"""The served explorer's map page: the same map as `jwc map`, made from the served store."""

from __future__ import annotations

import json
import re

import pytest


def test_map_page_is_served_self_contained(client):
    page = client.get("/map")
    assert page.status_code == 200
    assert "Terre des hommes" in page.text and "Interagency Panel on Juvenile Justice" in page.text
    assert not re.findall(r"""(?:src|href)\s*=\s*["']https?://""", page.text), "no external script or style"
    assert "script-src 'unsafe-inline'" in page.headers["content-security-policy"]
    assert "connect-src" not in page.headers["content-security-policy"], "the page may fetch nothing"


def view_of(page) -> dict:
    m = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page.text, re.S)
    return json.loads(m.group(1))["config"]


def test_map_page_opens_on_the_view_its_parameters_give(client):
    whole = client.get("/map").text
    page = client.get("/map", params={"focus": "Tdh", "depth": "2", "kinds": "organisation,coalition", "year": "2015"})
    assert page.status_code == 200
    config = view_of(page)
    assert config["view"]["focus"] == "https://w3id.org/jwc/id/org/tdh", "the acronym finds Terre des hommes"
    assert config["view"]["kinds"] == ["organisation", "coalition"] and config["view"]["depth"] == 2
    assert config["view"]["since"] == config["view"]["until"] == 2015
    assert page.text.count('"kind"') == whole.count('"kind"'), "the whole network, so the reader can step out"
    assert config["command"] == "jwc map --focus Tdh --depth 2 --kinds organisation,coalition --year 2015"


def test_map_page_takes_every_view_parameter(client):
    page = client.get(
        "/map",
        params={
            "theme": "child participation",
            "collapse": "4",
            "undated": "hide",
            "since": "2010",
            "until": "2020",
            "size_by": "pagerank",
            "colour": "community",
            "select": "IPJJ",
        },
    )
    assert page.status_code == 200
    assert view_of(page)["command"] == (
        "jwc map --since 2010 --until 2020 --hide-undated --size-by pagerank --colour-by community "
        "--theme 'child participation' --collapse 4 --select IPJJ"
    )
    assert view_of(page)["view"]["select"] == "https://w3id.org/jwc/id/org/ipjj"


@pytest.mark.parametrize(
    "params, message",
    [
        ({"focus": "No Such Organisation"}, "is not in the graph"),
        ({"since": "last year"}, "since must be a whole number"),
        ({"year": "2015", "since": "2010"}, "either a year or a range"),
        ({"size_by": "colour"}, "unknown size metric"),
        ({"colour": "red"}, "unknown colouring"),
        ({"undated": "maybe"}, "undated must be show or hide"),
        ({"theme": "Terre des hommes"}, "not a theme or priority"),
        ({"collapse": "many"}, "collapse must be a whole number"),
        ({"collapse": "0"}, "collapse must be 1 or more"),
        ({"kinds": "organisation,ngo"}, "unknown node kind(s) ngo"),
    ],
)
def test_map_page_refuses_a_bad_parameter_saying_why(client, params, message):
    page = client.get("/map", params=params)
    assert page.status_code == 400 and message in page.text
