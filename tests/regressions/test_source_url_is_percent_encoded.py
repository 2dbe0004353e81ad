"""`jwc submit --source 'https://www.example.org/report?ids=3|4'` stored the URL as it was, typed xsd:anyURI;
HermiT then refused the literal and `jwc build` exited 2. Source URLs are now parsed and percent-encoded."""

from __future__ import annotations

import pyoxigraph as ox

from jwc_graph.base import urls
from jwc_graph.intake import ledger


def test_reserved_characters_are_percent_encoded():
    assert urls.web_url("https://www.example.org/report?ids=3|4") == "https://www.example.org/report?ids=3%7C4"
    assert urls.web_url("https://Ex\u00e4mple.org/\u00e9") == "https://xn--exmple-cua.org/%C3%A9"
    assert urls.web_url("https://exa mple.org/") is None and urls.web_url("javascript:alert(1)") is None


def test_the_stored_record_holds_only_a_valid_uri():
    g = ox.NamedNode("https://w3id.org/jwc/id/submission/x")
    quads = ledger.record_quads(
        g, "https://www.example.org/report?ids=3|4", "me", "2026-01-01T00:00:00Z", "0" * 64, "f"
    )
    urls_stored = [q.object.value for q in quads if q.predicate.value == "http://schema.org/url"]
    assert urls_stored == ["https://www.example.org/report?ids=3%7C4"] and all(map(urls.is_uri, urls_stored))
