"""The domain vocabularies as GraphQL enums (names in CAPS, values as stored in Neo4j)."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types.enum import has_enum_definition

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


def describe_values(enum: type[Enum], values: dict[str, str]) -> None:
    """Gives each value of a Strawberry enum its description, by value name. The domain
    enums live in graph/, which knows nothing of GraphQL, and `strawberry.enum_value` in an
    enum's body makes mypy read its members' values as definitions, not strings."""
    if not has_enum_definition(enum):
        raise TypeError(f"{enum.__name__} is not a Strawberry enum")
    for value in enum.__strawberry_definition__.values:
        # A value without one stays undescribed; tests/api/test_schema_descriptions.py names it.
        value.description = values.get(value.name)


def _graphql_enum(enum: type[Enum], description: str, values: dict[str, str]) -> None:
    """Marks a domain enum as a GraphQL enum, described, and each of its values too."""
    strawberry.enum(enum, description=description)
    describe_values(enum, values)


_graphql_enum(PartnerKind, "What kind of organisation a partner is.", {
    "LAW_ENFORCEMENT": "A police force, national central bureau or other law-enforcement "
                       "agency.",
    "GOVERNMENT": "A government or ministry: the state itself, which signs treaties.",
    "INTERNATIONAL_ORG": "An international or regional organisation (INTERPOL, UNODC, the "
                         "Council of Europe, …).",
    "PRIVATE_SECTOR": "A company: security vendor, threat-intelligence firm, bank, platform.",
    "CERT": "A computer emergency response team (CERT/CSIRT).",
    "ACADEMIA": "A university or research institute.",
    "NGO": "A non-governmental or non-profit organisation.",
})
_graphql_enum(AgreementKind, "What kind of instrument an agreement is.", {
    "CONVENTION": "A multilateral treaty that states sign and ratify (e.g. the Budapest "
                  "Convention).",
    "PROTOCOL": "A treaty that adds to a convention, signed and ratified on its own.",
    "MOU": "A memorandum of understanding: a statement of intent, usually not binding.",
    "COOPERATION_AGREEMENT": "An agreement to cooperate, often between organisations.",
    "DATA_SHARING": "An agreement to exchange data or intelligence, with its conditions.",
    "NDA": "A non-disclosure agreement.",
    "SERVICE_AGREEMENT": "An agreement for a service one partner provides to another.",
})
_graphql_enum(AgreementStatus, "Where an agreement stands in its life.", {
    "DRAFT": "Being negotiated; not signed. Not counted as a tie in the metrics.",
    "SIGNED": "Signed but not yet in force. Counted as a weaker tie than one in force.",
    "ACTIVE": "In force.",
    "SUSPENDED": "In force on paper, but its application is suspended. Counts half.",
    "EXPIRED": "Its term has ended; its weight in the metrics fades with the time since.",
    "TERMINATED": "Ended early by a party. Counts as evidence against trust between its "
                  "parties.",
})
_graphql_enum(Scope, "What an agreement covers (an agreement can cover several).", {
    "INFORMATION_SHARING": "Exchange of information or intelligence.",
    "CAPACITY_BUILDING": "Training, equipment or expertise to strengthen a partner.",
    "JOINT_OPERATIONS": "Operations carried out together.",
    "TECHNICAL_ASSISTANCE": "Technical help: tools, analysis, forensic support.",
    "RESEARCH": "Research carried out together.",
})
_graphql_enum(PartyRole, "How a partner stands towards an agreement.", {
    "PARTY": "Bound by it: consent given (ratification, accession, … or a signature that "
             "binds).",
    "SIGNATORY": "Signed it but is not (yet) bound.",
    "INVITED": "Invited to sign or accede, and has done neither: not a member, tied to "
               "nobody through it.",
    "DEPOSITARY": "Keeps the treaty's official copy and records of consent.",
    "OBSERVER": "Follows it without being a member.",
})
_graphql_enum(Consent, "How a party consented to be bound by a treaty.", {
    "SIGNATURE_ONLY": "Signed only: not (yet) bound.",
    "RATIFICATION": "Bound by ratification after signing.",
    "ACCESSION": "Bound by acceding, without having signed first.",
    "ACCEPTANCE": "Bound by acceptance (a form of ratification some states use).",
    "APPROVAL": "Bound by approval (a form of ratification some states use).",
    "SUCCESSION": "Bound as a successor state to an earlier party.",
})
_graphql_enum(ActivityKind, "What kind of joint activity it is.", {
    "OPERATION": "A coordinated operation against criminals or their infrastructure.",
    "CAPACITY_BUILDING": "A project to strengthen a country's or partner's capabilities.",
    "TRAINING": "A training course.",
    "WORKSHOP": "A workshop or expert meeting.",
    "INFORMATION_EXCHANGE": "An exchange of information or intelligence.",
    "RESEARCH": "A joint research project or report.",
    "AWARENESS_CAMPAIGN": "A public awareness or prevention campaign.",
})
_graphql_enum(ActivityStatus, "Where an activity stands.", {
    "PLANNED": "Not begun. Not counted as a tie in the metrics.",
    "ONGOING": "Under way.",
    "COMPLETED": "Finished. Its weight in the metrics fades with time since its end.",
    "CANCELLED": "Called off. Not counted as a tie in the metrics.",
})
_graphql_enum(ParticipantRole, "A partner's part in an activity.", {
    "LEAD": "Led the activity.",
    "COORDINATOR": "Coordinated the participants.",
    "PARTICIPANT": "Took part.",
    "SPONSOR": "Funded or sponsored it.",
    "PRIVATE_PARTNER": "A private-sector partner that contributed (data, tools, expertise).",
    "OBSERVER": "Attended without taking part. Counts least in the metrics.",
})
_graphql_enum(Focus, "The crime area an activity targets.", {
    "RANSOMWARE": "Ransomware.",
    "BEC": "Business email compromise.",
    "PHISHING": "Phishing.",
    "MALWARE": "Malware in general.",
    "ONLINE_FRAUD": "Online fraud and scams.",
    "BOTNETS": "Botnets.",
    "DDOS": "Distributed denial-of-service attacks.",
    "CRYPTOCRIME": "Crime involving cryptocurrencies.",
    "CHILD_EXPLOITATION": "Online child sexual exploitation.",
    "DARK_WEB": "Dark-web markets and services.",
    "MONEY_LAUNDERING": "Money laundering.",
    "DATA_BREACH": "Data breaches and stolen data.",
    "CRITICAL_INFRASTRUCTURE": "Attacks on critical infrastructure.",
    "INFOSTEALERS": "Information-stealing malware and the markets for its logs.",
})
_graphql_enum(RegionCode, "The five regional desks.", {
    "AFRICA": "Africa (AFR).",
    "AMERICAS": "Americas (AMS).",
    "ASIA_SOUTH_PACIFIC": "Asia and South Pacific (ASP).",
    "EUROPE": "Europe (EUR).",
    "MENA": "Middle East and North Africa (MENA).",
})
_graphql_enum(Qualifier, "What a figure's value means: the exact count, an approximation, a "
                         "lower or upper bound, or a range.", {
    "EXACT": "The exact figure.",
    "APPROXIMATELY": "About this much (\"almost\", \"some\", \"around\").",
    "AT_LEAST": "At least this much (\"more than\"): a lower bound, the true figure may be "
                "higher.",
    "AT_MOST": "At most this much (\"up to\"): an upper bound.",
    "RANGE": "Between low and high: the sources disagree, or give a span.",
})
_graphql_enum(TLP, "Traffic Light Protocol 2.0: who may see an agreement or activity "
                   "(docs/SECURITY.md).", {
    "CLEAR": "Public: anyone may see it.",
    "GREEN": "For the community: every authenticated caller.",
    "AMBER": "Limited: analysts, stewards and admins.",
    "AMBER_STRICT": "Only callers whose organisation is a party or participant (and whose "
                    "token's clearance reaches it), and admins.",
    "RED": "The most restricted: as AMBER_STRICT, with a token cleared for RED.",
})


@strawberry.enum(description="What ties two partners: an agreement or an activity they share.")
class TieKind(Enum):
    AGREEMENT = "agreement"
    ACTIVITY = "activity"


describe_values(TieKind, {
    "AGREEMENT": "An agreement both are members of.",
    "ACTIVITY": "An activity both took part in.",
})


@strawberry.enum(description="Whether an activity's participants are all named: COMPLETE when "
                             "the source says so and names as many as it reports; PARTIAL "
                             "when it says the list is partial or reports more than it names; "
                             "UNKNOWN otherwise.")
class ParticipantList(Enum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


describe_values(ParticipantList, {
    "COMPLETE": "Every participant is named.",
    "PARTIAL": "Some participants are not named: the list is partial.",
    "UNKNOWN": "Not known whether every participant is named.",
})


@strawberry.enum(description="Sort order.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


describe_values(SortDirection, {
    "ASC": "Smallest first (A to Z for names, earliest first for dates).",
    "DESC": "Largest first (Z to A for names, latest first for dates).",
})
