"""Fuzz `lagebild analyze` with N hostile inputs in one corpus (issue 14).

Usage: python scripts/fuzz.py N [--seed S] [--workers W] [--time-limit T] [--keep DIR]

Generates N inputs of every kind of trouble (tests/hostile.py: encodings, byte-order
marks, NULs, lone surrogates, long runs and blobs, deep JSON, wrong field types, bad
dates and languages, formula cells, garbage HTML; plus randomly mutated and re-encoded
articles, JSONL files mixing good and bad records, and file-system oddities), runs
`lagebild analyze` on them once as a separate process, and prints:

  crashes    runs that ended with a traceback or exit code >= 2 (must be 0)
  contained  stage exceptions the boundary caught (bugs to fix, counted per stage)
  hangs      documents stopped at the per-document time limit
  memory     peak resident memory of the largest lagebild process
  lost       inputs that became neither a document nor a recorded failure (must be 0)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import HOSTILE, article, record  # noqa: E402

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251", "iso-8859-7")


def _mutated(rnd: random.Random) -> tuple[str, bytes]:
    data = bytearray(article(rnd.randint(0, 10_000)).encode())
    for _ in range(rnd.randint(1, 40)):
        at = rnd.randrange(len(data) or 1)
        action = rnd.random()
        if action < 0.4:
            data[at:at] = rnd.randbytes(rnd.randint(1, 8))
        elif action < 0.7 and data:
            data[at] = rnd.randrange(256)
        else:
            del data[at:at + rnd.randint(1, 20)]
    return "mutated.txt", bytes(data)


def _encoded(rnd: random.Random) -> tuple[str, bytes]:
    text = article(rnd.randint(0, 10_000))
    encoding = rnd.choice(ENCODINGS)
    return f"enc-{encoding}.txt", text.encode(encoding, errors="replace")


def _jsonl_mixed(rnd: random.Random) -> tuple[str, bytes]:
    lines = []
    for _ in range(rnd.randint(2, 6)):
        if rnd.random() < 0.6:
            lines.append(record(rnd.randint(0, 10_000)).encode())
        else:
            name, data = rnd.choice([HOSTILE[k] for k in HOSTILE if k.endswith(("json", "list", "surrogate",
                                                                                "nul", "outlet", "fields",
                                                                                "date", "language", "object"))])(rnd)
            lines.append(data.rstrip(b"\n").split(b"\n")[0])
    return "mixed.jsonl", b"\n".join(lines) + b"\n"


def _json_value(rnd: random.Random, depth: int = 0) -> object:
    kind = rnd.randrange(7 if depth < 4 else 5)
    if kind == 0:
        return rnd.choice([None, True, False, rnd.random() * 1e9, -rnd.randint(0, 10**20)])
    if kind == 1:
        return "".join(chr(rnd.randint(1, 0x2FFF)) for _ in range(rnd.randint(0, 50)))
    if kind == 2:
        return article(rnd.randint(0, 99))
    if kind in (3, 4):
        return rnd.choice(["", "2024-05-01", "de", "en", "https://example.org/a", "=1+1", "\u0000"])
    if kind == 5:
        return [_json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    fields = ["id", "text", "title", "outlet", "url", "language", "published", "html", "x"]
    return {rnd.choice(fields): _json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 5))}


def _random_json(rnd: random.Random) -> tuple[str, bytes]:
    lines = [json.dumps(_json_value(rnd) if rnd.random() < 0.5 else
                        {"id": f"r{rnd.randint(0, 9999)}", "text": _json_value(rnd, 1)})
             for _ in range(rnd.randint(1, 4))]
    return "random.jsonl", ("\n".join(lines) + "\n").encode()


def _good(rnd: random.Random) -> tuple[str, bytes]:
    return "article.txt", article(rnd.randint(0, 100_000)).encode()


KINDS = {**HOSTILE, "mutated": _mutated, "encoded": _encoded, "jsonl_mixed": _jsonl_mixed,
         "random_json": _random_json, "good": _good}


def _expected_sources(path: Path) -> list[str]:
    """What must come back for one generated file: the file, or one source per JSONL line."""
    if path.suffix != ".jsonl":
        return [str(path)]
    lines = path.read_bytes().split(b"\n")
    return [f"{path}:{n}" for n, line in enumerate(lines, start=1) if line.strip()]


def generate(folder: Path, n: int, seed: int) -> tuple[dict[str, list[str]], Counter[str]]:
    """N inputs in subfolders of 100; file -> the sources it must give, and counts per kind."""
    rnd = random.Random(seed)
    kinds = sorted(KINDS)
    expected: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    for i in range(n):
        kind = "good" if rnd.random() < 0.25 else rnd.choice(kinds)
        name, data = KINDS[kind](rnd)
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:05d}-{name}"[:250]
        path.write_bytes(data)
        expected[str(path)] = _expected_sources(path)
        counts[kind] += 1
    odd = folder / "odd"
    odd.mkdir()
    (odd / "loop").symlink_to(folder, target_is_directory=True)
    (odd / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(odd / "pipe.txt")
    with open(odd / "sparse.txt", "wb") as f:
        f.truncate(200_000_000)
    for path in ("dangling.txt", "pipe.txt", "sparse.txt"):  # the link to a folder is reported as skipped
        expected[str(odd / path)] = [str(odd / path)]
    return expected, counts


def analyze(folder: Path, db: str, workers: int, time_limit: float) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "analyze", str(folder), "--db", db,
                           "--workers", str(workers), "--time-limit", str(time_limit), "--quiet"],
                          capture_output=True, text=True)
    return proc, time.monotonic() - started


def outcomes(db: str) -> tuple[set[str], list[dict[str, str]], list[dict[str, str]]]:
    """(sources of documents, failed documents, recorded failures)."""
    from lagebild.store import Store

    store = Store(db)
    rows = store.document_rows()
    failures = store.failures()
    store.close()
    return {r["source"] for r in rows}, [r for r in rows if r["status"] != "ok"], failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lagebild-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        expected, counts = generate(folder / "inputs", args.n, args.seed)
        db = f"sqlite:///{folder / 'fuzz.db'}"
        proc, seconds = analyze(folder / "inputs", db, args.workers, args.time_limit)
        docs, failed_docs, failures = outcomes(db)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    crashed = proc.returncode not in (0, 1) or "Traceback" in proc.stderr
    hangs = [d for d in failed_docs if "time limit" in (d["error"] or "")]
    unread = [d for d in failed_docs if "is not supported" in (d["error"] or "")]  # kept, on purpose
    contained = [d for d in failed_docs if d not in hangs and d not in unread]
    recorded = {f["source"] for f in failures}
    seen = docs | recorded
    lost = [s for file, sources in expected.items() if file not in recorded for s in sources if s not in seen]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"inputs     {args.n} generated files + 4 file-system oddities (a folder link is only skipped) "
          f"({sum(len(v) for v in expected.values())} documents expected), seed {args.seed}")
    print(f"kinds      {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}")
    print(f"run        exit code {proc.returncode} in {seconds:.0f} s ({args.workers} workers, "
          f"time limit {args.time_limit:g} s per document)")
    print(f"outcome    {len(docs) - len(failed_docs)} analyzed, {len(failures)} inputs refused with a reason, "
          f"{len(failed_docs)} documents failed in a stage")
    print(f"refused    {', '.join(f'{k} {v}' for k, v in Counter(f['stage'] for f in failures).most_common())}")
    print(f"unread     {len(unread)} documents in a language lagebild has no folder for (kept with their text)")
    print(f"crashes    {int(crashed)}")
    print(f"contained  {len(contained)}" + "".join(f"\n           {d['source']}: {d['error']}" for d in contained[:20]))
    print(f"hangs      {len(hangs)}" + "".join(f"\n           {d['source']}: {d['error']}" for d in hangs[:20]))
    print(f"memory     {peak_mb:.0f} MB peak (largest lagebild process)")
    print(f"lost       {len(lost)}" + "".join(f"\n           {s}" for s in lost[:20]))
    if crashed:
        print(proc.stderr[-3000:])
    return 1 if crashed or lost else 0


if __name__ == "__main__":
    sys.exit(main())
