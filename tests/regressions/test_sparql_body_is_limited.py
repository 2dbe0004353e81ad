"""A 200 MB body to /sparql was accepted and spooled (639 MB in the main process). Bodies are now read up to
1 MB (web.bodies.read_limited): a 413 on a declared length over it, or as soon as the count passes it."""

from __future__ import annotations


def test_a_body_over_a_megabyte_is_a_413(client):
    r = client.post("/sparql", content=b"#" * (2**20 + 1), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    ok = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert ok.status_code == 200
