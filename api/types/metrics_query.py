"""Root fields for strategists: rankings, trust, trusted paths, communities, network, gaps,
summary, counts and metric runs. Merged into Query by api/schema.py."""

from __future__ import annotations

import json
from typing import Annotated, Any

import strawberry

from api.metric_gate import (
    confirm_metrics,
    gate,
    latest_run,
    may_read,
    require_metrics,
    run_ceiling,
    uses_metrics,
)
from api.types.common import BadInput, Info, clamp_first, require_known
from api.types.enums import Focus, RegionCode, SortDirection
from api.types.filters import (
    ActivityFilter,
    AgreementFilter,
    CountryMetricName,
    MetricName,
    PartnerFilter,
    to_tree,
)
from api.types.metrics import (
    Community,
    CommunityChange,
    CountSubject,
    DiffPartners,
    Facet,
    FacetCount,
    GapFinding,
    MetricRun,
    MetricRunDiff,
    Network,
    NetworkEdge,
    NetworkNode,
    NetworkSummary,
    Ranked,
    RankedCountry,
    RankMove,
    RegionShare,
    TrustComponent,
    TrustScore,
    call,
)
from api.types.partner import Partner
from api.types.paths import Path, path_from
from api.types.reference import Country
from graph.metrics import run_diff
from graph.metrics.communities import label as community_label
from graph.model import REGION_NAMES
from graph.reads import analytics, lists, rankings
from graph.reads import trust as pair_trust

MAX_NETWORK_NODES = 500



@strawberry.type
class MetricQuery:
    @strawberry.field(description=(
        "Partners matching the filter ranked by a metric of the latest run: highest first "
        "(order DESC, the default) or lowest first (order ASC; Burt's constraint ranks "
        "brokers lowest first). Partners without a value come last either way. Rank within "
        "a region or a kind of partner with filter {region: …} or {kind: …}; each entry's "
        "percentile is among the partners that match the filter."))
    async def rankings(self, info: Info, metric: Annotated[MetricName, strawberry.argument(
                           description="The metric to rank by.")],
                       filter: Annotated[PartnerFilter | None, strawberry.argument(
                           description="Which partners to rank (all if not given).")] = None,
                       top: Annotated[int, strawberry.argument(
                           description="How many (at most 100).")] = 10,
                       order: Annotated[SortDirection, strawberry.argument(
                           description="DESC: highest value first (the default); ASC: "
                                       "lowest value first.")] = SortDirection.DESC,
                       ) -> list[Ranked]:
        await require_metrics(info.context)
        size = clamp_first(info, top)
        ctx = info.context
        found = await call(rankings.ranking, ctx.store, metric.value, to_tree(filter),
                           top=size, descending=order is SortDirection.DESC,
                           access=ctx.viewer.access)
        await confirm_metrics(ctx, [e.partner.get("m_run") for e in found.entries])
        return [Ranked(rank=e.rank, value=e.value, percentile=e.percentile,
                       out_of=found.valued, partner=Partner.from_row(e.partner))
                for e in found.entries]

    @strawberry.field(description=(
        "Member countries ranked by a metric of the latest run at country level: each "
        "country's government, law enforcement and CERTs merged into one node, ties between "
        "countries summed with their evidence, every other partner (international "
        "organisations, companies, NGOs, academia) kept as itself, so a country that links "
        "regions through its police and a treaty through its government is one broker. "
        "Highest first (order DESC, the default) or lowest first (ASC, e.g. constraint); "
        "countries without a value come last. Each percentile is among the countries "
        "ranked (of `region` when given). Empty before the first metric run."))
    async def country_rankings(
            self, info: Info, metric: Annotated[CountryMetricName, strawberry.argument(
                description="The metric to rank by.")],
            region: Annotated[RegionCode | None, strawberry.argument(
                description="Rank only the countries of this regional desk.")] = None,
            top: Annotated[int, strawberry.argument(
                description="How many (at most 100).")] = 10,
            order: Annotated[SortDirection, strawberry.argument(
                description="DESC: highest value first (the default); ASC: lowest value "
                            "first.")] = SortDirection.DESC) -> list[RankedCountry]:
        await require_metrics(info.context)
        size = clamp_first(info, top)
        ctx = info.context
        latest = (await gate(ctx)).latest
        if latest is None:
            return []
        found = await call(rankings.country_ranking, ctx.store, latest["id"], metric.value,
                           region.value if region else None, top=size,
                           descending=order is SortDirection.DESC)
        await confirm_metrics(ctx, [latest["id"]], again=False)
        return [RankedCountry(rank=e.rank, value=e.value, percentile=e.percentile,
                              out_of=found.valued, actors=e.actors,
                              run_id=strawberry.ID(latest["id"]),
                              country=Country.from_row(e.country))
                for e in found.entries]

    @strawberry.field(description=(
        "Direct trust of `from` in `to` with the shares that make it up, for any two "
        "partners: the latest metric run's stored tie when it kept one (each partner's "
        "strongest trust ties), otherwise computed now from the agreements and activities "
        "the two share, exactly as the run computes it (its date, half-life and TLP "
        "ceiling), counting only what you may see. `stored` says which. Two partners who "
        "share nothing get the base rate 0.5 with uncertainty 1. Null before the first "
        "metric run."))
    async def trust(self, info: Info,
                    from_: Annotated[strawberry.ID, strawberry.argument(
                        name="from", description="The partner who trusts (its id).")],
                    to: Annotated[strawberry.ID, strawberry.argument(
                        description="The partner trusted (its id).")]) -> TrustScore | None:
        await require_metrics(info.context)
        await require_known(info, "partner", {"from": [from_], "to": [to]})
        ctx = info.context
        latest = (await gate(ctx)).latest
        if latest is None:
            return None
        found = await call(pair_trust.trust, ctx.store, from_, to, run=latest,
                           access=ctx.viewer.access)
        await confirm_metrics(ctx, [found.run], again=False)
        return TrustScore(score=found.score, uncertainty=found.uncertainty,
                          run_id=strawberry.ID(found.run), stored=found.stored,
                          components=[TrustComponent(id=c.get("id"), source=c["source"],
                                                     kind=c["kind"], share=c["share"],
                                                     against=c.get("against", 0.0))
                                      for c in found.components])

    @strawberry.field(description=(
        "The most trusted chain from `from` to `to` along direct trust ties of the latest "
        "run. Each hop a→b costs −ln(trust(a, b)); the path minimises the total cost, i.e. "
        "maximises the product of the hops' trust. `cost` is that total; `trust` is the "
        "chain's trust, the product of the hops' trust (each hop's is on the hop). Null "
        "when no chain exists."))
    async def trusted_path(self, info: Info,
                           from_: Annotated[strawberry.ID, strawberry.argument(
                               name="from", description="The partner to start from, by id.")],
                           to: Annotated[strawberry.ID, strawberry.argument(
                               description="The partner to reach, by id.")]) -> Path | None:
        await require_metrics(info.context)
        await require_known(info, "partner", {"from": [from_], "to": [to]})
        latest = (await gate(info.context)).latest
        if latest is None:
            return None
        found = await call(analytics.trusted_path, info.context.store, from_, to,
                           access=info.context.viewer.access, run=latest["id"])
        if found is None:
            return None
        chain, cost, scores = found
        return path_from(chain, cost=cost, trusts=scores)

    @strawberry.field(description="Communities (latest run), largest first.")
    async def communities(self, info: Info, first: Annotated[int, strawberry.argument(
                              description="How many communities (at most 100).")] = 20,
                          members: Annotated[int, strawberry.argument(
                              description="How many top members of each to list "
                                          "(0–100).")] = 10) -> list[Community]:
        await require_metrics(info.context)
        size = clamp_first(info, first)
        if not 0 <= members <= 100:
            raise BadInput("members must be between 0 and 100")
        rows = await call(analytics.communities, info.context.store, size, members)
        await confirm_metrics(info.context, [m.get("m_run") for r in rows for m in r["members"]])
        return [Community(id=r["community"], size=r["size"],
                          label=community_label(
                              r["leaders"], r["size"],
                              [(REGION_NAMES.get(k, k), n) for k, n in r["regions"]]),
                          members=[Partner.from_row(m) for m in r["members"]],
                          regions=[RegionShare(region=k, members=n) for k, n in r["regions"]])
                for r in rows]

    @strawberry.field(description=(
        f"Partners matching the filter (at most {MAX_NETWORK_NODES}, by PageRank) and the ties "
        "among them, ready for drawing."))
    async def network(self, info: Info, filter: Annotated[PartnerFilter | None, strawberry.argument(
                          description="Which partners to draw (all if not given).")] = None,
                      limit: Annotated[int, strawberry.argument(
                          description=f"How many partners at most (1–{MAX_NETWORK_NODES}).")
                      ] = 200) -> Network:
        await require_metrics(info.context)
        if not 1 <= limit <= MAX_NETWORK_NODES:
            raise BadInput(f"limit must be between 1 and {MAX_NETWORK_NODES}")
        ctx = info.context
        page = await call(lists.page, ctx.store, "partner", to_tree(filter), first=limit,
                          after=None, sort="pagerank", descending=True,
                          access=ctx.viewer.access)
        await confirm_metrics(ctx, [row.get("m_run") for row, _ in page.rows])
        ids = [row["id"] for row, _ in page.rows]
        edges = await call(analytics.network_edges, ctx.store, ids, ctx.viewer.access)
        return Network(
            nodes=[NetworkNode(partner=Partner.from_row(row), community=row.get("m_community"),
                               pagerank=row.get("m_pagerank")) for row, _ in page.rows],
            edges=[NetworkEdge(source=strawberry.ID(e["source"]),
                               target=strawberry.ID(e["target"]), weight=e["weight"],
                               agreements=e["agreements"], activities=e["activities"])
                   for e in edges],
            truncated=page.has_next)

    @strawberry.field(description=(
        "Coverage gaps found by the latest run. `region` keeps region and country gaps of "
        "that desk; `sector` sector gaps of that sector; `focus` focus-area gaps of that "
        "focus. With no argument, every finding (expiring agreements, unratified "
        "signatures, activities without an agreement included)."))
    async def coverage_gaps(self, info: Info, region: Annotated[RegionCode | None, strawberry.argument(
                                description="Only this desk's region and country gaps.")] = None,
                            sector: Annotated[str | None, strawberry.argument(
                                description="Only the gap of this sector.")] = None,
                            focus: Annotated[Focus | None, strawberry.argument(
                                description="Only the gap of this focus area.")] = None,
                            ) -> list[GapFinding]:
        await require_metrics(info.context)
        rows = await call(analytics.gap_findings, info.context.store)
        await confirm_metrics(info.context, [r["run"] for r in rows], again=False)
        desk = region.value if region else None
        area = focus.value if focus else None
        out = []
        for r in rows:
            if desk is not None and not (
                    (r["kind"] == "region_gap" and r["subject"] == desk)
                    or (r["kind"] == "country_gap" and r["detail"].get("region") == desk)):
                continue
            if sector is not None and not (r["kind"] == "sector_gap" and r["subject"] == sector):
                continue
            if area is not None and not (r["kind"] == "focus_gap" and r["subject"] == area):
                continue
            out.append(GapFinding(kind=r["kind"], subject=r["subject"], detail=r["detail"]))
        return out

    @strawberry.field(description="Size, density, components, diameter, mean path length "
                                  "(latest run); null before the first run.")
    async def network_summary(self, info: Info) -> NetworkSummary | None:
        await require_metrics(info.context)
        row = await latest_run(info.context)
        if row is None:
            return None
        run = MetricRun.from_row(row)
        s: dict[str, Any] = run.summary if isinstance(run.summary, dict) else {}
        return NetworkSummary(run=run, nodes=s.get("nodes"), edges=s.get("edges"),
                              density=s.get("density"), components=s.get("components"),
                              largest_component=s.get("largest_component"),
                              isolated=s.get("isolated"), diameter=s.get("diameter"),
                              average_path_length=s.get("average_path_length"),
                              modularity=s.get("modularity"),
                              communities=s.get("communities"))

    @strawberry.field(description=(
        "Counts by one facet, for dashboards. Partners: KIND, COUNTRY, SECTOR, REGION, "
        "COMMUNITY. Agreements: KIND, STATUS, TLP, SCOPE, BINDING, YEAR (signed). Activities: "
        "KIND, STATUS, TLP, FOCUS, YEAR (start). List facets count each value."))
    async def counts(self, info: Info, of: Annotated[CountSubject, strawberry.argument(
                         description="What to count: partners, agreements or activities.")],
                     by: Annotated[Facet, strawberry.argument(
                         description="The facet to count by.")],
                     partner_filter: Annotated[PartnerFilter | None, strawberry.argument(
                         description="Which partners to count (with of: PARTNER).")] = None,
                     agreement_filter: Annotated[AgreementFilter | None, strawberry.argument(
                         description="Which agreements to count (with of: AGREEMENT).")
                     ] = None,
                     activity_filter: Annotated[ActivityFilter | None, strawberry.argument(
                         description="Which activities to count (with of: ACTIVITY).")
                     ] = None) -> list[FacetCount]:
        given = {"partner": partner_filter, "agreement": agreement_filter,
                 "activity": activity_filter}
        if any(f is not None for k, f in given.items() if k != of.value):
            raise BadInput(f"counts of {of.name} take only {of.value}Filter")
        tree = to_tree(given[of.value])
        metric_read = by is Facet.COMMUNITY or uses_metrics(tree)
        if metric_read:
            await require_metrics(info.context)
        rows = await call(analytics.counts, info.context.store, of.value, by.value, tree,
                          info.context.viewer.access)
        if metric_read:
            await confirm_metrics(info.context)
        return [FacetCount(value=None if r["value"] is None else str(r["value"]),
                           count=r["count"]) for r in rows]

    @strawberry.field(description="Metric runs, newest first (running and failed included).")
    async def metric_runs(self, info: Info, first: Annotated[int, strawberry.argument(
                              description="How many runs (at most 100).")] = 10,
                          ) -> list[MetricRun]:
        rows = await call(analytics.runs, info.context.store, clamp_first(info, first))
        return [MetricRun.from_row(r) for r in rows if may_read(info.context, run_ceiling(r))]

    @strawberry.field(description="One metric run by id (partial runs included); null if "
                                  "there is none or it covers data beyond your access.")
    async def metric_run(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                             description="The run's id.")]) -> MetricRun | None:
        row = (await call(analytics.runs_by_ids, info.context.store, [id]))[0]
        if row is None or not may_read(info.context, run_ceiling(row)):
            return None  # a run beyond the caller's access reads like a missing one
        return MetricRun.from_row(row)

    @strawberry.field(description=(
        "What changed between two complete metric runs over the whole graph: partners "
        "added and removed, the biggest movers in one metric's ranking, communities split "
        "or merged (community numbers are kept from run to run), partners newly isolated, "
        "single points of failure that appeared or went. By default the latest run against "
        "the one before it; null when there are not two such runs."))
    async def metric_run_diff(
            self, info: Info,
            from_: Annotated[strawberry.ID | None, strawberry.argument(
                name="from", description="The earlier run's id (default: the complete "
                                         "whole-graph run before `to`).")] = None,
            to: Annotated[strawberry.ID | None, strawberry.argument(
                description="The later run's id (default: the latest run).")] = None,
            metric: Annotated[MetricName, strawberry.argument(
                description="The metric whose ranking the movers come from.")
            ] = MetricName.PAGERANK,
            top: Annotated[int, strawberry.argument(
                description="How many movers, and partners per list (at most 100).")] = 10,
    ) -> MetricRunDiff | None:
        await require_metrics(info.context)
        size = clamp_first(info, top)
        ctx = info.context
        later = await _comparable_run(info, "to", to) if to else (await gate(ctx)).latest
        if later is None:
            return None
        earlier = (await _comparable_run(info, "from", from_) if from_ else
                   await call(analytics.previous_run, ctx.store, later["id"]))
        if earlier is None:
            return None
        if (earlier["computed_at"], earlier["id"]) >= (later["computed_at"], later["id"]):
            raise BadInput(f"from: metric run {earlier['id']!r} is not earlier than "
                           f"{later['id']!r}; give the earlier run as from")
        await confirm_metrics(ctx, [earlier["id"], later["id"]], again=False)
        prop = lists.METRIC_PROPERTIES[metric.value]
        before = await call(analytics.run_values, ctx.store, earlier["id"], prop)
        after = await call(analytics.run_values, ctx.store, later["id"], prop)
        counts = earlier.get("counts") or {}
        counts = json.loads(counts) if isinstance(counts, str) else counts
        found = run_diff.diff(before, after, metric=prop, top=size,
                              measured_before=counts.get("measured"))
        return await _diff_view(info, found, earlier, later, size)

    @strawberry.field(description="The newest complete metric run.")
    async def latest_metric_run(self, info: Info) -> MetricRun | None:
        await require_metrics(info.context)
        row = await latest_run(info.context)
        return MetricRun.from_row(row) if row else None


async def _comparable_run(info: Info, argument: str, run_id: str) -> dict[str, Any]:
    """A run by id that a comparison can use: complete and over the whole graph."""
    row: dict[str, Any] | None = (await call(analytics.runs_by_ids, info.context.store,
                                             [run_id]))[0]
    if row is None or not may_read(info.context, run_ceiling(row)):
        raise BadInput(f"{argument}: no metric run {run_id!r} (metricRuns lists them)")
    if row.get("status") != "complete" or row.get("partial"):
        why = "partial (a region or kinds only)" if row.get("partial") else row.get("status")
        raise BadInput(f"{argument}: metric run {run_id!r} is {why}; compare complete runs "
                       "over the whole graph")
    return row


async def _diff_view(info: Info, found: run_diff.RunDiff, earlier: dict[str, Any],
                     later: dict[str, Any], size: int) -> MetricRunDiff:
    loader = info.context.loaders.partner
    moved = await loader.load_many([m.partner for m in found.movers])

    async def listed(ids: tuple[str, ...]) -> DiffPartners:
        rows = await loader.load_many(list(ids[:size]))
        return DiffPartners(total_count=len(ids),
                            partners=[Partner.from_row(r) for r in rows if r])

    return MetricRunDiff(
        earlier=MetricRun.from_row(earlier), later=MetricRun.from_row(later),
        added=await listed(found.added), removed_count=found.removed,
        movers=[RankMove(partner=Partner.from_row(r), before=m.before, after=m.after,
                         change=m.change) for m, r in zip(found.movers, moved) if r],
        splits=[CommunityChange(community=c.community, parts=list(c.parts))
                for c in found.splits],
        merges=[CommunityChange(community=c.community, parts=list(c.parts))
                for c in found.merges],
        newly_isolated=await listed(found.newly_isolated),
        newly_articulation=await listed(found.newly_articulation),
        no_longer_articulation=await listed(found.no_longer_articulation))


__all__ = ["MetricQuery", "NetworkEdge", "NetworkNode"]
