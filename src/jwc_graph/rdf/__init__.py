"""RDF in and out: one table of formats, reading and checking files (the size limits), the embedded Oxigraph
store, canonical exports, rdflib conversion, and synthetic graphs for scale tests.

Knows nothing of shapes, submissions or the web."""
