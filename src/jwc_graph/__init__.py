"""jwc-graph: an open knowledge graph of the international child-justice field."""

__version__ = "0.1.0"
