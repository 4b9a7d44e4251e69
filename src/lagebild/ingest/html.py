"""An HTML page to a Document: main text and metadata from one trafilatura pass.

The page's other text blocks (navigation, bylines, captions, link lists, footers) go to
`Document.dropped` (see `page_blocks`), so the `clean` stage can show why each is gone.

The outlet is the site's own name (og:site_name and the like) or, failing that,
the registrable domain of its address (`www.bbc.co.uk` -> `bbc.co.uk`); the
language is the page's `<html lang>` when it names one, else detected.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lagebild.errors import InputError
from lagebild.ingest.metadata import iso_from
from lagebild.ingest.page_blocks import dropped_blocks
from lagebild.model import Document

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


def registrable_domain(url_or_host: str | None) -> str | None:
    """`https://www.bbc.co.uk/news` -> `bbc.co.uk`; an IP address or unknown suffix -> the host."""
    if not url_or_host:
        return None
    from tld import get_fld

    url = url_or_host if "://" in url_or_host else f"http://{url_or_host}"
    host = urlsplit(url).hostname
    return get_fld(url, fail_silently=True) or host or None


def outlet_of(sitename: str | None, url: str | None) -> str | None:
    """The site's name, unless it is only its host name (trafilatura's fallback), then the
    registrable domain."""
    name = (sitename or "").strip()
    parts = urlsplit(url if url and "://" in url else f"http://{url or ''}")
    if not name or len(name) > 100 or name.lower() in (parts.netloc.lower(), parts.hostname or ""):
        return registrable_domain(url)
    return name


def page_language(html: str) -> str | None:
    """The two-letter code of `<html lang="de-CH">`, or None."""
    m = _HTML_LANG.search(html[:5000])
    return m[1].lower()[:2] if m else None


def html_to_document(html: str, doc_id: str, source: str, url: str | None = None) -> Document | InputError:
    """Main text and metadata of an HTML page; an InputError when it holds no article text."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True, deduplicate=False)
    text = getattr(found, "text", None) or ""
    if not text.strip():
        return InputError(source, "no article text found in this HTML page (only navigation, scripts or "
                                  "markup); check that it is an article page")
    doc = Document(id=doc_id, source=source, raw=html, raw_format="html", raw_text=text,
                   url=url or getattr(found, "url", None) or None)
    doc.title = getattr(found, "title", None) or None
    doc.dropped = dropped_blocks(html, text, doc.title)
    doc.outlet = outlet_of(getattr(found, "sitename", None), doc.url or getattr(found, "hostname", None))
    doc.published = iso_from(getattr(found, "date", None))
    doc.language = page_language(html)
    author = getattr(found, "author", None)
    if author:
        doc.meta["author"] = author
    return doc
