"""The query page's editor: YASGUI vendored as published (files, hashes, licence, package data), the page's
Content-Security-Policy (two style hashes, nothing else relaxed), and what the page is given to start with."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tomllib
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from conftest import REPO
from jwc_graph.base.namespaces import ID, PREFIXES
from jwc_graph.web import query_page
from jwc_graph.web.app import CSP, create_app

VENDORED = REPO / "src" / "jwc_graph" / "web" / "static" / "yasgui"
#: The files as they are in @zazuko/yasgui 4.6.2's npm tarball (its README says where they came from).
SHA256 = {
    "yasgui.min.js": "55034eaac74c55f55fbd1eeed008ae38a79053651cbed2b453f1fcfd895a4b75",
    "yasgui.min.css": "085b94556b97f9928981bdedb6848fd11ad4d8d950e821f0d698c58ca538fc55",
}


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built, workers=1)) as c:
        yield c


@pytest.mark.parametrize("name", sorted(SHA256))
def test_the_vendored_files_are_the_published_ones(name):
    digest = hashlib.sha256((VENDORED / name).read_bytes()).hexdigest()
    assert digest == SHA256[name], (
        f"{VENDORED / name} differs from @zazuko/yasgui 4.6.2's; vendored files are never edited: "
        "see static/yasgui/README.md to update them"
    )
    assert SHA256[name] in (VENDORED / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_the_package_version_and_tarball():
    readme = (VENDORED / "README.md").read_text(encoding="utf-8")
    for words in ("@zazuko/yasgui", "4.6.2", "ab8b79aac8dd85785fe926576f47015db32e8a56", "sha512-Zw45KdPoAE1K"):
        assert words in readme
    assert (VENDORED / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")


def test_the_bundle_is_package_data():
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["jwc_graph"]
    assert "web/static/yasgui/*" in patterns and "web/static/*" in patterns


def test_the_style_hashes_are_the_bundles_own_style_texts():
    """The page allows exactly the two <style> texts YASR's column resizer adds, found here in the bundle."""
    bundle = (VENDORED / "yasgui.min.js").read_text(encoding="utf-8")
    layout = re.search(r"createStyle\(\w+,`( \.grip-resizable\{table-layout:fixed;\}[^`]*)`\)", bundle).group(1)
    cursor = re.search(r"`\*\{cursor:`\+\w+\.opt\.dragCursor\+`!important\}`", bundle)
    assert cursor and re.search(r"dragCursor:`col-resize`", bundle)
    texts = [layout, "*{cursor:col-resize!important}"]
    hashes = ["sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in texts]
    assert list(query_page.STYLE_HASHES) == hashes


def test_the_page_policy_is_the_sites_with_the_style_hashes_only(client):
    policy = client.get("/").headers["content-security-policy"]
    assert policy == query_page.CSP
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    site = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives.keys() == site.keys()
    assert all(directives[k] == site[k] for k in site if k != "style-src")
    assert site["style-src"] == "'self'"
    assert directives["style-src"] == "'self' " + " ".join(f"'{h}'" for h in query_page.STYLE_HASHES)


def test_the_page_loads_its_pieces_from_this_server(client):
    page = client.get("/").text
    for asset in query_page.ASSETS:
        assert f'"{asset}"' in page, asset
        assert client.get(asset).status_code == 200, asset


def test_the_page_is_given_the_prefixes_the_examples_and_the_pages_of_the_projects_iris(client, built):
    page = client.get("/", params={"query": "ASK {}"}).text
    data = json.loads(page.split('<script type="application/json" id="page-data">')[1].split("</script>")[0])
    assert data["prefixes"] == PREFIXES and data["id"] == ID
    assert data["endpoint"] == "/sparql"
    assert data["initialQuery"] == "ASK {}" and data["shortId"] is None
    assert [ID, "/id/"] in data["pages"]
    assert {e["name"] for e in data["examples"]} >= {"ipjj-members"}
    assert json.loads(client.get("/").text.split('id="page-data">')[1].split("</script>")[0])["initialQuery"] is None


def test_the_project_iris_in_results_are_served_here(client):
    """What the page links a result IRI to is a page this server answers."""
    page = client.get("/").text
    data = json.loads(page.split('id="page-data">')[1].split("</script>")[0])
    for _ns, path in data["pages"]:
        if path.endswith("/"):
            assert client.get(path + ("org/tdh" if path == "/id/" else "status-ongoing")).status_code == 200
        else:
            assert client.get(path.rstrip("#")).status_code == 200
