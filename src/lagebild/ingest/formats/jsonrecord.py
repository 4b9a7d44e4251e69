"""A `.json` file: one article record or a list of them, in our field names,
news-please's (`maintext`, `date_publish`, `source_domain`) or trafilatura's JSON
output (`text`, `date`, `sitename`/`hostname`, `source` for the address)."""
from __future__ import annotations

import json
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.decode import decode
from lagebild.ingest.formats import Read
from lagebild.ingest.readers import record_to_document

# trafilatura's JSON names -> ours (the others it shares with us or news-please)
_TRAFILATURA = {"date": "published", "sitename": "outlet", "hostname": "outlet", "source": "url"}


def _ours(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    for theirs, ours in _TRAFILATURA.items():
        if theirs in record and not out.get(ours):
            out[ours] = record[theirs]
    return out


def from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    try:
        text, _ = decode(data, source, max_bytes=len(data))
        parsed = json.loads(text)
    except InputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield InputError(source, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                         stage="decode")
        return
    except RecursionError:
        yield InputError(source, "is JSON nested too deeply to be an article record", stage="decode")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for n, record in enumerate(records, start=1):
        where = source if len(records) == 1 else f"{source}:{n}"
        if not isinstance(record, dict):
            yield InputError(where, "is not a JSON object with article fields")
            continue
        record = _ours(record)
        record.setdefault("id", doc_id if len(records) == 1 else f"{doc_id}-{n}")
        yield record_to_document(record, where)
