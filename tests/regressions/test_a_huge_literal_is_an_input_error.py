"""A 50 MB literal ended in "internal error: MemoryError: Reached the buffer maximal size ... please report it":
Oxigraph reads one token of at most 16 MB. Every parse now goes through rdf.files.parse_errors, which says so."""

from __future__ import annotations

import pytest

from jwc_graph.base.errors import InputError
from jwc_graph.rdf.files import parse_file


def test_a_value_over_the_token_limit_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "big.ttl"
    path.write_text('<http://e.example/a> <http://e.example/p> "' + "x" * (17 * 2**20) + '" .\n')
    with pytest.raises(InputError, match=r"big.ttl: one value .* is over 16 MB") as err:
        parse_file(path, "data", "big.ttl")
    assert "shorten" in err.value.fix
