"""HTTP content negotiation: which result or graph format a client asked for (Accept header or `format=`)."""

from __future__ import annotations

#: The formats offered for SELECT/ASK answers and for graphs, default first: (media type, format name).
RESULT_OFFERS = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
GRAPH_OFFERS = [
    ("text/turtle", "turtle"),
    ("application/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
    ("application/rdf+xml", "rdfxml"),
    ("application/xml", "rdfxml"),
]
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
EXTENSIONS = {
    "json": "srj",
    "xml": "srx",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "ttl",
    "jsonld": "jsonld",
    "ntriples": "nt",
    "rdfxml": "rdf",
}
#: `format=` values: each names a result format, a graph format, or both (json and xml do).
FORMAT_PARAM = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "rdfxml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q values (1.0 where not given)."""
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching `media` (exact beats type/*, which beats */*)."""
    best, specificity = 0.0, -1
    kind = media.split("/")[0]
    for rng, q in ranges:
        level = 2 if rng == media else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
        if level > specificity:
            best, specificity = q, level
    return best if specificity >= 0 else 0.0


def negotiate(accept: str | None, offers: list[tuple[str, str]]) -> str | None:
    """The format name the client prefers among `offers`; the first offer when there is no Accept header."""
    if not accept or not accept.strip():
        return offers[0][1]
    ranges = parse_accept(accept)
    scored = [(_quality(media, ranges), -i, name) for i, (media, name) in enumerate(offers)]
    q, _, name = max(scored)
    return name if q > 0 else None


def formats(accept: str | None, format_params: list[str]) -> tuple[str, str]:
    """(result format, graph format) for a query: `format=` wins, then Accept, then the defaults."""
    result_fmt = graph_fmt = None
    for value in format_params:
        value = value.strip().lower()
        if not value:
            continue
        pair = FORMAT_PARAM.get(value) or (negotiate(value, RESULT_OFFERS), negotiate(value, GRAPH_OFFERS))
        result_fmt, graph_fmt = result_fmt or pair[0], graph_fmt or pair[1]
    result_fmt = result_fmt or negotiate(accept, RESULT_OFFERS) or RESULT_OFFERS[0][1]
    graph_fmt = graph_fmt or negotiate(accept, GRAPH_OFFERS) or GRAPH_OFFERS[0][1]
    return result_fmt, graph_fmt


def media_type(accept: str | None, offers: list[tuple[str, str]], fmt: str) -> str:
    """The media type to label a `fmt` answer with: among `fmt`'s offers, the one the client rates highest (so a
    client that asked for application/json, or refused application/sparql-results+json with q=0, gets what it
    accepts); the format's usual type when the client did not choose one."""
    if accept and accept.strip():
        ranges = parse_accept(accept)
        scored = [(_quality(media, ranges), -i, media) for i, (media, name) in enumerate(offers) if name == fmt]
        if scored and max(scored)[0] > 0:
            media = max(scored)[2]
            if media == MEDIA_TYPES[fmt].split(";")[0]:
                return MEDIA_TYPES[fmt]
            return f"{media}; charset=utf-8" if media.startswith("text/") else media
    return MEDIA_TYPES[fmt]


def offered(form: str) -> list[tuple[str, str]]:
    """The offers for a query form's answer: results for SELECT and ASK, graphs for CONSTRUCT and DESCRIBE."""
    return GRAPH_OFFERS if form in ("construct", "describe") else RESULT_OFFERS
