#!/usr/bin/env python3
"""Developer shortcut: run the per-document pipeline on a gold corpus without the
store and score it with the official scorer. The real path is
`lagebild analyze` + `lagebild export --format jsonl` + ../shared/tools/score.py.

usage: .venv/bin/python scripts/dev_score.py [--corpus DIR] [--gold DIR] [--dump FILE] [--docs ID,...]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from lagebild.model import Document
from lagebild.pipeline import process

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent / "shared"


def read(path: Path) -> Document:
    try:
        from lagebild.ingest import read_file  # the real reader, once it exists
        docs = [d for d in read_file(path) if not isinstance(d, Exception)]
        return docs[0]
    except ImportError:
        text = path.read_text(encoding="utf-8")
        return Document(id=path.stem, source=str(path), raw=text, raw_format="txt", raw_text=text, language="de")


def to_json(doc: Document) -> dict:
    return {
        "kind": "document", "id": doc.id, "published": doc.published, "removed_lines": doc.removed_lines,
        "text": doc.text,
        "entities": [{"canonical": e.canonical, "type": e.type,
                      "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions]}
                     for e in doc.entities],
        "times": [{"text": t.text, "value": t.value, "start": t.start, "end": t.end} for t in doc.times],
        "claims": [{"id": c.id or f"{doc.id}:c{i}", "text": c.text, "value": c.value, "value_max": c.value_max,
                    "approx": c.approx, "vague": c.vague, "unit": c.unit, "measure": c.measure, "source": c.source,
                    "hedged": c.hedged, "start": c.start, "end": c.end} for i, c in enumerate(doc.claims)],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "seeds"))
    ap.add_argument("--gold", default=str(SHARED / "gold"))
    ap.add_argument("--dump", help="also write the export JSONL here")
    ap.add_argument("--docs")
    a = ap.parse_args()
    rows = []
    for path in sorted(Path(a.corpus).iterdir()):
        if path.suffix in (".txt", ".html"):
            rows.append(to_json(process(read(path))))
    out = a.dump or tempfile.mktemp(suffix=".jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SHARED / "tools" / "score.py"), out, a.gold]
    if a.docs:
        cmd += ["--docs", a.docs]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
