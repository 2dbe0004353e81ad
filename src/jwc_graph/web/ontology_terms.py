"""What the ontology and shapes pages show, read from the store in a query worker: every term of the ontology
graph with its label, definition, usage note, parents, domain and range; every shape with its targets and message.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..base.namespaces import ONTOLOGY, ONTOLOGY_GRAPH, PREFIXES, SHAPES, SHAPES_GRAPH, shorten

OWL, RDFS, SKOS, SH = PREFIXES["owl"], PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["sh"]
KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
}
FIELDS = {
    RDFS + "label": "label",
    SKOS + "definition": "definition",
    PREFIXES["rdfs"] + "comment": "comment",
    "http://purl.org/vocab/vann/usageNote": "usage",
    RDFS + "subClassOf": "parents",
    RDFS + "subPropertyOf": "parents",
    RDFS + "domain": "domain",
    RDFS + "range": "range",
    RDFS + "isDefinedBy": "definedBy",
    OWL + "versionInfo": "version",
}


def _text(term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else ""


def terms(store: ox.Store) -> dict:
    """The ontology's terms (the project's own first), with what the ontology graph says of each."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    found: dict[str, dict] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdf"] + "type"), None, graph):
        if isinstance(q.subject, ox.NamedNode) and q.object.value in KINDS:
            found.setdefault(
                q.subject.value,
                {
                    "iri": q.subject.value,
                    "curie": shorten(q.subject.value),
                    "kind": KINDS[q.object.value],
                    "own": q.subject.value.startswith(ONTOLOGY),
                    "anchor": q.subject.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                },
            )
    values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for iri in found:
        for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, graph):
            name = FIELDS.get(q.predicate.value)
            if name and _text(q.object):
                values[iri][name].append(q.object.value)
    out = []
    for iri, term in found.items():
        v = values[iri]
        term.update({k: sorted(set(v.get(k, []))) for k in ("parents", "domain", "range")})
        term.update({k: (v.get(k) or [None])[0] for k in ("label", "definition", "usage", "definedBy")})
        out.append(term)
    out.sort(key=lambda t: (not t["own"], list(KINDS.values()).index(t["kind"]), t["curie"].lower()))
    header = dict.fromkeys(("label", "version", "comment"))
    for q in store.quads_for_pattern(ox.NamedNode(ONTOLOGY.rstrip("#")), None, None, graph):
        name = FIELDS.get(q.predicate.value)
        if name in header and header[name] is None:
            header[name] = q.object.value
    return {"terms": out, "ontology": header, "lists": lists(store)}


def lists(store: ox.Store) -> list[dict]:
    """The controlled lists of the ontology graph (roles, statuses, themes, ...), each with its concepts."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    label = ox.NamedNode(SKOS + "prefLabel")
    out = []
    for q in store.quads_for_pattern(
        None, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(SKOS + "ConceptScheme"), graph
    ):
        names = [n.object.value for n in store.quads_for_pattern(q.subject, label, None, graph)]
        concepts = []
        for c in store.quads_for_pattern(None, ox.NamedNode(SKOS + "inScheme"), q.subject, graph):
            cl = [n.object.value for n in store.quads_for_pattern(c.subject, label, None, graph)]
            concepts.append({"iri": c.subject.value, "label": cl[0] if cl else shorten(c.subject.value)})
        out.append(
            {
                "iri": q.subject.value,
                "label": names[0] if names else shorten(q.subject.value),
                "concepts": sorted(concepts, key=lambda c: c["label"].lower()),
            }
        )
    return sorted(out, key=lambda s: s["label"].lower())


def shapes(store: ox.Store) -> list[dict]:
    """Every named shape (node shapes, the shared property shapes, the shared ignored list), with what it targets
    and the message or comment that says what it checks."""
    graph = ox.NamedNode(SHAPES_GRAPH)
    named = {
        q.subject
        for q in store.quads_for_pattern(None, None, None, graph)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SHAPES)
    }
    out = []
    for subject in named:
        row = {
            "iri": subject.value,
            "curie": shorten(subject.value),
            "targets": [],
            "message": None,
            "closed": False,
            "anchor": subject.value.rsplit("#", 1)[-1],
        }
        for p in store.quads_for_pattern(subject, None, None, graph):
            key = p.predicate.value
            if key in (SH + "targetClass", SH + "targetSubjectsOf"):
                row["targets"].append(shorten(p.object.value))
            elif key == SH + "target":
                row["targets"].append("selected by a SPARQL query")
            elif key in (SH + "message", RDFS + "comment") and row["message"] is None:
                row["message"] = p.object.value
            elif key == SH + "closed":
                row["closed"] = p.object.value == "true"
        out.append(row)
    return sorted(out, key=lambda r: r["curie"])
