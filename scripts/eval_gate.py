#!/usr/bin/env python3
"""Accuracy as a CI gate over every gold set the project has, each reported separately.

For each set (seeds, excerpts, quake, examples) the gate analyzes the set's corpus with
the real command line (`lagebild analyze`, `lagebild export --format jsonl`), scores the
export with ../shared/tools/score.py against the set's gold, and compares every metric
with its floor in tests/eval_baseline.json. It fails only when a metric falls below its
floor, and then names the set, the metric, the floor and the value.

How floors are set: a floor sits a margin below the value measured when it was set,
0.03 on a set with fewer than 30 gold claims and 0.02 otherwise (the claim count is read
from the set's gold.jsonl). Floors are never raised automatically: `--propose` only
prints the floors today's scores would give (value minus margin). A person copies the
ones they want into tests/eval_baseline.json by hand, in a commit of its own. Lowering a
floor requires a written reason in that commit's message (which change costs what, and
why it is worth it). Gold files change only in their own commit with the reason, never
together with the code they make pass.

Where the gold gives a group a status (agree / differ / conflict), the gate also checks
that the group's claims land in one system group with that status (`groups.status_acc`,
computed here, not by the official scorer), with a floor like any other metric.

usage: .venv/bin/python scripts/eval_gate.py [SET ...] [--propose]

examples:
  .venv/bin/python scripts/eval_gate.py              # all four sets, compared with the floors
  .venv/bin/python scripts/eval_gate.py quake        # one set
  .venv/bin/python scripts/eval_gate.py --propose    # print proposed floors; changes nothing
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
BASELINE = ROOT / "tests" / "eval_baseline.json"
METRICS = ("boilerplate.f1", "claims.f1", "claims.unit_acc", "claims.source_acc", "claims.hedge_acc", "times.f1",
           "entities.f1", "entities.type_acc", "groups.f1")
STATUS = "groups.status_acc"
SMALL_SET = 30  # a set with fewer gold claims than this gets the wider margin
MARGIN_SMALL, MARGIN = 0.03, 0.02
HOW_TO_CHANGE = ("Floors are never raised automatically. Copy the floors you want into tests/eval_baseline.json "
                 "by hand, in a commit of its own; lowering a floor needs a written reason in the commit message.")


@dataclass(frozen=True)
class GoldSet:
    """A corpus and its hand-made gold (gold.jsonl, groups.jsonl)."""

    name: str
    corpus: Path
    gold: Path


SETS = (
    GoldSet("seeds", SHARED / "corpus" / "seeds", SHARED / "gold"),
    GoldSet("excerpts", SHARED / "corpus" / "excerpts" / "docs.jsonl", SHARED / "gold" / "excerpts"),
    GoldSet("quake", SHARED / "corpus" / "quake" / "docs.jsonl", SHARED / "gold" / "quake"),
    GoldSet("examples", ROOT / "examples" / "corpus", ROOT / "examples" / "gold"),
)
BY_NAME = {s.name: s for s in SETS}


@dataclass
class Measured:
    """What one run of a set gives: flat metrics and the status misses behind `groups.status_acc`."""

    metrics: dict[str, float]
    status_misses: list[str] = field(default_factory=list)


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def claim_count(gold: Path) -> int:
    """The number of gold claims in a gold directory's gold.jsonl."""
    return sum(len(doc.get("claims", [])) for doc in read_jsonl(gold / "gold.jsonl"))


def margin_for(claims: int) -> float:
    """The distance between a floor and the value it was set from, by the set's gold claim count."""
    return MARGIN_SMALL if claims < SMALL_SET else MARGIN


def propose_floors(metrics: dict[str, float], set_margin: float) -> dict[str, float]:
    """Each metric's value minus the margin, never below 0."""
    return {key: max(0.0, round(value - set_margin, 3)) for key, value in metrics.items()}


def below_floors(name: str, metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per metric under its floor (a metric that was not measured counts as under)."""
    problems = []
    for key, floor in sorted(floors.items()):
        value = metrics.get(key)
        if value is None:
            problems.append(f"{name} {key}: not measured, floor {floor:.3f}")
        elif value + 1e-9 < floor:
            problems.append(f"{name} {key}: {value:.3f} is below its floor {floor:.3f}")
    return problems


def analyze_and_export(corpus: Path, workdir: Path) -> Path:
    """The real CLI path: analyze into a fresh SQLite database, export JSONL."""
    db = f"sqlite:///{workdir / 'gate.db'}"
    export = workdir / "export.jsonl"
    lagebild = [sys.executable, "-m", "lagebild.cli"]
    subprocess.run([*lagebild, "analyze", str(corpus), "--db", db, "--quiet", "--workers", "1"], check=True)
    subprocess.run([*lagebild, "export", "--db", db, "--format", "jsonl", "-o", str(export)], check=True,
                   capture_output=True)
    return export


def official_scores(export: Path, gold: Path) -> dict[str, float]:
    """The official scorer's metrics, flattened to `section.metric`."""
    out = subprocess.run([sys.executable, str(SCORER), str(export), str(gold), "--json"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    flat = {}
    for key in METRICS:
        section, metric = key.split(".")
        if metric in result.get(section, {}):
            flat[key] = float(result[section][metric])
    return flat


def status_misses(export: Path, gold: Path) -> tuple[int, list[str]]:
    """Gold groups that carry a status: how many there are, and those whose members do not
    all fall into one system group with that status."""
    wanted = [g for g in read_jsonl(gold / "groups.jsonl") if g.get("status")]
    rows = read_jsonl(export)
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


def measure(gold_set: GoldSet, workdir: Path) -> Measured:
    """Analyze, export and score one set; add the status check where gold carries statuses."""
    export = analyze_and_export(gold_set.corpus, workdir)
    metrics = official_scores(export, gold_set.gold)
    total, misses = status_misses(export, gold_set.gold)
    if total:
        metrics[STATUS] = round((total - len(misses)) / total, 3)
    return Measured(metrics, misses)


def load_floors(path: Path = BASELINE) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def report(name: str, measured: Measured, floors: dict[str, float], claims: int) -> list[str]:
    """A small table: metric, value, floor, and the floor today's value would propose."""
    set_margin = margin_for(claims)
    lines = [f"{name}: {claims} gold claims, margin {set_margin:.2f}",
             f"  {'metric':20s} {'value':>6s} {'floor':>6s} {'proposed':>8s}"]
    proposed = propose_floors(measured.metrics, set_margin)
    for key, value in measured.metrics.items():
        floor = f"{floors[key]:.3f}" if key in floors else "-"
        lines.append(f"  {key:20s} {value:6.3f} {floor:>6s} {proposed[key]:8.3f}")
    lines += [f"  status miss: {miss}" for miss in measured.status_misses]
    return lines


def run(sets: Iterable[GoldSet], measure_set: Callable[[GoldSet, Path], Measured], floors: dict[str, dict[str, float]],
        propose: bool) -> int:
    """Measure each set, print its table and what is below a floor; return 1 when something is
    (with `propose`, print the proposed floors instead and return 0; nothing is written)."""
    problems: list[str] = []
    proposals: dict[str, dict[str, float]] = {}
    for gold_set in sets:
        name = gold_set.name
        claims = claim_count(gold_set.gold)
        with tempfile.TemporaryDirectory() as tmp:
            measured = measure_set(gold_set, Path(tmp))
        print("\n".join(report(name, measured, floors.get(name, {}), claims)))
        problems += below_floors(name, measured.metrics, floors.get(name, {}))
        proposals[name] = propose_floors(measured.metrics, margin_for(claims))
    for problem in problems:
        print("BELOW FLOOR:", problem)
    if propose:
        print("proposed floors (value minus margin):")
        print(json.dumps(proposals, indent=2, sort_keys=True))
        print(HOW_TO_CHANGE)
        return 0
    return 1 if problems else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join((__doc__ or "").splitlines()[2:]))
    ap.add_argument("sets", nargs="*", metavar="SET", help=f"gold sets to run (default: all): {', '.join(BY_NAME)}")
    ap.add_argument("--propose", action="store_true",
                    help="print the floors today's scores would give; never writes tests/eval_baseline.json")
    ap.add_argument("--update", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    unknown = [name for name in args.sets if name not in BY_NAME]
    if unknown:
        ap.error(f"unknown set {', '.join(unknown)}; choose from {', '.join(BY_NAME)}")
    if args.update:
        ap.error("--update is gone: floors are not raised automatically. Run --propose and edit "
                 "tests/eval_baseline.json by hand, in a commit of its own.")
    return args


def main(argv: list[str] | None = None, measure_set: Callable[[GoldSet, Path], Measured] = measure,
         baseline: Path = BASELINE) -> int:
    args = parse_args(argv)
    return run([BY_NAME[name] for name in args.sets or BY_NAME], measure_set, load_floors(baseline), args.propose)


if __name__ == "__main__":
    sys.exit(main())
