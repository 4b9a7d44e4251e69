"""Small inline SVG charts for the web pages (escaped labels, no script, no style attribute)."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from lagebild.present import figure, say
from lagebild.reconcile.groups import interval
from lagebild.timeline import sort_key

ROW, LABEL, WIDTH, PAD = 22, 210, 640, 12



def _label(claim: dict[str, Any]) -> str:
    who = claim.get("outlet") or claim.get("doc_id") or ""
    return who if len(who) <= 30 else who[:29] + "…"


def group_chart(claims: list[dict[str, Any]], ui: str = "de") -> Markup:
    """One bar (or range) per figure of a claim group, on a shared linear axis from 0; the
    label of each keeps its bound (">6.000", "≤ 250.000"). The page shows the legend."""
    if not claims:
        return Markup("")
    spans = [interval(c) for c in claims]
    top = max(hi for _, hi in spans) or 1.0
    scale = (WIDTH - LABEL - 2 * PAD - 70) / top
    height = ROW * len(claims) + 2 * PAD
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(say("chart.label", ui))}">']
    for n, (claim, (lo, hi)) in enumerate(zip(claims, spans, strict=True)):
        y = PAD + n * ROW
        x0 = LABEL + PAD
        css = "bar hedged" if claim.get("hedged") else "bar"
        css += " vague" if claim.get("vague") else ""
        tip = escape(f"{_label(claim)}: {claim.get('text', '')} — {claim.get('source') or 'ohne Zuschreibung'}")
        parts.append(f'<g><title>{tip}</title>'
                     f'<text x="{LABEL}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_label(claim))}</text>')
        if hi > lo:
            parts.append(f'<rect x="{x0}" y="{y + 9}" width="{lo * scale:.1f}" height="2" class="stem"/>'
                         f'<rect x="{x0 + lo * scale:.1f}" y="{y + 3}" width="{max((hi - lo) * scale, 2):.1f}" '
                         f'height="14" rx="3" class="{css} range"/>')
        else:
            parts.append(f'<rect x="{x0}" y="{y + 3}" width="{max(lo * scale, 2):.1f}" height="14" rx="3" '
                         f'class="{css}"/>')
        value = figure(claim, ui)
        parts.append(f'<text x="{x0 + hi * scale + 6:.1f}" y="{y + 15}" class="val">{escape(value)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


GRANULARITY_COLOURS = {"year": "#9aa5b1", "season": "#7fb069", "month": "#3e7cb1", "week": "#e09f3e",
                       "day": "#c8553d"}


def _position(value: str) -> float:
    year, month, day, _ = sort_key(value)
    return year + (max(month, 1) - 1) / 12 + (max(day, 1) - 1) / 365


def _axis(points: list[float], published: tuple[str | None, str | None], years_before: int) -> tuple[int, int]:
    """Years shown: the dated items, but not long before the first article (a 1953 armistice
    should not squeeze a 2025 story into a corner)."""
    lo, hi = int(min(points)), int(max(points)) + 1
    if published[0] and published[1]:
        lo = max(lo, int(published[0][:4]) - years_before)
        hi = min(hi, int(published[1][:4]) + 1)
    return lo, max(hi, lo + 1)


def timeline_chart(rows: list[dict[str, Any]], published: tuple[str | None, str | None] = (None, None),
                   width: int = 1100, years_before: int = 2) -> Markup:
    """A time axis with one dot per dated expression (colour = precision), linked to its article."""
    points = [(r, _position(r["value"])) for r in rows]
    if not points:
        return Markup("")
    lo, hi = _axis([p for _, p in points], published, years_before)
    pad, height, base = 30, 150, 110
    scale = (width - 2 * pad) / (hi - lo)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Zeitleiste">',
             f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" class="axis"/>']
    for year in range(lo, hi + 1):
        x = pad + (year - lo) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{base - 6}" x2="{x:.1f}" y2="{base + 6}" class="axis"/>'
                     f'<text x="{x:.1f}" y="{base + 24}" text-anchor="middle" class="year">{year}</text>')
    stack: dict[int, int] = {}
    outside = 0
    for row, pos in points:
        if not lo <= pos <= hi:
            outside += 1
            continue
        x = pad + (pos - lo) * scale
        level = stack.get(round(x / 7), 0)
        stack[round(x / 7)] = level + 1
        y = base - 10 - 8 * min(level, 11)
        tip = escape(f"{row['value']}: {row['text']} ({row.get('outlet') or row['doc_id']})")
        colour = GRANULARITY_COLOURS.get(row["granularity"], "#333")
        parts.append(f'<a href="/documents/{quote(row["doc_id"], safe="")}"><circle cx="{x:.1f}" cy="{y}" r="4" '
                     f'fill="{colour}"><title>{tip}</title></circle></a>')
    if outside:
        parts.append(f'<text x="{pad}" y="14" class="note">{outside} Angaben außerhalb von {lo}–{hi} '
                     f'(siehe Liste)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
