"""Per-document extraction stages: entities, times, quantities and claims, events."""
