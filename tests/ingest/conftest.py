"""Helpers for import tests: files written to a temp folder, graph state as sets of tuples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.queries import named
from graph.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "ingest" / "examples"

_NODES = named("admin/snapshot_nodes")
_RELS = named("admin/snapshot_relationships")


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def snapshot(store: Store, *, imports: bool = True) -> tuple[frozenset[Any], frozenset[Any]]:
    """Every node and relationship with all properties (the records of imports — Import and
    AuditEvent nodes — optional)."""
    nodes = frozenset(
        (tuple(sorted(r["labels"])), tuple(sorted((k, _freeze(v)) for k, v in r["props"].items())))
        for r in store.read(_NODES)
        if imports or not {"Import", "AuditEvent"} & set(r["labels"]))
    rels = frozenset(
        (r["type"], r["start"], r["end"],
         tuple(sorted((k, _freeze(v)) for k, v in r["props"].items())))
        for r in store.read(_RELS))
    return nodes, rels


def nodes(store: Store, label: str, *fields: str) -> set[tuple[Any, ...]]:
    """(field values…) of every node with `label`."""
    return {tuple(_freeze(r["props"].get(f)) for f in fields)
            for r in store.read(_NODES) if label in r["labels"]}


def rels(store: Store, rel_type: str, *fields: str) -> set[tuple[Any, ...]]:
    """(start, end, field values…) of every relationship of `rel_type`."""
    return {(r["start"], r["end"], *(_freeze(r["props"].get(f)) for f in fields))
            for r in store.read(_RELS) if r["type"] == rel_type}


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("partners.csv", text) → path of a file holding exactly `text` (UTF-8)."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return _write
