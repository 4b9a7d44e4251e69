"""The per-document pipeline: an ordered list of small stages over one Document.

Each stage is a function `Document -> Document` that fills some fields and names what
it needs (`requires`) and what it fills (`assigns`); `Pipeline` checks the order when
it is built, so documents can be processed in parallel and no stage reads what no
earlier stage made. Corpus-level work (reconciliation) happens later, over the store.

A document in a language lagebild has no folder for is not run through another
language's rules: `process` raises `UnsupportedLanguage` and the document is stored
with its raw text and that message.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lagebild import lang
from lagebild.errors import UsageError
from lagebild.extract.attribution import attribute
from lagebild.extract.claims import extract_claims
from lagebild.extract.entities import extract_entities
from lagebild.extract.events import extract_events
from lagebild.extract.quantities import extract_quantities
from lagebild.extract.times import extract_times
from lagebild.ingest.metadata import iso_from
from lagebild.ingest.readers import title_from_text
from lagebild.model import Document
from lagebild.text.clean import clean
from lagebild.text.segment import segment
from lagebild.text.syntax import syntax
from lagebild.text.tag import tag

# what a Document has before any stage runs
GIVEN = frozenset({"raw_text", "dropped", "published", "language", "title", "profile"})


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


class PipelineError(ValueError):
    """Stages in an order where one needs what no earlier stage assigns."""


def check_order(stages: Iterable[Stage] | None = None, given: frozenset[str] = GIVEN) -> list[str]:
    """Problems with the stage order (the pipeline's when `stages` is None): a stage that
    needs what no earlier stage assigns."""
    have = set(given)
    problems = []
    for stage in STAGES if stages is None else stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            problems.append(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage assigns")
        have.update(stage.assigns)
    return problems


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(self, stages: Iterable[Stage], given: frozenset[str] = GIVEN) -> None:
        self.stages = tuple(stages)
        problems = check_order(self.stages, given)
        if problems:
            raise PipelineError("; ".join(problems))

    def __iter__(self) -> Iterator[Stage]:
        return iter(self.stages)

    def run(self, doc: Document, timings: dict[str, float] | None = None,
            skip: frozenset[str] = frozenset(), on_stage: Callable[[str], None] | None = None) -> Document:
        """Run the stages on `doc`; `on_stage` is told each stage's name before it runs (the
        runner names the stage that failed or ran over its time)."""
        lang.require(doc.language)  # raises UnsupportedLanguage: never read with another language's rules
        for stage in self.stages:
            if stage.name in skip:
                continue
            if on_stage is not None:
                on_stage(stage.name)
            t0 = time.perf_counter()
            doc = stage.run(doc)
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
        return doc


STAGES: tuple[Stage, ...] = (
    Stage("clean", clean, ("raw_text", "dropped"), ("lines", "text")),
    Stage("title", entitle, ("text",), ("title",)),
    Stage("segment", segment, ("text",), ("sentences",)),
    Stage("tag", tag, ("sentences",), ("sentences.pos",)),
    Stage("syntax", syntax, ("sentences.pos", "title"), ("sentences.syntax",)),
    Stage("entities", extract_entities, ("sentences.pos",), ("entities",)),
    Stage("times", extract_times, ("sentences.syntax", "published"), ("times",)),
    Stage("quantities", extract_quantities, ("sentences.syntax", "times"), ("quantities",)),
    Stage("attribution", attribute, ("sentences.syntax", "entities", "times"), ("attributions",)),
    Stage("claims", extract_claims, ("quantities", "attributions", "times", "entities"), ("claims",)),
    Stage("events", extract_events, ("sentences.syntax", "entities", "times"), ("events",)),
)

PIPELINE = Pipeline(STAGES)


def process(doc: Document, timings: dict[str, float] | None = None, skip_clean: bool = False,
            on_stage: Callable[[str], None] | None = None) -> Document:
    """Run every per-document stage on `doc` (in place) and return it."""
    return PIPELINE.run(doc, timings, frozenset({"clean"}) if skip_clean else frozenset(), on_stage)


def analyze_text(text: str, language: str = "de", published: str | None = None,
                 clean_text: bool = False, doc_id: str = "text") -> Document:
    """Analyze one string; handy in tests and notebooks.

    With `clean_text=False` the text is taken as the article body as it is
    (no boilerplate removal), so offsets index straight into `text`. `published` must be
    a date lagebild reads (YYYY, YYYY-MM or YYYY-MM-DD between 1901 and 2099).
    """
    published = _checked_date(published)
    doc = Document(id=doc_id, source=doc_id, raw=text, raw_format="txt", raw_text=text,
                   language=language, published=published)
    if not clean_text:
        doc.text = text
    return process(doc, skip_clean=not clean_text)


def _checked_date(published: str | None) -> str | None:
    if published is None:
        return None
    iso = iso_from(published)
    if iso is None:
        raise UsageError(f"published={published!r} is not a date lagebild reads; give YYYY-MM-DD "
                         "(or YYYY-MM, YYYY) between 1901 and 2099")
    return iso


def prepare(text: str, language: str = "de", published: str | None = None) -> Document:
    """A Document with `text` segmented, tagged and parsed but nothing extracted yet (for stage tests)."""
    published = _checked_date(published)
    doc = Document(id="text", source="text", raw=text, raw_format="txt", raw_text=text,
                   language=language, published=published, text=text)
    return syntax(tag(segment(doc)))
