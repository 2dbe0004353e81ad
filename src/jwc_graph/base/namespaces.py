"""The IRIs the project mints and the prefixes every output uses, in one place."""

ONTOLOGY = "https://w3id.org/jwc/ontology#"
ID = "https://w3id.org/jwc/id/"
VOCAB = "https://w3id.org/jwc/vocab/"
SHAPES = "https://w3id.org/jwc/shapes#"

#: Named graphs that hold the project's own files (data graphs are named by their source's IRI).
ONTOLOGY_GRAPH = "https://w3id.org/jwc/ontology"
SHAPES_GRAPH = "https://w3id.org/jwc/shapes"
CATALOGUE_GRAPH = ID + "graph/catalogue"
DATASET = ID + "dataset/jwc-graph"

PREFIXES: dict[str, str] = {
    "jwc": ONTOLOGY,
    "voc": VOCAB,
    "jsh": SHAPES,
    "src": ID + "source/",
    "jo": ID + "org/",
    "jm": ID + "membership/",
    "jpa": ID + "partnership/",
    "ji": ID + "initiative/",
    "je": ID + "event/",
    "js": ID + "series/",
    "jc": ID + "commitment/",
    "jout": ID + "outcome/",
    "jr": ID + "recommendation/",
    "jpr": ID + "priority/",
    "jt": ID + "theme/",
    "jg": ID + "goal/",
    "jl": ID + "instrument/",
    "jpub": ID + "publication/",
    "jaw": ID + "award/",
    "jpl": ID + "place/",
    "jp": ID + "person/",
    "jf": ID + "figure/",
    "jgap": ID + "gap/",
    "jsub": ID + "submission/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prefixes() -> str:
    """The PREFIX lines for every prefix above, to put in front of a SPARQL query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def shorten(iri: str) -> str:
    """A CURIE for an IRI under a known prefix (the longest match), else the IRI in angle brackets."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def expand(curie: str) -> str | None:
    """The IRI a CURIE of a known prefix stands for ("jo:pri" -> https://w3id.org/jwc/id/org/pri), else None."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return PREFIXES[prefix] + local
