"""Exports: JSONL (the contract in DESIGN.md, scored by shared/tools/score.py) and CSV (cells a
spreadsheet would run as a formula are escaped)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from lagebild.model import Document

# claims.csv: the claim with its document, its sentence, and the group it belongs to (if any)
CLAIM_COLUMNS = ("id", "doc_id", "title", "outlet", "url", "published", "text", "sentence_text", "value", "value_max",
                 "approx", "bound_side", "vague", "unit", "measure", "measure_lemma", "source", "hedged", "hedge",
                 "hedge_reason", "time", "group_id", "status", "sentence", "start", "end")
ENTITY_COLUMNS = ("canonical", "type", "documents", "mentions", "aliases")
# groups.csv: one row a claim group; `high_claim`/`low_claim` are the two figures its status compares
GROUP_COLUMNS = ("id", "status", "unit", "concept", "measure", "members", "documents", "basis", "high_claim",
                 "low_claim", "gap", "tolerance", "reason")
DOCUMENT_COLUMNS = ("id", "title", "outlet", "language", "published", "url", "status", "claims", "entities")


def document_record(doc: Document) -> dict[str, Any]:
    """One document line of the JSONL export."""
    sentence_text = {s.index: s.text for s in doc.sentences}
    return {
        "kind": "document",
        "id": doc.id,
        "source": doc.source,
        "outlet": doc.outlet,
        "language": doc.language,
        "title": doc.title,
        "published": doc.published,
        "url": doc.url,
        "status": doc.meta.get("status", "ok"),
        "error": doc.meta.get("error"),
        "text": doc.text,
        "removed_lines": doc.removed_lines,
        "removed": [{"line": ln.number, "reason": ln.reason} for ln in doc.lines if not ln.keep and ln.text.strip()],
        "entities": [{"canonical": e.canonical, "type": e.type, "confidence": round(e.confidence, 2),
                      "aliases": e.aliases,
                      "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions]}
                     for e in doc.entities],
        "times": [{"text": t.text, "value": t.value, "kind": t.kind, "type": t.type, "anchor": t.anchor,
                   "start": t.start, "end": t.end} for t in doc.times],
        "claims": [{"id": c.id, "text": c.text, "value": c.value, "value_max": c.value_max, "approx": c.approx,
                    "vague": c.vague, "unit": c.unit, "measure": c.measure, "measure_lemma": c.measure_lemma,
                    "source": c.source, "hedged": c.hedged, "hedge": c.hedge,
                    "hedge_reason": c.hedge_reason, "time": c.time, "place": c.place,
                    "sentence": sentence_text.get(c.sentence, ""), "start": c.start, "end": c.end}
                   for c in doc.claims],
        "events": [{"kind": e.kind, "trigger": e.trigger, "participants": e.participants, "place": e.place,
                    "time": e.time, "sentence": sentence_text.get(e.sentence, ""), "start": e.start, "end": e.end}
                   for e in doc.events],
    }


def jsonl_lines(docs: Iterable[Document], groups: Iterable[dict[str, Any]] = ()) -> Iterator[str]:
    for doc in docs:
        yield json.dumps(document_record(doc), ensure_ascii=False)
    for group in groups:
        yield json.dumps({"kind": "group", **group}, ensure_ascii=False)


def write_jsonl(out: IO[str], docs: Iterable[Document], groups: Iterable[dict[str, Any]] = ()) -> int:
    n = 0
    for line in jsonl_lines(docs, groups):
        out.write(line + "\n")
        n += 1
    return n


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# a file named "=cmd.txt" or an outlet "@SUM(...)" must arrive as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with a leading apostrophe when a spreadsheet would evaluate it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    return {c: safe_cell(row.get(c)) for c in columns}


def _write_csv(out: IO[str], columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(safe_row(row, columns))
        n += 1
    return n


def write_claims_csv(out: IO[str], claim_rows: Iterable[dict[str, Any]]) -> int:
    return _write_csv(out, CLAIM_COLUMNS, claim_rows)


def group_row(group: Any) -> dict[str, Any]:
    """A `reconcile.groups.ClaimGroup` as a groups.csv row."""
    basis = group.basis
    return {"id": group.id, "status": group.status, "unit": group.unit, "concept": group.concept,
            "measure": group.measure, "members": len(group.claims),
            "documents": len({c["doc_id"] for c in group.claims}), "basis": basis.kind if basis else "",
            "high_claim": basis.high.get("id") if basis else "", "low_claim": basis.low.get("id") if basis else "",
            "gap": round(basis.gap, 4) if basis else "", "tolerance": basis.tolerance if basis else "",
            "reason": group.reason}


def write_groups_csv(out: IO[str], groups: Iterable[Any]) -> int:
    return _write_csv(out, GROUP_COLUMNS, (group_row(g) for g in groups))


def write_entities_csv(out: IO[str], entity_rows: Iterable[dict[str, Any]]) -> int:
    flat = ({**row, "documents": " ".join(row["documents"]), "aliases": " | ".join(row["aliases"])}
            for row in entity_rows)
    return _write_csv(out, ENTITY_COLUMNS, flat)
