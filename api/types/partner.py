"""Partner: an organisation in the ecosystem, and its ties."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.types.citation import Citation, citations
from api.types.common import BadInput, Info, Node, clamp_first
from api.types.enums import (
    Consent,
    ParticipantRole,
    PartnerKind,
    PartyRole,
    TieKind,
    describe_values,
)
from api.types.filters import METRIC_MEANINGS, MetricName
from graph.model import check_partial_date, date_floor
from graph.stored import roles_from

if TYPE_CHECKING:
    from api.types.activity import Activity
    from api.types.agreement import Agreement
    from api.types.metrics import MetricPoint, PartnerMetrics
    from api.types.reference import Country, Platform, Region

AgreementT = Annotated["Agreement", strawberry.lazy("api.types.agreement")]
ActivityT = Annotated["Activity", strawberry.lazy("api.types.activity")]
CountryT = Annotated["Country", strawberry.lazy("api.types.reference")]
RegionT = Annotated["Region", strawberry.lazy("api.types.reference")]
PlatformT = Annotated["Platform", strawberry.lazy("api.types.reference")]
MetricsT = Annotated["PartnerMetrics", strawberry.lazy("api.types.metrics")]
MetricPointT = Annotated["MetricPoint", strawberry.lazy("api.types.metrics")]


# Partners sort by a few fields and by every metric (metrics are node properties).
PartnerSort = strawberry.enum(Enum("PartnerSort", {  # type: ignore[call-overload]  # mypy reads a functional Enum of computed members as an Enum instance
    "NAME": "name", "ID": "id", "COUNTRY": "country",
    **{m.name: m.value for m in MetricName}}), description="What to sort partners by: a few "
    "fields or any metric of the latest run (partners without a value come last).")
describe_values(PartnerSort, {"NAME": "By name.", "ID": "By id.",
                              "COUNTRY": "By country code (ISO 3166-1 alpha-2).",
                              **METRIC_MEANINGS})


@strawberry.type(description="An organisation in the cybersecurity partnership ecosystem: a "
                             "police force, government, international organisation, company, "
                             "CERT, university or NGO.")
class Partner(Node):
    id: strawberry.ID = strawberry.field(description="Its stable id in the graph.")
    name: str = strawberry.field(description="Its name.")
    kind: PartnerKind = strawberry.field(description="What kind of organisation it is.")
    country_code: str | None = strawberry.field(description="ISO 3166-1 alpha-2")
    sector: str | None = strawberry.field(
        description="Its sector in free text (e.g. threat intelligence, banking); null when "
                    "not recorded.")
    aliases: list[str] = strawberry.field(
        description="Other names it goes by (acronyms, former names, spellings); imports "
                    "use them to recognise it.")
    website: str | None = strawberry.field(description="Its website, if recorded.")
    description: str | None = strawberry.field(description="A short description, if recorded.")
    headquarters_code: str | None = strawberry.field(
        description="ISO 3166-1 alpha-2 of the seat of an international organisation or "
                    "company: where it is, not which country it is of (that is `country`).")
    source: str | None = strawberry.field(description="A citation as free text.")
    sources: list[Citation] = strawberry.field(
        description="Where what we know of it was published.")
    notes: str | None = strawberry.field(description="The steward's notes, if any.")
    confidence: int | None = strawberry.field(description="0–100, as STIX 2.1's confidence.")
    raw: strawberry.Private[dict[str, Any]]

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Partner:
        return cls(id=strawberry.ID(row["id"]), name=row["name"], kind=PartnerKind(row["kind"]),
                   country_code=row.get("country"), sector=row.get("sector"),
                   aliases=list(row.get("aliases") or []), website=row.get("website"),
                   description=row.get("description"),
                   headquarters_code=row.get("headquarters"), source=row.get("source"),
                   sources=citations(row), notes=row.get("notes"),
                   confidence=row.get("confidence"), raw=row)

    @strawberry.field(description="The country of its seat (see headquartersCode).")
    async def headquarters(self, info: Info) -> CountryT | None:
        from api.types.reference import Country

        if not self.headquarters_code:
            return None
        row = await info.context.loaders.country.load(self.headquarters_code)
        return Country.from_row(row) if row else None

    @strawberry.field(description="The country it is of; null if not recorded (where an "
                                  "organisation is seated is `headquarters`).")
    async def country(self, info: Info) -> CountryT | None:
        from api.types.reference import Country

        if not self.country_code:
            return None
        row = await info.context.loaders.country.load(self.country_code)
        return Country.from_row(row) if row else None

    @strawberry.field(description="The regional desk of its country; null without a country.")
    async def region(self, info: Info) -> RegionT | None:
        from api.types.reference import Region

        if not self.country_code:
            return None
        country = await info.context.loaders.country.load(self.country_code)
        if not country or not country.get("region"):
            return None
        row = await info.context.loaders.region.load(country["region"])
        return Region.from_row(row) if row else None

    @strawberry.field(description="Agreements this partner is party to, signed or was "
                                  "invited to, with its role, consent and dates.")
    async def agreements(self, info: Info) -> list[AgreementMembership]:
        from api.types.agreement import Agreement, tie_fields

        items = await info.context.loaders.partner_agreements.load(self.id)
        return [AgreementMembership(agreement=Agreement.from_row(i["node"]), **tie_fields(i))
                for i in items]

    @strawberry.field(description="Activities this partner took part in, with its roles.")
    async def activities(self, info: Info) -> list[ActivityParticipation]:
        from api.types.activity import Activity

        items = await info.context.loaders.partner_activities.load(self.id)
        return [ActivityParticipation(role=ParticipantRole(i["role"]),
                                      roles=[ParticipantRole(r) for r in roles_from(i)],
                                      sources=citations(i), notes=i.get("notes"),
                                      confidence=i.get("confidence"),
                                      activity=Activity.from_row(i["node"])) for i in items]

    @strawberry.field(description="Shared tools and platforms this partner uses.")
    async def platforms(self, info: Info) -> list[PlatformUse]:
        from api.types.reference import Platform

        items = await info.context.loaders.partner_platforms.load(self.id)
        return [PlatformUse(since=i.get("since"), platform=Platform.from_row(i["node"]))
                for i in items]

    @strawberry.field(description=(
        "Partners tied to this one by shared agreements and/or activities (`via`), counting "
        "only those in force at or after `since` (a partial date). weight = the number of "
        "shared agreements and activities; ties lighter than `minWeight` are left out. "
        "The `first` heaviest (then by partner id)."))
    async def partners(self, info: Info, via: Annotated[list[TieKind] | None, strawberry.argument(
                           description="Count shared agreements, activities or both (the "
                                       "default).")] = None,
                       since: Annotated[str | None, strawberry.argument(
                           description="Only what was in force at or after this date (YYYY, "
                                       "YYYY-MM or YYYY-MM-DD).")] = None,
                       min_weight: Annotated[int, strawberry.argument(
                           description="Leave out ties with fewer shared items than this.")] = 1,
                       first: Annotated[int, strawberry.argument(
                           description="How many partners, heaviest ties first.")] = 20,
                       ) -> list[PartnerTie]:
        kinds = tuple(sorted({k.value for k in (via or list(TieKind))}))
        floor = None
        if since is not None:
            try:
                floor = date_floor(check_partial_date(since)).isoformat()
            except ValueError as exc:
                raise BadInput(str(exc)) from None
        size = clamp_first(info, first)
        items = await info.context.loaders.partner_ties.load(
            (self.id, kinds, floor, min_weight, size))
        return [PartnerTie(partner=Partner.from_row(i["node"]), weight=i["weight"],
                           agreement_ids=i["agreements"], activity_ids=i["activities"])
                for i in items]


    @strawberry.field(description="The latest metric values (null before the first run).")
    async def metrics(self, info: Info) -> MetricsT | None:
        from api.metric_gate import confirm_metrics, require_metrics
        from api.types.metrics import PartnerMetrics

        await require_metrics(info.context)
        await confirm_metrics(info.context, [self.raw.get("m_run")], again=False)
        return PartnerMetrics.from_values(self.raw) if self.raw.get("m_run") else None

    @strawberry.field(description="One metric over every complete run, oldest first.")
    async def metric_history(self, info: Info, metric: Annotated[MetricName, strawberry.argument(
                                 description="The metric to follow.")]) -> list[MetricPointT]:
        from api.types.metrics import metric_history

        return await metric_history(info, self.id, metric)


@strawberry.type(description="(Partner)-[:PARTY_TO]->(Agreement), seen from the partner "
                             "(fields as on AgreementParty).")
class AgreementMembership:
    role: PartyRole = strawberry.field(description="How it stands towards the agreement.")
    consent: Consent | None = strawberry.field(
        description="How it consented to be bound; null when not recorded.")
    signed_on: str | None = strawberry.field(description="When it signed (a partial date).")
    ratified_on: str | None = strawberry.field(
        description="When it consented to be bound (ratification, accession, …).")
    in_force_on: str | None = strawberry.field(
        description="When the agreement entered into force for it.")
    sources: list[Citation] = strawberry.field(description="Where this tie is documented.")
    notes: str | None = strawberry.field(description="The steward's notes on this tie.")
    confidence: int | None = strawberry.field(
        description="How sure the source is of this tie, 0–100 (null when not given).")
    agreement: AgreementT = strawberry.field(description="The agreement.")


@strawberry.type(description="(Partner)-[:PARTICIPATED_IN]->(Activity), seen from the partner.")
class ActivityParticipation:
    role: ParticipantRole = strawberry.field(description="The principal role.")
    roles: list[ParticipantRole] = strawberry.field(description="Every role it had.")
    sources: list[Citation] = strawberry.field(description="Where this tie is documented.")
    notes: str | None = strawberry.field(description="The steward's notes on this tie.")
    confidence: int | None = strawberry.field(
        description="How sure the source is of this tie, 0–100 (null when not given).")
    activity: ActivityT = strawberry.field(description="The activity.")


@strawberry.type(description="(Partner)-[:USES]->(Platform), seen from the partner.")
class PlatformUse:
    since: str | None = strawberry.field(description="Since when it uses it (a partial date).")
    platform: PlatformT = strawberry.field(description="The platform.")


@strawberry.type(description="Two partners tied by the agreements and activities they share.")
class PartnerTie:
    partner: Partner = strawberry.field(description="The other partner.")
    weight: int = strawberry.field(
        description="How many agreements and activities the two share.")
    agreement_ids: strawberry.Private[list[str]]
    activity_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The shared agreements, by id.")
    async def agreements(self, info: Info) -> list[AgreementT]:
        from api.types.agreement import Agreement

        rows = await info.context.loaders.agreement.load_many(self.agreement_ids)
        return [Agreement.from_row(r) for r in rows if r]

    @strawberry.field(description="The shared activities, by id.")
    async def activities(self, info: Info) -> list[ActivityT]:
        from api.types.activity import Activity

        rows = await info.context.loaders.activity.load_many(self.activity_ids)
        return [Activity.from_row(r) for r in rows if r]
