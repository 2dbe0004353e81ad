"""A validation report as text (by record), JSON, the SHACL report in Turtle, or one standalone HTML page.

The HTML page is self-contained (inline CSS, no script, no external URL) and every piece of data in it
is HTML-escaped, because submitted names and values are untrusted text.
"""

from __future__ import annotations

import html
import json

from ..base.namespaces import PREFIXES, shorten
from ..build.findings import SEVERITIES, Report, record_name, record_where, text

FORMATS = ("text", "json", "turtle", "html")


def as_dict(report: Report) -> dict:
    return {
        "conforms": report.conforms,
        "summary": {s.lower() + "s": report.count(s) for s in SEVERITIES},
        "files": [
            {"file": f.display, "format": f.format, "triples": len(f.quads), "sha256": f.sha256} for f in report.files
        ],
        "records": sorted(report.records),
        "issues": [
            {
                "severity": i.severity,
                "focus": i.focus,
                "label": i.label,
                "path": i.path,
                "value": i.value,
                "rule": i.message,
                "component": i.component,
                "shape": i.shape,
                "fix": i.fix,
                "suggestions": i.suggestions,
                "where": i.where,
            }
            for i in report.findings
        ],
        "context_triples": report.context_triples,
        "seconds": round(report.seconds, 3),
    }


def to_json(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"


def turtle(report: Report) -> str:
    """The SHACL validation report (sh:ValidationReport) holding only the submission's results."""
    g = report.graph
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g.serialize(format="turtle")


CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
h1{font-size:1.4rem} .ok{color:#1a7f37} .bad{color:#b42318}
section{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
h2{font-size:1.05rem;margin:.4rem 0} .where{color:#555;font-weight:normal}
.Violation{border-left:4px solid #b42318;padding-left:.6rem;margin:.6rem 0}
.Warning{border-left:4px solid #b7791f;padding-left:.6rem;margin:.6rem 0}
.Info{border-left:4px solid #2b6cb0;padding-left:.6rem;margin:.6rem 0}
dt{font-weight:600;float:left;width:6rem;clear:left} dd{margin-left:6.5rem} code{word-break:break-all}
"""


def to_html(report: Report) -> str:
    """One standalone page: no script, no external URL, everything from the data escaped."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            "<html lang='en'><head><meta charset='utf-8'>",
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            "<title>jwc validate: submission report</title>",
            f"<style>{CSS}</style></head><body>",
            "<h1>Submission report</h1>",
            html_fragment(report),
            "</body></html>\n",
        ]
    )


def html_fragment(report: Report) -> str:
    """The report's body as HTML, for a page of the served site (which styles the same classes)."""
    e = html.escape
    status = (
        "<p class='ok'>Conforms: nothing blocks this submission.</p>"
        if report.conforms
        else "<p class='bad'>Does not conform: the violations below block this submission.</p>"
    )
    files = "".join(
        f"<li><code>{e(f.display)}</code> ({e(f.format)}, {len(f.quads)} triples)</li>" for f in report.files
    )
    parts = [
        status,
        f"<p>{e(report.summary())}</p>",
        f"<ul>{files}</ul>",
    ]
    for focus, issues in report.by_record():
        first, at = issues[0], record_where(issues)
        where = f" <span class='where'>in {e(at)}</span>" if at else ""
        parts.append(
            f"<section><h2><code>{e(record_name(focus, None))}</code>"
            f"{' ' + e(first.label) if first.label else ''}{where}</h2>"
        )
        for i in issues:
            rows = [("rule", i.message)]
            rows += [
                (k, v)
                for k, v in (
                    ("property", shorten(i.path) if i.path else None),
                    ("value", i.value),
                    ("where", i.where if i.where != at else None),
                    ("fix", i.fix),
                )
                if v
            ]
            body = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows)
            parts.append(f"<div class='{e(i.severity)}'><strong>{e(i.severity)}</strong><dl>{body}</dl></div>")
        parts.append("</section>")
    return "\n".join(parts)


def render(report: Report, fmt: str) -> str:
    return {"text": text, "json": to_json, "turtle": turtle, "html": to_html}[fmt](report)
