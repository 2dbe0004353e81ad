"""The project's own files parsed for a build or a check: ontology, shapes and data, each into its graph."""

from __future__ import annotations

from collections.abc import Callable

from ..base.errors import InputError
from ..base.project import Project
from ..rdf.files import MAX_SIZE, ParsedFile, parse_file


def parse_inputs(project: Project, progress: Callable[[str], None], max_size: int = MAX_SIZE) -> list[ParsedFile]:
    """Every ontology, shapes and data file, parsed; an empty folder is an error, not an empty graph."""
    inputs = project.input_files()
    for role, paths in inputs.items():
        if not paths:
            folder = getattr(project, f"{role}_dir")
            raise InputError(
                f"{project.relative(folder)}/: no {role} files found",
                fix="run the command from a jwc-graph checkout, or restore the folder",
            )
    parsed = []
    for role in ("ontology", "shapes", "data"):
        for path in inputs[role]:
            progress(f"parsing {project.relative(path)}")
            parsed.append(parse_file(path, role, project.relative(path), max_size=max_size))
    return parsed
