"""Disposable databases: a wipe empties a marked database and keeps the mark."""

from __future__ import annotations

from graph.admin import label_counts, wipe
from graph.disposable import data_nodes, is_disposable, mark_disposable
from graph.store import Store
from ingest.demo import load_demo


def test_a_wipe_deletes_the_data_and_keeps_the_mark_and_the_reference_frame(store: Store) -> None:
    load_demo(store)
    countries = label_counts(store)["Country"]
    assert data_nodes(store) > 300

    deleted = wipe(store)

    assert deleted > 300 and data_nodes(store) == 0
    assert is_disposable(store)
    assert label_counts(store)["Country"] == countries


def test_marking_a_marked_database_again_changes_nothing(store: Store) -> None:
    load_demo(store)  # data beside the mark: the mark stays, nothing is refused
    mark_disposable(store, "test")
    assert is_disposable(store)
