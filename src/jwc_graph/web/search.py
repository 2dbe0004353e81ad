"""Find the graph's classes, properties, concepts and entities by name: any skos:prefLabel, skos:altLabel or
rdfs:label, a CURIE (`jo:tdh`, `jwc:NG`) or an IRI, ignoring case and accents ("Tdh", "cote d'ivoire").

The query page's completion and the network map ask `GET /search`; it runs in a pages worker (worker.py), which
keeps one index per view of the store, so a lookup scans a list in memory instead of querying the store.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox

from ..base.namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, PREFIXES, SHAPES, SHAPES_GRAPH, VOCAB, shorten

RDF, RDFS, OWL, SKOS = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["skos"]
#: Label properties, best first: the name shown is the best label found.
LABELS = (SKOS + "prefLabel", RDFS + "label", SKOS + "altLabel")
#: What kind of thing an IRI is, by its types; the first kind whose types it has wins, else "entity".
KIND_TYPES = {
    "class": {OWL + "Class", RDFS + "Class", RDFS + "Datatype"},
    "property": {
        RDF + "Property",
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
        OWL + "FunctionalProperty",
        OWL + "TransitiveProperty",
        OWL + "SymmetricProperty",
    },
    "concept": {SKOS + "Concept", SKOS + "ConceptScheme"},
    "shape": {PREFIXES["sh"] + "NodeShape", PREFIXES["sh"] + "PropertyShape"},
}
KINDS = (*KIND_TYPES, "entity")
DEFAULT_LIMIT, MAX_LIMIT = 20, 100
MAX_QUERY = 200  # characters: a name, a CURIE or an IRI is never longer; a longer one is refused
_WORD = re.compile(r"[^\w]+")
MIN_INSIDE = 3  # a shorter text matches only at the start of a name or word ("te" would be inside too many)
#: Marks in Entry.inside / Entry.starts; a label that holds one can only let an entry through to _score, which
#: decides, so it cannot hide a match.
WORD_START, NAME_END = "\x01", "\x00"
NO_TEXT = 4  # the score of every entry when there is no text to match (a bare `jwc:` lists its terms)


def fold(text: str) -> str:
    """Text for comparing names: accents dropped (NFKD, combining marks removed), case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: The pages this server has for the project's IRIs: an IRI under the first namespace is at the path + the rest.
PAGES = ((ID, "/id/"), (VOCAB, "/vocab/"), (ONTOLOGY, "/ontology#"), (SHAPES, "/shapes#"))
GRAPH_PAGES = {ONTOLOGY_GRAPH: "/ontology", SHAPES_GRAPH: "/shapes"}


def page_href(iri: str) -> str | None:
    """This server's page for one of the project's IRIs (/id/..., /vocab/..., /ontology#X, /shapes#X), else None."""
    for base, path in PAGES:
        if iri.startswith(base) and len(iri) > len(base):
            return path + quote(iri[len(base) :], safe="/:@-._~!$&'()*+,;=")
    return GRAPH_PAGES.get(iri)


@dataclass(frozen=True)
class Entry:
    """One IRI as the search sees it: its names folded once (with their words, and both run together so that a
    text that appears nowhere is ruled out by one substring test), its kind and types."""

    iri: str
    curie: str
    label: str
    sort_key: str  # the label, folded
    labels: tuple[str | None, ...]  # what each name is as stated (None for the local name, "tdh" of jo:tdh)
    names: tuple[str, ...]  # the local name, then every label, folded
    words: tuple[tuple[str, ...], ...]  # the words of each name
    inside: str  # every name, run together: a text of MIN_INSIDE or more characters must be in it
    starts: str  # every name and word, each after WORD_START: a shorter text must follow a WORD_START
    kind: str
    types: tuple[str, ...]

    def as_dict(self, matched: str | None) -> dict:
        out = {
            "iri": self.iri,
            "curie": self.curie,
            "label": self.label,
            "kind": self.kind,
            "types": [shorten(t) for t in self.types],
            "href": page_href(self.iri),
        }
        if matched and matched != self.label:
            out["matched"] = matched
        return out


class Index:
    """Every labelled IRI of the store (and every class and property, labelled or not), ready to search."""

    def __init__(self, store: ox.Store):
        labels: dict[str, list[tuple[int, int, str]]] = {}
        for rank, prop in enumerate(LABELS):
            for q in store.quads_for_pattern(None, ox.NamedNode(prop), None, None):
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                    other_language = 0 if (q.object.language or "en") == "en" else 1
                    labels.setdefault(q.subject.value, []).append((rank, other_language, q.object.value))
        types: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), None, None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                types.setdefault(q.subject.value, set()).add(q.object.value)
        typed_terms = {s for s, ts in types.items() if ts & (KIND_TYPES["class"] | KIND_TYPES["property"])}
        self.entries = [_entry(iri, labels.get(iri, []), types.get(iri, set())) for iri in labels.keys() | typed_terms]
        self.entries.sort(key=lambda e: (e.sort_key, e.iri))

    def search(self, text: str, kinds: frozenset[str] = frozenset(KINDS), limit: int = DEFAULT_LIMIT) -> list[dict]:
        """The best matches for `text`, best first: an exact name, then a name that starts with it, then a word
        that does, then a name that holds it; a CURIE (`jo:te`) looks in that prefix's IRIs only."""
        text = text.strip()
        namespace, wanted = None, fold(text)
        curie = re.fullmatch(r"([A-Za-z][\w.-]*):(.*)", text)
        if curie and curie.group(1) in PREFIXES and not text.startswith(("http:", "https:")):
            namespace, wanted = PREFIXES[curie.group(1)], fold(curie.group(2))
        iri = text.strip("<>") if text.startswith(("<", "http://", "https://")) else None
        long_text, start = len(wanted) >= MIN_INSIDE, WORD_START + wanted
        found = []
        for entry in self.entries:
            if entry.kind not in kinds or (namespace and not entry.iri.startswith(namespace)):
                continue
            if iri is not None:
                if not entry.iri.startswith(iri):
                    continue
                score, matched = (0 if entry.iri == iri else 1), None
            elif not wanted:
                score, matched = NO_TEXT, None
            elif (wanted not in entry.inside) if long_text else (start not in entry.starts):
                continue
            else:
                score, matched = _score(entry, wanted)
                if score is None:
                    continue
            closeness = len(entry.label) if score < NO_TEXT else 0  # shorter names are closer matches
            found.append((score, closeness, entry.sort_key, entry.iri, entry, matched))
        found.sort(key=lambda f: f[:4])
        return [f[4].as_dict(f[5]) for f in found[:limit]]


def _entry(iri: str, labels: list[tuple[int, int, str]], types: set[str]) -> Entry:
    curie = shorten(iri)
    local = fold(curie.split(":", 1)[1]) if not curie.startswith("<") else fold(iri)
    kind = next((k for k, ts in KIND_TYPES.items() if types & ts), "entity")
    stated = tuple(dict.fromkeys(text for _, _, text in sorted(labels)))
    names = (local, *(fold(n) for n in stated))
    words = tuple(tuple(w for w in _WORD.split(n) if w) for n in names)
    label = stated[0] if stated else curie
    return Entry(
        iri=iri,
        curie=curie,
        label=label,
        sort_key=fold(label),
        labels=(None, *stated),
        names=names,
        words=words,
        inside=NAME_END.join(names),
        starts=WORD_START + WORD_START.join((*names, *(w for ws in words for w in ws))),
        kind=kind,
        types=tuple(sorted(types)),
    )


def _score(entry: Entry, wanted: str) -> tuple[int | None, str | None]:
    """How well an entry's names match (0 best, None no match), and the label that matched best."""
    best, matched = None, None
    for name, words, label in zip(entry.names, entry.words, entry.labels):
        if name == wanted:
            score = 0
        elif name.startswith(wanted):
            score = 1
        elif any(word.startswith(wanted) for word in words):
            score = 2
        elif len(wanted) >= MIN_INSIDE and wanted in name:
            score = 3
        else:
            continue
        if best is None or score < best:
            best, matched = score, label
    return best, matched


_cache: tuple[ox.Store, Index] | None = None


def find(store: ox.Store, text: str, kinds: list[str] | None = None, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """Search `store` (its index is built on the first search and kept while the worker holds the same view)."""
    global _cache
    if _cache is None or _cache[0] is not store:
        _cache = (store, Index(store))
    return _cache[1].search(text, frozenset(kinds or KINDS), limit)
