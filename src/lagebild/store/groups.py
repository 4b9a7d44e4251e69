"""Claim groups, their members and near-duplicate documents as stored by reconcile.

Reconcile (lagebild/reconcile/run.py) computes them after every analyze or remove and
replaces what was stored in one transaction; everything that shows groups (web UI,
report, exports) reads them here instead of computing them again.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from lagebild.store import schema as s
from lagebild.store.store import Store

G, GM, DUP = s.claim_groups.c, s.group_members.c, s.duplicates.c


def save_groups(store: Store, groups: list[dict[str, Any]], members: list[dict[str, Any]],
                duplicates: dict[str, str]) -> None:
    """Replace the stored groups, members and near-duplicates with these (one transaction)."""
    with store._writing() as conn:
        for table in s.GROUP_TABLES:
            conn.execute(table.delete())
        if groups:
            conn.execute(s.claim_groups.insert(), groups)
        if members:
            conn.execute(s.group_members.insert(), members)
        if duplicates:
            conn.execute(s.duplicates.insert(), [{"doc_id": k, "original_id": v} for k, v in duplicates.items()])


def group_rows(store: Store) -> list[dict[str, Any]]:
    """Every stored group, in the order reconcile made them."""
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(s.claim_groups).order_by(G.position)).mappings()]


def member_rows(store: Store) -> list[dict[str, Any]]:
    """Every group member (group id, claim id, doc id, counted, vague_basis), by group and position."""
    with store.engine.connect() as conn:
        q = select(s.group_members).order_by(GM.group_id, GM.position)
        return [dict(r) for r in conn.execute(q).mappings()]


def claim_group_status(store: Store) -> dict[str, tuple[str, str]]:
    """claim id -> (group id, status) of the group it belongs to (the first, if several)."""
    q = (select(GM.claim_id, GM.group_id, G.status).join(s.claim_groups, G.id == GM.group_id)
         .order_by(G.position.desc()))
    with store.engine.connect() as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute(q)}


def duplicate_rows(store: Store) -> dict[str, str]:
    """Near-duplicate documents as stored: copy id -> original id."""
    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(select(DUP.doc_id, DUP.original_id))}
