"""Feeds (RSS, Atom; via feedparser) and sitemaps: the article addresses they list.

Neither fetches anything: they turn bytes into `Item`s, which the fetcher then
fetches like any URL. A feed item's title and date travel with it, so that an
article page without a date still gets the one its feed gave.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from xml.sax import SAXException

from lxml import etree

from lagebild.errors import InputError

FEED_ROOTS = ("rss", "feed", "rdf")
SITEMAP_ROOTS = ("urlset", "sitemapindex")
FEED_SUFFIXES = (".xml", ".rss", ".atom")

_ROOT = re.compile(rb"<\s*(?:[\w.-]+:)?([A-Za-z][\w.-]*)")
_PROLOG = re.compile(rb"^(?:\s|\xef\xbb\xbf|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


@dataclass
class Item:
    """One article address found in a feed or sitemap, with what the list says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    listed_in: str | None = None  # the feed or sitemap


def root_name(body: bytes) -> str:
    """The lower-cased local name of the first element ("rss", "feed", "urlset", "html"), or ""."""
    head = body[:4096]
    prolog = _PROLOG.match(head)
    m = _ROOT.match(head, prolog.end() if prolog else 0)
    return m[1].decode("ascii", "replace").lower() if m else ""


def kind_of(body: bytes, media_type: str = "") -> str:
    """What a response or file is: feed, sitemap, pdf, html or text."""
    if body.startswith(b"%PDF") or media_type == "application/pdf":
        return "pdf"
    root = root_name(body)
    if root in FEED_ROOTS:
        return "feed"
    if root in SITEMAP_ROOTS:
        return "sitemap"
    if root in ("html", "head", "body") or "html" in media_type or re.match(rb"\s*<", body[:200]):
        return "html"
    return "text"


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def feed_items(body: bytes, where: str) -> list[Item]:
    """The entries of an RSS or Atom feed that link to a page (relative links resolved)."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": where, "content-type": "application/xml"})
    broken = isinstance(parsed.get("bozo_exception"), SAXException) or not parsed.get("version")
    if broken and not any(entry.get("link") for entry in parsed.entries):
        raise InputError(where, f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception')}); "
                                "check that the address is the feed itself")
    language = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        items.append(Item(url=link, title=entry.get("title") or None, published=published,
                          language=language, listed_in=where))
    return items


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def sitemap_entries(body: bytes, where: str) -> tuple[list[Item], list[str]]:
    """(pages, child sitemaps) of a sitemap or sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"is not a readable sitemap ({exc}); check that the address is the sitemap "
                                "itself") from exc
    pages, children = [], []
    for entry in root:
        # a news sitemap nests <news:publication_date> and <news:title>; lastmod is no publication date
        fields = {_local(child.tag): (child.text or "").strip() for child in entry.iter()}
        loc = fields.get("loc")
        if not loc:
            continue
        if _local(root.tag) == "sitemapindex":
            children.append(loc)
        else:
            pages.append(Item(url=loc, title=fields.get("title") or None,
                              published=fields.get("publication_date", "")[:10] or None, listed_in=where))
    return pages, children
