""""Figures in dispute": one inline SVG chart per claim group.

Each figure is a row: a dot for an exact value, a bar for a range, a "rund"
figure (±10 %) or a vague one ("mehrere tausend", dashed); hedged figures are
hollow dots and hatched bars; syndicated copies are grey. Attribution and date
are in each row's <title> and in the caption the template writes under the chart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from lagebild.reconcile.groups import ClaimGroup, as_of, interval
from lagebild.report.svg import anchor, esc, num, svg_open, truncate

STATUS_COLORS = {"agree": "#2f855a", "differ": "#d69e2e", "conflict": "#c53030"}
STATUS_LABELS = {"agree": "stimmen überein", "differ": "weichen ab", "conflict": "widersprechen sich"}
COPY_COLOR = "#9aa5b1"
LOG_RATIO = 20.0  # above this max/min ratio the axis is logarithmic


@dataclass
class Figure:
    """One claim as drawn: its interval and how firmly it is stated."""

    claim: dict[str, Any]
    lo: float
    hi: float
    copy_of: str | None

    @property
    def label(self) -> str:
        return str(self.claim.get("outlet") or self.claim["doc_id"])

    @property
    def value_text(self) -> str:
        c = self.claim
        text = num(c["value"]) + (f"–{num(c['value_max'])}" if c.get("value_max") is not None else "")
        return ("~" if c.get("approx") else "") + text

    def attribution(self) -> str:
        c = self.claim
        bits = [f"laut {c['source']}" if c.get("source") else "ohne Zuschreibung"]
        if c.get("hedged"):
            bits.append(f"unter Vorbehalt ({c.get('hedge') or 'eingeschränkt'})")
        if c.get("vague"):
            bits.append("vage Angabe")
        bits.append(f"Stand {as_of(c) or 'unbekannt'}")
        if self.copy_of:
            bits.append(f"Kopie von {self.copy_of}")
        return ", ".join(bits)


def figures(group: ClaimGroup, duplicates: dict[str, str]) -> list[Figure]:
    out = []
    for c in group.claims:
        lo, hi = interval(c)
        out.append(Figure(c, lo, hi, duplicates.get(c["doc_id"])))
    return sorted(out, key=lambda f: (-(f.lo + f.hi), f.label))


class Scale:
    """Linear from zero, or logarithmic when the figures span more than LOG_RATIO."""

    def __init__(self, lo: float, hi: float, x0: float, x1: float) -> None:
        self.x0, self.x1 = x0, x1
        lo = max(lo, 1e-9)
        self.log = hi / lo > LOG_RATIO
        if self.log:
            self.lo, self.hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
        else:
            self.lo, self.hi = 0.0, _nice_ceiling(hi * 1.05)

    def __call__(self, v: float) -> float:
        if self.log:
            t = (math.log10(max(v, self.lo)) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (v - self.lo) / ((self.hi - self.lo) or 1)
        return self.x0 + max(0.0, min(1.0, t)) * (self.x1 - self.x0)

    def ticks(self) -> list[float]:
        if self.log:
            return [10.0 ** e for e in range(round(math.log10(self.lo)), round(math.log10(self.hi)) + 1)]
        step = _nice_ceiling(self.hi / 4)
        return [step * i for i in range(int(self.hi / step + 1e-9) + 1)]


def _nice_ceiling(v: float) -> float:
    if v <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(v))
    return next(m * power for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= v - 1e-9)


def _short(v: float) -> str:
    for size, suffix in ((1e9, " Mrd."), (1e6, " Mio."), (1e3, " Tsd.")):
        if v >= size:
            return num(round(v / size, 2)) + suffix
    return num(v)


def group_svg(group: ClaimGroup, index: int, duplicates: dict[str, str], width: int = 520) -> str:
    """The chart of one claim group: figures by outlet on a shared axis."""
    figs = figures(group, duplicates)
    left, right, top, row_h = 165, 104, 10, 26
    height = top + row_h * len(figs) + 28
    scale = Scale(min(f.lo for f in figs), max(f.hi for f in figs), left, width - right)
    colour = STATUS_COLORS.get(group.status, "#3e7cb1")
    hatch = f"hatch-{index}"
    parts = [svg_open(width, height, f"Zahlen zu {group.title or group.measure or group.concept}", "chart figures"),
             f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="3"/></pattern></defs>']
    axis_y = top + row_h * len(figs) + 4
    for t in scale.ticks():
        tx = scale(t)
        parts.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e4e7eb"/>'
                     f'<text x="{tx:.1f}" y="{axis_y + 14}" font-size="10" text-anchor="middle" '
                     f'fill="#7b8794">{esc(_short(t))}</text>')
    if scale.log:
        parts.append(f'<text x="{left - 24}" y="{axis_y + 14}" font-size="10" text-anchor="end" '
                     f'fill="#9aa5b1">log. Achse</text>')
    for i, fig in enumerate(figs):
        parts.append(_row(fig, scale, top + i * row_h + row_h / 2, colour, hatch, width - right + 8))
    parts.append("</svg>")
    return "".join(parts)


def _row(fig: Figure, scale: Scale, y: float, colour: str, hatch: str, text_x: float) -> str:
    c = fig.claim
    ink = COPY_COLOR if fig.copy_of else colour
    hedged = bool(c.get("hedged"))
    title = esc(f"{fig.label}: {fig.value_text} – „{c.get('text', '')}“ ({fig.attribution()})")
    link = anchor(c["doc_id"], c.get("sentence"))
    out = [f'<g class="figure"><title>{title}</title><a href="#{link}">',
           f'<text x="{scale.x0 - 10}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#323f4b">'
           f'{esc(truncate(fig.label, 21))}</text></a>',
           f'<line x1="{scale.x0}" y1="{y:.1f}" x2="{scale.x1}" y2="{y:.1f}" stroke="#f0f2f5"/>']
    x0, x1 = scale(fig.lo), scale(fig.hi)
    if x1 - x0 >= 2:
        fill = f"url(#{hatch})" if hedged else ink
        dash = ' stroke-dasharray="3 2"' if c.get("vague") else ""
        opacity = "0.45" if c.get("vague") or c.get("approx") else "0.9"
        out.append(f'<rect x="{x0:.1f}" y="{y - 5:.1f}" width="{x1 - x0:.1f}" height="10" rx="4" fill="{fill}" '
                   f'fill-opacity="{opacity if not hedged else "1"}" stroke="{ink}" stroke-width="1.2"{dash}/>')
    if x1 - x0 < 2 or (c.get("approx") and c.get("value_max") is None):
        cx = scale(float(c["value"]))
        fill = "#fff" if hedged else ink
        out.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="5.5" fill="{fill}" stroke="{ink}" stroke-width="2.2"/>')
    out.append(f'<text x="{text_x:.1f}" y="{y + 4:.1f}" font-size="11.5" font-weight="600" fill="{ink}">'
               f'{esc(fig.value_text)}</text></g>')
    return "".join(out)
