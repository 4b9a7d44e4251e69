"""URLs, feeds and sitemaps to Documents: what `lagebild analyze URL…` fetches.

An address is fetched once (politely, see `fetch`); what comes back decides what
it is: an RSS/Atom feed or a sitemap lists further addresses, which are fetched in
turn; a page, a PDF or plain text becomes a document whose id is a stable hash of
the address. What was fetched before is remembered by the store (`Memory`): its
validators make the server answer 304 when nothing changed, and a feed or sitemap
that has not changed is read again from the copy kept.
"""
from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import AsyncGenerator, Awaitable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from lagebild.errors import InputError
from lagebild.ingest.decode import decode
from lagebild.ingest.feeds import Item, feed_items, kind_of, sitemap_entries
from lagebild.ingest.fetch import Fetcher, FetchOptions, Response, normalise
from lagebild.ingest.outcome import Skipped, Unchanged
from lagebild.model import Document

Outcome = Document | InputError | Skipped | Unchanged
LISTINGS = ("feed", "sitemap")
T = TypeVar("T")


class Memory(Protocol):
    """What the store remembers about earlier fetches."""

    def validators(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for `url`, when its result is still stored."""

    def listing(self, url: str) -> bytes | None:
        """The body of a feed or sitemap fetched earlier from `url`."""

    def known(self, url: str) -> bool:
        """Whether a document fetched from `url` is stored."""

    def remember(self, response: Response, kind: str, doc_id: str | None, body: bytes | None) -> None:
        """Keep a response's record (and a listing's body) for the next run."""


class Forgetful:
    """A Memory that remembers nothing: every fetch is a first fetch."""

    def validators(self, url: str) -> dict[str, str]:
        return {}

    def listing(self, url: str) -> bytes | None:
        return None

    def known(self, url: str) -> bool:
        return False

    def remember(self, response: Response, kind: str, doc_id: str | None, body: bytes | None) -> None:
        return None


@dataclass(frozen=True)
class WebOptions:
    fetch: FetchOptions = FetchOptions()
    max_items: int = 500  # most addresses taken from one feed or sitemap
    only_new: bool = False  # skip listed addresses whose document is stored (watch)
    conditional: bool = True  # send the validators of earlier fetches (off when re-analysis is forced)


def url_id(url: str) -> str:
    """A stable document id for an address: its host and a hash (`example.org-1f2e3d4c5b6a`)."""
    url = normalise(url)
    host = re.sub(r"[^\w.-]+", "_", urlsplit(url).netloc.lower()) or "url"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def _text(response: Response) -> str:
    """The body as text: the charset the server named, else detected."""
    if response.charset:
        try:
            return response.body.decode(response.charset).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(response.body, response.url, max(len(response.body), 1))[0]


def to_document(response: Response, item: Item | None = None) -> Document | InputError:
    """A fetched page, PDF or text as a Document, with the response kept in `meta["fetch"]`."""
    from lagebild.ingest.formats import pdf, plain
    from lagebild.ingest.readers import html_to_document

    doc_id, kind = url_id(response.url), kind_of(response.body, response.media_type)
    made: Document | InputError | Skipped
    try:
        if kind == "pdf":
            made = next(pdf.from_bytes(response.body, doc_id, response.url))
        elif kind == "text":
            made = next(plain.text_from_bytes(response.body, doc_id, response.url))
        else:
            made = html_to_document(_text(response), doc_id, response.url, response.final_url)
    except InputError as exc:
        return exc
    if not isinstance(made, Document):
        return made if isinstance(made, InputError) else InputError(response.url, made.reason)
    made.url = response.final_url
    made.meta["fetch"] = response.record()
    if item is not None:
        made.title = made.title or item.title
        made.published = item.published or made.published
        made.meta["listed_in"] = item.listed_in
    return made


class _Run:
    """One fetching run: the inputs, the addresses they list, and what became of each."""

    def __init__(self, fetcher: Fetcher, memory: Memory, options: WebOptions) -> None:
        self.fetcher, self.memory, self.options = fetcher, memory, options
        self.seen: set[str] = set()
        self.finals: dict[str, str] = {}  # final address -> the address that got there first

    async def address(self, url: str, item: Item | None = None, depth: int = 0) -> list[Outcome]:
        url = normalise(url)
        try:
            response = await self.fetcher.get(url, self.memory.validators(url) if self.options.conditional else {})
        except InputError as exc:
            return [exc]
        if response.not_modified:
            kept = self.memory.listing(url)
            if kept is None:
                return [Unchanged(url, url_id(url))]
            response.body = kept
        kind = kind_of(response.body, response.media_type)
        if kind in LISTINGS:
            return await self.listing(response, kind, depth)
        if response.final_url in self.finals and self.finals[response.final_url] != url:
            first = self.finals[response.final_url]
            return [Skipped(url, f"is the same page as {first} (both end at {response.final_url})")]
        self.finals[response.final_url] = url
        made = to_document(response, item)
        self.memory.remember(response, "page", url_id(url), None)
        return [made]

    async def listing(self, response: Response, kind: str, depth: int) -> list[Outcome]:
        url = response.url
        if not response.not_modified:
            self.memory.remember(response, kind, None, response.body)
        try:
            if kind == "feed":
                items, children = feed_items(response.body, response.final_url), list[str]()
            else:
                items, children = sitemap_entries(response.body, response.final_url)
        except InputError as exc:
            return [InputError(url, exc.message)]
        out: list[Outcome] = []
        if not items and not children:
            out.append(Skipped(url, f"this {kind} lists no article addresses"))
        if len(items) > self.options.max_items:
            out.append(Skipped(url, f"lists {len(items)} addresses; only the first {self.options.max_items} "
                                    "are read (raise --max-items)"))
        tasks = [self.address(i.url, i, depth) for i in self.fresh(items)[:self.options.max_items]]
        if depth < 3:
            tasks += [self.address(child, None, depth + 1) for child in children]
        for outcomes in await asyncio.gather(*tasks):
            out.extend(outcomes)
        return out

    def fresh(self, items: list[Item]) -> list[Item]:
        """Listed items not yet asked for in this run (nor stored, when only new ones are wanted)."""
        out = []
        for item in items:
            url = normalise(item.url)
            if url in self.seen or (self.options.only_new and self.memory.known(url)):
                continue
            self.seen.add(url)
            out.append(item)
        return out


WINDOW = 64  # addresses of the inputs fetched at once; their outcomes go on before the next ones are asked for


async def _windows(urls: list[str], listed: list[Item], memory: Memory, options: WebOptions,
                   window: int) -> AsyncGenerator[list[Outcome], None]:
    """The outcomes of the addresses, `window` input addresses at a time (with what their
    feeds and sitemaps list), in input order."""
    async with Fetcher(options.fetch) as fetcher:
        run = _Run(fetcher, memory, options)
        run.seen.update(normalise(u) for u in urls)
        jobs = [(u, None) for u in urls] + [(i.url, i) for i in run.fresh(listed)]
        for first in range(0, len(jobs), window):
            out: list[Outcome] = []
            for outcomes in await asyncio.gather(*(run.address(u, i) for u, i in jobs[first:first + window])):
                out.extend(outcomes)
            yield out


async def _next(windows: AsyncGenerator[list[Outcome], None]) -> list[Outcome] | None:
    try:
        return await anext(windows)
    except StopAsyncIteration:
        return None


def fetch_stream(urls: Iterable[str], listed: Iterable[Item] = (), memory: Memory | None = None,
                 options: WebOptions | None = None, window: int = WINDOW) -> Iterator[Outcome]:
    """Fetch the addresses (and what their feeds and sitemaps list, and `listed`), in input
    order, handing on each window's outcomes before fetching the next (memory stays bounded)."""
    windows = _windows(list(urls), list(listed), memory or Forgetful(), options or WebOptions(), window)
    loop = asyncio.new_event_loop()
    try:
        asyncio.get_running_loop()
        thread: ThreadPoolExecutor | None = ThreadPoolExecutor(max_workers=1)  # inside an event loop (a notebook)
    except RuntimeError:  # the usual case: no event loop in this thread
        thread = None

    def step(job: Awaitable[T]) -> T:
        return thread.submit(loop.run_until_complete, job).result() if thread else loop.run_until_complete(job)

    try:
        while (outcomes := step(_next(windows))) is not None:
            yield from outcomes
    finally:
        step(windows.aclose())
        step(loop.shutdown_asyncgens())
        step(loop.shutdown_default_executor())
        loop.close()
        if thread:
            thread.shutdown()


def fetch_all(urls: Iterable[str], listed: Iterable[Item] = (), memory: Memory | None = None,
              options: WebOptions | None = None) -> list[Outcome]:
    """Fetch the addresses (and what their feeds and sitemaps list, and `listed`), in input order."""
    return list(fetch_stream(urls, listed, memory, options))
