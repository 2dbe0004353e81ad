"""`jwc analyse`: centrality, communities and brokers, as the seeds' coalitions imply."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import run_jwc
from jwc_graph.network import analysis, projection

ORG = "https://w3id.org/jwc/id/org/"


@pytest.fixture(scope="module")
def g(store):
    return projection.from_store(store)


@pytest.fixture(scope="module")
def result(g):
    return analysis.analyse(g)


def test_one_record_per_node_with_numeric_metrics(g, result):
    nodes = result["nodes"]
    assert len(nodes) == g.number_of_nodes() and {r["iri"] for r in nodes} == set(g)
    for r in nodes:
        assert isinstance(r["degree"], int) and r["degree"] >= 0
        assert 0 <= r["betweenness"] <= 1 and 0 < r["pagerank"] < 1
        assert isinstance(r["community"], int) and r["community"] >= 1
    assert abs(sum(r["pagerank"] for r in nodes) - 1) < 1e-3
    assert [r["betweenness"] for r in nodes] == sorted((r["betweenness"] for r in nodes), reverse=True)


def test_degree_counts_distinct_neighbours(g, result):
    ipjj = next(r for r in result["nodes"] if r["iri"] == ORG + "ipjj")
    assert ipjj["degree"] >= 13, "the IPJJ is linked to its 13 members at least"


def test_brokers_are_members_of_two_or_more_collaborations(result):
    brokers = {r["label"]: r for r in result["brokers"]}
    for name in (
        "Terre des hommes",
        "Defence for Children International",
        "Penal Reform International",
        "Child Rights International Network",
    ):
        assert name in brokers, f"{name} is in two or more coalitions or partnerships in the seeds"
    assert set(brokers["Child Rights International Network"]["collaborations"]) >= {
        "Interagency Panel on Juvenile Justice",
        "Child Justice Advocacy Group",
    }
    assert "NGO Panel" in brokers["Terre des hommes"]["collaborations"]
    assert "United Nations Office on Drugs and Crime" not in brokers, "UNODC is only in the IPJJ"
    assert [b["betweenness"] for b in result["brokers"]] == sorted(
        (b["betweenness"] for b in result["brokers"]), reverse=True
    )


def test_bridges_have_neighbours_in_other_communities(result):
    bridges = {r["label"] for r in result["bridges"]}
    assert "Interagency Panel on Juvenile Justice" in bridges
    assert all(r["neighbour_communities"] >= 2 for r in result["bridges"])


def test_communities_are_deterministic_and_cover_every_node(store, g, result):
    again = analysis.analyse(projection.from_store(store))  # a fresh projection, the same communities
    assert [r["community"] for r in again["nodes"]] == [r["community"] for r in result["nodes"]]
    assert sum(c["size"] for c in result["communities"]) == g.number_of_nodes()
    assert [c["size"] for c in result["communities"]] == sorted(
        (c["size"] for c in result["communities"]), reverse=True
    )


def test_csv_and_json_outputs(result):
    rows = list(csv.DictReader(io.StringIO(analysis.to_csv(result))))
    assert len(rows) == len(result["nodes"]) and list(rows[0]) == analysis.COLUMNS
    assert len(list(csv.DictReader(io.StringIO(analysis.to_csv(result, top=5))))) == 5
    data = json.loads(analysis.to_json(result, top=3))
    assert len(data["nodes"]) == 3 and data["brokers"] == json.loads(json.dumps(result["brokers"]))


def test_cli_analyse_json(built):
    proc = run_jwc("analyse", "--format", "json", cwd=built.root, check=True)
    data = json.loads(proc.stdout)
    assert len({r["iri"] for r in data["nodes"]}) == len(data["nodes"]) > 100
    assert all(isinstance(r[k], (int, float)) for r in data["nodes"] for k in ("degree", "betweenness", "pagerank"))
    assert {"Terre des hommes", "Penal Reform International"} <= {b["label"] for b in data["brokers"]}


def test_cli_analyse_csv_top_and_kinds(built):
    proc = run_jwc("analyse", "--kinds", "organisation,coalition,partnership", "--top", "5", cwd=built.root, check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert len(rows) == 5 and {r["kind"] for r in rows} <= {"organisation", "coalition", "partnership"}
    assert rows[0]["label"] == "Interagency Panel on Juvenile Justice"


def test_cli_analyse_unknown_kind_exits_2(built):
    proc = run_jwc("analyse", "--kinds", "banana", cwd=built.root)
    assert proc.returncode == 2 and b"unknown node kind" in proc.stderr and b"Traceback" not in proc.stderr


def test_cli_analyse_is_the_same_in_every_run(built, monkeypatch):
    outputs = set()
    for seed in ("1", "2"):  # string hashing differs between these runs; Louvain's seed keeps communities fixed
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        outputs.add(run_jwc("analyse", "--format", "json", cwd=built.root, check=True).stdout)
    assert len(outputs) == 1


def test_communities_are_named_after_their_most_connected_actors(g, result):
    names = {c["community"]: c["name"] for c in result["communities"]}
    assert all(r["community_name"] == names[r["community"]] for r in result["nodes"])
    ipjj = next(r for r in result["nodes"] if r["iri"] == ORG + "ipjj")
    assert ipjj["community_name"].startswith("IPJJ and "), "the coalition by its acronym, its long name cut"
    for c in result["communities"]:
        assert not c["name"].isdigit() and len(c["name"]) <= 2 * 48 + len(" and ")
        short = set(c["members"]) | {x for _, d in g.nodes(data=True) if d["label"] in c["members"] for x in d["names"]}
        cut = c["name"][:-1] if c["name"].endswith("…") else None  # a long name with no acronym is cut at a word
        assert any(c["name"] == s or c["name"].startswith(s + " and ") or (cut and s.startswith(cut)) for s in short), (
            "named after a member"
        )
    rows = list(csv.DictReader(io.StringIO(analysis.to_csv(result))))
    assert rows[0]["community_name"] == names[int(rows[0]["community"])]


def test_cli_analyse_tables_fit_an_80_column_terminal(built, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run_jwc("analyse", "--format", "table", cwd=built.root, check=True).stdout.decode()
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert len(lines) < 90, f"{len(lines)} lines: names are cut, never broken over lines"
    assert "most central: 20 of" in out and "…" in out and "communities: 20 of" in out
    assert "IPJJ and " in out, "communities by name"
    every = run_jwc("analyse", "--format", "table", "--all", cwd=built.root, check=True).stdout.decode()
    shown = re.search(r"most central: (\d+) of (\d+)", every.replace(",", ""))
    assert len(every.splitlines()) > len(lines) and shown and shown[1] == shown[2], "--all shows every node"
    both = run_jwc("analyse", "--all", "--top", "5", cwd=built.root)
    assert both.returncode == 2 and b"--top N or --all" in both.stderr
