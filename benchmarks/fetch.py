#!/usr/bin/env python3
"""Fetching and analyzing articles from a local server (127.0.0.1), end to end.

usage: .venv/bin/python benchmarks/fetch.py [--docs 200] [--workers 2] [--per-host 4]

Serves --docs invented article pages (English and German, half of them without
`<html lang>`, with a sitemap and a robots.txt) from tests/webserver.py, then measures in one process:

1. fetch only: every page through lagebild's Fetcher (robots.txt, per-host limit,
   no delay: the server is local and politeness is not what is measured);
2. HTML ingest: lagebild's `html_to_document` (trafilatura in one pass, outlet,
   language, dateline, hash) against trafilatura's own `bare_extraction` with
   metadata and `extract` on the same pages; the target is at most 1.2x;
3. end to end: `lagebild.api.analyze(sitemap URL)` into a fresh SQLite database.

Prints articles/s end to end, the share of the run that fetching takes, and the
HTML ingest ratio.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from webserver import Route, Site, article, sitemap  # noqa: E402

PLACES = ["Ardenfeld", "Lorwick", "Brunnhagen", "Tessaly", "Marrow Bay", "Kelsdorf", "Orlen", "Wiesenau"]
EN = ["The council of {place} approved a budget of {n} million euros on {day}, a spokeswoman said.",
      "About {m} residents attended the meeting, according to the organisers.",
      "Opposition members said the plan would cost {k} jobs in the harbour district.",
      "The mayor told reporters that construction would begin in the spring.",
      "Police reported {s} arrests after a protest outside the town hall on {day}.",
      "Local traders expect the new bridge to bring {n} thousand visitors a year.",
      "The regional court is to rule on the complaint of {k} neighbours next month.",
      "Heavy rain flooded {s} streets in the old town, the fire brigade said."]
DE = ["Der Stadtrat von {place} hat am {day} einen Haushalt von {n} Millionen Euro beschlossen, sagte eine Sprecherin.",
      "Nach Angaben der Veranstalter kamen rund {m} Menschen zu der Versammlung.",
      "Die Opposition warnte, der Plan koste {k} Arbeitsplätze im Hafenviertel.",
      "Der Bürgermeister sagte, die Bauarbeiten sollten im Frühjahr beginnen.",
      "Die Polizei meldete {s} Festnahmen nach einer Kundgebung vor dem Rathaus.",
      "Händler erwarten durch die neue Brücke {n} tausend Besucher im Jahr.",
      "Das Verwaltungsgericht will im kommenden Monat über die Klage von {k} Anwohnern entscheiden.",
      "Starkregen überflutete nach Angaben der Feuerwehr {s} Straßen in der Altstadt."]
DAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday"], "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag"]}


def pages(n: int) -> list[tuple[str, bytes]]:
    """`n` different article pages: numbers, places and sentence order vary."""
    rng = random.Random(7)
    out = []
    for i in range(n):
        language = "de" if i % 2 else "en"
        templates = rng.sample(DE if language == "de" else EN, 6)
        values = {"place": rng.choice(PLACES), "n": rng.randint(2, 90), "m": rng.randint(100, 5000),
                  "k": rng.randint(5, 400), "s": rng.randint(2, 40), "day": rng.choice(DAYS[language])}
        paragraphs = [t.format(**values) + f" ({i})" for t in templates]
        title = f"{values['place']}: {paragraphs[0][:50]}"
        html = article(title, paragraphs, site_name=rng.choice(["Harbour Gazette", "Valley Courier", None]),
                       date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       lang=language if i % 4 < 2 else "")  # half the pages name no language
        out.append((f"/news/{i:04d}.html", html))
    return out


def fetch_only(urls: list[str], per_host: int) -> float:
    from lagebild.ingest.fetch import Fetcher, FetchOptions

    async def go() -> None:
        async with Fetcher(FetchOptions(delay=0, per_host=per_host)) as fetcher:
            await asyncio.gather(*(fetcher.get(u) for u in urls))

    started = time.perf_counter()
    asyncio.run(go())
    return time.perf_counter() - started


def html_ingest(bodies: list[tuple[str, bytes]], rounds: int = 5) -> dict[str, float]:
    """Seconds per page (best of `rounds`) for lagebild's HTML reader and for trafilatura alone."""
    import trafilatura

    from lagebild.ingest.readers import html_to_document

    texts = [(url, body.decode("utf-8")) for url, body in bodies]
    html_to_document(texts[0][1], "warm", "warm", texts[0][0])  # imports, the language detector
    runs = {
        "lagebild html_to_document": lambda u, h: html_to_document(h, "x", u, u),
        "trafilatura bare_extraction": lambda u, h: trafilatura.bare_extraction(
            h, url=u, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True),
        "trafilatura extract": lambda u, h: trafilatura.extract(
            h, url=u, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True),
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):  # interleaved, so that a busy moment of the machine hits all alike
        for name, run in runs.items():
            started = time.perf_counter()
            for url, html in texts:
                run(url, html)
            best[name] = min(best[name], time.perf_counter() - started)
    return {name: seconds / len(texts) for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-host", type=int, default=4)
    args = parser.parse_args()

    from lagebild.api import analyze
    from lagebild.ingest.fetch import FetchOptions

    made = pages(args.docs)
    with Site() as site, tempfile.TemporaryDirectory() as tmp:
        for path, html in made:
            site.routes[path] = Route(body=html)
        site.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        site.routes["/sitemap.xml"] = Route(body=sitemap([site.url(p) for p, _ in made]), content_type="text/xml")
        urls = [site.url(p) for p, _ in made]

        fetch_seconds = fetch_only(urls, args.per_host)
        per_page = html_ingest([(site.url(p), h) for p, h in made])
        started = time.perf_counter()
        corpus = analyze([site.url("/sitemap.xml")], db=f"sqlite:///{tmp}/fetch.db", workers=args.workers,
                         fetch=FetchOptions(delay=0, per_host=args.per_host), max_items=args.docs)
        total = time.perf_counter() - started
    report = corpus.report
    analyzed = len(report.analyzed)
    ratio = per_page["lagebild html_to_document"] / per_page["trafilatura bare_extraction"]
    print(f"pages served: {args.docs}; analyzed: {analyzed}; failed: {len(report.failed) + len(report.stage_errors)}")
    print(f"end to end: {total:.1f} s, {analyzed / total:.2f} articles/s "
          f"(read incl. fetch and HTML {report.seconds['read']:.1f} s, analyze {report.seconds['analyze']:.1f} s)")
    print(f"fetch only: {fetch_seconds:.2f} s for {args.docs} pages ({args.docs / fetch_seconds:.0f} pages/s); "
          f"fetch share of the end-to-end run: {fetch_seconds / total:.1%}")
    for name, seconds in per_page.items():
        print(f"HTML ingest, {name}: {seconds * 1000:.1f} ms/page")
    print(f"HTML ingest ratio lagebild / trafilatura bare_extraction: {ratio:.2f}x (target <= 1.2x) "
          f"{'OK' if ratio <= 1.2 else 'OVER'}")


if __name__ == "__main__":
    main()
