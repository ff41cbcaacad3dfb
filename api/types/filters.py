"""Typed filter inputs, one per listable type, with and/or/not, and their conversion into
the filter tree that graph/filters.py compiles against an allow-list.

GraphQL input types reject unknown keys before any resolver runs, so a misspelt filter key
is an error, never an empty list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from api.types.common import BadInput
from api.types.enums import (
    TLP,
    ActivityKind,
    ActivityStatus,
    AgreementKind,
    AgreementStatus,
    Consent,
    Focus,
    ParticipantList,
    ParticipantRole,
    PartnerKind,
    PartyRole,
    RegionCode,
    Scope,
    SortDirection,
    describe_values,
)
from graph.filters import And, Not, Or, Pred
from graph.filters import Node as Tree
from graph.model import check_partial_date, date_ceiling, date_floor
from ingest.countries import UnknownCountry, country_code

E = TypeVar("E")
# Bounds on a filter, the same inline or in variables: Neo4j's planning time grows fast
# with the number of branches (1,000 OR branches took 45 s to plan), so a filter is refused
# with an error naming the bound before any query is built.
MAX_LIST = 1000  # values in one list (`in`, `any`, ids)
MAX_CONDITIONS = 100  # nodes of the filter tree: conditions and the and/or/not joining them
MAX_NESTING = 6  # and/or/not inside one another


class Operators:
    """Marker base: an input whose set fields are operators on one filter field."""

    def ops(self) -> list[tuple[str, Any]]:
        out = []
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is not None:
                out.append((f.name.rstrip("_"), _plain(value)))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        if len(value) > MAX_LIST:
            raise BadInput(f"a filter list holds at most {MAX_LIST} values")
        return [_plain(v) for v in value]
    return value


@strawberry.input(description="Match a string: exactly, in a list, by substring or prefix "
                              "(case-insensitive), or by absence.")
class StringFilter(Operators):
    eq: str | None = strawberry.field(default=None, description="Equals this exactly.")
    ne: str | None = strawberry.field(default=None, description="Differs from this.")
    in_: list[str] | None = strawberry.field(name="in", default=None,
                                             description="Equals one of these exactly.")
    contains: str | None = strawberry.field(default=None,
                                            description="Contains this text (ignoring case).")
    starts_with: str | None = strawberry.field(
        default=None, description="Begins with this text (ignoring case).")
    is_null: bool | None = strawberry.field(
        default=None, description="true: has no value; false: has one.")


@strawberry.input(description="Match an id exactly or in a list.")
class IdFilter(Operators):
    eq: strawberry.ID | None = strawberry.field(default=None, description="This id.")
    in_: list[strawberry.ID] | None = strawberry.field(name="in", default=None,
                                                       description="One of these ids.")


@strawberry.input(description="Match an enumerated value.")
class EnumFilter(Operators, Generic[E]):
    eq: E | None = strawberry.field(default=None, description="This value.")
    ne: E | None = strawberry.field(default=None, description="Any value but this one.")
    in_: list[E] | None = strawberry.field(name="in", default=None,
                                           description="One of these values.")


@strawberry.input(description="Match a list-valued field: holds any / all of the values.")
class ListFilter(Operators, Generic[E]):
    any: list[E] | None = strawberry.field(default=None,
                                           description="Holds at least one of these.")
    all: list[E] | None = strawberry.field(default=None, description="Holds every one of these.")


@strawberry.input(description="Match a partial date (YYYY, YYYY-MM or YYYY-MM-DD). Bounds "
                              "are inclusive and compare at the stored date's own precision.")
class DateFilter(Operators):
    from_: str | None = strawberry.field(name="from", default=None,
                                         description="On or after this date.")
    to: str | None = strawberry.field(default=None, description="On or before this date.")
    is_null: bool | None = strawberry.field(
        default=None, description="true: no date recorded; false: a date recorded.")

    def ops(self) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        if self.from_ is not None:
            out.append(("on_or_after", date_floor(_date(self.from_)).isoformat()))
        if self.to is not None:
            out.append(("on_or_before", date_ceiling(_date(self.to)).isoformat()))
        if self.is_null is not None:
            out.append(("is_null", self.is_null))
        return out


def _date(text: str) -> str:
    try:
        return check_partial_date(text)
    except ValueError as exc:
        raise BadInput(str(exc)) from None


@strawberry.enum(description="Numeric partner metrics (latest values of the latest run).")
class MetricName(Enum):
    DEGREE = "degree"
    STRENGTH = "strength"
    BETWEENNESS = "betweenness"
    HARMONIC = "harmonic"
    EIGENVECTOR = "eigenvector"
    PAGERANK = "pagerank"
    CONSTRAINT = "constraint"
    EFFECTIVE_SIZE = "effective_size"
    CORE = "core"
    REGIONS_SPANNED = "regions_spanned"
    CROSS_REGION_SHARE = "cross_region_share"
    TRUST = "trust"


# What each metric means for a partner, in a strategist's words (docs/METRICS.md has the
# formulas); the partners' sort order reads them too.
METRIC_MEANINGS = {
    "DEGREE": "How many partners it is tied to through shared agreements or activities.",
    "STRENGTH": "The total weight of its ties (weighted by kind, binding force, status, role "
                "and recency).",
    "BETWEENNESS": "Broker score, 0–1: the share of shortest chains between other partners "
                   "that pass through it (estimated on large networks).",
    "HARMONIC": "Reach: how close it is, on average, to every other partner along strong "
                "ties (estimated on large networks).",
    "EIGENVECTOR": "Influence through connections: tied to partners that are themselves "
                   "well tied.",
    "PAGERANK": "Overall standing: many partners, or well-tied ones, strongly tied to it "
                "(sums to 1 over all partners).",
    "CONSTRAINT": "Burt's constraint: low when it bridges groups that are otherwise apart "
                  "(a broker), high inside one closed circle.",
    "EFFECTIVE_SIZE": "How many of its partners bring contacts the others do not.",
    "CORE": "k-core number: high in the dense heart of the network.",
    "REGIONS_SPANNED": "How many regional desks other than its own its partners come from.",
    "CROSS_REGION_SHARE": "The share (0–1) of its tie weight that goes to other regions.",
    "TRUST": "Propagated (EigenTrust) trust: how strongly the network vouches for it, from "
             "the run's seed partners (sums to 1 over all partners).",
}
describe_values(MetricName, METRIC_MEANINGS)


@strawberry.enum(description=(
    "Numeric country metrics: the partner metrics measured on the country-level graph of "
    "the latest run, where the partners that act for a country (its government, law "
    "enforcement and CERTs) are one node and every other partner stays itself."))
class CountryMetricName(Enum):
    DEGREE = "degree"
    STRENGTH = "strength"
    BETWEENNESS = "betweenness"
    HARMONIC = "harmonic"
    EIGENVECTOR = "eigenvector"
    PAGERANK = "pagerank"
    CONSTRAINT = "constraint"
    EFFECTIVE_SIZE = "effective_size"
    CORE = "core"
    REGIONS_SPANNED = "regions_spanned"
    CROSS_REGION_SHARE = "cross_region_share"


describe_values(CountryMetricName, {
    "DEGREE": "How many countries and other partners its organisations are tied to.",
    "STRENGTH": "The total weight of its organisations' ties to other countries and partners.",
    "BETWEENNESS": "Broker score, 0–1: the share of shortest chains between other countries "
                   "and partners that pass through the country (estimated on large networks).",
    "HARMONIC": "Reach: how close the country is, on average, to every other node along "
                "strong ties (estimated on large networks).",
    "EIGENVECTOR": "Influence through connections: tied to countries and partners that are "
                   "themselves well tied.",
    "PAGERANK": "Overall standing at country level (sums to 1 over all nodes of the "
                "country-level graph, countries and other partners).",
    "CONSTRAINT": "Burt's constraint: low when the country bridges groups that are otherwise "
                  "apart (a broker), high inside one closed circle.",
    "EFFECTIVE_SIZE": "How many of its ties bring contacts the others do not.",
    "CORE": "k-core number: high in the dense heart of the country-level network.",
    "REGIONS_SPANNED": "How many regional desks other than its own its ties reach.",
    "CROSS_REGION_SHARE": "The share (0–1) of its tie weight that goes to other regions.",
})


@strawberry.input(description="A threshold on one metric; partners without a value never match.")
class MetricThreshold:
    metric: MetricName = strawberry.field(description="The metric to compare.")
    gt: float | None = strawberry.field(default=None, description="Greater than this.")
    gte: float | None = strawberry.field(default=None, description="At least this.")
    lt: float | None = strawberry.field(default=None, description="Less than this.")
    lte: float | None = strawberry.field(default=None, description="At most this.")


_BOUND_ROLES = [PartyRole.PARTY, PartyRole.DEPOSITARY]
_ROLES = ("In one of these roles; by default PARTY or DEPOSITARY (bound by the agreement): "
          "a SIGNATORY has only signed, an INVITED state neither.")
_CONSENT = "Consented in one of these ways (ratification, accession, …)."
_RATIFIED = ("true: its consent to be bound is recorded (a ratification, accession, "
             "acceptance, approval or succession, or a date of consent); false: it is not.")


@strawberry.input(description="Some tie to an agreement matches every condition given: to "
                              "one of `agreements` (if given), in one of `roles` (by default "
                              "a party: PARTY or DEPOSITARY), with one of `consent`, ratified "
                              "or not.")
class PartyMatch:
    agreements: list[strawberry.ID] | None = strawberry.field(
        default=None, description="To one of these agreements (by id); any agreement if not "
        "given.")
    roles: list[PartyRole] | None = strawberry.field(default=None, description=_ROLES)
    consent: list[Consent] | None = strawberry.field(default=None, description=_CONSENT)
    ratified: bool | None = strawberry.field(default=None, description=_RATIFIED)


@strawberry.input(description="Some member of the agreement matches every condition given: "
                              "one of `partners` (if given), in one of `roles` (by default a "
                              "party: PARTY or DEPOSITARY), with one of `consent`, ratified "
                              "or not.")
class MemberMatch:
    partners: list[strawberry.ID] | None = strawberry.field(
        default=None, description="One of these partners (by id); any partner if not given.")
    roles: list[PartyRole] | None = strawberry.field(default=None, description=_ROLES)
    consent: list[Consent] | None = strawberry.field(default=None, description=_CONSENT)
    ratified: bool | None = strawberry.field(default=None, description=_RATIFIED)


def _tie_match(value: PartyMatch | MemberMatch) -> dict[str, Any]:
    """The filter value of a membership match, the default roles filled in."""
    ids = value.agreements if isinstance(value, PartyMatch) else value.partners
    return {"agreements" if isinstance(value, PartyMatch) else "partners": _plain(ids),
            "roles": _plain(value.roles if value.roles is not None else _BOUND_ROLES),
            "consent": _plain(value.consent), "ratified": value.ratified}


@strawberry.input(description="Which partners to keep; every field given must hold.")
class PartnerFilter:
    and_: list[PartnerFilter] | None = strawberry.field(
        name="and", default=None, description="Every one of these filters holds.")
    or_: list[PartnerFilter] | None = strawberry.field(
        name="or", default=None, description="At least one of these filters holds.")
    not_: PartnerFilter | None = strawberry.field(
        name="not", default=None, description="This filter does not hold.")
    id: IdFilter | None = strawberry.field(default=None, description="By id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    kind: EnumFilter[PartnerKind] | None = strawberry.field(
        default=None, description="By kind of organisation.")
    country: StringFilter | None = strawberry.field(
        default=None, description="Based in this country: a name, an ISO 3166-1 alpha-2 or "
        "alpha-3 code (eq, ne, in); contains and startsWith compare the alpha-2 code.")
    region: EnumFilter[RegionCode] | None = strawberry.field(
        default=None, description="Based in a country of this regional desk.")
    sector: StringFilter | None = strawberry.field(
        default=None, description="By sector (free text, e.g. threat intelligence).")
    headquarters: StringFilter | None = strawberry.field(
        default=None, description="Seated in this country: a name or an ISO 3166-1 alpha-2 "
        "or alpha-3 code.")
    agreement: list[strawberry.ID] | None = strawberry.field(
        default=None, description="A party to (bound by) any of these agreements: role PARTY "
        "or DEPOSITARY. For signatories, invited states, consent or ratification use partyTo.")
    party_to: PartyMatch | None = strawberry.field(
        default=None, description="Has a tie to an agreement matching every condition given "
        "(by default as a party: PARTY or DEPOSITARY).")
    not_party_to: PartyMatch | None = strawberry.field(
        default=None, description="Has no tie to an agreement matching every condition given "
        "(by default: is a party to none of `agreements`; a signatory of one still matches).")
    activity: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Took part in any of these activities.")
    activity_focus: list[Focus] | None = strawberry.field(
        default=None, description="Took part in an activity with any of these focus areas.")
    activity_role: list[ParticipantRole] | None = strawberry.field(
        default=None, description="Took part in an activity in any of these roles.")
    worked_with: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Shares an agreement or activity with any of these partners.")
    metrics: list[MetricThreshold] | None = strawberry.field(
        default=None, description="Every threshold holds (latest metric values).")
    community: int | None = strawberry.field(default=None, description="Community id.")
    articulation: bool | None = strawberry.field(
        default=None, description="Is (not) a single point of failure of the network.")
    region_articulation: bool | None = strawberry.field(
        default=None, description="Is (not) a single point of failure within its region.")


@strawberry.input(description="Which agreements to keep; every field given must hold.")
class AgreementFilter:
    and_: list[AgreementFilter] | None = strawberry.field(
        name="and", default=None, description="Every one of these filters holds.")
    or_: list[AgreementFilter] | None = strawberry.field(
        name="or", default=None, description="At least one of these filters holds.")
    not_: AgreementFilter | None = strawberry.field(
        name="not", default=None, description="This filter does not hold.")
    id: IdFilter | None = strawberry.field(default=None, description="By id.")
    title: StringFilter | None = strawberry.field(default=None, description="By title.")
    kind: EnumFilter[AgreementKind] | None = strawberry.field(
        default=None, description="By kind of instrument.")
    status: EnumFilter[AgreementStatus] | None = strawberry.field(
        default=None, description="By status as recorded.")
    tlp: EnumFilter[TLP] | None = strawberry.field(default=None, description="By TLP level.")
    binding: bool | None = strawberry.field(
        default=None, description="true: legally binding; false: not binding.")
    scope: ListFilter[Scope] | None = strawberry.field(
        default=None, description="By what it covers.")
    signed_on: DateFilter | None = strawberry.field(default=None,
                                                    description="By date of signature.")
    effective_from: DateFilter | None = strawberry.field(
        default=None, description="By date it took effect.")
    expires_on: DateFilter | None = strawberry.field(default=None,
                                                     description="By expiry date.")
    expires_within_days: int | None = strawberry.field(
        default=None, description="Expires between today and today + N days (inclusive).")
    party: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Any of these partners is a party (bound: role PARTY or "
        "DEPOSITARY). For signatories, invited states, consent or ratification use "
        "membership.")
    party_country: list[str] | None = strawberry.field(
        default=None, description="A party (PARTY or DEPOSITARY) is based in any of these "
        "countries (names or ISO 3166-1 alpha-2 or alpha-3 codes).")
    party_kind: list[PartnerKind] | None = strawberry.field(
        default=None, description="A party (PARTY or DEPOSITARY) is of any of these kinds.")
    party_region: list[RegionCode] | None = strawberry.field(
        default=None, description="A party (PARTY or DEPOSITARY) is based in any of these "
        "regions.")
    membership: MemberMatch | None = strawberry.field(
        default=None, description="Some member matches every condition given (by default "
        "a party: PARTY or DEPOSITARY).")
    party_role: list[PartyRole] | None = strawberry.field(
        default=None, description="Some member is in one of these roles (signatories and "
        "invited states included when asked for).")
    party_consent: list[Consent] | None = strawberry.field(
        default=None, description="Some member consented in one of these ways (any role).")


@strawberry.input(description="Some participant matches: one of `partners` (if given) in one "
                              "of `roles` (if given).")
class ParticipantMatch:
    partners: list[strawberry.ID] | None = strawberry.field(
        default=None, description="One of these partners, by id (anyone if not given).")
    roles: list[ParticipantRole] | None = strawberry.field(
        default=None, description="In one of these roles (any role if not given).")


@strawberry.input(description="Which activities to keep; every field given must hold.")
class ActivityFilter:
    and_: list[ActivityFilter] | None = strawberry.field(
        name="and", default=None, description="Every one of these filters holds.")
    or_: list[ActivityFilter] | None = strawberry.field(
        name="or", default=None, description="At least one of these filters holds.")
    not_: ActivityFilter | None = strawberry.field(
        name="not", default=None, description="This filter does not hold.")
    id: IdFilter | None = strawberry.field(default=None, description="By id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    kind: EnumFilter[ActivityKind] | None = strawberry.field(
        default=None, description="By kind of activity.")
    status: EnumFilter[ActivityStatus] | None = strawberry.field(
        default=None, description="By status as recorded.")
    tlp: EnumFilter[TLP] | None = strawberry.field(default=None, description="By TLP level.")
    focus: ListFilter[Focus] | None = strawberry.field(
        default=None, description="By the crime areas it targets.")
    start: DateFilter | None = strawberry.field(default=None, description="By start date.")
    end: DateFilter | None = strawberry.field(default=None, description="By end date.")
    announced_on: DateFilter | None = strawberry.field(
        default=None, description="By the date it was announced.")
    participant_list: list[ParticipantList] | None = strawberry.field(
        default=None, description="Whether its named participants are all of them.")
    outcomes: list[str] | None = strawberry.field(
        default=None, description="Reports a figure of any of these names.")
    participant: ParticipantMatch | None = strawberry.field(
        default=None, description="Some participant is one of these partners and/or had one "
        "of these roles.")
    participant_country: list[str] | None = strawberry.field(
        default=None, description="A participant is based in any of these countries (names "
        "or ISO 3166-1 alpha-2 or alpha-3 codes).")
    participant_kind: list[PartnerKind] | None = strawberry.field(
        default=None, description="A participant is of one of these kinds.")
    participant_region: list[RegionCode] | None = strawberry.field(
        default=None, description="A participant is based in one of these regional desks.")


@strawberry.input(description="Which platforms to keep; every field given must hold.")
class PlatformFilter:
    and_: list[PlatformFilter] | None = strawberry.field(
        name="and", default=None, description="Every one of these filters holds.")
    or_: list[PlatformFilter] | None = strawberry.field(
        name="or", default=None, description="At least one of these filters holds.")
    not_: PlatformFilter | None = strawberry.field(
        name="not", default=None, description="This filter does not hold.")
    id: IdFilter | None = strawberry.field(default=None, description="By id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")


def to_tree(f: Any, *, today: dt.date | None = None) -> Tree | None:
    """The filter tree for a filter input (None when it sets nothing). Raises BadInput for a
    filter over MAX_CONDITIONS, MAX_NESTING or MAX_LIST."""
    tree = _tree(f, today, 0)
    size = _size(tree)
    if size > MAX_CONDITIONS:
        raise BadInput(f"a filter holds at most {MAX_CONDITIONS} conditions (and/or/not "
                       f"count too); this one holds {size}")
    return tree


def _size(tree: Tree | None) -> int:
    count, stack = 0, [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, (And, Or)):
            stack.extend(node.items)
        elif isinstance(node, Not):
            stack.append(node.item)
    return count


def _tree(f: Any, today: dt.date | None, nesting: int) -> Tree | None:
    if f is None:
        return None
    if nesting > MAX_NESTING:
        raise BadInput(f"a filter nests and/or/not at most {MAX_NESTING} levels deep")
    parts: list[Tree] = []
    for field in dataclasses.fields(f):
        value = getattr(f, field.name)
        if value is None:
            continue
        name = field.name
        if name in ("and_", "or_") and len(value) > MAX_CONDITIONS:
            raise BadInput(f"a filter holds at most {MAX_CONDITIONS} conditions (and/or/not "
                           f"count too); this {name.rstrip('_')} lists {len(value)}")
        if name == "and_":
            parts.append(And(tuple(t for t in (_tree(v, today, nesting + 1) for v in value)
                                   if t)))
        elif name == "or_":
            parts.append(Or(tuple(_tree(v, today, nesting + 1) or And(()) for v in value)))
        elif name == "not_":
            parts.append(Not(_tree(value, today, nesting + 1) or And(())))
        elif name == "expires_within_days":
            if value < 0:
                raise BadInput("expiresWithinDays must not be negative")
            start = today or dt.date.today()
            parts.append(Pred("expires_on", "on_or_after", start.isoformat()))
            parts.append(Pred("expires_on", "on_or_before",
                              (start + dt.timedelta(days=value)).isoformat()))
        elif isinstance(value, Operators):
            parts.extend(Pred(name, op, _countries(name, op, v) if name in _COUNTRIES else v)
                         for op, v in value.ops())
        elif name == "metrics":
            if len(value) > MAX_CONDITIONS:
                raise BadInput(f"a filter holds at most {MAX_CONDITIONS} conditions")
            for t in value:
                parts.extend(Pred(f"metric_{t.metric.value}", op, getattr(t, op))
                             for op in ("gt", "gte", "lt", "lte") if getattr(t, op) is not None)
        elif isinstance(value, ParticipantMatch):
            parts.append(Pred(name, "eq", {"partners": _plain(value.partners),
                                           "roles": _plain(value.roles)}))
        elif isinstance(value, (PartyMatch, MemberMatch)):
            parts.append(Pred(name, "eq", _tie_match(value)))
        elif name in _COUNTRIES:
            parts.append(Pred(name, "eq", _countries(name, "in", value)))
        else:
            parts.append(Pred(name, "eq", _plain(value)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


# Fields that hold a country: a value may be a name or an alpha-2 or alpha-3 code, matched
# as the alpha-2 code the graph stores; one that is no country is an error, never a zero.
_COUNTRIES = frozenset({"country", "headquarters", "party_country", "participant_country"})


def _countries(name: str, op: str, value: Any) -> Any:
    if op not in ("eq", "ne", "in") or value is None:
        return value  # contains/startsWith/isNull compare the stored code as text
    codes = []
    for v in value if op == "in" else [value]:
        try:
            codes.append(country_code(v))
        except UnknownCountry as exc:
            raise BadInput(f"{_camel(name)}: {v!r} is {exc}") from None
    return codes if op == "in" else codes[0]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


@strawberry.input(description="How to sort a list: by which field, in which direction "
                              "(ties broken by id).")
class Order(Generic[E]):
    field: E = strawberry.field(description="The field to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC,
                                                description="Ascending (default) or descending.")
