"""The root Query: lookups, lists, search and relationship questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool

from api.metric_gate import confirm_metrics, may_read, require_metrics, run_ceiling, uses_metrics
from api.permissions import Steward
from api.types import paths as path_types
from api.types.activity import Activity, ActivitySort, OutcomeTotal
from api.types.agreement import Agreement, AgreementSort
from api.types.common import BadInput, Connection, Info, Node, lookup
from api.types.enums import RegionCode, SortDirection, TieKind
from api.types.filters import (
    ActivityFilter,
    AgreementFilter,
    Order,
    PartnerFilter,
    PlatformFilter,
    to_tree,
)
from api.types.imports import Import
from api.types.partner import Partner, PartnerSort
from api.types.paths import DateWindow, Path, SharedTie
from api.types.reference import Country, Objective, Platform, PlatformSort, Region
from graph.model import Role
from graph.reads import nodes, search
from graph.store import Row

# Each node type by name: its loader and how it is built from a row.
NODE_TYPES: dict[str, tuple[str, Callable[[Row], Node]]] = {
    "Partner": ("partner", Partner.from_row), "Agreement": ("agreement", Agreement.from_row),
    "Activity": ("activity", Activity.from_row), "Platform": ("platform", Platform.from_row),
    "Objective": ("objective", Objective.from_row), "Import": ("import_", Import.from_row),
    "Country": ("country", Country.from_row), "Region": ("region", Region.from_row)}
T = TypeVar("T")
_LOOKUP = ("The {0} with exactly this id. When there is none (or none you may see): null, "
           "and an error (BAD_USER_INPUT) naming the closest ids in `extensions.unknown`.")


async def _one(info: Info, loader: str, key: str, build: Callable[[Row], T]) -> T | None:
    row: Row | None = await getattr(info.context.loaders, loader).load(key)
    return build(row) if row else None


def _order(order: Order[Any] | None, default: str) -> tuple[str, bool]:
    if order is None:
        return default, False
    return order.field.value, order.direction == SortDirection.DESC


@strawberry.type(description="A partner found by text search, with its relevance score.")
class SearchHit:
    partner: Partner = strawberry.field(description="The partner found.")
    score: float = strawberry.field(
        description="How well it matches (higher is better; only comparable within one "
                    "search).")


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global id (`Type:key`, see `nodeId`).")
    async def node(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                       description="A global id, e.g. Partner:interpol.")]) -> Node | None:
        type_name, _, key = str(id).partition(":")
        if (type_name not in NODE_TYPES and type_name != "MetricRun") or not key:
            raise BadInput("a node id reads Type:key, e.g. Partner:interpol")
        if type_name == "MetricRun":
            from api.types.metrics import MetricRun
            from graph.reads import analytics

            row = (await run_in_threadpool(analytics.runs_by_ids, info.context.store, [key]))[0]
            if row is None or not may_read(info.context, run_ceiling(row)):
                return None
            return MetricRun.from_row(row)
        if type_name == "Import" and not info.context.viewer.can(Role.STEWARD):
            return None  # import records name people and files: stewards and admins only
        loader, build = NODE_TYPES[type_name]
        return await _one(info, loader, key, build)

    @strawberry.field(description=_LOOKUP.format("partner"))
    async def partner(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                          description="The partner's id.")]) -> Partner | None:
        return await lookup(info, "partner", "partner", id, Partner.from_row)

    @strawberry.field(description=_LOOKUP.format("agreement"))
    async def agreement(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                          description="The agreement's id.")]) -> Agreement | None:
        return await lookup(info, "agreement", "agreement", id, Agreement.from_row)

    @strawberry.field(description=_LOOKUP.format("activity"))
    async def activity(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                          description="The activity's id.")]) -> Activity | None:
        return await lookup(info, "activity", "activity", id, Activity.from_row)

    @strawberry.field(description=_LOOKUP.format("platform"))
    async def platform(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                           description="The platform's id.")]) -> Platform | None:
        return await lookup(info, "platform", "platform", id, Platform.from_row)

    @strawberry.field(description="One strategy objective by id; null if there is none.")
    async def objective(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                            description="The objective's id.")]) -> Objective | None:
        return await _one(info, "objective", id, Objective.from_row)

    @strawberry.field(name="import", permission_classes=[Steward],
                      description="One import (stewards and admins).")
    async def import_(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                          description="The import's id.")]) -> Import | None:
        return await _one(info, "import_", id, Import.from_row)

    @strawberry.field(description=(
        "A country by ISO 3166-1 alpha-2 or alpha-3 code or by name (\"NG\", \"NGA\", "
        "\"Nigeria\"); one that is no country is an error naming the closest matches."))
    async def country(self, info: Info, code: Annotated[str, strawberry.argument(
            description="An alpha-2 or alpha-3 code, or a name, in any case.")]) -> Country | None:
        from api.types.country_view import resolve_country

        return await _one(info, "country", resolve_country(code), Country.from_row)

    @strawberry.field(description="One regional desk.")
    async def region(self, info: Info, code: Annotated[RegionCode, strawberry.argument(
                         description="The desk's code.")]) -> Region | None:
        return await _one(info, "region", code.value, Region.from_row)

    @strawberry.field(description="The five regional desks.")
    async def regions(self, info: Info) -> list[Region]:
        rows = await run_in_threadpool(nodes.regions, info.context.store)
        return [Region.from_row(r) for r in rows]

    @strawberry.field(description="The strategy's objectives and expected outcomes.")
    async def objectives(self, info: Info) -> list[Objective]:
        rows = await run_in_threadpool(nodes.objectives, info.context.store)
        return [Objective.from_row(r) for r in rows]

    @strawberry.field(description="Partners, filtered and paginated (default order: name).")
    async def partners(self, info: Info, filter: Annotated[PartnerFilter | None, strawberry.argument(
                           description="Which partners to keep (all if not given).")] = None,
                       order_by: Annotated[Order[PartnerSort] | None, strawberry.argument(
                           description="The order (ties broken by id).")] = None,
                       first: Annotated[int | None, strawberry.argument(
                           description="Page size (default 20, at most 100).")] = None,
                       after: Annotated[str | None, strawberry.argument(
                           description="Continue after this cursor (a page's endCursor).")] = None,
                       ) -> Connection[Partner]:
        from api.types.common import connection

        sort, desc = _order(order_by, "name")
        tree = to_tree(filter)
        metric_read = uses_metrics(tree, sort)
        if metric_read:
            await require_metrics(info.context)
        found = await connection(info, "partner", tree, first=first, after=after,
                                 sort=sort, descending=desc, build=Partner.from_row)
        if metric_read:
            await confirm_metrics(info.context)
        return found

    @strawberry.field(description="Agreements, filtered and paginated (default order: title).")
    async def agreements(self, info: Info, filter: Annotated[AgreementFilter | None, strawberry.argument(
                             description="Which agreements to keep (all if not given).")] = None,
                         order_by: Annotated[Order[AgreementSort] | None, strawberry.argument(
                             description="The order (ties broken by id).")] = None,
                         first: Annotated[int | None, strawberry.argument(
                             description="Page size (default 20, at most 100).")] = None,
                         after: Annotated[str | None, strawberry.argument(
                             description="Continue after this cursor (a page's endCursor).")] = None,
                         ) -> Connection[Agreement]:
        from api.types.common import connection

        sort, desc = _order(order_by, "title")
        return await connection(info, "agreement", to_tree(filter), first=first, after=after,
                                sort=sort, descending=desc, build=Agreement.from_row)

    @strawberry.field(description="Activities, filtered and paginated (default order: name).")
    async def activities(self, info: Info, filter: Annotated[ActivityFilter | None, strawberry.argument(
                             description="Which activities to keep (all if not given).")] = None,
                         order_by: Annotated[Order[ActivitySort] | None, strawberry.argument(
                             description="The order (ties broken by id).")] = None,
                         first: Annotated[int | None, strawberry.argument(
                             description="Page size (default 20, at most 100).")] = None,
                         after: Annotated[str | None, strawberry.argument(
                             description="Continue after this cursor (a page's endCursor).")] = None,
                         ) -> Connection[Activity]:
        from api.types.common import connection

        sort, desc = _order(order_by, "name")
        return await connection(info, "activity", to_tree(filter), first=first, after=after,
                                sort=sort, descending=desc, build=Activity.from_row)

    @strawberry.field(description=(
        "The figures the matching activities report, added up per name and currency "
        "(never across currencies), each total saying whether it is exact, approximate, a "
        "lower bound or a range."))
    async def outcome_totals(self, info: Info,
                             filter: Annotated[ActivityFilter | None, strawberry.argument(
                                 description="Which activities to add up (all you may see if "
                                             "not given).")] = None) -> list[OutcomeTotal]:
        from graph.filters import FilterError
        from graph.reads import analytics

        ctx = info.context
        try:
            found = await run_in_threadpool(analytics.outcome_totals, ctx.store,
                                            to_tree(filter), ctx.viewer.access)
        except FilterError as exc:
            raise BadInput.of(exc) from None
        return [OutcomeTotal.of(t) for t in found]

    @strawberry.field(description="Platforms, filtered and paginated (default order: name).")
    async def platforms(self, info: Info, filter: Annotated[PlatformFilter | None, strawberry.argument(
                            description="Which platforms to keep (all if not given).")] = None,
                        order_by: Annotated[Order[PlatformSort] | None, strawberry.argument(
                            description="The order (ties broken by id).")] = None,
                        first: Annotated[int | None, strawberry.argument(
                            description="Page size (default 20, at most 100).")] = None,
                        after: Annotated[str | None, strawberry.argument(
                            description="Continue after this cursor (a page's endCursor).")] = None,
                        ) -> Connection[Platform]:
        from api.types.common import connection

        sort, desc = _order(order_by, "name")
        return await connection(info, "platform", to_tree(filter), first=first, after=after,
                                sort=sort, descending=desc, build=Platform.from_row)

    @strawberry.field(description=(
        "Typo-tolerant search on partner names and aliases (full-text index; words of four "
        "or five letters match within one edit, longer words within two). Best match first."))
    async def search_partners(self, info: Info, text: Annotated[str, strawberry.argument(
                                  description="Words of a name or alias, e.g. Group IB (at "
                                              "most 200 characters).")],
                              first: Annotated[int, strawberry.argument(
                                  description="How many hits (at most 100).")] = 10,
                              ) -> list[SearchHit]:
        from api.types.common import clamp_first

        size = clamp_first(info, first)
        if len(text) > 200:
            raise BadInput("search text is at most 200 characters")
        hits = await run_in_threadpool(search.search_partners, info.context.store, text, size)
        return [SearchHit(partner=Partner.from_row(row), score=score) for row, score in hits]

    @strawberry.field(description=(
        "Up to k shortest distinct chains of partners from one partner to another, each hop "
        "a shared agreement and/or activity (`via`), at most `maxHops` hops; shortest first."))
    async def shortest_paths(self, info: Info,
                             from_: Annotated[strawberry.ID, strawberry.argument(
                                 name="from", description="The partner to start from, by id.")],
                             to: Annotated[strawberry.ID, strawberry.argument(
                                 description="The partner to reach, by id.")],
                             via: Annotated[list[TieKind] | None, strawberry.argument(
                                 description="Hop through shared agreements, activities or "
                                             "both (the default).")] = None,
                             max_hops: Annotated[int, strawberry.argument(
                                 description="The longest chain to look for (at most 6).")] = 4,
                             k: Annotated[int, strawberry.argument(
                                 description="How many chains (at most 10).")] = 1,
                             ) -> list[Path]:
        return await path_types.shortest_paths(info, from_, to, via, max_hops, k)

    @strawberry.field(description=(
        "The agreements and activities shared by at least two of the given partners (or all "
        "of one partner's, given one id), of the given kinds, in force during the window."))
    async def relationships(self, info: Info, between: Annotated[list[strawberry.ID],
                            strawberry.argument(description="The partners, by id (1 to 50).")],
                            kinds: Annotated[list[TieKind] | None, strawberry.argument(
                                description="Agreements, activities or both (the "
                                            "default).")] = None,
                            window: Annotated[DateWindow | None, strawberry.argument(
                                description="Only those in force at some time in this "
                                            "window (any time if not given).")] = None,
                            ) -> list[SharedTie]:
        return await path_types.relationships(info, list(between), kinds, window)
