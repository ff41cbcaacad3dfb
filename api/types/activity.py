"""Activity: a joint operation, training, workshop…, its participants and outcomes."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.citation import Citation, citations
from api.types.common import Info, Node
from api.types.enums import (
    TLP,
    ActivityKind,
    ActivityStatus,
    Focus,
    ParticipantList,
    ParticipantRole,
    Qualifier,
    describe_values,
)
from graph import figures
from graph.stored import roles_from

if TYPE_CHECKING:
    from api.types.partner import Partner
    from api.types.reference import Objective

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]
ObjectiveT = Annotated["Objective", strawberry.lazy("api.types.reference")]


@strawberry.enum(description="What to sort activities by.")
class ActivitySort(Enum):
    NAME = "name"
    ID = "id"
    START = "start"


describe_values(ActivitySort, {
    "NAME": "By name.",
    "ID": "By id.",
    "START": "By start date (undated ones first when ascending).",
})


@strawberry.type(description=(
    "A reported figure of an activity, as the source states it: `value` with its "
    "`qualifier` (EXACT, APPROXIMATELY, AT_LEAST, AT_MOST), or a RANGE from `low` to `high` "
    "(no value) where sources disagree. Money has its ISO 4217 currency in `unit`; "
    "amounts are never converted."))
class OutcomeValue:
    name: str = strawberry.field(description="A name of the vocabulary (docs/IMPORT.md) or "
                                             "the steward's own snake_case name.")
    value: float | None = strawberry.field(
        description="The figure as stated; read it with `qualifier` (an AT_LEAST figure is a "
                    "lower bound). Null for a RANGE.")
    qualifier: Qualifier = strawberry.field(description="What the figure means: exact, "
                                                        "approximate, a bound or a range.")
    low: float | None = strawberry.field(description="The lower end of a RANGE; null otherwise.")
    high: float | None = strawberry.field(
        description="The upper end of a RANGE; null otherwise.")
    unit: str | None = strawberry.field(description="ISO 4217 currency, for money only.")

    @classmethod
    def of(cls, f: figures.Figure) -> OutcomeValue:
        return cls(name=f.name, value=f.value, qualifier=Qualifier(f.qualifier), low=f.low,
                   high=f.high, unit=f.unit)


@strawberry.type(description=(
    "Figures of one name and currency added up over activities, still saying what they "
    "are: EXACT only if every figure is; APPROXIMATELY if some are approximate; AT_LEAST "
    "when some figure has no upper bound; a RANGE (low–high, no value) otherwise. "
    "`approximate` counts the approximate figures in it."))
class OutcomeTotal:
    name: str = strawberry.field(description="The figure's name (arrests, seized, …).")
    unit: str | None = strawberry.field(
        description="The ISO 4217 currency of money (totals never mix currencies); null for "
                    "counts.")
    value: float | None = strawberry.field(
        description="The total, read with `qualifier` (AT_LEAST: a lower bound, the true "
                    "total may be higher); null for a RANGE (see low and high).")
    qualifier: Qualifier = strawberry.field(description="What the total means: exact, "
                                                        "approximate, a bound or a range.")
    low: float = strawberry.field(description="The least the figures can add up to.")
    high: float | None = strawberry.field(description="The most (null: no upper bound).")
    activities: int = strawberry.field(description="Activities that report this figure.")
    approximate: int = strawberry.field(description="Of those, how many report it as approximate.")
    firm_low: float = strawberry.field(description=(
        "The least the figures stated firmly (all but the approximate ones) add up to: "
        "'at least firmLow; about low including approximations'. Equals low when none is "
        "approximate."))

    @classmethod
    def of(cls, t: figures.Total) -> OutcomeTotal:
        return cls(name=t.name, unit=t.unit, value=t.value, qualifier=Qualifier(t.qualifier),
                   low=t.low, high=t.high, activities=t.figures, approximate=t.approximate,
                   firm_low=t.firm_low)


@strawberry.type(description="A joint activity of partners: an operation, a capacity-building "
                             "project, a training, a workshop, an information exchange, "
                             "research or an awareness campaign.")
class Activity(Node):
    id: strawberry.ID = strawberry.field(description="Its stable id in the graph.")
    name: str = strawberry.field(description="Its name (e.g. the operation's code name).")
    kind: ActivityKind = strawberry.field(description="What kind of activity it is.")
    status: ActivityStatus = strawberry.field(description="Planned, ongoing, completed or "
                                                          "cancelled.")
    start: str | None = strawberry.field(
        description="When it began: YYYY, YYYY-MM or YYYY-MM-DD; null when not known.")
    end: str | None = strawberry.field(
        description="When it ended (a partial date); null when not ended or not known.")
    open_ended: bool = strawberry.field(description="Begun and not ended: no end date yet.")
    announced_on: str | None = strawberry.field(
        description="When it was announced (a partial date); for activities known only "
                    "from their announcement.")
    focus: list[Focus] = strawberry.field(description="The crime areas it targets.")
    tlp: TLP = strawberry.field(description="Who may see it (Traffic Light Protocol).")
    outcomes: list[OutcomeValue] = strawberry.field(
        description="Reported figures: the vocabulary's names first, in its order, then "
                    "others by name; absent ones left out.")
    participants_complete: bool | None = strawberry.field(
        description="Whether the participants listed are all of them (null: not known).")
    participants_reported: int | None = strawberry.field(
        description="How many took part, as the source reports it (may exceed those named).")
    source: str | None = strawberry.field(description="A citation as free text.")
    sources: list[Citation] = strawberry.field(
        description="Where what we know of it was published.")
    notes: str | None = strawberry.field(description="The steward's notes, if any.")
    confidence: int | None = strawberry.field(description="0–100, as STIX 2.1's confidence.")

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Activity:
        return cls(id=strawberry.ID(row["id"]), name=row["name"], kind=ActivityKind(row["kind"]),
                   status=ActivityStatus(row["status"]), start=row.get("start"),
                   end=row.get("end"), open_ended=bool(row.get("open_ended")),
                   announced_on=row.get("announced_on"),
                   focus=[Focus(f) for f in row.get("focus") or []], tlp=TLP(row["tlp"]),
                   outcomes=[OutcomeValue.of(f) for f in figures.from_properties(row)],
                   participants_complete=row.get("participants_complete"),
                   participants_reported=row.get("participants_reported"),
                   source=row.get("source"), sources=citations(row), notes=row.get("notes"),
                   confidence=row.get("confidence"))

    @strawberry.field(description="The participants with their roles, by partner id.")
    async def participants(self, info: Info) -> list[ActivityParticipant]:
        from api.types.partner import Partner

        items = await info.context.loaders.activity_participants.load(self.id)
        return [ActivityParticipant.of(i, Partner.from_row(i["node"])) for i in items]

    @strawberry.field(description="How many participants the graph names.")
    async def participants_named(self, info: Info) -> int:
        return len(await info.context.loaders.activity_participants.load(self.id))

    @strawberry.field(description="Whether the named participants are all of them.")
    async def participant_list(self, info: Info) -> ParticipantList:
        named = len(await info.context.loaders.activity_participants.load(self.id))
        return participant_list(self.participants_complete, self.participants_reported, named)

    @strawberry.field(description="Strategy objectives this activity advances.")
    async def objectives(self, info: Info) -> list[ObjectiveT]:
        from api.types.reference import Objective

        rows = await info.context.loaders.activity_objectives.load(self.id)
        return [Objective.from_row(r) for r in rows]


def participant_list(complete: bool | None, reported: int | None, named: int) -> ParticipantList:
    """PARTIAL when the source says so or reports more than the graph names, COMPLETE when
    it says the list is complete, else UNKNOWN (graph/reads/lists.py asks the same in
    Cypher for the `participantList` filter)."""
    if complete is False or (reported is not None and named < reported):
        return ParticipantList.PARTIAL
    return ParticipantList.COMPLETE if complete else ParticipantList.UNKNOWN


@strawberry.type(description="(Partner)-[:PARTICIPATED_IN]->(Activity), seen from the activity.")
class ActivityParticipant:
    role: ParticipantRole = strawberry.field(description="The principal role (the first of "
                                                         "`roles`).")
    roles: list[ParticipantRole] = strawberry.field(
        description="Every role the partner had (a sponsor that also took part has two).")
    sources: list[Citation] = strawberry.field(description="Where this tie is documented.")
    notes: str | None = strawberry.field(description="The steward's notes on this tie.")
    confidence: int | None = strawberry.field(
        description="How sure the source is of this tie, 0–100 (null when not given).")
    partner: PartnerT = strawberry.field(description="The partner.")

    @classmethod
    def of(cls, tie: dict[str, Any], partner: Partner) -> ActivityParticipant:
        return cls(role=ParticipantRole(tie["role"]),
                   roles=[ParticipantRole(r) for r in roles_from(tie)], sources=citations(tie),
                   notes=tie.get("notes"), confidence=tie.get("confidence"), partner=partner)
