"""The notebooks run from top to bottom against a built graph, as a reader would run them."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

pytestmark = pytest.mark.slow


def execute(name: str, cwd: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(REPO / "notebooks" / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def outputs(nb) -> str:
    return "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    )


@pytest.fixture(params=["repo root", "notebooks folder"])
def where(request, built) -> Path:
    """Where the reader starts Jupyter: the checkout's root, or the notebooks/ folder itself."""
    if request.param == "repo root":
        return built.root
    folder = built.root / "notebooks"
    folder.mkdir(exist_ok=True)
    return folder


def test_analyst_notebook_runs_catalogue_queries_and_shows_results(where):
    text = outputs(execute("analyst.ipynb", where))
    counts = re.findall(r"(\d+) members of the Interagency Panel", text)
    assert len(counts) == 2 and counts[0] == counts[1] and int(counts[0]) >= 13, counts  # the seed's 13, and more pages
    assert "over 1000 people" in text and "over 900 experts" in text
    assert "UNESCO House" in text
    assert "Foundation" in text or "foundation" in text
    assert "Child Justice Advocacy Group" in text
    assert f"{counts[0]} members of the Interagency Panel, from dist/jwc.nq loaded in memory" in text


def test_steward_notebook_validates_reports_submits_and_reverts(where):
    nb = execute("steward.ipynb", where)
    text = outputs(nb)
    assert "does not conform" in text or "violation" in text
    assert "Child Justice Advocacy Group" in text, "the misspelt coalition gets the right name suggested"
    assert "-> conforms: True" in text
    assert "after revert: []" in text
    html = [o for cell in nb.cells for o in cell.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html, "the HTML report is displayed"


def test_advocate_notebook_shows_the_map_inline_and_the_analysis(where):
    nb = execute("advocate.ipynb", where)
    text = outputs(nb)
    assert "Interagency Panel on Juvenile Justice" in text
    assert "Child Rights International Network is a member of Interagency Panel on Juvenile Justice" in text
    frames = [
        o["data"]["text/html"] for cell in nb.cells for o in cell.get("outputs", []) if "text/html" in o.get("data", {})
    ]
    assert frames and "srcdoc" in frames[0] and "Terre des hommes" in frames[0]
