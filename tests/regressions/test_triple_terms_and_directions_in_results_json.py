"""`jwc query --format json` wrote each term's JSON itself and knew only IRIs, blank nodes and plain literals: a
triple term stopped the command with "internal error: AttributeError: 'pyoxigraph.Triple' object has no attribute
'value'", and a literal's base direction (`"x"@ar--rtl`) was dropped. The server, which has pyoxigraph write the
JSON, gave both; the command now writes them as the server does."""

from __future__ import annotations

import json

from conftest import run_jwc

QUERY = (
    'SELECT ?t ?d WHERE { BIND(<<( <http://e.org/a> <http://e.org/b> "c" )>> AS ?t) '
    'BIND(STRLANGDIR("x", "ar", "rtl") AS ?d) }'
)


def test_triple_terms_and_text_directions_come_out_in_results_json(built):
    r = run_jwc("query", QUERY, "--format", "json", cwd=built.root)
    assert r.returncode == 0, r.stderr
    (row,) = json.loads(r.stdout)["results"]["bindings"]
    assert row["t"]["type"] == "triple" and row["t"]["value"]["object"] == {"type": "literal", "value": "c"}
    assert row["d"] == {"type": "literal", "value": "x", "xml:lang": "ar", "its:dir": "rtl"}
