"""The house stays one-way: subpackages import only downward, and no module imports itself in a circle.

Layers, top to bottom: cli / api  ->  web  ->  intake | sparql | network  ->  build  ->  rdf  ->  base.
Every import counts, also those inside functions (they are there to start faster, not to hide a tie).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "jwc_graph"
LAYERS = {
    "base": 0,
    "rdf": 1,
    "build": 2,
    "intake": 3,
    "sparql": 3,
    "network": 3,
    "web": 4,
    "cli": 5,
    "api": 5,
    "__main__": 6,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part(module: str) -> str:
    """The subpackage (or top-level module) a module belongs to; the package's own __init__ is the base."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "base"


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a jwc_graph module in the file, relative ones resolved."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("jwc_graph")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("jwc_graph"):
                continue
            # `from .x import y` names module x.y when there is one, else the names y of module x
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if sub in known else target))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_only_downward(path):
    here = module_name(path)
    mine = part(here)
    wrong = []
    for line, target in imports(path):
        theirs = part(target)
        if theirs == mine:
            continue
        if LAYERS[theirs] >= LAYERS[mine]:
            wrong.append(f"{path.relative_to(REPO)}:{line}: {mine} imports {target} ({theirs} is not below {mine})")
    assert not wrong, (
        "imports that run up or sideways; move the shared piece down a layer "
        "(cli/api -> web -> intake|sparql|network -> build -> rdf -> base):\n" + "\n".join(wrong)
    )


def test_no_module_imports_itself_in_a_circle():
    g = nx.DiGraph()
    for path in MODULES:
        here = module_name(path)
        for _line, target in imports(path):
            if target != here and target != "jwc_graph" and not here.startswith(target + "."):
                g.add_edge(here, target)
    cycles = list(nx.simple_cycles(g))
    assert not cycles, "import circles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles)


def test_every_subpackage_says_what_it_owns():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init.relative_to(REPO)}: give the subpackage a docstring saying what it owns"
