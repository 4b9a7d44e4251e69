"""The report as Markdown (for wikis, tickets and diffs): the same content as the HTML
report without charts. Article text is escaped so it cannot inject markup or HTML."""
from __future__ import annotations

import re
from typing import Any

from lagebild.report.svg import num

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """One line of untrusted text, safe inside Markdown (and inside a table cell)."""
    flat = " ".join(str(text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(r) + " |" for r in rows), ""]


def _overview(ctx: dict[str, Any]) -> list[str]:
    s = ctx["summary"]
    names = " · ".join(md(e["canonical"]) for e in ctx["entities"][:3]) or "Lagebild"
    lines = [f"# Lagebild: {names}", "",
             f"{s['documents']} Artikel aus {len(ctx['outlets'])} Quellen, veröffentlicht "
             f"{s['time_span'][0] or '?'} bis {s['time_span'][1] or '?'}; {s['claims']} Zahlenangaben, "
             f"{len(ctx['groups'])} davon in mehreren Quellen, {ctx['status_counts']['conflict']} Widersprüche.", ""]
    for title, key in (("Wer", "people"), ("Organisationen", "organisations"), ("Wo", "places")):
        if ctx[key]:
            lines.append(f"- **{title}:** " + ", ".join(f"{md(e['canonical'])} ({len(e['documents'])})"
                                                        for e in ctx[key]))
    if ctx["key_terms"]:
        lines.append("- **Worum es geht:** " + ", ".join(f"{md(t)} ({n})" for t, n in ctx["key_terms"]))
    return [*lines, ""]


def _figures(ctx: dict[str, Any]) -> list[str]:
    lines = ["## Zahlen im Streit", ""]
    if not ctx["groups"]:
        return [*lines, "Keine Zahl wird von zwei oder mehr Artikeln genannt.", ""]
    for g in ctx["groups"]:
        group = g["group"]
        lines += [f"### {md(group.title or group.measure or group.concept)} — {g['status_label']} ({group.status})", "",
                  md(group.reason), ""]
        lines += _table(["Quelle", "Wert", "Zuschreibung und Stand", "Beleg"],
                        [[md(f.label), md(f.value_text), md(f.attribution()), md(f.claim.get("text"))]
                         for f in g["figures"]])
    return lines


def _timeline(ctx: dict[str, Any]) -> list[str]:
    rows = [[md(t["value"]), md(t["granularity"]), md(t["text"]), md(t["outlet"] or t["doc_id"])]
            for t in ctx["timeline"]]
    return ["## Zeitleiste", "", *_table(["Wann", "Genauigkeit", "Ausdruck", "Quelle"], rows)]


def _documents(ctx: dict[str, Any]) -> list[str]:
    lines = ["## Artikel", ""]
    for entry in ctx["entries"]:
        d = entry.doc
        lines.append(f"- **{md(d.title or d.id)}** — {md(d.outlet or d.id)}, {md(d.published or 'ohne Datum')}, "
                     f"{len(d.claims)} Zahlen")
        for copy in entry.copies:
            lines.append(f"  - Kopie: {md(copy.doc.title or copy.doc.id)} — {md(copy.doc.outlet or copy.doc.id)}")
    return [*lines, ""]


def render(ctx: dict[str, Any]) -> str:
    """The Markdown report from the context `lagebild.report.context` builds."""
    entities = _table(["Name", "Typ", "Artikel", "Nennungen"],
                      [[md(e["canonical"]), e["type"], str(len(e["documents"])), num(e["mentions"])]
                       for e in ctx["entities"][:30]])
    parts = [*_overview(ctx), *_figures(ctx), *_timeline(ctx), "## Akteure und Orte", "", *entities,
             *_documents(ctx), f"_lagebild {md(ctx['version'])}, erstellt {ctx['generated']}_", ""]
    return "\n".join(parts)
