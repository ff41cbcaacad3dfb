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
from api.types.enums import describe_values
from api.types.filters import MetricName
from api.types.partner import Partner
from api.types.reference import Country
from graph.filters import FilterError
from graph.reads import analytics


@strawberry.type(description="A partner's latest metric values (docs/METRICS.md defines each).")
class PartnerMetrics:
    degree: float | None = strawberry.field(
        description="How many partners it is tied to through shared agreements or activities.")
    strength: float | None = strawberry.field(
        description="The total weight of its ties: what it shares with others, weighted by "
                    "kind, binding force, status, role and recency (a multilateral "
                    "instrument counts less per pair).")
    betweenness: float | None = strawberry.field(
        description="Broker score, 0–1: the share of the shortest chains between other "
                    "partners that pass through it; high means others depend on it as a "
                    "go-between. Estimated from a sample of partners on large networks.")
    harmonic: float | None = strawberry.field(
        description="Reach: how close it is, on average, to every other partner along "
                    "strong ties (higher is closer; unreachable partners add nothing). "
                    "Estimated from a sample of partners on large networks.")
    eigenvector: float | None = strawberry.field(
        description="Influence through connections: high when it is tied to partners that "
                    "are themselves well tied; 0 for a partner with no ties.")
    pagerank: float | None = strawberry.field(
        description="Overall standing (PageRank): high when many partners, or well-tied "
                    "ones, are strongly tied to it. Values over all partners sum to 1.")
    constraint: float | None = strawberry.field(
        description="Burt's constraint: how far its partners are tied to one another. Low "
                    "means it bridges groups that are otherwise apart (a broker); high "
                    "means it sits in one closed circle. Null for a partner with no ties.")
    effective_size: float | None = strawberry.field(
        description="How many non-redundant contacts it has: its number of partners, less "
                    "how much they are tied among themselves. Null with no ties.")
    core: int | None = strawberry.field(
        description="k-core number: the largest k such that it belongs to a group whose "
                    "members each have at least k ties inside it; high means the dense "
                    "heart of the network.")
    community: int | None = strawberry.field(
        description="Its community (Louvain): a group more tied within than outside. A "
                    "community keeps its number from run to run (the previous run's "
                    "community it shares the most members with).")
    articulation: bool | None = strawberry.field(
        description="True when it is a single point of failure: if it left, some partners "
                    "would be cut off from the rest of the network.")
    region_articulation: bool | None = strawberry.field(
        description="True when it holds its own region's network together: if it left, "
                    "some partners of the region would be cut off from the others there.")
    regions_spanned: int | None = strawberry.field(
        description="How many regional desks other than its own its partners come from. "
                    "Null for a partner with no ties.")
    cross_region_share: float | None = strawberry.field(
        description="The share (0–1) of its tie weight that goes to partners in other "
                    "regions. Null for a partner with no ties.")
    trust: float | None = strawberry.field(description="Propagated (EigenTrust) trust: how "
                                                       "strongly the network, starting from "
                                                       "the run's seed partners, vouches for "
                                                       "it through chains of trust. Values "
                                                       "over all partners sum to 1.")
    run_id: strawberry.ID = strawberry.field(description="The metric run these values come "
                                                         "from.")

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


@strawberry.type(description=(
    "A country's metrics in the latest run, measured at country level: its government, law "
    "enforcement and CERTs one node, the weights of its ties to other countries and "
    "partners summed, every other partner kept as itself (docs/METRICS.md, \"Country "
    "level\")."))
class CountryMetrics:
    degree: int | None = strawberry.field(
        description="How many countries and other partners its organisations are tied to.")
    strength: float | None = strawberry.field(
        description="The total weight of its organisations' ties to other countries and "
                    "partners.")
    betweenness: float | None = strawberry.field(
        description="Broker score, 0–1: the share of the shortest chains between other "
                    "countries and partners that pass through it. Estimated from a sample "
                    "on large networks.")
    harmonic: float | None = strawberry.field(
        description="Reach: how close it is, on average, to every other node along strong "
                    "ties. Estimated from a sample on large networks.")
    eigenvector: float | None = strawberry.field(
        description="Influence through connections: high when tied to countries and "
                    "partners that are themselves well tied.")
    pagerank: float | None = strawberry.field(
        description="Overall standing at country level; values over the country-level "
                    "graph (countries and other partners) sum to 1.")
    constraint: float | None = strawberry.field(
        description="Burt's constraint: low when it bridges groups that are otherwise "
                    "apart, high inside one closed circle. Null with no ties.")
    effective_size: float | None = strawberry.field(
        description="How many of its contacts bring contacts the others do not. Null with "
                    "no ties.")
    core: int | None = strawberry.field(description="k-core number at country level.")
    articulation: bool | None = strawberry.field(
        description="True when some countries or partners would be cut off from the rest "
                    "of the network if it left.")
    regions_spanned: int | None = strawberry.field(
        description="How many regional desks other than its own its ties reach.")
    cross_region_share: float | None = strawberry.field(
        description="The share (0–1) of its tie weight that goes to other regions.")
    actors: int = strawberry.field(
        description="How many of its partners (government, law enforcement, CERTs) its "
                    "node merges.")
    run_id: strawberry.ID = strawberry.field(description="The metric run these values "
                                                         "come from.")

    @classmethod
    def from_values(cls, v: dict[str, Any], run: str) -> CountryMetrics:
        def g(k: str) -> Any:
            return v.get(f"m_{k}")

        return cls(degree=g("degree"), strength=g("strength"), betweenness=g("betweenness"),
                   harmonic=g("harmonic"), eigenvector=g("eigenvector"), pagerank=g("pagerank"),
                   constraint=g("constraint"), effective_size=g("effective_size"),
                   core=g("core"), articulation=g("articulation"),
                   regions_spanned=g("regions_spanned"),
                   cross_region_share=g("cross_region_share"), actors=g("actors") or 0,
                   run_id=strawberry.ID(run))


@strawberry.type(description="One metric run: when, with which parameters, and its results.")
class MetricRun(Node):
    id: strawberry.ID = strawberry.field(description="The run's id.")
    status: str = strawberry.field(
        description="running, promoting (its values are being copied onto partners), "
                    "complete or failed; only a complete run is ever the latest.")
    computed_at: str | None = strawberry.field(description="When the run started (ISO 8601).")
    finished_at: str | None = strawberry.field(
        description="When the run completed (ISO 8601); null while running or if it failed.")
    graph_hash: str | None = strawberry.field(
        description="A fingerprint (SHA-256) of the network measured: two runs with the same "
                    "hash measured the same network.")
    params: JSON | None = strawberry.field(
        description="The parameters: the date measured at, half-life, trust seeds, TLP "
                    "ceiling, and any region or kind filter (a partial run).")
    summary: JSON | None = strawberry.field(
        description="The network's size and shape as measured (see NetworkSummary).")
    timings: JSON | None = strawberry.field(description="Seconds spent in each step.")
    counts: JSON | None = strawberry.field(
        description="How many values, trust ties and findings it wrote.")

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


@strawberry.type(description="One metric's value for one partner in one run.")
class MetricPoint:
    run_id: strawberry.ID = strawberry.field(description="The run.")
    computed_at: str = strawberry.field(description="When the run started (ISO 8601).")
    value: float | None = strawberry.field(
        description="The value; null when that run did not measure it for this partner.")


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
    partner: Partner = strawberry.field(description="The partner.")


@strawberry.type(description="A partner that moved in a metric's ranking between two runs.")
class RankMove:
    partner: Partner = strawberry.field(description="The partner.")
    before: int = strawberry.field(description=(
        "Its place in the earlier run: 1 + how many partners had a higher value."))
    after: int = strawberry.field(description="Its rank in the later run.")
    change: int = strawberry.field(description="Places gained (negative: places lost).")


@strawberry.type(description=(
    "A community that split (its members went to several communities of the later run) "
    "or merged (its members came from several communities of the earlier run)."))
class CommunityChange:
    community: int = strawberry.field(description=(
        "The community: the earlier run's number for a split, the later run's for a "
        "merger."))
    parts: list[int] = strawberry.field(description=(
        "The communities of the other run that each took (split) or brought (merger) at "
        "least a quarter of its members, and at least two."))


@strawberry.type(description="Partners of a run comparison: how many, and the first by id.")
class DiffPartners:
    total_count: int = strawberry.field(description="How many partners.")
    partners: list[Partner] = strawberry.field(description=(
        "The first of them by id (as many as the comparison's `top`)."))


@strawberry.type(description="What changed between two complete metric runs over the whole graph.")
class MetricRunDiff:
    earlier: MetricRun = strawberry.field(description="The run compared from.")
    later: MetricRun = strawberry.field(description="The run compared to.")
    added: DiffPartners = strawberry.field(
        description="Partners the later run measured and the earlier did not.")
    removed_count: int = strawberry.field(description=(
        "Partners the earlier run measured that are no longer in the graph now, including "
        "any deleted after the later run (counted, not named: a partner deleted takes its "
        "history with it)."))
    movers: list[RankMove] = strawberry.field(description=(
        "The largest changes of place in the chosen metric, either way, among partners "
        "ranked in both runs whose value changed (equal values share a place)."))
    splits: list[CommunityChange] = strawberry.field(
        description="Communities of the earlier run that split.")
    merges: list[CommunityChange] = strawberry.field(
        description="Communities of the later run formed by a merger.")
    newly_isolated: DiffPartners = strawberry.field(
        description="Partners tied to someone in the earlier run and to no one in the later.")
    newly_articulation: DiffPartners = strawberry.field(description=(
        "Partners that became single points of failure (articulation points)."))
    no_longer_articulation: DiffPartners = strawberry.field(
        description="Partners that are single points of failure no more.")


@strawberry.type(description="One country's place in a country-level ranking.")
class RankedCountry:
    rank: int = strawberry.field(description="Its position in the ranking, from 1.")
    value: float | None = strawberry.field(description="Its value of the metric at country "
                                                       "level; null when the run gave it none.")
    percentile: float | None = strawberry.field(description=(
        "The share, in percent, of the ranked countries with a value whose value is at most "
        "this one: 100 for the highest value, whatever the order. Null without a value."))
    out_of: int = strawberry.field(description="How many ranked countries have a value: the "
                                               "population of the percentile.")
    actors: int = strawberry.field(description=(
        "How many of its partners (government, law enforcement, CERTs) its node merges."))
    run_id: strawberry.ID = strawberry.field(description="The metric run measured it.")
    country: Country = strawberry.field(description="The country.")


@strawberry.type(description="One share of a trust score: an agreement, an activity or the prior.")
class TrustComponent:
    id: str | None = strawberry.field(description="Agreement or activity id; null for the prior.")
    source: str = strawberry.field(description="'agreement', 'activity' or 'prior'.")
    kind: str = strawberry.field(
        description="The agreement's or activity's kind (mou, operation, …); base_rate for "
                    "the prior.")
    share: float = strawberry.field(description="Its part of the score; the shares sum to it.")
    against: float = strawberry.field(description="Negative evidence it carried (0 if none).")


@strawberry.type(description="Direct trust of one partner in another, with its explanation.")
class TrustScore:
    score: float = strawberry.field(
        description="Direct trust, 0–1, from what the two share: 0.5 with no evidence, "
                    "higher with more shared agreements and activities, lower with "
                    "terminated agreements.")
    uncertainty: float | None = strawberry.field(
        description="How little evidence the score rests on, 0–1: 1 is none at all, near 0 "
                    "is much. A high score with a high uncertainty is a hint, not a finding.")
    run_id: strawberry.ID = strawberry.field(description="The metric run that computed it.")
    stored: bool = strawberry.field(description=(
        "True: the metric run's stored trust tie (one of the truster's strongest); false: "
        "computed on demand from the shared evidence, the way the run computes it."))
    components: list[TrustComponent] = strawberry.field(
        description="The largest shares that make up the score, and the prior.")


@strawberry.type(description="How many of a community's partners are in one region.")
class RegionShare:
    region: str = strawberry.field(description="The regional desk's code (AFR, AMS, …).")
    members: int = strawberry.field(description="How many of the community's partners.")


@strawberry.type(description="A community (Louvain, latest run): its size and main members.")
class Community:
    id: int = strawberry.field(
        description="Its number, kept from run to run: each run's community takes the "
                    "number of the previous run's community it shares the most members "
                    "with; a new bloc gets a number never used by the previous run.")
    label: str = strawberry.field(
        description="Its name for people: its three leading members by PageRank, how many "
                    "more, and the regions holding at least a fifth of its members with a "
                    "known region, e.g. "
                    "\"AFRIPOL, Nigeria Police Force, EFCC and 12 more · Africa 80%\".")
    size: int = strawberry.field(description="How many partners it holds.")
    members: list[Partner] = strawberry.field(description="Top members by PageRank.")
    regions: list[RegionShare] = strawberry.field(
        description="Its partners counted by region.")


@strawberry.type(description="A partner in a network drawing.")
class NetworkNode:
    partner: Partner = strawberry.field(description="The partner.")
    community: int | None = strawberry.field(
        description="Its community in the latest run (null before the first run).")
    pagerank: float | None = strawberry.field(
        description="Its PageRank in the latest run (null before the first run).")


@strawberry.type(description="Two partners tied by shared agreements/activities (weight = count).")
class NetworkEdge:
    source: strawberry.ID = strawberry.field(description="One partner's id.")
    target: strawberry.ID = strawberry.field(description="The other partner's id.")
    weight: int = strawberry.field(
        description="How many agreements and activities the two share (that you may see).")
    agreements: int = strawberry.field(description="How many agreements they share.")
    activities: int = strawberry.field(description="How many activities they share.")


@strawberry.type(description="Nodes and weighted edges, ready for drawing.")
class Network:
    nodes: list[NetworkNode] = strawberry.field(description="The partners drawn.")
    edges: list[NetworkEdge] = strawberry.field(description="The ties among them.")
    truncated: bool = strawberry.field(description="More partners matched than were drawn.")


@strawberry.type(description="A coverage gap found by the latest run (graph/metrics/gaps.py).")
class GapFinding:
    kind: str = strawberry.field(
        description="What is missing or changing: country_gap, region_gap, sector_gap, "
                    "kind_gap, focus_gap, expiring_agreement, unratified, membership_change "
                    "or activity_without_agreement (docs/METRICS.md, Coverage gaps).")
    subject: str = strawberry.field(
        description="What it is about: a country or desk code, a sector, a kind, a focus "
                    "or an agreement, partner or activity id.")
    detail: JSON = strawberry.field(
        description="The figures behind the finding (e.g. a country's partners, agreements "
                    "and activities).")


@strawberry.type(description="Size and shape of the network (latest run).")
class NetworkSummary:
    run: MetricRun = strawberry.field(description="The run that measured it.")
    nodes: int | None = strawberry.field(description="How many partners were measured.")
    edges: int | None = strawberry.field(description="How many partner–partner ties.")
    density: float | None = strawberry.field(
        description="The share (0–1) of all possible partner pairs that are tied.")
    components: int | None = strawberry.field(
        description="How many separate pieces the network falls into (an isolated partner "
                    "is a piece of its own).")
    largest_component: int | None = strawberry.field(
        description="How many partners the largest connected piece holds.")
    isolated: int | None = strawberry.field(description="How many partners have no tie at all.")
    diameter: int | None = strawberry.field(
        description="The longest shortest chain between two connected partners, in "
                    "hand-overs; on large networks a lower bound from a sample.")
    average_path_length: float | None = strawberry.field(
        description="The mean number of hand-overs between two connected partners; "
                    "estimated from a sample on large networks.")
    modularity: float | None = strawberry.field(
        description="How clearly the network splits into communities (−0.5 to 1; above "
                    "about 0.3 is a clear split).")
    communities: int | None = strawberry.field(description="How many communities were found.")


@strawberry.type(description="How many match one value of a facet.")
class FacetCount:
    value: str | None = strawberry.field(
        description="The facet's value (a kind, a country code, a year, …); null for those "
                    "with no value.")
    count: int = strawberry.field(description="How many match it.")


@strawberry.enum(description="What to count.")
class CountSubject(Enum):
    PARTNER = "partner"
    AGREEMENT = "agreement"
    ACTIVITY = "activity"


describe_values(CountSubject, {
    "PARTNER": "Count partners.",
    "AGREEMENT": "Count agreements (those you may see).",
    "ACTIVITY": "Count activities (those you may see).",
})


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


describe_values(Facet, {
    "KIND": "By kind (partners, agreements, activities).",
    "COUNTRY": "By country, as an ISO 3166-1 alpha-2 code (partners).",
    "SECTOR": "By sector (partners).",
    "REGION": "By regional desk (partners).",
    "COMMUNITY": "By community in the latest metric run (partners).",
    "STATUS": "By status (agreements, activities).",
    "TLP": "By TLP level (agreements, activities).",
    "SCOPE": "By scope; an agreement counts once under each of its scopes (agreements).",
    "BINDING": "By whether it is binding (agreements).",
    "FOCUS": "By focus; an activity counts once under each of its focus areas (activities).",
    "YEAR": "By year: of signature for agreements, of start for activities.",
})


async def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return await run_in_threadpool(lambda: fn(*args, **kwargs))
    except FilterError as exc:
        raise BadInput.of(exc) from None


def today() -> dt.date:
    return dt.date.today()
