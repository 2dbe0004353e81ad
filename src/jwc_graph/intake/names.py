"""Find entities by name, and the closest names when a reference fails ("did you mean ...?").

Used by CSV submissions (a cell names an organisation) and by reports (an IRI points nowhere): names
are the prefLabel and altLabel of entities in the built store and in the submission, compared with
difflib after case-folding and slugging, so "Penal Reform Int." finds Penal Reform International.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..base.namespaces import ID, PREFIXES
from ..rdf.default_graph import stated

PREF = PREFIXES["skos"] + "prefLabel"
ALT = PREFIXES["skos"] + "altLabel"
LABELS = {PREF, ALT}


def slugify(text: str) -> str:
    """A lower-case ASCII slug: "Défense des Enfants (DEI)" -> "defense-des-enfants-dei"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def kind_of(iri: str) -> str | None:
    """The <kind> of an IRI minted under https://w3id.org/jwc/id/<kind>/<slug>."""
    if not iri.startswith(ID):
        return None
    kind, _, rest = iri[len(ID) :].partition("/")
    return kind if rest else None


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class NameIndex:
    """Every entity's names and preferred name; built from label triples (store and submission)."""

    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    preferred: dict[str, str] = field(default_factory=dict)
    slugs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entity: str, predicate: str, text: str) -> None:
        self.by_name[_key(text)].add(entity)
        self.slugs[slugify(text)].add(entity)
        if predicate == PREF and (entity not in self.preferred or text < self.preferred[entity]):
            self.preferred[entity] = text
        if entity.startswith(ID):
            self.slugs[entity.rsplit("/", 1)[-1]].add(entity)

    def add_quads(self, quads: Iterable[ox.Quad | ox.Triple]) -> NameIndex:
        for q in quads:
            if q.predicate.value in LABELS and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                self.add(q.subject.value, q.predicate.value, q.object.value)
        return self

    @classmethod
    def from_store(cls, store: ox.Store) -> NameIndex:
        """All names in the store: one indexed scan of the two label predicates (the shapes graph has none)."""
        index = cls()
        for pred in (PREF, ALT):
            index.add_quads(stated(store, None, ox.NamedNode(pred)))
        return index

    def name_of(self, entity: str) -> str | None:
        return self.preferred.get(entity)

    def lookup(self, text: str, kinds: Iterable[str] | None = None) -> set[str]:
        """Entities with exactly this name (case and spacing ignored), of the given kinds if any."""
        found = self.by_name.get(_key(text), set())
        return {e for e in found if not kinds or kind_of(e) in set(kinds)}

    def closest(self, text: str, kinds: Iterable[str] | None = None, n: int = 3) -> list[str]:
        """The entities whose names (or IRI slugs) are closest to `text`, best first."""
        kinds = set(kinds or ())
        wanted = slugify(text)
        candidates = [s for s, ents in self.slugs.items() if not kinds or any(kind_of(e) in kinds for e in ents)]
        out: list[str] = []
        for s in difflib.get_close_matches(wanted, candidates, n=n * 2, cutoff=0.6):
            for e in sorted(self.slugs[s]):
                if (not kinds or kind_of(e) in kinds) and e not in out:
                    out.append(e)
        return out[:n]

    def display(self, entity: str) -> str:
        """ "Penal Reform International (jo:pri)", or the short IRI alone when it has no name."""
        from ..base.namespaces import shorten

        name = self.name_of(entity)
        return f"{name} ({shorten(entity)})" if name else shorten(entity)

    def did_you_mean(self, entities: list[str]) -> str:
        if not entities:
            return ""
        return "did you mean " + " or ".join(self.display(e) for e in entities) + "?"
