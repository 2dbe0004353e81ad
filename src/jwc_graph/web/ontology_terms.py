"""What the ontology and shapes pages show, read from the store in a query worker: every term of the ontology
graph with its label, definition, usage note, parents and children, domain and range, the shapes that use it and
how often the data uses it; every shape with its targets and message.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..base.namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, PREFIXES, SHAPES, SHAPES_GRAPH, shorten

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
    children: dict[str, set[str]] = defaultdict(set)
    for iri, v in values.items():
        for parent in v.get("parents", []):
            children[parent].add(iri)
    used_by, counts = shapes_using(store), uses_in_data(store)
    out = []
    for iri, term in found.items():
        v = values[iri]
        term.update({k: [link(x) for x in sorted(set(v.get(k, [])))] for k in ("parents", "domain", "range")})
        term.update({k: (v.get(k) or [None])[0] for k in ("label", "definition", "usage", "definedBy")})
        term["children"] = [link(x) for x in sorted(children.get(iri, ()))]
        term["shapes"] = [link(x) for x in sorted(used_by.get(iri, ()))]
        term["uses"] = counts.get(iri, 0)
        out.append(term)
    for term in out:  # a reused term declared here links to its entry on this page
        for key in ("parents", "children", "domain", "range"):
            for item in term[key]:
                if item["iri"] in found:
                    item["href"] = "/ontology#" + found[item["iri"]]["anchor"]
    out.sort(key=lambda t: (not t["own"], list(KINDS.values()).index(t["kind"]), t["curie"].lower()))
    header = dict.fromkeys(("label", "version", "comment"))
    for q in store.quads_for_pattern(ox.NamedNode(ONTOLOGY.rstrip("#")), None, None, graph):
        name = FIELDS.get(q.predicate.value)
        if name in header and header[name] is None:
            header[name] = q.object.value
    return {"terms": out, "ontology": header, "lists": lists(store)}


def link(iri: str) -> dict:
    """A term to show as a link: its CURIE, and where it is described (on this site for the project's own)."""
    href = iri
    if iri.startswith(ONTOLOGY):
        href = "/ontology#" + iri[len(ONTOLOGY) :]
    elif iri.startswith(SHAPES):
        href = "/shapes#" + iri[len(SHAPES) :]
    return {"iri": iri, "curie": shorten(iri), "href": href}


def shapes_using(store: ox.Store) -> dict[str, set[str]]:
    """Term IRI -> the named shapes that mention it (as a target, a path, a class, a value), however deep."""
    graph = ox.NamedNode(SHAPES_GRAPH)
    parent: dict = {}
    mentions: list[tuple] = []
    for q in store.quads_for_pattern(None, None, None, graph):
        if isinstance(q.object, ox.BlankNode):
            parent[q.object] = q.subject
        elif isinstance(q.object, ox.NamedNode):
            mentions.append((q.subject, q.object.value))
    out: dict[str, set[str]] = defaultdict(set)
    for subject, iri in mentions:
        node, hops = subject, 0
        while isinstance(node, ox.BlankNode) and node in parent and hops < 20:
            node, hops = parent[node], hops + 1
        if isinstance(node, ox.NamedNode) and node.value.startswith(SHAPES):
            out[iri].add(node.value)
    return out


#: How often the data (the default graph, each triple once) uses each class and property: instances of a
#: class, statements with a property; the ontology's and shapes' own triples are not data.
USES = f"""
SELECT ?term (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?s ?term WHERE {{ ?s a ?term }} }}
  UNION {{ ?s ?term ?o }}
  FILTER (isBLANK(?s) || STRSTARTS(STR(?s), "{ID}"))
}} GROUP BY ?term"""


def uses_in_data(store: ox.Store) -> dict[str, int]:
    return {r["term"].value: int(r["n"].value) for r in store.query(USES) if isinstance(r["term"], ox.NamedNode)}


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
