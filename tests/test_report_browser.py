"""The written HTML report in real headless Chromium: no request leaves the file,
the charts render with a size, claim links land on their sentence; a screenshot
of the top of the page goes to docs/report.png."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from lagebild.api import analyze
from lagebild.report import write_report

# docs/report.png is refreshed only on request (LAGEBILD_SCREENSHOTS=1), so a test run
# leaves the checkout clean
SCREENSHOT = (ROOT / "docs" if os.environ.get("LAGEBILD_SCREENSHOTS") else Path(tempfile.gettempdir())) / "report.png"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    corpus = analyze([EXAMPLES], db=f"sqlite:///{folder / 'ex.db'}", workers=0)
    return write_report(corpus, folder / "report.html")


@pytest.fixture(scope="module")
def page(browser: Any, report_file: Path) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, device_scale_factor=1)
    requests: list[str] = []

    def guard(route: Any) -> None:
        requests.append(route.request.url)
        if route.request.url == report_file.as_uri():
            route.continue_()
        else:
            route.abort()

    pg = context.new_page()
    pg.route("**/*", guard)
    pg.goto(report_file.as_uri(), wait_until="load")
    yield pg, requests
    context.close()


@pytest.mark.parametrize("allowed", [1])
def test_report_browser_makes_no_request_but_the_file(page: tuple[Any, list[str]], report_file: Path,
                                                      allowed: int) -> None:
    _, requests = page
    assert requests == [report_file.as_uri()] * allowed


@pytest.mark.parametrize("selector, minimum", [("svg.figures", 2), ("svg.timeline", 1), ("svg.network", 1)])
def test_report_browser_charts_have_size(page: tuple[Any, list[str]], selector: str, minimum: int) -> None:
    pg, _ = page
    boxes = [el.bounding_box() for el in pg.query_selector_all(selector)]
    assert len(boxes) >= minimum
    assert all(b is not None and b["width"] > 100 and b["height"] > 30 for b in boxes)


@pytest.mark.parametrize("chart", ["svg.figures"])
def test_report_browser_claim_link_opens_its_sentence(page: tuple[Any, list[str]], chart: str) -> None:
    pg, _ = page
    link = pg.query_selector(f"{chart} a")
    target = link.get_attribute("href")
    link.click()
    sentence = pg.locator(target)
    sentence.wait_for(state="visible", timeout=3000)
    assert sentence.is_visible() and sentence.inner_text().strip()
    pg.goto(pg.url.split("#")[0])


@pytest.mark.parametrize("height", [1400])
def test_report_browser_screenshot(page: tuple[Any, list[str]], height: int) -> None:
    pg, _ = page
    pg.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    pg.screenshot(path=str(SCREENSHOT), clip={"x": 0, "y": 0, "width": 1280, "height": height})
    assert 10_000 < SCREENSHOT.stat().st_size < 1_000_000
