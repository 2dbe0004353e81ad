"""Run SPARQL on the embedded store or on a remote SPARQL 1.1 endpoint; write answers in standard formats.

Embedded answers keep the solutions as pyoxigraph terms, so rows() costs little more than iterating
the store's own result (benchmarks/bench_sparql.py measures it); SPARQL Results JSON, the form remote
endpoints answer in, is made only when asked for, and every output format is written from it by
pyoxigraph's standard serializers whatever the answer came from. The server, which only passes rows on,
asks for them as that JSON straight away (`as_results`), made by pyoxigraph with no Python object per term.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..base.errors import InputError, JwcError
from ..base.namespaces import PREFIXES, shorten
from ..base.text import xml_bytes_safe
from . import clauses, diagnose
from . import dataset as datasets

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
OUTPUT_FORMATS = ["table", *RESULT_FORMATS, *GRAPH_FORMATS]


class QueryError(JwcError):
    """The query could not be parsed or run; the message is the parser's or the endpoint's, with the line and
    column in the user's own text where the parser gave them."""

    exit_code = 2

    def __init__(self, message: str, fix: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message, fix)
        self.line, self.column = line, column


@dataclass
class Answer:
    """One query's answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT and DESCRIBE.

    `solutions` (tuples of terms in `variables` order) and `ask` hold an embedded answer;
    `results_json` is the SPARQL Results JSON, given by a remote endpoint, made by pyoxigraph for the server
    (`run(..., as_results=True)`), or made from the solutions on demand.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    results_json: bytes = b""
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    solutions: list[tuple] | None = field(default=None, repr=False)
    ask: bool | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)  # e.g. a term the graph does not hold

    @property
    def boolean(self) -> bool | None:
        if self.form != "ask":
            return None
        return self.ask if self.ask is not None else json.loads(self.results_json)["boolean"]

    def terms(self) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]]:
        """Rows as pyoxigraph terms, keyed by variable name (None where unbound)."""
        if self.form != "select":
            return []
        if self.solutions is not None:
            names = self.variables
            return [dict(zip(names, sol)) for sol in self.solutions]
        solutions = ox.parse_query_results(self.results_json, format=ox.QueryResultsFormat.JSON)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names} for s in solutions]

    def rows(self) -> list[dict[str, str | int | float | bool | None]]:
        """Rows as plain Python values: IRIs and strings as str, numbers as int or float, booleans as bool."""
        if self.form == "select" and self.solutions is not None:
            names, value = self.variables, python_value
            return [dict(zip(names, map(value, sol))) for sol in self.solutions]
        return [{k: python_value(v) for k, v in row.items()} for row in self.terms()]

    def serialize(self, fmt: str) -> bytes:
        """The answer in one of OUTPUT_FORMATS (graph formats for CONSTRUCT/DESCRIBE only); XML is well-formed
        whatever the data holds."""
        body = self._serialize(fmt)
        return xml_bytes_safe(body) if fmt in ("xml", "rdfxml") else body

    def _serialize(self, fmt: str) -> bytes:
        if fmt == "table":
            return table(self).encode("utf-8")
        if self.form == "construct":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE answer is a graph: choose one of {', '.join(GRAPH_FORMATS)}")
            return ox.serialize(
                self.triples,
                format=GRAPH_FORMATS[fmt],
                prefixes=PREFIXES if GRAPH_FORMATS[fmt] in (ox.RdfFormat.TURTLE,) else None,
            )
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a SELECT or ASK answer is a table: choose one of table, {', '.join(RESULT_FORMATS)}")
        if fmt == "json":
            return self.results_json
        parsed = ox.parse_query_results(self.results_json, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt])


def _get_results_json(self: Answer) -> bytes:
    """The SPARQL Results JSON, made once from the embedded solutions or boolean when first asked for."""
    if not self._results_json:
        if self.form == "select" and self.solutions is not None:
            bindings = [
                {v: _json_term(t) for v, t in zip(self.variables, sol) if t is not None} for sol in self.solutions
            ]
            doc = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        elif self.form == "ask" and self.ask is not None:
            doc = {"head": {}, "boolean": self.ask}
        else:
            return self._results_json
        self._results_json = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return self._results_json


def _set_results_json(self: Answer, value: bytes) -> None:
    self._results_json = value


# A property over the dataclass field keeps `Answer(form, vars, payload)` and `answer.results_json` working.
Answer.results_json = property(_get_results_json, _set_results_json)  # type: ignore[assignment]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_CONVERTERS: dict[ox.NamedNode, object] = {
    ox.NamedNode(_XSD + "string"): None,
    ox.NamedNode(PREFIXES["rdf"] + "langString"): None,
}


def _converter(datatype: ox.NamedNode):
    """The function turning a literal of this datatype into a Python value (None: keep the text), cached."""
    try:
        return _CONVERTERS[datatype]
    except KeyError:
        pass
    dt = datatype.value
    conv = (
        int
        if dt.endswith(("#integer", "#int", "#long", "#positiveInteger", "#nonNegativeInteger"))
        else float
        if dt.endswith(("#decimal", "#double", "#float"))
        else (lambda text: text == "true")
        if dt.endswith("#boolean")
        else None
    )
    _CONVERTERS[datatype] = conv
    return conv


def python_value(term) -> str | int | float | bool | None:
    """A plain Python value for a term, for notebooks and the dict rows of the API."""
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        conv = _converter(term.datatype)
        if conv is None:
            return term.value
        try:
            return conv(term.value)
        except ValueError:
            return term.value
    if term is None:
        return None
    if kind is ox.BlankNode:
        return f"_:{term.value}"
    return term.value


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def table(answer: Answer) -> str:
    """An aligned plain-text table (IRIs shortened to CURIEs), readable in a terminal and in a diff."""
    if answer.form == "ask":
        return ("yes" if answer.boolean else "no") + "\n"
    if answer.form == "construct":
        return ox.serialize(answer.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()
    rows = [[_cell(row[v]).replace("\n", " ") for v in answer.variables] for row in answer.terms()]
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(answer.variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(answer.variables), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(
        f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', cut at the result limit' if answer.truncated else ''})"
    )
    return "\n".join(out) + "\n"


def read_query(given: str | None) -> str:
    """The query a user gave: the text itself, a .rq file, or - for standard input."""
    if given == "-":
        return sys.stdin.read()
    if given and given.endswith(".rq"):
        path = Path(given)
        if not path.is_file():
            raise InputError(f"{given}: no such query file")
        return path.read_text(encoding="utf-8")
    if given:
        return given
    raise InputError("no query given", fix="pass the query, a .rq file, - for standard input, or --name NAME")


def base_for(given: str | None) -> str:
    """The base IRI of a query a user gave (as read_query reads it): a .rq file's own IRI, else the current
    folder's, as a document's address is the base of the relative IRIs in it (RFC 3986, 5.1)."""
    if given and given != "-" and given.endswith(".rq"):
        return Path(given).resolve().as_uri()
    return Path.cwd().resolve().as_uri() + "/"


def with_prefixes(text: str) -> str:
    """The query with the project's PREFIX lines added for prefixes it uses but does not declare."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in text.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    missing = [p for p in PREFIXES if p not in declared and f"{p}:" in text]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


def run(
    store: ox.Store,
    text: str,
    limit: int | None = None,
    base_iri: str | None = None,
    dataset: datasets.Dataset | None = None,
    as_results: bool = False,
) -> Answer:
    """Run a query on the embedded store; its default graph is the set union of all named graphs
    (rdf/default_graph.py) unless `dataset` or the query's FROM clauses describe another. Relative IRIs
    resolve against the query's BASE, else `base_iri`. `as_results`: keep a SELECT's rows as SPARQL Results
    JSON only, made by pyoxigraph without a Python object per term (the server, which only sends them on)."""
    deep = diagnose.too_deep(text)
    if deep:
        raise QueryError(deep)
    full = with_prefixes(text)
    try:
        chosen = dataset or datasets.from_query(full, base_iri)
        result = datasets.query(store, full, chosen, base_iri=base_iri)
    except SyntaxError as err:
        message, line, column = diagnose.syntax_message(str(err), text, full.count("\n") - text.count("\n"))
        raise QueryError(
            f"the query is not valid SPARQL: {message}",
            fix="correct the query; PREFIXes of the project (jwc:, jo:, org:, skos:, ...) are added when missing",
            line=line,
            column=column,
        ) from None
    except ValueError as err:  # only the base IRI is checked this way
        raise QueryError(f"{err}", fix="give the base as an absolute IRI, e.g. https://example.org/") from None
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from None
    if as_results and isinstance(result, ox.QuerySolutions):
        answer = _results(result, limit)
        if answer is None:  # rows TSV cannot carry: run again, term by term
            answer = answer_of(datasets.query(store, full, chosen, base_iri=base_iri), limit)
    else:
        answer = answer_of(result, limit)
    answer.warnings = diagnose.unknown_terms(store, text)
    return answer


def answer_of(result, limit: int | None = None) -> Answer:
    """The engine's result as an Answer, cut at `limit` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", ask=bool(result))
    if isinstance(result, ox.QueryTriples):
        triples = []
        truncated = False
        for t in result:
            if limit is not None and len(triples) >= limit:
                truncated = True
                break
            triples.append(t)
        return Answer("construct", triples=triples, truncated=truncated)
    variables = [v.value for v in result.variables]
    if limit is None:
        return Answer("select", variables, solutions=[tuple(s) for s in result])
    rows, truncated = [], False
    for solution in result:
        if len(rows) >= limit:
            truncated = True
            break
        rows.append(tuple(solution))
    return Answer("select", variables, solutions=rows, truncated=truncated)


class _Enough(Exception):
    """Raised by _TsvRows to stop pyoxigraph's writer once the rows past the cap are known to exist."""


class _TsvRows:
    """A file pyoxigraph writes TSV results into, stopping the query once it holds the header and `limit` + 1
    rows: TSV writes one row per line (line breaks inside literals are escaped), so rows are counted as lines."""

    def __init__(self, limit: int | None):
        self.data, self.lines, self.stop_at = bytearray(), 0, None if limit is None else limit + 2

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        self.lines += chunk.count(b"\n")
        if self.stop_at is not None and self.lines >= self.stop_at:
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        """pyoxigraph flushes the file when it has written everything; the rows are in memory already."""


def _results(result: ox.QuerySolutions, limit: int | None) -> Answer | None:
    """A SELECT answer as SPARQL Results JSON cut at `limit` rows, made by pyoxigraph alone: written as TSV, which
    stops the query past the cap, cut at the cap's line, read back and written as JSON. None when the rows hold a
    term TSV cannot read back (a blank node id from a SERVICE that TSV's grammar refuses)."""
    variables = [v.value for v in result.variables]
    out = _TsvRows(limit)
    try:
        result.serialize(out, format=ox.QueryResultsFormat.TSV)
    except _Enough:
        pass
    tsv, truncated = bytes(out.data), out.stop_at is not None and out.lines >= out.stop_at
    if truncated:
        end = -1
        for _ in range(limit + 1):  # the header line, then `limit` rows
            end = tsv.index(b"\n", end + 1)
        tsv = tsv[: end + 1]
    try:
        kept = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        body = kept.serialize(format=ox.QueryResultsFormat.JSON)
    except SyntaxError:
        return None
    return Answer("select", variables, results_json=body, truncated=truncated)


def _json_term(term) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON form (with RDF 1.2's triple terms and base directions, as
    pyoxigraph writes them)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
        return {"type": "triple", "value": {k: _json_term(v) for k, v in parts.items()}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
        if term.direction:
            out["its:dir"] = term.direction.value
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


# What to ask a remote endpoint for, by query form: some stores (Virtuoso) answer with the first type a client
# accepts whatever the form, and would send a CONSTRUCT's triples as a results table.
ACCEPT = {
    "select": "application/sparql-results+json",
    "ask": "application/sparql-results+json",
    "construct": "application/n-triples, text/turtle;q=0.9",
    "describe": "application/n-triples, text/turtle;q=0.9",
    None: "application/sparql-results+json, application/n-triples;q=0.9",
}


def run_remote(endpoint: str, text: str, timeout: float = 60.0, base_iri: str | None = None) -> Answer:
    """Send the query to a SPARQL 1.1 Protocol endpoint (POST, form-encoded) and read its answer; a `base_iri`
    goes with it as a BASE line (the protocol has no parameter for it)."""
    if not endpoint.startswith(("http://", "https://")):
        raise InputError(
            f"{endpoint}: not an http(s) URL", fix="give the endpoint's full URL, e.g. http://127.0.0.1:7878/query"
        )
    if base_iri:
        text = f"BASE <{base_iri}>\n{text}"
    text = with_prefixes(text)
    body = urllib.parse.urlencode({"query": text}).encode()
    accept = ACCEPT.get(clauses.query_form(text), ACCEPT[None])
    req = urllib.request.Request(
        endpoint,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip()
            payload = resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace").strip()[:500]
        raise QueryError(f"{endpoint} refused the query (HTTP {err.code}): {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise QueryError(
            f"{endpoint}: cannot reach the endpoint: {reason}", fix="check the URL and that the server is running"
        ) from None
    if ctype == "application/sparql-results+json":
        doc = json.loads(payload)
        if doc.get("head", {}).get("vars") == ["__ASK_RETVAL"]:  # Virtuoso 7.2 answers ASK as a one-cell table
            cells = [row.get("__ASK_RETVAL", {}).get("value") for row in doc.get("results", {}).get("bindings", [])]
            return Answer("ask", ask=cells[:1] in (["1"], ["true"]))
        form = "ask" if "boolean" in doc else "select"
        return Answer(form, doc.get("head", {}).get("vars", []), payload)
    if ctype in ("application/n-triples", "text/plain"):
        return Answer("construct", triples=[q.triple for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)])
    fmt = ox.RdfFormat.from_media_type(ctype)
    if fmt is None:
        raise QueryError(f"{endpoint} answered with {ctype!r}, which is not a SPARQL result format")
    return Answer("construct", triples=[q.triple for q in ox.parse(payload, format=fmt)])
