"""Polite HTTP fetching (httpx): robots.txt, per-host limits, retries, size caps.

A `Fetcher` asks each host for its robots.txt once and obeys it, starts at most
`per_host` requests to one host at a time with at least `delay` seconds between
their starts, follows and records redirects itself (each hop is checked against
robots.txt too), retries 429 and 503 answers after the server's Retry-After (or a
growing pause), sends the validators of an earlier fetch so that an unchanged page
costs a 304, and reads a body only up to the size cap — decompressing gzip and
deflate itself, so that a small compressed bomb is refused before it fills memory.
Every problem becomes a `FetchError` whose message says what happened and what to do.
"""
from __future__ import annotations

import asyncio
import email.utils
import zlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urldefrag, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from lagebild import __version__
from lagebild.errors import InputError
from lagebild.ingest.decode import MAX_BYTES

USER_AGENT = f"lagebild/{__version__} (news analysis for a situation picture; honours robots.txt)"
ROBOTS_AGENT = "lagebild"
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
REDIRECTS = (301, 302, 303, 307, 308)
RETRY = (429, 503)
# the media types lagebild can read from the web: pages, feeds and sitemaps, plain text, PDF
READABLE = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml",
            "application/atom+xml", "application/rdf+xml", "text/plain", "application/pdf")
GZIPPED = ("application/gzip", "application/x-gzip")  # a compressed sitemap or feed (sitemap.xml.gz)
# headers worth keeping with the raw response
KEPT_HEADERS = ("content-type", "content-length", "content-encoding", "content-language", "etag",
                "last-modified", "date", "cache-control", "retry-after")


class FetchError(InputError):
    """A URL could not be fetched; the message names the reason and the next step."""


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how far lagebild fetches."""

    user_agent: str = USER_AGENT
    per_host: int = 2  # requests to one host at a time
    delay: float = 1.0  # seconds between the starts of two requests to one host
    timeout: float = 20.0  # seconds to wait at each step (connect, each read); a whole response gets 3x
    max_bytes: int = MAX_BYTES  # largest page or PDF, after decompression
    max_feed_bytes: int = 50_000_000  # largest feed or sitemap (the sitemap protocol's own limit)
    retries: int = 3  # further tries after a 429 or 503
    backoff: float = 2.0  # first pause before a retry when the server gives no Retry-After
    max_wait: float = 120.0  # longest Retry-After or crawl delay honoured; longer means give up
    max_redirects: int = 5
    connections: int = 8  # requests in flight over all hosts


@dataclass
class Response:
    """What a server answered, kept with the document it became."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]  # the headers that matter (KEPT_HEADERS)
    reason: str = ""
    redirects: list[str] = field(default_factory=list)  # each address redirected to, in order
    fetched_at: str = ""
    body: bytes = b""  # decompressed

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def record(self) -> dict[str, object]:
        """The response without its body, as kept in a document's metadata."""
        return {"url": self.url, "final_url": self.final_url, "status": self.status, "headers": self.headers,
                "redirects": self.redirects, "fetched_at": self.fetched_at}


def size(n: int) -> str:
    """A byte count for people: 740 kB, 5.0 MB."""
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def normalise(url: str) -> str:
    """The address without its #fragment (the server never sees it)."""
    return urldefrag(url.strip())[0]


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from an earlier response's validators."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _Inflater:
    """gzip/deflate decompression that never produces more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding, self.limit, self.size = encoding, limit, 0
        self.obj: zlib._Decompress | None = None

    def _start(self, first: bytes) -> zlib._Decompress:
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes | None:
        """The decompressed bytes, or None once they pass the limit."""
        if self.obj is None:
            self.obj = self._start(data)
        parts = []
        while data:
            part = self.obj.decompress(data, self.limit - self.size + 1)
            self.size += len(part)
            if self.size > self.limit:
                return None
            parts.append(part)
            data = self.obj.unconsumed_tail
        return b"".join(parts)


class _Host:
    """Politeness towards one host: a few requests at a time, a pause between starts."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.lock = asyncio.Lock()
        self.delay = delay
        self.next_start = 0.0
        self.robots: RobotFileParser | None = None
        self.robots_lock = asyncio.Lock()
        self.robots_note = ""  # why everything is disallowed, when robots.txt could not be read

    async def turn(self) -> None:
        """Wait until this host may be asked again."""
        loop = asyncio.get_running_loop()
        async with self.lock:
            wait = self.next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start = loop.time() + self.delay

    def done(self) -> None:
        """An answer arrived: the next request waits `delay` from now too."""
        self.next_start = max(self.next_start, asyncio.get_running_loop().time() + self.delay)

    def pause(self, seconds: float) -> None:
        """A server asked us to back off: no request to it for `seconds`."""
        self.next_start = max(self.next_start, asyncio.get_running_loop().time() + seconds)


class Fetcher:
    """Fetches URLs politely. Use as `async with Fetcher(options) as f: await f.get(url)`."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.hosts: dict[str, _Host] = {}
        self.client: httpx.AsyncClient | None = None
        self.requests = 0  # sent, robots.txt included

    async def __aenter__(self) -> Fetcher:
        o = self.options
        self.client = httpx.AsyncClient(
            headers={"User-Agent": o.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(o.timeout), follow_redirects=False,
            limits=httpx.Limits(max_connections=o.connections))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.client is not None:
            await self.client.aclose()

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        if key not in self.hosts:
            self.hosts[key] = _Host(self.options.per_host, self.options.delay)
        return self.hosts[key]

    async def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET `url`, following redirects; a 304 comes back with an empty body."""
        url = normalise(url)
        if not is_url(url):
            raise FetchError(url, "is not an http(s) address; write it as https://host/path")
        hops: list[str] = []
        current = url
        while True:
            await self._check_robots(url, current)
            response = await self._request(url, current, dict(headers or {}))
            location = response.headers.get("location")
            if response.status in REDIRECTS and location:
                current = self._next_hop(url, current, location, hops)
                continue
            if response.status not in (200, 304):
                raise FetchError(url, f"{current} answered {response.status} {response.reason}"
                                      .rstrip() + "; check the address" + (" (or remove it)" if response.status < 500
                                                                            else " or try again later"))
            return replace(response, url=url, redirects=hops)

    def _next_hop(self, url: str, current: str, location: str, hops: list[str]) -> str:
        target = normalise(str(httpx.URL(current).join(location)))
        if not is_url(target):
            raise FetchError(url, f"redirects to {target!r}, which is not an http(s) address")
        if target in hops or target == url:
            raise FetchError(url, f"redirects in a loop ({' -> '.join([url, *hops, target])})")
        hops.append(target)
        if len(hops) > self.options.max_redirects:
            raise FetchError(url, f"redirects more than {self.options.max_redirects} times "
                                  f"({' -> '.join([url, *hops])}); give the final address instead")
        return target

    async def _request(self, url: str, current: str, headers: dict[str, str]) -> Response:
        """One address, retried on 429/503 as the server asks."""
        host = self._host(current)
        for attempt in range(self.options.retries + 1):
            response = await self._once(url, current, headers, host)
            if response.status not in RETRY:
                return response
            wait = retry_after(response.headers.get("retry-after"))
            wait = self.options.backoff * 2 ** attempt if wait is None else wait
            if wait > self.options.max_wait:
                raise FetchError(url, f"{current} answered {response.status} and asks to wait {wait:.0f} s, longer "
                                      f"than lagebild waits ({self.options.max_wait:.0f} s); try again later")
            if attempt == self.options.retries:
                break
            host.pause(wait)
        raise FetchError(url, f"{current} still answered {response.status} (busy or rate-limited) after "
                              f"{self.options.retries} retries; try again later or raise --delay")

    async def _once(self, url: str, current: str, headers: dict[str, str], host: _Host) -> Response:
        async with host.slots:
            await host.turn()
            try:
                async with asyncio.timeout(self.options.timeout * 3):
                    return await self._send(url, current, headers)
            except TimeoutError as exc:
                raise FetchError(url, f"{current} did not answer in full within {self.options.timeout * 3:.0f} s; "
                                      "try again later or raise --timeout") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"{current} did not answer within {self.options.timeout:.0f} s "
                                      f"({exc.__class__.__name__}); try again later or raise --timeout") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"{current} cannot be reached ({exc.__class__.__name__}: {exc}); "
                                      "check the address and the network") from exc
            finally:
                host.done()

    async def _send(self, url: str, current: str, headers: dict[str, str]) -> Response:
        assert self.client is not None, "use the Fetcher in `async with`"
        self.requests += 1
        async with self.client.stream("GET", current, headers=headers) as r:
            kept = {k: r.headers[k] for k in (*KEPT_HEADERS, "location") if k in r.headers}
            response = Response(url=url, final_url=current, status=r.status_code, headers=kept,
                                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"))
            if r.status_code != 200:
                response.reason = r.reason_phrase
                return response
            self._check_type(url, response)
            response.body = await self._read(url, r.aiter_raw(), response, self._limit(response))
            if response.media_type in GZIPPED:
                response.body = self._gunzip(url, response)
            return response

    def _limit(self, response: Response) -> int:
        listing = "xml" in response.media_type or response.media_type in GZIPPED
        return self.options.max_feed_bytes if listing else self.options.max_bytes

    def _gunzip(self, url: str, response: Response) -> bytes:
        """A gzip file (sitemap.xml.gz) unpacked, within the feed size limit."""
        try:
            body = _Inflater("gzip", self.options.max_feed_bytes).feed(response.body)
        except zlib.error as exc:
            raise FetchError(url, f"{response.final_url} is not a readable gzip file ({exc})") from exc
        if body is None:
            raise FetchError(url, f"{response.final_url} unpacks to more than {size(self.options.max_feed_bytes)}; "
                                  "refused as a possible compression bomb")
        return body

    @staticmethod
    def _check_type(url: str, response: Response) -> None:
        media = response.media_type
        if media and media not in READABLE + GZIPPED and not media.endswith("+xml"):
            raise FetchError(url, f"{response.final_url} serves {media}, not a web page, feed, sitemap, text or "
                                  "PDF; give the address of the article itself")

    async def _read(self, url: str, chunks: AsyncIterator[bytes], response: Response, limit: int) -> bytes:
        """The body, decompressed, refused past `limit` bytes (before or after decompression)."""
        declared = response.headers.get("content-length", "")
        mb = size(limit)
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"{response.final_url} is {size(int(declared))}, larger than the {mb} limit; "
                                  "raise --max-size if it really is one article")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"{response.final_url} sent content encoded as {encoding!r}, which lagebild "
                                  "did not ask for and cannot decode")
        inflater = _Inflater(encoding, limit) if encoding not in ("identity", "") else None
        parts, raw = [], 0
        async for chunk in chunks:
            raw += len(chunk)
            if raw > limit:
                raise FetchError(url, f"{response.final_url} sends more than the {mb} limit; raise --max-size "
                                      "if it really is one article")
            part = inflater.feed(chunk) if inflater else chunk
            if part is None:
                raise FetchError(url, f"{response.final_url}: its {encoding} body expands beyond the {mb} limit "
                                      f"from {size(raw)} sent; refused as a possible compression bomb")
            parts.append(part)
        return b"".join(parts)

    # -- robots.txt ----------------------------------------------------------------
    async def _check_robots(self, url: str, current: str) -> None:
        host = self._host(current)
        async with host.robots_lock:
            if host.robots is None:
                host.robots, host.robots_note = await self._load_robots(current)
                delay = host.robots.crawl_delay(ROBOTS_AGENT)
                if delay is not None:
                    host.delay = max(host.delay, min(float(delay), self.options.max_wait))
        if not host.robots.can_fetch(ROBOTS_AGENT, current):
            note = host.robots_note or f"{host_of(current)}/robots.txt disallows it for lagebild"
            raise FetchError(url, f"not fetched: {note}; lagebild honours robots.txt")

    async def _load_robots(self, current: str) -> tuple[RobotFileParser, str]:
        """The host's rules (RFC 9309): none when robots.txt is missing, everything
        disallowed when the server fails to give it."""
        parser = RobotFileParser()
        where = f"{host_of(current)}/robots.txt"
        try:
            response = await self._robots_response(where)
        except FetchError as exc:
            parser.parse(_DISALLOW_ALL)
            return parser, f"{where} could not be read ({exc.message}), so every path counts as disallowed"
        if response.status == 200:
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
        elif response.status >= 500:
            parser.parse(_DISALLOW_ALL)
            return parser, f"{where} answered {response.status}, so every path counts as disallowed"
        else:
            parser.parse([])
        return parser, ""

    async def _robots_response(self, where: str) -> Response:
        current = where
        hops: list[str] = []
        while True:
            response = await self._request(where, current, {})
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                return response
            current = self._next_hop(where, current, location, hops)
