"""Two heavy queries took both workers: an entity page then waited 29 s. Pages and uploads now have lanes of
their own, so SPARQL queries cannot hold the workers that pages run on."""

from __future__ import annotations

from jwc_graph.web.workers import LANES


def test_pages_uploads_and_queries_run_in_different_lanes():
    assert LANES["sparql"] == "queries"
    assert {LANES["entity"], LANES["validate"]}.isdisjoint({"queries"})
    assert LANES["entity"] != LANES["validate"]
