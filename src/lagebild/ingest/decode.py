"""Bytes to text that tells the truth: size checked before reading, byte-order marks,
a declared charset (HTTP header, HTML `<meta charset>`), UTF-8, then charset-normalizer's
guess; binary files and files that are empty once decoded are refused with the reason.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from lagebild.errors import InputError
from lagebild.limits import MAX_BYTES

# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# characters that show nothing: a text made only of these (and spaces) is empty
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e\u200e\u200f"
_DETECT_BYTES = 200_000  # charset-normalizer looks at this much of a file


def _too_large(source: str, size: int, max_bytes: int) -> InputError:
    return InputError(source, f"file is {size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:g} MB limit for one "
                              "article; split it or raise --max-size", stage="read")


def regular_size(path: Path) -> int:
    """The size of a regular file (stat, nothing read); an InputError for anything else."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputError(str(path), f"is {file_kind(info.st_mode)}, not a regular file; remove it from the input",
                         stage="read")
    return info.st_size


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, its size checked (stat) before anything is read."""
    size = regular_size(path)
    if size > max_bytes:
        raise _too_large(str(path), size, max_bytes)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we looked
        raise _too_large(str(path), len(data), max_bytes)
    return data


def file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "something else"


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def codec_name(label: str | None) -> str | None:
    """Python's codec for a charset label ("ISO-8859-1", "Shift_JIS"), or None if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB (`<meta charset>` or http-equiv)."""
    found = _META_CHARSET.search(data[:4096])
    return codec_name(found[1].decode("ascii")) if found else None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str]:
    """charset-normalizer's best guess; cp1252 (what Windows editors write) when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    encoding = codec_name(best.encoding) if best is not None else None
    text = _try(data, encoding)
    if encoding is None or text == _try(data, "cp1252"):
        # no guess, or one that reads these bytes as Windows' western code page does
        encoding, text = "cp1252", _try(data, "cp1252")
    if text is None:  # the guess held for the sample only
        return data.decode(encoding or "cp1252", errors="replace"), f"{encoding} (with replacements)"
    return text, encoding or "cp1252"


def _decode_text(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding.replace("utf-8-sig", "utf-8"), errors="replace"), encoding
    if (text := _try(data, codec_name(declared))) is not None:
        return text, codec_name(declared) or "utf-8"
    if (text := _try(data, "utf-8")) is not None:
        return text, "utf-8"
    meta = meta_charset(data)
    if (text := _try(data, meta)) is not None and meta:
        return text, meta
    return _guess(data)


def is_blank(text: str) -> bool:
    """Nothing but white space and invisible characters."""
    return not text.translate({ord(c): None for c in INVISIBLE}).strip()


def decode(data: bytes, source: str, max_bytes: int = MAX_BYTES, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) with line ends made "\\n". `declared` is a charset the
    transport gave (an HTTP Content-Type). Raises InputError with the fix in the message."""
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and looks_binary(data):
        raise InputError(source, "looks like a binary file, not text or HTML; remove it from the input",
                         stage="decode")
    text, encoding = _decode_text(data, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_blank(text):
        what = "empty" if not data.strip() else f"empty after decoding ({encoding}: only white space, a byte-order "\
                                                  "mark or invisible characters)"
        raise InputError(source, f"is {what}; nothing to analyze", stage="decode")
    return text, encoding


def describe_os_error(exc: OSError) -> str:
    """A one-line reason for an OSError, with what to do."""
    if isinstance(exc, PermissionError):
        return "cannot be read: permission denied; check its permissions"
    if exc.errno is not None and exc.errno == getattr(os, "ELOOP", -1):
        return "is a symbolic link loop; remove the link"
    return f"cannot be read ({exc.strerror or exc})"
