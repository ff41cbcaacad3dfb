"""Metric runs recorded before runs carried `partial` are marked by their parameters."""

from __future__ import annotations

import datetime as dt

from graph.metrics.job import RunParams
from graph.queries import NamedQuery, named
from graph.store import Store

OLD_RUN = NamedQuery("test/old_run", "CREATE (:MetricRun {id: $id, params: $params, "
                                     "status: 'complete'})", frozenset({"id", "params"}))
PARTIAL = NamedQuery("test/partial", "MATCH (r:MetricRun) RETURN r.id AS id, r.partial AS "
                                     "partial ORDER BY id", frozenset())


def test_old_runs_are_marked_partial_by_region_or_kinds(store: Store) -> None:
    day = dt.date(2026, 1, 1)
    for run_id, params in [("a-full", RunParams(as_of=day)),
                           ("b-region", RunParams(as_of=day, region="AFR")),
                           ("c-kinds", RunParams(as_of=day, partner_kinds=("cert",)))]:
        store.write(OLD_RUN, id=run_id, params=params.to_json())
    store.write_in_transactions(named("migrations/metric_run_partial"))
    assert store.read(PARTIAL) == [{"id": "a-full", "partial": False},
                                   {"id": "b-region", "partial": True},
                                   {"id": "c-kinds", "partial": True}]
