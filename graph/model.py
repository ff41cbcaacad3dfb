"""The domain model: vocabularies and typed records shared by ingest, metrics and the API.

Records are frozen pydantic models: ingest validates into them, the store writes them, and
nothing passes untyped dictionaries between layers. Enum values are the strings stored in
Neo4j and shown in the API, so they never change meaning once published.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


class PartnerKind(StrEnum):
    LAW_ENFORCEMENT = "law_enforcement"
    GOVERNMENT = "government"
    INTERNATIONAL_ORG = "international_org"
    PRIVATE_SECTOR = "private_sector"
    CERT = "cert"
    ACADEMIA = "academia"
    NGO = "ngo"


class AgreementKind(StrEnum):
    CONVENTION = "convention"
    PROTOCOL = "protocol"
    MOU = "mou"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    DATA_SHARING = "data_sharing"
    NDA = "nda"
    SERVICE_AGREEMENT = "service_agreement"


# Instruments that states sign and then ratify, each party with its own dates.
TREATY_KINDS = frozenset({AgreementKind.CONVENTION, AgreementKind.PROTOCOL})


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Scope(StrEnum):
    INFORMATION_SHARING = "information_sharing"
    CAPACITY_BUILDING = "capacity_building"
    JOINT_OPERATIONS = "joint_operations"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    RESEARCH = "research"


class PartyRole(StrEnum):
    PARTY = "party"
    SIGNATORY = "signatory"
    DEPOSITARY = "depositary"
    OBSERVER = "observer"


class ActivityKind(StrEnum):
    OPERATION = "operation"
    CAPACITY_BUILDING = "capacity_building"
    TRAINING = "training"
    WORKSHOP = "workshop"
    INFORMATION_EXCHANGE = "information_exchange"
    RESEARCH = "research"
    AWARENESS_CAMPAIGN = "awareness_campaign"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ParticipantRole(StrEnum):
    LEAD = "lead"
    COORDINATOR = "coordinator"
    PARTICIPANT = "participant"
    SPONSOR = "sponsor"
    PRIVATE_PARTNER = "private_partner"
    OBSERVER = "observer"


class Focus(StrEnum):
    RANSOMWARE = "ransomware"
    BEC = "bec"
    PHISHING = "phishing"
    MALWARE = "malware"
    ONLINE_FRAUD = "online_fraud"
    BOTNETS = "botnets"
    DDOS = "ddos"
    CRYPTOCRIME = "cryptocrime"
    CHILD_EXPLOITATION = "child_exploitation"
    DARK_WEB = "dark_web"
    MONEY_LAUNDERING = "money_laundering"
    DATA_BREACH = "data_breach"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure"
    INFOSTEALERS = "infostealers"


class Outcome(StrEnum):
    """Reported figures of an activity; stored as `outcome_<name>` properties."""

    ARRESTS = "arrests"
    TAKEDOWNS = "takedowns"
    SERVERS_SEIZED = "servers_seized"
    SEIZED_USD = "seized_usd"
    VICTIMS_NOTIFIED = "victims_notified"
    PEOPLE_TRAINED = "people_trained"
    REPORTS_SHARED = "reports_shared"


class TLP(StrEnum):
    """Traffic Light Protocol 2.0. `rank` orders them from public to most restricted."""

    CLEAR = "clear"
    GREEN = "green"
    AMBER = "amber"
    AMBER_STRICT = "amber+strict"
    RED = "red"

    @property
    def rank(self) -> int:
        return _TLP_RANK[self]


class Role(StrEnum):
    """What an API token may do; each role includes the ones before it."""

    VIEWER = "viewer"  # reads
    ANALYST = "analyst"  # reads, metric runs
    STEWARD = "steward"  # imports and edits
    ADMIN = "admin"  # tokens, audit, everything

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]

    def includes(self, other: Role) -> bool:
        return self.rank >= other.rank


# Ranks in declaration order, computed once (rank is read on every access check).
_TLP_RANK = {t: i for i, t in enumerate(TLP)}
_ROLE_RANK = {r: i for i, r in enumerate(Role)}


class RegionCode(StrEnum):
    """The five regional desks."""

    AFRICA = "AFR"
    AMERICAS = "AMS"
    ASIA_SOUTH_PACIFIC = "ASP"
    EUROPE = "EUR"
    MENA = "MENA"


REGION_NAMES: dict[RegionCode, str] = {
    RegionCode.AFRICA: "Africa",
    RegionCode.AMERICAS: "Americas",
    RegionCode.ASIA_SOUTH_PACIFIC: "Asia and South Pacific",
    RegionCode.EUROPE: "Europe",
    RegionCode.MENA: "Middle East and North Africa",
}


# --- value types -------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$")


@lru_cache(maxsize=1 << 16)  # an import repeats its dates: each is checked once
def _check_partial_date(value: str) -> str:
    """A date as reported: `2019`, `2019-06` or `2019-06-15`. The precision is kept."""
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts[0], (parts[1] if len(parts) > 1 else 1), (parts[2] if len(parts) > 2 else 1)
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date: {exc}") from None
    return value


def is_id(value: str) -> bool:
    return _ID.match(value) is not None


def _check_id(value: str) -> str:
    if not is_id(value):
        raise ValueError(
            f"{value!r} is not a valid id (letters, digits and . _ : - only, at most 128 characters)"
        )
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
Id = Annotated[str, AfterValidator(_check_id)]
Name = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(max_length=5000)]


@lru_cache(maxsize=1 << 16)
def date_floor(value: str) -> dt.date:
    """The first day a partial date can mean (`2019` → 2019-01-01)."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@lru_cache(maxsize=1 << 16)
def date_ceiling(value: str) -> dt.date:
    """The last day a partial date can mean (`2019-06` → 2019-06-30)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _dates_ordered(earlier: str | None, later: str | None) -> bool:
    """True unless `later` certainly falls before `earlier` (partial dates overlap)."""
    if earlier is None or later is None:
        return True
    return date_ceiling(later) >= date_floor(earlier)


# --- records -----------------------------------------------------------------------------


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Region(Record):
    code: RegionCode
    name: Name


class Country(Record):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: Name
    region: RegionCode | None = None


class Partner(Record):
    id: Id
    name: Name
    kind: PartnerKind
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    sector: Annotated[str, Field(max_length=100)] | None = None
    aliases: tuple[Name, ...] = ()
    website: Annotated[str, Field(max_length=500)] | None = None
    description: Text | None = None
    source: Annotated[str, Field(max_length=1000)] | None = None


class Agreement(Record):
    id: Id
    title: Name
    kind: AgreementKind
    status: AgreementStatus
    signed_on: PartialDate | None = None
    effective_from: PartialDate | None = None
    expires_on: PartialDate | None = None
    binding: bool = False
    scope: tuple[Scope, ...] = ()
    tlp: TLP = TLP.GREEN
    objectives: tuple[Id, ...] = ()
    source: Annotated[str, Field(max_length=1000)] | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Agreement:
        if not _dates_ordered(self.signed_on, self.expires_on):
            raise ValueError(f"expires_on {self.expires_on} is before signed_on {self.signed_on}")
        if not _dates_ordered(self.effective_from, self.expires_on):
            raise ValueError(
                f"expires_on {self.expires_on} is before effective_from {self.effective_from}"
            )
        return self


class AgreementParty(Record):
    agreement_id: Id
    partner_id: Id
    role: PartyRole = PartyRole.PARTY
    signed_on: PartialDate | None = None
    ratified_on: PartialDate | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> AgreementParty:
        if not _dates_ordered(self.signed_on, self.ratified_on):
            raise ValueError(f"ratified_on {self.ratified_on} is before signed_on {self.signed_on}")
        return self


class Activity(Record):
    id: Id
    name: Name
    kind: ActivityKind
    status: ActivityStatus = ActivityStatus.COMPLETED
    start: PartialDate | None = None
    end: PartialDate | None = None
    focus: tuple[Focus, ...] = ()
    outcomes: dict[Outcome, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    tlp: TLP = TLP.GREEN
    objectives: tuple[Id, ...] = ()
    source: Annotated[str, Field(max_length=1000)] | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Activity:
        if not _dates_ordered(self.start, self.end):
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class ActivityParticipant(Record):
    activity_id: Id
    partner_id: Id
    role: ParticipantRole = ParticipantRole.PARTICIPANT


class Platform(Record):
    id: Id
    name: Name
    description: Text | None = None


class PlatformUse(Record):
    partner_id: Id
    platform_id: Id
    since: PartialDate | None = None


class Objective(Record):
    id: Id
    title: Name
    description: Text | None = None
