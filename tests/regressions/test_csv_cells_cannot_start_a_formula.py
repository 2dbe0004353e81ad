"""Kumu CSV and `jwc analyse --format csv` wrote cells starting with = + - @ as they were: a spreadsheet runs
them (=HYPERLINK(...)). Every CSV writer now passes its cells through base.text.csv_cell."""

from __future__ import annotations

from jwc_graph.base.text import csv_cell, csv_cells


def test_formula_starts_get_a_quote_and_numbers_stay_numbers():
    assert csv_cell('=HYPERLINK("http://e.example")') == '\'=HYPERLINK("http://e.example")'
    assert [csv_cell(x) for x in ("+1", "-x", "@SUM(A1)", "\tx", "\rx")] == ["'+1", "'-x", "'@SUM(A1)", "'\tx", "'\rx"]
    assert csv_cell(-3) == -3 and csv_cell(0.5) == 0.5 and csv_cell("Plan International") == "Plan International"
    assert csv_cells({"a": "=1", "b": 2}) == {"a": "'=1", "b": 2}
