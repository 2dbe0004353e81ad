"""What a person is told about their query: errors at their own line and column, one line for an unknown prefix,
a warning with the closest term for a misspelled one, and nesting no parser survives refused before it runs."""

from __future__ import annotations

import json

import pytest

from conftest import run_jwc
from jwc_graph.sparql.graph import open_graph
from jwc_graph.sparql.query import QueryError

MISSPELLED = "SELECT ?o WHERE { ?o a jwc:NGOO ; org:memberOf jo:ipjjj }"
BROKEN = "SELECT * WHERE {\n  ?s a jwc:NGO .\n  FILTER(?s = ) }"  # jwc: makes the project's PREFIX line be added
DEEP = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000


def test_a_misspelled_term_gets_the_closest_known_one(built):
    answer = open_graph(built.root).query(MISSPELLED)
    assert answer.rows() == []
    assert any("jwc:NGOO" in w and "did you mean jwc:NGO?" in w for w in answer.warnings), answer.warnings
    assert any("jo:ipjjj" in w and "did you mean jo:ipjj?" in w for w in answer.warnings), answer.warnings
    assert open_graph(built.root).query("SELECT ?o WHERE { ?o a jwc:NGO ; org:memberOf jo:ipjj }").warnings == []


def test_the_error_is_at_the_users_own_line_and_column(built):
    with pytest.raises(QueryError) as err:
        open_graph(built.root).query(BROKEN)  # the project's PREFIX lines are added in front: not counted
    assert (err.value.line, err.value.column) == (3, 18) and "line 3, column 18" in err.value.message


def test_an_unknown_prefix_is_one_readable_line_pointing_at_it(built):
    with pytest.raises(QueryError) as err:
        open_graph(built.root).query("SELECT * WHERE {\n  ?s a foo:Bar }")
    message = err.value.message
    assert "unknown prefix foo:" in message and "\n" not in message and "\\u{" not in message
    assert (err.value.line, err.value.column) == (2, 8)


def test_the_command_line_warns_on_stderr_and_refuses_deep_nesting(built):
    proc = run_jwc("query", "--format", "json", MISSPELLED, cwd=built.root)
    assert proc.returncode == 0 and "did you mean jwc:NGO?" in proc.stderr.decode()
    assert json.loads(proc.stdout)["results"]["bindings"] == []
    deep = run_jwc("query", DEEP, cwd=built.root)
    assert deep.returncode == 2 and "brackets deep" in deep.stderr.decode(), deep.stderr.decode()[-300:]


def test_the_endpoint_says_it_in_headers(client):
    r = client.get("/sparql", params={"query": MISSPELLED})
    assert r.status_code == 200
    assert any("did you mean jwc:NGO?" in w for w in json.loads(r.headers["x-jwc-warnings"]))
    bad = client.get("/sparql", params={"query": BROKEN})
    assert bad.status_code == 400
    assert (bad.headers["x-jwc-error-line"], bad.headers["x-jwc-error-column"]) == ("3", "18")
    deep = client.post("/sparql", content=DEEP.encode(), headers={"Content-Type": "application/sparql-query"})
    assert deep.status_code == 400 and "brackets deep" in deep.text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200, "the worker survived"
