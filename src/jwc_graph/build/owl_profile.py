"""Check that the ontology (with its vocabularies and the reused vocabularies' axioms) is OWL 2 DL.

The OWL API's own profile checker does it; the OWL API is inside the HermiT jar that owlready2 ships, and
Java runs the small checker (owl/ProfileCheck.java) from source, so nothing is compiled or downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import rdflib

from ..base.errors import JwcError

CHECKER = Path(__file__).parent / "owl" / "ProfileCheck.java"


def violations(ontology: rdflib.Graph) -> list[str]:
    """The OWL 2 DL profile violations of the graph, in the OWL API's words (empty when it is OWL 2 DL)."""
    import owlready2  # only for where its HermiT jar is

    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise JwcError(
            "the OWL 2 DL check needs Java, and no 'java' command was found",
            fix="install a Java runtime (Debian: apt-get install default-jre-headless)",
        )
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    with tempfile.TemporaryDirectory(prefix="jwc-profile-") as tmp:
        path = Path(tmp) / "ontology.owl"
        path.write_bytes(ontology.serialize(format="xml", encoding="utf-8"))
        proc = subprocess.run(
            [java, "-cp", str(jar), str(CHECKER), str(path)], capture_output=True, text=True, timeout=120
        )
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or not lines or not lines[-1].startswith("VIOLATIONS "):
        detail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise JwcError(f"the OWL 2 DL check failed to run: {detail}")
    return lines[:-1]
