"""Submissions from stewards: reading files and CSV templates, finding entities by name, checking a submission
against the shapes with the graph as context, its reports, and accepting, listing and reverting submissions; and
reconciliation: matching a spreadsheet's names to the graph's entities (for `jwc reconcile` and /reconcile)."""
