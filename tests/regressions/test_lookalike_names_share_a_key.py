"""A zero-width space or a Cyrillic "е" in "Terre des hommes" passed the duplicate-name check (it compared
strings). Names now compare by base.lookalike.name_key (NFKC, invisible characters, case, confusables)."""

from __future__ import annotations

import pytest

from jwc_graph.base.lookalike import lookalikes, name_key


@pytest.mark.parametrize(
    "name", ["Terr\u0435 des hommes", "Terre\u200b des hommes", "\uff34erre des hommes", "TERRE  DES HOMMES"]
)
def test_look_alikes_get_the_plain_names_key(name):
    assert name_key(name) == name_key("Terre des hommes")


def test_different_names_keep_different_keys_and_the_odd_characters_are_named():
    assert name_key("Terre des hommes") != name_key("Terre des femmes")
    assert name_key("D\u00e9fense des Enfants") != name_key("Defense des Enfants")  # a spelling, not a look-alike
    assert lookalikes("Terr\u0435") == ["U+0435 CYRILLIC SMALL LETTER IE"]
