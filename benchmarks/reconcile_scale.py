#!/usr/bin/env python3
"""Reconciliation at scale: claim grouping and near-duplicate detection on synthetic
corpora of 1k, 10k and 100k documents, to show the cost per claim stays flat.

usage: .venv/bin/python benchmarks/reconcile_scale.py [--sizes 1000,10000,100000] [--dup-sizes 1000,10000]
                                                      [--seed 7] [--cluster]

The base claims come from analyzing examples/corpus once into a temporary SQLite
store (`lagebild.api.analyze`, then `corpus.claims()`). A synthetic document copies
the claims of one base document (round robin) under a new id and a random outlet,
with every figure scaled by one random factor in [0.7, 1.3] (unit, measure and lemma
kept), so the blocks grow with the corpus exactly as a real story's would.

`group_claims` is timed on each size; `near_duplicates` on texts built from the
base articles' sentences: each synthetic article draws sentences at random (with its
numbers varied), and every tenth is an edited copy of an earlier one, so the
expected copies are known and precision/recall are printed too. `--cluster` adds the
adversarial case where every article is a copy of one of 14 originals.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
VARIATION = 0.30
COPY_EVERY = 10  # every tenth synthetic article is an edited copy of an earlier one
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def base_corpus(tmp: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """Claims, language per document and cleaned text per document of the example corpus."""
    from lagebild.api import analyze

    corpus = analyze([EXAMPLES], db=f"sqlite:///{tmp / 'base.db'}")
    docs = corpus.documents
    return corpus.claims(), {d.id: d.language or "de" for d in docs}, {d.id: d.text for d in docs}


def synthetic_claims(base: Sequence[dict[str, Any]], languages: dict[str, str], n_docs: int,
                     rng: random.Random) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """`n_docs` documents' claims, each document a varied copy of one base document's claims."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in base:
        by_doc.setdefault(c["doc_id"], []).append(c)
    templates = sorted(by_doc.items())
    outlets = [f"Outlet {k:03d}" for k in range(max(10, n_docs // 50))]
    claims: list[dict[str, Any]] = []
    langs: dict[str, str] = {}
    for i in range(n_docs):
        base_id, members = templates[i % len(templates)]
        doc_id = f"syn{i:06d}-{base_id}"
        langs[doc_id] = languages.get(base_id, "de")
        factor = rng.uniform(1 - VARIATION, 1 + VARIATION)
        outlet = rng.choice(outlets)
        for n, c in enumerate(members):
            value_max = c.get("value_max")
            claims.append({**c, "id": f"{doc_id}:c{n}", "doc_id": doc_id, "outlet": outlet, "idx": n,
                           "value": round(float(c["value"]) * factor, 2),
                           "value_max": None if value_max is None else round(float(value_max) * factor, 2)})
    return claims, langs


def vary_numbers(sentence: str, rng: random.Random) -> str:
    return _NUMBER.sub(lambda m: str(max(1, round(int(re.sub(r"\D", "", m.group(0))[:6] or 1)
                                                    * rng.uniform(1 - VARIATION, 1 + VARIATION)))), sentence)


def edited_copy(text: str, rng: random.Random) -> str:
    """A syndicated copy: one sentence dropped, a new first line (dateline / credit)."""
    sentences = _SENTENCE.split(text)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences))]
    return f"(Agentur {rng.randrange(1000)}) " + " ".join(sentences)


def synthetic_texts(base_texts: dict[str, str], n_docs: int, rng: random.Random,
                    cluster: bool = False) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Articles and the copies among them (copy id -> the id it copies).

    Normal mode: each article is 12 random sentences of the base articles with varied
    numbers; every COPY_EVERY-th is an edited copy of an earlier article. Cluster mode:
    every article is an edited copy of one of the base articles (the worst case for LSH).
    """
    originals = sorted(base_texts.items())
    pool = [s for _, t in originals for s in _SENTENCE.split(t) if len(s.split()) >= 5]
    texts: list[tuple[str, str]] = []
    expected: dict[str, str] = {}
    for i in range(n_docs):
        doc_id = f"txt{i:06d}"
        if cluster:
            texts.append((doc_id, edited_copy(originals[i % len(originals)][1], rng)))
            continue
        if i % COPY_EVERY == COPY_EVERY - 1:
            j = rng.randrange(len(texts))
            source = texts[j][0]
            texts.append((doc_id, edited_copy(texts[j][1], rng)))
            expected[doc_id] = expected.get(source, source)
        else:
            texts.append((doc_id, " ".join(vary_numbers(s, rng) for s in rng.sample(pool, 12))))
    return texts, expected


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    """The result and the best wall time of `repeat` runs."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return out, best


def repeats(n_docs: int) -> int:
    """Best of 5 on small corpora (noise), a single run on the largest."""
    return 5 if n_docs <= 1000 else 3 if n_docs <= 10000 else 1


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_groups(base: list[dict[str, Any]], languages: dict[str, str], sizes: Sequence[int],
                 seed: int) -> list[str]:
    from lagebild.reconcile.groups import group_claims

    lines = [f"{'documents':>10s} {'claims':>9s} {'groups':>7s} {'seconds':>8s} {'us/claim':>9s} "
             f"{'vs first':>9s}  statuses"]
    group_claims(base, languages)  # load the lexicons outside the timed runs
    first = None
    for n in sizes:
        claims, langs = synthetic_claims(base, languages, n, random.Random(seed))
        groups, seconds = timed(partial(group_claims, claims, langs), repeats(n))
        per_claim = seconds / len(claims) * 1e6
        first = first or per_claim
        statuses: dict[str, int] = {}
        for g in groups:
            statuses[g.status] = statuses.get(g.status, 0) + 1
        members = sum(len(g.claims) for g in groups)
        lines.append(f"{n:>10,d} {len(claims):>9,d} {len(groups):>7d} {seconds:>8.2f} {per_claim:>9.1f} "
                     f"{per_claim / first:>8.2f}x  {statuses} ({members:,d} claims in groups)")
    return lines


def bench_duplicates(base_texts: dict[str, str], sizes: Sequence[int], seed: int, cluster: bool) -> list[str]:
    from lagebild.reconcile.duplicates import near_duplicates

    lines = [f"{'documents':>10s} {'seconds':>8s} {'ms/doc':>7s} {'vs first':>9s}  copies found / expected, P, R"]
    first = None
    for n in sizes:
        texts, expected = synthetic_texts(base_texts, n, random.Random(seed), cluster)
        found, seconds = timed(partial(near_duplicates, texts), repeats(n))
        per_doc = seconds / n * 1e3
        first = first or per_doc
        if cluster:
            copies = n - len(base_texts)
            quality = f"{len(found):,d} copies found (all but the {len(base_texts)} originals are copies: {copies:,d})"
        else:
            hits = sum(1 for k, v in found.items() if expected.get(k) == v)
            p = hits / len(found) if found else 1.0
            r = hits / len(expected) if expected else 1.0
            quality = f"{len(found):,d} / {len(expected):,d}, P={p:.3f} R={r:.3f}"
        lines.append(f"{n:>10,d} {seconds:>8.2f} {per_doc:>7.2f} {per_doc / first:>8.2f}x  {quality}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", default="1000,10000,100000", help="documents per synthetic corpus for group_claims")
    ap.add_argument("--dup-sizes", default="1000,10000", help="documents per synthetic corpus for near_duplicates")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cluster", action="store_true", help="also time near_duplicates when every text is a copy")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    dup_sizes = [int(s) for s in a.dup_sizes.split(",") if s]

    with tempfile.TemporaryDirectory() as tmp:
        base, languages, texts = base_corpus(Path(tmp))
    print(f"base: {len(texts)} documents, {len(base)} claims from {EXAMPLES.relative_to(ROOT)} "
          f"(figures varied by ±{VARIATION:.0%}, unit and measure kept)")
    print("\ngroup_claims (blocking by unit + concept, then split by magnitude and status per group):")
    print("\n".join(bench_groups(base, languages, sizes, a.seed)))
    print(f"\nnear_duplicates (MinHash LSH; random-sentence articles, every {COPY_EVERY}th an edited copy):")
    print("\n".join(bench_duplicates(texts, dup_sizes, a.seed, cluster=False)))
    if a.cluster:
        print("\nnear_duplicates, worst case: every article a copy of one of the base articles:")
        print("\n".join(bench_duplicates(texts, dup_sizes, a.seed, cluster=True)))
    print(f"\npeak memory {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
