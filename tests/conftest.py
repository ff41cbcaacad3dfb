"""Shared fixtures: a Neo4j of the tests' own, over Bolt, wiped per test.

The suite never touches the database people use. When pytest starts, it plans a disposable
database (`graph.disposable.Scratch`: a folder under `.localdb-test/`, a free port) and
points this process's environment at it, so every `Settings.from_env()`, CLI call and server
a test starts reaches it and nothing else; the first test that needs Neo4j starts it, and the
end of the session stops and deletes it. `PARTNERGRAPH_TEST_NEO4J_URI` (with `_USER`,
`_PASSWORD`, `_DATABASE`) points the suite at another Neo4j instead, which must be empty or
already marked disposable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph import disposable
from graph.admin import wipe
from graph.config import Settings
from graph.disposable import NotDisposable, Scratch
from graph.schema import migrate
from graph.store import Store

_scratch: Scratch | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _scratch
    base = Settings.from_env()
    chosen = disposable.external("TEST", base)
    if chosen is None:
        _scratch = Scratch.plan("test", base)
        env = _scratch.env()
    else:
        env = disposable.environment(chosen, local=False)
    os.environ.update(env)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _scratch is not None:
        _scratch.drop(echo=lambda *_: None)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Settings:
    """The tests' own Neo4j, started (or, given PARTNERGRAPH_TEST_NEO4J_URI, checked to be
    disposable) on first use."""
    if _scratch is not None:
        _scratch.start()
        return settings
    with Store(settings) as store:
        try:
            disposable.mark_disposable(store, "test")
        except NotDisposable as exc:
            pytest.exit(f"PARTNERGRAPH_TEST_NEO4J_URI: {exc}", returncode=4)
    return settings


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
