"""An error message that quoted square brackets from the user was read as console markup.

`jwc query --name "[/]x"` ended in a rich MarkupError traceback with exit 1, and `--name "[red]x"` printed
"no query named 'x'", the brackets eaten. The message is now printed as plain text after the red "error:".
"""

from __future__ import annotations

import pytest

from conftest import run_jwc


@pytest.mark.parametrize("name", ["[/]x", "[red]x", "[bold]"])
def test_brackets_in_an_error_message_are_printed_as_they_are(built, name):
    proc = run_jwc("query", "--name", name, cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert f"no query named '{name}'" in err and "Traceback" not in err
