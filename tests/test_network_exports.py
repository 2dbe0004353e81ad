"""Network exports for Gephi (GraphML, GEXF) and Kumu (CSV): they read back whole, and Kumu's links resolve."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from conftest import run_jwc
from jwc_graph.network import exports, projection

ORG = "https://w3id.org/jwc/id/org/"


@pytest.fixture(scope="module")
def g(store):
    return projection.from_store(store)


def edge_labels(h):
    return sorted((u, v, d["label"]) for u, v, d in h.edges(data=True))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_formats_round_trip(g, fmt, read):
    back = read(io.BytesIO(exports.serialize(g, fmt)))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert {n: d["label"] for n, d in back.nodes(data=True)} == {n: d["label"] for n, d in g.nodes(data=True)}
    assert edge_labels(back) == edge_labels(g)
    crin = back.nodes[ORG + "crin"]
    assert crin["kind"] == "organisation" and "CRIN" in crin["names"].split("; ")
    assert json.loads(crin["facts"])["altLabel"][0][0] == "CRIN", "facts travel as JSON text"
    assert isinstance(crin["betweenness"], float) and crin["community"] >= 1
    member = next(d for _, v, d in back.out_edges(ORG + "crin", data=True) if v == ORG + "ipjj")
    assert member["kind"] == "member" and member["start"] == 1997
    assert "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members" in member["sources"]


def test_kumu_csvs_parse_and_every_connection_names_an_element(g):
    files = exports.kumu(g)
    elements = list(csv.DictReader(io.StringIO(files["elements.csv"])))
    connections = list(csv.DictReader(io.StringIO(files["connections.csv"])))
    assert {"Label", "Type", "Description", "Tags"} <= set(elements[0])
    assert {"From", "To", "Type", "Direction", "Label", "Source"} <= set(connections[0])
    labels = [e["Label"] for e in elements]
    assert len(labels) == g.number_of_nodes() and len(set(labels)) == len(labels), "Kumu matches by label"
    assert len(connections) == g.number_of_edges()
    for c in connections:
        assert c["From"] in labels and c["To"] in labels, f"connection {c['From']} -> {c['To']} names no element"
        assert c["Source"], "every connection names its source"
    crin = next(e for e in elements if e["Label"] == "Child Rights International Network")
    assert crin["Type"] == "organisation" and "NGO" in crin["Tags"].split("|") and crin["Description"]
    cjag = next(e for e in elements if e["Label"] == "Child Justice Advocacy Group")
    assert (
        "Figures: a coalition of nine NGOs" in cjag["Description"]
        and "ninth member is not named" in cjag["Description"]
    )


def test_kumu_disambiguates_duplicate_labels(g):
    labels = exports.kumu_labels(g)
    assert len(set(labels.values())) == len(labels)
    named = [n for n, d in g.nodes(data=True) if d["label"] == "World Congress on Justice With Children"]
    assert len(named) > 1, "the seeds give one name to the series and another entity"
    assert len({labels[n] for n in named}) == len(named)


def test_cli_writes_each_format(built, tmp_path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"net.{fmt}"
        run_jwc("network-export", "--format", fmt, "-o", str(out), cwd=built.root, check=True)
        assert read(out).number_of_nodes() > 100
    proc = run_jwc("network-export", "--format", "graphml", cwd=built.root, check=True)
    assert nx.read_graphml(io.BytesIO(proc.stdout)).number_of_edges() > 200
    run_jwc("network-export", "--format", "kumu", "-o", str(tmp_path / "kumu"), cwd=built.root, check=True)
    assert sorted(p.name for p in (tmp_path / "kumu").iterdir()) == ["connections.csv", "elements.csv"]


def test_cli_kinds_filter_and_unknown_kind(built, tmp_path):
    run_jwc(
        "network-export",
        "-f",
        "kumu",
        "-o",
        str(tmp_path),
        "--kinds",
        "organisation,coalition",
        cwd=built.root,
        check=True,
    )
    types = {row["Type"] for row in csv.DictReader((tmp_path / "elements.csv").open(encoding="utf-8"))}
    assert types == {"organisation", "coalition"}
    proc = run_jwc("network-export", "-f", "gexf", "--kinds", "banana", cwd=built.root)
    assert proc.returncode == 2 and b"unknown node kind" in proc.stderr


def test_gexf_bytes_do_not_depend_on_the_day(g, monkeypatch):
    import time

    first = exports.gexf(g)
    monkeypatch.setattr(time, "strftime", lambda fmt, *a: "1999-12-31")
    assert exports.gexf(g) == first
    assert b"lastmodifieddate" not in first
