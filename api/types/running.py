"""runMetrics: one metric run through graph/metrics/job.py, as `partnergraph metrics run`."""

from __future__ import annotations

import datetime as dt
from functools import partial

import networkx as nx
from starlette.concurrency import run_in_threadpool

from api.types.common import Info
from api.types.metrics import MetricRun
from api.types.results import FieldProblem, InvalidInput
from graph.reads import analytics

MAX_DAYS = 36500  # a hundred years: beyond any real window, and keeps dates in range


async def run(info: Info, seeds: list[str], half_life_days: float | None, *,
              window_days: int | None = None,
              expiring_days: int | None = None) -> MetricRun | InvalidInput:
    from graph.metrics.job import RunParams, run_metrics

    ranges = {"halfLifeDays": half_life_days, "windowDays": window_days,
              "expiringDays": expiring_days}
    bad = [name for name, value in ranges.items()
           if value is not None and not 1 <= value <= MAX_DAYS]
    if bad:
        return InvalidInput(message=f"{', '.join(bad)} must be between 1 and {MAX_DAYS} days",
                            problems=[FieldProblem(field=name, message="out of range")
                                      for name in bad])
    # A run covers no more than its caller may read (api/metric_gate.py), AMBER at most.
    ceiling = min(RunParams.tlp_max, info.context.viewer.access.max_tlp)
    params = RunParams(as_of=dt.date.today(), seeds=tuple(seeds), tlp_max=ceiling,
                       half_life_days=half_life_days or RunParams.half_life_days,
                       window_days=window_days or RunParams.window_days,
                       expiring_days=expiring_days or RunParams.expiring_days)
    store = info.context.store
    try:
        report = await run_in_threadpool(partial(run_metrics, store, params,
                                                 actor=f"api:{info.context.viewer.actor}"))
    except (nx.NetworkXPointlessConcept, nx.NodeNotFound) as exc:
        field = "seeds" if isinstance(exc, nx.NodeNotFound) else "graph"
        return InvalidInput(message=str(exc), problems=[FieldProblem(field=field,
                                                                     message=str(exc))])
    row = (await run_in_threadpool(analytics.runs_by_ids, store, [report.run_id]))[0]
    assert row is not None
    return MetricRun.from_row(row)
