"""Agreement: a convention, MoU, data-sharing agreement…, and its parties."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.common import Info, Node
from api.types.enums import TLP, AgreementKind, AgreementStatus, PartyRole, Scope

if TYPE_CHECKING:
    from api.types.partner import Partner
    from api.types.reference import Objective

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]
ObjectiveT = Annotated["Objective", strawberry.lazy("api.types.reference")]


@strawberry.enum
class AgreementSort(Enum):
    TITLE = "title"
    ID = "id"
    SIGNED_ON = "signed_on"
    EXPIRES_ON = "expires_on"


@strawberry.type
class Agreement(Node):
    id: strawberry.ID
    title: str
    kind: AgreementKind
    status: AgreementStatus
    signed_on: str | None
    effective_from: str | None
    expires_on: str | None
    binding: bool
    scope: list[Scope]
    tlp: TLP

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Agreement:
        return cls(id=strawberry.ID(row["id"]), title=row["title"],
                   kind=AgreementKind(row["kind"]), status=AgreementStatus(row["status"]),
                   signed_on=row.get("signed_on"), effective_from=row.get("effective_from"),
                   expires_on=row.get("expires_on"), binding=bool(row.get("binding")),
                   scope=[Scope(s) for s in row.get("scope") or []], tlp=TLP(row["tlp"]))

    @strawberry.field(description="The parties, with their roles and dates, by partner id.")
    async def parties(self, info: Info) -> list[AgreementParty]:
        from api.types.partner import Partner

        items = await info.context.loaders.agreement_parties.load(self.id)
        return [AgreementParty(role=PartyRole(i["role"]), signed_on=i.get("signed_on"),
                               ratified_on=i.get("ratified_on"),
                               partner=Partner.from_row(i["node"])) for i in items]

    @strawberry.field(description="Strategy objectives this agreement supports.")
    async def objectives(self, info: Info) -> list[ObjectiveT]:
        from api.types.reference import Objective

        rows = await info.context.loaders.agreement_objectives.load(self.id)
        return [Objective.from_row(r) for r in rows]


@strawberry.type(description="(Partner)-[:PARTY_TO]->(Agreement), seen from the agreement.")
class AgreementParty:
    role: PartyRole
    signed_on: str | None
    ratified_on: str | None
    partner: PartnerT
