"""`jwc validate`, `jwc path` and the CSV outputs printed raw ANSI sequences from the data (a label could set
the terminal's title or erase the screen; rich passes ESC through). Text for a person goes through
base.text.terminal_safe, on the consoles too."""

from __future__ import annotations

import io

from jwc_graph.base.text import terminal_safe
from jwc_graph.cli.output import SafeConsole


def test_control_characters_are_shown_as_escapes_and_layout_characters_stay():
    assert terminal_safe("a\x1b]0;title\x07b\tc\nd") == "a\\u001b]0;title\\u0007b\tc\nd"
    assert terminal_safe("\x9b2J") == "\\u009b2J"  # the 8-bit CSI


def test_the_console_escapes_what_it_prints_from_data():
    out = io.StringIO()
    SafeConsole(file=out, force_terminal=False).print("x\x1b[2Jy", markup=False)
    assert "\x1b" not in out.getvalue() and "\\u001b[2Jy" in out.getvalue()
