"""Which files to read: files named directly, and the files inside folders
(recursively, sorted). What a folder holds but lagebild does not read is reported
as `Skipped` with the reason; hidden folders are skipped whole, once."""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import describe_os_error
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


def _folder(root: Path, readable: tuple[str, ...], quiet: tuple[str, ...]) -> Iterator[Path | Skipped | InputError]:
    """Nothing is passed over without a word: a folder that cannot be entered and a broken
    link are failures; a link to a folder is not followed (no loops) and says so."""
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        yield from _unreadable(errors)
        here = Path(folder)
        for name in sorted(d for d in dirs if d.startswith(".")):
            yield Skipped(str(here / name), "hidden folder")
        for name in sorted(d for d in dirs if (here / d).is_symlink()):
            yield Skipped(str(here / name), "a symbolic link to a folder, not followed (name the folder itself "
                                            "to read it)")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            reason = skip_reason(path, readable, quiet)
            if reason:
                yield Skipped(str(path), reason)
            elif _broken_link(path):
                yield InputError(str(path), "is a broken symbolic link (its target does not exist); remove it")
            elif name not in quiet:
                yield path  # its reader says when it cannot be read
    yield from _unreadable(errors)


def _broken_link(path: Path) -> bool:
    try:
        return path.is_symlink() and not path.exists()
    except OSError:  # a folder that can be listed but not entered: the reader names the file
        return False


def _unreadable(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        exc = errors.pop(0)
        yield InputError(str(exc.filename), f"folder {describe_os_error(exc)}")


def walk(paths: Iterable[str | Path], readable: tuple[str, ...],
         quiet: tuple[str, ...] = ()) -> Iterator[Path | InputError | Skipped]:
    """Files to read, in order; `quiet` names files used otherwise (sidecars), neither read nor reported."""
    for p in paths:
        path = Path(p)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield InputError(str(path), "is a broken symbolic link" if path.is_symlink() else
                             "does not exist; check the path")
            continue
        except OSError as exc:
            yield InputError(str(path), describe_os_error(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _folder(path, readable, quiet)
        else:
            yield path  # its reader says when it is not a regular file


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
