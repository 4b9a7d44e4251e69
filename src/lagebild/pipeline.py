"""The per-document pipeline: an ordered list of small stages over one Document.

Each stage is a pure function `Document -> Document` that fills some fields and
names what it needs, so the order can be checked and documents can be processed
in parallel. Corpus-level work (reconciliation) happens later, over the store.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.extract.claims import extract_claims
from lagebild.extract.entities import extract_entities
from lagebild.extract.events import extract_events
from lagebild.extract.times import extract_times
from lagebild.ingest.readers import title_from_text
from lagebild.model import Document
from lagebild.text.clean import clean
from lagebild.text.segment import segment
from lagebild.text.tag import tag


def entitle(doc: Document) -> Document:
    """Stage: a title from the cleaned text's first line when the input had none."""
    if not doc.title:
        doc.title = title_from_text(doc.text)
    return doc


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Document], Document]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("clean", clean, ("raw_text",), ("lines", "text")),
    Stage("title", entitle, ("text",), ("title",)),
    Stage("segment", segment, ("text",), ("sentences",)),
    Stage("tag", tag, ("sentences",), ("sentences.pos",)),
    Stage("entities", extract_entities, ("sentences.pos",), ("entities",)),
    Stage("times", extract_times, ("sentences", "published"), ("times",)),
    Stage("claims", extract_claims, ("sentences.pos", "times", "entities"), ("claims",)),
    Stage("events", extract_events, ("sentences.pos", "entities", "times"), ("events",)),
)


def check_order(stages: tuple[Stage, ...] = STAGES) -> list[str]:
    """Problems with the stage order: a stage that needs what no earlier stage assigns."""
    have = {"raw_text", "published", "language", "title"}
    problems = []
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            problems.append(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage assigns")
        have.update(stage.assigns)
    return problems


def process(doc: Document, timings: dict[str, float] | None = None, skip_clean: bool = False) -> Document:
    """Run every per-document stage on `doc` (in place) and return it."""
    for stage in STAGES:
        if skip_clean and stage.name == "clean":
            continue
        t0 = time.perf_counter()
        doc = stage.run(doc)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
    return doc


def analyze_text(text: str, language: str = "de", published: str | None = None,
                 clean_text: bool = False, doc_id: str = "text") -> Document:
    """Analyze one string; handy in tests and notebooks.

    With `clean_text=False` the text is taken as the article body as it is
    (no boilerplate removal), so offsets index straight into `text`.
    """
    doc = Document(id=doc_id, source=doc_id, raw=text, raw_format="txt", raw_text=text,
                   language=language, published=published)
    if not clean_text:
        doc.text = text
    return process(doc, skip_clean=not clean_text)


def prepare(text: str, language: str = "de", published: str | None = None) -> Document:
    """A Document with `text` segmented and tagged but nothing extracted yet (for stage tests)."""
    doc = Document(id="text", source="text", raw=text, raw_format="txt", raw_text=text,
                   language=language, published=published, text=text)
    return tag(segment(doc))
