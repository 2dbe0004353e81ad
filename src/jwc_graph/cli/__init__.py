"""The `jwc` command: the root group gathers each job's commands (build, sparql, intake, network, web modules here);
each command parses its arguments, calls one library function and prints what it returns."""

from __future__ import annotations

import os
import sys

import click
from rich.text import Text

from .. import __version__
from ..base.errors import JwcError
from . import build, intake, network, sparql, web
from .output import err_console


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jwc")
def cli() -> None:
    """jwc-graph: build, query and export the knowledge graph of international child justice."""


for _module in (build, sparql, intake, network, web):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors become one clear message and an exit code, never a traceback."""
    try:
        cli.main(args=argv, prog_name="jwc", standalone_mode=False)
        return 0
    except JwcError as err:
        err_console.print(Text.assemble(("error:", "bold red"), " ", err.message), soft_wrap=True)
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
    except Exception as err:
        if os.environ.get("JWC_DEBUG"):
            raise
        err_console.print(
            f"internal error: {type(err).__name__}: {err}\n"
            "  run again with JWC_DEBUG=1 for the traceback, and please report it",
            markup=False,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
