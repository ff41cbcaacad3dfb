"""Activity: a joint operation, training, workshop…, its participants and outcomes."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.common import Info, Node
from api.types.enums import TLP, ActivityKind, ActivityStatus, Focus, Outcome, ParticipantRole
from graph import model

if TYPE_CHECKING:
    from api.types.partner import Partner
    from api.types.reference import Objective

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]
ObjectiveT = Annotated["Objective", strawberry.lazy("api.types.reference")]


@strawberry.enum
class ActivitySort(Enum):
    NAME = "name"
    ID = "id"
    START = "start"


@strawberry.type(description="A reported figure of an activity.")
class OutcomeValue:
    name: Outcome
    value: float


@strawberry.type
class Activity(Node):
    id: strawberry.ID
    name: str
    kind: ActivityKind
    status: ActivityStatus
    start: str | None
    end: str | None
    focus: list[Focus]
    tlp: TLP
    outcomes: list[OutcomeValue] = strawberry.field(
        description="Reported figures, in the Outcome enum's order; absent ones left out.")

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Activity:
        outcomes = [OutcomeValue(name=Outcome(o), value=float(row[f"outcome_{o.value}"]))
                    for o in model.Outcome if row.get(f"outcome_{o.value}") is not None]
        return cls(id=strawberry.ID(row["id"]), name=row["name"], kind=ActivityKind(row["kind"]),
                   status=ActivityStatus(row["status"]), start=row.get("start"),
                   end=row.get("end"), focus=[Focus(f) for f in row.get("focus") or []],
                   tlp=TLP(row["tlp"]), outcomes=outcomes)

    @strawberry.field(description="The participants with their roles, by partner id.")
    async def participants(self, info: Info) -> list[ActivityParticipant]:
        from api.types.partner import Partner

        items = await info.context.loaders.activity_participants.load(self.id)
        return [ActivityParticipant(role=ParticipantRole(i["role"]),
                                    partner=Partner.from_row(i["node"])) for i in items]

    @strawberry.field(description="Strategy objectives this activity advances.")
    async def objectives(self, info: Info) -> list[ObjectiveT]:
        from api.types.reference import Objective

        rows = await info.context.loaders.activity_objectives.load(self.id)
        return [Objective.from_row(r) for r in rows]


@strawberry.type(description="(Partner)-[:PARTICIPATED_IN]->(Activity), seen from the activity.")
class ActivityParticipant:
    role: ParticipantRole
    partner: PartnerT
