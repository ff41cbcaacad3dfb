"""The root Mutation: edits, imports and metric runs, each returning a union result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.file_uploads import Upload

from api.permissions import Analyst, Steward
from api.types.activity import Activity
from api.types.agreement import Agreement
from api.types.citation import CitationInput
from api.types.common import Info
from api.types.enums import (
    TLP,
    ActivityKind,
    ActivityStatus,
    AgreementKind,
    AgreementStatus,
    Consent,
    Focus,
    ParticipantRole,
    PartnerKind,
    PartyRole,
    Qualifier,
    Scope,
)
from api.types.import_report import ImportFilesOptions, ImportReport
from api.types.imports import Import
from api.types.metrics import MetricRun
from api.types.partner import Partner
from api.types.results import Conflict, InvalidInput, NotFound, failure
from graph import edits
from graph.model import participant_roles

PartnerResult = Annotated[Partner | NotFound | InvalidInput | Conflict,
                          strawberry.union("PartnerResult")]
AgreementResult = Annotated[Agreement | NotFound | InvalidInput | Conflict,
                            strawberry.union("AgreementResult")]
ActivityResult = Annotated[Activity | NotFound | InvalidInput | Conflict,
                           strawberry.union("ActivityResult")]
ImportResult = Annotated[Import | InvalidInput, strawberry.union("ImportResult")]
MetricRunResult = Annotated[MetricRun | InvalidInput, strawberry.union("MetricRunResult")]
T = TypeVar("T")


@strawberry.input(description="A reported figure: `value` with a `qualifier`, or a RANGE "
                              "with `low` and `high`; `unit` an ISO 4217 currency, for money.")
class OutcomeInput:
    name: str
    value: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None = None
    high: float | None = None
    unit: str | None = None


@strawberry.input
class PartnerInput:
    id: strawberry.ID
    name: str
    kind: PartnerKind
    country: str | None = None
    sector: str | None = None
    aliases: list[str] | None = None
    website: str | None = None
    description: str | None = None
    headquarters: str | None = None
    sources: list[CitationInput] | None = None
    notes: str | None = None
    confidence: int | None = None


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class PartnerPatch:
    name: str | None = strawberry.UNSET
    kind: PartnerKind | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    sector: str | None = strawberry.UNSET
    aliases: list[str] | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    headquarters: str | None = strawberry.UNSET
    sources: list[CitationInput] | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    confidence: int | None = strawberry.UNSET


@strawberry.input
class AgreementInput:
    id: strawberry.ID
    title: str
    kind: AgreementKind
    status: AgreementStatus
    signed_on: str | None = None
    effective_from: str | None = None
    expires_on: str | None = None
    binding: bool = False
    scope: list[Scope] | None = None
    tlp: TLP = TLP.GREEN
    objectives: list[strawberry.ID] | None = None
    sources: list[CitationInput] | None = None
    notes: str | None = None
    confidence: int | None = None


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class AgreementPatch:
    title: str | None = strawberry.UNSET
    kind: AgreementKind | None = strawberry.UNSET
    status: AgreementStatus | None = strawberry.UNSET
    signed_on: str | None = strawberry.UNSET
    effective_from: str | None = strawberry.UNSET
    expires_on: str | None = strawberry.UNSET
    binding: bool | None = strawberry.UNSET
    scope: list[Scope] | None = strawberry.UNSET
    tlp: TLP | None = strawberry.UNSET
    objectives: list[strawberry.ID] | None = strawberry.UNSET
    sources: list[CitationInput] | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    confidence: int | None = strawberry.UNSET


@strawberry.input
class ActivityInput:
    id: strawberry.ID
    name: str
    kind: ActivityKind
    status: ActivityStatus = ActivityStatus.COMPLETED
    start: str | None = None
    end: str | None = None
    focus: list[Focus] | None = None
    tlp: TLP = TLP.GREEN
    objectives: list[strawberry.ID] | None = None
    open_ended: bool = False
    announced_on: str | None = None
    participants_complete: bool | None = None
    participants_reported: int | None = None
    outcomes: list[OutcomeInput] | None = None
    sources: list[CitationInput] | None = None
    notes: str | None = None
    confidence: int | None = None


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class ActivityPatch:
    name: str | None = strawberry.UNSET
    kind: ActivityKind | None = strawberry.UNSET
    status: ActivityStatus | None = strawberry.UNSET
    start: str | None = strawberry.UNSET
    end: str | None = strawberry.UNSET
    focus: list[Focus] | None = strawberry.UNSET
    tlp: TLP | None = strawberry.UNSET
    objectives: list[strawberry.ID] | None = strawberry.UNSET
    open_ended: bool | None = strawberry.UNSET
    announced_on: str | None = strawberry.UNSET
    participants_complete: bool | None = strawberry.UNSET
    participants_reported: int | None = strawberry.UNSET
    outcomes: list[OutcomeInput] | None = strawberry.UNSET
    sources: list[CitationInput] | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    confidence: int | None = strawberry.UNSET


def _data(obj: Any) -> dict[str, Any]:
    """Input fields that were given, as plain values (enums → strings, inputs → dicts)."""
    out = {name: _plain(value) for name, value in vars(obj).items()
           if value is not strawberry.UNSET}
    return {k: v for k, v in out.items() if not (v is None and not isinstance(obj, (
        PartnerPatch, AgreementPatch, ActivityPatch)))}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (CitationInput, OutcomeInput)):
        return {k: _plain(v) for k, v in vars(value).items() if v is not None}
    return getattr(value, "value", value)


async def _edit(info: Info, work: Callable[[], str], kind: str,
                build: Callable[[dict[str, Any]], T]) -> T | NotFound | InvalidInput | Conflict:
    try:
        key = await run_in_threadpool(work)
    except edits.EditError as exc:
        return failure(exc)
    loader = getattr(info.context.loaders, kind)
    _forget(loader, key)
    row = await loader.load(key)
    if row is None:  # written above the viewer's clearance
        return NotFound(message=f"No {kind} with id {key!r}", entity=kind, id=strawberry.ID(key))
    return build(row)


def _forget(loader: Any, key: str) -> None:
    """Drop `key` from a request's loader cache (DataLoader.clear raises for unknown keys)."""
    try:
        loader.clear(key)
    except KeyError:
        pass


def _member(info: Info, kind: str, group: str, work: Callable[[], None]) -> Callable[[], str]:
    def run() -> str:
        work()
        _forget(info.context.loaders.agreement_parties, group)
        _forget(info.context.loaders.activity_participants, group)
        return group

    return run


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[Steward])
    async def create_partner(self, info: Info, input: PartnerInput) -> PartnerResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "partner", _data(input),
                                                        info.context.viewer.access),
                           "partner", Partner.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def update_partner(self, info: Info, id: strawberry.ID,
                             patch: PartnerPatch) -> PartnerResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "partner", id, _data(patch),
                                                      ctx.viewer.access),
                           "partner", Partner.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def create_agreement(self, info: Info, input: AgreementInput) -> AgreementResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "agreement", _data(input),
                                                        info.context.viewer.access),
                           "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def update_agreement(self, info: Info, id: strawberry.ID,
                               patch: AgreementPatch) -> AgreementResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "agreement", id, _data(patch),
                                                      ctx.viewer.access),
                           "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def create_activity(self, info: Info, input: ActivityInput) -> ActivityResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "activity", _data(input),
                                                        info.context.viewer.access),
                           "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def update_activity(self, info: Info, id: strawberry.ID,
                              patch: ActivityPatch) -> ActivityResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "activity", id, _data(patch),
                                                      ctx.viewer.access),
                           "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Add a party to an agreement (or replace its role, consent and dates). Without a "
        "role: signatory when consent is SIGNATURE_ONLY, else party."))
    async def add_party(self, info: Info, agreement_id: strawberry.ID,
                        partner_id: strawberry.ID, role: PartyRole | None = None,
                        signed_on: str | None = None, ratified_on: str | None = None,
                        consent: Consent | None = None, in_force_on: str | None = None,
                        sources: list[CitationInput] | None = None, notes: str | None = None,
                        confidence: int | None = None) -> AgreementResult:
        ctx = info.context
        if role is None:
            role = PartyRole.SIGNATORY if consent is Consent.SIGNATURE_ONLY else PartyRole.PARTY
        data = {"agreement_id": agreement_id, "partner_id": partner_id, "role": role,
                "signed_on": signed_on, "ratified_on": ratified_on, "consent": consent,
                "in_force_on": in_force_on, "sources": sources, "notes": notes,
                "confidence": confidence}
        work = _member(info, "agreement", agreement_id, lambda: edits.add_member(
            ctx.store, "agreement", {k: _plain(v) for k, v in data.items() if v is not None},
            ctx.viewer.access))
        return await _edit(info, work, "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def remove_party(self, info: Info, agreement_id: strawberry.ID,
                           partner_id: strawberry.ID) -> AgreementResult:
        ctx = info.context
        work = _member(info, "agreement", agreement_id, lambda: edits.remove_member(
            ctx.store, "agreement", agreement_id, partner_id, ctx.viewer.access))
        return await _edit(info, work, "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Add a participant to an activity (or replace its roles): `role`, or every role it "
        "had in `roles` (a sponsor that also took part)."))
    async def add_participant(self, info: Info, activity_id: strawberry.ID,
                              partner_id: strawberry.ID,
                              role: ParticipantRole = ParticipantRole.PARTICIPANT,
                              roles: list[ParticipantRole] | None = None,
                              sources: list[CitationInput] | None = None,
                              notes: str | None = None, confidence: int | None = None,
                              ) -> ActivityResult:
        ctx = info.context
        data: dict[str, Any] = {"activity_id": activity_id, "partner_id": partner_id,
                                "sources": _plain(sources), "notes": notes,
                                "confidence": confidence}
        try:
            data.update(participant_roles([r.value for r in roles] if roles else [role.value]))
        except ValueError as exc:
            return failure(edits.Invalid([("roles", str(exc))]))
        work = _member(info, "activity", activity_id, lambda: edits.add_member(
            ctx.store, "activity", {k: v for k, v in data.items() if v is not None},
            ctx.viewer.access))
        return await _edit(info, work, "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward])
    async def remove_participant(self, info: Info, activity_id: strawberry.ID,
                                 partner_id: strawberry.ID) -> ActivityResult:
        ctx = info.context
        work = _member(info, "activity", activity_id, lambda: edits.remove_member(
            ctx.store, "activity", activity_id, partner_id, ctx.viewer.access))
        return await _edit(info, work, "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Import one file (CSV, JSON or STIX 2.1, multipart upload) through the same "
        "validation as `partnergraph import`: all rows commit or none do."))
    async def import_file(self, info: Info, file: Upload) -> ImportResult:
        from api.types import importing

        return await importing.import_upload(info, file)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Import several files at once (CSV, .xlsx, JSON, STIX 2.1; multipart upload) with the "
        "options of `partnergraph import`; returns its report: counts, every error with its "
        "file, line, column and value, notices, partners resolved to existing ones, rejects."))
    async def import_files(self, info: Info, files: list[Upload],
                           options: ImportFilesOptions | None = None) -> ImportReport:
        from api.types import import_report

        return await import_report.import_uploads(info, files, options)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Merge partner `drop` into partner `keep` (one organisation): drop's ties move to "
        "keep with their provenance, keep's empty fields take drop's values, drop's names "
        "become aliases and its id one of keep's other ids; audited. Refused when drop is "
        "tied to an agreement or activity above the caller's clearance."))
    async def merge_partners(self, info: Info, keep: strawberry.ID,
                             drop: strawberry.ID) -> PartnerResult:
        from graph.merge import MergeError, merge_partners

        ctx = info.context

        def work() -> str:
            try:
                merge_partners(ctx.store, str(keep), str(drop), f"api:{ctx.viewer.actor}",
                               ctx.viewer.access)
            except MergeError as exc:
                raise edits.Invalid([("drop", str(exc))]) from None
            _forget(ctx.loaders.partner, str(drop))
            return str(keep)

        return await _edit(info, work, "partner", Partner.from_row)

    @strawberry.mutation(permission_classes=[Analyst], description=(
        "Compute every metric now (graph/metrics) and store the run; returns the run. "
        "`seeds`: pre-trusted partners for propagated trust (EigenTrust)."))
    async def run_metrics(self, info: Info, seeds: list[strawberry.ID] | None = None,
                          half_life_days: float | None = None) -> MetricRunResult:
        from api.types import running

        return await running.run(info, [str(s) for s in seeds or []], half_life_days)
