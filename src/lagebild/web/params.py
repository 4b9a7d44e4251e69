"""Query parameters shared by pages and the JSON API, validated by FastAPI.

HTML forms send empty strings for unset fields, so every filter accepts "" as "no filter".
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from lagebild.store.queries import ClaimFilter

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"

Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Values = Annotated[int, Query(ge=0, le=500, description="Figures listed per claim group (0–500).")]
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
Text = Annotated[str | None, Query(max_length=300)]
DateFilter = Annotated[str | None, Query(pattern=DATE_PATTERN, description="Publication date prefix: "
                                                                            "YYYY, YYYY-MM or YYYY-MM-DD.")]
EntityType = Annotated[Literal["", "PER", "ORG", "LOC"] | None, Query(description="PER, ORG or LOC.")]
Hedged = Annotated[Literal["", "yes", "no"] | None, Query(description="yes: only hedged claims; no: only firm.")]
Status = Annotated[Literal["", "agree", "differ", "conflict"] | None, Query(description="Group status.")]
Sort = Annotated[Literal["doc", "value", "unit", "measure", "source", "hedged", "outlet", "published"],
                 Query(description="Column to sort claims by.")]
Order = Annotated[Literal["asc", "desc"], Query(description="Sort direction.")]
SearchQuery = Annotated[str, Query(min_length=1, max_length=300, description="Words to find (all must occur).")]


def claim_filter(unit: Text = None, entity: Text = None, source: Text = None, hedged: Hedged = None,
                 outlet: Text = None) -> ClaimFilter:
    """The claim filters of a request (a FastAPI dependency)."""
    return ClaimFilter(unit=unit or None, entity=entity or None, source=source or None,
                       hedged={"yes": True, "no": False}.get(hedged or ""), outlet=outlet or None)
