"""Agreement: a convention, MoU, data-sharing agreement…, and its parties."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.citation import Citation, citations
from api.types.common import Info, Node
from api.types.enums import (
    TLP,
    AgreementKind,
    AgreementStatus,
    Consent,
    PartyRole,
    Scope,
    describe_values,
)

if TYPE_CHECKING:
    from api.types.partner import Partner
    from api.types.reference import Objective

PartnerT = Annotated["Partner", strawberry.lazy("api.types.partner")]
ObjectiveT = Annotated["Objective", strawberry.lazy("api.types.reference")]


@strawberry.enum(description="What to sort agreements by.")
class AgreementSort(Enum):
    TITLE = "title"
    ID = "id"
    SIGNED_ON = "signed_on"
    EXPIRES_ON = "expires_on"


describe_values(AgreementSort, {
    "TITLE": "By title.",
    "ID": "By id.",
    "SIGNED_ON": "By date of signature (undated ones first when ascending).",
    "EXPIRES_ON": "By expiry date (those without one last when ascending).",
})


@strawberry.type(description="An agreement between partners: a convention or protocol, an MoU, "
                             "a data-sharing, cooperation or service agreement, an NDA.")
class Agreement(Node):
    id: strawberry.ID = strawberry.field(description="Its stable id in the graph.")
    title: str = strawberry.field(description="Its title.")
    kind: AgreementKind = strawberry.field(description="What kind of instrument it is.")
    status: AgreementStatus = strawberry.field(
        description="SIGNED: signed, not yet in force; ACTIVE: in force.")
    signed_on: str | None = strawberry.field(
        description="When it was signed (or opened for signature): YYYY, YYYY-MM or "
                    "YYYY-MM-DD; null when not known.")
    effective_from: str | None = strawberry.field(
        description="When it took effect (a partial date); null when not known.")
    expires_on: str | None = strawberry.field(
        description="When it expires (a partial date); null when it has no end date or none "
                    "is known.")
    binding: bool = strawberry.field(description="Whether it is legally binding.")
    scope: list[Scope] = strawberry.field(description="What it covers.")
    tlp: TLP = strawberry.field(description="Who may see it (Traffic Light Protocol).")
    source: str | None = strawberry.field(description="A citation as free text.")
    sources: list[Citation] = strawberry.field(
        description="Where what we know of it was published.")
    notes: str | None = strawberry.field(description="The steward's notes, if any.")
    confidence: int | None = strawberry.field(description="0–100, as STIX 2.1's confidence.")

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Agreement:
        return cls(id=strawberry.ID(row["id"]), title=row["title"],
                   kind=AgreementKind(row["kind"]), status=AgreementStatus(row["status"]),
                   signed_on=row.get("signed_on"), effective_from=row.get("effective_from"),
                   expires_on=row.get("expires_on"), binding=bool(row.get("binding")),
                   scope=[Scope(s) for s in row.get("scope") or []], tlp=TLP(row["tlp"]),
                   source=row.get("source"), sources=citations(row), notes=row.get("notes"),
                   confidence=row.get("confidence"))

    @strawberry.field(description=(
        "The parties, with their roles, consent and dates, by partner id; `roles` keeps "
        "those in these roles: [PARTY] the parties (consent given), [SIGNATORY] those that "
        "only signed, [INVITED] those invited."))
    async def parties(self, info: Info, roles: Annotated[list[PartyRole] | None, strawberry.argument(
                          description="Keep only the partners in these roles (all if not "
                                      "given).")] = None) -> list[AgreementParty]:
        from api.types.partner import Partner

        wanted = {r.value for r in roles} if roles is not None else None
        items = await info.context.loaders.agreement_parties.load(self.id)
        return [AgreementParty.of(i, Partner.from_row(i["node"])) for i in items
                if wanted is None or i["role"] in wanted]

    @strawberry.field(description="Strategy objectives this agreement supports.")
    async def objectives(self, info: Info) -> list[ObjectiveT]:
        from api.types.reference import Objective

        rows = await info.context.loaders.agreement_objectives.load(self.id)
        return [Objective.from_row(r) for r in rows]


@strawberry.type(description=(
    "(Partner)-[:PARTY_TO]->(Agreement), seen from the agreement. `ratifiedOn` is the date "
    "of the partner's consent to be bound (whatever the `consent`: a ratification, an "
    "accession, …); `inForceOn` the date the agreement entered into force for it."))
class AgreementParty:
    role: PartyRole = strawberry.field(description="How the partner stands towards it.")
    consent: Consent | None = strawberry.field(description="null: not recorded.")
    signed_on: str | None = strawberry.field(
        description="When the partner signed (a partial date).")
    ratified_on: str | None = strawberry.field(
        description="When the partner consented to be bound (a partial date).")
    in_force_on: str | None = strawberry.field(
        description="When it entered into force for the partner (a partial date).")
    sources: list[Citation] = strawberry.field(description="Where this tie is documented.")
    notes: str | None = strawberry.field(description="The steward's notes on this tie.")
    confidence: int | None = strawberry.field(
        description="How sure the source is of this tie, 0–100 (null when not given).")
    partner: PartnerT = strawberry.field(description="The partner.")

    @classmethod
    def of(cls, tie: dict[str, Any], partner: Partner) -> AgreementParty:
        return cls(partner=partner, **tie_fields(tie))


def tie_fields(tie: dict[str, Any]) -> dict[str, Any]:
    """A PARTY_TO tie's fields, shared by both sides of it."""
    consent = tie.get("consent")
    return {"role": PartyRole(tie["role"]), "consent": Consent(consent) if consent else None,
            "signed_on": tie.get("signed_on"), "ratified_on": tie.get("ratified_on"),
            "in_force_on": tie.get("in_force_on"), "sources": citations(tie),
            "notes": tie.get("notes"), "confidence": tie.get("confidence")}
