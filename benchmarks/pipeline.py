#!/usr/bin/env python3
"""Pipeline throughput: the seed articles replicated to ~500 documents, analyzed
into SQLite on all cores, compared with somajo tokenisation alone (our floor).

usage: .venv/bin/python benchmarks/pipeline.py [--docs 500] [--workers 2] [--corpus DIR]
       .venv/bin/python benchmarks/pipeline.py --distinct [--repeat 3]

Prints articles/s, words/s, peak memory, time per stage and the ratio to somajo.
The HanTa sentence cache is switched off so a copy costs as much as a new article.

--distinct measures the per-document speed on documents that are all different, on one
core, in CPU seconds (steadier than wall time on a shared machine): the gold sets'
articles and the WikiWarsDE narratives cut into ~4,000-character documents, each
analyzed once, against somajo tokenisation alone of the same texts in the same process;
`--repeat` runs that in fresh processes and prints each run. HanTa's per-word-form
cache is on (it is what a worker has after its first documents); LAGEBILD_WORD_CACHE=0
turns it off for a before/after comparison.
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


def distinct_texts() -> list[tuple[str, str | None, str]]:
    """(text, publication date, language) of every distinct document at hand: the gold sets' corpora
    and the WikiWarsDE narratives, cut at paragraphs into ~4,000-character documents."""
    import html
    import re

    from lagebild.ingest import read_file
    from lagebild.model import Document

    shared = ROOT.parent / "shared"
    inputs = [*sorted((shared / "corpus" / "seeds").glob("*.txt")), shared / "corpus" / "excerpts" / "docs.jsonl",
              shared / "corpus" / "quake" / "docs.jsonl", *sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    out = [(d.raw_text, d.published, d.language or "de") for p in inputs for d in read_file(p)
           if isinstance(d, Document)]
    for path in sorted((shared / "peers" / "wikiwarsde" / "keyinline").glob("*.key.xml")):
        body = path.read_text(encoding="utf-8").split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
        text = html.unescape(re.sub(r"</?TIMEX2[^>]*>", "", body))
        chunk: list[str] = []
        for para in text.split("\n\n"):
            chunk.append(para)
            if sum(map(len, chunk)) > 4000:
                out.append(("\n\n".join(chunk), None, "de"))
                chunk = []
        if chunk:
            out.append(("\n\n".join(chunk), None, "de"))
    return out


def distinct_once() -> dict[str, float]:
    """CPU seconds per stage and for somajo alone, every distinct document once, this process."""
    from lagebild.model import Document
    from lagebild.pipeline import STAGES, analyze_text
    from lagebild.text.segment import split_sentences

    texts = distinct_texts()
    analyze_text("Am Montag meldete die Polizei in Berlin rund 300 Verletzte.", published="2024-05-01")  # models
    t0 = time.process_time()
    for text, _, _ in texts:
        split_sentences(text)
    out = {"somajo": time.process_time() - t0, "documents": float(len(texts))}
    for i, (text, published, language) in enumerate(texts):
        doc = Document(id=f"d{i}", source=f"d{i}", raw=text, raw_format="txt", raw_text=text, published=published,
                       language=language)
        for stage in STAGES:
            t0 = time.process_time()
            doc = stage.run(doc)
            out[stage.name] = out.get(stage.name, 0.0) + time.process_time() - t0
    return out


def distinct(repeat: int) -> int:
    import json
    import subprocess

    stages = None
    for _ in range(repeat):
        run = subprocess.run([sys.executable, __file__, "--distinct-once"], check=True, capture_output=True,
                             text=True)
        t = json.loads(run.stdout.strip().splitlines()[-1])
        somajo, docs = t.pop("somajo"), t.pop("documents")
        total = sum(t.values())
        print(f"{docs:.0f} distinct documents, one core: pipeline {total:.2f} s CPU, somajo alone {somajo:.2f} s "
              f"-> {total / somajo:.2f}x somajo")
        stages = t
    assert stages is not None
    print("last run, CPU time per stage as a multiple of somajo alone:")
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:12s} {seconds:6.2f} s  {seconds / somajo:5.2f}x")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--corpus", type=Path, default=SEEDS)
    ap.add_argument("--distinct", action="store_true", help="per-document CPU time on distinct documents")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--distinct-once", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.distinct_once:
        import json

        print(json.dumps(distinct_once()))
        return 0
    if a.distinct:
        return distinct(a.repeat)
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
