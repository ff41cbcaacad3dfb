"""Who may read metric results: the TLP ceiling of a run against the caller's access.

A metric run is computed over the agreements and activities up to its TLP ceiling (AMBER by
default, `partnergraph metrics run --tlp-max`). Its values — rankings, scores, trust,
communities, gaps, summaries, and filters or sorts on them — can betray what lies under that
ceiling, so a caller reads them only when the ceiling is within their own reach (role
ceiling and token clearance), or when they are an admin. Anyone else is told why, with the
code FORBIDDEN; the drawing data degrades to the bare network instead.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool

from api.context import Context
from api.errors import Forbidden
from graph.filters import And, Node, Not, Or, Pred
from graph.model import TLP, Role
from graph.reads import analytics
from graph.reads.lists import METRIC_PROPERTIES

METRIC_FIELDS = frozenset({"community", "articulation", "region_articulation"})


def run_ceiling(run: dict | None) -> int | None:
    if run is None:
        return None
    params = run.get("params")
    data = json.loads(params) if isinstance(params, str) else params or {}
    return int(data.get("tlp_max", TLP.RED.rank))  # unknown: assume the most restricted


def may_read(ctx: Context, ceiling: int | None) -> bool:
    return (ceiling is None or ctx.viewer.role is Role.ADMIN
            or ceiling <= ctx.viewer.access.max_tlp)


async def latest_run(ctx: Context) -> dict | None:
    """The latest complete run, read once per request."""
    if not ctx.latest_run:
        ctx.latest_run.append(await run_in_threadpool(analytics.latest_run, ctx.store))
    return ctx.latest_run[0]


async def latest_readable(ctx: Context) -> bool:
    """Whether the caller may read the latest run."""
    return may_read(ctx, run_ceiling(await latest_run(ctx)))


async def require_metrics(ctx: Context) -> None:
    if not await latest_readable(ctx):
        ceiling = list(TLP)[run_ceiling(await latest_run(ctx)) or 0].value.upper()
        raise Forbidden(f"The latest metric run covers TLP:{ceiling} data, beyond your access; "
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
    return False
