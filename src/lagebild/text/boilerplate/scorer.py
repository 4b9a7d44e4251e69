"""One transparent scorer: the cues found on a line add up to a verdict with its reasons.

A `Cue` is one piece of evidence: the kind of boilerplate it speaks for (caption,
credit, metadata, navigation, related, newsletter, donation, editorial, comments,
duplicate, unrelated), a short label a reader understands, and a weight. Two kinds
are not boilerplate kinds of their own: `address` (the line talks to the reader) adds
to every other kind, and `body` (evidence for article text, negative weight) takes
from every kind. A line goes when the best kind reaches `THRESHOLD`; its reason names
the kind and the labels of the cues behind it ("caption: credit after 'Foto:'").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

THRESHOLD = 2.0
STRONG = 3.0  # a cue that decides on its own, even against a little body evidence
# a judgment about the block a line belongs to (another story, a box split into repeats): the
# line's own evidence of being article text does not weigh against it
BLOCK = 6.0
SHARED = frozenset({"address", "body"})
# kinds that open a box: the lines after them belong to it until article text resumes
BOX_KINDS = frozenset({"newsletter", "donation", "editorial", "comments", "related"})


@dataclass(frozen=True)
class Cue:
    kind: str
    label: str
    weight: float = 2.0


@dataclass(frozen=True)
class Verdict:
    kind: str
    score: float
    labels: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reason shown to the user: the kind and the cues behind it."""
        return f"{self.kind}: {'; '.join(self.labels)}" if self.labels else self.kind


def decide(cues: Iterable[Cue]) -> Verdict | None:
    """The verdict of a line's cues, or None when the line stays.

    Reader address only counts alongside a cue of a real kind; body evidence counts
    against every kind.
    """
    totals: dict[str, float] = {}
    labels: dict[str, list[str]] = {}
    shared = 0.0
    shared_labels: list[str] = []
    for cue in cues:
        if cue.kind in SHARED:
            shared += cue.weight
            if cue.weight > 0:
                shared_labels.append(cue.label)
            continue
        totals[cue.kind] = totals.get(cue.kind, 0.0) + cue.weight
        labels.setdefault(cue.kind, []).append(cue.label)
    if not totals:
        return None
    kind = max(totals, key=lambda k: totals[k])
    score = totals[kind] + shared
    if score < THRESHOLD:
        return None
    return Verdict(kind, score, tuple(dict.fromkeys(labels[kind] + shared_labels)))
