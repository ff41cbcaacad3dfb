"""The fixed frame and shared things: Country, Region, Platform, Objective."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.common import Info, Node
from api.types.enums import ParticipantRole, PartnerKind, PartyRole, RegionCode, describe_values

if TYPE_CHECKING:
    from api.types.country_view import (
        CountryActivityConnection,
        CountryActor,
        CountryAgreementConnection,
        CountryPlatformUse,
    )
    from api.types.metrics import CountryMetrics, GapFinding
    from api.types.partner import Partner

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]
_VIEW = strawberry.lazy("api.types.country_view")
CountryActorT = Annotated["CountryActor", _VIEW]
AgreementsT = Annotated["CountryAgreementConnection", _VIEW]
ActivitiesT = Annotated["CountryActivityConnection", _VIEW]
CountryMetricsT = Annotated["CountryMetrics", strawberry.lazy("api.types.metrics")]
GapFindingT = Annotated["GapFinding", strawberry.lazy("api.types.metrics")]
CountryPlatformUseT = Annotated["CountryPlatformUse", _VIEW]

# Arguments of the country's connections.
First = Annotated[int | None, strawberry.argument(
    description="How many edges on this page (default 20, at most the page-size limit).")]
After = Annotated[str | None, strawberry.argument(
    description="The `cursor` of the last edge of the previous page.")]
Kinds = Annotated[list[PartnerKind] | None, strawberry.argument(
    description="Which of the country's partners count, by kind (default: GOVERNMENT, "
                "LAW_ENFORCEMENT and CERT, the organisations that act for it).")]


@strawberry.type(description="One of the five regional desks.")
class Region(Node):
    code: RegionCode = strawberry.field(description="The desk's code.")
    name: str = strawberry.field(description="The desk's name (e.g. Asia and South Pacific).")

    def key(self) -> str:
        return self.code.value

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Region:
        return cls(code=RegionCode(row["code"]), name=row["name"])

    @strawberry.field(description="The countries this desk covers.")
    async def countries(self, info: Info) -> list[Country]:
        rows = await info.context.loaders.region_countries.load(self.code.value)
        return [Country.from_row(r) for r in rows]


@strawberry.type(description="An ISO 3166-1 country and its regional desk.")
class Country(Node):
    code: str = strawberry.field(description="ISO 3166-1 alpha-2 code (e.g. NG).")
    name: str = strawberry.field(description="Its name.")
    region_code: RegionCode | None = strawberry.field(
        description="The regional desk that covers it; null for a country outside the "
                    "desks.")

    def key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Country:
        region = row.get("region")
        return cls(code=row["code"], name=row["name"],
                   region_code=RegionCode(region) if region else None)

    @strawberry.field(description="The regional desk that covers it (null: none).")
    async def region(self, info: Info) -> Region | None:
        if self.region_code is None:
            return None
        row = await info.context.loaders.region.load(self.region_code.value)
        return Region.from_row(row) if row else None

    @strawberry.field(description="Partners based in this country, by name.")
    async def partners(self, info: Info) -> list[PartnerT]:
        from api.types.partner import Partner

        rows = await info.context.loaders.country_partners.load(self.code)
        return [Partner.from_row(r) for r in rows]

    @strawberry.field(description=(
        "The organisations that act for this country: its government (the treaties), "
        "police and other law-enforcement bodies (operations, MoUs) and CERTs, the "
        "partners based here of those kinds; government first, then law enforcement, then "
        "CERTs, by name."))
    async def actors(self, info: Info) -> list[CountryActorT]:
        from api.types.country_view import actors

        return await actors(info, self.code, self.name)

    @strawberry.field(description=(
        "The country's organisations in one line, e.g. \"Nigeria: Government (treaties) + "
        "Nigeria Police Force + EFCC + ngCERT\" (\"(treaties)\": party to or signatory "
        "of a convention or protocol you may see; past eight names, how many more)."))
    async def summary(self, info: Info) -> str:
        from api.types.country_view import summary

        return await summary(info, self.code, self.name)

    @strawberry.field(description=(
        "The agreements of the country's organisations, with each one's membership (which "
        "organisation, role, consent, dates), by agreement title: one edge per "
        "organisation and agreement. Only agreements you may see are listed and counted."))
    async def agreements(
            self, info: Info, first: First = None, after: After = None,
            roles: Annotated[list[PartyRole] | None, strawberry.argument(
                description="Keep memberships in these roles ([PARTY]: bound; [SIGNATORY]: "
                            "signed only; default: every role).")] = None,
            kinds: Kinds = None) -> AgreementsT:
        from api.types.country_view import agreements

        return await agreements(info, self.code, kinds=kinds, roles=roles, first=first,
                                after=after)

    @strawberry.field(description=(
        "The activities the country's organisations took part in, with each one's roles, "
        "by activity name: one edge per organisation and activity. Only activities you "
        "may see are listed and counted."))
    async def activities(
            self, info: Info, first: First = None, after: After = None,
            roles: Annotated[list[ParticipantRole] | None, strawberry.argument(
                description="Keep participations with one of these roles (principal or "
                            "other; default: every role).")] = None,
            kinds: Kinds = None) -> ActivitiesT:
        from api.types.country_view import activities

        return await activities(info, self.code, kinds=kinds, roles=roles, first=first,
                                after=after)


    @strawberry.field(description=(
        "Its metrics in the latest run at country level (its government, law enforcement "
        "and CERTs one node); null before the first run or when none of its government, "
        "law enforcement or CERTs is in the graph."))
    async def metrics(self, info: Info) -> CountryMetricsT | None:
        from api.types.country_view import metrics

        return await metrics(info, self.code)

    @strawberry.field(description=(
        "The platforms the country's organisations (government, law enforcement, CERTs) "
        "use: one item per organisation and platform, by platform id."))
    async def platforms(self, info: Info) -> list[CountryPlatformUseT]:
        from api.types.country_view import platforms

        return await platforms(info, self.code)

    @strawberry.field(description=(
        "The latest run's coverage findings about the country: its own gap (country_gap, "
        "with the rule and evidence), and its organisations' memberships that are signed "
        "only (unratified) or change state soon (membership_change). Empty before the "
        "first run."))
    async def coverage_findings(self, info: Info) -> list[GapFindingT]:
        from api.types.country_view import findings

        return await findings(info, self.code, self.name)

@strawberry.enum(description="What to sort platforms by.")
class PlatformSort(Enum):
    NAME = "name"
    ID = "id"


describe_values(PlatformSort, {"NAME": "By name.", "ID": "By id."})


@strawberry.type(description="A shared tool or platform for exchanging information.")
class Platform(Node):
    id: strawberry.ID = strawberry.field(description="Its stable id in the graph.")
    name: str = strawberry.field(description="Its name.")
    description: str | None = strawberry.field(description="What it is for, if recorded.")

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Platform:
        return cls(id=strawberry.ID(row["id"]), name=row["name"],
                   description=row.get("description"))

    @strawberry.field(description="Partners using this platform, by partner id.")
    async def users(self, info: Info) -> list[PlatformUser]:
        from api.types.partner import Partner

        items = await info.context.loaders.platform_users.load(self.id)
        return [PlatformUser(since=i.get("since"), partner=Partner.from_row(i["node"]))
                for i in items]


@strawberry.type(description="(Partner)-[:USES]->(Platform), seen from the platform.")
class PlatformUser:
    since: str | None = strawberry.field(description="Since when it uses it (a partial date).")
    partner: PartnerT = strawberry.field(description="The partner.")


@strawberry.type(description="An objective or expected outcome of the strategy.")
class Objective(Node):
    id: strawberry.ID = strawberry.field(description="Its stable id in the graph.")
    title: str = strawberry.field(description="Its title, as the strategy words it.")
    description: str | None = strawberry.field(description="What it means, if recorded.")

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Objective:
        return cls(id=strawberry.ID(row["id"]), title=row["title"],
                   description=row.get("description"))
