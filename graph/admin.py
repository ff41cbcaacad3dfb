"""Whole-database chores: wiping a disposable database (tests, benchmarks) and counting
what is there."""

from __future__ import annotations

from graph.disposable import require_disposable
from graph.queries import named
from graph.store import Store

_WIPE_TIES = named("admin/wipe_ties_batch")
_WIPE = named("admin/wipe_batch")
_LABELS = named("admin/count_labels")
_RELS = named("admin/count_relationships")


def wipe(store: Store, batch: int = 10_000) -> int:
    """Delete every node but the countries, regions and the disposable mark, in bounded
    transactions: their relationships first, then the nodes. Returns the nodes deleted.

    Raises `graph.disposable.NotDisposable` (and deletes nothing) unless the database is
    marked disposable: a wipe never reaches the database people use.
    """
    require_disposable(store)
    while store.write(_WIPE_TIES, limit=5 * batch)[0]["deleted"]:
        pass
    total = 0
    while deleted := store.write(_WIPE, limit=batch)[0]["deleted"]:
        total += deleted
    return total


def label_counts(store: Store) -> dict[str, int]:
    return {row["label"]: row["n"] for row in store.read(_LABELS)}


def relationship_counts(store: Store) -> dict[str, int]:
    return {row["type"]: row["n"] for row in store.read(_RELS)}
