"""When the lexer's tokens were first cached, a character SPARQL has no token for was refused before any token
was read, so the nesting check saw no brackets at all: a query 20,000 brackets deep with a stray backquote at
its end reached Oxigraph's parser and crashed `jwc query` (exit 139). The tokens before the bad character are
read again first, so the nesting is counted and the query refused."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import run_jwc
from jwc_graph.sparql import clauses, guard, query

DEEP_THEN_BAD = "SELECT * WHERE " + "{" * 20000 + " ` "


def test_the_nesting_is_counted_up_to_the_bad_character():
    with pytest.raises(query.QueryError, match="brackets deep"):
        query.run(ox.Store(), DEEP_THEN_BAD)


def test_the_command_line_refuses_it_with_exit_2(built):
    proc = run_jwc("query", DEEP_THEN_BAD, cwd=built.root)
    assert proc.returncode == 2 and b"brackets deep" in proc.stderr, proc.stderr[-300:]


def test_readers_see_the_tokens_before_the_bad_character():
    assert clauses.query_form("SELECT * WHERE { ?s ?p ?o } `") == "select"
    assert guard.is_update("INSERT DATA { <a> <b> <c> } `")
    with pytest.raises(guard.Refused, match="character 29"):
        list(guard.tokens("SELECT * WHERE { ?s ?p ?o } `"))
    with pytest.raises(guard.Refused):  # asked again: refused again, not answered from the cache
        list(guard.tokens("SELECT * WHERE { ?s ?p ?o } `"))
