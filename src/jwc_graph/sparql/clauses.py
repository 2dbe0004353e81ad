"""What a query says in its outer clauses, read before it runs: its form (SELECT, ASK, CONSTRUCT, DESCRIBE) and
its dataset clauses (FROM, FROM NAMED).

Both are read with the guard's lexer (guard.tokens), which follows the engine's grammar, so strings, comments
and variables such as ?from are never taken for keywords. The endpoint needs the form to answer 406 before
running a query whose answer the client cannot take, and the dataset clauses to keep the default graph a
set when a query names several (sparql.dataset).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from . import guard

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(text: str) -> str | None:
    """ "select", "ask", "construct" or "describe": the query's first form keyword (a subquery's SELECT comes
    after it); None when the text names none or cannot be read (the parser then says why)."""
    try:
        for kind, value in guard.tokens(text):
            if kind == "word" and value.upper() in FORMS:
                return value.lower()
    except guard.Refused:
        return None
    return None


def dataset_clauses(text: str, base_iri: str | None = None) -> tuple[list[str], list[str]] | None:
    """The IRIs of the query's FROM and FROM NAMED clauses, as (default graphs, named graphs), resolved against
    its BASE (or `base_iri`) and its PREFIXes; None when it has neither or cannot be read."""
    try:
        toks = list(guard.tokens(text))
    except guard.Refused:
        return None
    prefixes: dict[str, str] = {}
    base = base_iri or ""
    default: list[str] = []
    named: list[str] = []

    def iri(token: tuple[str, str]) -> str | None:
        kind, value = token
        if kind == "iri":
            return urljoin(base, value[1:-1]) if base else value[1:-1]
        if kind == "pname":
            prefix, _, local = value.partition(":")
            ns = prefixes.get(prefix)
            return ns + re.sub(r"\\(.)", r"\1", local) if ns is not None else None
        return None

    for i, (kind, value) in enumerate(toks):
        word = value.upper() if kind == "word" else ""
        following = toks[i + 1 : i + 3]
        if word == "PREFIX" and len(following) == 2 and following[0][0] == "pname":
            prefixes[following[0][1].rstrip(":")] = iri(following[1]) or ""
        elif word == "BASE" and following and following[0][0] == "iri":
            base = iri(following[0]) or base
        elif word == "FROM" and following:
            if following[0][0] == "word" and following[0][1].upper() == "NAMED":
                found = iri(following[1]) if len(following) == 2 else None
                if found:
                    named.append(found)
            elif iri(following[0]):
                default.append(iri(following[0]))
    return (default, named) if default or named else None
