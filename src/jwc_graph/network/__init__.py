"""The network view of the graph: the networkx projection, centrality and communities, paths in words,
exports for Gephi and Kumu, and the pyvis map with its layout."""
