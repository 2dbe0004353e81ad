"""The IRI policy (docs/iri-policy.md): an IRI once published is never removed nor reused.

`tests/golden/minted-iris.txt` lists every IRI published so far; `--update-golden` adds new ones, never removes.
"""

from __future__ import annotations

import pyoxigraph as ox

from conftest import REPO

LIST = REPO / "tests" / "golden" / "minted-iris.txt"
BASE = "https://w3id.org/jwc/"
DEPRECATED = ox.NamedNode("http://www.w3.org/2002/07/owl#deprecated")
REPLACED_BY = ox.NamedNode("http://purl.org/dc/terms/isReplacedBy")


def minted(store: ox.Store) -> set[str]:
    """Every IRI under https://w3id.org/jwc/ that the built graph describes (as a subject or a graph name)."""
    return {
        t.value
        for q in store
        for t in (q.subject, q.graph_name)
        if isinstance(t, ox.NamedNode) and t.value.startswith(BASE)
    }


def test_no_published_iri_is_removed(store, request):
    now = minted(store)
    listed = set(LIST.read_text().split()) if LIST.is_file() else set()
    if request.config.getoption("--update-golden"):
        LIST.write_text("".join(f"{iri}\n" for iri in sorted(listed | now)))
        return
    gone = sorted(listed - now)
    assert not gone, (
        f"{len(gone)} published IRIs are no longer in the graph (e.g. {gone[:5]}): never remove an IRI; keep it "
        "as owl:deprecated true with dcterms:isReplacedBy the IRI to use (docs/iri-policy.md)"
    )
    new = sorted(now - listed)
    assert not new, (
        f"{len(new)} new IRIs are not in {LIST.name} (e.g. {new[:3]}): run "
        "`.venv/bin/python -m pytest tests/test_iri_policy.py --update-golden` and commit the list with the data"
    )


def test_a_deprecated_iri_names_its_replacement(store):
    for q in store.quads_for_pattern(None, DEPRECATED, None, None):
        replacements = [r.object for r in store.quads_for_pattern(q.subject, REPLACED_BY, None, None)]
        assert replacements, f"{q.subject} is deprecated without dcterms:isReplacedBy"
        for r in replacements:
            assert next(iter(store.quads_for_pattern(r, None, None, None)), None), (
                f"{r} (replacing {q.subject}) is not in the graph"
            )
