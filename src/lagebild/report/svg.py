"""Small inline SVG charts for the report (no JavaScript, no external request)."""
from __future__ import annotations

from html import escape
from typing import Any

from lagebild.timeline import sort_key

_COLORS = {"year": "#9aa5b1", "season": "#7fb069", "month": "#3e7cb1", "week": "#e09f3e", "day": "#c8553d"}


def _position(value: str) -> float:
    year, month, day, _ = sort_key(value)
    return year + (max(month, 1) - 1) / 12 + (max(day, 1) - 1) / 365


def timeline_svg(rows: list[dict[str, Any]], width: int = 900) -> str:
    """A horizontal time axis with one dot per dated expression, colour by precision."""
    points = [(r, _position(r["value"])) for r in rows]
    if not points:
        return ""
    lo, hi = min(p for _, p in points), max(p for _, p in points)
    lo, hi = int(lo), int(hi) + 1
    pad, height = 40, 120
    scale = (width - 2 * pad) / max(hi - lo, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="timeline" class="timeline">',
             f'<line x1="{pad}" y1="70" x2="{width - pad}" y2="70" stroke="#555"/>']
    for year in range(lo, hi + 1):
        x = pad + (year - lo) * scale
        parts.append(f'<line x1="{x:.1f}" y1="64" x2="{x:.1f}" y2="76" stroke="#555"/>'
                     f'<text x="{x:.1f}" y="94" font-size="12" text-anchor="middle">{year}</text>')
    stack: dict[int, int] = {}
    for row, pos in points:
        x = pad + (pos - lo) * scale
        level = stack.get(round(x / 6), 0)
        stack[round(x / 6)] = level + 1
        y = 62 - 7 * min(level, 7)
        color = _COLORS.get(row["granularity"], "#333")
        title = escape(f'{row["value"]}: {row["text"]} ({row["outlet"] or row["doc_id"]})')
        parts.append(f'<circle cx="{x:.1f}" cy="{y}" r="4" fill="{color}"><title>{title}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
