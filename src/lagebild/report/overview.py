"""The story at a glance: key terms, actors, outlets and what is in dispute."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lagebild import lang
from lagebild.model import Document
from lagebild.reconcile.groups import ClaimGroup

_WORD = re.compile(r"[^\W\d_][^\W\d_-]{3,}(?:-[^\W\d_]+)*")
# a capitalised word inside a sentence (after a lower-case word or a comma): a noun in German
_INNER_NOUN = re.compile(r"(?<=[a-zäöüß,] )[A-ZÄÖÜ][^\W\d_]{4,}(?:-[^\W\d_]+)*")
_TIME_TABLES = ("months", "weekdays", "seasons")
SEVERITY = {"conflict": 0, "differ": 1, "agree": 2}


@dataclass
class Outlet:
    name: str
    documents: int
    languages: list[str]
    first: str | None
    last: str | None


def _stopwords() -> frozenset[str]:
    words = {w for code in lang.SUPPORTED for w in lang.words(code, "boilerplate_stopwords")}
    words |= {k for code in lang.SUPPORTED for name in _TIME_TABLES for k in lang.table(code, name)}
    return frozenset(w.casefold() for w in words)


def _entity_words(docs: Sequence[Document]) -> set[str]:
    return {w.casefold() for d in docs for e in d.entities for m in e.mentions for w in _WORD.findall(m.text)}


def key_terms(docs: Sequence[Document], limit: int = 14) -> list[tuple[str, int]]:
    """Nouns used by the most documents (not time words, not entity names): (word, documents)."""
    stop = _stopwords() | _entity_words(docs)
    frequency: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        seen = set()
        for word in _INNER_NOUN.findall(doc.text):
            key = word.casefold()
            if key in stop:
                continue
            spelling[key][word] += 1
            seen.add(key)
        frequency.update(seen)
    ranked = sorted(((k, n) for k, n in frequency.items() if n >= 2), key=lambda kn: (-kn[1], kn[0]))
    return [(spelling[k].most_common(1)[0][0], n) for k, n in ranked[:limit]]


def actors(entities: list[dict[str, Any]], kind: str, limit: int = 8) -> list[dict[str, Any]]:
    """The most widely reported entities of one type (PER, ORG, LOC)."""
    return [e for e in entities if e["type"] == kind][:limit]


def outlets(docs: Sequence[Document]) -> list[Outlet]:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        groups[d.outlet or d.id].append(d)
    out = []
    for name, items in groups.items():
        dates = sorted(d.published for d in items if d.published)
        out.append(Outlet(name, len(items), sorted({d.language or "?" for d in items}),
                          dates[0] if dates else None, dates[-1] if dates else None))
    return sorted(out, key=lambda o: (-o.documents, o.name.casefold()))


def disputed(groups: list[ClaimGroup]) -> list[ClaimGroup]:
    """Groups, most contested first (conflict, differ, agree), larger groups first."""
    return sorted(groups, key=lambda g: (SEVERITY.get(g.status, 3), -len({c["doc_id"] for c in g.claims}), g.id))
