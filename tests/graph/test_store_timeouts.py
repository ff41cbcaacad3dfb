"""Reads stop at the store's read timeout: Neo4j itself ends the transaction."""

from __future__ import annotations

import pytest

from graph.queries import NamedQuery
from graph.store import QueryTimedOut, Store

# Counts to a billion: far longer than the timeout on any machine, never returns a row early.
SLOW = NamedQuery("test/slow", "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 "
                               "RETURN count(x) AS n", frozenset())


def test_a_read_past_the_timeout_is_stopped_by_neo4j(store: Store, settings) -> None:  # type: ignore[no-untyped-def]
    with Store(settings, read_timeout=0.5) as limited:
        with pytest.raises(QueryTimedOut, match="0.5 s"):
            limited.read(SLOW)
        with pytest.raises(QueryTimedOut):
            list(limited.stream(SLOW))
        assert limited.read(NamedQuery("test/fast", "RETURN 1 AS one", frozenset())) == [
            {"one": 1}]

