"""Every page of the web UI in real Chromium at desktop and phone width, in light and
dark mode: nothing wider than the phone's screen, a dark page in dark mode; keyboard-only
navigation reaches a claim's evidence and shows its details; a permalink lands below the
sticky header. Screenshots of some views go to docs/ when LAGEBILD_SCREENSHOTS=1."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from test_web import build_corpus
from test_web_browser import DOCS, MAX_SCREENSHOT, serving

DOC_ID = "02_abendpost_kursk"
PAGES = ["/", "/documents", "/claims", "/conflicts", "/timeline", "/entities", "/entities/Kursk",
         "/search?q=Soldaten", f"/documents/{DOC_ID}"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = {("/conflicts", "desktop", "light"): "web-conflicts.png",
         ("/claims", "phone", "dark"): "web-claims-phone-dark.png", ("/", "desktop", "dark"): "web-overview-dark.png"}
LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_corpus(tmp_path_factory.mktemp("views"), xss=False)) as base:
        yield base


def _page(browser: Any, viewport: str, scheme: str) -> Any:
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_web_views_every_page_fits_and_follows_the_colour_scheme(browser: Any, site: str, viewport: str,
                                                                  scheme: str) -> None:
    page = _page(browser, viewport, scheme)
    try:
        for path in PAGES:
            page.goto(site + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"] + 1, f"{path} is {width} px wide at {viewport} width"
            luminance = page.evaluate(LUMINANCE)
            assert (luminance < 0.2) if scheme == "dark" else (luminance > 0.8), (path, luminance)
            if (shot := SHOTS.get((path, viewport, scheme))):
                DOCS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(DOCS / shot))
                assert (DOCS / shot).stat().st_size < MAX_SCREENSHOT
        assert page.errors == []
    finally:
        page.context.close()


def test_web_views_keyboard_reaches_a_claims_evidence(browser: Any, site: str) -> None:
    page = _page(browser, "desktop", "light")
    try:
        page.goto(f"{site}/documents/{DOC_ID}")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.name") == "q"
        page.evaluate("document.activeElement.blur()")
        for _ in range(400):  # Tab only, from the top of the page
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.ann.claim')"):
                break
        else:
            pytest.fail("Tab never reached a claim highlight")
        detail = page.locator("#ann-detail").inner_text()
        assert detail.startswith("Zahl:") and "Quelle:" in detail
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_web_views_permalink_lands_below_the_sticky_header(browser: Any, site: str, viewport: str) -> None:
    page = _page(browser, viewport, "light")
    try:
        page.goto(f"{site}/documents/{DOC_ID}")
        last = page.locator(".ann.claim[id]").last.get_attribute("id")
        page.goto(f"{site}/documents/{DOC_ID}#{last}")
        header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().bottom")
        top = page.evaluate(f"document.getElementById('{last}').getBoundingClientRect().top")
        assert top >= header, (top, header)
    finally:
        page.context.close()


def test_web_views_conflict_cards_in_english(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from lagebild.web import create_app  # noqa: F401  (the app serving() builds takes the language below)

    db = build_corpus(tmp_path_factory.mktemp("views-en"), xss=False)
    with serving(db, ui_language="en") as base:
        page = _page(browser, "desktop", "light")
        try:
            page.goto(base + "/conflicts")
            reasons = page.locator("p.reason").all_inner_texts()
            assert reasons and all(" and " in r for r in reasons)
            assert page.locator(".badge").first.inner_text().lower() in ("agree", "differ", "conflict")
            assert page.locator("ul.legend").first.inner_text().count("\n") >= 4
        finally:
            page.context.close()
