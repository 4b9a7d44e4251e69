#!/usr/bin/env python3
"""Named entities on the GermEval 2014 NER development split (German Wikipedia and news).

usage: .venv/bin/python benchmarks/ner_germeval.py [--corpus FILE] [--limit N] [--details N]

The TSV holds one sentence per block (`#` line with the source URL and date, then
index, token, outer label, inner label, BIO). Each sentence is one document: its tokens
are joined with the spacing a newspaper would print (no space before `,.;:!?)`, none
after `(`), lagebild sees that text with the block's date as the publication date,
runs sentences, tokens, POS tags and sentence structure (untimed) and then the timed
`entities` stage (after one warm-up sentence, so that the one-off lexicon and gazetteer loads
are not counted). Nothing of the corpus is stored in the project.

Scored the way peers report GermEval's outer level for PER/ORG/LOC: the gold outer
spans of PER, ORG and LOC (OTH and the -deriv/-part classes dropped), lagebild's
mentions with their entity's type; a system span counts when its start and end fall on
the same token boundaries as a gold span of the same type (exact span and type), micro
P/R/F1 over the three types and per type. A mention that covers only part of a token
("UN" inside "UN-Resolution") has no token-level counterpart (GermEval labels the whole
token ORGpart) and is left out; a mention that spans whole tokens labelled OTH, -deriv or
-part is a false positive.

The error kinds count what keeps a span from matching: a gold span found with the
wrong type, found with the wrong boundaries, not found at all; a system span that
overlaps no gold span (and which gold label its tokens have).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "peers" / "germeval2014" / "NER-de-dev.tsv"
TYPES = ("PER", "ORG", "LOC")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]%")
_NO_SPACE_AFTER = frozenset("([")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str


@dataclass
class Sentence:
    tokens: list[str]
    labels: list[str]
    published: str | None
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)
    gold: list[Gold] = field(default_factory=list)
    system: list[Gold] = field(default_factory=list)


def read_tsv(path: Path, limit: int | None = None) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    labels: list[str] = []
    published: str | None = None

    def flush() -> None:
        if tokens:
            sentences.append(Sentence(list(tokens), list(labels), published))
        tokens.clear()
        labels.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            flush()
            date = line.rsplit("[", 1)[-1].rstrip("]")
            published = date if len(date) == 10 and date[4] == "-" else None
        elif not line.strip():
            flush()
        else:
            cols = line.split("\t")
            tokens.append(cols[1])
            labels.append(cols[2])
        if limit and len(sentences) >= limit:
            break
    flush()
    for s in sentences[:limit] if limit else sentences:
        detokenize(s)
        s.gold = outer_spans(s)
    return sentences[:limit] if limit else sentences


def detokenize(s: Sentence) -> None:
    """The sentence as printed text, with each token's character offsets."""
    parts: list[str] = []
    pos = 0
    quote_open = False
    for k, tok in enumerate(s.tokens):
        space = k > 0
        prev = s.tokens[k - 1] if k else ""
        if tok[:1] in _NO_SPACE_BEFORE and len(tok) == 1 or prev in _NO_SPACE_AFTER:
            space = False
        if tok == '"':
            space = k > 0 and not quote_open
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if space:
            parts.append(" ")
            pos += 1
        s.offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    s.text = "".join(parts)


def outer_spans(s: Sentence) -> list[Gold]:
    spans: list[Gold] = []
    k = 0
    while k < len(s.labels):
        label = s.labels[k]
        if label.startswith("B-"):
            kind = label[2:]
            j = k + 1
            while j < len(s.labels) and s.labels[j] == f"I-{kind}":
                j += 1
            if kind in TYPES:
                spans.append(Gold(s.offsets[k][0], s.offsets[j - 1][1], kind))
            k = j
        else:
            k += 1
    return spans


def token_aligned(s: Sentence, start: int, end: int) -> bool:
    return any(a == start for a, _ in s.offsets) and any(b == end for _, b in s.offsets)


def run_lagebild(sentences: Sequence[Sentence]) -> float:
    """Fill each sentence's system spans; the seconds spent in the entities stage."""
    from lagebild.extract.entities import extract_entities
    from lagebild.pipeline import prepare

    extract_entities(prepare("Am Montag sprach Anna Berg in Köln mit der Deutschen Bank.", "de"))  # one-off loads
    seconds = 0.0
    for s in sentences:
        doc = prepare(s.text, "de", s.published)
        t0 = time.perf_counter()
        doc = extract_entities(doc)
        seconds += time.perf_counter() - t0
        s.system = [Gold(m.start, m.end, e.type) for e in doc.entities for m in e.mentions
                    if token_aligned(s, m.start, m.end)]
    return seconds


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_label_at(s: Sentence, start: int) -> str:
    k = next((i for i, (a, _) in enumerate(s.offsets) if a == start), None)
    if k is None:
        return "?"
    label = s.labels[k]
    return "O" if label == "O" else label[2:]


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    sys: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, s: Sentence) -> None:
        system, gold = set(s.system), set(s.gold)
        for g in gold:
            self.gold[g.type] += 1
        for y in system:
            self.sys[y.type] += 1
            if y in gold:
                self.tp[y.type] += 1
        for g in gold - system:
            same_span = [y for y in system if (y.start, y.end) == (g.start, g.end)]
            overlap = [y for y in system if y.start < g.end and g.start < y.end]
            if same_span:
                kind = f"wrong type: gold {g.type}, system {same_span[0].type}"
            elif overlap:
                kind = f"wrong boundaries: gold {g.type}"
            else:
                kind = f"missed: gold {g.type}"
            self.note(kind, f"{s.text[g.start:g.end]!r} in {s.text!r}")
        for y in system - gold:
            if any(g.start < y.end and y.start < g.end for g in gold):
                continue  # counted with the gold span it overlaps
            self.note(f"spurious: system {y.type} on {gold_label_at(s, y.start)}",
                      f"{s.text[y.start:y.end]!r} in {s.text!r}")

    def note(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, []).append(example)

    def table(self) -> list[str]:
        lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6}  {'tp/sys/gold':>14}"]
        for kind in (*TYPES, "micro"):
            if kind == "micro":
                tp, n_sys, n_gold = sum(self.tp.values()), sum(self.sys.values()), sum(self.gold.values())
            else:
                tp, n_sys, n_gold = self.tp[kind], self.sys[kind], self.gold[kind]
            p, r, f = prf(tp, n_sys, n_gold)
            lines.append(f"{kind:6} {p:6.3f} {r:6.3f} {f:6.3f}  {f'{tp}/{n_sys}/{n_gold}':>14}")
        return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--details", type=int, default=0, help="print N examples of each error kind")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    sentences = read_tsv(args.corpus, args.limit)
    t0 = time.perf_counter()
    seconds = run_lagebild(sentences)
    total = time.perf_counter() - t0
    score = Score()
    for s in sentences:
        score.add(s)
    print(f"GermEval 2014 dev, outer PER/ORG/LOC, exact span: {len(sentences)} sentences")
    print("\n".join(score.table()))
    print(f"\nentities stage {seconds:.1f} s ({1000 * seconds / len(sentences):.2f} ms/sentence); "
          f"all stages {total:.1f} s")
    print("\nerror kinds:")
    for kind, n in score.errors.most_common():
        print(f"{n:6}  {kind}")
        for example in score.examples[kind][: args.details]:
            print(f"          {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
