"""Watching feeds and pages: poll, analyze what is new, say what changed.

Each round analyzes the inputs with `only_new` (a feed's items already stored are
not fetched again; the feed itself is asked for with its validators, so an
unchanged feed costs one 304), then compares the claim groups before and after
and lists the timeline entries of the new documents. A feed that is down is a
failure of that round; the next round tries again.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from lagebild.errors import UsageError

if TYPE_CHECKING:
    from lagebild.api import AnalyzeReport, Corpus
    from lagebild.reconcile.groups import ClaimGroup

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(every: str) -> float:
    """'15m' -> 900.0; '30s', '2h', '1d', or plain seconds ('90')."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", every.lower())
    if not m or float(m[1]) <= 0:
        raise UsageError(f"--every {every!r} is not a duration; write it as 30s, 15m, 2h or 1d")
    return float(m[1]) * _UNITS[m[2] or "s"]


@dataclass
class Round:
    """What one round of watching found."""

    number: int
    started: str
    report: AnalyzeReport
    titles: dict[str, str] = field(default_factory=dict)  # new document id -> title or outlet
    groups: list[str] = field(default_factory=list)  # how the claim groups changed, one line each
    timeline: list[dict[str, Any]] = field(default_factory=list)  # the new documents' timeline entries


def _snapshot(corpus: Corpus) -> list[ClaimGroup]:
    return corpus.groups() if corpus.store.counts()["claims"] else []


def group_changes(before: list[ClaimGroup], after: list[ClaimGroup]) -> list[str]:
    """New groups, groups that gained claims and groups whose status changed, one line each."""
    lines = []
    for group in after:
        ids = {c["id"] for c in group.claims}
        old = [g for g in before if ids & {c["id"] for c in g.claims}]
        label = f"{group.concept} ({group.unit})"
        if not old:
            lines.append(f"new group {label}: {len(ids)} claims, {group.status}")
            continue
        largest = max(old, key=lambda g: len(g.claims))
        if len(ids) > len(largest.claims):
            lines.append(f"group {label}: {len(largest.claims)} -> {len(ids)} claims")
        if group.status != largest.status:
            lines.append(f"group {label}: {largest.status} -> {group.status} ({group.reason})")
    return lines


def watch_round(number: int, analyze: Callable[[], Corpus],
                before: list[ClaimGroup]) -> tuple[Round, list[ClaimGroup]]:
    """One round: analyze, then compare the claim groups (recomputed only when a
    document is new) and take the new documents' timeline entries."""
    from lagebild.timeline import timeline

    started = datetime.now(UTC).isoformat(timespec="seconds")
    corpus = analyze()
    new = list(corpus.report.analyzed)
    if not new:
        return Round(number=number, started=started, report=corpus.report), before
    docs = list(corpus.store.documents(new))
    after = _snapshot(corpus)
    return Round(number=number, started=started, report=corpus.report,
                 titles={d.id: d.title or d.outlet or d.source for d in docs},
                 groups=group_changes(before, after), timeline=timeline(docs)), after


def loop(analyze: Callable[[], Corpus], corpus: Corpus, every: float, rounds: int | None,
         on_round: Callable[[Round], None], sleep: Callable[[float], None] = time.sleep) -> int:
    """Run rounds every `every` seconds (at most `rounds`); returns the number done.
    Ctrl-C (KeyboardInterrupt) reaches the caller between or during rounds."""
    done, groups = 0, _snapshot(corpus)
    while rounds is None or done < rounds:
        result, groups = watch_round(done + 1, analyze, groups)
        on_round(result)
        done += 1
        if rounds is None or done < rounds:
            sleep(every)
    return done
