"""The fixed frame and shared things: Country, Region, Platform, Objective."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.common import Info, Node
from api.types.enums import RegionCode

if TYPE_CHECKING:
    from api.types.partner import Partner

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]


@strawberry.type(description="One of the five regional desks.")
class Region(Node):
    code: RegionCode
    name: str

    def key(self) -> str:
        return self.code.value

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Region:
        return cls(code=RegionCode(row["code"]), name=row["name"])

    @strawberry.field
    async def countries(self, info: Info) -> list[Country]:
        rows = await info.context.loaders.region_countries.load(self.code.value)
        return [Country.from_row(r) for r in rows]


@strawberry.type(description="An ISO 3166-1 country and its regional desk.")
class Country(Node):
    code: str
    name: str
    region_code: RegionCode | None

    def key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Country:
        region = row.get("region")
        return cls(code=row["code"], name=row["name"],
                   region_code=RegionCode(region) if region else None)

    @strawberry.field
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


@strawberry.enum
class PlatformSort(Enum):
    NAME = "name"
    ID = "id"


@strawberry.type(description="A shared tool or platform for exchanging information.")
class Platform(Node):
    id: strawberry.ID
    name: str
    description: str | None

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
    since: str | None
    partner: PartnerT


@strawberry.type(description="An objective or expected outcome of the strategy.")
class Objective(Node):
    id: strawberry.ID
    title: str
    description: str | None

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Objective:
        return cls(id=strawberry.ID(row["id"]), title=row["title"],
                   description=row.get("description"))
