"""The reconciliation service of `jwc serve` (/reconcile) as OpenRefine uses it: every response validated against
the JSON Schemas published with the Reconciliation Service API v0.2 (tests/vendor/reconciliation-api), and
checked field by field, which runs even where the schemas are not on the machine."""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import REPO
from jwc_graph.base.namespaces import ID, ONTOLOGY
from jwc_graph.web import reconcile_api
from jwc_graph.web.reconcile import BATCH_SIZE
from jwc_graph.web.templating import render

VENDORED = REPO / "tests" / "vendor" / "reconciliation-api"


def schema_folder() -> Path:
    """The v0.2 schemas: from a checkout named by JWC_RECONCILIATION_SPECS, else the vendored copy."""
    checkout = os.environ.get("JWC_RECONCILIATION_SPECS")
    return Path(checkout) / "0.2" / "schemas" if checkout else VENDORED / "schemas"


def schemas_missing() -> str | None:
    """Why the schemas cannot be used here, or None when they can."""
    folder = schema_folder()
    if (folder / "manifest.json").is_file():
        return None
    return f"the Reconciliation API schemas are not in {folder}: {VENDORED / 'README.md'} says how to put them"


def validator(name: str):
    """A validator for one of the spec's schemas, with the others registered so that `type.json` resolves."""
    folder = schema_folder()
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT7)) for s in schemas if "$id" in s
    )
    schema = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


def valid(name: str, document) -> None:
    """Fails with every error the schema finds in the document. Without the schemas it checks nothing (each test
    goes on with its field-by-field checks, and test_the_schemas_are_here is skipped, saying why)."""
    if schemas_missing():
        return
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, f"not a valid {name}:\n" + "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def reconcile(client, queries: dict, method: str = "post") -> dict:
    valid("reconciliation-query-batch", queries)  # what this test sends is a valid batch too
    if method == "post":
        r = client.post("/reconcile", data={"queries": json.dumps(queries)})
    else:
        r = client.get("/reconcile", params={"queries": json.dumps(queries)})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    valid("reconciliation-result-batch", body)
    assert set(body) == set(queries)
    for result in body.values():
        scores = [c["score"] for c in result["result"]]
        assert scores == sorted(scores, reverse=True)
        assert sum(c["match"] for c in result["result"]) <= 1
        for c in result["result"]:
            assert {"id", "name", "score", "match", "type"} <= set(c) and 0 <= c["score"] <= 100
    return body


def test_the_schemas_are_here():
    if schemas_missing():
        pytest.skip(schemas_missing())
    names = {p.stem for p in schema_folder().glob("*.json")}
    assert {"manifest", "reconciliation-result-batch", "data-extension-response", "type"} <= names


@pytest.mark.parametrize(
    "name, document",
    [
        ("manifest", {"versions": ["0.1"], "name": "x", "identifierSpace": ID, "schemaSpace": ONTOLOGY}),
        ("manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": ID, "schemaSpace": ONTOLOGY, "view": {}}),
        ("reconciliation-result-batch", {"q0": {"result": [{"id": "org/pri", "name": "PRI"}]}}),
        ("reconciliation-result-batch", {"q0": {"result": [{"id": "org/pri", "name": "PRI", "score": "high"}]}}),
        ("suggest-types-response", {"result": [{"id": "jwc:NGO", "name": "NGO", "broader": [{"id": "org:X"}]}]}),
        ("data-extension-response", {"meta": [], "rows": {"org/pri": {"p": [{"date": "2018"}]}}}),
    ],
)
def test_the_schemas_catch_a_broken_response(name, document):
    """The validation above is not vacuous: a wrong version, a missing score, a broader type without a name
    (through type.json) and a date that is only a year are each refused."""
    if schemas_missing():
        pytest.skip(schemas_missing())
    with pytest.raises(AssertionError, match=f"not a valid {name}"):
        valid(name, document)


# --- the manifest, and the services it names ---------------------------------------------------------------------


def test_the_manifest_is_at_the_service_url(client):
    r = client.get("/reconcile")
    assert r.status_code == 200
    m = r.json()
    valid("manifest", m)
    assert "0.2" in m["versions"]
    assert m["identifierSpace"] == ID and m["schemaSpace"] == ONTOLOGY
    assert {"id": "org:Organization", "name": "Organisation"} in m["defaultTypes"]
    assert m["batchSize"] == BATCH_SIZE


def test_every_url_in_the_manifest_answers_as_openrefine_builds_it(client):
    """OpenRefine puts the id, encoded as a URI component, into the view and preview templates, and joins each
    suggest and proposal service's service_url and service_path."""
    m = client.get("/reconcile").json()
    ident = urllib.parse.quote("org/pri", safe="")
    view = client.get(m["view"]["url"].replace("{{id}}", ident))
    assert view.status_code == 200 and "Penal Reform International" in view.text
    assert client.get(m["view"]["url"].replace("{{id}}", "org/pri")).status_code == 200
    preview = client.get(m["preview"]["url"].replace("{{id}}", ident))
    assert preview.status_code == 200 and "Penal Reform International" in preview.text
    assert m["preview"]["width"] > 0 and m["preview"]["height"] > 0
    for what, schema in (("entity", "entities"), ("type", "types"), ("property", "properties")):
        service = m["suggest"][what]
        r = client.get(service["service_url"] + service["service_path"], params={"prefix": "a"})
        assert r.status_code == 200
        valid(f"suggest-{schema}-response", r.json())
    proposal = m["extend"]["propose_properties"]
    r = client.get(proposal["service_url"] + proposal["service_path"], params={"type": "org:Organization"})
    assert r.status_code == 200
    valid("data-extension-property-proposal", r.json())


def test_cors_is_on_for_the_service(client):
    r = client.get("/reconcile", headers={"Origin": "https://openrefine.example"})
    assert r.headers["access-control-allow-origin"] == "*"


# --- reconciliation queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "get"])
def test_a_shortened_name_finds_pri_as_the_match(client, method):
    body = reconcile(client, {"q0": {"query": "Penal Reform Int."}}, method)
    top = body["q0"]["result"][0]
    assert top["id"] == "org/pri" and top["name"] == "Penal Reform International"
    assert top["match"] is True and top["score"] >= 90
    assert {"id": "jwc:NGO", "name": "non-governmental organisation"} in top["type"]
    assert {"id": "name", "value": top["score"]} in top["features"]


def test_a_batch_answers_each_query_by_its_key(client):
    body = reconcile(
        client,
        {
            "tdh": {"query": "Terre des Homes", "type": "org:Organization", "limit": 2},
            "lookalike": {"query": "Tеrre des hommes"},
            "unicef": {"query": "UNICEF", "type": ["jwc:UNAgency", "jwc:NGO"]},
        },
    )
    assert body["tdh"]["result"][0]["id"] == "org/tdh" and body["tdh"]["result"][0]["match"]
    assert len(body["tdh"]["result"]) <= 2
    assert body["lookalike"]["result"][0]["id"] == "org/tdh" and body["lookalike"]["result"][0]["score"] == 100
    assert body["unicef"]["result"][0]["id"] == "org/unicef"


def test_a_type_filters_with_its_subclasses(client):
    body = reconcile(
        client,
        {
            "org": {"query": "Penal Reform International", "type": "org:Organization"},
            "event": {"query": "Penal Reform International", "type": "schema:Event"},
            "unknown": {"query": "Penal Reform International", "type": "jwc:NoSuchClass"},
        },
    )
    assert body["org"]["result"][0]["id"] == "org/pri" and body["org"]["result"][0]["match"]
    assert "org/pri" not in [c["id"] for c in body["event"]["result"]]
    assert body["unknown"]["result"] == []


def test_a_shared_name_is_no_match_until_a_type_tells_them_apart(client):
    name = "World Congress on Justice With Children"
    body = reconcile(client, {"any": {"query": name}, "series": {"query": name, "type": "jwc:EventSeries"}})
    tied = [c for c in body["any"]["result"] if c["score"] == 100]
    assert len(tied) == 2 and not any(c["match"] for c in body["any"]["result"])
    assert body["series"]["result"][0]["id"] == "series/world-congress" and body["series"]["result"][0]["match"]


def test_properties_narrow_the_candidates(client):
    query = {"query": "World Congress on Justice for Children", "type": "jwc:WorldCongress"}
    body = reconcile(
        client,
        {
            "plain": query,
            "paris": {**query, "properties": [{"pid": "schema:location", "v": "Paris"}]},
            "by-id": {**query, "properties": [{"pid": "schema:location", "v": {"id": "place/paris", "name": "Paris"}}]},
            "only": {"properties": [{"pid": "jwc:country", "v": ["Mexico", 2021]}], "type": "schema:Event"},
        },
    )
    assert not body["plain"]["result"][0]["match"]
    for key in ("paris", "by-id"):
        top = body[key]["result"][0]
        assert top["id"] == "event/wc-2018" and top["match"], body[key]
        assert {"id": "schema:location", "value": 100.0} in top["features"]
    assert "event/wc-2021" in [c["id"] for c in body["only"]["result"]]


@pytest.mark.parametrize(
    "queries, status, message",
    [
        ("{not json", 400, "queries is not JSON"),
        ('["Penal Reform"]', 400, "queries must be a JSON object"),
        ('{"q0": {"type": "org:Organization"}}', 400, "query 'q0': give a query"),
        ('{"q0": {"query": "PRI", "limit": 0}}', 400, "query 'q0': limit must be a positive number"),
        ('{"q0": {"query": "PRI", "properties": [{"pid": "jwc:country"}]}}', 400, "query 'q0': each property"),
        (json.dumps({f"q{i}": {"query": "PRI"} for i in range(BATCH_SIZE + 1)}), 413, f"at most {BATCH_SIZE}"),
    ],
)
def test_bad_batches_are_refused_with_what_to_fix(client, queries, status, message):
    r = client.post("/reconcile", data={"queries": queries})
    assert r.status_code == status
    assert message in r.text


def test_a_post_without_queries_or_extend_is_refused(client):
    r = client.post("/reconcile", data={"nothing": "here"})
    assert r.status_code == 400 and "queries=" in r.text


# --- suggest ---------------------------------------------------------------------------------------------------


def test_suggest_entity_completes_a_name_and_an_identifier(client):
    r = client.get("/reconcile/suggest/entity", params={"prefix": "Terre"})
    valid("suggest-entities-response", r.json())
    first = r.json()["result"][0]
    assert first["id"] == "org/tdh" and first["name"] == "Terre des hommes"
    assert {"id": "jwc:NGO", "name": "non-governmental organisation"} in first["notable"]
    r = client.get("/reconcile/suggest/entity", params={"prefix": "jo:pri"})
    assert r.json()["result"][0]["id"] == "org/pri"
    r = client.get("/reconcile/suggest/entity", params={"prefix": "PRI"})  # an acronym
    assert r.json()["result"][0]["id"] == "org/pri"


def test_suggest_pages_with_the_cursor(client):
    first = client.get("/reconcile/suggest/entity", params={"prefix": "", "cursor": 0}).json()["result"]
    second = client.get("/reconcile/suggest/entity", params={"prefix": "", "cursor": len(first)}).json()["result"]
    assert first and second and not {e["id"] for e in first} & {e["id"] for e in second}
    assert client.get("/reconcile/suggest/entity", params={"cursor": "x"}).status_code == 400
    assert client.get("/reconcile/suggest/nothing", params={"prefix": "a"}).status_code == 404


def test_suggest_type_finds_classes_by_name_and_local_name(client):
    body = client.get("/reconcile/suggest/type", params={"prefix": "NGO"}).json()
    valid("suggest-types-response", body)
    ngo = body["result"][0]
    assert ngo["id"] == "jwc:NGO"
    assert {"id": "org:FormalOrganization", "name": "Formal organization"} in ngo["broader"]
    body = client.get("/reconcile/suggest/type", params={"prefix": "world cong"}).json()
    assert [t["id"] for t in body["result"]] == ["jwc:WorldCongress"]


def test_suggest_property_finds_the_properties_the_data_uses(client):
    body = client.get("/reconcile/suggest/property", params={"prefix": "coun"}).json()
    valid("suggest-properties-response", body)
    assert body["result"][0]["id"] == "jwc:country" and body["result"][0]["name"] == "country"
    found = client.get("/reconcile/suggest/property", params={"prefix": "member"}).json()["result"]
    assert "org:memberOf" in [p["id"] for p in found]


# --- preview ---------------------------------------------------------------------------------------------------


def test_preview_is_a_small_card_that_runs_nothing_and_may_be_framed(client):
    r = client.get("/reconcile/preview", params={"id": "org/pri"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text and "Penal Reform International" in r.text and "PRI" in r.text
    assert 'href="/id/org/pri"' in r.text
    assert "<script" not in r.text.lower()
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors" not in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert client.get("/static/reconcile-preview.css").status_code == 200


def test_preview_of_an_unknown_id_is_404(client):
    assert client.get("/reconcile/preview", params={"id": "org/no-such"}).status_code == 404
    assert client.get("/reconcile/preview").status_code == 400


def test_preview_escapes_text_from_the_data():
    card = {
        "id": 'org/x"><script>alert(1)</script>',
        "iri": ID + "org/x",
        "curie": "jo:x",
        "name": "<img src=x onerror=alert(1)>",
        "other_names": ["<b>bold</b>"],
        "types": ["<i>NGO</i>"],
        "description": "</p><script>alert(2)</script>",
    }
    html = render("reconcile_preview.html", e=card)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- data extension ----------------------------------------------------------------------------------------------


def extend(client, query: dict, method: str = "post"):
    valid("data-extension-query", query)
    if method == "post":
        return client.post("/reconcile", data={"extend": json.dumps(query)})
    return client.get("/reconcile", params={"extend": json.dumps(query)})


@pytest.mark.parametrize("method", ["post", "get"])
def test_extend_gives_each_entity_s_values(client, method):
    query = {
        "ids": ["org/pri", "event/wc-2021", "org/no-such"],
        "properties": [
            {"id": "org:memberOf"},
            {"id": "jwc:country"},
            {"id": "skos:altLabel"},
            {"id": "schema:startDate", "settings": {"limit": "1"}},
        ],
    }
    r = extend(client, query, method)
    assert r.status_code == 200, r.text
    body = r.json()
    valid("data-extension-response", body)
    assert [m["id"] for m in body["meta"]] == ["org:memberOf", "jwc:country", "skos:altLabel", "schema:startDate"]
    assert body["meta"][0]["type"] == {"id": "org:Organization", "name": "Organization"}
    pri = body["rows"]["org/pri"]
    assert {"id": "org/ipjj", "name": "Interagency Panel on Juvenile Justice"} in pri["org:memberOf"]
    assert pri["skos:altLabel"] == [{"str": "PRI"}] and pri["jwc:country"] == []
    assert body["rows"]["event/wc-2021"]["jwc:country"] == [{"id": "place/mexico", "name": "Mexico"}]
    starts = body["rows"]["event/wc-2021"]["schema:startDate"]  # every source's date: 2021, 2021-11, ...
    assert {"str": "2021"} in starts and all(str(*v.values()).startswith("2021") for v in starts), starts
    assert body["rows"]["org/no-such"] == {p["id"]: [] for p in query["properties"]}


def test_extend_refuses_an_unknown_property_and_a_bad_query(client):
    r = extend(client, {"ids": ["org/pri"], "properties": [{"id": "jwc:noSuchProperty"}]})
    assert r.status_code == 400 and "unknown property 'jwc:noSuchProperty'" in r.text
    r = client.post("/reconcile", data={"extend": json.dumps({"ids": "org/pri"})})
    assert r.status_code == 400 and "extend must be" in r.text


def test_proposed_properties_are_those_the_type_uses_most(client):
    r = client.get("/reconcile/properties", params={"type": "jwc:NGO", "limit": 5})
    body = r.json()
    valid("data-extension-property-proposal", body)
    assert body["type"] == "jwc:NGO" and body["limit"] == 5 and len(body["properties"]) == 5
    assert "org:memberOf" in [p["id"] for p in body["properties"]]
    r = client.get("/reconcile/properties", params={"type": "jwc:NoSuchClass"})
    assert r.status_code == 400 and "unknown type" in r.text
    assert client.get("/reconcile/properties", params={"type": "jwc:NGO", "limit": "-1"}).status_code == 400


def test_the_values_of_a_property_follow_the_schema_s_kinds():
    """Numbers as numbers, full dates as the API's date, years and months as text (no false day)."""
    store = ox.Store()
    m = reconcile_api.matcher(store)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases = [
        (ox.Literal("12", datatype=ox.NamedNode(xsd + "integer")), {"int": 12}),
        (ox.Literal("1.5", datatype=ox.NamedNode(xsd + "decimal")), {"float": 1.5}),
        (ox.Literal("2018-05-01", datatype=ox.NamedNode(xsd + "date")), {"date": "2018-05-01T00:00:00Z"}),
        (ox.Literal("2018-05", datatype=ox.NamedNode(xsd + "gYearMonth")), {"str": "2018-05"}),
        (ox.Literal("x", datatype=ox.NamedNode(xsd + "integer")), {"str": "x"}),
        (ox.Literal("Paris", language="en"), {"str": "Paris"}),
        (ox.NamedNode("https://example.org/page"), {"str": "https://example.org/page"}),
    ]
    for literal, expected in cases:
        assert reconcile_api._value(m, literal) == expected


def test_the_index_is_read_once_per_store_handle():
    one, two = ox.Store(), ox.Store()
    assert reconcile_api.matcher(one) is reconcile_api.matcher(one)
    assert reconcile_api.matcher(two) is not reconcile_api.matcher(one)


def test_openrefine_s_requests_to_a_running_jwc_serve(live_server):
    """The same requests over real HTTP to `jwc serve` (uvicorn): the manifest, a form-encoded POST of a batch,
    and the view URL with the id percent-encoded as the spec asks ("org%2Fpri")."""
    import urllib.request

    with urllib.request.urlopen(live_server + "/reconcile", timeout=30) as r:
        m = json.load(r)
    valid("manifest", m)
    assert m["view"]["url"] == live_server + "/id/{{id}}"
    form = urllib.parse.urlencode(
        {"queries": json.dumps({"q0": {"query": "Penal Reform Int.", "type": "org:Organization"}})}
    )
    request = urllib.request.Request(live_server + "/reconcile", data=form.encode(), method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=30) as r:
        body = json.load(r)
    valid("reconciliation-result-batch", body)
    assert body["q0"]["result"][0]["id"] == "org/pri" and body["q0"]["result"][0]["match"]
    view = m["view"]["url"].replace("{{id}}", urllib.parse.quote(body["q0"]["result"][0]["id"], safe=""))
    with urllib.request.urlopen(view, timeout=30) as r:
        assert r.status == 200 and "Penal Reform International" in r.read().decode()


def test_oversized_requests_are_refused_before_any_work(client):
    r = client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": "x" * (1024**2 + 10)}})})
    assert r.status_code == 413 and "over 1MB" in r.text
    r = extend(client, {"ids": [f"org/x{i}" for i in range(501)], "properties": [{"id": "skos:altLabel"}]})
    assert r.status_code == 413 and "at most 500 entities" in r.text


def test_a_very_long_name_is_scored_on_its_beginning(client):
    body = reconcile(client, {"q0": {"query": "Penal Reform International " + "z" * 100_000, "limit": 3}})
    assert len(body["q0"]["result"]) <= 3  # answered, within the limit, not stopped by the time limit
