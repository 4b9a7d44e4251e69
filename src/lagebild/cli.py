"""The command line: a thin layer over the Python API (`lagebild.api`).

Exit codes: 0 all went well; 1 some inputs could not be read or analyzed (the rest
was); 2 a usage error (bad option, database that cannot be opened).
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from lagebild import __version__
from lagebild.errors import LagebildError
from lagebild.store import DEFAULT_DB

if TYPE_CHECKING:
    from lagebild.api import Corpus

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="lagebild: a sourced, cross-checked situation picture from a pile of news articles.\n\n"
                       "Start with `lagebild analyze FOLDER`, then look at `lagebild claims`, "
                       "`lagebild entities`, `lagebild timeline`, or write `lagebild report -o report.html`.")
console = Console()
err = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="Database URL: sqlite:///FILE.db (default) or "
                                                      "postgresql://user@host/db.", envvar="LAGEBILD_DB")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


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


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) or folders of them.")],
    db: DbOption = DEFAULT_DB,
    force: Annotated[bool, typer.Option("--force", help="Analyze again even when an input is unchanged.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes to use (0 = all cores).")] = 0,
    max_size: Annotated[float, typer.Option("--max-size", help="Largest article file to read, in MB.")] = 5.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Read, clean and extract articles into the database.

    Re-analyzing unchanged inputs changes nothing; a file that cannot be read is
    reported and skipped, and the exit code is 1.

    Example: lagebild analyze examples/corpus --db sqlite:///demo.db
    """
    from lagebild.api import analyze as run_analyze

    progress = Progress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, disable=quiet or not err.is_terminal, transient=True)
    with progress:
        task = progress.add_task("analyze", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            corpus = run_analyze(paths, db=db, force=force, workers=workers or None,
                                 max_bytes=int(max_size * 1_000_000), on_progress=on_progress)
        except LagebildError as exc:
            _fail(str(exc))
    report = corpus.report
    for failure in report.failed:
        err.print(f"[yellow]skipped[/yellow] {failure}", highlight=False, soft_wrap=True)
    for doc_id, message in report.stage_errors.items():
        err.print(f"[yellow]failed[/yellow] {doc_id}: {message} (raw input kept in the database)",
                  highlight=False, soft_wrap=True)
    if not quiet:
        console.print(f"analyzed {len(report.analyzed)}, unchanged {len(report.unchanged)}, "
                      f"failed {len(report.failed) + len(report.stage_errors)}")
        _print_summary(corpus.summary())
    if not report.ok:
        raise typer.Exit(1)


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table(title="Lagebild", show_header=False)
    first, last = summary["time_span"]
    rows = [("documents", summary["documents"]), ("entities", summary["entities"]), ("claims", summary["claims"]),
            ("time expressions", summary["times"]), ("events", summary["events"]),
            ("time span (published)", f"{first or '?'} … {last or '?'}"),
            ("inputs that could not be read", summary["failures"])]
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
    what: Annotated[str, typer.Option("--what", help="For csv: claims or entities.")] = "claims",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the analyzed corpus as JSONL (one document per line), CSV or GraphML.

    Example: lagebild export --format jsonl -o corpus.jsonl
    """
    from lagebild import export as ex

    if format not in ("jsonl", "csv", "graphml"):
        _fail(f"unknown format {format!r}; use jsonl, csv or graphml")
    if format == "csv" and what not in ("claims", "entities"):
        _fail(f"unknown --what {what!r}; use claims or entities")
    corpus = _corpus(db)
    if format == "graphml":
        from lagebild.reconcile.network import cooccurrence, write_graphml

        nodes, edges = cooccurrence(corpus.store.documents())
        write_graphml(output or sys.stdout.buffer, nodes, edges)
        if output:
            err.print(f"wrote {len(nodes)} nodes and {len(edges)} edges to {output}")
        return
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "jsonl":
            n = ex.write_jsonl(out, corpus.store.documents(), (g.record() for g in corpus.groups()))
        elif what == "claims":
            n = ex.write_claims_csv(out, corpus.claims())
        else:
            n = ex.write_entities_csv(out, corpus.entities())
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
        table.add_row(*("" if v is None else str(v) for v in r))
    console.print(table)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:g}"


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
    rows = [r for r in _corpus(db).claims()
            if (unit is None or r["unit"] == unit) and (hedged is None or bool(r["hedged"]) == hedged)]
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    _table(f"{len(rows)} claims", ["document", "value", "unit", "measure", "source", "hedge", "quote"],
           [[r["outlet"] or r["doc_id"],
             _num(r["value"]) + (f"–{_num(r['value_max'])}" if r["value_max"] else "") + (" ~" if r["approx"] else ""),
             r["unit"], r["measure"], r["source"], r["hedge"] if r["hedged"] else "", r["text"]] for r in rows])


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PER, ORG or LOC.")] = None,
    as_json: JsonOption = False,
) -> None:
    """People, organisations and places, with the documents that name them.

    Example: lagebild entities --type PER
    """
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
    tolerance: Annotated[float, typer.Option("--tolerance", help="Relative spread still called 'differ'.")] = 0.15,
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
        rows = [[c["outlet"] or c["doc_id"], _num(c["value"]) + (f"–{_num(c['value_max'])}" if c["value_max"] else ""),
                 c["source"], "hedged" if c["hedged"] else "", c["time"] or c["published"] or "", c["text"]]
                for c in g.claims]
        console.print(f"[bold]{g.concept}[/bold] ({g.unit}) [{colour}]{g.status}[/{colour}]: {g.reason}",
                      highlight=False)
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
    from lagebild.store.search import search as find

    try:
        hits = find(_corpus(db).store, query, limit)
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
    from lagebild.report import write_report

    if format not in ("html", "md"):
        _fail(f"unknown format {format!r}; use html or md")
    output.parent.mkdir(parents=True, exist_ok=True)
    write_report(_corpus(db), output, format=format)  # type: ignore[arg-type]
    err.print(f"wrote {output}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (local only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
) -> None:
    """Browse the analyzed corpus in a local web UI (read-only): documents with their
    evidence, claims, conflicts, timeline, entities and full-text search.

    Example: lagebild serve --db sqlite:///lagebild.db --port 8765
    """
    from lagebild.web.app import serve as run_server

    _corpus(db)  # a clear error for a database that cannot be opened
    console.print(f"lagebild web UI on http://{host}:{port}/ (Ctrl+C stops it)")
    run_server(db, host=host, port=port)


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
    analyze([corpus], db=db, force=False, workers=0, max_size=5.0, quiet=False)
    report(db=db, output=output, format="html")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
