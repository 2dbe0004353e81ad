"""SPARQL: running queries on the store or a remote endpoint, answers in standard formats, the query catalogue,
pushing the graph to other stores, and the guard that reads a query before the server runs it."""
