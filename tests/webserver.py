"""A real HTTP server on 127.0.0.1 for the fetching tests, with a request log.

Each `Route` says what one path answers: a body with headers, a status (or a
sequence of statuses, one per request), validators for conditional requests, a
pause before answering or between chunks. The log records every request (time,
path, headers) and how many were in flight, so tests assert politeness from it.
"""
from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | list[bytes] = b""  # a list: one version per request, the last one repeated
    content_type: str = "text/html; charset=utf-8"
    status: int | list[int] = 200  # a list: one status per request, the last one repeated
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    pause: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between chunks of 64 bytes
    gzip: bool = False
    send_length: bool = True
    hits: int = 0

    def pick(self, value: object) -> object:
        if isinstance(value, list):
            return value[min(self.hits - 1, len(value) - 1)]
        return value


@dataclass
class Hit:
    at: float
    path: str
    headers: dict[str, str]
    in_flight: int


class Site:
    """Routes by path; `url(path)` gives the address; `log` what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                with site.lock:
                    site.in_flight += 1
                    site.log.append(Hit(time.monotonic(), self.path, dict(self.headers.items()), site.in_flight))
                    route = site.routes.get(self.path)
                    if route is not None:
                        route.hits += 1
                try:
                    site.answer(self, route)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site.lock:
                        site.in_flight -= 1

        return Handler

    def answer(self, h: BaseHTTPRequestHandler, route: Route | None) -> None:
        if route is None:
            return self._send(h, 404, {"Content-Type": "text/plain"}, b"not here")
        time.sleep(route.pause)
        status = int(route.pick(route.status))  # type: ignore[call-overload]
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if status == 200 and self._unchanged(h, route):
            return self._send(h, 304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
        body = route.pick(route.body) if status == 200 else b""
        assert isinstance(body, bytes)
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(h, status, headers, body, route.drip, route.send_length)

    @staticmethod
    def _unchanged(h: BaseHTTPRequestHandler, route: Route) -> bool:
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            return True
        return bool(route.last_modified and h.headers.get("If-Modified-Since") == route.last_modified)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes, drip: float = 0.0,
              send_length: bool = True) -> None:
        h.send_response(status)
        for key, value in headers.items():
            h.send_header(key, value)
        if send_length or status != 200:
            h.send_header("Content-Length", str(len(body)))
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        if not drip:
            h.wfile.write(body)
            return
        for start in range(0, len(body), 64):
            h.wfile.write(body[start:start + 64])
            h.wfile.flush()
            time.sleep(drip)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve() -> Iterator[Site]:
    with Site() as site:
        yield site


def article(title: str, paragraphs: list[str], site_name: str | None = "Valley Courier",
            date: str | None = "2024-03-02", lang: str = "en") -> bytes:
    """An article page as outlets write them: metadata in the head, the text in <article>."""
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    meta += f'<meta name="date" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
            f'<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>{title}</h1>{body}'
            f"</article><footer>Contact us</footer></body></html>").encode()


def rss(items: list[tuple[str, str, str]], title: str = "Valley Courier news") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                      for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><language>en</language>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (link, title, ISO date) entries."""
    entries = "".join(f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated></entry>'
                      for link, t, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Harbour Gazette</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>"
            ).encode()


def sitemap(locs: list[str], index: bool = False) -> bytes:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if index:
        inner = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
        return f'<?xml version="1.0"?><sitemapindex {ns}>{inner}</sitemapindex>'.encode()
    inner = "".join(f"<url><loc>{loc}</loc><lastmod>2020-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset {ns}>{inner}</urlset>'.encode()
