"""`jwc synth`: synthetic graphs conform to the shapes, hit the requested size, repeat for a seed and build."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from conftest import REPO, copy_project, run_jwc
from jwc_graph.base.namespaces import CATALOGUE_GRAPH, ID, sparql_prefixes
from jwc_graph.build import per_source
from jwc_graph.rdf import convert, synth
from jwc_graph.rdf.files import parse_file


def quads(data: bytes) -> list[ox.Quad]:
    return list(ox.parse(data, format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def small() -> bytes:
    return synth.generate_trig(5000, seed=7)


def assert_conforms(data: bytes) -> None:
    knowledge = [q for p in sorted((REPO / "ontology").glob("*.ttl")) for q in parse_file(p, "ontology").quads]
    shapes = [q for p in sorted((REPO / "shapes").glob("*.ttl")) for q in parse_file(p, "shapes").quads]
    report = per_source.validate([*knowledge, *quads(data)], convert.to_graph(shapes))
    bad = [f for f in report.findings if f.severity in ("Violation", "Warning") and "disagree" not in f.message]
    assert not bad, "fix jwc_graph/synth.py so that it writes what the shapes ask:\n" + "\n".join(
        f"{f.severity} {f.focus} {f.path}: {f.message}" for f in bad[:20]
    )


def test_small_synthetic_graph_conforms_to_the_shapes():
    assert_conforms(synth.generate_trig(1500, seed=5))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [7, 8])
def test_synthetic_graph_of_5000_triples_conforms_to_the_shapes(seed, small):
    assert_conforms(small if seed == 7 else synth.generate_trig(5000, seed=seed))


@pytest.mark.parametrize("n", [1000, 5000, 50000])
def test_triple_count_is_within_ten_percent(n):
    count = len(quads(synth.generate_trig(n, seed=1)))
    assert 0.9 * n <= count <= 1.1 * n, f"asked for {n} triples, got {count}"


def test_same_seed_same_bytes_and_another_seed_another_graph(small):
    assert synth.generate_trig(5000, seed=7) == small
    other = synth.generate_trig(5000, seed=8)
    assert other != small
    assert {str(q) for q in quads(other)} != {str(q) for q in quads(small)}


def test_streamed_output_is_the_same_as_generated(small):
    buf = io.BytesIO()
    written = synth.write_trig(buf, 5000, seed=7)
    assert buf.getvalue() == small
    assert written == len(quads(small))


def test_every_graph_is_a_catalogued_source_and_every_iri_is_synthetic(small):
    parsed = quads(small)
    catalogue = ox.NamedNode(CATALOGUE_GRAPH)
    graphs = {q.graph_name for q in parsed} - {catalogue}
    sources = {
        q.subject
        for q in parsed
        if q.graph_name == catalogue and q.object == ox.NamedNode("https://w3id.org/jwc/ontology#Source")
    }
    assert len(graphs) >= 3 and graphs == sources
    minted = {
        t.value for q in parsed for t in (q.subject, q.object) if isinstance(t, ox.NamedNode) and t.value.startswith(ID)
    }
    clashing = sorted(i for i in minted if not i[len(ID) :].split("/", 1)[1].startswith("synth-"))
    assert not clashing, f"IRIs outside .../<kind>/synth-...: {clashing[:5]}"


def test_synthetic_graph_holds_the_kinds_of_facts_the_field_has(small):
    store = ox.Store()
    store.extend(quads(small))
    res = store.query(
        sparql_prefixes()
        + """
        SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?class"""
    )
    counts = {s["class"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: int(s["n"].value) for s in res}
    for cls in (
        "NGO",
        "Coalition",
        "Membership",
        "Partnership",
        "Programme",
        "EventSeries",
        "WorldCongress",
        "PreparatoryMeeting",
        "Figure",
        "Gap",
        "Commitment",
        "Goal",
        "Theme",
        "City",
        "Source",
    ):
        assert counts.get(cls, 0) > 0, f"no {cls} in a 5,000-triple synthetic graph: {counts}"
    assert store.query(
        sparql_prefixes()
        + """ASK { GRAPH ?g { ?m org:memberDuring/time:hasBeginning/time:inXSDgYear ?y ;
        org:role ?r } }"""
    )
    assert store.query(sparql_prefixes() + "ASK { GRAPH ?g { ?c jwc:alignedWith/skos:broader+ ?goal } }")


def test_cli_writes_the_graph_to_out(tmp_path):
    out = tmp_path / "synth.trig"
    proc = run_jwc("synth", "--triples", "2000", "--seed", "3", "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_bytes() == synth.generate_trig(2000, seed=3)
    assert not list(tmp_path.glob("*.part")), "the partial file is renamed into place"


@pytest.mark.slow
def test_build_succeeds_with_synthetic_and_curated_data(tmp_path):
    project = copy_project(tmp_path)
    (project.data_dir / "900-synthetic.trig").write_bytes(synth.generate_trig(3000, seed=11))
    proc = run_jwc("build", cwd=project.root)
    assert proc.returncode == 0, proc.stderr.decode() + proc.stdout.decode()
    assert "0 violations" in proc.stdout.decode()
    trig = (project.dist_dir / "jwc.trig").read_text()
    assert "synth-org-0" in trig and "Interagency Panel on Juvenile Justice" in trig
