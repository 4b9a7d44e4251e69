"""Reconcile after the store: read the analyzed claims and documents from the store,
group the claims across documents, find near-duplicate documents, and write the result
back through the store's functions (store/groups.py). `analyze` and `remove` run it;
`lagebild reconcile` runs it alone. Nothing in store/ imports this module.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from lagebild.reconcile.duplicates import near_duplicates
from lagebild.reconcile.groups import TOLERANCE, Basis, ClaimGroup, group_claims
from lagebild.store import Store
from lagebild.store.groups import duplicate_rows, group_rows, member_rows, save_groups


def reconcile(store: Store, tolerance: float = TOLERANCE) -> list[ClaimGroup]:
    """Compute claim groups and near-duplicates from the store and store them."""
    duplicates = near_duplicates(store.document_texts())
    languages = {d["id"]: d["language"] or "de" for d in store.document_rows()}
    groups = group_claims(store.claim_rows(), languages, tolerance, duplicates)
    rows, members = _rows(groups, duplicates)
    save_groups(store, rows, members, duplicates)
    return groups


def _rows(groups: list[ClaimGroup], duplicates: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, members = [], []
    for n, g in enumerate(groups):
        basis = g.basis
        vague = {c["id"] for c in basis.vague} if basis else set()
        rows.append({"id": g.id, "position": n, "unit": g.unit, "concept": g.concept, "measure": g.measure,
                     "title": g.title, "status": g.status, "reason": g.reason, "basis": basis.kind if basis else "",
                     "high_claim": basis.high.get("id") if basis else None,
                     "low_claim": basis.low.get("id") if basis else None,
                     "gap": basis.gap if basis else 0.0, "tolerance": basis.tolerance if basis else TOLERANCE,
                     "members": len(g.claims), "documents": len({c["doc_id"] for c in g.claims})})
        members += [{"group_id": g.id, "claim_id": c["id"], "position": i, "doc_id": c["doc_id"],
                     "counted": c["doc_id"] not in duplicates, "vague_basis": c["id"] in vague}
                    for i, c in enumerate(g.claims)]
    return rows, members


def stored(store: Store, claims: list[dict[str, Any]] | None = None) -> list[ClaimGroup] | None:
    """The stored groups with their claims (rows of `store.claim_rows()`), or None when
    reconcile has stored none."""
    rows = group_rows(store)
    if not rows:
        return None
    by_id = {c["id"]: c for c in (claims if claims is not None else store.claim_rows())}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in member_rows(store):
        if m["claim_id"] in by_id:
            members[m["group_id"]].append(m)
    out = []
    for r in rows:
        claims_of = [by_id[m["claim_id"]] for m in members[r["id"]]]
        basis = None
        if r["basis"] and r["high_claim"] in by_id and r["low_claim"] in by_id:
            vague = [by_id[m["claim_id"]] for m in members[r["id"]] if m["vague_basis"]]
            basis = Basis(r["status"], r["basis"], by_id[r["high_claim"]], by_id[r["low_claim"]], r["gap"],
                          r["tolerance"], vague)
        out.append(ClaimGroup(id=r["id"], unit=r["unit"], concept=r["concept"], measure=r["measure"],
                              claims=claims_of, status=r["status"], reason=r["reason"], basis=basis,
                              title=r["title"]))
    return out


def stored_duplicates(store: Store) -> dict[str, str]:
    return duplicate_rows(store)
