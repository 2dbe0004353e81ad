"""Match names from a spreadsheet to the graph's entities: candidates best first, each with a score from 0 to 100
and a match flag, for the reconciliation service (`jwc serve`, /reconcile) and `jwc reconcile`.

How a score is made (rapidfuzz): the query and every name of an entity (preferred, alternative and rdfs labels)
are folded alike (look-alike letters, accents, case and punctuation dropped: lookalike.name_key), then compared
with rapidfuzz's ratio (edits), also with the words sorted (word order aside); an entity scores its best name.
A word of the query that begins the name's word in the same place ("Int." for International) counts as that
word, at 95% of the score. Each property the query gives (a country, say) is scored the same way against the
entity's values and averaged in at half the weight of the name; a property the entity has no value for counts
neither way. A query that is an entity's identifier ("org/pri", "jo:pri" or the IRI) finds it at 100.

match=true only for a clear single best candidate: it scores at least 90 and every other candidate at least 10
below it. A name two entities share (both score 100) is therefore never a match until a type or property tells
them apart, and a near miss is offered as a candidate for a person to confirm.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyoxigraph as ox
from rapidfuzz import fuzz, process, utils

from ..base.lookalike import name_key
from ..base.namespaces import ID, shorten
from .entity_index import DEFAULT, Entity, EntityIndex, Term, local_name

#: A candidate is a match only at this score or above ...
MATCH_SCORE = 90.0
#: ... and with every other candidate at least this far below it.
MATCH_MARGIN = 10.0
#: Candidates scoring below this are not offered at all.
MIN_SCORE = 50.0
#: What a name matched through shortened words ("Penal Reform Int.") is worth, against the same name written out.
ABBREVIATED = 0.95
#: A property's weight in the score, against the name's 1.
PROPERTY_WEIGHT = 0.5
#: How many of the best names by edit score are scored again for shortened words and properties.
RESCORED = 200
#: The longest query scored (a longer one is a paragraph, not a name).
MAX_QUERY = 500


def fold(text: str) -> str:
    """A name reduced to what matching compares: look-alikes and case as name_key, accents and punctuation dropped."""
    key = unicodedata.normalize("NFKD", name_key(text))
    key = "".join(ch for ch in key if not unicodedata.combining(ch))
    return " ".join(utils.default_process(key).split())


@dataclass(frozen=True)
class Wanted:
    """A property the query gives: its IRI, and the values asked for, each a text or an entity's IRI."""

    property: str
    texts: tuple[str, ...] = ()
    iris: tuple[str, ...] = ()


@dataclass
class Candidate:
    """An entity offered for a query, with its score, whether it is the match, and what the score is made of."""

    entity: Entity
    score: float
    match: bool = False
    features: dict[str, float | bool] = field(default_factory=dict)


class Matcher:
    """Scores an index's entities against queries; built once per index (the names are folded once)."""

    def __init__(self, index: EntityIndex, store: ox.Store | None = None):
        self.index, self.store = index, store
        self.folded = {
            e.iri: tuple(n for n in dict.fromkeys(fold(n) for n in e.names) if n) for e in index.entities.values()
        }
        self.owners = [iri for iri, names in self.folded.items() for _ in names]
        self.names = [n for names in self.folded.values() for n in names]
        self._names_of_class: dict[str, list[int]] = defaultdict(list)  # class -> positions in self.names
        for i, owner in enumerate(self.owners):
            for t in index.entities[owner].types:
                self._names_of_class[t].append(i)
        self._starts: list[tuple[str, int, str]] | None = None
        self._start_keys: list[str] = []

    def classes_of(self, types: Iterable[str]) -> set[str] | None:
        """Every class a query's types allow (each with its subclasses); None when no type is given."""
        types = list(types)
        if not types:
            return None
        return set().union(*(self.index.subclasses(t) for t in types))

    def allowed(self, entity: Entity, classes: set[str] | None) -> bool:
        return classes is None or bool(classes.intersection(entity.types))

    def candidates(
        self,
        query: str | None,
        types: Sequence[str] = (),
        properties: Sequence[Wanted] = (),
        limit: int = 5,
    ) -> list[Candidate]:
        """The best candidates for a query (at most `limit`), best first; the first has match=True when it is
        clearly the one (see the module's docstring)."""
        classes = self.classes_of(types)
        query = (query or "").strip()[:MAX_QUERY]
        scored: dict[str, Candidate] = {}
        if query:
            for iri, score, features in self._by_name(query, classes):
                scored[iri] = Candidate(self.index.entities[iri], score, features=features)
            named = self.index.entity(query)
            if named and self.allowed(named, classes):
                scored[named.iri] = Candidate(named, 100.0, features={"id": True})
        elif properties:
            scored = {e.iri: Candidate(e, 0.0) for e in self.index.entities.values() if self.allowed(e, classes)}
        if properties:
            for cand in scored.values():
                self._score_properties(cand, properties, has_name=bool(query))
        ranked = sorted(
            (c for c in scored.values() if c.score >= MIN_SCORE),
            key=lambda c: (-c.score, c.entity.name.lower(), c.entity.iri),
        )
        for c in ranked:
            c.score = round(c.score, 1)
        if ranked and ranked[0].score >= MATCH_SCORE:
            ranked[0].match = len(ranked) == 1 or ranked[1].score <= ranked[0].score - MATCH_MARGIN
        return ranked[: max(1, limit)]

    def _by_name(self, query: str, classes: set[str] | None) -> list[tuple[str, float, dict]]:
        """(entity IRI, score, features) for the entities whose names come closest to the query."""
        wanted = fold(query)
        if not wanted or not self.names:
            return []
        scores = np.maximum(
            process.cdist([wanted], self.names, scorer=fuzz.ratio, workers=1)[0],
            process.cdist([wanted], self.names, scorer=fuzz.token_sort_ratio, workers=1)[0],
        )
        if classes is not None:
            keep = np.zeros(len(self.names), dtype=bool)
            for c in classes:
                keep[self._names_of_class.get(c, [])] = True
            scores = np.where(keep, scores, -1.0)
        top = np.argsort(-scores, kind="stable")[:RESCORED]
        shortened = _shortened_words(query)
        best: dict[str, tuple[float, dict]] = {}
        for i in top:
            if scores[i] < 0:
                break
            score = float(scores[i])
            features = {"name": round(score, 1)}
            expanded = _expand(wanted, self.names[i], shortened)
            if expanded:
                abbreviated = ABBREVIATED * fuzz.ratio(expanded, self.names[i])
                if abbreviated > score:
                    score, features = abbreviated, {"name": round(abbreviated, 1), "abbreviated": True}
            owner = self.owners[i]
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, features)
        return [(iri, s, f) for iri, (s, f) in best.items()]

    def _score_properties(self, cand: Candidate, properties: Sequence[Wanted], has_name: bool) -> None:
        """Average the properties' scores into the candidate's (PROPERTY_WEIGHT); unknown values count neither way."""
        found = []
        for wanted in properties:
            values = self.values(cand.entity.iri, wanted.property)
            if not values:
                continue
            score = max((self._value_score(wanted, v) for v in values), default=0.0)
            cand.features[shorten(wanted.property).strip("<>")] = round(score, 1)
            found.append(score)
        if has_name:
            cand.score = (cand.score + PROPERTY_WEIGHT * sum(found)) / (1 + PROPERTY_WEIGHT * len(found))
        else:
            cand.score = sum(found) / len(found) if found else 0.0

    def values(self, entity: str, prop: str) -> list[ox.NamedNode | ox.Literal]:
        """The entity's values of a property in the default graph (each once, whatever sources state it)."""
        if self.store is None:
            return []
        quads = self.store.quads_for_pattern(ox.NamedNode(entity), ox.NamedNode(prop), None, DEFAULT)
        return sorted((q.object for q in quads if not isinstance(q.object, ox.BlankNode)), key=str)

    def _value_score(self, wanted: Wanted, value: ox.NamedNode | ox.Literal) -> float:
        if isinstance(value, ox.NamedNode):
            if value.value in wanted.iris:
                return 100.0
            named = self.index.entities.get(value.value)
            ids = {value.value, shorten(value.value), value.value.removeprefix(ID)}
            if any(t.strip() in ids for t in wanted.texts):
                return 100.0
            names = named.names if named else ()
        else:
            names = (value.value,)
        return max((name_score(t, n) for t in wanted.texts for n in names), default=0.0)

    # --- suggest: prefix search for auto-completion -----------------------------------------------------------

    def _index_starts(self) -> None:
        """Every name, every name from each of its words on, and every identifier, sorted: the names that begin
        with a prefix are then a slice found by bisection (made on the first suggestion, which matching never needs)."""
        starts = []
        for iri, names in self.folded.items():
            for name in names:
                words = name.split(" ")
                starts += [(" ".join(words[i:]), 1 if i == 0 else 2, iri) for i in range(len(words))]
        for e in self.index.entities.values():
            starts += [(ident, 1, e.iri) for ident in (e.id, shorten(e.iri), e.iri)]
        starts.sort()
        self._starts, self._start_keys = starts, [k for k, _, _ in starts]

    def suggest_entities(self, prefix: str, classes: set[str] | None = None) -> list[Entity]:
        """Entities whose name, a word of a name, or identifier begins with the prefix: a whole name or identifier
        first, then names that begin with it, then names with a word that does; shorter names first."""
        if self._starts is None:
            self._index_starts()
        rank: dict[str, int] = {}
        for key in {fold(prefix), prefix.strip()}:
            at = bisect.bisect_left(self._start_keys, key)
            while at < len(self._starts) and self._start_keys[at].startswith(key):
                start, kind, iri = self._starts[at]
                found = 0 if kind == 1 and start == key else kind
                rank[iri] = min(found, rank.get(iri, found))
                at += 1
        entities = self.index.entities
        chosen = [(r, len(entities[iri].name), entities[iri].name.lower(), iri) for iri, r in rank.items()]
        return [entities[c[-1]] for c in sorted(chosen) if self.allowed(entities[c[-1]], classes)]


def suggest_terms(prefix: str, terms: Iterable[Term]) -> list[Term]:
    """Classes or properties whose name (or a word of it), local name ("NGO"), CURIE or IRI begins with the prefix;
    whole names first."""
    wanted = fold(prefix)
    ranked = []
    for t in terms:
        rank = 0 if prefix.strip() in (t.id, t.iri) else _prefix_rank(wanted, (fold(t.name), fold(local_name(t.iri))))
        if rank is None and prefix.strip() and (t.id.startswith(prefix.strip()) or t.iri.startswith(prefix.strip())):
            rank = 1
        if rank is not None:
            ranked.append((rank, len(t.name), t.name.lower(), t.iri, t))
    return [r[-1] for r in sorted(ranked, key=lambda r: r[:-1])]


def name_score(query: str, name: str) -> float:
    """How alike two names are, 0-100, by the rules of the module's docstring (for one pair)."""
    a, b = fold(query), fold(name)
    if not a or not b:
        return 0.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    expanded = _expand(a, b, _shortened_words(query))
    if expanded:
        score = max(score, ABBREVIATED * fuzz.ratio(expanded, b))
    return float(score)


def _shortened_words(query: str) -> set[str]:
    """The query's words written with a full stop ("Int."), folded: these may stand for any longer word."""
    return {fold(w) for w in query.split() if w.endswith(".") and fold(w)}


def _expand(query: str, name: str, shortened: set[str]) -> str | None:
    """The folded query with each word that begins the name's word in the same place (three letters at least, or
    written with a full stop) replaced by that word; None when no word was expanded."""
    q, n = query.split(), name.split()
    if len(q) != len(n):
        return None
    out, changed = [], False
    for qw, nw in zip(q, n):
        if qw != nw and nw.startswith(qw) and (len(qw) >= 3 or qw in shortened):
            out.append(nw)
            changed = True
        else:
            out.append(qw)
    return " ".join(out) if changed else None


def _prefix_rank(wanted: str, folded_names: Iterable[str]) -> int | None:
    """0 when a (folded) name is the prefix, 1 when a name begins with it, 2 when a word of a name does; else None."""
    best = None
    for folded in folded_names:
        rank = (
            0 if folded == wanted else 1 if folded.startswith(wanted) else 2 if f" {wanted}" in f" {folded}" else None
        )
        if rank is not None and (best is None or rank < best):
            best = rank
    return best
