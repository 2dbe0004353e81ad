"""What every command shares for its input and output: the consoles, progress lines, sizes, tables and files.

Rows come from the library as lists of dicts; here they become an aligned table on a terminal or CSV.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..base.atomic import write_atomic
from ..base.text import csv_cells, terminal_safe
from ..rdf.files import format_size, parse_size


class SafeConsole(Console):
    """A rich Console that shows control characters from the data as escapes: rich itself passes ESC through."""

    def render_str(self, text: str, **kwargs):
        return super().render_str(terminal_safe(text), **kwargs)


err_console = SafeConsole(stderr=True, highlight=False, soft_wrap=True)  # messages are never cut into lines
out_console = SafeConsole(highlight=False)


def echo(text: str, nl: bool = True) -> None:
    """Text for a person (a report, a table, CSV rows) on stdout, control characters from data escaped."""
    click.echo(terminal_safe(text), nl=nl)


def write_bytes(body: bytes) -> None:
    """A machine format (query results, an export) on stdout: exact bytes into a file or a pipe, control
    characters escaped only when stdout is a terminal."""
    if sys.stdout.isatty():
        body = terminal_safe(body.decode("utf-8", errors="replace")).encode("utf-8")
    sys.stdout.buffer.write(body)
    sys.stdout.buffer.flush()


def progress(quiet: bool):
    """A progress callback: one line per step on stderr (a spinner on a terminal); call `.stop()` when done."""
    if quiet:
        return _Progress(lambda msg: None, lambda: None)
    if err_console.is_terminal:
        status = err_console.status("starting")
        status.start()
        return _Progress(status.update, status.stop)
    return _Progress(lambda msg: err_console.print(f"[dim]jwc:[/dim] {msg}"), lambda: None)


class _Progress:
    """A callable that reports a step, and stops its spinner when the work is done."""

    def __init__(self, update, stop):
        self._update, self.stop = update, stop

    def __call__(self, msg: str) -> None:
        self._update(msg)


class Size(click.ParamType):
    """A size such as 50MB, 500k or 1048576 (bytes)."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        return value if isinstance(value, int) else parse_size(value)


def max_size_option(default: int, help: str = "Refuse files bigger than this, unread."):
    """The `--max-size` option, its default shown as people write it (50MB)."""
    return click.option("--max-size", type=Size(), default=format_size(default), show_default=True, help=help)


def write_text(path: Path, text: str) -> None:
    """Write a file in place only when complete, so a failure leaves no half file."""
    write_atomic(path, text)


def rows_csv(rows: list[dict]) -> str:
    """Rows as CSV, the header from the first row's keys."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["empty"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_cells(row) for row in rows)
    return buf.getvalue()


def rows_table(
    rows: list[dict],
    title: str | None = None,
    cell=lambda key, value: str(value),
    right: tuple[str, ...] = (),
    whole: tuple[str, ...] = (),
) -> Table:
    """Rows as an aligned rich table; `cell` writes each value, columns in `right` are right-aligned, columns in
    `whole` are never broken (identifiers people copy), the others fold to the width."""
    table = Table(title=title, title_justify="left")
    for col in rows[0] if rows else []:
        table.add_column(
            col,
            justify="right" if col in right else "left",
            overflow="fold",
            no_wrap=col in whole,
            min_width=max((len(str(r.get(col, ""))) for r in rows), default=0) if col in whole else None,
        )
    for row in rows:
        table.add_row(*("" if v is None else cell(k, v) for k, v in row.items()))
    return table
