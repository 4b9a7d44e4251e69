"""The Python API: `lagebild.analyze(paths, db=...)` and the `Corpus` it returns.

The CLI is a thin layer over these functions: it imports this module only, so that
everything it can do is also one call here (analyze, watch, remove, reconcile, search,
export, report, serve). The names it needs from inner modules are re-exported below.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lagebild import __version__
from lagebild.errors import InputError, LagebildError, UsageError
from lagebild.ingest.fetch import FetchOptions, Response, conditional_headers, is_url
from lagebild.ingest.given import check as check_given
from lagebild.ingest.normalise import cut_to, normalise_document
from lagebild.ingest.outcome import Skipped, Unchanged
from lagebild.ingest.readers import content_hash
from lagebild.ingest.sources import IngestOptions, read_inputs, read_urls_file
from lagebild.ingest.walk import file_of, within
from lagebild.ingest.web import WebOptions
from lagebild.limits import MAX_BYTES, MAX_CHARS, TIME_LIMIT
from lagebild.model import Document
from lagebild.present import figure
from lagebild.profile import Profile, load_profile, parse_profile
from lagebild.reconcile.run import reconcile as _reconcile
from lagebild.reconcile.run import stored as stored_groups
from lagebild.reconcile.run import stored_duplicates
from lagebild.run import BATCH, batched, make_engine
from lagebild.run.writer import Writer, record_failure
from lagebild.store import DEFAULT_DB, Store
from lagebild.store.search import ensure_search_index
from lagebild.store.search import search as _search
from lagebild.watch import Round, seconds

if TYPE_CHECKING:
    from typing import IO

    from lagebild.reconcile.groups import ClaimGroup

__all__ = ["DEFAULT_DB", "MAX_BYTES", "MAX_CHARS", "TIME_LIMIT", "AnalyzeReport", "Corpus", "FetchOptions",
           "LagebildError", "RemoveReport", "Round", "__version__", "analyze", "figure", "read_urls_file", "reconcile",
           "remove", "seconds", "serve", "watch", "write_report"]

log = logging.getLogger("lagebild")


@dataclass
class AnalyzeReport:
    analyzed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)  # inputs that could not be read or saved
    stage_errors: dict[str, str] = field(default_factory=dict)  # doc id -> error of a crashing stage
    notes: dict[str, list[str]] = field(default_factory=dict)  # source -> what was changed (cut, NULs removed)
    skipped: list[Skipped] = field(default_factory=list)  # files passed over on purpose, with the reason
    removed: list[str] = field(default_factory=list)  # documents pruned because their file is gone
    seconds: dict[str, float] = field(default_factory=dict)  # read (files, fetching, HTML), analyze (the stages)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stage_errors

    @property
    def nothing_read(self) -> bool:
        """No input could be read at all (nothing analyzed, nothing unchanged)."""
        return not (self.analyzed or self.unchanged or self.stage_errors)


class Corpus:
    """An analyzed corpus in a store: documents, entities, claims, timeline."""

    def __init__(self, store: Store, report: AnalyzeReport | None = None) -> None:
        self.store = store
        self.report = report or AnalyzeReport()

    @classmethod
    def open(cls, db: str = DEFAULT_DB) -> Corpus:
        """An analyzed database; one that does not exist is refused (StoreError), never created."""
        return cls(Store(db, create=False))

    @property
    def profile(self) -> Profile:
        """The story profile given to the last `analyze --profile` (empty when none was)."""
        return parse_profile(self.store.profile_text(), origin="the stored profile")

    def failures(self) -> list[dict[str, Any]]:
        """The inputs that could not be read, as of the last run that saw each: source, error, seen_at."""
        return self.store.failures()

    @property
    def documents(self) -> list[Document]:
        return list(self.store.documents())

    def document(self, doc_id: str) -> Document | None:
        return self.store.load(doc_id)

    def claims(self) -> list[dict[str, Any]]:
        return self.store.claim_rows()

    def entities(self) -> list[dict[str, Any]]:
        """Entities across documents, spellings of one name merged."""
        from lagebild.reconcile.entities import resolve

        return resolve(self.store.entity_rows())

    def duplicates(self) -> dict[str, str]:
        """Near-duplicate (syndicated) documents: copy id -> original id (as reconcile
        stored them; computed when it has not run)."""
        from lagebild.reconcile.duplicates import near_duplicates
        from lagebild.store.groups import group_rows

        if group_rows(self.store):
            return stored_duplicates(self.store)
        return near_duplicates(self.store.document_texts())

    def groups(self, tolerance: float = 0.15, duplicates: dict[str, str] | None = None) -> list[ClaimGroup]:
        """Claims in different documents that count the same thing, with agree/differ/conflict.

        The groups reconcile stored (at the end of `analyze`) are read back; with another
        `tolerance` or given `duplicates` (copy id -> original id) they are computed.
        """
        from lagebild.reconcile.groups import TOLERANCE, group_claims

        if tolerance == TOLERANCE and duplicates is None:
            kept = stored_groups(self.store, self.claims())
            if kept is not None:
                return kept
        languages = {d["id"]: d["language"] or "de" for d in self.store.document_rows()}
        copies = self.duplicates() if duplicates is None else duplicates
        return group_claims(self.claims(), languages, tolerance, copies, self.profile)

    def timeline(self) -> list[dict[str, Any]]:
        from lagebild.timeline import timeline

        return timeline(self.store.documents())

    def summary(self) -> dict[str, Any]:
        from lagebild.timeline import span

        counts = self.store.counts()
        first, last = span(self.store.documents())
        return {**counts, "time_span": [first, last]}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents and claims matching every word of `query`, best first, with snippets."""
        return _search(self.store, query, limit)

    def write_jsonl(self, out: IO[str]) -> int:
        """Every document (with its evidence) and then every claim group, one JSON object a line."""
        from lagebild.export import write_jsonl

        return write_jsonl(out, self.store.documents(), (g.record() for g in self.groups()))

    def write_csv(self, out: IO[str], what: str = "claims") -> int:
        """The claims or the entities as CSV; returns the number of rows."""
        from lagebild.export import write_claims_csv, write_entities_csv, write_groups_csv

        if what == "claims":
            return write_claims_csv(out, self.claims_with_groups())
        if what == "entities":
            return write_entities_csv(out, self.entities())
        if what == "groups":
            return write_groups_csv(out, self.groups())
        raise UsageError(f"unknown CSV table {what!r}; use claims, groups or entities")

    def claims_with_groups(self) -> list[dict[str, Any]]:
        """Every claim with its sentence (`sentence_text`) and the id and status of its group."""
        from lagebild.store.groups import claim_group_status

        membership = claim_group_status(self.store)
        if not membership:
            membership = {c["id"]: (g.id, g.status) for g in self.groups() for c in g.claims}
        return [{**c, "sentence_text": c.get("context") or "", "group_id": membership.get(c["id"], ("", ""))[0],
                 "status": membership.get(c["id"], ("", ""))[1]} for c in self.claims()]

    def write_graphml(self, out: IO[bytes]) -> tuple[int, int]:
        """The entity co-occurrence network as GraphML (for Gephi); returns (nodes, edges)."""
        from lagebild.reconcile.network import cooccurrence, write_graphml

        nodes, edges = cooccurrence(self.store.documents())
        write_graphml(out, nodes, edges)
        return len(nodes), len(edges)

    def __repr__(self) -> str:
        c = self.store.counts()
        return (f"<Corpus {self.store.url}: {c['documents']} documents, {c['entities']} entities, "
                f"{c['claims']} claims>")


class FetchMemory:
    """What the store remembers of earlier fetches, for `ingest.web` (conditional requests)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, url: str) -> dict[str, str]:
        row = self.store.fetch_row(url)
        if row is None or (row["kind"] == "page" and not row["stored"]) or (row["kind"] != "page" and not row["body"]):
            return {}
        return conditional_headers(row["etag"], row["last_modified"])

    def listing(self, url: str) -> bytes | None:
        row = self.store.fetch_row(url)
        return row["body"] if row and row["kind"] != "page" else None

    def known(self, url: str) -> bool:
        return self.store.has_url(url)

    def remember(self, response: Response, kind: str, doc_id: str | None, body: bytes | None) -> None:
        self.store.remember_fetch({
            "url": response.url, "final_url": response.final_url, "status": response.status, "kind": kind,
            "doc_id": doc_id, "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"), "headers": response.headers,
            "redirects": response.redirects, "fetched_at": response.fetched_at, "body": body})


def _unique_ids(docs: list[Document], seen: set[str]) -> None:
    """Ids are file stems (or JSONL ids); a second input with a taken id (in `seen`, the ids
    of this run so far) gets a suffix made from its source, so it is stable across runs and
    two copies of one file both stay."""
    for doc in docs:
        if doc.id in seen:
            doc.id = f"{doc.id}-{content_hash(doc.source)[:8]}"
        seen.add(doc.id)


def _check_options(workers: int | None, max_bytes: int, max_chars: int, time_limit: float | None) -> None:
    """Misuse raises (STYLE 4): a limit that is not a positive number cannot work."""
    if workers is not None and workers < 0:
        raise UsageError(f"workers must be 0 or more (got {workers}); leave it out to use all cores")
    if max_bytes <= 0:
        raise UsageError(f"the size limit must be positive (got {max_bytes} bytes); e.g. --max-size 5")
    if max_chars <= 0:
        raise UsageError(f"the character limit must be positive (got {max_chars}); e.g. --max-chars 200000")
    if time_limit is not None and not time_limit > 0:
        raise UsageError(f"the time limit must be positive (got {time_limit} s); e.g. --time-limit 120")


def analyze(paths: Iterable[str | Path] | str | Path, db: str = DEFAULT_DB, *, force: bool = False,
            workers: int | None = None, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS,
            time_limit: float | None = TIME_LIMIT, published: str | None = None,
            language: str | None = None, outlet: str | None = None, title: str | None = None,
            prune: bool = False, fetch: FetchOptions | None = None, max_items: int = 500,
            only_new: bool = False, profile: str | Path | Profile | None = None, engine: str = "processes",
            ray_address: str | None = None, on_progress: Callable[[int, int | None], None] | None = None) -> Corpus:
    """Read, clean and extract every article in `paths` into the store `db`.

    `paths` are files, folders (with their `metadata.csv`/`.jsonl` sidecars), feed or
    sitemap files, and http(s) addresses of pages, PDFs, RSS/Atom feeds or sitemaps,
    fetched politely (see `FetchOptions`). `published`, `language`, `outlet` and `title`
    are given metadata for every input of the call; they win over what is found in
    the input. Re-analyzing an unchanged input does nothing unless `force`; a page
    fetched before is asked for only if it changed.

    One bad input never stops the corpus: reading, decoding, every stage and the save of
    each document run inside one boundary, and whatever fails there is logged, recorded
    in the store's failures (source, stage, one-line reason, raw bytes) and skipped.
    Limits: `max_bytes` per file or JSONL record, `max_chars` analyzed per document (the
    rest is cut, with a note), `time_limit` seconds per document. `workers`: processes
    to use (None: all cores; 0 or 1: this process). `engine`: 'processes' (worker
    processes here, the default), 'local' (this process) or 'ray' (Ray tasks, on a local
    instance or the cluster at `ray_address`; needs a PostgreSQL `db`). Inputs are read
    lazily and flow through the engine in batches written in one transaction each, so
    memory does not grow with the number of inputs; `on_progress(done, None)` is called
    after each batch (the total is not known while reading). `prune` removes the
    documents whose file under one of `paths` is gone; `only_new` skips addresses
    listed by a feed whose document is stored (what `watch` does). `profile`: a story
    profile (a TOML file's path or a `Profile`, see `lagebild.profile`) kept in the store
    for this and later runs; None uses the one kept before, if any.

    Example:
        >>> corpus = lagebild.analyze(["examples/corpus"], db="sqlite:///demo.db")
        >>> corpus.summary()["documents"]
    """
    inputs = [str(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
    _check_options(workers, max_bytes, max_chars, time_limit)
    given = check_given({"published": published, "language": language, "outlet": outlet, "title": title},
                        "the metadata given")
    fetch = replace(fetch or FetchOptions(), max_bytes=max_bytes)
    options = IngestOptions(max_bytes=max_bytes, given=given,
                            web=WebOptions(fetch=fetch, max_items=max_items, only_new=only_new, conditional=not force))
    story = load_profile(profile) if isinstance(profile, str | Path) else profile
    store = Store(db)
    store.check_writable()
    if story is not None:
        store.save_profile(story.text)
    else:
        story = parse_profile(store.profile_text(), origin="the stored profile")
    runner = make_engine(engine, db, workers, time_limit, ray_address)
    report = AnalyzeReport()
    started = time.perf_counter()
    reading = _Timed(_read(inputs, options, store, report, max_chars))
    done = 0
    for written in runner.analyze(_fresh(reading, store, report, force, story), Writer(db, max_bytes, store)):
        report.analyzed.extend(written.analyzed)
        report.stage_errors.update(written.stage_errors)
        report.failed.extend(written.failed)
        done += written.count
        if on_progress:
            on_progress(done, None)
    report.seconds["read"] = reading.seconds
    report.seconds["analyze"] = time.perf_counter() - started - reading.seconds
    _forget_old_failures(store, inputs, report)
    if prune:
        report.removed = _prune(store, inputs)
    if done or report.removed:
        store.optimize()
        ensure_search_index(store)  # built here, so that `serve` never writes
        _reconcile(store)  # claim groups and near-duplicates, stored for every reader
    return Corpus(store, report)


class _Timed:
    """An iterator that adds up the time spent producing its items (reading, in `analyze`)."""

    def __init__(self, items: Iterable[Document]) -> None:
        self.items, self.seconds = iter(items), 0.0

    def __iter__(self) -> Iterator[Document]:
        return self

    def __next__(self) -> Document:
        started = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started


def _record_failure(store: Store, report: AnalyzeReport, failure: InputError, max_bytes: int) -> None:
    report.failed.append(failure)
    record_failure(store, failure, max_bytes)


def _read(inputs: list[str], options: IngestOptions, store: Store, report: AnalyzeReport,
          max_chars: int) -> Iterator[Document]:
    """Read the inputs one by one, normalised and cut to the character limit; what cannot
    be read goes to the report and the store's failures."""
    for item in read_inputs(inputs, options, FetchMemory(store)):
        if isinstance(item, InputError):
            _record_failure(store, report, item, options.max_bytes)
        elif isinstance(item, Skipped):
            report.skipped.append(item)
        elif isinstance(item, Unchanged):
            report.unchanged.append(item.doc_id)
            store.clear_failure(item.source)
        else:
            cut_to(normalise_document(item), max_chars)
            item.meta.setdefault("content_hash", content_hash(item.raw))
            if item.meta.get("notes"):
                report.notes[item.source] = list(item.meta["notes"])
            yield item


def _fresh(docs: Iterable[Document], store: Store, report: AnalyzeReport, force: bool,
           story: Profile | None) -> Iterator[Document]:
    """The documents to analyze, with the story profile: ids made unique, those stored with
    the same content hash left out (unless `force`); checked against the store a batch at a time."""
    seen: set[str] = set()
    for chunk in batched(docs, BATCH):
        _unique_ids(chunk, seen)
        stored = {} if force else store.content_hashes([d.id for d in chunk])
        same = [d for d in chunk if stored.get(d.id) == d.meta["content_hash"]]
        report.unchanged.extend(d.id for d in same)
        store.forget_failures([d.source for d in same])
        for doc in chunk:
            if stored.get(doc.id) != doc.meta["content_hash"]:
                doc.profile = story
                yield doc


def _forget_old_failures(store: Store, inputs: list[str], report: AnalyzeReport) -> None:
    """Stored failures of earlier runs under this run's inputs that did not fail again."""
    failed_now = {f.source for f in report.failed}
    old = [f["source"] for f in store.failures()
           if f["source"] not in failed_now and any(within(f["source"], i) for i in inputs)]
    store.forget_failures(old)


def _prune(store: Store, inputs: list[str]) -> list[str]:
    """Remove the documents whose file, under one of `inputs`, no longer exists."""
    gone = [d["id"] for d in store.document_origins()
            if not is_url(d["source"]) and any(within(d["source"], i) for i in inputs)
            and not file_of(d["source"]).exists()]
    store.remove(gone)
    return gone


def watch(inputs: Iterable[str | Path], db: str = DEFAULT_DB, *, every: float = 900.0,
          rounds: int | None = None, on_round: Callable[[Round], None] | None = None,
          **options: Any) -> int:
    """Poll feeds and pages every `every` seconds: analyze the new items, log how the
    claim groups and the timeline changed. Runs until Ctrl-C (or `rounds` rounds);
    returns the rounds done. `options` are `analyze`'s (delay, metadata, ...).

    Example:
        >>> lagebild.api.watch(["https://example.org/feed.xml"], db="sqlite:///watch.db", every=900)
    """
    from lagebild.watch import loop

    names = [str(i) for i in inputs]
    options.setdefault("workers", 1)  # a few new items a round; Ctrl-C stops one process cleanly
    corpus = Corpus(Store(db))

    def one_round() -> Corpus:
        return analyze(names, db, only_new=True, **options)

    return loop(one_round, corpus, every, rounds, on_round or (lambda _round: None))


@dataclass
class RemoveReport:
    removed: list[str] = field(default_factory=list)  # document ids
    not_found: list[str] = field(default_factory=list)  # targets that matched no document


def remove(targets: Iterable[str], db: str = DEFAULT_DB) -> RemoveReport:
    """Remove documents by id, by the file or URL they came from, or every document
    from a folder; the groups and the timeline are computed from what remains.

    Example:
        >>> lagebild.api.remove(["articles/old.txt", "example.org-1f2e3d4c5b6a"], db="sqlite:///demo.db")
    """
    store = Store(db, create=False)
    origins = store.document_origins()
    report = RemoveReport()
    for target in targets:
        hits = [d["id"] for d in origins if d["id"] == target or d["url"] == target
                or (not is_url(target) and not is_url(d["source"]) and within(d["source"], target))
                or d["source"] == target]
        if hits:
            report.removed.extend(h for h in hits if h not in report.removed)
        else:
            report.not_found.append(target)
    store.remove(report.removed)
    store.forget_failures([d["source"] for d in origins if d["id"] in report.removed])
    if report.removed:
        store.optimize()
        ensure_search_index(store)
        _reconcile(store)
    return report



def reconcile(db: str = DEFAULT_DB) -> Corpus:
    """Bring an analyzed database up to date for reading: apply pending migrations, build
    the search index, and group the claims across documents and find near-duplicates
    (stored, see `lagebild.reconcile.run`). `analyze` and `remove` do this themselves;
    `serve` never writes, so a database written by an older lagebild is updated here once.

    Example:
        >>> lagebild.api.reconcile("sqlite:///demo.db")
    """
    store = Store(db, create=False)
    ensure_search_index(store)
    _reconcile(store)
    return Corpus(store)


def write_report(corpus: Corpus, output: Path, format: str = "html") -> None:
    """Write the report (self-contained HTML or Markdown) of `corpus` to `output`.

    Example:
        >>> lagebild.api.write_report(lagebild.api.Corpus.open("sqlite:///demo.db"), Path("report.html"))
    """
    from lagebild.report import write_report as write

    if format not in ("html", "md"):
        raise UsageError(f"unknown report format {format!r}; use html or md")
    write(corpus, output, format=format)  # type: ignore[arg-type]


def serve(db: str = DEFAULT_DB, *, host: str = "127.0.0.1", port: int = 8765,
          allowed_hosts: Iterable[str] = (), workers: int = 1, ui_language: str = "de",
          announce: Callable[[str], None] | None = None) -> None:
    """Serve the web UI of the analyzed database `db` until Ctrl-C (read-only), its pages
    in `ui_language` (de or en). `port` 0 picks a free port; a port in use is a UsageError
    that says so. `announce` is called with the address once it is known.

    Example:
        >>> lagebild.api.serve("sqlite:///demo.db", port=8765)
    """
    from lagebild.web.app import free_to_listen
    from lagebild.web.app import serve as run_server

    Store(db, read_only=True).close()  # a clear error now for a database that cannot be served
    port = free_to_listen(host, port)
    if announce:
        announce(f"http://{'[' + host + ']' if ':' in host else host}:{port}/")
    run_server(db, host=host, port=port, allowed_hosts=list(allowed_hosts), workers=workers, ui_language=ui_language)
