"""Shared fixtures: a real Neo4j over Bolt (started here if none answers), wiped per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph import localdb
from graph.admin import wipe
from graph.config import Settings
from graph.schema import migrate
from graph.store import DatabaseUnavailable, Store


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """Use the Neo4j at NEO4J_URI; start the local one if nothing answers (and stop it after)."""
    started = False
    with Store(settings, retry_seconds=1) as probe:
        try:
            probe.ping()
        except DatabaseUnavailable:
            localdb.start(settings)
            started = True
    yield settings
    if started:
        localdb.stop(settings)


@pytest.fixture(scope="session")
def session_store(neo4j_server: Settings) -> Iterator[Store]:
    with Store(neo4j_server) as store:
        migrate(store)
        yield store


@pytest.fixture
def store(session_store: Store) -> Iterator[Store]:
    """The store, with an empty graph (reference countries and regions kept) for this test."""
    wipe(session_store)
    yield session_store
