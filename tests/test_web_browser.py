"""The web UI in a real headless Chromium, served by uvicorn on 127.0.0.1 (a free port).

Every request the pages make is checked to stay on the local server; the XSS article's
payloads must neither open a dialog nor run. Saves docs/web-overview.png and
docs/web-document.png.
"""
from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from conftest import ROOT
from lagebild.web import create_app
from test_web import XSS_ID, build_corpus

# docs/web-*.png are refreshed only on request (LAGEBILD_SCREENSHOTS=1); otherwise a temp dir
DOCS = ROOT / "docs" if os.environ.get("LAGEBILD_SCREENSHOTS") else Path(tempfile.gettempdir()) / "lagebild-web"
MAX_SCREENSHOT = 500_000


@contextmanager
def serving(db_url: str, ui_language: str = "de") -> Iterator[str]:
    """The app under uvicorn on 127.0.0.1, on a port the OS picks, in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db_url, ui_language=ui_language), log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """examples/corpus plus the XSS article."""
    with serving(build_corpus(tmp_path_factory.mktemp("browser"))) as base:
        yield base


@pytest.fixture(scope="module")
def clean_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """examples/corpus only, for the screenshots in docs/."""
    with serving(build_corpus(tmp_path_factory.mktemp("clean"), xss=False)) as base:
        yield base


@dataclass
class Watch:
    """What a page did that it should not: dialogs, script errors, requests leaving the server."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    watch = Watch()

    def route(r: Any) -> None:
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            watch.foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(10_000)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    pg.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    try:
        yield pg, watch
    finally:
        context.close()


def _clean(watch: Watch) -> None:
    assert watch.dialogs == [] and watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize(("link", "heading"), [
    ("Artikel", "Artikel"), ("Zahlen", "Zahlenangaben"), ("Widersprüche", "Zahlen im Vergleich"),
    ("Zeitleiste", "Zeitleiste"), ("Entitäten", "Entitäten"), ("Überblick", "Lagebild"),
])
def test_web_browser_navigates_every_page(page: tuple[Any, Watch], server: str, link: str, heading: str) -> None:
    pg, watch = page
    pg.goto(server + "/")
    pg.locator("header nav").get_by_role("link", name=link, exact=True).click()
    pg.wait_for_load_state()
    assert pg.locator("h1").first.inner_text().strip() == heading
    assert pg.locator("header nav a.active").inner_text() == link
    _clean(watch)


@pytest.mark.parametrize("field_", ["outlet", "language"])
def test_web_browser_filters_documents(page: tuple[Any, Watch], server: str, field_: str) -> None:
    pg, watch = page
    pg.goto(server + "/documents")
    everything = pg.locator("#documents tr").count() - 1
    select = pg.locator(f"select[name={field_}]")
    value = select.locator("option").nth(1).get_attribute("value")
    with pg.expect_navigation():
        select.select_option(value)  # the form submits itself on change (app.js)
    assert f"{field_}=" in pg.url
    rows = pg.locator("#documents tr").count() - 1
    assert 0 < rows < everything
    column = 3 if field_ == "outlet" else 4
    cells = pg.locator(f"#documents tr td:nth-child({column})").all_inner_texts()
    assert set(cells) == {value}
    _clean(watch)


@pytest.mark.parametrize("hedged", ["yes"])
def test_web_browser_filters_and_sorts_claims(page: tuple[Any, Watch], server: str, hedged: str) -> None:
    pg, watch = page
    pg.goto(server + "/claims")
    with pg.expect_navigation():
        pg.locator("select[name=hedged]").select_option(hedged)
    rows = pg.locator("#claims tr:has(td)")
    assert rows.count() > 0 and rows.count() == pg.locator("#claims tr td .hedge").count()
    pg.locator("#claims th a", has_text="Wert").click()
    pg.wait_for_load_state()
    assert "sort=value" in pg.url and "hedged=yes" in pg.url
    values = [float(v.lstrip("~>≤ ").split("–")[0].replace(".", "").replace(",", "."))
              for v in pg.locator("#claims tr td:nth-child(1)").all_inner_texts()]
    assert values == sorted(values)
    assert "hedged=yes" in (pg.locator("#csv").get_attribute("href") or "")
    _clean(watch)


@pytest.mark.parametrize("query", ["Soldaten"])
def test_web_browser_search(page: tuple[Any, Watch], server: str, query: str) -> None:
    pg, watch = page
    pg.goto(server + "/")
    box = pg.locator("header input[name=q]")
    box.fill(query)
    with pg.expect_navigation():
        box.press("Enter")
    assert pg.locator("#hits li.hit").count() > 0
    marks = pg.locator("#hits mark").all_inner_texts()
    assert marks and all(m.lower() == query.lower() for m in marks)
    _clean(watch)


@pytest.mark.parametrize("doc_id", ["02_abendpost_kursk"])
def test_web_browser_document_highlights(page: tuple[Any, Watch], clean_server: str, doc_id: str) -> None:
    pg, watch = page
    server = clean_server
    pg.goto(server + "/documents")
    pg.locator(f'#documents a[href="/documents/{doc_id}"]').click()
    pg.wait_for_load_state()
    text = pg.locator("#doctext")
    for css in (".ann.ent", ".ann.time", ".ann.claim", "p.removed"):
        assert text.locator(css).count() > 0, css
    claim = text.locator(".ann.claim").first
    assert "Quelle:" in (claim.get_attribute("title") or "")
    assert "rgba(0, 0, 0, 0)" != text.locator(".ann.ent").first.evaluate("e => getComputedStyle(e).backgroundColor")
    DOCS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(DOCS / "web-document.png"))
    assert (DOCS / "web-document.png").stat().st_size < MAX_SCREENSHOT
    pg.locator("#layers input[data-layer=ent]").uncheck()
    assert "hide-ent" in (text.get_attribute("class") or "")
    _clean(watch)


@pytest.mark.parametrize("path", ["/"])
def test_web_browser_overview_screenshot(page: tuple[Any, Watch], clean_server: str, path: str) -> None:
    pg, watch = page
    pg.goto(clean_server + path)
    assert pg.locator(".stat").count() >= 5 and pg.locator("svg.timeline circle").count() > 0
    DOCS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(DOCS / "web-overview.png"), full_page=True)
    assert (DOCS / "web-overview.png").stat().st_size < MAX_SCREENSHOT
    _clean(watch)


PROVOKE = """() => {
  for (const e of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'click', 'focus', 'load', 'error']) {
      if (type === 'click' && (e.tagName === 'A' || e.tagName === 'BUTTON' || e.tagName === 'INPUT')) continue;
      e.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  return window.__xss === undefined;
}"""


@pytest.mark.parametrize("path", [f"/documents/{XSS_ID}", "/search?q=alert+window", "/claims", "/conflicts", "/",
                                  "/documents", "/timeline", "/entities/Kursk"])
def test_web_browser_xss_does_not_run(page: tuple[Any, Watch], server: str, path: str) -> None:
    pg, watch = page
    pg.goto(server + path)
    pg.wait_for_load_state("load")
    assert pg.evaluate(PROVOKE) is True
    assert pg.evaluate("window.__xss") is None
    assert pg.locator("#doctext img, #doctext svg, #doctext script, .snippet script").count() == 0
    _clean(watch)
