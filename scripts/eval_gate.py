#!/usr/bin/env python3
"""Accuracy as a CI gate: analyze a gold corpus, export JSONL, score it with
../shared/tools/score.py and compare with the floors in tests/eval_baseline.json.

usage: .venv/bin/python scripts/eval_gate.py [seeds|examples] [--update]

`--update` raises a floor to what is reached now; it never lowers one.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "tests" / "eval_baseline.json"
CORPORA = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "gold"),
    "examples": (ROOT / "examples" / "corpus", ROOT / "examples" / "gold"),
}
METRICS = ("boilerplate.f1", "claims.f1", "claims.unit_acc", "claims.source_acc", "claims.hedge_acc", "times.f1",
           "entities.f1", "entities.type_acc", "groups.f1")


def score(corpus: str, workdir: Path) -> dict[str, float]:
    """Run the real CLI path and the official scorer; return flat metrics."""
    src, gold = CORPORA[corpus]
    db = f"sqlite:///{workdir / 'gate.db'}"
    export = workdir / "export.jsonl"
    lagebild = [sys.executable, "-m", "lagebild.cli"]
    subprocess.run([*lagebild, "analyze", str(src), "--db", db, "--quiet", "--workers", "1"], check=True)
    subprocess.run([*lagebild, "export", "--db", db, "--format", "jsonl", "-o", str(export)], check=True,
                   capture_output=True)
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(export), str(gold), "--json"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    flat = {}
    for key in METRICS:
        section, metric = key.split(".")
        if section in result:
            flat[key] = float(result[section][metric])
    return flat


def status_misses(corpus: str, workdir: Path) -> tuple[int, list[str]]:
    """Gold groups that carry a status: how many there are, and those whose members do not
    all fall into one system group with that status (reads the export `score` wrote)."""
    _, gold = CORPORA[corpus]
    path = gold / "groups.jsonl"
    wanted = [g for g in map(json.loads, path.read_text().splitlines()) if g.get("status")] if path.exists() else []
    rows = [json.loads(line) for line in (workdir / "export.jsonl").read_text().splitlines()]
    claims: dict[tuple[str, float], list[str]] = {}
    for d in rows:
        for c in d.get("claims", []) if d.get("kind") == "document" else []:
            claims.setdefault((d["id"], float(c["value"])), []).append(str(c["id"]))
    groups = [(set(map(str, d["claims"])), d["status"]) for d in rows if d.get("kind") == "group"]
    misses = []
    for g in wanted:
        ids = [set(claims.get((doc, float(value)), [])) for doc, value in g["members"]]
        home = [(members, state) for members, state in groups if all(i & members for i in ids)]
        if not home:
            misses.append(f"{g['group']}: members not in one group")
        elif home[0][1] != g["status"]:
            misses.append(f"{g['group']}: {home[0][1]}, gold {g['status']}")
    return len(wanted), misses


def check(corpus: str, metrics: dict[str, float]) -> list[str]:
    floors = json.loads(BASELINE.read_text())[corpus]
    return [f"{corpus} {k}: {metrics.get(k, 0.0):.3f} < floor {v:.3f}" for k, v in floors.items()
            if metrics.get(k, 0.0) + 1e-9 < v]


def update(corpus: str, metrics: dict[str, float]) -> dict[str, float]:
    data = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    floors = data.setdefault(corpus, {})
    for k, v in metrics.items():
        floors[k] = max(floors.get(k, 0.0), round(v - 0.005, 3))  # never lower; a hair of slack for rounding
    BASELINE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return floors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="seeds", choices=sorted(CORPORA))
    ap.add_argument("--update", action="store_true", help="raise floors to the current scores (never lowers)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        metrics = score(a.corpus, Path(tmp))
        total, misses = status_misses(a.corpus, Path(tmp))
    for k, v in metrics.items():
        print(f"{k:20s} {v:.3f}")
    if total:
        print(f"group status right on {total - len(misses)}/{total}")
        for miss in misses:
            print("  STATUS:", miss)
    if a.update:
        print("floors:", json.dumps(update(a.corpus, metrics), sort_keys=True))
        return 0
    problems = check(a.corpus, metrics)
    for p in problems:
        print("BELOW FLOOR:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
