"""The Python entry point for analysts and notebooks: open the graph, run queries, get rows as dicts.

from jwc_graph.api import open_graph
g = open_graph()
g.run("ipjj-members").rows()      # a catalogue query by name
g.query("SELECT ...").rows()      # any SPARQL; project prefixes are added
open_graph(files=["dump.nq"])     # RDF files loaded into memory, no build needed
open_graph(files=["a.ttl"], default_graph=["facts.ttl"])  # facts.ttl the default graph, a.ttl a named graph
"""

from .sparql.graph import Graph, open_graph

__all__ = ["Graph", "open_graph"]
