"""The report: one self-contained HTML file (inline CSS and SVG, no script, no external
request) or Markdown. Article text is untrusted: the template autoescapes, and the
SVG builders escape everything they write.

Example:
    >>> write_report(lagebild.api.Corpus.open("sqlite:///demo.db"), "out/report.html")
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild import __version__
from lagebild.reconcile.network import cooccurrence
from lagebild.report import charts, evidence, netplot, overview
from lagebild.report.svg import GRANULARITY_COLORS, GRANULARITY_LABELS, anchor, interval, num, timeline_svg, window
from lagebild.timeline import span, timeline

if TYPE_CHECKING:
    from lagebild.api import Corpus

Format = Literal["html", "md"]


def _env() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.report", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = num
    env.filters["anchor"] = anchor
    env.globals["claim_link"] = evidence.claim_link
    return env


def _figure_groups(corpus: Corpus, duplicates: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for i, group in enumerate(overview.disputed(corpus.groups()), start=1):
        out.append({"group": group, "anchor": f"g{i}", "svg": charts.group_svg(group, i, duplicates),
                    "figures": charts.figures(group, duplicates),
                    "colour": charts.STATUS_COLORS.get(group.status, "#3e7cb1"),
                    "status_label": charts.STATUS_LABELS.get(group.status, group.status)})
    return out


def _outside(rows: list[dict[str, Any]], docs: list[Any]) -> list[dict[str, Any]]:
    """Timeline items left out of the chart's window (listed under it instead)."""
    dated = [(r, iv) for r in rows if (iv := interval(r["value"]))]
    pubs = [iv[0] for d in docs if (iv := interval(d.published or ""))]
    if not dated:
        return []
    lo, hi = window([iv for _, iv in dated], pubs)
    return [r for r, (s, e) in dated if e <= lo or s >= hi]


def context(corpus: Corpus) -> dict[str, Any]:
    """Everything the templates show, computed once."""
    docs = corpus.documents
    duplicates = corpus.duplicates()
    entities = corpus.entities()
    rows = timeline(docs)
    nodes, edges = cooccurrence(docs)
    groups = _figure_groups(corpus, duplicates)
    status_counts = {s: sum(1 for g in groups if g["group"].status == s) for s in ("conflict", "differ", "agree")}
    return {
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": {**corpus.store.counts(), "time_span": list(span(docs))},
        "documents": docs,
        "languages": sorted({d.language or "?" for d in docs}),
        "outlets": overview.outlets(docs),
        "key_terms": overview.key_terms(docs),
        "people": overview.actors(entities, "PER"),
        "organisations": overview.actors(entities, "ORG"),
        "places": overview.actors(entities, "LOC"),
        "entities": entities,
        "claims": corpus.claims(),
        "groups": groups,
        "status_counts": status_counts,
        "timeline": rows,
        "timeline_svg": timeline_svg(rows, docs),
        "timeline_outside": _outside(rows, docs),
        "granularities": [(GRANULARITY_LABELS[k], c) for k, c in GRANULARITY_COLORS.items()],
        "network_svg": netplot.network_svg(nodes, edges),
        "network_types": [(netplot.TYPE_LABELS[k], c) for k, c in netplot.TYPE_COLORS.items()],
        "entries": evidence.entries(docs, duplicates),
        "duplicates": duplicates,
        "failures": corpus.store.failures(),
    }


def render_html(corpus: Corpus) -> str:
    return _env().get_template("report.html").render(**context(corpus))


def render_markdown(corpus: Corpus) -> str:
    from lagebild.report.markdown import render

    return render(context(corpus))


def write_report(corpus: Corpus, path: str | Path, format: Format = "html") -> Path:
    """Write the report as HTML (self-contained, offline) or Markdown."""
    if format not in ("html", "md"):
        raise ValueError(f"unknown report format {format!r}; use 'html' or 'md'")
    path = Path(path)
    text = render_html(corpus) if format == "html" else render_markdown(corpus)
    path.write_text(text, encoding="utf-8")
    return path
