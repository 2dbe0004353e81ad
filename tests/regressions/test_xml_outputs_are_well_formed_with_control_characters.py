"""A label holding ESC or BEL made GEXF, GraphML, RDF/XML entity pages and SPARQL XML results ill-formed XML
(pyoxigraph and networkx write such characters as they are). XML outputs now drop what XML 1.0 forbids."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox

from jwc_graph.sparql.query import Answer


def test_rdf_xml_and_sparql_xml_results_parse():
    t = ox.Triple(ox.NamedNode("http://e.example/a"), ox.NamedNode("http://e.example/p"), ox.Literal("a\x1bb\x07"))
    ET.fromstring(Answer("construct", triples=[t]).serialize("rdfxml"))
    store = ox.Store()
    store.add(ox.Quad(*t))
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    answer = Answer("select", results_json=rows.serialize(format=ox.QueryResultsFormat.JSON))
    ET.fromstring(answer.serialize("xml"))
