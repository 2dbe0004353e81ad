"""`jwc path`: shortest chains between two entities, phrased for each link's direction, with sources."""

from __future__ import annotations

import json

import pytest

from conftest import run_jwc
from jwc_graph.base.errors import InputError
from jwc_graph.network import paths, projection

ORG = "https://w3id.org/jwc/id/org/"
IPJJ_SOURCE = "IPJJ - Interagency Panel on Juvenile Justice: IPJJ founding members"
CRIN_SOURCE = (
    "CRIN's juvenile justice work: Child Justice Advocacy Group, Shoruq, Interagency Panel on Juvenile Justice"
)


@pytest.fixture(scope="module")
def g(store):
    return projection.from_store(store)


def chains(g, a, b, **kw):
    return paths.shortest(g, projection.resolve(g, a), projection.resolve(g, b), **kw)


def test_crin_to_unodc_goes_through_the_ipjj(g):
    found = chains(g, "CRIN", "UNODC")
    assert len(found) == 1, "the IPJJ is the only two-step link between them"
    first, second = found[0]
    assert (first.start, first.end, second.end) == (ORG + "crin", ORG + "ipjj", ORG + "unodc")
    assert first.forward and not second.forward, "UNODC -> IPJJ is walked backwards"
    text = paths.in_words(g, found[0])
    assert text.startswith("Child Rights International Network is a member of Interagency Panel on Juvenile Justice (")
    assert ", of which United Nations Office on Drugs and Crime is a member (" in text
    assert text.count("source") == 2 and IPJJ_SOURCE in text and CRIN_SOURCE in text


def test_each_step_names_its_sources(g):
    record = paths.as_records(g, chains(g, "CRIN", "UNODC"))[0]
    assert record["nodes"] == [
        "Child Rights International Network",
        "Interagency Panel on Juvenile Justice",
        "United Nations Office on Drugs and Crime",
    ]
    crin, unodc = record["steps"]
    assert {s["title"] for s in crin["sources"]} == {IPJJ_SOURCE, CRIN_SOURCE}, "both sources state CRIN's membership"
    assert IPJJ_SOURCE in [s["title"] for s in unodc["sources"]], (
        "the seed states UNODC's membership (so do later pages)"
    )
    assert (crin["direction"], unodc["direction"]) == ("forward", "backward")


def test_the_reverse_path_is_phrased_for_its_direction(g):
    text = paths.in_words(g, chains(g, "UNODC", "CRIN")[0])
    assert text.startswith(
        "United Nations Office on Drugs and Crime is a member of Interagency Panel on Juvenile Justice"
    )
    assert ", of which Child Rights International Network is a member" in text
    text = paths.in_words(g, chains(g, "IPJJ", "CRIN")[0])
    assert text.startswith(
        "Interagency Panel on Juvenile Justice, of which Child Rights International Network is a member ("
    )


def test_backward_links_use_the_converse_or_a_relative_clause():
    assert paths._backwards("is run by", "the clinic") == "by which the clinic is run"
    assert paths._backwards("grew out of", "X") == "out of which X grew"
    assert paths._backwards("launched", "Tdh") == "which Tdh launched"
    assert paths.CONVERSE["has as partner"] == "is a partner in"


def test_all_shortest_paths_up_to_max(g):
    many = chains(g, "Vivere", "NGO Panel", max_paths=10)
    assert len(many) > 1 and len({len(c) for c in many}) == 1, "all shortest chains, all of the same length"
    assert len(chains(g, "Vivere", "NGO Panel", max_paths=1)) == 1
    assert any(s.end == ORG + "cjag" for c in many for s in c), "Vivere is linked only through the CJAG"


def test_no_path_and_same_entity(store, g):
    only_members = projection.from_store(store, edge_kinds=["member"])
    with pytest.raises(paths.NoPath) as err:
        chains(only_members, "CRIN", "Council of Europe")
    assert err.value.exit_code == 1
    with pytest.raises(InputError):
        chains(g, "Tdh", "Terre des hommes")


def test_cli_path_crin_unodc(built):
    proc = run_jwc("path", "CRIN", "UNODC", cwd=built.root, check=True)
    out = proc.stdout.decode()
    assert (
        "Child Rights International Network → Interagency Panel on Juvenile Justice → United Nations Office on Drugs and Crime"
        in out
    )
    assert "of which United Nations Office on Drugs and Crime is a member" in out and IPJJ_SOURCE in out


def test_cli_path_json(built):
    proc = run_jwc("path", "Vivere", "NGO Panel", "--max", "2", "--format", "json", cwd=built.root, check=True)
    data = json.loads(proc.stdout)
    assert len(data) == 2 and all(step["sources"] for chain in data for step in chain["steps"])


def test_cli_path_unknown_name_exits_2_with_suggestions(built):
    proc = run_jwc("path", "CRIN", "UNODCC", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "'UNODCC' is not in the graph" in err and "'UNODC'" in err
    assert "Traceback" not in err


def test_cli_path_no_path_exits_1(built):
    proc = run_jwc("path", "CRIN", "Council of Europe", "--edge-kinds", "member", cwd=built.root)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "no chain of links" in err and "Traceback" not in err
