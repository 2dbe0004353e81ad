"""Commands for advocates: `jwc map`, `analyse`, `path` and `network-export`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..base.project import find_project
from ..network.options import ALL_KINDS, COLOUR_BY, DEFAULT_KINDS, EXPORT_FORMATS, SIZE_METRICS
from ..rdf.store import open_store
from .output import echo, err_console, out_console, write_bytes

KINDS_HELP = (
    f"Node kinds, comma-separated, or all (default: all but {', '.join(sorted(set(ALL_KINDS) - set(DEFAULT_KINDS)))}). "
    f"Kinds: {', '.join(ALL_KINDS)}."
)


def _network(kinds: str | None, edge_kinds: str | None = None):
    """The networkx projection of the built store, for `analyse`, `path` and `network-export`."""
    from ..network import projection

    return projection.from_store(
        open_store(find_project().store_dir),
        kinds=projection.parse_kinds(kinds),
        edge_kinds=projection.parse_kinds(edge_kinds) if edge_kinds else None,
    )


@click.command(name="map")
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("dist/map.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", metavar="NAME", help="Open on the neighbourhood of this entity (any of its names).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="Steps out from --focus.")
@click.option("--kinds", metavar="K,K", help=KINDS_HELP)
@click.option(
    "--year", type=int, metavar="YEAR", help="The network as it stood in YEAR: its events, what existed, memberships."
)
@click.option("--since", type=int, metavar="YEAR", help="Leave out events and memberships that end before YEAR.")
@click.option("--until", type=int, metavar="YEAR", help="Leave out events and memberships that start after YEAR.")
@click.option(
    "--hide-undated", is_flag=True, help="With --year, --since or --until: leave out entities that have no date too."
)
@click.option("--size-by", type=click.Choice(SIZE_METRICS), default="degree", show_default=True)
@click.option(
    "--colour-by",
    type=click.Choice(COLOUR_BY),
    default="kind",
    show_default=True,
    help="Colour nodes by kind or by community (the shape always says the kind).",
)
@click.option("--theme", metavar="NAME", help="Show only what is tied to this theme or priority (any of its names).")
@click.option(
    "--collapse",
    type=click.IntRange(min=1),
    metavar="N",
    help="Start with hubs of more than N neighbours collapsed (the page can expand them again).",
)
@click.option("--select", metavar="NAME", help="Open with this entity selected and its side panel open.")
def map_(out: Path, kinds: str | None, hide_undated: bool, **view) -> None:
    """Write the interactive network map: one self-contained HTML file that works offline, opening on the view
    the options describe (the page can change it; its address then restores the new view)."""
    from ..network import projection
    from ..network.map_page import write_map
    from ..network.options import MapView

    path = write_map(
        open_store(find_project().store_dir),
        out,
        view=MapView(kinds=projection.parse_kinds(kinds), undated=not hide_undated, **view),
    )
    out_console.print(f"map written to {path} (open it in a browser; it needs no network)")


@click.command()
@click.option("--kinds", metavar="K,K", help=KINDS_HELP)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    help="Default: tables on a terminal, CSV otherwise.",
)
@click.option("--top", type=click.IntRange(min=1), help="Only the N most central nodes (tables: 20 unless --all).")
@click.option("--all", "everything", is_flag=True, help="Every node in the tables (CSV and JSON have every node).")
def analyse(kinds: str | None, fmt: str | None, top: int | None, everything: bool) -> None:
    """Degree, betweenness, PageRank and community of every node, the named communities, and the brokers between
    coalitions. Tables fit the terminal: long names are cut with an ellipsis."""
    from ..network import analysis

    if top and everything:
        raise click.UsageError("give --top N or --all, not both")
    result = analysis.analyse(_network(kinds))
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "json":
        echo(analysis.to_json(result, top))
    elif fmt == "csv":
        echo(analysis.to_csv(result, top), nl=False)
    else:
        for table in analysis.tables(result, None if everything else top or 20, width=out_console.width):
            out_console.print(table)
            out_console.print()


@click.command()
@click.argument("start", metavar="A")
@click.argument("end", metavar="B")
@click.option(
    "--max", "max_paths", type=click.IntRange(min=1), default=3, show_default=True, help="Most shortest paths to show."
)
@click.option("--kinds", metavar="K,K", help=KINDS_HELP)
@click.option("--edge-kinds", metavar="K,K", help="Only links of these kinds (e.g. member,partner).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def path(start: str, end: str, max_paths: int, kinds: str | None, edge_kinds: str | None, fmt: str) -> None:
    """The shortest chains of links between entities A and B (any of their names), with the source of each link."""
    from ..network import paths

    records = paths.between(_network(kinds, edge_kinds), start, end, max_paths=max_paths)
    if fmt == "json":
        echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    for i, record in enumerate(records, 1):
        out_console.print(
            f"{i}. {' → '.join(record['nodes'])}", markup=False, style="bold", soft_wrap=not out_console.is_terminal
        )
        out_console.print(f"   {record['text']}\n", markup=False, soft_wrap=not out_console.is_terminal)


@click.command(name="network-export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml or gexf (Gephi), or kumu (a folder with elements.csv and connections.csv).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    help="The file to write (default: standard output); for kumu, the folder (default: ./kumu).",
)
@click.option("--kinds", metavar="K,K", help=KINDS_HELP)
def network_export(fmt: str, out: Path | None, kinds: str | None) -> None:
    """Export the network, with centrality and communities, for Gephi (GraphML, GEXF) or Kumu (CSV)."""
    from ..network import exports

    g = _network(kinds)
    if fmt != "kumu" and out is None:
        write_bytes(exports.serialize(g, fmt))
        return
    written = exports.write(g, fmt, out)
    err_console.print(
        f"[dim]jwc:[/dim] wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} links to "
        f"{', '.join(str(p) for p in written)}"
    )


COMMANDS = [map_, analyse, path, network_export]
