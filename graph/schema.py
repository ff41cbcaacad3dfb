"""Idempotent schema migration: constraints, indexes, reference data and stored data.

Every statement under `queries/schema/` is `CREATE … IF NOT EXISTS`, applied in file
order, so running the migration again changes nothing. Those under `queries/migrations/`
convert data written by earlier versions; each runs once per database (a `Migration` node
records it), and would find nothing to do if run again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.queries import catalogue, named
from graph.store import Store
from graph.writer import write_reference_data

_SCHEMA_OBJECTS = named("admin/schema_objects")
_MIGRATIONS_DONE = named("admin/migrations_done")
_MIGRATION_DONE = named("admin/migration_done")


@dataclass(frozen=True)
class MigrationReport:
    applied: int
    created: list[str]
    converted: list[str]  # data migrations run this time


def schema_statements() -> list[str]:
    return [name for name in catalogue() if name.startswith("schema/")]


def schema_objects(store: Store) -> set[str]:
    return {row["name"] for row in store.read(_SCHEMA_OBJECTS)}


def migrate(store: Store) -> MigrationReport:
    """Create missing constraints and indexes, (re)write regions and countries, and
    convert data written by earlier versions."""
    before = schema_objects(store)
    names = schema_statements()
    for name in names:
        store.write(named(name))
    write_reference_data(store)
    done = {row["id"] for row in store.read(_MIGRATIONS_DONE)}
    converted = [name for name in catalogue() if name.startswith("migrations/") and name not in done]
    for name in converted:
        store.write_in_transactions(named(name))
        store.write(_MIGRATION_DONE, id=name, at=dt.datetime.now(dt.UTC).isoformat())
    created = sorted(schema_objects(store) - before)
    return MigrationReport(applied=len(names), created=created, converted=converted)
