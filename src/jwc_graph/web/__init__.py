"""`jwc serve`: the Starlette app, its query worker processes, content negotiation, and the pages (query page,
entity pages, map, validation page) with their templates and static files."""
