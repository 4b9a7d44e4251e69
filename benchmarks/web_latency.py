#!/usr/bin/env python3
"""Web UI latency: every page and API endpoint of `lagebild serve` on a SQLite database
of 100k documents, under a load of sequential requests.

usage: .venv/bin/python benchmarks/web_latency.py [--docs 100000] [--db out/web-latency-100000.db]
                                                  [--requests 100] [--concurrency 1] [--target-ms 100] [--seed 7]
                                                  [--rebuild] [--slowest 10]

The database is generated, not analyzed: examples/corpus is analyzed once with the
real pipeline into a temporary store, then its stored rows (documents, sentences,
entities, mentions, times, claims, events, claim-entity links) are replicated in bulk
SQL under new ids. Each synthetic document copies one base document (round robin) with
a random outlet (400 outlets), a publication date moved by up to ±180 days, every word
outside an annotation replaced with probability 1/2 by a word of the same length (so
offsets stay valid and the texts are not near-duplicates of each other), other digits
varied and its figures scaled by one factor in [0.7, 1.3]. Every tenth document is a
syndicated copy (same text, other outlet) of an earlier one, so near-duplicate
detection has real work. Planner statistics, the search index and the stored claim groups are then built as
`lagebild analyze` and `lagebild serve` build them. An existing database at --db is
reused (delete it or pass --rebuild to regenerate).

The real server (`lagebild serve`) then runs in a subprocess on 127.0.0.1 and gets
HTTP requests (keep-alive) with varied parameters for each page: one at a time, or from
--concurrency clients at once (each its own connection and its own random choices; the
--requests per page are split among them). The server computes its caches (claim groups, near-duplicates, entity table,
timeline buckets) in the background from its start; the first requests, which wait
for them, are timed separately as the warm-up. Prints a markdown table (n, p50, p95,
max in ms per page), the slowest requests, and exits 1 when a page's p95 reaches
--target-ms.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
LAGEBILD = ROOT / ".venv" / "bin" / "lagebild"
VARIATION = 0.30  # figures scaled by a factor in [1 - VARIATION, 1 + VARIATION]
COPY_EVERY = 10  # every tenth document is a syndicated copy of an earlier one
SHIFT_DAYS = 180  # publication dates move by up to this many days
BATCH = 5000
OUTLET_NAMES = ("Morgenbote", "Abendpost", "Kurier", "Rundschau", "Anzeiger", "Tageblatt", "Zeitung", "Ledger",
                "Tribune", "Herald", "Wire", "Depesche", "Nachrichten", "Echo", "Post", "Journal")
REGIONS = ("Elbtal", "Mainufer", "Alpenblick", "Donau", "Ostwind", "Linden", "Isar", "Pacific", "Lantern",
           "Evening", "Nordsee", "Harz", "Rhein", "Spree", "Weser", "Oder", "Ruhr", "Saale", "Mosel", "Neckar",
           "Eifel", "Taunus", "Allgäu", "Bodensee", "Havel")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


# -- building the database ---------------------------------------------------------
@dataclass
class Template:
    """One analyzed base document, ready to be varied."""

    row: dict[str, Any]
    pieces: list[str]  # the text cut into fixed parts and replaceable words
    slots: list[int]  # indices into pieces that may be replaced


def protected_spans(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, int]]:
    """Character spans of the annotations: entity mentions, times, claims, events."""
    spans = []
    for table in ("mentions", "times", "claims", "events"):
        spans += conn.execute(f'SELECT start, "end" FROM {table} WHERE doc_id = ?', (doc_id,)).fetchall()
    return spans


def template(row: dict[str, Any], spans: list[tuple[int, int]]) -> Template:
    """Split a document's text so that words outside every annotation can be swapped."""
    text = row["text"]
    taken = bytearray(len(text) + 1)
    for start, end in spans:
        taken[start:end] = b"\x01" * (end - start)
    pieces, slots, pos = [], [], 0
    for m in _TOKEN.finditer(text):
        if any(taken[m.start():m.end()]):
            continue
        pieces.append(text[pos:m.start()])
        slots.append(len(pieces))
        pieces.append(m.group(0))
        pos = m.end()
    pieces.append(text[pos:])
    return Template(row, pieces, slots)


def vocabulary(templates: Sequence[Template]) -> dict[int, list[str]]:
    """Words of the base texts by length (digit runs excluded)."""
    words: dict[int, set[str]] = {}
    for t in templates:
        for i in t.slots:
            if not t.pieces[i].isdigit():
                words.setdefault(len(t.pieces[i]), set()).add(t.pieces[i])
    return {n: sorted(ws) for n, ws in words.items()}


def vary_text(t: Template, vocab: dict[int, list[str]], rng: random.Random) -> str:
    """The template's text with about half of the free words swapped (same length)."""
    pieces = list(t.pieces)
    for i in t.slots:
        word = pieces[i]
        if word.isdigit():
            pieces[i] = str(rng.randrange(10 ** (len(word) - 1), 10 ** len(word))) if len(word) > 1 else word
            continue
        choices = vocab[len(word)]
        k = int(rng.random() * 2 * len(choices))
        if k < len(choices):
            pieces[i] = choices[k]
    return "".join(pieces)


def outlets(rng: random.Random, n: int = 400) -> list[str]:
    names = sorted({f"{r} {o}" for r in REGIONS for o in OUTLET_NAMES})
    return rng.sample(names, n)


def shifted(published: str | None, rng: random.Random) -> str:
    base = date.fromisoformat(published[:10]) if published and len(published) >= 10 else date(2025, 1, 1)
    return (base + timedelta(days=rng.randint(-SHIFT_DAYS, SHIFT_DAYS))).isoformat()


def base_store(tmp: Path) -> Path:
    """examples/corpus analyzed with the real pipeline into a temporary SQLite store."""
    from lagebild.api import analyze

    path = tmp / "base.db"
    corpus = analyze([EXAMPLES], db=f"sqlite:///{path}")
    assert corpus.report.ok, corpus.report
    corpus.store.close()
    return path


def load_templates(base: Path) -> list[Template]:
    conn = sqlite3.connect(base)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM documents WHERE status = 'ok' ORDER BY id")]
    out = [template(r, protected_spans(conn, r["id"])) for r in rows]
    conn.close()
    return out


def document_rows(templates: list[Template], n_docs: int, rng: random.Random) -> Iterator[tuple[dict[str, Any], str,
                                                                                                float]]:
    """(documents row, base id, figure factor) for each synthetic document."""
    vocab = vocabulary(templates)
    names = outlets(rng)
    made: list[tuple[str, str, str]] = []  # (base id, text, title) of the documents so far
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for i in range(n_docs):
        if i % COPY_EVERY == COPY_EVERY - 1:
            base_id, text, title = made[rng.randrange(len(made))]
            t = next(t for t in templates if t.row["id"] == base_id)
        else:
            t = templates[i % len(templates)]
            base_id, text = t.row["id"], vary_text(t, vocab, rng)
            title = " ".join(rng.choice(vocab.get(len(w), [w])) if rng.random() < 0.5 else w
                             for w in (t.row["title"] or base_id).split())
        made.append((base_id, text, title))
        doc_id = f"d{i:06d}-{base_id}"
        row = {**t.row, "id": doc_id, "source": f"synthetic/{doc_id}.txt", "title": title, "text": text,
               "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(), "outlet": rng.choice(names),
               "published": shifted(t.row["published"], rng), "url": f"https://example.org/{doc_id}",
               "analyzed_at": now}
        yield row, base_id, round(rng.uniform(1 - VARIATION, 1 + VARIATION), 3)


# children of each synthetic document: the base document's rows under the new id (SQLite SQL)
CHILDREN = ("sentences", "entities", "mentions", "times", "claims", "events", "claim_entities")
# Columns that do not copy the base row as it is; every other column (whatever the schema's
# migrations added) is copied from the base document's row.
SPECIAL = {
    ("claims", "id"): "m.id || ':c' || x.idx",
    ("claims", "value"): "CASE WHEN x.value >= 20 THEN ROUND(x.value * m.factor) ELSE x.value END",
    ("claims", "value_max"): "CASE WHEN x.value_max >= 20 THEN ROUND(x.value_max * m.factor) ELSE x.value_max END",
}


def _child_select(conn: sqlite3.Connection, table: str) -> tuple[list[str], str]:
    """The target's columns and the SELECT that copies the base rows under the new document ids."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    exprs = ["m.id" if c == "doc_id" else SPECIAL.get((table, c), f'x."{c}"') for c in columns]
    return columns, f"SELECT {', '.join(exprs)} FROM base.{table} x JOIN map m ON m.base = x.doc_id"


def insert_documents(conn: sqlite3.Connection, rows: Iterator[tuple[dict[str, Any], str, float]]) -> int:
    columns = [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    insert = f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.execute("CREATE TEMP TABLE map (id TEXT PRIMARY KEY, base TEXT NOT NULL, factor REAL NOT NULL)")
    n, batch, mapping = 0, [], []
    for row, base_id, factor in rows:
        batch.append([row[c] for c in columns])
        mapping.append((row["id"], base_id, factor))
        if len(batch) >= BATCH:
            n += _flush(conn, insert, batch, mapping)
    return n + _flush(conn, insert, batch, mapping)


def _flush(conn: sqlite3.Connection, insert: str, batch: list[list[Any]], mapping: list[tuple[str, str, float]]) -> int:
    conn.executemany(insert, batch)
    conn.executemany("INSERT INTO map VALUES (?, ?, ?)", mapping)
    n = len(batch)
    batch.clear()
    mapping.clear()
    return n


def insert_children(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for table in CHILDREN:
        columns, select = _child_select(conn, table)
        conn.execute(f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)}) {select} "
                     "ORDER BY m.id")
        counts[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return counts


def build(path: Path, n_docs: int, seed: int) -> dict[str, Any]:
    """Generate the database at `path` (written to a .part file, renamed when complete)."""
    from lagebild.reconcile.run import reconcile
    from lagebild.store import Store
    from lagebild.store.search import ensure_search_index

    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        base = base_store(Path(tmp))
        templates = load_templates(base)
        t_base = time.perf_counter() - t0
        Store(f"sqlite:///{part}").close()  # the schema and its migrations, as the app makes them
        conn = sqlite3.connect(part, isolation_level=None)
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        conn.execute("ATTACH DATABASE ? AS base", (str(base),))
        conn.execute("BEGIN")
        n = insert_documents(conn, document_rows(templates, n_docs, random.Random(seed)))
        t_docs = time.perf_counter() - t0
        counts = insert_children(conn)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE base")
        conn.close()
    t_rows = time.perf_counter() - t0
    store = Store(f"sqlite:///{part}")
    store.optimize()  # as `lagebild analyze` does after writing
    t_stats = time.perf_counter() - t0
    ensure_search_index(store)
    t_index = time.perf_counter() - t0
    reconcile(store)  # claim groups and near-duplicates, stored as `lagebild analyze` stores them
    store.close()
    part.rename(path)
    total = time.perf_counter() - t0
    return {"documents": n, **counts, "seconds": {"base analysis": t_base, "documents": t_docs - t_base,
                                                  "child rows": t_rows - t_docs, "statistics": t_stats - t_rows,
                                                  "search index": t_index - t_stats, "reconcile": total - t_index,
                                                  "total": total}}


def describe(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    out = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
           for t in ("documents", "sentences", "entities", "mentions", "times", "claims", "events", "claim_entities")}
    conn.close()
    return out


# -- the server and the requests ------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, log: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], float]:
    """`lagebild serve` in a subprocess; returns it and the seconds until it answered."""
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(LAGEBILD), "serve", "--db", f"sqlite:///{db}", "--port", str(port),
                                 "--workers", str(workers)],
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/openapi.json"
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode}); see {log}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return proc, time.perf_counter() - t0
        except httpx.TransportError:
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def timed_get(client: httpx.Client, path: str) -> float:
    """Milliseconds until the whole response was read; fails loudly on a non-200 answer."""
    t0 = time.perf_counter()
    r = client.get(path)
    _ = r.content
    ms = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        raise SystemExit(f"GET {path} answered {r.status_code}: {r.text[:300]}")
    return ms


@dataclass
class Sample:
    """What the request generators draw from: real ids and names of the database."""

    doc_ids: list[str]
    outlets: list[str]
    languages: list[str]
    months: list[str]
    entities: list[tuple[str, str]]  # (canonical, type), the most frequent first
    units: list[str]
    sources: list[str]
    pages: dict[str, int]  # documents / claims / entities / timeline / conflicts: number of pages


def sample(client: httpx.Client, db: Path, rng: random.Random) -> Sample:
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    months = sorted({r[0][:7] for r in conn.execute("SELECT DISTINCT published FROM documents") if r[0]})
    sources = [r[0] for r in conn.execute("SELECT DISTINCT source FROM claims WHERE source != ''")]
    conn.close()
    summary = client.get("/api/summary").json()
    ents = client.get("/api/entities", params={"limit": 200}).json()
    units = [u for u in ("person", "item", "container", "shell", "vehicle")]
    words = sorted({w.lower() for s in sources for w in re.findall(r"[^\W\d_]{4,}", s)})
    return Sample(doc_ids=rng.sample(ids, min(500, len(ids))), outlets=[o["outlet"] for o in summary["outlets"]],
                  languages=[la["language"] for la in summary["languages"]], months=months,
                  entities=[(e["canonical"], e["type"]) for e in ents["items"]], units=units, sources=words,
                  pages={"documents": -(-summary["documents"] // 50), "claims": -(-summary["claims"] // 50),
                         "entities": -(-ents["total"] // 50),
                         "timeline": -(-client.get("/api/timeline", params={"limit": 1}).json()["total"] // 200),
                         "conflicts": -(-client.get("/api/groups", params={"limit": 1}).json()["total"] // 20)})


def pick_page(rng: random.Random, pages: int) -> int:
    """Page 2–5 half of the time, any page (up to the last) the other half."""
    return rng.randint(2, max(2, min(5, pages))) if rng.random() < 0.5 else rng.randint(1, max(1, pages))


def entity_name(s: Sample, rng: random.Random) -> str:
    """The most frequent entities a third of the time (the worst case), any listed one otherwise."""
    return s.entities[rng.randrange(3)][0] if rng.random() < 1 / 3 else rng.choice(s.entities)[0]


SEARCHES = ("Soldaten", "Kursk", "Kim Jong", "Pjöngjang Moskau", "Container Munition", "troops", "Lawrow",
            "Regierung Seoul", "Brücke", "Vertrag Beistand", "Wonsan Hafen", "12.000")


def claim_filter(s: Sample, rng: random.Random) -> dict[str, str]:
    choices: list[Callable[[], dict[str, str]]] = [
        lambda: {"unit": rng.choice(s.units)},
        lambda: {"hedged": rng.choice(["yes", "no"])},
        lambda: {"source": rng.choice(s.sources)},
        lambda: {"outlet": rng.choice(s.outlets)},
        lambda: {"entity": entity_name(s, rng)},
        lambda: {"unit": "person", "hedged": "yes"},
    ]
    return rng.choice(choices)()


def claim_sort(rng: random.Random) -> dict[str, str]:
    return {"sort": rng.choice(["value", "unit", "measure", "source", "hedged", "outlet", "published", "doc"]),
            "order": rng.choice(["asc", "desc"])}


def with_query(path: str, params: dict[str, Any]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def pages(s: Sample, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Page name -> a function that returns the next path to request."""
    doc = lambda: quote(rng.choice(s.doc_ids), safe="")  # noqa: E731
    ent = lambda: quote(entity_name(s, rng), safe="")  # noqa: E731
    return {
        "/ (overview)": lambda: "/",
        "/documents": lambda: "/documents",
        "/documents?page=N": lambda: with_query("/documents", {"page": pick_page(rng, s.pages["documents"])}),
        "/documents?outlet=": lambda: with_query("/documents", {"outlet": rng.choice(s.outlets)}),
        "/documents?language=&page=": lambda: with_query("/documents", {
            "language": rng.choice(s.languages), "page": pick_page(rng, 100)}),
        "/documents?date=": lambda: with_query("/documents", {"date": rng.choice(s.months)[: rng.choice([4, 7])]}),
        "/documents/{id}": lambda: f"/documents/{doc()}",
        "/claims": lambda: "/claims",
        "/claims?filter": lambda: with_query("/claims", claim_filter(s, rng)),
        "/claims?sort=&order=": lambda: with_query("/claims", claim_sort(rng)),
        "/claims?filter&sort&page": lambda: with_query("/claims", {**claim_filter(s, rng), **claim_sort(rng),
                                                                   "page": rng.randint(2, 5)}),
        "/claims?page=N": lambda: with_query("/claims", {"page": pick_page(rng, s.pages["claims"])}),
        "/claims.csv?filter": lambda: with_query("/claims.csv", {"outlet": rng.choice(s.outlets)}),
        "/conflicts": lambda: with_query("/conflicts", {"status": rng.choice(["", "conflict", "differ", "agree"])}),
        "/conflicts?page=N": lambda: with_query("/conflicts", {"page": rng.randint(1, s.pages["conflicts"])}),
        "/timeline": lambda: "/timeline",
        "/timeline?page=N": lambda: with_query("/timeline", {"page": pick_page(rng, s.pages["timeline"])}),
        "/entities": lambda: with_query("/entities", {"type": rng.choice(["", "PER", "ORG", "LOC"])}),
        "/entities?page=N": lambda: with_query("/entities", {"page": pick_page(rng, s.pages["entities"])}),
        "/entities/{name}": lambda: f"/entities/{ent()}",
        "/search?q=": lambda: with_query("/search", {"q": rng.choice(SEARCHES)}),
        "/api/summary": lambda: "/api/summary",
        "/api/documents": lambda: with_query("/api/documents", rng.choice([
            {}, {"outlet": rng.choice(s.outlets)}, {"language": rng.choice(s.languages)},
            {"date": rng.choice(s.months)}, {"offset": rng.randrange(0, 50 * s.pages["documents"])}])),
        "/api/documents/{id}": lambda: f"/api/documents/{doc()}",
        "/api/claims": lambda: with_query("/api/claims", {**claim_filter(s, rng), **claim_sort(rng)}),
        "/api/groups": lambda: with_query("/api/groups", {"status": rng.choice(["", "conflict", "differ", "agree"])}),
        "/api/entities": lambda: with_query("/api/entities", {"type": rng.choice(["", "PER", "ORG", "LOC"]),
                                                              "offset": rng.choice([0, 50, 500])}),
        "/api/entities/{name}": lambda: f"/api/entities/{ent()}",
        "/api/search?q=": lambda: with_query("/api/search", {"q": rng.choice(SEARCHES)}),
        "/api/timeline": lambda: with_query("/api/timeline", {"offset": rng.randrange(0, 200 * s.pages["timeline"])}),
    }


WARM_UP = ("/", "/conflicts", "/timeline", "/search?q=Soldaten")


def warm_up(client: httpx.Client) -> list[tuple[str, float]]:
    """The first requests, which wait for what the server caches (groups, duplicates, timeline)."""
    return [(path, timed_get(client, path)) for path in WARM_UP]


def wait_until_ready(client: httpx.Client, timeout: float = 3600) -> float:
    """Seconds the server's background warm-up took (waits for its end; with several server
    processes, until 20 answers in a row on new connections say ready)."""
    deadline = time.monotonic() + timeout
    ready: list[float] = []
    while len(ready) < 20:
        status = httpx.get(f"{str(client.base_url).rstrip('/')}/api/status", timeout=600).json()
        ready = [*ready, float(status["warm_up_seconds"])] if status["ready"] else []
        if time.monotonic() > deadline:
            raise SystemExit(f"the server's caches were not ready after {timeout:.0f} s; see its log")
        if not status["ready"]:
            time.sleep(0.5)
    return max(ready)


def measure(client: httpx.Client, generators: dict[str, Callable[[], str]],
            n: int) -> tuple[dict[str, list[float]], list[tuple[float, str]]]:
    """n sequential requests per page, the pages interleaved round robin; also every
    request's (ms, path)."""
    times: dict[str, list[float]] = {name: [] for name in generators}
    log: list[tuple[float, str]] = []
    for _ in range(n):
        for name, next_path in generators.items():
            path = next_path()
            ms = timed_get(client, path)
            times[name].append(ms)
            log.append((ms, path))
    return times, log


def measure_concurrently(base_url: str, sample_: Sample, seed: int, n: int,
                         clients: int) -> tuple[dict[str, list[float]], list[tuple[float, str]]]:
    """`clients` clients at once, each on its own connection with its own random choices,
    together n requests per page."""
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> tuple[dict[str, list[float]], list[tuple[float, str]]]:
        rng = random.Random(seed * 1000 + i)
        with httpx.Client(base_url=base_url, timeout=600) as client:
            return measure(client, pages(sample_, rng), max(1, n // clients))

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(clients)))
    times: dict[str, list[float]] = {}
    log: list[tuple[float, str]] = []
    for part, part_log in results:
        for name, values in part.items():
            times.setdefault(name, []).extend(values)
        log.extend(part_log)
    return times, log


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def table(times: dict[str, list[float]], target: float) -> list[str]:
    lines = ["| page | n | p50 ms | p95 ms | max ms | |", "|---|---:|---:|---:|---:|---|"]
    for name, values in times.items():
        p95 = percentile(values, 0.95)
        lines.append(f"| `{name}` | {len(values)} | {statistics.median(values):.1f} | {p95:.1f} | "
                     f"{max(values):.1f} | {'ok' if p95 < target else 'SLOW'} |")
    return lines


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the generated database")
    ap.add_argument("--db", type=Path, help="SQLite file to use or build (default out/web-latency-DOCS.db)")
    ap.add_argument("--requests", type=int, default=100, help="sequential requests per page")
    ap.add_argument("--concurrency", type=int, default=1, help="clients sending requests at once")
    ap.add_argument("--serve-workers", type=int, default=1, help="server processes (lagebild serve --workers)")
    ap.add_argument("--target-ms", type=float, default=100.0, help="p95 each page must stay below")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--slowest", type=int, default=10, help="list this many of the slowest requests")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the database even when it exists")
    a = ap.parse_args(argv)
    db = a.db or ROOT / "out" / f"web-latency-{a.docs}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    if a.rebuild:
        db.unlink(missing_ok=True)
    if db.exists():
        print(f"database: reusing {db} (built earlier; --rebuild regenerates it)")
    else:
        info = build(db, a.docs, a.seed)
        print(f"database: built {db} in {info['seconds']['total']:.0f} s "
              f"({', '.join(f'{k} {v:.0f} s' for k, v in info['seconds'].items() if k != 'total')})")
    print("rows: " + ", ".join(f"{k} {v:,d}" for k, v in describe(db).items()))
    print(f"database size: {db.stat().st_size / 1e6:,.0f} MB; load average before the run: {load_average()}")

    port = free_port()
    log = db.with_suffix(".serve.log")
    proc, started = start_server(db, port, log, a.serve_workers)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            print(f"server: `lagebild serve` answered after {started:.1f} s (opens the store, checks the search "
                  "index, starts computing its caches in the background)")
            first = warm_up(client)
            print("warm-up: first requests (they wait for the cached claim groups, near-duplicates, entity table "
                  "and timeline): " + ", ".join(f"{path} {ms / 1000:.1f} s" for path, ms in first))
            print(f"warm-up: the server's background computation took {wait_until_ready(client):.0f} s "
                  "(measured by the server, /api/status); the requests below start after it")
            rng = random.Random(a.seed)
            sampled = sample(client, db, rng)
            t0 = time.perf_counter()
            if a.concurrency > 1:
                times, log = measure_concurrently(f"http://127.0.0.1:{port}", sampled, a.seed, a.requests,
                                                  a.concurrency)
            else:
                times, log = measure(client, pages(sampled, rng), a.requests)
            wall = time.perf_counter() - t0
    finally:
        stop_server(proc)
    how = f"from {a.concurrency} clients at once" if a.concurrency > 1 else "sequential"
    print(f"\n{sum(len(v) for v in times.values()):,d} requests {how} in {wall:.0f} s "
          f"(load average after: {load_average()}):\n")
    print("\n".join(table(times, a.target_ms)))
    print(f"\nslowest {a.slowest} requests: " + ", ".join(f"{path} {ms:.0f} ms" for ms, path in
                                                        sorted(log, reverse=True)[:a.slowest]))
    slow = [name for name, values in times.items() if percentile(values, 0.95) >= a.target_ms]
    if slow:
        print(f"\np95 >= {a.target_ms:.0f} ms: {', '.join(slow)}")
        return 1
    print(f"\nevery page: p95 < {a.target_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
