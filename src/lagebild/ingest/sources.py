"""Everything `lagebild analyze` is given, to Documents: paths (files, folders with
their sidecar metadata, feed and sitemap files) and URLs (pages, feeds, sitemaps).

The outcome stream holds Documents, `InputError`s (could not be read), `Skipped`
(passed over on purpose, with the reason) and `Unchanged` (a server's 304).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import MAX_BYTES
from lagebild.ingest.feeds import FEED_SUFFIXES, Item, feed_items, kind_of, sitemap_entries
from lagebild.ingest.fetch import is_url
from lagebild.ingest.given import SIDECARS, Given, Sidecars
from lagebild.ingest.outcome import Skipped
from lagebild.ingest.walk import walk
from lagebild.ingest.web import Memory, Outcome, WebOptions, fetch_stream
from lagebild.model import Document


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = MAX_BYTES
    given: Given = field(default_factory=Given)  # from the command line: wins over everything else
    web: WebOptions = field(default_factory=WebOptions)


def readable_suffixes() -> tuple[str, ...]:
    from lagebild.ingest import SUFFIXES

    return SUFFIXES


def read_urls_file(path: Path) -> list[str]:
    """The addresses in a file, one a line (blank lines and `#` comments ignored)."""
    from lagebild.errors import UsageError

    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the URL list {path} ({exc.strerror or exc}); check the path") from exc
    urls = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    wrong = [u for u in urls if not is_url(u)]
    if wrong:
        raise UsageError(f"{path}: {wrong[0]!r} is not an http(s) address; write one address a line")
    return urls


def _listed_in_file(path: Path) -> list[Item] | Outcome:
    """The addresses a feed or sitemap file lists (it is then fetched like a URL's)."""
    data = path.read_bytes()
    kind = kind_of(data)
    try:
        if kind == "feed":
            return feed_items(data, str(path))
        if kind == "sitemap":
            pages, children = sitemap_entries(data, str(path))
            return pages + [Item(url=c, listed_in=str(path)) for c in children]
    except InputError as exc:
        return exc
    return Skipped(str(path), "is XML, but neither an RSS/Atom feed nor a sitemap")


def _read_paths(paths: list[str], options: IngestOptions, listed: list[Item]) -> Iterator[Outcome]:
    from lagebild.ingest import read_file

    sidecars = Sidecars()
    for entry in walk(paths, readable_suffixes(), quiet=SIDECARS):
        if not isinstance(entry, Path):
            yield entry
        elif entry.suffix.lower() in FEED_SUFFIXES:
            found = _listed_in_file(entry)
            if isinstance(found, list):
                listed.extend(found)
            else:
                yield found
        else:
            given = sidecars.given(entry)
            for item in read_file(entry, options.max_bytes):
                yield given.apply(item) if isinstance(item, Document) else item
    yield from sidecars.problems


def read_inputs(inputs: Iterable[str | Path], options: IngestOptions | None = None,
                memory: Memory | None = None) -> Iterator[Outcome]:
    """Read every input; URLs and the addresses feeds list are fetched after the files."""
    options = options or IngestOptions()
    names = [str(i) for i in inputs]
    urls = [i for i in names if is_url(i)]
    listed: list[Item] = []
    for item in _read_paths([i for i in names if not is_url(i)], options, listed):
        yield options.given.apply(item) if isinstance(item, Document) else item
    if urls or listed:
        for item in fetch_stream(urls, listed, memory, options.web):
            yield options.given.apply(item) if isinstance(item, Document) else item
