"""Who may read metric results: the TLP ceilings of the runs behind them against the
caller's access.

A metric run is computed over the agreements and activities up to its TLP ceiling (AMBER by
default, `partnergraph metrics run --tlp-max`). Its values — rankings, scores, trust,
communities, gaps, summaries, and filters or sorts on them — can betray what lies under that
ceiling, so a caller reads them only when the ceiling is within their own reach (role
ceiling and token clearance), or when they are an admin. Anyone else is told why, with the
code FORBIDDEN; the drawing data degrades to the bare network instead.

Which runs are behind the values on partners is known at every moment
(graph/metrics/job.py): the latest run (the newest complete run over the whole graph;
partial runs never promote) and any run marked as promoting. The gate checks all of them
before a metric read. A run can start promoting while a request is in flight, so after the
read the gate checks again, and every value served carries the run that wrote it (`m_run`,
a trust tie's or a finding's run), whose ceiling is checked too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from api.context import Context
from api.errors import Forbidden
from graph.filters import And, Node, Not, Or, Pred
from graph.model import TLP, Role
from graph.reads import analytics
from graph.reads.lists import METRIC_PROPERTIES
from graph.store import Row

METRIC_FIELDS = frozenset({"community", "articulation", "region_articulation"})


def run_ceiling(run: Row | None) -> int | None:
    if run is None:
        return None
    params = run.get("params")
    data = json.loads(params) if isinstance(params, str) else params or {}
    return int(data.get("tlp_max", TLP.RED.rank))  # unknown: assume the most restricted


def may_read(ctx: Context, ceiling: int | None) -> bool:
    return (ceiling is None or ctx.viewer.role is Role.ADMIN
            or ceiling <= ctx.viewer.access.max_tlp)


@dataclass
class Gate:
    """The runs behind the values on partners, as read at the start of a request, and the
    ceilings of every run looked up during it."""

    latest: Row | None
    promoting: list[Row]
    ceilings: dict[str, int | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for run in self.runs:
            self.ceilings[run["id"]] = run_ceiling(run)

    @property
    def runs(self) -> list[Row]:
        return ([self.latest] if self.latest else []) + self.promoting

    def blocking(self, ctx: Context) -> Row | None:
        """The run (latest first) whose ceiling is beyond the caller, if any."""
        return next((r for r in self.runs if not may_read(ctx, run_ceiling(r))), None)


async def _read_gate(ctx: Context) -> Gate:
    latest, promoting = await run_in_threadpool(analytics.served_runs, ctx.store)
    return Gate(latest, promoting)


async def gate(ctx: Context) -> Gate:
    """The gate, read once per request."""
    if ctx.metric_gate is None:
        ctx.metric_gate = await _read_gate(ctx)
    return ctx.metric_gate


async def latest_run(ctx: Context) -> Row | None:
    """The latest run, read once per request."""
    return (await gate(ctx)).latest


async def latest_readable(ctx: Context) -> bool:
    """Whether the caller may read the values on partners now."""
    return (await gate(ctx)).blocking(ctx) is None


def _refusal(ctx: Context, g: Gate, run: Row) -> Forbidden:
    ceiling = list(TLP)[run_ceiling(run) or 0].value.upper()
    which = ("The latest metric run" if g.latest is not None and run is g.latest
             else "A metric run being written now")
    return Forbidden(f"{which} covers TLP:{ceiling} data, beyond your access; "
                     "ask an analyst or admin, or for a run at a lower --tlp-max.")


async def require_metrics(ctx: Context) -> None:
    """Before a metric read: every run behind the values on partners is within reach."""
    g = await gate(ctx)
    run = g.blocking(ctx)
    if run is not None:
        raise _refusal(ctx, g, run)


async def confirm_metrics(ctx: Context, runs: Iterable[str | None] = (), *,
                          again: bool = True) -> None:
    """After a metric read: the runs that wrote the values served (`runs`) are within reach,
    and (with `again`, for reads whose filter or order used values not served) so is every
    run behind the values on partners now."""
    g = await gate(ctx)
    if again:
        now = await _read_gate(ctx)
        run = now.blocking(ctx)
        if run is not None:
            raise _refusal(ctx, now, run)
        g.ceilings.update(now.ceilings)
    unknown = sorted({r for r in runs if r is not None} - g.ceilings.keys())
    if unknown:
        rows = await run_in_threadpool(analytics.runs_by_ids, ctx.store, unknown)
        for run_id, row in zip(unknown, rows):
            # A run that cannot be found is taken as the most restricted.
            g.ceilings[run_id] = run_ceiling(row) if row else TLP.RED.rank
    for r in {r for r in runs if r is not None}:
        if not may_read(ctx, g.ceilings[r]):
            ceiling = list(TLP)[g.ceilings[r] or 0].value.upper()
            raise Forbidden(f"Metric run {r} covers TLP:{ceiling} data, beyond your access; "
                            "ask an analyst or admin, or for a run at a lower --tlp-max.")


def uses_metrics(tree: Node | None, sort: str | None = None) -> bool:
    """Whether a partner filter or sort reads metric values."""
    if sort is not None and sort in METRIC_PROPERTIES:
        return True
    if tree is None:
        return False
    if isinstance(tree, Pred):
        return tree.field.startswith("metric_") or tree.field in METRIC_FIELDS
    if isinstance(tree, Not):
        return uses_metrics(tree.item)
    if isinstance(tree, (And, Or)):
        return any(uses_metrics(t) for t in tree.items)
