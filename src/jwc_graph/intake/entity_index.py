"""The graph as reconciliation sees it, read from a store once: every named entity with its names, classes and
description, and the ontology's classes (each with its subclasses) and properties (with how often the data uses
them on each class).

An entity is an IRI under https://w3id.org/jwc/id/ with a name: skos:prefLabel, skos:altLabel or rdfs:label in
the default graph, which is the set union of every source. A class counts with its subclasses, through the
ontology's rdfs:subClassOf, so a query typed org:Organization finds a jwc:NGO.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..base.namespaces import ID, ONTOLOGY_GRAPH, PREFIXES, expand, shorten

RDF, RDFS, SKOS, OWL = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["owl"]
TYPE = RDF + "type"
#: The predicates that give an entity's names; the first is the preferred name.
NAME_PREDICATES = (SKOS + "prefLabel", RDFS + "label", SKOS + "altLabel")
DESCRIPTIONS = (PREFIXES["dcterms"] + "description", SKOS + "definition")
#: Classes an entity may be stated with that say nothing about what it is (OWL punning).
IGNORED_TYPES = {OWL + "NamedIndividual", OWL + "Thing"}
PROPERTY_KINDS = {OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty"}
DEFAULT = ox.DefaultGraph()


@dataclass(frozen=True)
class Entity:
    """A named entity: its IRI, preferred name, every name, the classes it is stated with, and a description."""

    iri: str
    name: str
    names: tuple[str, ...]
    types: tuple[str, ...]
    description: str | None = None

    @property
    def id(self) -> str:
        """The IRI without https://w3id.org/jwc/id/: "org/pri"."""
        return self.iri[len(ID) :]


@dataclass(frozen=True)
class Term:
    """A class or property of the ontology (or a predicate the data uses without declaring it)."""

    iri: str
    name: str
    description: str | None = None
    parents: tuple[str, ...] = ()
    range: str | None = None

    @property
    def id(self) -> str:
        return shorten(self.iri).strip("<>")


@dataclass
class EntityIndex:
    """Entities by IRI, classes and properties by IRI, subclasses, and property use by class."""

    entities: dict[str, Entity] = field(default_factory=dict)
    classes: dict[str, Term] = field(default_factory=dict)
    properties: dict[str, Term] = field(default_factory=dict)
    children: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    usage: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def from_store(cls, store: ox.Store) -> EntityIndex:
        index = cls()
        index._read_terms(store)
        index._read_entities(store)
        index._read_usage(store)
        return index

    def _read_terms(self, store: ox.Store) -> None:
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for q in store.quads_for_pattern(None, None, None, graph):
            if isinstance(q.subject, ox.NamedNode) and not isinstance(q.object, ox.BlankNode):
                facts[q.subject.value][q.predicate.value].append(q.object)
        for iri, f in facts.items():
            kinds = {t.value for t in f[TYPE]}
            term = Term(
                iri,
                best_value(f[RDFS + "label"]) or local_name(iri),
                best_value(f[SKOS + "definition"]),
                tuple(sorted({p.value for p in f[RDFS + "subClassOf"] + f[RDFS + "subPropertyOf"]})),
                best_value(f[RDFS + "range"]),
            )
            if OWL + "Class" in kinds or RDFS + "Class" in kinds:
                self.classes[iri] = term
                for parent in term.parents:
                    self.children[parent].add(iri)
            elif kinds & PROPERTY_KINDS:
                self.properties[iri] = term

    def _read_entities(self, store: ox.Store) -> None:
        names: dict[str, dict[str, list[ox.Literal]]] = defaultdict(lambda: defaultdict(list))
        for pred in NAME_PREDICATES:
            for q in store.quads_for_pattern(None, ox.NamedNode(pred), None, DEFAULT):
                if _ours(q.subject) and isinstance(q.object, ox.Literal) and q.object.value.strip():
                    names[q.subject.value][pred].append(q.object)
        for iri, by_pred in names.items():
            subject = ox.NamedNode(iri)
            types = sorted(
                {
                    q.object.value
                    for q in store.quads_for_pattern(subject, ox.NamedNode(TYPE), None, DEFAULT)
                    if isinstance(q.object, ox.NamedNode) and q.object.value not in IGNORED_TYPES
                }
            )
            described = [
                q.object for p in DESCRIPTIONS for q in store.quads_for_pattern(subject, ox.NamedNode(p), None, DEFAULT)
            ]
            every = [lit for pred in NAME_PREDICATES for lit in sorted(by_pred[pred], key=_preference)]
            self.entities[iri] = Entity(
                iri,
                every[0].value,
                tuple(dict.fromkeys(lit.value for lit in every)),
                tuple(self._most_specific(types)),
                best_value(described),
            )
        for iri in {t for e in self.entities.values() for t in e.types} - set(self.classes):
            self.classes[iri] = Term(iri, local_name(iri))  # a class the data uses that the ontology does not declare

    def _most_specific(self, types: list[str]) -> list[str]:
        """The classes without those a more specific one implies (jwc:NGO, not also org:Organization)."""
        return [t for t in types if not any(s != t and s in self.subclasses(t) for s in types)]

    def _read_usage(self, store: ox.Store) -> None:
        rows = store.query(
            "SELECT ?t ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t ; ?p ?o . "
            f'FILTER(STRSTARTS(STR(?s), "{ID}")) }} GROUP BY ?t ?p'
        )
        for row in rows:
            cls_iri, pred = row["t"].value, row["p"].value
            if pred == TYPE or not isinstance(row["t"], ox.NamedNode):
                continue
            self.usage[cls_iri][pred] = int(row["n"].value)
            if pred not in self.properties:
                self.properties[pred] = Term(pred, local_name(pred))

    # --- lookups -----------------------------------------------------------------------------------------------

    def subclasses(self, iri: str) -> set[str]:
        """The class and every class below it."""
        found, todo = set(), [iri]
        while todo:
            c = todo.pop()
            if c not in found:
                found.add(c)
                todo.extend(self.children.get(c, ()))
        return found

    def used_classes(self) -> list[Term]:
        """Classes with at least one entity (stated, or through a subclass), by name."""
        stated = {t for e in self.entities.values() for t in e.types}
        return sorted(
            (t for t in self.classes.values() if self.subclasses(t.iri) & stated), key=lambda t: t.name.lower()
        )

    def proposed_properties(self, class_iri: str | None) -> list[tuple[Term, int]]:
        """The properties entities of the class (and its subclasses; all when None) use, most used first."""
        counts: dict[str, int] = defaultdict(int)
        for cls_iri in self.subclasses(class_iri) if class_iri else list(self.usage):
            for pred, n in self.usage.get(cls_iri, {}).items():
                counts[pred] += n
        return sorted(
            ((self.properties[p], n) for p, n in counts.items()), key=lambda pair: (-pair[1], pair[0].name.lower())
        )

    def entity(self, text: str) -> Entity | None:
        """The entity an identifier names: "org/pri", "jo:pri" or the full IRI."""
        text = text.strip()
        for iri in (text, ID + text, expand(text)):
            if iri and iri in self.entities:
                return self.entities[iri]
        return None

    def term(self, text: str, terms: dict[str, Term]) -> Term | None:
        """The class or property a text names: its CURIE, IRI, or (case aside) its name or local name ("NGO")."""
        text = text.strip()
        for iri in (text, expand(text)):
            if iri and iri in terms:
                return terms[iri]
        wanted = text.casefold()
        named = [t for t in terms.values() if wanted in (t.name.casefold(), local_name(t.iri).casefold())]
        return min(named, key=lambda t: t.iri) if named else None


def _ours(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(ID)


def _preference(lit: ox.Literal) -> tuple:
    """English first, then untagged, then other languages; then alphabetically, so the choice is stable."""
    lang = (lit.language or "").lower()
    return (0 if lang.startswith("en") else 1 if not lang else 2, lit.value)


def best_value(terms: list) -> str | None:
    """The preferred value of several (English first); None when there is none."""
    if not terms:
        return None
    literals = [t for t in terms if isinstance(t, ox.Literal)]
    if literals:
        return min(literals, key=_preference).value
    return min(t.value for t in terms)


def local_name(iri: str) -> str:
    """The last part of an IRI, as a name of last resort."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri
