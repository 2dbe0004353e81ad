"""What a submission would change: each of its statements, new to the graph or already in it (from any source).

A reviewer reads this beside the report: an already known statement is a second source for a fact,
a new one is what accepting adds. Compared with the store's default graph, the set union of all sources.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..base.namespaces import shorten

#: The most statements listed; the counts cover them all.
LIMIT = 500


def _shown(term) -> str:
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return "(a part of a record: a period, its start or end)"
    return term.value + (f" @{term.language}" if term.language else "")


def against_store(store: ox.Store, quads: Iterable[ox.Quad]) -> dict:
    """{"new": n, "known": n, "rows": [{subject, property, value, known}]}, new statements first."""
    rows, new, known = [], 0, 0
    for q in quads:
        is_known = not isinstance(q.subject, ox.BlankNode) and (
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) in store
        )
        known += is_known
        new += not is_known
        shown = {"subject": _shown(q.subject), "property": _shown(q.predicate), "value": _shown(q.object)}
        rows.append({**shown, "known": is_known})
    rows.sort(key=lambda r: (r["known"], r["subject"].startswith("("), r["subject"], r["property"]))
    return {"new": new, "known": known, "rows": rows[:LIMIT], "cut": len(rows) > LIMIT}
