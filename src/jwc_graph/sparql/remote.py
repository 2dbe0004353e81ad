"""Push the whole graph, named graphs kept, into any SPARQL 1.1 store (Graph Store Protocol or SPARQL Update).

The Graph Store Protocol sends each named graph as one N-Triples request (PUT replaces the graph,
POST adds to it), spooled to a temporary file so a large graph is streamed with a known length.
SPARQL Update sends INSERT DATA in batches of about `batch` triples (INSERT {...} WHERE {} for a batch
with blank nodes, which Virtuoso refuses in INSERT DATA); blank-node labels are scoped to one request,
so triples linked through blank nodes (an RDF list, an OWL restriction) always travel in the same
batch and the pushed graph stays isomorphic to the local one. Stores that ask who is writing
(Virtuoso's /sparql-graph-crud-auth and /sparql-auth) get the user and password of `credentials`.
"""

from __future__ import annotations

import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..base.errors import InputError, JwcError
from .credentials import PASSWORD_VARIABLE, Credentials, authorize

BATCH = 5000
SPOOL_BYTES = 16 * 1024 * 1024
ENCODE_EVERY = 2000


class PushError(JwcError):
    """The store refused a request or could not be reached; the message names the graph and the store's reply."""

    exit_code = 2


@dataclass
class PushSummary:
    """What one push sent: graphs, triples, requests, how long it took, and how."""

    endpoint: str
    method: str
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    by_graph: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        """The one-line summary the CLI prints."""
        default = " and the default graph" if "the default graph" in self.by_graph else ""
        return (
            f"pushed {self.graphs} named graphs{default}, "
            f"{self.triples:,} triples to {self.endpoint} "
            f"in {self.seconds:.1f} s ({self.method}, {self.requests} requests)"
        )


def push(
    store: ox.Store,
    endpoint: str,
    use_update: bool = False,
    replace: bool = True,
    progress: Callable[[str], None] | None = None,
    batch: int = BATCH,
    timeout: float = 300.0,
    credentials: Credentials | None = None,
    default_graph: bool = True,
) -> PushSummary:
    """Send every named graph of `store` to `endpoint`, and the default graph when it holds triples (a built
    store's is the set union of its named graphs, so a remote store without a union default graph of its
    own answers as the embedded store does) unless `default_graph` is False (for a store whose default
    graph is already the union of its graphs, such as Virtuoso); as `credentials`' user when asked."""
    check_url(endpoint)
    say = progress or (lambda msg: None)
    graphs: list[ox.NamedNode | ox.DefaultGraph] = sorted(store.named_graphs(), key=str)
    for g in graphs:
        if not isinstance(g, ox.NamedNode):
            raise PushError(
                f"graph {g} is named by a blank node, which no remote store can address",
                fix="name every graph with an IRI",
            )
    if default_graph and next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs.append(ox.DefaultGraph())
    method = ("SPARQL Update" if use_update else "Graph Store Protocol") + (", replace" if replace else ", add")
    summary = PushSummary(endpoint, method)
    start = time.perf_counter()
    for i, graph in enumerate(graphs, 1):
        triples = (q.triple for q in store.quads_for_pattern(None, None, None, graph))
        name = graph_label(graph)
        if use_update:
            sent, requests = _push_update(
                endpoint,
                graph,
                triples,
                replace,
                batch,
                timeout,
                lambda n, name=name, i=i: say(f"pushing {name} ({i}/{len(graphs)}): {n:,} triples sent"),
                credentials,
            )
        else:
            sent, requests = _push_gsp(endpoint, graph, triples, replace, timeout, credentials)
        summary.graphs += isinstance(graph, ox.NamedNode)
        summary.triples += sent
        summary.requests += requests
        summary.by_graph[name] = sent
        say(f"pushed {name}: {sent:,} triples ({i}/{len(graphs)})")
    summary.seconds = time.perf_counter() - start
    return summary


def check_url(endpoint: str) -> None:
    """Only http(s) URLs with a host are endpoints; anything else is a mistake to report before any work."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(
            f"{endpoint}: not an http(s) URL",
            fix="give the store's full URL, e.g. http://127.0.0.1:7878/store "
            "(or http://127.0.0.1:7878/update with --update)",
        )


def graph_label(graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The graph's IRI, or 'the default graph'."""
    return graph.value if isinstance(graph, ox.NamedNode) else "the default graph"


def gsp_url(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The Graph Store Protocol URL of one graph: ?graph=IRI (or ?default), kept after any existing query."""
    param = ("graph=" + urllib.parse.quote(graph.value, safe="")) if isinstance(graph, ox.NamedNode) else "default"
    return endpoint + ("&" if urllib.parse.urlsplit(endpoint).query else "?") + param


def _push_gsp(
    endpoint: str, graph, triples: Iterable[ox.Triple], replace: bool, timeout: float, credentials: Credentials | None
) -> tuple[int, int]:
    """One request per graph: N-Triples spooled to memory or disk, then sent with its length."""
    sent = 0
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
        for chunk in _chunks(triples, ENCODE_EVERY):
            body.write(ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES))
            sent += len(chunk)
        length = body.tell()
        body.seek(0)
        _send(
            endpoint,
            gsp_url(endpoint, graph),
            "PUT" if replace else "POST",
            body,
            length,
            "application/n-triples",
            graph,
            timeout,
            credentials,
        )
    return sent, 1


def _push_update(
    endpoint: str,
    graph,
    triples: Iterable[ox.Triple],
    replace: bool,
    batch: int,
    timeout: float,
    progress: Callable[[int], None],
    credentials: Credentials | None,
) -> tuple[int, int]:
    """INSERT DATA in batches (the first one after DROP SILENT GRAPH when replacing); a batch's triples with
    blank nodes go in an INSERT {...} WHERE {} of the same request, which stores that refuse blank nodes in
    INSERT DATA (Virtuoso 7.2) accept, and which makes fresh blank nodes just the same."""
    sent = requests = 0
    named = isinstance(graph, ox.NamedNode)
    into = (f"GRAPH {graph} {{\n", "}") if named else ("\n", "")
    drop = (f"DROP SILENT GRAPH {graph} ;\n" if named else "DROP SILENT DEFAULT ;\n") if replace else ""
    chunks = batches(triples, batch)
    chunk = next(chunks, None)
    while chunk is not None:
        following = next(chunks, None)
        ground = [t for t in chunk if not _has_blank_node(t)]
        blank = [t for t in chunk if _has_blank_node(t)]
        operations = [f"INSERT DATA {{ {into[0]}{_lines(ground)}{into[1]} }}\n"] if ground else []
        if blank:
            operations.append(f"INSERT {{ {into[0]}{_lines(blank)}{into[1]} }} WHERE {{}}\n")
        text = (drop if requests == 0 else "") + ";\n".join(operations)
        data = text.encode("utf-8")
        _send(endpoint, endpoint, "POST", data, len(data), "application/sparql-update", graph, timeout, credentials)
        sent += len(chunk)
        requests += 1
        if following is not None:
            progress(sent)
        chunk = following
    if requests == 0 and drop:
        data = drop.rstrip(" ;\n").encode("utf-8")
        _send(endpoint, endpoint, "POST", data, len(data), "application/sparql-update", graph, timeout, credentials)
        requests += 1
    return sent, requests


def _has_blank_node(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def _lines(triples: list[ox.Triple]) -> str:
    """Triples in the N-Triples form SPARQL Update reads."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)


def batches(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Batches of about `size` triples; all triples linked through a blank node land in one batch.

    Triples without blank nodes are streamed; those with blank nodes are held back and grouped by
    connected component (union-find over blank nodes), so a component is never split across requests.
    A component larger than `size` travels alone in one larger batch.
    """
    current: list[ox.Triple] = []
    parent: dict[ox.BlankNode, ox.BlankNode] = {}
    held: list[ox.Triple] = []

    def root(b: ox.BlankNode) -> ox.BlankNode:
        parent.setdefault(b, b)
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    for t in triples:
        nodes = [n for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        if not nodes:
            current.append(t)
            if len(current) >= size:
                yield current
                current = []
            continue
        held.append(t)
        if len(nodes) == 2:
            a, b = root(nodes[0]), root(nodes[1])
            if a != b:
                parent[a] = b
        else:
            root(nodes[0])
    groups: dict[ox.BlankNode, list[ox.Triple]] = {}
    for t in held:
        b = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        groups.setdefault(root(b), []).append(t)
    for group in groups.values():
        if current and len(current) + len(group) > size:
            yield current
            current = []
        current.extend(group)
    if current:
        yield current


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items (the last one shorter)."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _send(
    endpoint: str,
    url: str,
    method: str,
    body,
    length: int,
    ctype: str,
    graph,
    timeout: float,
    credentials: Credentials | None = None,
) -> None:
    """One HTTP request (with credentials, after a probe for the store's challenge); a refusal or an unreachable
    store becomes a PushError naming the graph."""
    req = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={
            "Content-Type": f"{ctype}; charset=utf-8" if ctype == "application/sparql-update" else ctype,
            "Content-Length": str(length),
        },
    )
    name = graph_label(graph)
    try:
        if credentials:
            authorize(req, credentials, timeout)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.URLError as err:
            if isinstance(err.reason, (BrokenPipeError, ConnectionResetError)):
                _ask_why(url, credentials, timeout)
            raise
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read().decode("utf-8", "replace").split())[:300] or err.reason
        raise PushError(
            f"{endpoint}: the store refused {name} (HTTP {err.code}): {detail}", fix=_hint(err.code, ctype, graph)
        ) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PushError(
            f"{endpoint}: cannot reach the store while pushing {name}: {reason}",
            fix="check the URL and that the store is running",
        ) from None


def _ask_why(url: str, credentials: Credentials | None, timeout: float) -> None:
    """The store closed the connection before reading the body, most often because the headers alone made it
    refuse the request (Virtuoso does so when a login is missing or wrong): a bodiless request raises its answer."""
    probe = urllib.request.Request(url, method="HEAD")
    if credentials:
        authorize(probe, credentials, timeout)
    with urllib.request.urlopen(probe, timeout=timeout):
        pass


def _hint(status: int, ctype: str, graph) -> str | None:
    """What a refusal usually means, for the statuses stores give most often."""
    if status not in (401, 403) and not isinstance(graph, ox.NamedNode):
        return (
            "the store would not take a default graph: if its default graph is already the union of its "
            "graphs (Virtuoso's is), push with --no-default-graph"
        )
    if status == 401:
        return f"the store wants a user it knows: give --user NAME with the password in {PASSWORD_VARIABLE}"
    if status == 403:
        return (
            "the store does not accept writes here: check that it is writable and that you may write to it "
            "(Virtuoso takes writes at /sparql-graph-crud-auth, or /sparql-auth with --update, given --user)"
        )
    if status in (404, 405, 415) and ctype == "application/sparql-update":
        return "with --update, give the store's SPARQL Update URL (e.g. http://127.0.0.1:7878/update)"
    if status in (404, 405, 415):
        return (
            "give the store's Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store), "
            "or use --update with its SPARQL Update URL"
        )
    return None
