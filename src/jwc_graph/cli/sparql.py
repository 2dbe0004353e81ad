"""Commands for SPARQL: `jwc query` on the built graph, files or a remote endpoint, and `jwc push` to another store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..base.errors import InputError
from ..base.project import find_project
from ..rdf.files import MAX_LOAD_SIZE
from ..sparql import catalogue, query
from ..sparql.graph import open_graph
from .output import Size, echo, err_console, out_console, progress, write_bytes


@click.command(name="query")
@click.argument("query_text", required=False, metavar="QUERY")
@click.option("--name", "-n", help="Run a catalogue query by name (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the query catalogue and exit.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(query.OUTPUT_FORMATS),
    help="Output format. Default: an aligned table on a terminal; CSV (SELECT), "
    "SPARQL JSON (ASK) or Turtle (CONSTRUCT/DESCRIBE) otherwise.",
)
@click.option("--endpoint", "-e", metavar="URL", help="Send the query to this SPARQL 1.1 endpoint instead.")
@click.option(
    "--data",
    "-d",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Query these RDF files instead (loaded into memory, no build needed); repeat for more files.",
)
@click.option(
    "--default-graph",
    "default_graph",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Load this file's triples into the default graph (loaded in memory, like --data); with it, the "
    "default graph is these files only, not the union of the --data graphs. An empty file is an empty graph.",
)
@click.option(
    "--base",
    "base_iri",
    metavar="IRI",
    help="Resolve the query's relative IRIs against this IRI (default: the .rq file's, else the current folder's).",
)
@click.option("--max-size", type=Size(), help="With --data: refuse files bigger than this, unread (default: 1GB).")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many rows.")
def query_command(
    query_text: str | None,
    name: str | None,
    list_: bool,
    fmt: str | None,
    endpoint: str | None,
    data: tuple[Path, ...],
    default_graph: tuple[Path, ...],
    base_iri: str | None,
    max_size: int | None,
    limit: int | None,
) -> None:
    """Run SPARQL: QUERY is the query itself, a .rq file, or - to read standard input.

    It runs on the built graph (.jwc/store), on the RDF files given with --data and --default-graph,
    or on a remote endpoint given with --endpoint.
    """
    if endpoint and (data or default_graph):
        raise InputError(
            f"--endpoint and {'--data' if data else '--default-graph'} both given",
            fix="query either a remote endpoint or local files",
        )
    if max_size and not (data or default_graph):
        raise InputError("--max-size applies to --data files only", fix="add --data FILE, or leave --max-size out")
    if list_:
        for q in catalogue.load(find_project().queries_dir):
            echo(f"{q.name:32} {q.title}")
        return
    text = catalogue.find(find_project().queries_dir, name).text if name else query.read_query(query_text)
    graph = open_graph(
        endpoint=endpoint,
        files=list(data) or None,
        default_graph=list(default_graph) or None,
        max_size=max_size or MAX_LOAD_SIZE,
    )
    if base_iri is None and not endpoint:
        base_iri = query.base_for(query_text if not name else None)
    answer = graph.query(text, limit=limit, base_iri=base_iri)
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else {"select": "csv", "ask": "json", "construct": "turtle"}[answer.form]
    for warning in answer.warnings:
        err_console.print(f"warning: {warning}", markup=False)
    write_bytes(answer.serialize(fmt))


@click.command()
@click.option(
    "--endpoint",
    "-e",
    required=True,
    metavar="URL",
    help="The store's Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store), "
    "or its SPARQL Update URL with --update.",
)
@click.option("--update", is_flag=True, help="Use SPARQL Update (INSERT DATA) instead of the Graph Store Protocol.")
@click.option(
    "--replace/--add", default=True, show_default=True, help="Replace each named graph on the store, or add to it."
)
@click.option(
    "--user",
    metavar="NAME",
    help="Log in to the store as NAME (Digest or Basic, as the store asks); the password is read from the "
    "environment variable JWC_PUSH_PASSWORD, never from the command line.",
)
@click.option(
    "--default-graph/--no-default-graph",
    default=True,
    show_default=True,
    help="Also send the default graph (the set union of the named graphs); leave it out for a store whose "
    "default graph is already the union of its graphs (Virtuoso).",
)
def push(endpoint: str, update: bool, replace: bool, user: str | None, default_graph: bool) -> None:
    """Load the whole graph, named graphs kept, into a SPARQL 1.1 store."""
    from ..rdf.store import open_store
    from ..sparql import credentials, remote

    login = credentials.from_environment(user) if user else None
    steps = progress(False)
    try:
        summary = remote.push(
            open_store(find_project().store_dir),
            endpoint,
            use_update=update,
            replace=replace,
            progress=steps,
            credentials=login,
            default_graph=default_graph,
        )
    finally:
        steps.stop()
    out_console.print(summary.text(), soft_wrap=True, markup=False)


COMMANDS = [query_command, push]
