"""Near-duplicate and syndicated articles: MinHash over word shingles, found with
LSH buckets (no all-pairs comparison), then confirmed by estimated Jaccard."""
from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.6  # estimated Jaccard of 5-word shingles; copies with edits score well above
NUM_PERM = 64
_WORD = re.compile(r"\w+")


def signature(text: str, shingle: int = 5) -> MinHash:
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m


def near_duplicates(texts: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's id to the id of the first document (in input order) it copies."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs: dict[str, MinHash] = {}
    order: dict[str, int] = {}
    original: dict[str, str] = {}
    for doc_id, text in texts:
        sig = signature(text)
        first = next((m for m in sorted(lsh.query(sig), key=order.__getitem__)
                      if sig.jaccard(sigs[m]) >= threshold), None)
        if first is not None:
            original[doc_id] = original.get(first, first)
        sigs[doc_id] = sig
        order[doc_id] = len(order)
        lsh.insert(doc_id, sig)
    return original


def clusters(copies: dict[str, str]) -> dict[str, list[str]]:
    """original id -> its copies."""
    out: dict[str, list[str]] = {}
    for copy, orig in copies.items():
        out.setdefault(orig, []).append(copy)
    return out
