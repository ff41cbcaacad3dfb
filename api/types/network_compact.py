"""`networkCompact`: the network for drawing thousands of partners, as parallel scalar arrays.

`network` returns one object per node and edge; graphql-core resolves each field of each
object, which is slow for 5,000 partners and 50,000 ties. Here every attribute is one list
of scalars (node i is ids[i], names[i], …; edge j joins node sources[j] to node targets[j]
with weights[j]), so the response is built in a handful of resolver calls.

Ties can be narrowed to agreements and activities of some TLP levels (never above the
viewer's clearance) and in force during a time window.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from api.metric_gate import (
    confirm_metrics,
    latest_readable,
    latest_run,
    require_metrics,
    uses_metrics,
)
from api.types.common import BadInput, Info
from api.types.enums import TLP
from api.types.filters import MetricName, PartnerFilter, to_tree
from api.types.metrics import MetricRun, call
from api.types.paths import DateWindow, window_bound
from graph.access import Access
from graph.queries import named
from graph.reads import lists
from graph.store import Store

MAX_COMPACT_NODES = 5000
_TIES = named("analytics/network_ties")


@strawberry.type(description="Partners and ties as parallel arrays: node i is ids[i], names[i], "
                             "…; edge j joins nodes sources[j] and targets[j] (indices).")
class CompactNetwork:
    run: MetricRun | None = strawberry.field(description="The metric run the values come from.")
    metric: MetricName = strawberry.field(description="The metric in `values`.")
    total: int = strawberry.field(description="How many partners match the filter.")
    truncated: bool = strawberry.field(description="More partners matched than were drawn.")
    ids: list[str] = strawberry.field(description="Partner ids, highest PageRank first "
                                                  "(by name without metric access).")
    names: list[str] = strawberry.field(description="Partner names, per node.")
    kinds: list[str] = strawberry.field(description="Kinds of organisation, per node "
                                                    "(law_enforcement, cert, …).")
    countries: list[str | None] = strawberry.field(
        description="ISO 3166-1 alpha-2 country codes, per node (null: not recorded).")
    sectors: list[str | None] = strawberry.field(description="Sectors, per node (null: not "
                                                             "recorded).")
    communities: list[int | None] = strawberry.field(
        description="Community numbers of the latest run, per node (null without metric "
                    "access or before the first run).")
    values: list[float | None] = strawberry.field(description="The chosen metric, per node.")
    sources: list[int] = strawberry.field(description="Per tie: the index of one partner "
                                                      "in ids.")
    targets: list[int] = strawberry.field(description="Per tie: the index of the other "
                                                      "partner in ids.")
    weights: list[int] = strawberry.field(description="Shared agreements and activities.")


def _ties(store: Store, ids: list[str], access: Access, tlps: list[str] | None,
          start: str | None, end: str | None) -> dict[str, list[Any]]:
    """The ties among `ids` as parallel lists: sources, targets (partner ids), weights."""
    if not ids:
        return {"sources": [], "targets": [], "weights": []}
    row = store.read_one(_TIES, ids=ids, **access.params(), tlps=tlps,
                         **{"from": start, "to": end})
    assert row is not None  # an aggregation: always one row
    return row


@strawberry.type
class CompactNetworkQuery:
    @strawberry.field(description=(
        f"Partners matching the filter (at most {MAX_COMPACT_NODES}, by PageRank) and the ties "
        "among them as parallel arrays, for drawing large networks. `tlp` keeps ties from "
        "agreements/activities of those levels; `window` those in force during it."))
    async def network_compact(self, info: Info, filter: Annotated[
                                  PartnerFilter | None, strawberry.argument(
                                      description="Which partners to draw (all if not "
                                                  "given).")] = None,
                              limit: Annotated[int, strawberry.argument(
                                  description=f"How many partners at most (1–"
                                              f"{MAX_COMPACT_NODES}).")] = 2000,
                              metric: Annotated[MetricName, strawberry.argument(
                                  description="The metric to return in values.")
                              ] = MetricName.PAGERANK,
                              tlp: Annotated[list[TLP] | None, strawberry.argument(
                                  description="Keep only ties from agreements and activities "
                                              "of these TLP levels.")] = None,
                              window: Annotated[DateWindow | None, strawberry.argument(
                                  description="Keep only ties in force at some time in this "
                                              "period.")] = None) -> CompactNetwork:
        if not 1 <= limit <= MAX_COMPACT_NODES:
            raise BadInput(f"limit must be between 1 and {MAX_COMPACT_NODES}")
        ctx = info.context
        start = window_bound(window.from_, ceiling=False) if window else None
        end = window_bound(window.to, ceiling=True) if window else None
        tree = to_tree(filter)
        if uses_metrics(tree):
            await require_metrics(ctx)
        # Without access to the latest run, the bare network: no metric values or order.
        readable = await latest_readable(ctx)
        page = await call(lists.page, ctx.store, "partner", tree, first=limit, after=None,
                          sort="pagerank" if readable else "name", descending=readable,
                          access=ctx.viewer.access)
        rows = [row for row, _ in page.rows]
        if readable or uses_metrics(tree):
            await confirm_metrics(ctx, [r.get("m_run") for r in rows] if readable else ())
        ids = [r["id"] for r in rows]
        index = {pid: i for i, pid in enumerate(ids)}
        tlps = [t.value for t in tlp] if tlp is not None else None
        ties = await call(_ties, ctx.store, ids, ctx.viewer.access, tlps, start, end)
        run = await latest_run(ctx) if readable else None
        prop = lists.METRIC_PROPERTIES[metric.value]
        return CompactNetwork(
            run=MetricRun.from_row(run) if run else None, metric=metric, total=page.total,
            truncated=page.has_next, ids=ids, names=[r["name"] for r in rows],
            kinds=[r["kind"] for r in rows], countries=[r.get("country") for r in rows],
            sectors=[r.get("sector") for r in rows],
            communities=[r.get("m_community") if readable else None for r in rows],
            values=[r.get(prop) if readable else None for r in rows],
            sources=[index[t] for t in ties["sources"]],
            targets=[index[t] for t in ties["targets"]],
            weights=ties["weights"])
