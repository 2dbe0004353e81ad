"""The choices the network commands and pages offer, in one light module (the CLI reads them at start-up):
node kinds, size metrics, export formats.
"""

from __future__ import annotations

from ..base.namespaces import PREFIXES

ORG, JWC, SCHEMA = PREFIXES["org"], PREFIXES["jwc"], PREFIXES["schema"]

#: Node kinds, most specific first: an entity takes the first kind any of its classes falls under.
KINDS = [
    ("partnership", JWC + "Partnership"),
    ("coalition", ORG + "OrganizationalCollaboration"),
    ("organisation", ORG + "Organization"),
    ("person", SCHEMA + "Person"),
    ("programme", JWC + "Initiative"),
    ("event", SCHEMA + "Event"),
    ("commitment", JWC + "Commitment"),
    ("outcome", JWC + "Outcome"),
    ("recommendation", JWC + "Recommendation"),
    ("priority", JWC + "Priority"),
    ("theme", JWC + "Theme"),
    ("goal", JWC + "Goal"),
    ("instrument", JWC + "LegalInstrument"),
    ("publication", SCHEMA + "CreativeWork"),
    ("award", JWC + "Award"),
    ("place", SCHEMA + "Place"),
]
ALL_KINDS = [k for k, _ in KINDS]
#: Kinds shown by default: the actors and what they do together and commit to (places are many and dull).
DEFAULT_KINDS = [k for k in ALL_KINDS if k not in ("place", "outcome")]

#: What a map can size its nodes by.
SIZE_METRICS = ("degree", "betweenness", "pagerank")
#: `jwc network-export --format`: GraphML and GEXF for Gephi, a folder of CSV files for Kumu.
EXPORT_FORMATS = ("graphml", "gexf", "kumu")
