"""What to tell a person about their query: the parser's error at their own line and column, one line for an
unknown prefix, nesting too deep to parse, and terms of the project the graph does not know.

The query runs with the project's PREFIX lines added in front (query.with_prefixes), so the parser's
positions are shifted by those lines; and Oxigraph lists every character range it expected, which reads
as noise. Terms: a misspelled class (`jwc:NGOO`) matches nothing and gives 0 rows in silence, so a
query naming an ontology term, a controlled-list concept or an entity that the graph does not hold
gets a warning with the closest known term.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urljoin

import pyoxigraph as ox

from ..base.namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, PREFIXES, VOCAB, shorten
from . import guard

#: Deeper than this many nested brackets, the query is refused before it reaches the parser (Oxigraph's
#: recursive parser overflows its stack at about 10,000 and takes the process with it).
MAX_NESTING = 200
_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_RANGES = re.compile(r"expected one of .*", re.DOTALL)


def nesting(text: str) -> int:
    """How deep the query's brackets ({, (, [) nest, strings and comments left out."""
    depth = deepest = 0
    try:
        for kind, value in guard.tokens(text):
            if kind == "punct" and value in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif kind == "punct" and value in "})]":
                depth -= 1
    except guard.Refused:
        return deepest  # unreadable: the parser says why
    return deepest


def too_deep(text: str) -> str | None:
    """A message when the query nests deeper than MAX_NESTING, else None."""
    deepest = nesting(text)
    if deepest > MAX_NESTING:
        return (
            f"the query nests {deepest} brackets deep; at most {MAX_NESTING} are read. "
            "Flatten it (a VALUES block or UNION instead of nested groups)"
        )
    return None


def syntax_message(message: str, text: str, added_lines: int) -> tuple[str, int | None, int | None]:
    """The parser's message with the position in the user's own `text`, and that line and column."""
    m = _POSITION.match(message)
    if not m:
        return message, None, None
    line, column = int(m.group(1)) - added_lines, int(m.group(2))
    rest = message[m.end() :]
    if "Prefix not found" in rest:
        lines = text.splitlines()
        before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        name = re.search(r"([^\s:{}()<>,;]*):[^\s{}()<>,;]*\s*$", before)  # the parser points just past it
        shown = f"{name.group(1)}: " if name else ""
        column = name.start() + 1 if name else column
        rest = (
            f"unknown prefix {shown}(declare it with PREFIX name: <namespace>, or use one of the project's: "
            f"{', '.join(f'{p}:' for p in sorted(PREFIXES))})"
        )
    elif "['" in rest or "'\\u{" in rest:  # the character ranges a name may hold: of no use to read
        rest = _RANGES.sub("something else was expected here (check the name, brackets and dots)", rest)
    return f"line {line}, column {column}: {rest}", line, column


def _iris(text: str) -> list[str]:
    """The IRIs the query names (full, relative to BASE, or prefixed), with its own and the project's prefixes."""
    prefixes, base, out = dict(PREFIXES), "", []
    toks = list(guard.tokens(text))
    for i, (kind, value) in enumerate(toks):
        word = value.upper() if kind == "word" else ""
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].rstrip(":")] = urljoin(base, toks[i + 2][1][1:-1])
        elif word == "BASE" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = urljoin(base, toks[i + 1][1][1:-1])
        elif kind == "iri" and not (i and toks[i - 1][1].upper() in ("PREFIX", "BASE")):
            out.append(urljoin(base, value[1:-1]))
        elif kind == "pname" and not (i and toks[i - 1][1].upper() == "PREFIX"):
            prefix, _, local = value.partition(":")
            if prefix in prefixes and local:
                out.append(prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))
    return out


def _known(store: ox.Store, iri: str) -> bool:
    node = ox.NamedNode(iri)
    if iri.startswith((ONTOLOGY, VOCAB)):
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        return next(iter(store.quads_for_pattern(node, None, None, graph)), None) is not None
    return (
        store.contains_named_graph(node)  # a source's graph, the catalogue
        or next(iter(store.quads_for_pattern(node, None, None, None)), None) is not None
        or next(iter(store.quads_for_pattern(None, None, node, None)), None) is not None
    )


#: The most known IRIs a suggestion is chosen from (difflib compares each): a large graph gets no suggestion
#: for an unknown entity rather than a slow answer.
MAX_CANDIDATES = 20_000


def _candidates(store: ox.Store, namespace: str) -> list[str]:
    """Known IRIs in a namespace: the ontology's terms and concepts, or the entities of one kind."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH) if namespace in (ONTOLOGY, VOCAB) else ox.DefaultGraph()
    found: set[str] = set()
    for q in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdf"] + "type"), None, graph):
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(namespace):
            found.add(q.subject.value)
            if len(found) > MAX_CANDIDATES:
                return []
    return sorted(found)


def _namespace(iri: str) -> str | None:
    """The project namespace an IRI is in (for an entity, its kind's: .../id/org/), or None."""
    if iri.startswith(ONTOLOGY):
        return ONTOLOGY
    if iri.startswith(VOCAB):
        return VOCAB
    if iri.startswith(ID) and "/" in iri[len(ID) :]:
        return ID + iri[len(ID) :].split("/", 1)[0] + "/"
    return None


def unknown_terms(store: ox.Store, text: str, limit: int = 5) -> list[str]:
    """A warning for each term of the project's namespaces that the query names and the graph does not hold."""
    try:
        iris = _iris(text)
    except guard.Refused:
        return []
    warnings, seen = [], set()
    for iri in iris:
        ns = _namespace(iri)
        if ns is None or iri in seen or iri == ns or _known(store, iri):
            continue
        seen.add(iri)
        known = {k[len(ns) :]: k for k in _candidates(store, ns)}
        close = difflib.get_close_matches(iri[len(ns) :], list(known), n=1, cutoff=0.75)
        hint = f": did you mean {shorten(known[close[0]])}?" if close else ""
        what = "the ontology does not define" if ns in (ONTOLOGY, VOCAB) else "the graph holds nothing about"
        warnings.append(f"{shorten(iri)}: {what} it, so it matches nothing{hint}")
        if len(warnings) >= limit:
            break
    return warnings
