"""Fetching from a real HTTP server on 127.0.0.1: politeness (asserted from the
server's request log), redirects, errors, size caps, compression bombs, content
types and conditional requests."""
from __future__ import annotations

import gzip
import time

import pytest

from lagebild.errors import InputError
from lagebild.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions, retry_after
from lagebild.ingest.outcome import Skipped, Unchanged
from lagebild.ingest.web import WebOptions, fetch_all, url_id
from lagebild.model import Document
from webserver import Route, Site, article, atom, rss, sitemap

FAST = FetchOptions(delay=0.05, timeout=2.0, backoff=0.05)
FLOOD = ["The river rose by two metres overnight and flooded the lower town, the mayor said on Tuesday.",
         "About 300 residents spent the night in the school gym, according to the fire brigade.",
         "Engineers expect the water to fall again by Thursday if the rain stops."]
MATCH = ["The home side won the cup final 3-1 in front of 40,000 spectators on Saturday evening.",
         "Their coach said the squad had trained twice a day for the last two weeks.",
         "The club will parade the trophy through the old town on Sunday afternoon."]


def _fetch(urls: list[str], options: FetchOptions = FAST, **web: object) -> list:
    return fetch_all(urls, options=WebOptions(fetch=options, **web))  # type: ignore[arg-type]


def _get(url: str, options: FetchOptions = FAST, headers: dict[str, str] | None = None):
    import asyncio

    async def go():
        async with Fetcher(options) as f:
            return await f.get(url, headers)

    return asyncio.run(go())


def _flood(i: int) -> list[str]:
    """Paragraphs of report `i` (trafilatura drops paragraphs it has seen before, so each differs)."""
    return [p.replace(".", f" (report {i}).") for p in FLOOD]


def _match(i: int) -> list[str]:
    return [p.replace(".", f" (match {i}).") for p in MATCH]


def _pages(site: Site, n: int) -> list[str]:
    for i in range(n):
        site.routes[f"/p{i}"] = Route(body=article(f"Flood report {i}", _flood(i)))
    return [site.url(f"/p{i}") for i in range(n)]


@pytest.mark.parametrize("site_name, outlet", [("Valley Courier", "Valley Courier"), (None, "127.0.0.1")])
def test_fetch_article_becomes_a_document_with_its_response(site: Site, site_name: str | None, outlet: str) -> None:
    site.routes["/news/flood"] = Route(body=article("Flood in the lower town", FLOOD, site_name=site_name))
    (doc,) = _fetch([site.url("/news/flood")])
    assert isinstance(doc, Document)
    assert doc.id == url_id(site.url("/news/flood")) and doc.id.startswith("127.0.0.1_")
    assert (doc.title, doc.outlet, doc.published, doc.language) == ("Flood in the lower town", outlet, "2024-03-02",
                                                                    "en")
    assert "300 residents" in doc.raw_text and "Contact us" not in doc.raw_text
    fetch = doc.meta["fetch"]
    assert fetch["status"] == 200 and fetch["final_url"] == site.url("/news/flood") and fetch["fetched_at"]
    assert fetch["headers"]["content-type"].startswith("text/html")


def test_fetch_sends_a_clear_user_agent_and_asks_for_robots_txt_first(site: Site) -> None:
    _fetch(_pages(site, 1))
    assert [h.path for h in site.log] == ["/robots.txt", "/p0"]
    assert all(h.headers["User-Agent"] == USER_AGENT and "lagebild" in USER_AGENT for h in site.log)


@pytest.mark.parametrize("rules", ["User-agent: *\nDisallow: /p1\n", "User-agent: lagebild\nDisallow: /p1\n"])
def test_fetch_honours_robots_txt(site: Site, rules: str) -> None:
    site.routes["/robots.txt"] = Route(body=rules.encode(), content_type="text/plain")
    out = _fetch(_pages(site, 2))
    assert isinstance(out[0], Document)
    assert isinstance(out[1], FetchError) and "robots.txt disallows" in out[1].message
    assert not site.hits("/p1")  # never asked for


@pytest.mark.parametrize("status", [500, 503])
def test_fetch_a_failing_robots_txt_disallows_everything(site: Site, status: int) -> None:
    site.routes["/robots.txt"] = Route(status=status, headers={"Retry-After": "0"})
    (out,) = _fetch(_pages(site, 1))
    assert isinstance(out, FetchError) and "counts as disallowed" in out.message
    assert not site.hits("/p0")


def test_fetch_keeps_the_delay_per_host_and_asks_two_hosts_at_once(site: Site, other_site: Site) -> None:
    delay = 0.5
    urls = _pages(site, 4) + _pages(other_site, 4)
    start = time.monotonic()
    out = _fetch(urls, FetchOptions(delay=delay, timeout=5))
    elapsed = time.monotonic() - start
    assert all(isinstance(d, Document) for d in out)
    for s in (site, other_site):
        times = [h.at for h in s.log]  # robots.txt and four pages
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        # arrivals jitter by a few ms on a busy machine; the client spaces its requests by `delay`
        assert len(times) == 5 and min(gaps) >= delay - 0.05 and times[-1] - times[0] >= 4 * delay - 0.05, gaps
    # the two hosts were asked in parallel: well under the 9 delays one queue would take
    assert elapsed < delay * 8


@pytest.mark.parametrize("per_host", [1, 2])
def test_fetch_never_has_more_than_per_host_requests_in_flight(site: Site, per_host: int) -> None:
    # the server answers in parallel (one thread a request): only the client's limit holds it back
    for i in range(5):
        site.routes[f"/slow{i}"] = Route(body=article(f"Match {i}", _match(i)), pause=0.3)
    out = _fetch([site.url(f"/slow{i}") for i in range(5)], FetchOptions(delay=0.0, per_host=per_host, timeout=5))
    assert all(isinstance(d, Document) for d in out)
    assert max(h.in_flight for h in site.log) == per_host


def test_fetch_follows_redirects_and_records_them(site: Site) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/moved"})
    site.routes["/moved"] = Route(status=302, headers={"Location": site.url("/news/flood")})
    site.routes["/news/flood"] = Route(body=article("Flood", FLOOD))
    (doc,) = _fetch([site.url("/old")])
    assert doc.url == site.url("/news/flood") and doc.id == url_id(site.url("/old"))
    assert doc.meta["fetch"]["redirects"] == [site.url("/moved"), site.url("/news/flood")]


@pytest.mark.parametrize("routes, message", [
    ({"/a": Route(status=301, headers={"Location": "/b"}), "/b": Route(status=301, headers={"Location": "/a"})},
     "in a loop"),
    ({f"/r{i}": Route(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(8)}, "more than 5 times"),
])
def test_fetch_refuses_redirect_loops_and_chains(site: Site, routes: dict[str, Route], message: str) -> None:
    site.routes.update(routes)
    with pytest.raises(FetchError, match=message):
        _get(site.url(next(iter(routes))))


@pytest.mark.parametrize("status, retry, waited", [(429, "1", 1.0), (503, None, 0.05 + 0.1)])
def test_fetch_retries_429_and_503_after_the_pause_asked_for(site: Site, status: int, retry: str | None,
                                                             waited: float) -> None:
    headers = {"Retry-After": retry} if retry else {}
    site.routes["/busy"] = Route(body=article("Match", MATCH), status=[status, status, 200], headers=headers)
    response = _get(site.url("/busy"))
    assert response.status == 200
    hits = site.hits("/busy")
    assert len(hits) == 3
    assert hits[2].at - hits[0].at >= waited * 0.95


def test_fetch_gives_up_when_asked_to_wait_too_long(site: Site) -> None:
    site.routes["/busy"] = Route(status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="asks to wait 3600 s"):
        _get(site.url("/busy"))
    assert len(site.hits("/busy")) == 1


def test_fetch_gives_up_after_the_retries(site: Site) -> None:
    site.routes["/down"] = Route(status=503, headers={"Retry-After": "0"})
    with pytest.raises(FetchError, match="after 3 retries"):
        _get(site.url("/down"))
    assert len(site.hits("/down")) == 4


@pytest.mark.parametrize("route, message", [
    (None, "answered 404"),
    (Route(status=410), "answered 410"),
    (Route(body=b"\x89PNG....", content_type="image/png"), "serves image/png"),
    (Route(body=b"x" * 3000, content_type="text/plain"), "3 kB, larger than the 2 kB limit"),
    (Route(body=b"x" * 3000, content_type="text/plain", send_length=False), "sends more than"),
    (Route(body=article("Slow", FLOOD), pause=1.5), "did not answer within"),
    (Route(body=article("Drip", FLOOD), drip=0.2), "did not answer in full"),
])
def test_fetch_errors_say_what_happened(site: Site, route: Route | None, message: str) -> None:
    if route is not None:
        site.routes["/x"] = route
    options = FetchOptions(delay=0, timeout=0.5, max_bytes=2000, retries=0)
    with pytest.raises(FetchError, match=message):
        _get(site.url("/x"), options)


def test_fetch_refuses_a_gzip_bomb_but_reads_gzip(site: Site) -> None:
    site.routes["/page"] = Route(body=article("Flood", FLOOD), gzip=True)
    site.routes["/bomb"] = Route(body=b"\0" * 50_000_000, gzip=True)
    assert b"300 residents" in _get(site.url("/page")).body
    started = time.monotonic()
    with pytest.raises(FetchError, match="compression bomb"):
        _get(site.url("/bomb"))
    assert time.monotonic() - started < 5
    assert len(gzip.compress(b"\0" * 50_000_000)) < 100_000  # what was sent: a small body


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_fetch_a_second_run_asks_only_whether_pages_changed(site: Site, validator: str) -> None:
    from lagebild.api import FetchMemory
    from lagebild.store import Store

    value = '"v1"' if validator == "etag" else "Sat, 02 Mar 2024 10:00:00 GMT"
    site.routes["/p"] = Route(body=article("Flood", FLOOD), **{validator: value})
    store = Store("sqlite://")
    memory = FetchMemory(store)
    (doc,) = fetch_all([site.url("/p")], memory=memory, options=WebOptions(fetch=FAST))
    store.save(doc)
    (again,) = fetch_all([site.url("/p")], memory=memory, options=WebOptions(fetch=FAST))
    assert again == Unchanged(site.url("/p"), doc.id)
    first, second = site.hits("/p")
    header = "If-None-Match" if validator == "etag" else "If-Modified-Since"
    assert header not in first.headers and second.headers[header] == value


def test_fetch_reads_the_items_of_rss_and_atom_feeds(site: Site) -> None:
    _pages(site, 3)
    site.routes["/rss"] = Route(body=rss([(site.url("/p0"), "First", "Tue, 05 Mar 2024 10:00:00 GMT"),
                                          ("/p1", "Second", "Wed, 06 Mar 2024 10:00:00 GMT")]),
                                content_type="application/rss+xml")
    site.routes["/atom"] = Route(body=atom([(site.url("/p2"), "Third", "2024-03-07T08:00:00Z")]),
                                 content_type="application/atom+xml")
    docs = _fetch([site.url("/rss"), site.url("/atom")])
    assert [(d.url, d.published) for d in docs] == [(site.url("/p0"), "2024-03-05"), (site.url("/p1"), "2024-03-06"),
                                                    (site.url("/p2"), "2024-03-07")]
    assert docs[0].meta["listed_in"] == site.url("/rss")


def test_fetch_reads_sitemaps_and_sitemap_indexes(site: Site) -> None:
    urls = _pages(site, 3)
    site.routes["/sitemap-a.xml"] = Route(body=sitemap(urls[:2]), content_type="application/xml")
    site.routes["/sitemap-b.xml"] = Route(body=sitemap(urls[2:]), content_type="text/xml")
    site.routes["/sitemap.xml"] = Route(body=sitemap([site.url("/sitemap-a.xml"), site.url("/sitemap-b.xml")],
                                                     index=True), content_type="application/xml")
    docs = _fetch([site.url("/sitemap.xml")])
    assert sorted(d.url for d in docs) == urls
    assert all(d.published == "2024-03-02" for d in docs)  # the page's date, not the sitemap's lastmod


def test_fetch_reads_a_gzipped_sitemap(site: Site) -> None:
    urls = _pages(site, 2)
    site.routes["/sitemap.xml.gz"] = Route(body=gzip.compress(sitemap(urls)), content_type="application/x-gzip")
    docs = _fetch([site.url("/sitemap.xml.gz")])
    assert sorted(d.url for d in docs) == urls


def test_fetch_takes_at_most_max_items_from_a_feed(site: Site) -> None:
    urls = _pages(site, 4)
    site.routes["/rss"] = Route(body=rss([(u, "x", "Tue, 05 Mar 2024 10:00:00 GMT") for u in urls]),
                                content_type="application/rss+xml")
    out = _fetch([site.url("/rss")], max_items=2)
    assert isinstance(out[0], Skipped) and "only the first 2" in out[0].reason
    assert len([d for d in out if isinstance(d, Document)]) == 2 and not site.hits("/p3")


def test_fetch_a_broken_feed_is_an_input_error(site: Site) -> None:
    site.routes["/rss"] = Route(body=b"<rss><channel><item><title>unclosed", content_type="application/rss+xml")
    (out,) = _fetch([site.url("/rss")])
    assert isinstance(out, InputError) and out.source == site.url("/rss")
    site.routes["/empty"] = Route(body=rss([]), content_type="application/rss+xml")
    (out,) = _fetch([site.url("/empty")])
    assert isinstance(out, Skipped) and "lists no article addresses" in out.reason


@pytest.mark.parametrize("value, seconds", [("120", 120.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None),
                                            (None, None)])
def test_fetch_retry_after_values(value: str | None, seconds: float | None) -> None:
    assert retry_after(value) == seconds


def test_fetch_works_from_inside_a_running_event_loop(site: Site) -> None:
    import asyncio

    _pages(site, 1)

    async def notebook_cell() -> list:
        return _fetch([site.url("/p0")])

    (doc,) = asyncio.run(notebook_cell())
    assert isinstance(doc, Document)


def test_fetch_stream_hands_on_a_window_before_asking_for_the_next(site: Site) -> None:
    from lagebild.ingest.web import fetch_stream

    urls = _pages(site, 5)
    outcomes = fetch_stream(urls, options=WebOptions(fetch=FAST), window=2)
    first = next(outcomes)
    assert isinstance(first, Document)
    assert site.hits("/p0") and not site.hits("/p2") and not site.hits("/p4")
    rest = list(outcomes)
    assert [d.url for d in [first, *rest]] == urls
