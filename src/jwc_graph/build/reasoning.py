"""Check with the HermiT reasoner (through owlready2) that the ontology, the reused vocabularies' axioms and
each source are consistent.

Each source is checked on its own, in one run: the entities a source describes get copies of their own
for that source (`each_source_apart`), so a source that types an organisation as an NGO and another that
types it as a coalition do not make the graph "inconsistent"; that is a disagreement between sources,
which `jwc conflicts` lists. A source that contradicts the ontology by itself stops the build, named.

owlready2 reads N-Triples but not Turtle, so the graph is written out as N-Triples first. HermiT
knows only the OWL 2 datatype map; xsd:gYear and xsd:duration literals are passed over
(ignore_unsupported_datatypes), which leaves class and individual reasoning intact.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from ..base import urls
from ..base.errors import JwcError
from ..base.namespaces import ID, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH, shorten
from ..rdf import convert
from ..rdf.files import MAX_SIZE

ANY_URI = ox.NamedNode(PREFIXES["xsd"] + "anyURI")


@dataclass
class ReasoningResult:
    """What HermiT concluded: consistent or not, and which classes can have no member."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    classes: int = 0
    hierarchy: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    source: str | None = None  # the source graph found inconsistent on its own, where one is
    profile: list[str] | None = None  # OWL 2 DL violations of the ontology, where they were checked

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable and not self.profile

    def text(self) -> str:
        if not self.consistent:
            which = f"the source {shorten(self.source)} is" if self.source else "the ontology and data are"
            return (
                f"{which} inconsistent with the ontology or the axioms of a vocabulary it reuses: some entity is "
                "given types or values that they rule out (for example a UN entity that is also an NGO, which are "
                "disjoint, or an event given as the agent of a commitment)"
            )
        if self.unsatisfiable:
            return "unsatisfiable classes (no entity can belong to them): " + ", ".join(self.unsatisfiable)
        if self.profile:
            return f"the ontology is not OWL 2 DL: {'; '.join(self.profile[:5])}"
        dl = "; the ontology is OWL 2 DL" if self.profile == [] else ""
        return f"consistent; {self.classes} classes, none unsatisfiable{dl}"


def _name(cls) -> str:
    label = next(iter(cls.label), None)
    return f"{label} ({cls.iri.rsplit('#', 1)[-1].rsplit('/', 1)[-1]})" if label else cls.iri


def _named_parents(cls, owlready2) -> list:
    return [p for p in cls.is_a if isinstance(p, owlready2.ThingClass) and p is not owlready2.Thing]


def _tree(world, owlready2) -> list[str]:
    """The class hierarchy after reasoning, as indented lines (a class under each of its parents)."""
    classes = sorted(world.classes(), key=lambda c: c.iri)
    children: dict = {}
    for c in classes:
        for parent in _named_parents(c, owlready2):
            children.setdefault(parent, []).append(c)
    roots = [c for c in classes if not _named_parents(c, owlready2)]
    lines: list[str] = []

    def walk(c, depth: int) -> None:
        lines.append("  " * depth + "- " + _name(c))
        for child in sorted(children.get(c, []), key=_name):
            walk(child, depth + 1)

    for root in sorted(roots, key=_name):
        walk(root, 0)
    return lines


def check(graph: rdflib.Graph, hierarchy: bool = False) -> ReasoningResult:
    """Run HermiT on `graph` (ontology plus data) in a fresh owlready2 world; optionally report the hierarchy."""
    import owlready2  # imported here: it starts slowly and only this step needs it

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise JwcError(
            "the reasoner needs Java, and no 'java' command was found",
            fix="install a Java runtime (Debian: apt-get install default-jre-headless)",
        )
    with tempfile.TemporaryDirectory(prefix="jwc-reasoner-") as tmp:
        path = Path(tmp) / "graph.nt"
        path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        classes = len(list(world.classes()))
        asserted = {c: set(_named_parents(c, owlready2)) for c in world.classes()}
        try:
            with world.get_ontology("https://w3id.org/jwc/inferred"):
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
                )
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasoningResult(consistent=False, classes=classes)
        except owlready2.OwlReadyJavaError as err:
            first = str(err).splitlines()[1:2] or [str(err)]
            raise JwcError(f"the reasoner HermiT failed: {first[0]}") from None
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)
        inferred = sorted(
            f"{_name(c)} is a kind of {_name(p)}"
            for c in world.classes()
            for p in set(_named_parents(c, owlready2)) - asserted.get(c, set())
        )
        return ReasoningResult(
            consistent=True,
            unsatisfiable=unsat,
            classes=classes,
            hierarchy=_tree(world, owlready2) if hierarchy else [],
            inferred=inferred,
        )


def check_project(project, with_data: bool = True, hierarchy: bool = True, max_size: int = MAX_SIZE) -> ReasoningResult:
    """`jwc check-ontology`: HermiT on the project's ontology (with the reused vocabularies' axioms), with each
    source of its data apart, or without the data."""
    from . import owl_profile
    from .inputs import parse_inputs

    roles = ("ontology", "data") if with_data else ("ontology",)
    files = [f for f in parse_inputs(project, lambda msg: None, max_size) if f.role in roles]
    result = check_sources((q for f in files for q in f.quads), hierarchy=hierarchy)
    result.profile = owl_profile.violations(convert.to_graph(q for f in files if f.role == "ontology" for q in f.quads))
    return result


def _graph(q: ox.Quad) -> str | None:
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None


def _readable(term):
    """A web address HermiT cannot read as xsd:anyURI (stored before addresses were normalised) as plain text:
    no class reasoning depends on it, and the build must not stop on a submission's provenance."""
    if isinstance(term, ox.Literal) and term.datatype == ANY_URI and not urls.is_uri(term.value):
        return ox.Literal(term.value)
    return term


def each_source_apart(quads: Iterable[ox.Quad]) -> tuple[rdflib.Graph, dict[str, list[ox.Quad]]]:
    """The ontology graph as it is, plus every other graph with its own copies of the entities it names
    (`<iri>#in-N`), so that HermiT checks each source against the ontology, not the sources against each other.

    Returns that graph, and each source graph's quads (for naming an inconsistent source afterwards)."""
    quads = [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == SHAPES_GRAPH)]
    shared = {
        q.subject for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_GRAPH
    }
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH:
            by_graph.setdefault(q.graph_name.value, []).append(q)
    index = {g: i for i, g in enumerate(sorted(by_graph))}

    def apart(term, graph: str):
        if isinstance(term, ox.NamedNode) and term.value.startswith(ID) and term not in shared:
            return ox.NamedNode(f"{term.value}#in-{index[graph]}")
        return term

    out = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in quads
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_GRAPH
    ]
    for graph, rows in by_graph.items():
        out += [ox.Quad(apart(q.subject, graph), q.predicate, _readable(apart(q.object, graph))) for q in rows]
    return convert.to_graph(out), by_graph


def check_sources(quads: Iterable[ox.Quad], hierarchy: bool = False) -> ReasoningResult:
    """HermiT on the ontology with each source apart; when that is inconsistent, each source alone is checked
    to name the one at fault (only then: a run per source)."""
    quads = list(quads)
    graph, by_graph = each_source_apart(quads)
    result = check(graph, hierarchy=hierarchy)
    if result.consistent:
        return result
    ontology = [q for q in quads if _graph(q) == ONTOLOGY_GRAPH]
    for source in sorted(by_graph):
        alone, _ = each_source_apart([*ontology, *by_graph[source]])
        if not check(alone).consistent:
            result.source = source
            break
    return result
