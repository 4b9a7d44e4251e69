"""Metadata the user gives: on the command line for the inputs of one call
(`--published`, `--language`, `--outlet`, `--title`), or in a sidecar file beside
the articles (`metadata.csv` or `metadata.jsonl`: a `file` column naming a file in
that folder, then any of `published`, `language`, `outlet`, `title`, `url`).

Given metadata wins over what lagebild finds itself (HTML metadata, a feed's date,
the article's dateline), which stays the fallback. It is part of a document's
content hash, so giving a new date re-analyzes the document.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from lagebild import lang
from lagebild.errors import InputError, UsageError
from lagebild.ingest.metadata import iso_from
from lagebild.ingest.readers import content_hash
from lagebild.model import Document

SIDECARS = ("metadata.csv", "metadata.jsonl")
_FILE_KEYS = ("file", "filename", "name", "path")


@dataclass(frozen=True)
class Given:
    published: str | None = None
    language: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None

    def values(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def over(self, other: Given) -> Given:
        """These values, and `other`'s where these have none."""
        return replace(other, **self.values())

    def apply(self, doc: Document) -> Document:
        values = self.values()
        if not values:
            return doc
        for name, value in values.items():
            setattr(doc, name, value)
        values = {**doc.meta.get("given", {}), **values}
        doc.meta["given"] = values
        doc.meta["content_hash"] = content_hash(doc.raw + json.dumps(values, sort_keys=True))
        return doc


def check(raw: dict[str, Any], where: str) -> Given:
    """Given metadata from strings, checked: an ISO-like date, a language lagebild has."""
    values = {f.name: str(raw[f.name]).strip() for f in fields(Given) if raw.get(f.name) not in (None, "")}
    if "published" in values:
        iso = iso_from(values["published"])
        if not iso:
            raise UsageError(f"{where}: published {values['published']!r} is not a date; write it as "
                             "2025-06-17 (or 2025-06, 2025)")
        values["published"] = iso
    if "language" in values:
        code = values["language"].lower()
        if code not in lang.SUPPORTED:
            raise UsageError(f"{where}: language {values['language']!r} is not one lagebild has lexicons for "
                             f"({', '.join(lang.SUPPORTED)})")
        values["language"] = code
    return Given(**values)


def _rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        return [(f"{path}:{n}", row) for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2)]
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
            rows.append((f"{path}:{n}", record if isinstance(record, dict) else {}))
    return rows


def read_sidecar(folder: Path) -> tuple[dict[str, Given], list[InputError]]:
    """File name (relative to `folder`) -> its given metadata, and the rows that are wrong."""
    table: dict[str, Given] = {}
    problems: list[InputError] = []
    for name in SIDECARS:
        path = folder / name
        try:
            if not path.is_file():
                continue
            rows = _rows(path)
        except OSError:  # a folder that can be listed but not entered: its files are named one by one
            continue
        for where, row in rows:
            key = next((str(row[k]).strip() for k in _FILE_KEYS if row.get(k)), "")
            if not key:
                problems.append(InputError(where, f"names no file; give a column {_FILE_KEYS[0]!r}"))
                continue
            if not (folder / key).is_file():
                problems.append(InputError(where, f"names {key!r}, which is not a file in {folder}"))
                continue
            try:
                table[Path(key).as_posix()] = check(row, where)
            except UsageError as exc:
                problems.append(InputError(where, str(exc).split(": ", 1)[1]))
    return table, problems


class Sidecars:
    """The sidecar files of the folders read, each loaded once."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict[str, Given]] = {}
        self.problems: list[InputError] = []

    def given(self, path: Path) -> Given:
        """What the sidecar in the file's folder says about it."""
        folder = path.parent
        if folder not in self.folders:
            self.folders[folder], problems = read_sidecar(folder)
            self.problems.extend(problems)
        return self.folders[folder].get(path.name, Given())
