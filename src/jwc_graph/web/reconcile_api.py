"""The Reconciliation Service API v0.2 documents made from the store, in a worker (job kind "reconcile"):
candidates for query batches, suggestions of entities, types and properties, an entity's preview card, and
data extension rows and property proposals.

Identifiers follow the manifest: an entity's id is its IRI without the identifier space
https://w3id.org/jwc/id/ ("org/pri"); types and properties are the project's CURIEs ("jwc:NGO", "jwc:country").
The names and classes are read once per store handle; the worker opens a new handle when the store on disk
changes (a read-only handle keeps the view it opened with), so the index never outlives the state it was read from.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..base.errors import JwcError
from ..base.namespaces import shorten
from ..intake.entity_index import DEFAULT, NAME_PREDICATES, Entity, EntityIndex, Term, best_value
from ..intake.reconcile import Matcher, Wanted, suggest_terms

#: Suggestions per page (the client asks for the next with `cursor`).
SUGGEST_PAGE = 10
#: Properties proposed for data extension when the client gives no limit.
PROPOSE_LIMIT = 10
#: The longest description a candidate or suggestion carries (the preview has all of it).
DESCRIPTION_LENGTH = 200
#: XML Schema datatypes whose values data extension gives as numbers.
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
FLOATS = {XSD + t for t in ("decimal", "double", "float")}

_cached: dict = {}


def matcher(store: ox.Store) -> Matcher:
    """The matcher of this store handle, read on first use."""
    if _cached.get("store") is not store:
        _cached.clear()
        _cached.update(store=store, matcher=Matcher(EntityIndex.from_store(store), store))
    return _cached["matcher"]


def answer(store: ox.Store, job: dict):
    """A job of kind "reconcile": its `op` says which document to make."""
    m = matcher(store)
    op = job["op"]
    if op == "query":
        return {key: {"result": candidates(m, q)} for key, q in job["queries"].items()}
    if op == "suggest":
        return suggest(m, job["what"], job["prefix"], job["cursor"])
    if op == "preview":
        return preview(m, job["id"])
    if op == "extend":
        return extend(m, job["ids"], job["properties"])
    if op == "propose":
        return propose(m, job["type"], job["limit"])
    raise JwcError(f"unknown reconciliation operation {op!r}")


def type_ref(index: EntityIndex, iri: str) -> dict:
    term = index.classes.get(iri)
    return {"id": shorten(iri).strip("<>"), "name": term.name if term else iri}


def _short(text: str | None) -> str | None:
    if not text or len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def entity_ref(index: EntityIndex, e: Entity, types_key: str = "type") -> dict:
    """An entity as candidates and suggestions show it: id, name, description and types."""
    out = {"id": e.id, "name": e.name}
    if e.description:
        out["description"] = _short(e.description)
    out[types_key] = [type_ref(index, t) for t in e.types]
    return out


def candidates(m: Matcher, q: dict) -> list[dict]:
    """One query's candidates; a type the graph does not know finds none (no entity is of it)."""
    types = []
    for text in q["types"]:
        term = m.index.find_class(text)
        if term is None:
            return []
        types.append(term.iri)
    wanted = []
    for p in q["properties"]:
        term = m.index.find_property(p["pid"])
        if term is not None:
            iris = [e.iri for e in (m.index.entity(i) for i in p["ids"]) if e]
            wanted.append(Wanted(term.iri, tuple(p["texts"]), tuple(iris)))
    out = []
    for c in m.candidates(q["query"], types, wanted, q["limit"]):
        found = {**entity_ref(m.index, c.entity), "score": c.score, "match": c.match}
        found["features"] = [{"id": k, "value": v} for k, v in c.features.items()]
        out.append(found)
    return out


def suggest(m: Matcher, what: str, prefix: str, cursor: int) -> dict:
    """Suggestions of entities, types (those with entities) or properties for a prefix, a page from `cursor`."""
    index = m.index
    if what == "entity":
        page = m.suggest_entities(prefix)[cursor : cursor + SUGGEST_PAGE]
        return {"result": [entity_ref(index, e, "notable") for e in page]}
    terms = index.used_classes() if what == "type" else [t for t, _ in index.proposed_properties(None)]
    out = []
    for t in suggest_terms(prefix, terms)[cursor : cursor + SUGGEST_PAGE]:
        item = {"id": t.id, "name": t.name}
        if t.description:
            item["description"] = _short(t.description)
        if what == "type" and t.parents:
            item["broader"] = [type_ref(index, p) for p in t.parents]
        out.append(item)
    return {"result": out}


def preview(m: Matcher, ident: str) -> dict | None:
    """What an entity's preview card shows, or None for an identifier the graph does not hold."""
    e = m.index.entity(ident)
    if e is None:
        return None
    return {
        "id": e.id,
        "iri": e.iri,
        "curie": shorten(e.iri),
        "name": e.name,
        "other_names": [n for n in e.names if n != e.name],
        "types": [type_ref(m.index, t)["name"] for t in e.types],
        "description": e.description,
    }


def _property(m: Matcher, pid: str) -> Term:
    term = m.index.find_property(pid)
    if term is None:
        raise JwcError(
            f"unknown property {pid!r}: ask /reconcile/suggest/property or /reconcile/properties?type=... "
            "for the properties the graph has"
        )
    return term


def extend(m: Matcher, ids: list[str], pids: list[str]) -> dict:
    """Data extension: each entity's values of each property (an entity of the graph as id and name)."""
    terms = [_property(m, pid) for pid in pids]
    meta = []
    for pid, term in zip(pids, terms):
        item = {"id": pid, "name": term.name}
        if term.range and term.range in m.index.classes:
            item["type"] = type_ref(m.index, term.range)
        meta.append(item)
    rows = {}
    for ident in ids:
        e = m.index.entity(ident)
        rows[ident] = {
            pid: ([_value(m, v) for v in m.values(e.iri, term.iri)] if e else []) for pid, term in zip(pids, terms)
        }
    return {"meta": meta, "rows": rows}


def _value(m: Matcher, v: ox.NamedNode | ox.Literal) -> dict:
    """A value as data extension gives it: an entity as id and name, a number as a number, anything else as text
    (years and months, which the API's date would make into a false day and time, included)."""
    if isinstance(v, ox.NamedNode):
        e = m.index.entities.get(v.value)
        if e is not None:
            return {"id": e.id, "name": e.name}
        term = m.index.classes.get(v.value)
        if term is not None:
            return {"str": term.name}
        labels = [
            q.object for p in NAME_PREDICATES for q in m.store.quads_for_pattern(v, ox.NamedNode(p), None, DEFAULT)
        ]
        return {"str": best_value(labels) or v.value}  # a concept of the controlled lists, or a page elsewhere
    datatype = v.datatype.value if v.datatype else ""
    try:
        if datatype in INTEGERS:
            return {"int": int(v.value)}
        if datatype in FLOATS:
            return {"float": float(v.value)}
    except ValueError:
        pass
    if datatype == XSD + "date" and len(v.value) == 10:
        return {"date": v.value + "T00:00:00Z"}
    if datatype == XSD + "dateTime":
        return {"date": v.value}
    return {"str": v.value}


def propose(m: Matcher, type_id: str, limit: int | None) -> dict:
    """The properties entities of a type use, most used first (names and types first of all)."""
    term = m.index.find_class(type_id) if type_id else None
    if type_id and term is None:
        raise JwcError(f"unknown type {type_id!r}: ask /reconcile/suggest/type for the types the graph has")
    found = m.index.proposed_properties(term.iri if term else None)[: limit or PROPOSE_LIMIT]
    out = {"properties": [{"id": t.id, "name": t.name} for t, _ in found]}
    if type_id:
        out["type"] = type_id
    if limit:
        out["limit"] = limit
    return out
