"""A query worker process: opens the store read-only and answers jobs sent over a pipe (SPARQL, entity, map,
reconciliation, search).

pyoxigraph cannot interrupt a running query from Python, so the server runs every job that reads the
store here, in a separate process it can kill when a job overruns its time limit.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import JwcError
from ..base.project import Project
from ..rdf.store import store_state
from ..sparql import dataset as datasets
from ..sparql import query
from . import ontology_terms, search
from .entity_facts import entity_facts


def main(conn, root: str, store_dir: str, limits: dict) -> None:
    """The worker's loop: send ("ready", isolated) once the store is open, then one reply per job until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    _die_with_parent()
    isolated = False if limits.get("network") else without_network()
    _cap_memory(int(limits.get("max_memory") or 0))
    try:
        seen = store_state(store_dir)
        store = ox.Store.read_only(store_dir)
    except OSError as err:
        conn.send(("error", "store", f"{store_dir}: cannot open the graph store: {err}"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        now = store_state(store_dir)
        if now != seen:
            # `jwc submit` / `revert` wrote to the store, or `jwc build` replaced it: a read-only handle
            # keeps the view it opened with, so a new one is opened and every answer from here on sees it.
            try:
                store, seen = ox.Store.read_only(store_dir), now
            except OSError:
                pass  # a writer is half-way through (re)creating it; the next job tries again
        conn.send(answer(store, job, Project(Path(root))))


def without_network() -> bool:
    """Move this process into a network namespace of its own, where only a loopback that is down exists: no
    request it makes (a SERVICE call the guard did not see, say) can reach this machine or another. Done first
    thing, while the process has one thread; True when it worked (root, or unprivileged user namespaces)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        clone_newnet, clone_newuser = 0x40000000, 0x10000000
        if libc.unshare(clone_newnet) == 0:
            return True
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(clone_newuser | clone_newnet) != 0:
            return False
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as fh:
                fh.write(text)
        return True
    except (OSError, AttributeError):
        return False


def _cap_memory(limit: int) -> None:
    """Cap the memory this worker may take (private data: what a query's strings and sorts grow into); past it
    an allocation fails and the worker stops, and the server tells the client, instead of the machine swapping."""
    if limit <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker if the server dies, even mid-query."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def answer(store: ox.Store, job: dict, project: Project) -> tuple:
    """("ok", result) for a job, or ("error", kind, message) where kind is "query" or "internal"."""
    try:
        if job["kind"] == "sparql":
            return ("ok", run_sparql(store, job))
        if job["kind"] == "entity":
            return ("ok", entity_facts(store, job["iri"], job["limit"], job.get("fmt")))
        if job["kind"] == "validate":
            from ..intake import check, reports  # imported on the first upload: pySHACL loads slowly

            report = check.validate_files(project, [Path(p) for p in job["paths"]], store=store)
            return ("ok", reports.render(report, "html"))
        if job["kind"] == "review":
            return ("ok", review(store, job, project))
        if job["kind"] == "search":
            return ("ok", search.find(store, job["q"], job["kinds"], job["limit"]))
        if job["kind"] == "terms":
            return ("ok", ontology_terms.terms(store))
        if job["kind"] == "shapes":
            return ("ok", ontology_terms.shapes(store))
        if job["kind"] == "graph":
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(job["graph"]))]
            return ("ok", query.Answer("construct", triples=triples).serialize(job["fmt"]))
        if job["kind"] == "reconcile":
            from . import reconcile_api  # imported on the first reconciliation: rapidfuzz and numpy load slowly

            return ("ok", reconcile_api.answer(store, job))
        if job["kind"] == "map":
            from ..network.map_page import map_html  # imported on the first map: networkx and pyvis load slowly

            return ("ok", map_html(store, **job["options"]))
        return ("error", "internal", f"unknown job kind {job['kind']!r}")
    except JwcError as err:
        where = {"line": getattr(err, "line", None), "column": getattr(err, "column", None)}
        return ("error", "query", err.message, where)
    except MemoryError:
        return ("error", "memory", "the job needed more memory than a worker may take")
    except Exception as err:
        return ("error", "internal", f"{type(err).__name__}: {err}")


def review(store: ox.Store, job: dict, project: Project) -> dict:
    """A submission's report (HTML), its summary, and what it would add to the graph, for the steward pages."""
    from ..intake import check, diff, reports

    report = check.validate_files(project, [Path(p) for p in job["paths"]], store=store)
    return {
        "html": reports.html_fragment(report),
        "conforms": report.conforms,
        "summary": report.summary(),
        "diff": diff.against_store(store, [q for f in report.files for q in f.quads]),
    }


def run_sparql(store: ox.Store, job: dict) -> dict:
    """Run the query with the row cap; serialize it in the format chosen for its query form."""
    described = datasets.Dataset(*map(tuple, job["dataset"])) if job.get("dataset") else None
    result = query.run(
        store, job["text"], limit=job["limit"], base_iri=job.get("base_iri"), dataset=described, as_results=True
    )
    fmt = job["graph_fmt"] if result.form == "construct" else job["result_fmt"]
    return {
        "form": result.form,
        "fmt": fmt,
        "body": result.serialize(fmt),
        "truncated": result.truncated,
        "warnings": result.warnings,
    }


if __name__ == "__main__":  # started by workers.Worker: python -m jwc_graph.web.worker FD ROOT STORE_DIR
    main(Connection(int(sys.argv[1])), sys.argv[2], sys.argv[3], json.loads(sys.argv[4]) if len(sys.argv) > 4 else {})
