"""Inline SVG primitives and the timeline chart (no JavaScript, no external request).

Everything put into SVG passes through `esc`: article text is untrusted.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

from lagebild.timeline import add_months, granularity, interval

GRANULARITY_COLORS = {"year": "#b8c2cc", "season": "#7fb069", "month": "#3e7cb1", "week": "#e09f3e",
                      "day": "#c8553d"}
GRANULARITY_LABELS = {"year": "Jahr", "season": "Jahreszeit", "month": "Monat", "week": "Woche", "day": "Tag"}
_BAR_HEIGHT = {"year": 4, "season": 8, "month": 10, "week": 12, "day": 14}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def esc(value: object) -> str:
    """Escape text for SVG/HTML element content and attribute values."""
    return escape(str(value), quote=True)


def num(value: float | None) -> str:
    """German number format: 14.000, 1,5."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")


def anchor(doc_id: str, sentence: int | None = None) -> str:
    """A safe, unique HTML id for a document (or one of its sentences)."""
    slug = re.sub(r"[^A-Za-z0-9_-]", "-", doc_id)[:60]
    if slug != doc_id:
        slug += "-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:6]
    return f"doc-{slug}" if sentence is None else f"s-{slug}-{sentence}"


def svg_open(width: float, height: float, label: str, css_class: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}" '
            f'class="{esc(css_class)}" font-family="{FONT}">')


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# -- the timeline -------------------------------------------------------------------
@dataclass
class Lane:
    key: str  # document id
    label: str
    published: str | None
    rows: list[dict[str, Any]]


def lanes(rows: Iterable[dict[str, Any]], documents: Sequence[Any]) -> list[Lane]:
    """One lane per document (in publication order) holding its dated items."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    ordered = sorted(documents, key=lambda d: (interval(d.published or "") or (date.max, date.max))[0])
    return [Lane(d.id, d.outlet or d.id, d.published, by_doc[d.id]) for d in ordered if d.id in by_doc]


def window(items: list[tuple[date, date]], published: list[date], years_before: int = 2) -> tuple[date, date]:
    """The axis range: the items, but not more than `years_before` years before the first article
    (a war that ended decades ago should not squeeze the story into a corner)."""
    lo, hi = min(s for s, _ in items), max(e for _, e in items)
    if published:
        lo = max(lo, date(min(published).year - years_before, 1, 1))
        hi = min(hi, date(max(published).year + 2, 1, 1))
        lo, hi = min(lo, min(published)), max(hi, max(published) + timedelta(days=1))
    return date(lo.year, 1 if lo.month <= 6 else 7, 1), add_months(hi.year, hi.month, 1)


def _ticks(lo: date, hi: date) -> list[tuple[date, bool]]:
    """Quarter starts between lo and hi; True marks a year start."""
    out, d = [], date(lo.year, 1, 1)
    while d <= hi:
        if d >= lo:
            out.append((d, d.month == 1))
        d = add_months(d.year, d.month, 3)
    return out


def timeline_svg(rows: list[dict[str, Any]], documents: Sequence[Any] = (), width: int = 1040) -> str:
    """Swimlanes, one per article; each dated expression is a bar as wide as what it names
    (a month-precise date is a month-wide bar), the article's publication date a black tick."""
    dated = [(r, iv) for r in rows if (iv := interval(r["value"]))]
    if not dated:
        return ""
    docs = list(documents) or [_Pseudo(r["doc_id"], r.get("outlet")) for r in rows]
    tracks = lanes((r for r, _ in dated), _unique(docs))
    pubs = [iv[0] for d in docs if (iv := interval(getattr(d, "published", None) or ""))]
    lo, hi = window([iv for _, iv in dated], pubs)
    left, right, top, lane_h = 190, 16, 30, 24
    height = top + lane_h * len(tracks) + 34
    days = max((hi - lo).days, 1)

    def x(d: date) -> float:
        d = min(max(d, lo), hi)
        return left + (d - lo).days / days * (width - left - right)

    parts = [svg_open(width, height, "Zeitleiste", "chart timeline")]
    for tick, is_year in _ticks(lo, hi):
        colour, dash = ("#cbd2d9", "") if is_year else ("#eef1f4", "")
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{height - 26}" '
                     f'stroke="{colour}"{dash}/>')
        if x(tick) > width - right - 30:
            continue
        label = str(tick.year) if is_year else f"Q{(tick.month - 1) // 3 + 1}"
        weight = "600" if is_year else "400"
        parts.append(f'<text x="{x(tick) + 3:.1f}" y="{height - 12}" font-size="{12 if is_year else 10}" '
                     f'font-weight="{weight}" fill="#52606d">{label}</text>')
    order = list(_BAR_HEIGHT)
    for i, lane in enumerate(tracks):
        y = top + i * lane_h + lane_h / 2
        if i % 2 == 0:
            parts.append(f'<rect x="0" y="{y - lane_h / 2:.1f}" width="{width}" height="{lane_h}" '
                         f'fill="#f7f9fb"/>')
        link = anchor(lane.key)
        parts.append(f'<a href="#{link}"><text x="{left - 10}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#323f4b"><title>{esc(lane.key)}</title>{esc(truncate(lane.label, 26))}</text></a>')
        items = sorted(lane.rows, key=lambda r: order.index(r["granularity"]) if r["granularity"] in order else 9)
        for r in items:
            parts.append(_bar(r, x, y))
        pub = interval(lane.published or "")
        if pub and lo <= pub[0] <= hi:
            px = x(pub[0])
            parts.append(f'<path d="M{px:.1f} {y - 10:.1f} l4 -5 h-8 z" fill="#1f2933">'
                         f'<title>veröffentlicht {esc(lane.published)}</title></path>')
    outside = len([1 for _, (s, e) in dated if e <= lo or s >= hi])
    if outside:
        parts.append(f'<text x="{left}" y="{top - 14}" font-size="11" fill="#7b8794">'
                     f'{outside} Angaben außerhalb des Ausschnitts (siehe Liste)</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bar(row: dict[str, Any], x: Any, y: float) -> str:
    start, end = interval(row["value"]) or (date.min, date.min)
    kind = row.get("granularity") or granularity(row["value"]) or "day"
    x0, x1 = x(start), x(end)
    if x1 <= x0:  # entirely outside the axis
        return ""
    h = _BAR_HEIGHT.get(kind, 10)
    w = max(x1 - x0, 3.0)
    colour = GRANULARITY_COLORS.get(kind, "#333")
    stroke = ' stroke="#1f2933" stroke-width="1.2"' if row.get("kind", "time") != "time" else ""
    title = f'{row["value"]} ({GRANULARITY_LABELS.get(kind, kind)}): „{row["text"]}“ – {truncate(row["sentence"], 220)}'
    return (f'<rect x="{x0:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h}" rx="2" fill="{colour}" '
            f'fill-opacity="0.8"{stroke}><title>{esc(title)}</title></rect>')


@dataclass
class _Pseudo:
    id: str
    outlet: str | None
    published: str | None = None


def _unique(docs: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for d in docs:
        seen.setdefault(d.id, d)
    return list(seen.values())
