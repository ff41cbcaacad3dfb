"""What the strategists read: metric values, runs, rankings, trust, communities, the network,
coverage gaps, the network summary and counts by facet (stored by graph/metrics)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.metric_gate import may_read, run_ceiling
from api.types.common import BadInput, Info, Node
from api.types.filters import MetricName
from api.types.partner import Partner
from graph.filters import FilterError
from graph.reads import analytics


@strawberry.type(description="A partner's latest metric values (docs/METRICS.md defines each).")
class PartnerMetrics:
    degree: float | None
    strength: float | None
    betweenness: float | None
    harmonic: float | None
    eigenvector: float | None
    pagerank: float | None
    constraint: float | None
    effective_size: float | None
    core: int | None
    community: int | None
    articulation: bool | None
    region_articulation: bool | None
    regions_spanned: int | None
    cross_region_share: float | None
    trust: float | None = strawberry.field(description="Propagated (EigenTrust) trust.")
    run_id: strawberry.ID

    @classmethod
    def from_values(cls, v: dict[str, Any]) -> PartnerMetrics:
        def g(k: str) -> Any:
            return v.get(f"m_{k}")

        return cls(degree=g("degree"), strength=g("strength"), betweenness=g("betweenness"),
                   harmonic=g("harmonic"), eigenvector=g("eigenvector"), pagerank=g("pagerank"),
                   constraint=g("constraint"), effective_size=g("effective_size"),
                   core=g("core"), community=g("community"), articulation=g("articulation"),
                   region_articulation=g("region_articulation"),
                   regions_spanned=g("regions_spanned"),
                   cross_region_share=g("cross_region_share"), trust=g("trust"),
                   run_id=strawberry.ID(v.get("m_run") or ""))


@strawberry.type(description="One metric run: when, with which parameters, and its results.")
class MetricRun(Node):
    id: strawberry.ID
    status: str
    computed_at: str | None
    finished_at: str | None
    graph_hash: str | None
    params: JSON | None
    summary: JSON | None
    timings: JSON | None
    counts: JSON | None

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MetricRun:
        import json

        def j(k: str) -> JSON | None:
            return json.loads(row[k]) if row.get(k) else None

        return cls(id=strawberry.ID(row["id"]), status=row.get("status") or "unknown",
                   computed_at=row.get("computed_at"), finished_at=row.get("finished_at"),
                   graph_hash=row.get("graph_hash"), params=j("params"), summary=j("summary"),
                   timings=j("timings"), counts=j("counts"))


@strawberry.type
class MetricPoint:
    run_id: strawberry.ID
    computed_at: str
    value: float | None


async def metric_history(info: Info, partner_id: str, metric: MetricName) -> list[MetricPoint]:
    loader = info.context.loaders.custom(
        "metric_history",
        lambda ids: run_in_threadpool(analytics.history, info.context.store, ids))
    points = await loader.load(partner_id)
    key = f"m_{metric.value}"
    # Only runs whose TLP ceiling the caller reaches (api/metric_gate.py).
    return [MetricPoint(run_id=strawberry.ID(p["run"]), computed_at=p["computed_at"],
                        value=p["values"].get(key)) for p in points
            if may_read(info.context, run_ceiling(p))]


@strawberry.type(description="One partner's place in a ranking.")
class Ranked:
    rank: int = strawberry.field(description="Its position in the ranking, from 1.")
    value: float | None = strawberry.field(description="Its value of the metric; null when "
                                                       "the latest run gave it none.")
    percentile: float | None = strawberry.field(description=(
        "The share, in percent, of the ranked partners (those matching the filter with a "
        "value) whose value is at most this one: 100 for the highest value, whatever the "
        "order. Null without a value."))
    out_of: int = strawberry.field(description="How many partners matching the filter have a "
                                               "value: the population of the percentile.")
    partner: Partner


@strawberry.type(description="One share of a trust score: an agreement, an activity or the prior.")
class TrustComponent:
    id: str | None = strawberry.field(description="Agreement or activity id; null for the prior.")
    source: str = strawberry.field(description="'agreement', 'activity' or 'prior'.")
    kind: str
    share: float = strawberry.field(description="Its part of the score; the shares sum to it.")
    against: float = strawberry.field(description="Negative evidence it carried (0 if none).")


@strawberry.type(description="Direct trust of one partner in another, with its explanation.")
class TrustScore:
    score: float
    uncertainty: float | None
    run_id: strawberry.ID
    stored: bool = strawberry.field(description=(
        "True: the metric run's stored trust tie (one of the truster's strongest); false: "
        "computed on demand from the shared evidence, the way the run computes it."))
    components: list[TrustComponent]


@strawberry.type
class RegionShare:
    region: str
    members: int


@strawberry.type(description="A community (Louvain, latest run): its size and main members.")
class Community:
    id: int
    size: int
    members: list[Partner] = strawberry.field(description="Top members by PageRank.")
    regions: list[RegionShare]


@strawberry.type
class NetworkNode:
    partner: Partner
    community: int | None
    pagerank: float | None


@strawberry.type(description="Two partners tied by shared agreements/activities (weight = count).")
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    weight: int
    agreements: int
    activities: int


@strawberry.type(description="Nodes and weighted edges, ready for drawing.")
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = strawberry.field(description="More partners matched than were drawn.")


@strawberry.type(description="A coverage gap found by the latest run (graph/metrics/gaps.py).")
class GapFinding:
    kind: str
    subject: str
    detail: JSON


@strawberry.type(description="Size and shape of the network (latest run).")
class NetworkSummary:
    run: MetricRun
    nodes: int | None
    edges: int | None
    density: float | None
    components: int | None
    largest_component: int | None
    isolated: int | None
    diameter: int | None
    average_path_length: float | None
    modularity: float | None
    communities: int | None


@strawberry.type
class FacetCount:
    value: str | None
    count: int


@strawberry.enum
class CountSubject(Enum):
    PARTNER = "partner"
    AGREEMENT = "agreement"
    ACTIVITY = "activity"


@strawberry.enum(description="A facet to count by; each subject allows some (see counts).")
class Facet(Enum):
    KIND = "kind"
    COUNTRY = "country"
    SECTOR = "sector"
    REGION = "region"
    COMMUNITY = "community"
    STATUS = "status"
    TLP = "tlp"
    SCOPE = "scope"
    BINDING = "binding"
    FOCUS = "focus"
    YEAR = "year"


async def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return await run_in_threadpool(lambda: fn(*args, **kwargs))
    except FilterError as exc:
        raise BadInput(str(exc)) from None


def today() -> dt.date:
    return dt.date.today()
