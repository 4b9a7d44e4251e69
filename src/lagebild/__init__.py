"""lagebild: a sourced, cross-checked situation picture from a pile of news articles."""
from __future__ import annotations

__version__ = "0.1.0"
