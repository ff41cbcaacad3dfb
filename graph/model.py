"""The domain model: vocabularies and typed records shared by ingest, metrics and the API.

Records are frozen pydantic models: ingest validates into them, the store writes them, and
nothing passes untyped dictionaries between layers. Enum values are the strings stored in
Neo4j and shown in the API, so they never change meaning once published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from graph.figures import MONEY, Figure, Outcome, as_document, from_document
from graph.figures import ORDER as _VOCABULARY_ORDER  # noqa: I001 - an alias, kept apart

__all__ = ["MONEY", "Figure", "Outcome"]  # the figures' vocabulary lives in graph/figures.py


class PartnerKind(StrEnum):
    LAW_ENFORCEMENT = "law_enforcement"
    GOVERNMENT = "government"
    INTERNATIONAL_ORG = "international_org"
    PRIVATE_SECTOR = "private_sector"
    CERT = "cert"
    ACADEMIA = "academia"
    NGO = "ngo"


# The partners that act for their country: it signs treaties through its government, and its
# police and CERTs run operations. A company, NGO, university or international organisation
# based in a country neither covers it (graph/metrics/gaps.py) nor speaks for it (the
# country view, graph/reads/countries.py). In the order the country view lists them.
COUNTRY_ACTOR_KINDS = (PartnerKind.GOVERNMENT, PartnerKind.LAW_ENFORCEMENT, PartnerKind.CERT)


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
    SIGNED = "signed"  # signed, not yet in force
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
    PARTY = "party"  # bound: consent given (ratification, accession, …, or a signature that binds)
    SIGNATORY = "signatory"  # signed only
    INVITED = "invited"  # invited to accede or sign; neither yet
    DEPOSITARY = "depositary"
    OBSERVER = "observer"


class Consent(StrEnum):
    """How a party expressed its consent to be bound by a treaty (a treaty chart's words)."""

    SIGNATURE_ONLY = "signature_only"  # signed, not (yet) bound
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    SUCCESSION = "succession"


# Consents that bind: the partner is a party.
BINDING_CONSENT = frozenset(Consent) - {Consent.SIGNATURE_ONLY}


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
def check_partial_date(value: str) -> str:
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


PartialDate = Annotated[str, AfterValidator(check_partial_date)]
Id = Annotated[str, AfterValidator(_check_id)]
Name = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(max_length=5000)]
# How sure the steward is of a fact, on STIX 2.1's scale (0 = not at all, 100 = certain).
Confidence = Annotated[int, Field(ge=0, le=100)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


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


class Citation(Record):
    """Where a fact was published: a web page (url), a title, or both, and when."""

    url: Annotated[str, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = None
    title: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    published_on: PartialDate | None = None

    @model_validator(mode="after")
    def _something(self) -> Citation:
        if self.url is None and self.title is None:
            raise ValueError("a source needs a url or a title")
        return self


Citations = Annotated[tuple[Citation, ...], Field(max_length=100)]
SourceText = Annotated[str, Field(max_length=1000)]


class Partner(Record):
    id: Id
    name: Name
    kind: PartnerKind
    country: CountryCode | None = None
    sector: Annotated[str, Field(max_length=100)] | None = None
    aliases: tuple[Name, ...] = ()
    website: Annotated[str, Field(max_length=500)] | None = None
    description: Text | None = None
    source: SourceText | None = None  # a citation as free text, as sheets keep it
    # The seat of an international organisation or company: where it is, not whom it is of.
    headquarters: CountryCode | None = None
    sources: Citations = ()
    notes: Text | None = None
    confidence: Confidence | None = None


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
    source: SourceText | None = None
    sources: Citations = ()
    notes: Text | None = None
    confidence: Confidence | None = None

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
    """(Partner)-[:PARTY_TO]->(Agreement): a partner's standing under an agreement.

    `ratified_on` is the date of its consent to be bound, whatever the `consent` (a
    ratification, an accession, …); `in_force_on` the date the agreement entered into force
    for it. The role and the consent must tell the same story: a partner that gave its
    consent is a party, one that only signed is a signatory, an invited one has done
    neither."""

    agreement_id: Id
    partner_id: Id
    role: PartyRole = PartyRole.PARTY
    signed_on: PartialDate | None = None
    ratified_on: PartialDate | None = None
    consent: Consent | None = None
    in_force_on: PartialDate | None = None
    sources: Citations = ()
    notes: Text | None = None
    confidence: Confidence | None = None

    @model_validator(mode="after")
    def _consistent(self) -> AgreementParty:
        if not _dates_ordered(self.signed_on, self.ratified_on):
            raise ValueError(f"ratified_on {self.ratified_on} is before signed_on {self.signed_on}")
        if self.in_force_on is not None and not (
                _dates_ordered(self.ratified_on, self.in_force_on)
                and _dates_ordered(self.signed_on, self.in_force_on)):
            raise ValueError(f"in_force_on {self.in_force_on} is before the partner signed or "
                             "consented")
        role, consent = self.role, self.consent
        if role is PartyRole.INVITED and (consent or self.signed_on or self.ratified_on
                                          or self.in_force_on):
            raise ValueError("role invited is for a partner that has neither signed nor "
                             "consented: with dates or a consent it is a signatory or a party")
        if role is PartyRole.SIGNATORY and (consent in BINDING_CONSENT or self.ratified_on
                                            or self.in_force_on):
            raise ValueError("role signatory is for a partner that has only signed: one whose "
                             "consent, ratification or entry into force is recorded is a party "
                             "(role party)")
        if consent is Consent.SIGNATURE_ONLY and role is not PartyRole.SIGNATORY:
            raise ValueError("consent signature_only means the partner has only signed: "
                             "role signatory")
        if consent in BINDING_CONSENT and role not in (PartyRole.PARTY, PartyRole.DEPOSITARY):
            raise ValueError(f"consent {consent} makes the partner a party: role party")
        return self


def _figures_in(value: Any) -> Any:
    """Outcomes as the import document gives them (name → figure, see graph/figures.py)
    into a list of figures; a list passes as it is."""
    if isinstance(value, Mapping):
        return [f for name, given in value.items() for f in from_document(str(name), given)]
    return value


def _figures_ordered(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The canonical order, so that the same figures always hash alike; each name once per
    currency."""
    if len(figures) < 2:
        return figures
    last = len(_VOCABULARY_ORDER)
    keys = [(_VOCABULARY_ORDER.get(f.name, last), f.name, f.unit or "") for f in figures]
    if keys != sorted(keys):
        figures = tuple(f for _, f in sorted(zip(keys, figures, strict=True),
                                             key=lambda kf: kf[0]))
        keys.sort()
    for a, b in zip(keys, keys[1:], strict=False):
        if a[1:] == b[1:]:
            raise ValueError(f"{a[1]} is given twice" + (f" in {a[2]}" if a[2] else ""))
    return figures


Figures = Annotated[tuple[Figure, ...], BeforeValidator(_figures_in),
                    AfterValidator(_figures_ordered), Field(max_length=100)]


class Activity(Record):
    """A joint activity. `open_ended`: it has begun and not ended (no end date to give).
    `participants_complete` says whether the participants listed are all of them (None:
    not known); `participants_reported` is the count the source published, which may be
    more than it names."""

    id: Id
    name: Name
    kind: ActivityKind
    status: ActivityStatus = ActivityStatus.COMPLETED
    start: PartialDate | None = None
    end: PartialDate | None = None
    focus: tuple[Focus, ...] = ()
    outcomes: Figures = ()
    tlp: TLP = TLP.GREEN
    objectives: tuple[Id, ...] = ()
    source: SourceText | None = None
    announced_on: PartialDate | None = None
    open_ended: bool = False
    participants_complete: bool | None = None
    participants_reported: Annotated[int, Field(ge=0)] | None = None
    sources: Citations = ()
    notes: Text | None = None
    confidence: Confidence | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Activity:
        if not _dates_ordered(self.start, self.end):
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.open_ended and self.end is not None:
            raise ValueError(f"end {self.end} is given, so the activity is not open-ended")
        return self

    @field_serializer("outcomes")
    def _outcomes_document(self, figures: tuple[Figure, ...]) -> dict[str, Any]:
        # The import document's own form: a record's JSON reads back as it was written.
        return as_document(figures)


def participant_roles(roles: Iterable[str | ParticipantRole]) -> dict[str, Any]:
    """`role` and `roles` for a partner that took part in several roles: `role` the first
    in the vocabulary's order (lead, coordinator, participant, sponsor, …), `roles` all of
    them when there are several. Raises ValueError for a word not in the vocabulary."""
    given = {ParticipantRole(r) for r in roles}
    ordered = [r for r in ParticipantRole if r in given]
    if not ordered:
        raise ValueError("a participant needs a role")
    return {"role": ordered[0], "roles": tuple(ordered) if len(ordered) > 1 else ()}


class ActivityParticipant(Record):
    """(Partner)-[:PARTICIPATED_IN]->(Activity). A partner that took part in several roles
    (a sponsor that also took part) has one tie: `role` the principal one, `roles` all of
    them (`participant_roles` orders them)."""

    activity_id: Id
    partner_id: Id
    role: ParticipantRole = ParticipantRole.PARTICIPANT
    roles: tuple[ParticipantRole, ...] = ()
    sources: Citations = ()
    notes: Text | None = None
    confidence: Confidence | None = None

    @field_validator("roles")
    @classmethod
    def _roles_in_order(cls, roles: tuple[ParticipantRole, ...],
                        info: ValidationInfo) -> tuple[ParticipantRole, ...]:
        if roles and (len(roles) < 2 or participant_roles(roles)["roles"] != roles
                      or info.data.get("role") != roles[0]):
            raise ValueError("roles lists every role, two or more, in the vocabulary's order, "
                             "the first being role")
        return roles


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
