"""Which files to read: files named directly, and the files inside folders
(recursively, sorted). What a folder holds but lagebild does not read is reported
as `Skipped` with the reason; hidden folders are skipped whole, once."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.outcome import Skipped


def skip_reason(path: Path, readable: tuple[str, ...], quiet: tuple[str, ...]) -> str | None:
    """Why a file found in a folder is not read, or None when it is."""
    if path.name in quiet:
        return None
    if path.name.startswith("."):
        return "hidden file"
    if path.name.startswith("~$"):
        return "an office program's lock file"
    if path.suffix.lower() not in readable:
        kind = f"type '{path.suffix}'" if path.suffix else "a file without a suffix"
        return f"{kind} is not one lagebild reads ({', '.join(readable)})"
    return None


def _folder(root: Path, readable: tuple[str, ...], quiet: tuple[str, ...]) -> Iterator[Path | Skipped]:
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in sorted(d for d in dirs if d.startswith(".")):
            yield Skipped(str(here / name), "hidden folder")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = here / name
            reason = skip_reason(path, readable, quiet)
            if reason:
                yield Skipped(str(path), reason)
            elif name not in quiet:
                yield path


def walk(paths: Iterable[str | Path], readable: tuple[str, ...],
         quiet: tuple[str, ...] = ()) -> Iterator[Path | InputError | Skipped]:
    """Files to read, in order; `quiet` names files used otherwise (sidecars), neither read nor reported."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _folder(path, readable, quiet)
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "does not exist; check the path")


def file_of(source: str) -> Path:
    """The file a document's source names ("a.jsonl:3" -> a.jsonl, "mail.eml#report.pdf" -> mail.eml)."""
    return Path(re.sub(r"(#.*|:\d+)$", "", source))


def within(source: str, target: str) -> bool:
    """Whether a source (a file path or an address) is `target` or lies in the folder `target`."""
    if source == target:
        return True
    if "://" in source or "://" in target:
        return False
    path, folder = file_of(source).resolve(), Path(target).resolve()
    return path == folder or folder in path.parents
