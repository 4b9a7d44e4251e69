"""Bytes to text: encoding detection and the checks that reject what is not an article."""
from __future__ import annotations

from lagebild.errors import InputError

MAX_BYTES = 5_000_000  # one article; a larger file is almost surely not one

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError with the fix in the message."""
    if len(data) > max_bytes:
        raise InputError(source, f"file is {len(data) / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.0f} MB "
                                 "limit for one article; split it or raise --max-size")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if looks_binary(data):
        raise InputError(source, "looks like a binary file, not text or HTML; remove it from the input")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 is a superset of latin-1's printable range and what Windows editors write
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "is empty; nothing to analyze")
    return text, encoding
