"""The text blocks of an HTML page, and which of them the extractor left out.

trafilatura gives the article's text; the rest of the page (navigation, bylines, photo
captions and credits, teaser and link lists, footers) is gone without a word. Here the
page is read again as blocks: the visible text of each block-level element, in document
order (script, style, template, noscript and hidden elements skipped; `<br>` ends a
block). The blocks are then walked along the extracted lines: a block that is such a line
(or the next piece of it) is part of the text, every other block is dropped and placed
before the extracted line that follows it on the page. Each dropped block names what
held it: the nearest landmark (`nav`, `header`, `footer`, `aside`, `figcaption`, `form`,
or an ARIA role of that kind), whether it is only link text ("link list" for a list
item), else its own tag. The `clean` stage gives these blocks their reasons.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import PageBlock

# elements whose text is a block of its own
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
})
# elements whose text is never shown as page text
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "title", "meta", "link", "svg", "math",
                   "iframe", "object", "embed", "canvas", "select", "option", "textarea", "button"})
# elements and ARIA roles that mark a part of the page that is not the article
_LANDMARKS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "aside",
              "figcaption": "figcaption", "form": "form", "menu": "menu"}
_ROLES = {"navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside",
          "search": "form", "menu": "menu", "menubar": "menu"}
_SHORT = 25  # a block shorter than this is part of the text only as a whole line (not its prefix)


@dataclass
class _Run:
    """The text gathered for the block being read: its pieces and how much of it is link text."""

    parts: list[str] = field(default_factory=list)
    linked: int = 0
    total: int = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            size = len(text.strip())
            self.total += size
            self.linked += size if in_link else 0


@dataclass(frozen=True)
class _Found:
    text: str
    element: str


def _hidden(el: object) -> bool:
    get = getattr(el, "get", None)
    if get is None:
        return False
    style = (get("style") or "").replace(" ", "").lower()
    return get("hidden") is not None or get("aria-hidden") == "true" or "display:none" in style


def _describe(tag: str, landmark: str | None, run: _Run) -> str:
    links = run.total > 0 and run.linked >= 0.9 * run.total
    kind = ("link list" if tag in ("li", "ul", "ol", "menu") else "link") if links else None
    if landmark and kind:
        return f"{landmark}, {kind}"
    return landmark or kind or tag


def read_blocks(html: str) -> list[_Found]:
    """The visible text blocks of a page's body in document order ([] when it cannot be parsed)."""
    from lxml import etree
    from trafilatura import load_html

    try:
        tree = load_html(html)
    except (ValueError, etree.ParserError):
        return []
    if tree is None:
        return []
    body = tree.find(".//body")
    root = body if body is not None else tree
    out: list[_Found] = []
    run, blocks, links = _Run(), ["body"], 0
    landmarks: list[str | None] = [None]

    def flush() -> None:
        nonlocal run
        text = " ".join("".join(run.parts).split())
        if text:
            out.append(_Found(text, _describe(blocks[-1], landmarks[-1], run)))
        run = _Run()

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if not isinstance(el.tag, str):  # a comment or processing instruction: only its tail is text
            run.add(el.tail, links > 0)
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in _SKIP or _hidden(el):
                walker.skip_subtree()
                landmarks.append(landmarks[-1])  # balanced by its end event
                blocks.append(blocks[-1])
                continue
            if tag == "br" or tag in _BLOCKS:
                flush()
            role = _ROLES.get((el.get("role") or "").lower())
            landmarks.append(_LANDMARKS.get(tag) or role or landmarks[-1])
            blocks.append(tag if tag in _BLOCKS else blocks[-1])
            links += tag == "a"
            run.add(el.text, links > 0)
            continue
        skipped = tag in _SKIP or _hidden(el)
        if tag in _BLOCKS and not skipped:
            flush()
        links -= tag == "a" and not skipped
        landmarks.pop()
        blocks.pop()
        run.add(el.tail, links > 0)
    flush()
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def dropped_blocks(html: str, text: str, title: str | None = None) -> list[PageBlock]:
    """The blocks of the page that are not part of the extracted `text`, each placed before
    the line of `text` (0-based, as `text.split("\\n")`) that follows it on the page. A
    block that is the page's title is the title, not a dropped block."""
    lines = [_norm(line) for line in text.split("\n")]
    title_text = _norm(title or "")
    out: list[PageBlock] = []
    j, rest = 0, ""  # the next line to match, and what of a line begun is still unmatched
    for found in read_blocks(html):
        block = found.text
        if rest and rest.startswith(block):
            rest = rest[len(block):].lstrip()
            j += not rest
            continue
        k = next((k for k in range(j + bool(rest), len(lines))
                  if lines[k] == block or (len(block) >= _SHORT and lines[k].startswith(block))), None)
        if k is not None:
            rest = lines[k][len(block):].lstrip()
            j = k + (not rest)
            continue
        if block != title_text:
            out.append(PageBlock(block, found.element, j + bool(rest)))
    return out
