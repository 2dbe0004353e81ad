"""The `jwc` command: parses arguments and calls the same functions the tests and notebooks call."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import click
from rich.console import Console
from rich.table import Table

from .. import __version__

from ..sparql import catalogue

from ..rdf import exports

from ..build import stats
from ..sparql import query as sparql
from ..build.pipeline import build as run_build
from pathlib import Path

from ..base.errors import InputError, JwcError, NotConforming
from ..base.namespaces import shorten
from ..base.project import find_project
from ..rdf.store import LOAD_MAX_SIZE, load_in_memory, open_store

err_console = Console(stderr=True, highlight=False)
out_console = Console(highlight=False)


def _progress(quiet: bool):
    """A progress callback: one line per step on stderr (a spinner on a terminal)."""
    if quiet:
        return lambda msg: None
    if err_console.is_terminal:
        status = err_console.status("starting")
        status.start()

        def update(msg: str) -> None:
            status.update(msg)
        update.stop = status.stop  # type: ignore[attr-defined]
        return update
    return lambda msg: err_console.print(f"[dim]jwc:[/dim] {msg}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jwc")
def cli() -> None:
    """jwc-graph: build, query and export the knowledge graph of international child justice."""


def print_summary(project, result) -> None:
    """What a build did, where its outputs are, and what validation and the reasoner said."""
    t = result.totals
    if result.skipped:
        out_console.print(f"jwc-graph is up to date: {t['triples']:,} triples in {t['graphs']} named graphs, "
                          f"{t['entities']:,} entities (nothing changed; `jwc build --force` rebuilds)")
    else:
        out_console.print(f"jwc-graph built in {result.seconds:.1f} s: {t['triples']:,} triples in "
                          f"{t['graphs']} named graphs, {t['entities']:,} entities")
        out_console.print(f"  validation: {result.report.summary()} "
                          f"(details: {project.relative(result.dist / 'validation.txt')})")
        out_console.print(f"  reasoner (HermiT): {result.reasoning.text()}")
    out_console.print(f"  store: {project.relative(result.store)}")
    out_console.print(f"  exports in {project.relative(result.dist)}/: {' '.join(result.files)}")


def build_and_report(project, *, force: bool = False, quiet: bool = False, max_size: str) -> None:
    """`jwc build` as `build` and `serve` run it: progress while it works, then the summary."""
    progress = _progress(quiet)
    try:
        result = run_build(project, force=force, progress=progress, max_size=_size(max_size))
    finally:
        getattr(progress, "stop", lambda: None)()
    print_summary(project, result)


#: The size limit on project files, for every command that parses them.
project_max_size = click.option("--max-size", default="50MB", show_default=True,
                                help="Refuse project files bigger than this, unread.")


@cli.command()
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@project_max_size
def build(force: bool, quiet: bool, max_size: str) -> None:
    """Validate ontology/, shapes/ and data/, then write the store (.jwc/store) and dist/ exports."""
    build_and_report(find_project(), force=force, quiet=quiet, max_size=max_size)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(list(exports.FORMATS)), default="trig", show_default=True,
              help="RDF format; turtle writes the union of all graphs, the others keep the named graphs.")
def export(fmt: str) -> None:
    """Write the whole graph (all named graphs, ontology and shapes included) to standard output."""
    store = open_store(find_project().store_dir)
    data = exports.serialize(exports.canonical(store), fmt)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@cli.command(name="check-ontology")
@click.option("--with-data/--ontology-only", default=True, show_default=True,
              help="Reason over the data too (its individuals must fit the ontology), or the ontology alone.")
@click.option("--hierarchy/--no-hierarchy", default=True, show_default=True, help="Print the inferred class hierarchy.")
@project_max_size
def check_ontology(with_data: bool, hierarchy: bool, max_size: str) -> None:
    """Check the ontology with HermiT: consistency, unsatisfiable classes, inferred class hierarchy."""
    from ..rdf import convert
    from ..build import reasoning
    from ..build.pipeline import parse_inputs
    project = find_project()
    roles = ("ontology", "data") if with_data else ("ontology",)
    files = [f for f in parse_inputs(project, _progress(True), _size(max_size)) if f.role in roles]
    result = reasoning.check(convert.to_graph(q for f in files for q in f.quads), hierarchy=hierarchy)
    scope = "the ontology and the data" if with_data else "the ontology"
    out_console.print(f"HermiT on {scope} ({result.classes} classes): "
                      + ("consistent" if result.consistent else "INCONSISTENT"), markup=False)
    if result.consistent:
        out_console.print("unsatisfiable classes: " + (", ".join(result.unsatisfiable) or "none"), markup=False)
        out_console.print("subclass relations the reasoner inferred beyond those asserted: "
                          + ("; ".join(result.inferred) or "none"), markup=False)
    if hierarchy and result.hierarchy:
        out_console.print("inferred class hierarchy:", markup=False)
        out_console.print("\n".join(result.hierarchy), markup=False, highlight=False, soft_wrap=True)
    if not result.ok:
        raise NotConforming(result.text(), fix="see ontology/jwc.ttl for the disjointness axioms and class definitions")


@cli.command(name="query")
@click.argument("query_text", required=False, metavar="QUERY")
@click.option("--name", "-n", help="Run a catalogue query by name (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the query catalogue and exit.")
@click.option("--format", "-f", "fmt", type=click.Choice(sparql.OUTPUT_FORMATS),
              help="Output format. Default: an aligned table on a terminal; CSV (SELECT), "
                   "SPARQL JSON (ASK) or Turtle (CONSTRUCT/DESCRIBE) otherwise.")
@click.option("--endpoint", "-e", metavar="URL", help="Send the query to this SPARQL 1.1 endpoint instead.")
@click.option("--data", "-d", "data", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Query these RDF files instead (loaded into memory, no build needed); repeat for more files.")
@click.option("--max-size", help="With --data: refuse files bigger than this, unread (default: 1GB).")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many rows.")
def query_cmd(query_text: str | None, name: str | None, list_: bool, fmt: str | None, endpoint: str | None,
              data: tuple[Path, ...], max_size: str | None, limit: int | None) -> None:
    """Run SPARQL: QUERY is the query itself, a .rq file, or - to read standard input.

    It runs on the built graph (.jwc/store), on the RDF files given with --data, or on a remote
    endpoint given with --endpoint.
    """
    if endpoint and data:
        raise InputError("--endpoint and --data both given", fix="query either a remote endpoint or local files")
    if max_size and not data:
        raise InputError("--max-size applies to --data files only", fix="add --data FILE, or leave --max-size out")
    if list_:
        for q in catalogue.load(find_project().queries_dir):
            click.echo(f"{q.name:32} {q.title}")
        return
    if name:
        text = catalogue.find(find_project().queries_dir, name).text
    elif query_text == "-":
        text = sys.stdin.read()
    elif query_text and query_text.endswith(".rq"):
        path = Path(query_text)
        if not path.is_file():
            raise InputError(f"{query_text}: no such query file")
        text = path.read_text(encoding="utf-8")
    elif query_text:
        text = query_text
    else:
        raise InputError("no query given", fix="pass the query, a .rq file, - for standard input, or --name NAME")
    if endpoint:
        answer = sparql.run_remote(endpoint, text)
    elif data:
        answer = sparql.run(load_in_memory(data, max_size=_size(max_size) if max_size else LOAD_MAX_SIZE), text, limit=limit)
    else:
        answer = sparql.run(open_store(find_project().store_dir), text, limit=limit)
    if fmt is None:
        fmt = ("table" if sys.stdout.isatty() else
               {"select": "csv", "ask": "json", "construct": "turtle"}[answer.form])
    sys.stdout.buffer.write(answer.serialize(fmt))
    sys.stdout.buffer.flush()


@cli.command(name="stats")
@click.option("--by", type=click.Choice(["class", "source", "both"]), default="both", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def stats_cmd(by: str, fmt: str) -> None:
    """Count entities by class and triples by source."""
    store = open_store(find_project().store_dir)
    tables = {}
    if by in ("class", "both"):
        tables["class"] = stats.by_class(store)
    if by in ("source", "both"):
        tables["source"] = stats.by_source(store)
    if fmt == "json":
        click.echo(json.dumps({"totals": stats.totals(store), **tables}, indent=2, ensure_ascii=False))
        return
    for name, rows in tables.items():
        if fmt == "csv":
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["empty"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            click.echo(buf.getvalue(), nl=False)
            continue
        table = Table(title=f"by {name}", title_justify="left")
        for col in rows[0] if rows else []:
            table.add_column(col, justify="right" if col in ("entities", "triples") else "left",
                             overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else f"{v:,}" if isinstance(v, int)
                            else shorten(v) if k in ("graph", "class") else str(v) for k, v in row.items()))
        out_console.print(table)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--max-rows", default=10000, show_default=True, type=int, help="Most result rows a query returns.")
@click.option("--allow-service", multiple=True, metavar="HOST",
              help="A host SPARQL SERVICE clauses may call (repeatable); none by default.")
@click.option("--no-build", is_flag=True, help="Serve the store as it is, without `jwc build` first.")
@project_max_size
def serve(host: str, port: int, timeout: float, max_rows: int, allow_service: tuple[str, ...], no_build: bool,
          max_size: str) -> None:
    """Build, then serve the SPARQL endpoint (/sparql), query page, entity pages and map."""
    from ..web import app as server
    project = find_project()
    if not no_build:
        build_and_report(project, max_size=max_size)
    server.serve(project, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 service_allow=list(allow_service))


@cli.command()
@click.option("--endpoint", "-e", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store), "
                   "or its SPARQL Update URL with --update.")
@click.option("--update", is_flag=True, help="Use SPARQL Update (INSERT DATA) instead of the Graph Store Protocol.")
@click.option("--replace/--add", default=True, show_default=True,
              help="Replace each named graph on the store, or add to it.")
def push(endpoint: str, update: bool, replace: bool) -> None:
    """Load the whole graph, named graphs kept, into a SPARQL 1.1 store."""
    from ..sparql import remote
    project = find_project()
    progress = _progress(False)
    try:
        summary = remote.push(open_store(project.store_dir), endpoint, use_update=update, replace=replace,
                              progress=progress)
    finally:
        getattr(progress, "stop", lambda: None)()
    out_console.print(summary.text(), soft_wrap=True, markup=False)


@cli.command()
@click.option("--triples", "-n", required=True, type=click.IntRange(min=100), help="About how many triples.")
@click.option("--seed", default=1, show_default=True, type=int, help="Random seed: same seed, same graph.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="TriG file (default: stdout).")
def synth(triples: int, seed: int, out: Path | None) -> None:
    """Write a realistic, shape-conforming synthetic graph of about N triples, for scale tests."""
    from ..rdf import synth as synthetic
    if out is None:
        synthetic.write_trig(sys.stdout.buffer, triples, seed=seed)
        sys.stdout.buffer.flush()
        return
    tmp = out.with_name(out.name + ".part")
    with tmp.open("wb") as fh:  # streamed, and put in place only when complete
        written = synthetic.write_trig(fh, triples, seed=seed)
    os.replace(tmp, out)
    err_console.print(f"[dim]jwc:[/dim] wrote {written:,} triples to {out}")


@cli.command(name="map")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("dist/map.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of this entity (any of its names).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="Steps out from --focus.")
@click.option("--kinds", metavar="K,K", help="Node kinds to include (see `jwc analyse --help`).")
@click.option("--since", type=int, metavar="YEAR", help="Leave out events and memberships that end before YEAR.")
@click.option("--until", type=int, metavar="YEAR", help="Leave out events and memberships that start after YEAR.")
@click.option("--size-by", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree", show_default=True)
@click.option("--theme", metavar="NAME", help="Show only what is tied to this theme or priority (any of its names).")
@click.option("--collapse", type=click.IntRange(min=1), metavar="N",
              help="Start with hubs of more than N neighbours collapsed (the page can expand them again).")
def map_cmd(out: Path, focus: str | None, depth: int, kinds: str | None, since: int | None, until: int | None,
            size_by: str, theme: str | None, collapse: int | None) -> None:
    """Write the interactive network map: one self-contained HTML file that works offline."""
    from ..network import map as graph_map
    project = find_project()
    path = graph_map.write_map(open_store(project.store_dir), out, focus=focus, depth=depth,
                               kinds=kinds.split(",") if kinds else None, since=since, until=until, size_by=size_by,
                               theme=theme, collapse=collapse)
    out_console.print(f"map written to {path} (open it in a browser; it needs no network)")


_KINDS_HELP = "Node kinds, comma-separated, or all (default: all but place and outcome)."


def _network(kinds: str | None, edge_kinds: str | None = None):
    """The networkx projection of the built store, for `analyse`, `path` and `network-export`."""
    from ..network import projection as network
    store = open_store(find_project().store_dir)
    return network.project(store, kinds=network.parse_kinds(kinds),
                           edge_kinds=network.parse_kinds(edge_kinds) if edge_kinds else None)


@cli.command()
@click.option("--kinds", metavar="K,K", help=_KINDS_HELP + " Kinds: partnership, coalition, organisation, person, "
              "programme, event, commitment, outcome, recommendation, priority, theme, goal, instrument, "
              "publication, award, place.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]),
              help="Default: tables on a terminal, CSV otherwise.")
@click.option("--top", type=click.IntRange(min=1), help="Only the N most central nodes (default on a terminal: 20).")
def analyse(kinds: str | None, fmt: str | None, top: int | None) -> None:
    """Degree, betweenness, PageRank and community of every node, and the brokers between coalitions."""
    from ..network import analysis
    result = analysis.analyse(_network(kinds))
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "json":
        click.echo(analysis.to_json(result, top))
    elif fmt == "csv":
        click.echo(analysis.to_csv(result, top), nl=False)
    else:
        for table in analysis.tables(result, top or 20):
            out_console.print(table)


@cli.command()
@click.argument("start", metavar="A")
@click.argument("end", metavar="B")
@click.option("--max", "max_paths", type=click.IntRange(min=1), default=3, show_default=True,
              help="Most shortest paths to show.")
@click.option("--kinds", metavar="K,K", help=_KINDS_HELP)
@click.option("--edge-kinds", metavar="K,K", help="Only links of these kinds (e.g. member,partner).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def path(start: str, end: str, max_paths: int, kinds: str | None, edge_kinds: str | None, fmt: str) -> None:
    """The shortest chains of links between entities A and B (any of their names), with the source of each link."""
    from ..network import projection as network, paths
    g = _network(kinds, edge_kinds)
    a, b = network.resolve(g, start), network.resolve(g, end)
    chains = paths.shortest(g, a, b, max_paths=max_paths)
    if fmt == "json":
        click.echo(json.dumps(paths.as_records(g, chains), indent=2, ensure_ascii=False))
        return
    for i, record in enumerate(paths.as_records(g, chains), 1):
        out_console.print(f"{i}. {' → '.join(record['nodes'])}", markup=False, style="bold",
                          soft_wrap=not out_console.is_terminal)
        out_console.print(f"   {record['text']}\n", markup=False, soft_wrap=not out_console.is_terminal)


@cli.command(name="network-export")
@click.option("--format", "-f", "fmt", type=click.Choice(["graphml", "gexf", "kumu"]), required=True,
              help="graphml or gexf (Gephi), or kumu (a folder with elements.csv and connections.csv).")
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="The file to write (default: standard output); for kumu, the folder (default: ./kumu).")
@click.option("--kinds", metavar="K,K", help=_KINDS_HELP)
def network_export(fmt: str, out: Path | None, kinds: str | None) -> None:
    """Export the network, with centrality and communities, for Gephi (GraphML, GEXF) or Kumu (CSV)."""
    from ..network import exports as network_exports
    g = _network(kinds)
    if fmt != "kumu" and out is None:
        sys.stdout.buffer.write(getattr(network_exports, fmt)(g))
        sys.stdout.buffer.flush()
        return
    written = network_exports.write(g, fmt, out)
    err_console.print(f"[dim]jwc:[/dim] wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} links to "
                      f"{', '.join(str(p) for p in written)}")


def _size(text: str) -> int:
    """A size such as 50MB, 200k or 1048576 (bytes), for --max-size."""
    import re
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text.lower())
    if not match:
        raise InputError(f"--max-size {text!r}: not a size", fix="write a size such as 50MB, 500k or 1048576")
    return int(float(match[1]) * 1024 ** " kmg".index(match[2] or " "))


@cli.command(name="validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "turtle", "html"]), default="text",
              show_default=True, help="Report format (turtle: the SHACL validation report).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--max-size", default="50MB", show_default=True, help="Refuse files bigger than this, unread.")
def validate_cmd(files: tuple[Path, ...], fmt: str, output: Path | None, max_size: str) -> None:
    """Check submission files (RDF or CSV templates) against the shapes, with the built graph as context."""
    from ..intake import reports, check as submission
    report = submission.validate_files(find_project(), files, max_size=_size(max_size))
    rendered = reports.render(report, fmt)
    if output:
        tmp = output.with_name(output.name + ".part")
        tmp.write_text(rendered, encoding="utf-8")
        os.replace(tmp, output)
        err_console.print(f"report written to {output}: {report.summary()}", markup=False)
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    if not report.conforms:
        raise NotConforming(f"the submission does not conform: {report.summary()}",
                            fix="correct the records named in the report and run `jwc validate` again")


@cli.command(name="template")
@click.argument("kind", type=click.Choice(["organisations", "memberships", "events", "commitments"]))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV here.")
def template_cmd(kind: str, output: Path | None) -> None:
    """Write a CSV template (header, a guidance row and an example row) for `jwc validate`."""
    from ..intake.csv_templates import write_template
    buf = io.StringIO()
    write_template(kind, buf)
    if output:
        output.write_text(buf.getvalue(), encoding="utf-8")
        err_console.print(f"template written to {output} (docs/csv-templates.md explains the columns)", markup=False)
    else:
        sys.stdout.write(buf.getvalue())


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", required=True, help="Where the facts come from: a public URL, or a description of the source.")
@click.option("--submitter", default=lambda: os.environ.get("USER") or "unknown", show_default="$USER",
              help="Who sent the file.")
@click.option("--max-size", default="50MB", show_default=True, help="Refuse files bigger than this, unread.")
def submit(files: tuple[Path, ...], source: str, submitter: str, max_size: str) -> None:
    """Validate, then store the files as one new named graph with its PROV record, in one atomic step."""
    import gc

    from ..intake import reports, check as submission, ledger as submissions
    project = find_project()
    store = open_store(project.store_dir)
    report = submission.validate_files(project, files, store=store, max_size=_size(max_size))
    del store
    gc.collect()  # the read-only handle must be closed before the store is opened for writing
    if report.issues:
        sys.stdout.write(reports.render(report, "text"))
    if not report.conforms:
        raise NotConforming(f"the submission was not stored: {report.summary()}",
                            fix="correct the records named in the report, check with `jwc validate`, then submit again")
    raw = b"".join(Path(f).read_bytes() for f in files)
    sid, quads = submissions.prepare(report.quads(), source, submitter, raw, ", ".join(Path(f).name for f in files))
    path = submissions.accept(project, quads, sid)
    out_console.print(f"accepted as submission {sid}: {report.triples():,} triples in graph "
                      f"<{submissions.SUBMISSION}{sid}>, recorded in {project.relative(path)}\n"
                      f"  the store is updated; `jwc build` refreshes dist/, `jwc submissions revert {sid}` undoes it",
                      markup=False, soft_wrap=True)


@cli.group(name="submissions")
def submissions_group() -> None:
    """List, show or revert accepted submissions."""


@submissions_group.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def submissions_list(fmt: str) -> None:
    """Every accepted submission, oldest first."""
    from ..intake import ledger as submissions
    project = find_project()
    repaired = submissions.reconcile(project, submissions.open_writable(project))
    for line in repaired:
        err_console.print(f"jwc: store repaired after an interrupted command: {line}", markup=False, soft_wrap=True)
    rows = submissions.listing(project)
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "graph": r.graph, "source": r.source, "submitter": r.submitter,
                                "time": r.time, "sha256": r.sha256, "file": r.original, "triples": r.triples}
                               for r in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        out_console.print("no submissions yet (`jwc submit FILE --source ...` adds one)")
        return
    table = Table(title_justify="left")
    for col in ("id", "time", "submitter", "triples", "source", "file"):
        table.add_column(col, justify="right" if col == "triples" else "left", overflow="fold")
    for r in rows:
        table.add_row(r.id, r.time, r.submitter, f"{r.triples:,}", r.source, r.original)
    out_console.print(table)


@submissions_group.command(name="show")
@click.argument("submission_id", metavar="ID")
def submissions_show(submission_id: str) -> None:
    """A submission's record and its facts, as TriG."""
    from ..intake import ledger as submissions
    sub = submissions.find(find_project(), submission_id)
    out_console.print(f"submission {sub.id}: {sub.triples:,} triples from {sub.original}, sent by {sub.submitter} "
                      f"at {sub.time}\n  source: {sub.source}\n  sha256: {sub.sha256}", markup=False, soft_wrap=True)
    sys.stdout.write(sub.path.read_text(encoding="utf-8"))


@submissions_group.command(name="revert")
@click.argument("submission_id", metavar="ID")
def submissions_revert(submission_id: str) -> None:
    """Remove a submission's graph and record from the store and from data/submissions/."""
    from ..intake import ledger as submissions
    sub = submissions.revert(find_project(), submission_id)
    out_console.print(f"reverted submission {sub.id}: {sub.triples:,} triples removed", markup=False)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors become one clear message and an exit code, never a traceback."""
    try:
        cli.main(args=argv, prog_name="jwc", standalone_mode=False)
        return 0
    except JwcError as err:
        err_console.print(f"[bold red]error:[/bold red] {err.message}", markup=True, highlight=False, soft_wrap=True)
        if err.fix:
            err_console.print(f"  fix: {err.fix}", markup=False, soft_wrap=True)
        return err.exit_code
    except click.exceptions.Abort:
        err_console.print("interrupted")
        return 130
    except click.ClickException as err:
        err.show()
        return 2
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks for users
        if os.environ.get("JWC_DEBUG"):
            raise
        err_console.print(f"internal error: {type(err).__name__}: {err}\n"
                          "  run again with JWC_DEBUG=1 for the traceback, and please report it", markup=False)
        return 2


if __name__ == "__main__":
    sys.exit(main())
