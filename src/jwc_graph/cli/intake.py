"""Commands for stewards: `jwc validate`, `template`, `submit` and `submissions list|show|revert`."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import click

from ..base.errors import NotConforming
from ..base.project import find_project
from ..intake import ledger, reports, stewards
from ..intake.csv_templates import TEMPLATES
from ..rdf.files import MAX_SIZE
from .output import (
    echo,
    err_console,
    max_size_option,
    out_console,
    progress,
    rows_table,
    write_bytes,
    write_text,
)

WAIT = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=ledger.WRITE_WAIT,
    show_default=True,
    help="Seconds to wait for another jwc command that is writing to the store.",
)


@click.command(name="validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(reports.FORMATS),
    default="text",
    show_default=True,
    help="Report format (turtle: the SHACL validation report).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@max_size_option(MAX_SIZE)
def validate(files: tuple[Path, ...], fmt: str, output: Path | None, max_size: int) -> None:
    """Check submission files (RDF or CSV templates) against the shapes, with the built graph as context."""
    from ..intake import check

    steps = progress(quiet=False)
    try:
        report = check.validate_files(find_project(), files, max_size=max_size, progress=steps)
    finally:
        steps.stop()
    rendered = reports.render(report, fmt)
    if output:
        write_text(output, rendered)
        err_console.print(f"report written to {output}: {report.summary()}", markup=False)
    else:
        if fmt == "text":
            echo(rendered, nl=False)
        else:
            write_bytes(rendered.encode("utf-8"))
    if not report.conforms:
        raise NotConforming(
            f"the submission does not conform: {report.summary()}",
            fix="correct the records named in the report and run `jwc validate` again",
        )


@click.command(name="template")
@click.argument("kind", type=click.Choice(list(TEMPLATES)))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV here.")
def template(kind: str, output: Path | None) -> None:
    """Write a CSV template (header, a guidance row and an example row) for `jwc validate`."""
    from ..intake.csv_templates import write_template

    buf = io.StringIO()
    write_template(kind, buf)
    if output:
        write_text(output, buf.getvalue())
        err_console.print(f"template written to {output} (docs/csv-templates.md explains the columns)", markup=False)
    else:
        echo(buf.getvalue(), nl=False)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--source", required=True, help="Where the facts come from: a public URL, or a description of the source."
)
@click.option(
    "--submitter", default=lambda: os.environ.get("USER") or "unknown", show_default="$USER", help="Who sent the file."
)
@click.option("--force", is_flag=True, help="Store the files even if the same bytes were accepted before.")
@max_size_option(MAX_SIZE)
@WAIT
def submit(files: tuple[Path, ...], source: str, submitter: str, force: bool, max_size: int, wait: float) -> None:
    """Validate, then store the files as one new named graph with its PROV record, in one atomic step."""
    from ..intake.submit import submit as run_submit

    project = find_project()
    done = run_submit(project, files, source, submitter, max_size=max_size, wait=wait, force=force)
    if done.report.findings:
        echo(reports.render(done.report, "text"), nl=False)
    if not done.accepted:
        raise NotConforming(
            f"the submission was not stored: {done.report.summary()}",
            fix="correct the records named in the report, check with `jwc validate`, then submit again",
        )
    out_console.print(
        f"accepted as submission {done.id}: {done.triples:,} triples in graph <{done.graph}>, "
        f"recorded in {project.relative(done.path)}\n"
        f"  the store is updated; `jwc build` refreshes dist/, `jwc submissions revert {done.id}` undoes it",
        markup=False,
        soft_wrap=True,
    )


@click.group(name="submissions")
def submissions() -> None:
    """List, show or revert accepted submissions."""


@submissions.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@WAIT
def submissions_list(fmt: str, wait: float) -> None:
    """Every accepted submission, oldest first."""
    project = find_project()
    for line in ledger.repair(project, wait):
        err_console.print(f"jwc: store repaired after an interrupted command: {line}", markup=False, soft_wrap=True)
    rows = [s.as_dict() for s in ledger.listing(project)]
    if fmt == "json":
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        out_console.print("no submissions yet (`jwc submit FILE --source ...` adds one)")
    else:
        shown = [{k: r[k] for k in ("id", "time", "submitter", "triples", "source", "file")} for r in rows]
        out_console.print(
            rows_table(
                shown, right=("triples",), whole=("id",), cell=lambda k, v: f"{v:,}" if k == "triples" else str(v)
            )
        )


@submissions.command(name="show")
@click.argument("submission_id", metavar="ID")
def submissions_show(submission_id: str) -> None:
    """A submission's record and its facts, as TriG."""
    sub = ledger.find(find_project(), submission_id)
    out_console.print(
        f"submission {sub.id}: {sub.triples:,} triples from {sub.original}, sent by {sub.submitter} "
        f"at {sub.time}\n  source: {sub.source}\n  sha256: {sub.sha256}",
        markup=False,
        soft_wrap=True,
    )
    write_bytes(sub.path.read_bytes())


@submissions.command(name="revert")
@click.argument("submission_id", metavar="ID")
@WAIT
def submissions_revert(submission_id: str, wait: float) -> None:
    """Remove a submission's graph and record from the store and from data/submissions/."""
    sub = ledger.revert(find_project(), submission_id, wait)
    out_console.print(f"reverted submission {sub.id}: {sub.triples:,} triples removed", markup=False)


@click.group(name="stewards")
def stewards_group() -> None:
    """Accounts that may submit (submitter) or also accept, reject and revert (reviewer) on the served site."""


@stewards_group.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(stewards.ROLES), required=True, help="What the account may do.")
def stewards_add(name: str, role: str) -> None:
    """Make an account and print its token, once: only a salted hash of it is kept."""
    token = stewards.add(find_project(), name, role)
    err_console.print(f"account {name!r} ({role}) made; its token, shown only now:", markup=False)
    echo(token)


@stewards_group.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stewards_list(fmt: str) -> None:
    """Every account with its role and dates (never a token or a hash)."""
    rows = [a.public() for a in stewards.load(find_project())]
    if fmt == "json":
        echo(json.dumps(rows, indent=2))
    elif not rows:
        out_console.print("no accounts: the served site takes no submissions (`jwc stewards add NAME --role ...`)")
    else:
        out_console.print(rows_table(rows, whole=("created", "revoked")))


@stewards_group.command(name="revoke")
@click.argument("name")
def stewards_revoke(name: str) -> None:
    """Refuse the account's token from now on (its sessions on the served site end too)."""
    account = stewards.revoke(find_project(), name)
    out_console.print(f"revoked {account.name!r} ({account.role}) at {account.revoked}", markup=False)


@click.command(name="reconcile")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--column", "-c", required=True, help="The header of the column of names to match.")
@click.option(
    "--type",
    "-t",
    "types",
    multiple=True,
    help="Match only entities of this type: organisation, person, event, place, ... or a class such as jwc:NGO "
    "(repeat for several).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV here.")
@max_size_option(MAX_SIZE)
def reconcile(file: Path, column: str, types: tuple[str, ...], output: Path | None, max_size: int) -> None:
    """Match a CSV column of names to the graph's entities; writes the CSV with IRI, label, score and match columns
    after that column (match: yes, check or none)."""
    from ..intake.reconcile_csv import reconcile_csv
    from ..network.options import KINDS
    from ..rdf.store import open_store

    store = open_store(find_project().store_dir)
    text, summary = reconcile_csv(store, file, column, types, aliases=dict(KINDS), max_size=max_size)
    if output:
        write_text(output, text)
        err_console.print(f"written to {output}: {summary.text()}", markup=False)
    else:
        write_bytes(text.encode("utf-8"))
        err_console.print(summary.text(), markup=False)


COMMANDS = [validate, template, submit, submissions, stewards_group, reconcile]
