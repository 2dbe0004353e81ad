"""Where a project's inputs (ontology/, shapes/, data/) and outputs (the store, dist/) live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class Project:
    """The folders of one jwc-graph checkout; outputs can be moved with JWC_STORE / JWC_DIST."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def submissions_dir(self) -> Path:
        """Accepted submissions, one TriG file each (its named graph plus its PROV record)."""
        return self.data_dir / "submissions"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def work_dir(self) -> Path:
        """Hidden folder for the store and the build's staging area (never committed)."""
        return self.root / ".jwc"

    @property
    def store_dir(self) -> Path:
        return Path(os.environ.get("JWC_STORE", self.work_dir / "store"))

    @property
    def dist_dir(self) -> Path:
        return Path(os.environ.get("JWC_DIST", self.root / "dist"))

    def relative(self, path: Path) -> str:
        """The path as a user would type it from the project root."""
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def input_files(self) -> dict[str, list[Path]]:
        """The ontology, shapes and data files, sorted, so builds do not depend on listing order."""
        return {
            "ontology": sorted(self.ontology_dir.glob("*.ttl")),
            "shapes": sorted(self.shapes_dir.glob("*.ttl")),
            "data": sorted(
                [*self.data_dir.glob("*.trig"), *self.data_dir.glob("*.nq"), *self.submissions_dir.glob("*.trig")]
            ),
        }


def find_project(start: str | os.PathLike | None = None) -> Project:
    """The project at JWC_ROOT, or the nearest folder up from `start` (default: cwd) with data/ and ontology/."""
    env = os.environ.get("JWC_ROOT")
    here = Path(env or start or os.getcwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "ontology").is_dir() and (candidate / "data").is_dir():
            return Project(candidate)
    raise InputError(
        f"{here}: no jwc-graph project here (a folder with ontology/ and data/)",
        fix="run the command from a jwc-graph checkout, or set JWC_ROOT to one",
    )
