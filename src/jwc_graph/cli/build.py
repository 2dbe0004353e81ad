"""Commands of the build: `jwc build`, `export`, `stats`, `check-ontology` and `synth`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pyoxigraph as ox

from ..base.errors import NotConforming
from ..base.namespaces import DATASET, shorten
from ..base.project import find_project
from ..build import conflicts, stats
from ..build.pipeline import build as run_build
from ..rdf import exports
from ..rdf.files import MAX_SIZE
from ..rdf.store import open_store
from .output import echo, err_console, max_size_option, out_console, progress, rows_csv, rows_table, write_bytes

DESCRIPTION = ox.NamedNode(DATASET)
#: The size limit on project files, for every command that parses them.
project_max_size = max_size_option(MAX_SIZE)


def print_summary(project, result) -> None:
    """What a build did, where its outputs are, and what validation and the reasoner said."""
    t = result.totals
    if result.skipped:
        out_console.print(
            f"jwc-graph is up to date: {t['triples']:,} triples in {t['graphs']} named graphs, "
            f"{t['entities']:,} entities (nothing changed; `jwc build --force` rebuilds)"
        )
    else:
        out_console.print(
            f"jwc-graph built in {result.seconds:.1f} s: {t['triples']:,} triples in "
            f"{t['graphs']} named graphs, {t['entities']:,} entities"
        )
        out_console.print(
            f"  validation: {result.report.summary()} (details: {project.relative(result.dist / 'validation.txt')})"
        )
        out_console.print(f"  reasoner (HermiT): {result.reasoning.text()}")
    out_console.print(f"  store: {project.relative(result.store)}")
    out_console.print(f"  exports in {project.relative(result.dist)}/: {' '.join(result.files)}")


def build_and_report(project, *, force: bool = False, quiet: bool = False, max_size: int = MAX_SIZE) -> None:
    """`jwc build` as `build` and `serve` run it: progress while it works, then the summary."""
    steps = progress(quiet)
    try:
        result = run_build(project, force=force, progress=steps, max_size=max_size)
    finally:
        steps.stop()
    print_summary(project, result)


@click.command()
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@project_max_size
def build(force: bool, quiet: bool, max_size: int) -> None:
    """Validate ontology/, shapes/ and data/, then write the store (.jwc/store) and dist/ exports."""
    build_and_report(find_project(), force=force, quiet=quiet, max_size=max_size)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(exports.FORMATS)),
    default="trig",
    show_default=True,
    help="RDF format; turtle writes the union of all graphs, the others keep the named graphs.",
)
def export(fmt: str) -> None:
    """Write the whole graph (all named graphs, ontology and shapes included) to standard output."""
    store = open_store(find_project().store_dir)
    # as the build wrote dist/: every named graph but the dataset's description, which is dist/void.ttl (the
    # default graph only repeats the named graphs' triples, rdf/default_graph.py)
    kept = (q for q in store if q.graph_name != DESCRIPTION and not isinstance(q.graph_name, ox.DefaultGraph))
    write_bytes(exports.serialize(exports.canonical(kept), fmt))


@click.command(name="check-ontology")
@click.option(
    "--with-data/--ontology-only",
    default=True,
    show_default=True,
    help="Reason over the data too (its individuals must fit the ontology), or the ontology alone.",
)
@click.option("--hierarchy/--no-hierarchy", default=True, show_default=True, help="Print the inferred class hierarchy.")
@project_max_size
def check_ontology(with_data: bool, hierarchy: bool, max_size: int) -> None:
    """Check the ontology with HermiT: consistency, unsatisfiable classes, inferred class hierarchy."""
    from ..build import reasoning

    result = reasoning.check_project(find_project(), with_data=with_data, hierarchy=hierarchy, max_size=max_size)
    scope = "the ontology and the data" if with_data else "the ontology"
    out_console.print(
        f"HermiT on {scope} ({result.classes} classes): " + ("consistent" if result.consistent else "INCONSISTENT"),
        markup=False,
    )
    if result.consistent:
        out_console.print("unsatisfiable classes: " + (", ".join(result.unsatisfiable) or "none"), markup=False)
        out_console.print(
            "subclass relations the reasoner inferred beyond those asserted: " + ("; ".join(result.inferred) or "none"),
            markup=False,
        )
    out_console.print(
        "OWL 2 DL (the OWL API's profile check of the ontology): "
        + ("no violation" if not result.profile else f"{len(result.profile)} violations"),
        markup=False,
    )
    for line in result.profile or []:
        out_console.print(f"  {line}", markup=False, soft_wrap=True)
    if hierarchy and result.hierarchy:
        out_console.print("inferred class hierarchy:", markup=False)
        out_console.print("\n".join(result.hierarchy), markup=False, highlight=False, soft_wrap=True)
    if not result.ok:
        raise NotConforming(result.text(), fix="see ontology/jwc.ttl for the disjointness axioms and class definitions")


@click.command(name="stats")
@click.option("--by", type=click.Choice(["class", "source", "both"]), default="both", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def stats_command(by: str, fmt: str) -> None:
    """Count entities by class and triples by source."""
    store = open_store(find_project().store_dir)
    tables = stats.tables(store, by)
    if fmt == "json":
        echo(json.dumps({"totals": stats.totals(store), **tables}, indent=2, ensure_ascii=False))
        return
    for name, rows in tables.items():
        if fmt == "csv":
            echo(rows_csv(rows), nl=False)
        else:
            out_console.print(
                rows_table(
                    rows,
                    title=f"by {name}",
                    right=("entities", "triples"),
                    cell=lambda k, v: (
                        f"{v:,}" if isinstance(v, int) else shorten(v) if k in ("graph", "class") else str(v)
                    ),
                )
            )


@click.command(name="conflicts")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
def conflicts_command(fmt: str) -> None:
    """Every fact on which two sources disagree, each value with its source (the catalogue query `conflicts`).

    \b
    Also lists that differ (kind "list"): the organisers of an event, or the members of a collaboration
    in one role, each source's whole list as its value. Such a row is a difference, not a contradiction:
    one page leaves out someone the other names, and does not say its own list is partial (a gap).
    Membership lists are compared only when their sources' dates agree or one is undated: members change.
    """
    project = find_project()
    found = conflicts.find(open_store(project.store_dir), project.queries_dir)
    rows = [c.as_dict() for c in found]
    if fmt == "json":
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        echo(rows_csv(rows), nl=False)
    else:
        print_conflicts(found)


def print_conflicts(found: list[conflicts.Conflict]) -> None:
    """The disagreements, then the lists that differ, each under a line saying how many and what they mean."""
    if not found:
        out_console.print("no disagreements between sources")
    groups = (
        ([c for c in found if not c.is_list], "that disagree", "both values are kept, each in its source's graph"),
        (
            [c for c in found if c.is_list],
            "whose lists differ",
            "not contradictions: one page leaves out someone the other names, and does not say its list is partial",
        ),
    )
    for group, what, meaning in groups:
        if not group:
            continue
        facts = len({(c.subject, c.property, c.within) for c in group})
        out_console.print(f"{len(group)} pairs of sources {what}, on {facts} facts ({meaning}):", markup=False)
        for c in group:
            out_console.print(f"  {c.kind}: {c.text()}", markup=False, soft_wrap=True)


@click.command()
@click.option("--triples", "-n", required=True, type=click.IntRange(min=100), help="About how many triples.")
@click.option("--seed", default=1, show_default=True, type=int, help="Random seed: same seed, same graph.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="TriG file (default: stdout).")
def synth(triples: int, seed: int, out: Path | None) -> None:
    """Write a realistic, shape-conforming synthetic graph of about N triples, for scale tests."""
    from ..rdf.synth import write_file, write_trig

    if out is None:
        write_trig(sys.stdout.buffer, triples, seed=seed)
        sys.stdout.buffer.flush()
        return
    written = write_file(out, triples, seed=seed)
    err_console.print(f"[dim]jwc:[/dim] wrote {written:,} triples to {out}")


COMMANDS = [build, export, check_ontology, stats_command, conflicts_command, synth]
