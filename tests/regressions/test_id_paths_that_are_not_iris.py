"""`/id/org/a%22b` (and %3C, %20, %00, ...) answered 500 "query worker failed: Invalid IRI code point". Such a
path can name no IRI of the graph: it is a 404 before any worker is asked."""

from __future__ import annotations


def test_not_an_iri_is_a_404(client):
    for path in ("a%22b", "a%3Cb", "a%20b", "a%00b"):
        r = client.get(f"/id/org/{path}")
        assert r.status_code == 404 and "not an IRI" in r.text
