"""What an entity page shows: its facts with their sources, links to related entities, labels for IRIs.

Turns the worker's plain description (entity_facts.entity_facts) into rows a template prints as text;
only the project's own IRIs become links, to their local /id/... pages.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ..base.namespaces import ID, PREFIXES, shorten

RDF_TYPE = PREFIXES["rdf"] + "type"
FIRST = [
    RDF_TYPE,
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["skos"] + "altLabel",
    PREFIXES["rdfs"] + "label",
    PREFIXES["dcterms"] + "title",
    PREFIXES["dcterms"] + "description",
]
PLAIN = (PREFIXES["xsd"] + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


def local_href(iri: str) -> str | None:
    """The local page of a data IRI (https://w3id.org/jwc/id/<kind>/<slug> -> /id/<kind>/<slug>), else None."""
    if iri.startswith(ID) and "/" in iri[len(ID) :].strip("/"):
        return "/id/" + quote(iri[len(ID) :], safe="/:@-._~!$&'()*+,;=")
    return None


def view(data: dict) -> dict:
    """The page's content: title, types, facts (property, value, source), incoming links, sources."""
    labels, titles = data["labels"], data["titles"]

    def node(iri: str) -> dict:
        return {
            "kind": "uri",
            "iri": iri,
            "curie": shorten(iri),
            "text": labels.get(iri) or shorten(iri),
            "href": local_href(iri),
        }

    def value(t: dict) -> dict:
        if t["type"] == "uri":
            return node(t["value"])
        if t["type"] == "bnode":
            return {
                "kind": "bnode",
                "text": "",
                "facts": sorted(
                    ({"p": node(f["p"]), "o": value(f["o"])} for f in t["facts"]), key=lambda f: f["p"]["curie"]
                ),
            }
        dt = t.get("datatype")
        return {
            "kind": "literal",
            "text": t["value"],
            "lang": t.get("lang"),
            "datatype": shorten(dt) if dt and dt not in PLAIN else None,
        }

    def source(g: str) -> dict:
        return {**node(g), "text": titles.get(g) or labels.get(g) or shorten(g)}

    def order(p: str) -> tuple:
        return (FIRST.index(p) if p in FIRST else len(FIRST), shorten(p))

    facts = _grouped(
        [
            {
                "p": node(f["p"]),
                "o": value(f["o"]),
                "g": source(f["g"]),
                "key": (f["p"], tuple(sorted((k, str(v)) for k, v in f["o"].items() if k != "facts"))),
            }
            for f in data["facts"]
        ]
    )
    facts.sort(key=lambda f: (order(f["p"]["iri"]), f["o"]["text"]))
    incoming = _grouped(
        [{"s": node(f["s"]), "p": node(f["p"]), "g": source(f["g"]), "key": (f["s"], f["p"])} for f in data["incoming"]]
    )
    incoming.sort(key=lambda f: (f["s"]["text"], f["p"]["curie"]))
    graphs = {g["iri"]: g for f in facts + incoming for g in f["sources"]}
    iri = data["iri"]
    return {
        "iri": iri,
        "curie": shorten(iri),
        "title": labels.get(iri) or shorten(iri),
        "types": list({f["o"]["iri"]: f["o"] for f in facts if f["p"]["iri"] == RDF_TYPE and "iri" in f["o"]}.values()),
        "facts": facts,
        "incoming": incoming,
        "sources": sorted(graphs.values(), key=lambda g: g["text"]),
        "truncated": data.get("truncated", False),
        "href": local_href(iri),
        "graph": (held := (data.get("graph") or {}).get("statements"))
        and {
            **data["graph"],
            "query": "/?"
            + urlencode(  # as many rows as the graph holds (the catalogue grows past a round 1000)
                {"query": f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} LIMIT {held}"}
            ),
        },
    }


def _grouped(rows: list[dict]) -> list[dict]:
    """One row per fact, with every source graph that states it (in `sources`, sorted by title)."""
    out: dict = {}
    for row in rows:
        kept = out.setdefault(row.pop("key"), {**row, "sources": []})
        if row["g"]["iri"] not in {g["iri"] for g in kept["sources"]}:
            kept["sources"].append(row["g"])
    for row in out.values():
        row.pop("g")
        row["sources"].sort(key=lambda g: g["text"])
    return list(out.values())
