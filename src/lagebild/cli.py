"""The command line: a thin layer over the Python API (`lagebild.api`).

Exit codes: 0 all went well; 1 some inputs could not be read or analyzed (the rest
was); 2 a usage error (bad option, database that cannot be opened).
"""
from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from lagebild.api import DEFAULT_DB, MAX_BYTES, MAX_CHARS, TIME_LIMIT, LagebildError, __version__, figure

if TYPE_CHECKING:
    from lagebild.api import AnalyzeReport, Corpus, Round

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="lagebild: a sourced, cross-checked situation picture from a pile of news articles.\n\n"
                       "Start with `lagebild analyze FOLDER`, then look at `lagebild claims`, "
                       "`lagebild entities`, `lagebild timeline`, or write `lagebild report -o report.html`.")
console = Console()
err = Console(stderr=True)
PROGRESS_EVERY = 10.0  # seconds between plain progress lines when stderr is not a terminal
UI_LANGUAGES = ("de", "en")
ENTITY_TYPES = ("PER", "ORG", "LOC")

DbOption = Annotated[str, typer.Option("--db", help="Database URL: sqlite:///FILE.db (default) or "
                                                      "postgresql://user@host/db.", envvar="LAGEBILD_DB")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _choice(option: str, value: str, allowed: tuple[str, ...] | list[str]) -> None:
    """Exit 2 naming the allowed values when `value` is not one of them."""
    if value not in allowed:
        _fail(f"unknown {option} {value!r}; use one of: {', '.join(allowed)}")


def _corpus(db: str) -> Corpus:
    from lagebild.api import Corpus

    try:
        return Corpus.open(db)
    except LagebildError as exc:
        _fail(str(exc))


def _version(value: bool) -> None:
    if value:
        console.print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


UrlsOption = Annotated[Path | None, typer.Option(
    "--urls", help="A file of addresses to fetch, one a line (# starts a comment). Example: --urls sources.txt")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Publication date of the inputs, when they do not say or say wrongly; it wins over "
                        "the dateline and HTML metadata. Example: --published 2025-06-17")]
LanguageOption = Annotated[str | None, typer.Option(
    "--language", help="Language of the inputs (de or en) instead of detecting it. Example: --language en")]
OutletOption = Annotated[str | None, typer.Option(
    "--outlet", help="The outlet that published the inputs. Example: --outlet 'Evening Ledger'")]
ProfileOption = Annotated[Path | None, typer.Option(
    "--profile", help="A story profile (TOML: [aliases], [count_nouns], [parties]); it is kept in the "
                      "database for later runs. Example: --profile story.toml")]
TitleOption = Annotated[str | None, typer.Option(
    "--title", help="Title of the input (for one article). Example: --title 'Floods in the valley'")]
DelayOption = Annotated[float, typer.Option(
    "--delay", min=0, help="Seconds between two requests to one host (robots.txt's Crawl-delay may ask for "
                           "more). Example: --delay 2")]
PerHostOption = Annotated[int, typer.Option(
    "--per-host", min=1, help="Requests to one host at a time. Example: --per-host 1")]
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", min=0.1, help="Seconds to wait for a server at each step; a whole answer gets three times "
                               "that. Example: --timeout 30")]
MaxItemsOption = Annotated[int, typer.Option(
    "--max-items", min=1, help="Most article addresses taken from one feed or sitemap. Example: --max-items 50")]
WorkersOption = Annotated[int, typer.Option(
    "--workers", "-j", min=0, help="Processes to use (0 = all cores). Example: -j 2")]
MaxSizeOption = Annotated[float, typer.Option(
    "--max-size", help="Largest article (file, page, PDF or JSONL record) to read, in MB. Example: --max-size 20")]
MaxCharsOption = Annotated[int, typer.Option(
    "--max-chars", min=1, help="Characters analyzed per document; a longer text is cut, with a note. "
                               "Example: --max-chars 500000")]
TimeLimitOption = Annotated[float, typer.Option(
    "--time-limit", help="Seconds one document may take; a document over it is recorded as failed. "
                         "Example: --time-limit 300")]


def _analyze_options(published: str | None, language: str | None, outlet: str | None, title: str | None,
                     delay: float, per_host: int, timeout: float, max_items: int,
                     max_size: float) -> dict[str, Any]:
    from lagebild.api import FetchOptions

    if not max_size > 0:
        _fail(f"--max-size must be a positive number of MB (got {max_size}); e.g. --max-size 5")
    return {"published": published, "language": language, "outlet": outlet, "title": title,
            "max_bytes": int(max_size * 1_000_000), "max_items": max_items,
            "fetch": FetchOptions(delay=delay, per_host=per_host, timeout=timeout)}


def _inputs(paths: list[str] | None, urls: Path | None) -> list[str]:
    from lagebild.api import read_urls_file

    inputs = list(paths or [])
    try:
        inputs += read_urls_file(urls) if urls else []
    except LagebildError as exc:
        _fail(str(exc))
    if not inputs:
        _fail("nothing to analyze: name files, folders or URLs, or give --urls FILE")
    return inputs


@app.command()
def analyze(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files (.txt .html .jsonl .json .md .pdf .docx .eml), folders of them, feed or sitemap files "
             "(.xml .rss .atom), or http(s) addresses of articles, PDFs, RSS/Atom feeds or sitemaps.",
        show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    urls: UrlsOption = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    outlet: OutletOption = None,
    title: TitleOption = None,
    profile: ProfileOption = None,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Remove the documents whose file under the given folders is gone. "
                        "Example: lagebild analyze articles/ --prune")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Analyze again even when an input is unchanged (and fetch pages without asking "
                        "whether they changed). Example: --force")] = False,
    workers: WorkersOption = 0,
    max_size: MaxSizeOption = MAX_BYTES / 1e6,
    max_chars: MaxCharsOption = MAX_CHARS,
    time_limit: TimeLimitOption = TIME_LIMIT,
    delay: DelayOption = 1.0,
    per_host: PerHostOption = 2,
    timeout: TimeoutOption = 20.0,
    max_items: MaxItemsOption = 500,
    engine: Annotated[str, typer.Option(
        "--engine", help="Where the analysis runs: processes (worker processes here), local (this process) or "
                         "ray (Ray tasks; needs a PostgreSQL --db and `pip install 'lagebild[ray]'`). "
                         "Example: --engine ray --db postgresql://lagebild@127.0.0.1/news")] = "processes",
    ray_address: Annotated[str | None, typer.Option(
        "--ray-address", help="The Ray cluster to use with --engine ray: auto (the one this machine is part of) "
                              "or ray://HOST:10001; without it a local Ray instance is started. "
                              "Example: --ray-address auto", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Read, clean and extract articles into the database: files, folders, URLs, feeds.

    Pages are fetched politely: robots.txt is honoured, one host gets --per-host
    requests at a time and --delay seconds between them, and a page fetched before is
    asked for only if it changed. A folder may hold a metadata.csv or metadata.jsonl
    (a `file` column, then published, language, outlet, title, url) for its files.
    Re-analyzing unchanged inputs changes nothing. One bad input never stops the
    corpus: a file or record that cannot be read, decoded, analyzed (within
    --time-limit) or saved is reported with its stage and reason and kept in the
    database's failures, and the exit code is 1 (also when nothing could be read).

    \b
    Examples:
      lagebild analyze examples/corpus --db sqlite:///demo.db
      lagebild analyze https://example.org/news/article.html --published 2025-06-17
      lagebild analyze https://example.org/feed.xml --urls more-addresses.txt
      lagebild analyze reports/ --prune
      lagebild analyze articles/ --profile story.toml
      lagebild analyze archive/ --engine ray --ray-address auto --db postgresql://lagebild@db/news
    """
    from lagebild.api import analyze as run_analyze

    inputs = _inputs(paths, urls)
    if not time_limit > 0:
        _fail(f"--time-limit must be a positive number of seconds (got {time_limit}); e.g. --time-limit 120")
    options = _analyze_options(published, language, outlet, title, delay, per_host, timeout, max_items, max_size)
    progress = Progress(TextColumn("analyzing"), BarColumn(), TextColumn("{task.completed} documents"),
                        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)
    plain = not quiet and not err.is_terminal  # a log file or a pipe gets plain lines instead of a bar
    if plain:
        err.print("analyzing: reading the inputs and loading the language models …", highlight=False)
    last_line = [time.monotonic()]
    with progress:
        task = progress.add_task("analyze", total=None)

        def on_progress(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)
            if plain and time.monotonic() - last_line[0] >= PROGRESS_EVERY:
                last_line[0] = time.monotonic()
                err.print(f"analyzing: {done} documents done" + (f" of {total}" if total else ""), highlight=False)

        try:
            corpus = run_analyze(inputs, db=db, force=force, workers=workers or None, prune=prune,
                                 max_chars=max_chars, time_limit=time_limit, profile=profile, engine=engine,
                                 ray_address=ray_address, on_progress=on_progress, **options)
        except LagebildError as exc:
            _fail(str(exc))
    report = corpus.report
    _print_problems(report, verbose=logging.getLogger().isEnabledFor(logging.INFO))
    if report.nothing_read:
        _fail(f"no readable input in {', '.join(inputs)}: {len(report.failed)} failed, "
              f"{len(report.skipped)} skipped (see above)", code=1)
    if not quiet:
        console.print(f"analyzed {len(report.analyzed)}, unchanged {len(report.unchanged)}, "
                      f"failed {len(report.failed) + len(report.stage_errors)}, skipped {len(report.skipped)}"
                      + (f", removed {len(report.removed)}" if prune else ""))
        _print_summary(corpus.summary())
    if not report.ok:
        raise typer.Exit(1)


SHOWN_SKIPPED = 20  # a folder of photos with a few articles: name some, count the rest


def _print_problems(report: AnalyzeReport, verbose: bool = False) -> None:
    shown = report.skipped if verbose else report.skipped[:SHOWN_SKIPPED]
    for skipped in shown:
        err.print(Text(f"skipped {skipped}", style="dim"), soft_wrap=True)
    if len(report.skipped) > len(shown):
        err.print(Text(f"skipped {len(report.skipped) - len(shown)} more files (lagebild -v analyze lists them)",
                       style="dim"))
    for source, notes in report.notes.items():
        err.print(Text(f"note {source}: {'; '.join(notes)}", style="dim"), soft_wrap=True)
    for failure in report.failed:
        err.print(Text.assemble(("failed", "yellow"), f" {failure} (stage {failure.stage})"), soft_wrap=True)
    for doc_id, message in report.stage_errors.items():
        err.print(Text.assemble(("failed", "yellow"), f" {doc_id}: {message} (raw input kept in the database)"),
                  soft_wrap=True)
    for doc_id in report.removed:
        err.print(Text(f"removed {doc_id} (its file is gone)"), soft_wrap=True)


@app.command()
def watch(
    inputs: Annotated[list[str], typer.Argument(help="Feeds, sitemaps or pages to poll (http(s) addresses).")],
    every: Annotated[str, typer.Option("--every", help="How often to poll: 30s, 15m, 2h. Example: --every 15m")]
    = "15m",
    rounds: Annotated[int | None, typer.Option(
        "--rounds", min=1, help="Stop after this many polls (default: until Ctrl-C). Example: --rounds 4")] = None,
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    language: LanguageOption = None,
    outlet: OutletOption = None,
    profile: ProfileOption = None,
    delay: DelayOption = 1.0,
    per_host: PerHostOption = 2,
    timeout: TimeoutOption = 20.0,
    max_items: MaxItemsOption = 500,
    max_size: MaxSizeOption = 5.0,
) -> None:
    """Poll feeds and pages and analyze what is new, logging what changed: new
    documents, claim groups that grew or changed status, new timeline entries.

    A feed that is down is reported and polled again next round; Ctrl-C stops
    watching cleanly (between two documents, nothing half-written).

    Example: lagebild watch https://example.org/feed.xml --every 15m --db sqlite:///watch.db
    """
    from lagebild.api import seconds
    from lagebild.api import watch as run_watch

    options = _analyze_options(published, language, outlet, None, delay, per_host, timeout, max_items, max_size)
    rounds_done: list[int] = []

    def on_round(result: Round) -> None:
        rounds_done.append(result.number)
        _print_round(result)

    try:
        run_watch(inputs, db=db, every=seconds(every), rounds=rounds, on_round=on_round, profile=profile, **options)
    except KeyboardInterrupt:
        err.print(f"stopped after {len(rounds_done)} rounds (Ctrl-C); the database is consistent")
    except LagebildError as exc:
        _fail(str(exc))


def _print_round(result: Round) -> None:
    report = result.report
    console.print(f"[bold]round {result.number}[/bold] {result.started}: {len(report.analyzed)} new, "
                  f"{len(report.unchanged)} unchanged, {len(report.failed) + len(report.stage_errors)} failed",
                  highlight=False)
    for doc_id, title in result.titles.items():
        console.print(Text(f"  new document {doc_id}: {title}"), soft_wrap=True)
    for line in result.groups:
        console.print(Text(f"  {line}"), soft_wrap=True)
    if result.timeline:
        values = [r["value"] for r in result.timeline]
        console.print(Text(f"  timeline: {len(values)} new entries, {values[0]} … {values[-1]}"))
    for failure in report.failed:
        err.print(Text.assemble(("  failed", "yellow"), f" {failure}"), soft_wrap=True)


@app.command()
def remove(
    targets: Annotated[list[str], typer.Argument(help="Document ids, the files or URLs they came from, or "
                                                      "folders (every document from files in it).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove documents from the database; claim groups, conflicts and the timeline are
    computed from what remains.

    Example: lagebild remove articles/retracted.txt example.org-1f2e3d4c5b6a
    """
    from lagebild.api import remove as run_remove

    try:
        result = run_remove(targets, db=db)
    except LagebildError as exc:
        _fail(str(exc))
    for doc_id in result.removed:
        console.print(Text(f"removed {doc_id}"))
    for target in result.not_found:
        err.print(Text.assemble(("not found", "yellow"), f" {target}: no document has this id, file, folder or URL "
                                                         "(see `lagebild export` for the ids)"), soft_wrap=True)
    console.print(f"removed {len(result.removed)} documents")
    if result.not_found:
        raise typer.Exit(1)


@app.command()
def failures(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """The inputs that could not be read, with their errors, as of the last run that saw
    each (a file that was fixed and read again is no longer listed).

    Example: lagebild failures --db sqlite:///demo.db
    """
    rows = _corpus(db).failures()
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    _table(f"{len(rows)} inputs could not be read", ["input", "error", "when"],
           [[Text(r["source"]), Text(r["error"]), r["seen_at"]] for r in rows])


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table(title="Lagebild", show_header=False)
    first, last = summary["time_span"]
    rows = [("documents", summary["documents"]), ("entities", summary["entities"]), ("claims", summary["claims"]),
            ("time expressions", summary["times"]), ("events", summary["events"]),
            ("time span (published)", f"{first or '?'} … {last or '?'}"),
            ("inputs that could not be read (lagebild failures)", summary["failures"])]
    for name, value in rows:
        table.add_row(name, str(value))
    console.print(table)


@app.command()
def summary(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts of documents, entities, claims and the time span.

    Example: lagebild summary --db sqlite:///demo.db
    """
    data = _corpus(db).summary()
    if as_json:
        console.print_json(json.dumps(data))
    else:
        _print_summary(data)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (everything), csv or graphml "
                                                              "(entity network for Gephi).")] = "jsonl",
    what: Annotated[str, typer.Option("--what", help="For csv: claims, groups or entities.")] = "claims",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the analyzed corpus as JSONL (one document per line), CSV or GraphML.

    Example: lagebild export --format jsonl -o corpus.jsonl
    """
    if format not in ("jsonl", "csv", "graphml"):
        _fail(f"unknown format {format!r}; use jsonl, csv or graphml")
    if format == "csv" and what not in ("claims", "groups", "entities"):
        _fail(f"unknown --what {what!r}; use claims, groups or entities")
    corpus = _corpus(db)
    if format == "graphml":
        with open(output, "wb") if output else contextlib.nullcontext(sys.stdout.buffer) as binary:
            nodes, edges = corpus.write_graphml(binary)
        if output:
            err.print(f"wrote {nodes} nodes and {edges} edges to {output}")
        return
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = corpus.write_jsonl(out) if format == "jsonl" else corpus.write_csv(out, what)
    finally:
        if output:
            out.close()
    if output:
        err.print(f"wrote {n} {'lines' if format == 'jsonl' else 'rows'} to {output}")


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(v if isinstance(v, Text) else "" if v is None else str(v) for v in r))
    console.print(table)



@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    unit: Annotated[str | None, typer.Option("--unit", help="Only claims of this unit (person, shell, …).")] = None,
    hedged: Annotated[bool | None, typer.Option("--hedged/--firm", help="Only hedged / only firm claims.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The quantitative claims: number, what it counts, who says so, how firmly.

    Example: lagebild claims --unit person
    """
    everything = _corpus(db).claims()
    if unit is not None:
        _choice("--unit", unit, sorted({r["unit"] for r in everything if r["unit"]}))
    rows = [r for r in everything
            if (unit is None or r["unit"] == unit) and (hedged is None or bool(r["hedged"]) == hedged)]
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    _table(f"{len(rows)} claims", ["document", "value", "unit", "measure", "source", "hedge", "quote"],
           [[r["outlet"] or r["doc_id"], figure(r), r["unit"], r["measure"], r["source"],
             r["hedge"] if r["hedged"] else "", r["text"]] for r in rows])


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PER, ORG or LOC.")] = None,
    as_json: JsonOption = False,
) -> None:
    """People, organisations and places, with the documents that name them.

    Example: lagebild entities --type PER
    """
    if type is not None:
        _choice("--type", type.upper(), ENTITY_TYPES)
    rows = [r for r in _corpus(db).entities() if type is None or r["type"] == type.upper()]
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    _table(f"{len(rows)} entities", ["name", "type", "documents", "mentions", "spellings"],
           [[r["canonical"], r["type"], len(r["documents"]), r["mentions"], ", ".join(r["aliases"][:6])]
            for r in rows])


@app.command()
def conflicts(
    db: DbOption = DEFAULT_DB,
    status: Annotated[str | None, typer.Option("--status", help="Only groups that agree, differ or conflict.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, max=10.0,
                                             help="Relative spread still called 'differ'.")] = 0.15,
    as_json: JsonOption = False,
) -> None:
    """Figures that count the same thing across documents: agree, differ or conflict.

    Example: lagebild conflicts --status conflict
    """
    if status not in (None, "agree", "differ", "conflict"):
        _fail(f"unknown --status {status!r}; use agree, differ or conflict")
    groups = [g for g in _corpus(db).groups(tolerance) if status is None or g.status == status]
    if as_json:
        console.print_json(json.dumps([g.record() for g in groups], ensure_ascii=False))
        return
    for g in groups:
        colour = {"agree": "green", "differ": "yellow", "conflict": "red"}[g.status]
        rows = [[c["outlet"] or c["doc_id"], figure(c),
                 c["source"], "hedged" if c["hedged"] else "", c["time"] or c["published"] or "", c["text"]]
                for c in g.claims]
        console.print(f"[bold]{escape(g.title or g.concept)}[/bold] ({g.concept}, {g.unit}) "
                      f"[{colour}]{g.status}[/{colour}]: {escape(g.reason)}", highlight=False)
        _table("", ["document", "value", "source", "hedge", "as of", "quote"], rows)
    if not groups:
        console.print("no figures reported by two or more documents")


@app.command()
def timeline(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Dated expressions and events of all documents in time order.

    Example: lagebild timeline --json
    """
    rows = _corpus(db).timeline()
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    _table(f"timeline ({len(rows)} entries)", ["when", "precision", "document", "expression", "sentence"],
           [[r["value"], r["granularity"], r["outlet"] or r["doc_id"], r["text"], r["sentence"][:160]]
            for r in rows])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; every word must occur (no search syntax).")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most hits to show.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over the documents and claims, best hits first, with snippets.

    The first search of a freshly analyzed database builds the search index.

    Example: lagebild search "Soldaten Kursk" --limit 5
    """
    try:
        hits = _corpus(db).search(query, limit)
    except LagebildError as exc:
        _fail(str(exc))
    if as_json:
        console.print_json(json.dumps(hits, ensure_ascii=False))
        return
    table = Table(title=f"{len(hits)} hits for {query!r}")
    for column in ("kind", "document", "title", "snippet"):
        table.add_column(column, overflow="fold")
    for h in hits:  # Text(): an article's brackets are never read as console markup
        table.add_row(h["kind"], Text(h["doc_id"]), Text(h["title"] or ""), Text(h["snippet"]))
    console.print(table)


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path("report.html"),
    format: Annotated[str, typer.Option("--format", "-f", help="html (self-contained page) or md.")] = "html",
) -> None:
    """Write the report: overview, figures in dispute, timeline, entity network and
    per-document evidence. HTML is self-contained (works offline, no external requests).

    Example: lagebild report -o out/report.html
    """
    from lagebild.api import write_report

    if format not in ("html", "md"):
        _fail(f"unknown format {format!r}; use html or md")
    output.parent.mkdir(parents=True, exist_ok=True)
    write_report(_corpus(db), output, format=format)
    err.print(f"wrote {output}")


@app.command()
def reconcile(db: DbOption = DEFAULT_DB) -> None:
    """Bring an analyzed database up to date: apply pending migrations and build the
    search index (`analyze` does this itself; `serve` only reads).

    Example: lagebild reconcile --db sqlite:///demo.db
    """
    from lagebild.api import reconcile as run_reconcile

    try:
        corpus = run_reconcile(db)
    except LagebildError as exc:
        _fail(str(exc))
    _print_summary(corpus.summary())


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (local only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on; 0 picks a free "
                                                                       "one.")] = 8765,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="Another host name the server "
                                                         "answers to (localhost names always; repeatable).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, max=16, help="Server processes for many users "
                                                                        "at once (each keeps its own caches).")] = 1,
    ui_language: Annotated[str, typer.Option("--ui-language", help="Language of the pages: de or en.")] = "de",
) -> None:
    """Browse the analyzed corpus in a local web UI (read-only): documents with their
    evidence, claims, conflicts, timeline, entities and full-text search.

    Example: lagebild serve --db sqlite:///lagebild.db --port 8765
    """
    from lagebild.api import serve as run_server

    _choice("--ui-language", ui_language, UI_LANGUAGES)

    def announce(url: str) -> None:
        console.print(f"lagebild web UI on {url} (Ctrl+C stops it)")

    try:
        run_server(db, host=host, port=port, allowed_hosts=allow_host or [], workers=workers,
                   ui_language=ui_language, announce=announce)
    except LagebildError as exc:
        _fail(str(exc))


@app.command()
def demo(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles.")] = Path("examples/corpus"),
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path, typer.Option("--output", "-o", help="Report to write.")] = Path("out/report.html"),
) -> None:
    """Analyze the bundled example corpus, print a summary and write the report.

    Example: lagebild demo
    """
    if not corpus.is_dir():
        _fail(f"{corpus} is not a folder; run the demo from the lagebild checkout or name a folder of articles")
    analyze([str(corpus)], db=db, urls=None, published=None, language=None, outlet=None, title=None, profile=None,
            prune=False, force=False, workers=0, max_size=MAX_BYTES / 1e6, max_chars=MAX_CHARS,
            time_limit=TIME_LIMIT, delay=1.0, per_host=2, timeout=20.0, max_items=500, quiet=False)
    report(db=db, output=output, format="html")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
