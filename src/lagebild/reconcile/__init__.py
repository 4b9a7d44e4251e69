"""Corpus-level reconciliation over stored results: claim groups and their status."""
from lagebild.reconcile.groups import ClaimGroup, group_claims

__all__ = ["ClaimGroup", "group_claims"]
