"""The SERVICE guard stopped a prefixed name at `·` (and U+0300, U+203F), then read the escaped quote after it
as the start of a string that swallowed the SERVICE clause: the guard saw no SERVICE, the engine called it.
The guard now lexes SPARQL 1.1's PN_CHARS and PLX escapes and unfolds \\u escapes first, as the engine does."""

from __future__ import annotations

import pytest

from jwc_graph.sparql import guard

TARGET = "http://127.0.0.1:9/leak"


@pytest.mark.parametrize("char", ["\u00b7", "\u0300", "\u203f", "\\u00B7"])
def test_service_after_a_prefixed_name_with_a_combining_character_is_seen(char):
    query = f"PREFIX x: <http://e.example/> SELECT * WHERE {{ BIND(x:a{char}\\' AS ?z) SERVICE <{TARGET}> {{ }} }}"
    assert guard.service_targets(guard.unescape(query)) == [TARGET]
    with pytest.raises(guard.Refused):
        guard.check(query, frozenset())


def test_a_character_outside_the_grammar_is_refused_as_unreadable():
    with pytest.raises(guard.Refused) as refused:
        guard.check("SELECT * WHERE { ?s ?p ?o } \u0001", frozenset())
    assert refused.value.status == 400
