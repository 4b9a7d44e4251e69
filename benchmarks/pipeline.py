#!/usr/bin/env python3
"""Pipeline throughput: the seed articles replicated to ~500 documents, analyzed
into SQLite on all cores, compared with somajo tokenisation alone (our floor).

usage: .venv/bin/python benchmarks/pipeline.py [--docs 500] [--workers 2] [--corpus DIR]

Prints articles/s, words/s, peak memory, time per stage and the ratio to somajo.
The HanTa sentence cache is switched off so a copy costs as much as a new article.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ["LAGEBILD_TAG_CACHE"] = "0"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def replicate(src: Path, dest: Path, n: int) -> list[Path]:
    files = sorted(p for p in src.iterdir() if p.suffix == ".txt")
    out = []
    for i in range(n):
        f = files[i % len(files)]
        target = dest / f"{f.stem}_copy{i:04d}.txt"
        shutil.copyfile(f, target)
        out.append(target)
    return out


def _somajo_chunk(texts: list[str]) -> int:
    from lagebild.text.segment import split_sentences

    return sum(len(split_sentences(t)) for t in texts)


def somajo_only(texts: list[str], workers: int) -> float:
    t0 = time.perf_counter()
    chunks = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_somajo_chunk, chunks))
    return time.perf_counter() - t0


def stage_times(paths: list[Path]) -> dict[str, float]:
    """Per-stage seconds for a sample, in this process (one core)."""
    from lagebild.ingest import read_file
    from lagebild.pipeline import process

    timings: dict[str, float] = {}
    for path in paths:
        t0 = time.perf_counter()
        docs = list(read_file(path))
        timings["read"] = timings.get("read", 0.0) + time.perf_counter() - t0
        for doc in docs:
            process(doc, timings)
    return timings


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--corpus", type=Path, default=SEEDS)
    a = ap.parse_args()
    from lagebild.api import analyze

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = replicate(a.corpus, folder, a.docs)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)

        t0 = time.perf_counter()
        corpus = analyze([folder], db=f"sqlite:///{tmp}/bench.db", workers=a.workers)
        wall = time.perf_counter() - t0
        assert len(corpus.report.analyzed) == a.docs, corpus.report
        base = somajo_only(texts, a.workers)
        sample = stage_times(paths[: min(25, len(paths))])

    total = sum(sample.values())
    print(f"documents            {a.docs} ({words} words), {a.workers} workers")
    print(f"wall time            {wall:.1f} s (read + analyze + store)")
    print(f"articles/s           {a.docs / wall:.1f}")
    print(f"words/s              {words / wall:,.0f}")
    print(f"peak memory          {peak_mb():.0f} MB (largest process)")
    print(f"somajo alone         {base:.1f} s on {a.workers} workers -> lagebild is {wall / base:.1f}x somajo")
    print("time per stage (sample of 25 documents, one core):")
    for name, seconds in sorted(sample.items(), key=lambda kv: -kv[1]):
        print(f"  {name:10s} {seconds / min(25, a.docs) * 1000:7.1f} ms/doc  {100 * seconds / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
