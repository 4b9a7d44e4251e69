#!/usr/bin/env python3
"""Scale: documents through each engine, with articles/s and peak memory per corpus size.

usage: .venv/bin/python benchmarks/scale.py [--sizes 1000 5000] [--engines processes local ray]
                                            [--workers 2] [--pg postgresql://...]

The corpus is one JSONL file of the seed articles, each copy with a numbered line of its
own (so every copy is a new document with its own id and content hash); HanTa's sentence
cache is off, so a copy costs what a new article does.
Each measurement runs in a fresh Python process; it prints the peak resident memory of
the process that runs `analyze` (the driver: reading, checking, writing), as the kernel
counts it (with the pages of the SQLite file it maps: up to 64 MB of page cache and the
memory-mapped database, which grow with the database, not with the run) and its own
data alone (anon MB, sampled every 0.2 s), and of its largest worker (the `processes`
engine's children; Ray's workers are not counted). The
`ray` engine needs PostgreSQL (`--pg`, default $LAGEBILD_TEST_PG from scripts/test-services.sh);
a fresh database is made for every run and dropped after it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ["LAGEBILD_TAG_CACHE"] = "0"  # as in pipeline.py: a copy costs what a new article does

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def write_corpus(path: Path, n: int, corpus: Path) -> int:
    """`n` JSONL records made from the articles in `corpus`; returns the words written."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            title, _, body = texts[i % len(texts)].partition("\n")
            text = f"{title}\n\nMeldung {i} aus dem Archiv.\n{body}"
            words += len(text.split())
            out.write(json.dumps({"id": f"doc{i:07d}", "text": text}, ensure_ascii=False) + "\n")
    return words


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


class AnonPeak:
    """The largest anonymous resident memory (RssAnon: the process's own data, not pages of
    files it maps, such as SQLite's memory-mapped database) seen while it runs, sampled."""

    def __init__(self) -> None:
        import threading

        self.mb, self.done = 0.0, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.done.wait(0.2):
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    self.mb = max(self.mb, int(line.split()[1]) / 1024)

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.mb


def one(path: Path, db: str, engine: str, workers: int) -> dict[str, float]:
    """Analyze `path` into `db` in this process; articles/s and peak memory."""
    from lagebild.api import analyze

    t0 = time.perf_counter()
    anon = AnonPeak()
    corpus = analyze([path], db=db, engine=engine, workers=workers)
    wall = time.perf_counter() - t0
    done = len(corpus.report.analyzed)
    corpus.store.close()
    return {"documents": done, "seconds": wall, "articles_per_s": done / wall,
            "driver_mb": peak_mb(resource.RUSAGE_SELF), "driver_anon_mb": anon.stop(),
            "worker_mb": peak_mb(resource.RUSAGE_CHILDREN)}


def pg_database(base: str) -> Iterator[str]:
    import sqlalchemy as sa

    from lagebild.store.dialect import normalise_url

    name = f"lb_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(path: Path, db: str, engine: str, workers: int) -> dict[str, float]:
    """One run in a fresh interpreter (so peak memory is this run's alone)."""
    cmd = [sys.executable, __file__, "--one", str(path), "--db", db, "--engine", engine, "--workers", str(workers)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{engine} on {path.name} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--engines", nargs="+", default=["processes"], choices=["local", "processes", "ray"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=SEEDS)
    ap.add_argument("--pg", default=os.environ.get("LAGEBILD_TEST_PG"))
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one, a.db, a.engine, a.workers)))
        return 0
    print(f"{'engine':10s} {'documents':>9s} {'words':>10s} {'seconds':>8s} {'art/s':>6s} "
          f"{'driver MB':>9s} {'anon MB':>8s} {'worker MB':>9s}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            path = Path(tmp) / f"corpus{n}.jsonl"
            words = write_corpus(path, n, a.corpus)
            for engine in a.engines:
                if engine == "ray":
                    if not a.pg:
                        print("ray: no PostgreSQL server (--pg or LAGEBILD_TEST_PG); skipped")
                        continue
                    for db in pg_database(a.pg):
                        r = measure(path, db, engine, a.workers)
                else:
                    r = measure(path, f"sqlite:///{tmp}/{engine}{n}.db", engine, a.workers)
                worker = "-" if engine == "ray" else f"{r['worker_mb']:.0f}"
                print(f"{engine:10s} {int(r['documents']):9d} {words:10,d} {r['seconds']:8.1f} "
                      f"{r['articles_per_s']:6.1f} {r['driver_mb']:9.0f} {r['driver_anon_mb']:8.0f} {worker:>9s}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
