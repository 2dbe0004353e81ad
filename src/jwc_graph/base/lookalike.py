"""The key under which two names count as the same name, whatever look-alike characters they are written with.

"Terre des hommes" with a Cyrillic "е", with a zero-width space, in fullwidth letters, or in another case
all get the key of the plain name: NFKC (fullwidth and compatibility forms), invisible format characters
dropped (zero-width space, joiners, bidi marks), case folded, white space collapsed, and each non-ASCII
character that the Unicode confusables table (via confusable_homoglyphs) says looks like an ASCII one
replaced by it. ASCII itself is left alone, so "Il" and "1l" stay distinct names.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files


@cache
def _ascii_twins() -> dict[str, str]:
    """Non-ASCII character -> the ASCII character it is confusable with (where the table names one)."""
    table = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8"))
    twins = {}
    for char, glyphs in table.items():
        if len(char) == 1 and not char.isascii():
            ascii_ones = sorted(g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum())
            if ascii_ones:
                twins[char] = ascii_ones[0]
    return twins


def name_key(name: str) -> str:
    """The name reduced to what a reader sees: equal keys mean names a person cannot tell apart."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    twins = _ascii_twins()
    text = "".join(twins.get(ch, ch) for ch in text)  # before case folding (Greek capital eta looks like H) ...
    text = "".join(twins.get(ch, ch) for ch in text.casefold())  # ... and after (folding makes new letters)
    return " ".join(text.split())


def lookalikes(name: str) -> list[str]:
    """The characters in `name` that only look like others (U+0435 CYRILLIC SMALL LETTER IE), for a message."""
    twins = _ascii_twins()
    found = []
    for ch in unicodedata.normalize("NFC", name):
        if unicodedata.category(ch) == "Cf" or ch in twins or unicodedata.normalize("NFKC", ch) != ch:
            found.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}")
    return sorted(set(found))
