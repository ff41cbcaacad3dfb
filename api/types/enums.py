"""The domain vocabularies as GraphQL enums (names in CAPS, values as stored in Neo4j)."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph import figures, model

# Strawberry marks each domain enum as a GraphQL one in place (and returns the same class):
# the names below are the domain enums themselves, types to a type checker as to the schema.
PartnerKind = model.PartnerKind
AgreementKind = model.AgreementKind
AgreementStatus = model.AgreementStatus
Scope = model.Scope
PartyRole = model.PartyRole
ActivityKind = model.ActivityKind
ActivityStatus = model.ActivityStatus
ParticipantRole = model.ParticipantRole
Focus = model.Focus
Consent = model.Consent
Qualifier = figures.Qualifier
TLP = model.TLP
RegionCode = model.RegionCode
for _enum in (PartnerKind, AgreementKind, AgreementStatus, Scope, PartyRole, ActivityKind,
              ActivityStatus, ParticipantRole, Focus, RegionCode):
    strawberry.enum(_enum)
strawberry.enum(Consent, description="How a party consented to be bound by a treaty.")
strawberry.enum(Qualifier, description="What a figure's value means: the exact count, an "
                                       "approximation, a lower or upper bound, or a range.")
strawberry.enum(TLP, description="Traffic Light Protocol 2.0")


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
