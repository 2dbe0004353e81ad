"""Benchmark `jwc validate` (the incremental path) against whole-graph pySHACL, on synthetic graphs of 100k and 1M triples.

    .venv/bin/python benchmarks/bench_validate.py [--sizes 100000,1000000] [--cap 900]

For each size: write a synthetic graph (jwc_graph.rdf.synth), load it with the ontology and shapes into
an Oxigraph store in a temporary project, write a submission of about 500 triples (new organisations,
their memberships of existing coalitions, preparatory meetings of existing congresses, a few
mistakes), then time `jwc validate` as a user runs it (a subprocess) and, in another subprocess
capped at --cap seconds, pySHACL on the whole merged graph. Where both finish, their results for
the submitted records are compared. Figures are recorded in docs/benchmarks-validate.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from jwc_graph.rdf import synth
from jwc_graph.rdf.files import parse_file
from jwc_graph.rdf.store import open_store, write_store

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable

WHOLE = r"""
import json, sys, time
from pathlib import Path
from jwc_graph.intake import check
from jwc_graph.base.project import Project
from jwc_graph.rdf.store import open_store
from jwc_graph.intake.files import read_file
root, sub = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
store = open_store(Project(root).store_dir)
shapes = check.load_shapes(Project(root))
quads = read_file(sub).quads
issues = check.validate_merged(store, shapes, quads)
print(json.dumps({"seconds": time.perf_counter() - started, "keys": sorted(map(str, (i.key for i in issues)))}))
"""

INCREMENTAL = r"""
import json, sys
from pathlib import Path
from jwc_graph.intake import check
from jwc_graph.base.project import Project
report = check.validate_files(Project(Path(sys.argv[1])), [Path(sys.argv[2])])
print(json.dumps({"seconds": report.seconds, "context": report.context_triples,
                  "keys": sorted(map(str, (i.key for i in report.findings if i.component != "SubmissionCheck")))}))
"""


def make_project(root: Path, triples: int) -> int:
    """A project folder with the repository's ontology and shapes and a store holding a synthetic graph."""
    for folder in ("ontology", "shapes"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data").mkdir()
    data = root / "synth.trig"
    with data.open("wb") as fh:
        synth.write_trig(fh, triples, seed=7)
    quads = [
        q
        for role, folder in (("ontology", "ontology"), ("shapes", "shapes"))
        for p in sorted((root / folder).glob("*.ttl"))
        for q in parse_file(p, role).quads
    ]
    quads += list(ox.parse(path=str(data), format=ox.RdfFormat.TRIG))
    write_store(root / ".jwc" / "store", quads)
    return len(quads)


def make_submission(store: ox.Store, path: Path, target: int = 500, seed: int = 1) -> int:
    """About `target` triples: new organisations with memberships of existing coalitions and new meetings."""
    rng = random.Random(seed)
    pre = "PREFIX jwc: <https://w3id.org/jwc/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    coalitions = [
        r[0].value
        for r in store.query(
            pre + "SELECT ?c WHERE { GRAPH ?g { ?c a ?t } VALUES ?t { jwc:Coalition jwc:Panel } } LIMIT 200"
        )
    ]
    congresses = [
        r[0].value
        for r in store.query(
            pre + "SELECT ?c WHERE { GRAPH ?g { ?c a ?t } VALUES ?t { jwc:Congress jwc:WorldCongress } } LIMIT 200"
        )
    ]
    themes = [r[0].value for r in store.query(pre + "SELECT ?t WHERE { GRAPH ?g { ?t a jwc:Theme } } LIMIT 50")]
    lines = [
        "@prefix jwc: <https://w3id.org/jwc/ontology#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix schema: <http://schema.org/> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix voc: <https://w3id.org/jwc/vocab/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix time: <http://www.w3.org/2006/time#> .",
    ]
    n = i = 0
    while n < target:
        i += 1
        org = f"<https://w3id.org/jwc/id/org/bench-org-{i}>"
        lines.append(
            f'{org} a jwc:NGO ; skos:prefLabel "Bench organisation {i}"@en ; skos:altLabel "BO{i}" ; '
            f'dcterms:description "A submitted organisation."@en ; schema:foundingDate "{rng.randint(1950, 2020)}"^^xsd:gYear ; '
            f"jwc:theme <{rng.choice(themes)}> ."
        )
        n += 7
        for j in range(2):
            start = rng.randint(1995, 2020)
            end = start + rng.randint(-2, 8)  # sometimes before the start: a mistake to find
            lines.append(
                f"<https://w3id.org/jwc/id/membership/bench-{i}-{j}> a org:Membership ; org:member {org} ; "
                f"org:organization <{rng.choice(coalitions)}> ; org:role voc:role-member ; "
                f'org:memberDuring [ a time:Interval ; time:hasBeginning [ a time:Instant ; time:inXSDgYear "{start}"^^xsd:gYear ] ; '
                f'time:hasEnd [ a time:Instant ; time:inXSDgYear "{end}"^^xsd:gYear ] ] .'
            )
            n += 11
        if congresses and i % 3 == 0:
            lines.append(
                f"<https://w3id.org/jwc/id/event/bench-prep-{i}> a jwc:PreparatoryMeeting ; "
                f'skos:prefLabel "Bench preparatory meeting {i}"@en ; jwc:scope voc:scope-regional ; '
                f'jwc:preparesFor <{rng.choice(congresses)}> ; schema:startDate "{rng.randint(2000, 2024)}"^^xsd:gYear .'
            )
            n += 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))


def run(code_or_args: list[str], cap: float | None = None) -> tuple[float, dict | None, str]:
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    try:
        proc = subprocess.run(code_or_args, capture_output=True, timeout=cap, env=env)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, None, "timeout"
    wall = time.perf_counter() - started
    out = proc.stdout.decode().strip().splitlines()
    try:
        return wall, json.loads(out[-1]) if out else None, proc.stderr.decode()[-500:]
    except ValueError:
        return wall, None, proc.stderr.decode()[-500:]


def bench(triples: int, cap: float) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"jwc-bench-{triples}-"))
    try:
        t = time.perf_counter()
        loaded = make_project(root, triples)
        setup = time.perf_counter() - t
        store = open_store(root / ".jwc" / "store")
        sub = root / "submission.ttl"
        sub_triples = make_submission(store, sub)
        del store
        jwc = [str(Path(PY).with_name("jwc"))] if Path(PY).with_name("jwc").exists() else [PY, "-m", "jwc_graph"]
        os.chdir(root)  # `jwc validate` finds the project from the working folder, as for a user
        command = [*jwc, "validate", str(sub), "-f", "json", "-o", str(root / "report.json")]
        run(command)  # once to warm the file cache; the second run is timed
        cli_wall, _, _ = run(command)
        inc_wall, inc, err = run([PY, "-c", INCREMENTAL, str(root), str(sub)])
        whole_wall, whole, whole_err = run([PY, "-c", WHOLE, str(root), str(sub)], cap=cap)
        row = {
            "triples": loaded,
            "submission_triples": sub_triples,
            "setup_s": round(setup, 1),
            "jwc_validate_wall_s": round(cli_wall, 2),
            "incremental_s": round(inc["seconds"], 2) if inc else None,
            "context_triples": inc["context"] if inc else None,
            "findings": len(inc["keys"]) if inc else None,
            "whole_graph_s": round(whole["seconds"], 1) if whole else None,
            "whole_graph_capped_at_s": None if whole else round(whole_wall, 0),
            "same_results": (inc["keys"] == whole["keys"]) if inc and whole else None,
        }
        if row["whole_graph_s"] and row["incremental_s"]:
            row["speedup"] = round(row["whole_graph_s"] / row["incremental_s"], 1)
        elif row["incremental_s"]:
            row["speedup_at_least"] = round(row["whole_graph_capped_at_s"] / row["incremental_s"], 1)
        if inc is None:
            row["error"] = err
        if whole is None and whole_err != "timeout":
            row["whole_error"] = whole_err
        return row
    finally:
        os.chdir(REPO)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--cap", type=float, default=900.0, help="seconds before the whole-graph run is stopped")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        print(json.dumps(bench(size, args.cap)), flush=True)


if __name__ == "__main__":
    main()
