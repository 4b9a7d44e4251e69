"""The entity network as inline SVG, laid out in Python with a deterministic
force-directed layout (Fruchterman–Reingold from a fixed spiral start)."""
from __future__ import annotations

import math

from lagebild.reconcile.network import Edge, Node
from lagebild.report.svg import esc, svg_open, truncate

TYPE_COLORS = {"PER": "#3e7cb1", "ORG": "#8e5ea2", "LOC": "#4f9d69"}
TYPE_LABELS = {"PER": "Person", "ORG": "Organisation", "LOC": "Ort"}
Point = tuple[float, float]


def select(nodes: list[Node], edges: list[Edge], max_nodes: int = 30, max_edges: int = 90
           ) -> tuple[list[Node], list[Edge]]:
    """The most mentioned entities that are connected, and the heaviest edges among them."""
    linked = {e.source for e in edges} | {e.target for e in edges}
    keep = [n for n in nodes if n.id in linked][:max_nodes]
    ids = {n.id for n in keep}
    inside = [e for e in edges if e.source in ids and e.target in ids]
    chosen = inside[:max_edges]
    for n in keep:  # every node keeps its strongest tie, so none floats away unconnected
        strongest = next((e for e in inside if n.id in (e.source, e.target)), None)
        if strongest is not None and strongest not in chosen:
            chosen.append(strongest)
    return [n for n in keep if any(n.id in (e.source, e.target) for e in chosen)], chosen


def layout(names: list[str], edges: list[Edge], iterations: int = 300) -> dict[str, Point]:
    """Positions in the unit square; the same input always gives the same picture."""
    n = len(names)
    if n == 0:
        return {}
    golden = math.pi * (3 - math.sqrt(5))
    pos = {name: [0.5 + 0.45 * math.sqrt((i + 0.5) / n) * math.cos(i * golden),
                  0.5 + 0.45 * math.sqrt((i + 0.5) / n) * math.sin(i * golden)] for i, name in enumerate(names)}
    k = math.sqrt(1.0 / n)
    links = [(e.source, e.target, 1 + math.log(e.weight)) for e in edges if e.source in pos and e.target in pos]
    temperature = 0.2
    for _ in range(iterations):
        shift = {name: [0.0, 0.0] for name in names}
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 1e-4)
                force = k * k / dist
                shift[a][0] += dx / dist * force
                shift[a][1] += dy / dist * force
                shift[b][0] -= dx / dist * force
                shift[b][1] -= dy / dist * force
        for a, b, w in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 1e-4)
            force = dist * dist / k * w * 2.0
            shift[a][0] -= dx / dist * force
            shift[a][1] -= dy / dist * force
            shift[b][0] += dx / dist * force
            shift[b][1] += dy / dist * force
        for name in names:
            dx, dy = shift[name]
            length = max(math.hypot(dx, dy), 1e-9)
            step = min(length, temperature)
            pos[name][0] += dx / length * step + (0.5 - pos[name][0]) * 0.03  # gravity keeps loose nodes near
            pos[name][1] += dy / length * step + (0.5 - pos[name][1]) * 0.03
        temperature = max(temperature * 0.99, 0.002)
    return _normalise({name: (p[0], p[1]) for name, p in pos.items()})


def _normalise(pos: dict[str, Point]) -> dict[str, Point]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {name: ((x - min(xs)) / w, (y - min(ys)) / h) for name, (x, y) in pos.items()}


def separate(points: dict[str, list[float]], radii: dict[str, float], gap: float = 16.0,
             rounds: int = 60) -> None:
    """Push overlapping circles (plus room for a label below) apart, in place."""
    names = sorted(points)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = points[b][0] - points[a][0], points[b][1] - points[a][1]
                dist = math.hypot(dx, dy) or 1e-3
                need = radii[a] + radii[b] + gap
                if dist < need:
                    push = (need - dist) / 2
                    points[a][0] -= dx / dist * push
                    points[a][1] -= dy / dist * push
                    points[b][0] += dx / dist * push
                    points[b][1] += dy / dist * push
                    moved = True
        if not moved:
            return


def network_svg(nodes: list[Node], edges: list[Edge], width: int = 1040, height: int = 560) -> str:
    """Node area by mentions, colour by type, edge width by co-occurring sentences."""
    nodes, edges = select(nodes, edges)
    if not nodes:
        return ""
    top = max(n.mentions for n in nodes) or 1
    pos = layout([n.id for n in nodes], edges)
    pad_x, pad_y = 90, 40

    radii = {n.id: 4 + 18 * math.sqrt(n.mentions / top) for n in nodes}
    pixels = {name: [pad_x + x * (width - 2 * pad_x), pad_y + y * (height - 2 * pad_y)] for name, (x, y) in pos.items()}
    separate(pixels, radii)

    def xy(name: str) -> Point:
        x, y = pixels[name]
        return min(max(x, pad_x / 2), width - pad_x / 2), min(max(y, pad_y / 2), height - pad_y)

    heaviest = max((e.weight for e in edges), default=1)
    parts = [svg_open(width, height, "Netzwerk der Akteure und Orte", "chart network")]
    for e in reversed(edges):
        (x1, y1), (x2, y2) = xy(e.source), xy(e.target)
        stroke = 0.6 + 4.5 * e.weight / heaviest
        opacity = 0.18 + 0.5 * e.weight / heaviest
        title = esc(f"{e.source} – {e.target}: {e.weight} gemeinsame Sätze in {len(e.documents)} Artikeln")
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#52606d" '
                     f'stroke-width="{stroke:.1f}" stroke-opacity="{opacity:.2f}"><title>{title}</title></line>')
    for n in sorted(nodes, key=lambda n: n.mentions):
        x, y = xy(n.id)
        r = radii[n.id]
        colour = TYPE_COLORS.get(n.type, "#7b8794")
        title = esc(f"{n.label} ({TYPE_LABELS.get(n.type, n.type)}): {n.mentions} Nennungen in {n.documents} Artikeln")
        size = 11 + 3 * math.sqrt(n.mentions / top)
        parts.append(f'<g class="node"><title>{title}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.85" '
                     f'stroke="#fff" stroke-width="1.5"/>'
                     f'<text x="{x:.1f}" y="{y + r + size:.1f}" font-size="{size:.1f}" text-anchor="middle" '
                     f'fill="#1f2933" stroke="#fff" stroke-width="3" paint-order="stroke">'
                     f'{esc(truncate(n.label, 24))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
