"""The budgets that keep one input from eating a run (defaults of `lagebild analyze`)."""
from __future__ import annotations

MAX_BYTES = 5_000_000  # bytes of one file or JSONL record; a larger one is almost surely not an article
MAX_CHARS = 200_000  # characters analyzed per document (a long article has 50,000); the rest is cut
TIME_LIMIT = 120.0  # seconds per document (an article takes well under one)
MAX_WORD = 64  # characters of one word; a longer run without a space (blob, URL, "-----") is not analyzed
