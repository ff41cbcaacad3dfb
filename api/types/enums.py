"""The domain vocabularies as GraphQL enums (names in CAPS, values as stored in Neo4j)."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph import model

PartnerKind = strawberry.enum(model.PartnerKind, name="PartnerKind")
AgreementKind = strawberry.enum(model.AgreementKind, name="AgreementKind")
AgreementStatus = strawberry.enum(model.AgreementStatus, name="AgreementStatus")
Scope = strawberry.enum(model.Scope, name="Scope")
PartyRole = strawberry.enum(model.PartyRole, name="PartyRole")
ActivityKind = strawberry.enum(model.ActivityKind, name="ActivityKind")
ActivityStatus = strawberry.enum(model.ActivityStatus, name="ActivityStatus")
ParticipantRole = strawberry.enum(model.ParticipantRole, name="ParticipantRole")
Focus = strawberry.enum(model.Focus, name="Focus")
Outcome = strawberry.enum(model.Outcome, name="Outcome")
TLP = strawberry.enum(model.TLP, name="TLP", description="Traffic Light Protocol 2.0")
RegionCode = strawberry.enum(model.RegionCode, name="RegionCode")


@strawberry.enum(description="What ties two partners: an agreement or an activity they share.")
class TieKind(Enum):
    AGREEMENT = "agreement"
    ACTIVITY = "activity"


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"
