"""The HTML report: one self-contained file (inline CSS and SVG, no external request)."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild import __version__
from lagebild.report.svg import timeline_svg

if TYPE_CHECKING:
    from lagebild.api import Corpus


def _env() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.report", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    return env


def _num(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def context(corpus: Corpus) -> dict[str, Any]:
    docs = corpus.documents
    claims = corpus.claims()
    timeline = corpus.timeline()
    outlets = Counter(d.outlet or "unknown outlet" for d in docs)
    return {
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "summary": corpus.summary(),
        "documents": docs,
        "outlets": outlets.most_common(),
        "entities": corpus.entities(),
        "claims": claims,
        "timeline": timeline,
        "timeline_svg": timeline_svg(timeline),
        "failures": corpus.store.failures(),
    }


def render_html(corpus: Corpus) -> str:
    return _env().get_template("report.html").render(**context(corpus))


def write_report(corpus: Corpus, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_html(corpus), encoding="utf-8")
    return path
