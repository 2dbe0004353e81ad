"""The network for the tools advocates already use: GraphML and GEXF for Gephi, and Kumu's CSV import.

GraphML and GEXF hold only scalar attributes, so lists are joined with "; " and the facts (with
their sources) are JSON text. Kumu's import is a folder of two files, `elements.csv` and
`connections.csv`; Kumu matches connections to elements by label, so duplicate labels get the
entity's kind (and, if still not unique, its IRI's last segment) in brackets.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx

from ..base.atomic import write_atomic
from ..base.text import csv_cells, xml_safe
from . import analysis

#: Kumu's import folder holds these two files.
KUMU_FILES = ("elements.csv", "connections.csv")
ELEMENT_COLUMNS = [
    "Label",
    "Type",
    "Description",
    "Tags",
    "Other names",
    "Year",
    "Sources",
    "Degree",
    "Betweenness",
    "PageRank",
    "Community",
    "Coalitions",
    "IRI",
]
CONNECTION_COLUMNS = ["From", "To", "Type", "Direction", "Label", "Roles", "Start", "End", "Source", "Source IRI"]


def _metrics(g: nx.MultiDiGraph) -> dict[str, dict]:
    return {r["iri"]: r for r in analysis.analyse(g)["nodes"]}


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only (and the centrality metrics), edges keyed e0, e1, ... as GraphML wants."""
    metrics = _metrics(g)
    titles = g.graph.get("sources", {})
    out = nx.MultiDiGraph(name="jwc-graph network")
    for n, d in sorted(g.nodes(data=True)):
        m = metrics[n]
        attrs = {
            "label": d["label"],
            "kind": d["kind"],
            "names": "; ".join(d["names"]),
            "types": "; ".join(d["types"]),
            "facts": json.dumps(d["facts"], ensure_ascii=False, sort_keys=True),
            "sources": "; ".join(titles.get(s, s) for s in d["sources"]),
            "iri": n,
            "degree": m["degree"],
            "betweenness": m["betweenness"],
            "pagerank": m["pagerank"],
            "community": m["community"],
            "collaborations": "; ".join(m["collaborations"]),
        }
        if d.get("year") is not None:
            attrs["year"] = d["year"]
        out.add_node(n, **_xml_safe(attrs))
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (u, v, key, d) in enumerate(edges):
        attrs = {
            "kind": d["kind"],
            "label": d["label"],
            "sources": "; ".join(titles.get(s, s) for s in d["sources"]),
            "source_iris": " ".join(d["sources"]),
            "link": str(key),
        }
        if d.get("roles"):
            attrs["roles"] = "; ".join(d["roles"])
        attrs.update({k: d[k] for k in ("start", "end") if d.get(k) is not None})
        out.add_edge(u, v, key=f"e{i}", **_xml_safe(attrs))
    return out


def _xml_safe(attrs: dict) -> dict:
    """Attributes GraphML and GEXF can carry: text without the characters XML 1.0 forbids."""
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()}


def graphml(g: nx.MultiDiGraph) -> bytes:
    """The network as GraphML (opens in Gephi, Cytoscape, yEd)."""
    buf = io.BytesIO()
    nx.write_graphml(flat(g), buf, encoding="utf-8")
    return buf.getvalue()


def gexf(g: nx.MultiDiGraph) -> bytes:
    """The network as GEXF 1.2 (Gephi's own format)."""
    buf = io.BytesIO()
    h = flat(g)
    h.graph.pop("name")
    nx.write_gexf(h, buf, encoding="utf-8")
    # networkx stamps the day of writing; without it the same graph gives the same bytes on any day
    return re.sub(rb' lastmodifieddate="[0-9-]+"', b"", buf.getvalue(), count=1)


def kumu_labels(g: nx.MultiDiGraph) -> dict[str, str]:
    """A unique label per node: the entity's name, with its kind, then its IRI's slug, added where names clash."""

    def clashing(labels: dict[str, str]) -> set[str]:
        seen: dict[str, int] = {}
        for text in labels.values():
            seen[text.casefold()] = seen.get(text.casefold(), 0) + 1
        return {n for n, text in labels.items() if seen[text.casefold()] > 1}

    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    for n in clashing(labels):
        labels[n] = f"{g.nodes[n]['label']} ({g.nodes[n]['kind']})"
    for n in clashing(labels):
        labels[n] = f"{labels[n][:-1]}, {n.rstrip('/').rsplit('/', 1)[-1]})"
    return labels


def kumu(g: nx.MultiDiGraph) -> dict[str, str]:
    """Kumu's CSV import as {file name: text}: elements (Label, Type, Description, Tags, ...) and connections."""
    metrics = _metrics(g)
    titles = g.graph.get("sources", {})
    labels = kumu_labels(g)
    files = {}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ELEMENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, d in sorted(g.nodes(data=True), key=lambda x: labels[x[0]].casefold()):
        m = metrics[n]
        description = " ".join(
            text
            for key in ("definition", "description", "statement", "comment")
            for text, _ in d["facts"].get(key, [])[:1]
        )
        figures = [text for text, _ in d["facts"].get("figure", [])]
        gaps = [text for text, _ in d["facts"].get("gap", [])]
        if figures:
            description += ("\n\n" if description else "") + "Figures: " + "; ".join(figures)
        if gaps:
            description += ("\n\n" if description else "") + "Not known: " + " ".join(gaps)
        writer.writerow(
            csv_cells(
                {
                    "Label": labels[n],
                    "Type": d["kind"],
                    "Description": description,
                    "Tags": "|".join(d["types"]),  # Kumu separates several values with |
                    "Other names": "|".join(x for x in d["names"] if x != d["label"]),
                    "Year": d.get("year") or "",
                    "Sources": "|".join(titles.get(s, s) for s in d["sources"]),
                    "Degree": m["degree"],
                    "Betweenness": m["betweenness"],
                    "PageRank": m["pagerank"],
                    "Community": m["community"],
                    "Coalitions": "|".join(m["collaborations"]),
                    "IRI": n,
                }
            )
        )
    files["elements.csv"] = buf.getvalue()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CONNECTION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for u, v, _, d in sorted(
        g.edges(keys=True, data=True), key=lambda e: (labels[e[0]].casefold(), labels[e[1]].casefold(), e[3]["kind"])
    ):
        writer.writerow(
            csv_cells(
                {
                    "From": labels[u],
                    "To": labels[v],
                    "Type": d["kind"],
                    "Direction": "directed",
                    "Label": d["label"],
                    "Roles": "|".join(d.get("roles", [])),
                    "Start": d.get("start") or "",
                    "End": d.get("end") or "",
                    "Source": "|".join(titles.get(s, s) for s in d["sources"]),
                    "Source IRI": "|".join(d["sources"]),
                }
            )
        )
    files["connections.csv"] = buf.getvalue()
    return files


def serialize(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The network as GraphML or GEXF bytes."""
    return {"graphml": graphml, "gexf": gexf}[fmt](g)


def write(g: nx.MultiDiGraph, fmt: str, out: Path | None) -> list[Path]:
    """Write `fmt` to `out` (a file; for kumu a folder, made if missing) and return the files written."""
    if fmt == "kumu":
        folder = out or Path("kumu")
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in kumu(g).items():
            (folder / name).write_text(text, encoding="utf-8")
            written.append(folder / name)
        return written
    data = serialize(g, fmt)
    if out is None:
        raise ValueError("graphml and gexf need a file to write to")
    return [write_atomic(out, data)]
