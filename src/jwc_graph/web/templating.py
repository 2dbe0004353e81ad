"""The served pages' templates and static files; every template is autoescaped, so data cannot inject HTML."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment: templates from web/templates, autoescape on for all of them."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context) -> str:
    """A page rendered from a template with the context given."""
    return environment().get_template(template).render(**context)
