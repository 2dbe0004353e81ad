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
    """Entities by IRI, classes and properties by IRI, subclasses, and property use by class (read when first
    asked for: it takes a pass over every statement, which matching does not need)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    classes: dict[str, Term] = field(default_factory=dict)
    properties: dict[str, Term] = field(default_factory=dict)
    children: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    store: ox.Store | None = None
    _usage: dict[str, dict[str, int]] | None = None
    _below: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: ox.Store) -> EntityIndex:
        index = cls(store=store)
        index._read_terms(store)
        index._read_entities(store)
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
        """One indexed scan per predicate (names, types, descriptions), not one look-up per entity."""
        names = {pred: _by_subject(store, pred) for pred in NAME_PREDICATES}
        named = sorted({iri for by in names.values() for iri, found in by.items() if _named(found)})
        types, described = _by_subject(store, TYPE), defaultdict(list)
        for pred in DESCRIPTIONS:
            for iri, found in _by_subject(store, pred).items():
                described[iri] += found
        for iri in named:
            every = [
                lit
                for pred in NAME_PREDICATES
                for lit in sorted(names[pred].get(iri, ()), key=_preference)
                if isinstance(lit, ox.Literal) and lit.value.strip()
            ]
            stated = sorted(
                {t.value for t in types.get(iri, ()) if isinstance(t, ox.NamedNode) and t.value not in IGNORED_TYPES}
            )
            self.entities[iri] = Entity(
                iri,
                every[0].value,
                tuple(dict.fromkeys(lit.value for lit in every)),
                tuple(self._most_specific(stated)),
                best_value(described.get(iri, [])),
            )
        for iri in {t for e in self.entities.values() for t in e.types} - set(self.classes):
            self.classes[iri] = Term(iri, local_name(iri))  # a class the data uses that the ontology does not declare

    def _most_specific(self, types: list[str]) -> list[str]:
        """The classes without those a more specific one implies (jwc:NGO, not also org:Organization)."""
        return [t for t in types if not any(s != t and s in self.subclasses(t) for s in types)]

    @property
    def usage(self) -> dict[str, dict[str, int]]:
        """How many entities of each class use each property; predicates the ontology does not declare become
        properties here too."""
        if self._usage is None:
            self._usage = defaultdict(dict)
            rows = (
                self.store.query(
                    "SELECT ?t ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t ; ?p ?o . "
                    f'FILTER(STRSTARTS(STR(?s), "{ID}")) }} GROUP BY ?t ?p'
                )
                if self.store is not None
                else []
            )
            for row in rows:
                pred = row["p"].value
                if pred == TYPE or not isinstance(row["t"], ox.NamedNode):
                    continue
                self._usage[row["t"].value][pred] = int(row["n"].value)
                if pred not in self.properties:
                    self.properties[pred] = Term(pred, local_name(pred))
        return self._usage

    # --- lookups -----------------------------------------------------------------------------------------------

    def subclasses(self, iri: str) -> frozenset[str]:
        """The class and every class below it."""
        if iri not in self._below:
            found, todo = set(), [iri]
            while todo:
                c = todo.pop()
                if c not in found:
                    found.add(c)
                    todo.extend(self.children.get(c, ()))
            self._below[iri] = frozenset(found)
        return self._below[iri]

    def used_classes(self) -> list[Term]:
        """Classes with at least one entity (stated, or through a subclass), by name."""
        stated = {t for e in self.entities.values() for t in e.types}
        return sorted(
            (t for t in self.classes.values() if self.subclasses(t.iri) & stated), key=lambda t: t.name.lower()
        )

    def proposed_properties(self, class_iri: str | None) -> list[tuple[Term, int]]:
        """The properties entities of the class (and its subclasses; all when None) use, most used first."""
        usage, counts = self.usage, defaultdict(int)
        for cls_iri in self.subclasses(class_iri) if class_iri else list(usage):
            for pred, n in usage.get(cls_iri, {}).items():
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

    def find_class(self, text: str) -> Term | None:
        """The class a text names: its CURIE, IRI, or (case aside) its name or local name ("NGO")."""
        return self._term(text, self.classes)

    def find_property(self, text: str) -> Term | None:
        """The property a text names, as find_class; or a predicate the data uses that the ontology does not declare."""
        _ = self.usage
        return self._term(text, self.properties)

    def _term(self, text: str, terms: dict[str, Term]) -> Term | None:
        text = text.strip()
        for iri in (text, expand(text)):
            if iri and iri in terms:
                return terms[iri]
        wanted = text.casefold()
        named = [t for t in terms.values() if wanted in (t.name.casefold(), local_name(t.iri).casefold())]
        return min(named, key=lambda t: t.iri) if named else None


def _by_subject(store: ox.Store, predicate: str) -> dict[str, list]:
    """The objects of a predicate in the default graph, by subject, for the subjects under ID."""
    found: dict[str, list] = defaultdict(list)
    for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, DEFAULT):
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ID):
            found[q.subject.value].append(q.object)
    return found


def _named(objects: list) -> bool:
    return any(isinstance(o, ox.Literal) and o.value.strip() for o in objects)


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
