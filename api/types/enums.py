"""The domain vocabularies as GraphQL enums (names in CAPS, values as stored in Neo4j)."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph import figures, model

PartnerKind = strawberry.enum(model.PartnerKind, name="PartnerKind")
AgreementKind = strawberry.enum(model.AgreementKind, name="AgreementKind")
AgreementStatus = strawberry.enum(model.AgreementStatus, name="AgreementStatus")
Scope = strawberry.enum(model.Scope, name="Scope")
PartyRole = strawberry.enum(model.PartyRole, name="PartyRole")
ActivityKind = strawberry.enum(model.ActivityKind, name="ActivityKind")
ActivityStatus = strawberry.enum(model.ActivityStatus, name="ActivityStatus")
ParticipantRole = strawberry.enum(model.ParticipantRole, name="ParticipantRole")
Focus = strawberry.enum(model.Focus, name="Focus")
Consent = strawberry.enum(model.Consent, name="Consent",
                         description="How a party consented to be bound by a treaty.")
Qualifier = strawberry.enum(figures.Qualifier, name="Qualifier",
                            description="What a figure's value means: the exact count, an "
                                        "approximation, a lower or upper bound, or a range.")
TLP = strawberry.enum(model.TLP, name="TLP", description="Traffic Light Protocol 2.0")
RegionCode = strawberry.enum(model.RegionCode, name="RegionCode")


@strawberry.enum(description="What ties two partners: an agreement or an activity they share.")
class TieKind(Enum):
    AGREEMENT = "agreement"
    ACTIVITY = "activity"


@strawberry.enum(description="Whether an activity's participants are all named: COMPLETE when "
                             "the source says so and names as many as it reports; PARTIAL "
                             "when it says the list is partial or reports more than it names; "
                             "UNKNOWN otherwise.")
class ParticipantList(Enum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"
