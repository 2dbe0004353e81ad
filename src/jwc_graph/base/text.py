"""Text from the data made safe for the medium it is written to: a spreadsheet cell, an XML file, a terminal.

Names and notes come from sources and submissions; a label may start with `=` or hold an ESC. Each
output escapes for its own medium here, so no writer has to remember the rules.
"""

from __future__ import annotations

import re

#: C0 and C1 control characters other than tab, line feed and carriage return, plus DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What XML 1.0 forbids in a document (C0 controls but tab/LF/CR, surrogates, U+FFFE and U+FFFF).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: A cell a spreadsheet would read as a formula (OWASP's list: = + - @ tab CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def control_chars(text: str) -> list[str]:
    """The control characters in `text`, as U+XXXX, for a message that names them."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


def csv_cell(value: object) -> object:
    """A value safe in a CSV a spreadsheet opens: text that would start a formula gets a leading `'`.

    Numbers are left as numbers (a negative count is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_cells(row: dict) -> dict:
    """Every cell of a CSV row (as csv.DictWriter takes it) made safe with `csv_cell`."""
    return {k: csv_cell(v) for k, v in row.items()}


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (escaping is the XML writer's job; these cannot
    be escaped at all)."""
    return XML_FORBIDDEN.sub("\ufffd", text)


def xml_bytes_safe(body: bytes) -> bytes:
    """A serialized XML document (UTF-8) without the characters XML 1.0 forbids: pyoxigraph writes a label's
    ESC as it is, which no XML parser would then read."""
    text = body.decode("utf-8")
    return xml_safe(text).encode("utf-8") if XML_FORBIDDEN.search(text) else body


def terminal_safe(text: str) -> str:
    """`text` with control characters shown as `\\u001b`-style escapes (valid in JSON too), so data cannot move a
    terminal's cursor, set its title or erase what it shows; tabs and line breaks stay."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
