"""A query worker process: opens the store read-only and answers jobs sent over a pipe.

pyoxigraph cannot interrupt a running query from Python, so the server runs queries here, in a
separate process it can kill when a query overruns its time limit.
"""

from __future__ import annotations

import os
import signal
import sys
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ..sparql import query
from ..base.errors import JwcError
from ..base.namespaces import CATALOGUE_GRAPH

LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label")
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
NESTING = 4  # how deep blank nodes (intervals, instants) are opened on an entity page


def main(conn, store_dir: str) -> None:
    """The worker's loop: send ("ready",) once the store is open, then one reply per job until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    _die_with_parent()
    try:
        seen = on_disk(store_dir)
        store = ox.Store.read_only(store_dir)
    except OSError as err:
        conn.send(("error", "store", f"{store_dir}: cannot open the graph store: {err}"))
        return
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        now = on_disk(store_dir)
        if now != seen:
            # `jwc submit` / `revert` wrote to the store, or `jwc build` replaced it: a read-only handle
            # keeps the view it opened with, so a new one is opened and every answer from here on sees it.
            try:
                store, seen = ox.Store.read_only(store_dir), now
            except OSError:
                pass  # a writer is half-way through (re)creating it; the next job tries again
        conn.send(answer(store, job))


def on_disk(store_dir: str) -> frozenset:
    """The store's files with their sizes and times: a write (even one only to the log) or a rebuild
    changes it, a read-only open does not (checked with RocksDB under pyoxigraph 0.5)."""
    try:
        return frozenset((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(store_dir))
    except OSError:
        return frozenset()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker if the server dies, even mid-query."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def answer(store: ox.Store, job: dict) -> tuple:
    """("ok", result) for a job, or ("error", kind, message) where kind is "query" or "internal"."""
    try:
        if job["kind"] == "sparql":
            return ("ok", run_sparql(store, job))
        if job["kind"] == "entity":
            return ("ok", describe(store, job["iri"], job["limit"], job.get("fmt")))
        return ("error", "internal", f"unknown job kind {job['kind']!r}")
    except JwcError as err:
        return ("error", "query", err.message)
    except Exception as err:  # noqa: BLE001 - reported to the server, which logs it
        return ("error", "internal", f"{type(err).__name__}: {err}")


def run_sparql(store: ox.Store, job: dict) -> dict:
    """Run the query with the row cap; serialize it in the format chosen for its query form."""
    result = query.run(store, job["text"], limit=job["limit"])
    fmt = job["graph_fmt"] if result.form == "construct" else job["result_fmt"]
    return {"form": result.form, "fmt": fmt, "body": result.serialize(fmt), "truncated": result.truncated}


def term(t, store: ox.Store | None = None, depth: int = 0, seen: frozenset = frozenset()) -> dict:
    """A term as a plain dict; a blank node carries its own facts, opened a few levels deep."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        out = {"type": "bnode", "value": t.value, "facts": []}
        if store is not None and depth < NESTING and t not in seen:
            out["facts"] = [{"p": q.predicate.value, "o": term(q.object, store, depth + 1, seen | {t})}
                            for q in _unique(store.quads_for_pattern(t, None, None, None))]
        return out
    return {"type": "literal", "value": t.value, "lang": t.language,
            "datatype": t.datatype.value if t.datatype and not t.language else None}


def _unique(quads):
    """Triples once each, whatever graphs state them (blank-node details are not per source)."""
    seen, out = set(), []
    for q in quads:
        if q.triple not in seen:
            seen.add(q.triple)
            out.append(q)
    return out


def _closure(store: ox.Store, triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples plus those about the blank nodes they reach (a concise bounded description)."""
    out, todo, done = dict.fromkeys(triples), [t.object for t in triples], set()
    while todo:
        node = todo.pop()
        if not isinstance(node, ox.BlankNode) or node in done:
            continue
        done.add(node)
        for q in store.quads_for_pattern(node, None, None, None):
            out.setdefault(q.triple)
            todo.append(q.object)
    return list(out)


def describe(store: ox.Store, iri: str, limit: int, fmt: str | None = None) -> dict | bytes | None:
    """An entity's facts with their source graphs, the facts pointing at it, and labels; None if unknown.

    With `fmt`, the entity's own triples (and its blank nodes') serialized in that graph format instead.
    """
    node = ox.NamedNode(iri)
    out = list(islice(store.quads_for_pattern(node, None, None, None), limit))
    inc = list(islice(store.quads_for_pattern(None, None, node, None), limit))
    # A source's IRI also names the graph of its facts; the catalogue graph is only a graph name.
    held = sum(1 for _ in islice(store.quads_for_pattern(None, None, None, node), limit)) \
        if store.contains_named_graph(node) else 0
    if not out and not inc and not held:
        return None
    if fmt:
        triples = _closure(store, [q.triple for q in out])
        return query.Answer("construct", triples=triples).serialize(fmt)
    named = {iri}
    for q in out + inc:
        named.update(t.value for t in (q.subject, q.predicate, q.object, q.graph_name) if isinstance(t, ox.NamedNode))
    return {
        "iri": iri,
        "facts": [{"p": q.predicate.value, "o": term(q.object, store), "g": q.graph_name.value} for q in out],
        "incoming": [{"s": q.subject.value, "p": q.predicate.value, "g": q.graph_name.value}
                     for q in inc if isinstance(q.subject, ox.NamedNode)],
        "labels": labels(store, named),
        "titles": {q.subject.value: q.object.value for q in store.quads_for_pattern(
            None, TITLE, None, ox.NamedNode(CATALOGUE_GRAPH)) if isinstance(q.subject, ox.NamedNode)},
        "truncated": len(out) >= limit or len(inc) >= limit,
        "graph": {"statements": held, "more": held >= limit} if held else None,
    }


def labels(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """A label for each IRI that has one: skos:prefLabel, else rdfs:label; English or untagged first."""
    out = {}
    for iri in iris:
        for prop in LABELS:
            found = [q.object for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(prop), None, None)
                     if isinstance(q.object, ox.Literal)]
            if found:
                found.sort(key=lambda lit: (lit.language not in (None, "en"), lit.language or "", lit.value))
                out[iri] = found[0].value
                break
    return out


if __name__ == "__main__":  # started by workers.Worker: python -m jwc_graph.web.worker FD STORE_DIR
    main(Connection(int(sys.argv[1])), sys.argv[2])
