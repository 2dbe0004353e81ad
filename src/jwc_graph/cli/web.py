"""The command that serves the graph: `jwc serve` (build first, then the explorer and SPARQL endpoint)."""

from __future__ import annotations

import click

from ..base.project import find_project
from ..rdf.files import format_size
from ..web.settings import DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_MAX_UPLOAD, DEFAULT_TIMEOUT
from .build import build_and_report, project_max_size
from .output import Size


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=float, help="Seconds before a query is stopped."
)
@click.option(
    "--max-rows", default=DEFAULT_MAX_ROWS, show_default=True, type=int, help="Most result rows a query returns."
)
@click.option(
    "--allow-service",
    multiple=True,
    metavar="HOST",
    help="A host SPARQL SERVICE clauses may call (repeatable); none by default.",
)
@click.option(
    "--max-query-memory",
    type=Size(),
    default=format_size(DEFAULT_MAX_MEMORY),
    show_default=True,
    help="Most memory one query may take; past it the query is stopped (503).",
)
@click.option(
    "--max-upload",
    type=Size(),
    default=format_size(DEFAULT_MAX_UPLOAD),
    show_default=True,
    help="Largest file the validation page (/validate) takes.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Processes answering SPARQL queries at once (a query is one process's job).  [default: cores + 1, at most 8]",
)
@click.option("--no-cache", is_flag=True, help="Run every query, even one just answered on an unchanged store.")
@click.option("--no-build", is_flag=True, help="Serve the store as it is, without `jwc build` first.")
@project_max_size
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    allow_service: tuple[str, ...],
    max_query_memory: int,
    max_upload: int,
    workers: int | None,
    no_cache: bool,
    no_build: bool,
    max_size: int,
) -> None:
    """Build, then serve the SPARQL endpoint (/sparql), query page, entity pages and map."""
    from ..web import app

    project = find_project()
    if not no_build:
        build_and_report(project, max_size=max_size)
    app.serve(
        project,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        service_allow=list(allow_service),
        max_memory=max_query_memory,
        max_upload=max_upload,
        workers=workers,
        cache=not no_cache,
    )


COMMANDS = [serve]
