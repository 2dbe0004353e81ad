"""SPARQL functions the shapes call that SPARQL lacks: registered with rdflib's engine when this is imported
(pySHACL), and in OXIGRAPH for pyoxigraph's `custom_functions` (shape selection runs targets there).

jwc:nameKey(name) is the look-alike key of a name (base/lookalike.py: NFKC, invisible characters, case,
confusable letters): the name rules compare it, so "Terrе des hommes" with a Cyrillic "е" is caught.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.plugins.sparql import operators

from ..base import lookalike
from ..base.namespaces import ONTOLOGY

NAME_KEY = rdflib.URIRef(ONTOLOGY + "nameKey")


def name_key(value, *_):
    """jwc:nameKey: the name's look-alike key, as a plain literal."""
    return rdflib.Literal(lookalike.name_key(str(value)))


operators.register_custom_function(NAME_KEY, name_key, override=True)

#: The same functions for pyoxigraph: `store.query(text, custom_functions=OXIGRAPH)`.
OXIGRAPH = {ox.NamedNode(str(NAME_KEY)): lambda value: ox.Literal(lookalike.name_key(value.value))}
