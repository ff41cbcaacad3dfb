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
                          strawberry.union("PartnerResult", description=(
                              "The partner as written, or why nothing was written."))]
AgreementResult = Annotated[Agreement | NotFound | InvalidInput | Conflict,
                            strawberry.union("AgreementResult", description=(
                                "The agreement as written, or why nothing was written."))]
ActivityResult = Annotated[Activity | NotFound | InvalidInput | Conflict,
                           strawberry.union("ActivityResult", description=(
                               "The activity as written, or why nothing was written."))]
ImportResult = Annotated[Import | InvalidInput, strawberry.union("ImportResult", description=(
    "The import's record, or why the file was refused (nothing written)."))]
MetricRunResult = Annotated[MetricRun | InvalidInput, strawberry.union(
    "MetricRunResult", description="The completed run, or why it could not run.")]
T = TypeVar("T")


@strawberry.input(description="A reported figure: `value` with a `qualifier`, or a RANGE "
                              "with `low` and `high`; `unit` an ISO 4217 currency, for money.")
class OutcomeInput:
    name: str = strawberry.field(
        description="The figure's name: one of the vocabulary's (docs/IMPORT.md) or your own "
                    "snake_case name.")
    value: float | None = strawberry.field(
        default=None, description="The figure as the source states it (leave out for a RANGE).")
    qualifier: Qualifier = strawberry.field(
        default=Qualifier.EXACT, description="What the value means: exact, approximate, a lower "
                                             "or upper bound, or a RANGE; EXACT if not given.")
    low: float | None = strawberry.field(default=None, description="For a RANGE: the lower end.")
    high: float | None = strawberry.field(default=None, description="For a RANGE: the upper end.")
    unit: str | None = strawberry.field(
        default=None, description="For money: the ISO 4217 currency (e.g. USD, EUR); never "
                                  "converted.")


@strawberry.input(description="A new partner.")
class PartnerInput:
    id: strawberry.ID = strawberry.field(
        description="Its id, a stable key you choose (letters, digits and . _ : - only, at most "
                    "128).")
    name: str = strawberry.field(description="Its name.")
    kind: PartnerKind = strawberry.field(description="What kind of organisation it is.")
    country: str | None = strawberry.field(
        default=None, description="The country it is of, as an ISO 3166-1 alpha-2 code (e.g. NG).")
    sector: str | None = strawberry.field(
        default=None, description="Its sector in free text (e.g. threat intelligence).")
    aliases: list[str] | None = strawberry.field(
        default=None, description="Other names it goes by (acronyms, former names); imports use "
                                  "them to recognise it.")
    website: str | None = strawberry.field(default=None, description="Its website.")
    description: str | None = strawberry.field(default=None, description="A short description.")
    headquarters: str | None = strawberry.field(
        default=None, description="Where it is seated, as an ISO 3166-1 alpha-2 code (for an "
                                  "international organisation or company).")
    sources: list[CitationInput] | None = strawberry.field(
        default=None, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(default=None, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=None, description="How sure the source is, 0–100 (STIX 2.1's confidence).")


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class PartnerPatch:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Its name.")
    kind: PartnerKind | None = strawberry.field(
        default=strawberry.UNSET, description="What kind of organisation it is.")
    country: str | None = strawberry.field(
        default=strawberry.UNSET, description="The country it is of, as an ISO 3166-1 alpha-2 "
                                              "code (e.g. NG).")
    sector: str | None = strawberry.field(
        default=strawberry.UNSET, description="Its sector in free text (e.g. threat "
                                              "intelligence).")
    aliases: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Other names it goes by (acronyms, former names); "
                                              "imports use them to recognise it.")
    website: str | None = strawberry.field(default=strawberry.UNSET, description="Its website.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="A short description.")
    headquarters: str | None = strawberry.field(
        default=strawberry.UNSET, description="Where it is seated, as an ISO 3166-1 alpha-2 code "
                                              "(for an international organisation or company).")
    sources: list[CitationInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(
        default=strawberry.UNSET, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=strawberry.UNSET, description="How sure the source is, 0–100 (STIX 2.1's "
                                              "confidence).")


@strawberry.input(description="A new agreement (its parties are added with addParty).")
class AgreementInput:
    id: strawberry.ID = strawberry.field(
        description="Its id, a stable key you choose (letters, digits and . _ : - only, at most "
                    "128).")
    title: str = strawberry.field(description="Its title.")
    kind: AgreementKind = strawberry.field(description="What kind of instrument it is.")
    status: AgreementStatus = strawberry.field(
        description="Where it stands: draft, signed (not yet in force), active, suspended, "
                    "expired or terminated.")
    signed_on: str | None = strawberry.field(
        default=None, description="When it was signed: YYYY, YYYY-MM or YYYY-MM-DD.")
    effective_from: str | None = strawberry.field(
        default=None, description="When it took effect (a partial date).")
    expires_on: str | None = strawberry.field(
        default=None, description="When it expires (a partial date).")
    binding: bool = strawberry.field(default=False, description="Whether it is legally binding.")
    scope: list[Scope] | None = strawberry.field(default=None, description="What it covers.")
    tlp: TLP = strawberry.field(
        default=TLP.GREEN, description="Who may see it (Traffic Light Protocol); GREEN if not "
                                       "given.")
    objectives: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The strategy objectives it supports, by id.")
    sources: list[CitationInput] | None = strawberry.field(
        default=None, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(default=None, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=None, description="How sure the source is, 0–100 (STIX 2.1's confidence).")


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class AgreementPatch:
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Its title.")
    kind: AgreementKind | None = strawberry.field(
        default=strawberry.UNSET, description="What kind of instrument it is.")
    status: AgreementStatus | None = strawberry.field(
        default=strawberry.UNSET, description="Where it stands: draft, signed (not yet in force),"
                                              " active, suspended, expired or terminated.")
    signed_on: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it was signed: YYYY, YYYY-MM or YYYY-MM-DD.")
    effective_from: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it took effect (a partial date).")
    expires_on: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it expires (a partial date).")
    binding: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Whether it is legally binding.")
    scope: list[Scope] | None = strawberry.field(
        default=strawberry.UNSET, description="What it covers.")
    tlp: TLP | None = strawberry.field(
        default=strawberry.UNSET, description="Who may see it (Traffic Light Protocol); GREEN if "
                                              "not given.")
    objectives: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The strategy objectives it supports, by id.")
    sources: list[CitationInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(
        default=strawberry.UNSET, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=strawberry.UNSET, description="How sure the source is, 0–100 (STIX 2.1's "
                                              "confidence).")


@strawberry.input(description="A new activity (its participants are added with "
                              "addParticipant).")
class ActivityInput:
    id: strawberry.ID = strawberry.field(
        description="Its id, a stable key you choose (letters, digits and . _ : - only, at most "
                    "128).")
    name: str = strawberry.field(description="Its name.")
    kind: ActivityKind = strawberry.field(description="What kind of activity it is.")
    status: ActivityStatus = strawberry.field(
        default=ActivityStatus.COMPLETED, description="Where it stands; COMPLETED if not given.")
    start: str | None = strawberry.field(
        default=None, description="When it began: YYYY, YYYY-MM or YYYY-MM-DD.")
    end: str | None = strawberry.field(default=None, description="When it ended (a partial date).")
    focus: list[Focus] | None = strawberry.field(
        default=None, description="The crime areas it targets.")
    tlp: TLP = strawberry.field(
        default=TLP.GREEN, description="Who may see it (Traffic Light Protocol); GREEN if not "
                                       "given.")
    objectives: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The strategy objectives it advances, by id.")
    open_ended: bool = strawberry.field(
        default=False, description="Begun and not ended: no end date yet.")
    announced_on: str | None = strawberry.field(
        default=None, description="When it was announced (a partial date), for an activity known "
                                  "from its announcement.")
    participants_complete: bool | None = strawberry.field(
        default=None, description="Whether the participants recorded are all of them (null: not "
                                  "known).")
    participants_reported: int | None = strawberry.field(
        default=None, description="How many took part, as the source reports it (may be more than"
                                  " are named).")
    outcomes: list[OutcomeInput] | None = strawberry.field(
        default=None, description="The figures it reports (arrests, takedowns, amounts seized, "
                                  "…).")
    sources: list[CitationInput] | None = strawberry.field(
        default=None, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(default=None, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=None, description="How sure the source is, 0–100 (STIX 2.1's confidence).")


@strawberry.input(description="Fields to change; a field set to null is cleared.")
class ActivityPatch:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Its name.")
    kind: ActivityKind | None = strawberry.field(
        default=strawberry.UNSET, description="What kind of activity it is.")
    status: ActivityStatus | None = strawberry.field(
        default=strawberry.UNSET, description="Where it stands; COMPLETED if not given.")
    start: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it began: YYYY, YYYY-MM or YYYY-MM-DD.")
    end: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it ended (a partial date).")
    focus: list[Focus] | None = strawberry.field(
        default=strawberry.UNSET, description="The crime areas it targets.")
    tlp: TLP | None = strawberry.field(
        default=strawberry.UNSET, description="Who may see it (Traffic Light Protocol); GREEN if "
                                              "not given.")
    objectives: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The strategy objectives it advances, by id.")
    open_ended: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Begun and not ended: no end date yet.")
    announced_on: str | None = strawberry.field(
        default=strawberry.UNSET, description="When it was announced (a partial date), for an "
                                              "activity known from its announcement.")
    participants_complete: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Whether the participants recorded are all of them "
                                              "(null: not known).")
    participants_reported: int | None = strawberry.field(
        default=strawberry.UNSET, description="How many took part, as the source reports it (may "
                                              "be more than are named).")
    outcomes: list[OutcomeInput] | None = strawberry.field(
        default=strawberry.UNSET, description="The figures it reports (arrests, takedowns, "
                                              "amounts seized, …).")
    sources: list[CitationInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Where it was published (at most 100 sources).")
    notes: str | None = strawberry.field(
        default=strawberry.UNSET, description="The steward's notes.")
    confidence: int | None = strawberry.field(
        default=strawberry.UNSET, description="How sure the source is, 0–100 (STIX 2.1's "
                                              "confidence).")


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


@strawberry.type(description="Changes to the graph: edits (stewards), imports (stewards) and "
                             "metric runs (analysts). Each answers with the result or a typed "
                             "reason it was refused.")
class Mutation:
    @strawberry.mutation(permission_classes=[Steward], description="Add a partner (stewards).")
    async def create_partner(self, info: Info, input: Annotated[PartnerInput, strawberry.argument(
                                 description="The new partner.")]) -> PartnerResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "partner", _data(input),
                                                        info.context.viewer.access),
                           "partner", Partner.from_row)

    @strawberry.mutation(permission_classes=[Steward],
                         description="Change some of a partner's fields (stewards).")
    async def update_partner(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                                 description="The partner's id.")],
                             patch: Annotated[PartnerPatch, strawberry.argument(
                                 description="The fields to change.")]) -> PartnerResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "partner", id, _data(patch),
                                                      ctx.viewer.access),
                           "partner", Partner.from_row)

    @strawberry.mutation(permission_classes=[Steward], description="Add an agreement (stewards).")
    async def create_agreement(self, info: Info, input: Annotated[
                                   AgreementInput, strawberry.argument(
                                       description="The new agreement.")]) -> AgreementResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "agreement", _data(input),
                                                        info.context.viewer.access),
                           "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward],
                         description="Change some of an agreement's fields (stewards).")
    async def update_agreement(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                                   description="The agreement's id.")],
                               patch: Annotated[AgreementPatch, strawberry.argument(
                                   description="The fields to change.")]) -> AgreementResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "agreement", id, _data(patch),
                                                      ctx.viewer.access),
                           "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward], description="Add an activity (stewards).")
    async def create_activity(self, info: Info, input: Annotated[
                                  ActivityInput, strawberry.argument(
                                      description="The new activity.")]) -> ActivityResult:
        store = info.context.store
        return await _edit(info, lambda: edits.create(store, "activity", _data(input),
                                                        info.context.viewer.access),
                           "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward],
                         description="Change some of an activity's fields (stewards).")
    async def update_activity(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(
                                  description="The activity's id.")],
                              patch: Annotated[ActivityPatch, strawberry.argument(
                                  description="The fields to change.")]) -> ActivityResult:
        ctx = info.context
        return await _edit(info, lambda: edits.update(ctx.store, "activity", id, _data(patch),
                                                      ctx.viewer.access),
                           "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Add a party to an agreement (or replace its role, consent and dates). Without a "
        "role: signatory when consent is SIGNATURE_ONLY, else party."))
    async def add_party(self, info: Info, agreement_id: Annotated[strawberry.ID, strawberry.argument(
                            description="The agreement, by id.")],
                        partner_id: Annotated[strawberry.ID, strawberry.argument(
                            description="The partner, by id.")],
                        role: Annotated[PartyRole | None, strawberry.argument(
                            description="Its role (see above when not given).")] = None,
                        signed_on: Annotated[str | None, strawberry.argument(
                            description="When it signed (a partial date).")] = None,
                        ratified_on: Annotated[str | None, strawberry.argument(
                            description="When it consented to be bound (a partial date).")
                        ] = None,
                        consent: Annotated[Consent | None, strawberry.argument(
                            description="How it consented to be bound.")] = None,
                        in_force_on: Annotated[str | None, strawberry.argument(
                            description="When the agreement entered into force for it.")
                        ] = None,
                        sources: Annotated[list[CitationInput] | None, strawberry.argument(
                            description="Where this tie is documented.")] = None,
                        notes: Annotated[str | None, strawberry.argument(
                            description="The steward's notes on this tie.")] = None,
                        confidence: Annotated[int | None, strawberry.argument(
                            description="How sure the source is of this tie, 0–100.")] = None,
                        ) -> AgreementResult:
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

    @strawberry.mutation(permission_classes=[Steward],
                         description="Remove a partner from an agreement (stewards).")
    async def remove_party(self, info: Info, agreement_id: Annotated[
                               strawberry.ID, strawberry.argument(
                                   description="The agreement, by id.")],
                           partner_id: Annotated[strawberry.ID, strawberry.argument(
                               description="The partner, by id.")]) -> AgreementResult:
        ctx = info.context
        work = _member(info, "agreement", agreement_id, lambda: edits.remove_member(
            ctx.store, "agreement", agreement_id, partner_id, ctx.viewer.access))
        return await _edit(info, work, "agreement", Agreement.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Add a participant to an activity (or replace its roles): `role`, or every role it "
        "had in `roles` (a sponsor that also took part)."))
    async def add_participant(self, info: Info, activity_id: Annotated[
                                  strawberry.ID, strawberry.argument(
                                      description="The activity, by id.")],
                              partner_id: Annotated[strawberry.ID, strawberry.argument(
                                  description="The partner, by id.")],
                              role: Annotated[ParticipantRole, strawberry.argument(
                                  description="Its role, when it had one.")
                              ] = ParticipantRole.PARTICIPANT,
                              roles: Annotated[list[ParticipantRole] | None, strawberry.argument(
                                  description="Every role it had, when more than one "
                                              "(replaces role).")] = None,
                              sources: Annotated[list[CitationInput] | None, strawberry.argument(
                                  description="Where this tie is documented.")] = None,
                              notes: Annotated[str | None, strawberry.argument(
                                  description="The steward's notes on this tie.")] = None,
                              confidence: Annotated[int | None, strawberry.argument(
                                  description="How sure the source is of this tie, 0–100.")
                              ] = None,
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

    @strawberry.mutation(permission_classes=[Steward],
                         description="Remove a partner from an activity (stewards).")
    async def remove_participant(self, info: Info, activity_id: Annotated[
                                     strawberry.ID, strawberry.argument(
                                         description="The activity, by id.")],
                                 partner_id: Annotated[strawberry.ID, strawberry.argument(
                                     description="The partner, by id.")]) -> ActivityResult:
        ctx = info.context
        work = _member(info, "activity", activity_id, lambda: edits.remove_member(
            ctx.store, "activity", activity_id, partner_id, ctx.viewer.access))
        return await _edit(info, work, "activity", Activity.from_row)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Import one file (CSV, JSON or STIX 2.1, multipart upload) through the same "
        "validation as `partnergraph import`: all rows commit or none do."))
    async def import_file(self, info: Info, file: Annotated[Upload, strawberry.argument(
                              description="The file; its name's extension picks the format "
                                          "(.csv, .json, …).")]) -> ImportResult:
        from api.types import importing

        return await importing.import_upload(info, file)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Import several files at once (CSV, .xlsx, JSON, STIX 2.1; multipart upload) with the "
        "options of `partnergraph import`; returns its report: counts, every error with its "
        "file, line, column and value, notices, partners resolved to existing ones, rejects."))
    async def import_files(self, info: Info, files: Annotated[list[Upload], strawberry.argument(
                               description="The files (at most 20, 50 MB in all); each name's "
                                           "extension picks its format.")],
                           options: Annotated[ImportFilesOptions | None, strawberry.argument(
                               description="How to import them (defaults as on the command "
                                           "line).")] = None) -> ImportReport:
        from api.types import import_report

        return await import_report.import_uploads(info, files, options)

    @strawberry.mutation(permission_classes=[Steward], description=(
        "Merge partner `drop` into partner `keep` (one organisation): drop's ties move to "
        "keep with their provenance, keep's empty fields take drop's values, drop's names "
        "become aliases and its id one of keep's other ids; audited. Refused when drop is "
        "tied to an agreement or activity above the caller's clearance."))
    async def merge_partners(self, info: Info, keep: Annotated[strawberry.ID, strawberry.argument(
                                 description="The partner that stays, by id.")],
                             drop: Annotated[strawberry.ID, strawberry.argument(
                                 description="The partner merged into it and removed, by id.")],
                             ) -> PartnerResult:
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
    async def run_metrics(self, info: Info, seeds: Annotated[
                              list[strawberry.ID] | None, strawberry.argument(
                                  description="Partners trusted from the start, by id (all "
                                              "partners equally if not given).")] = None,
                          half_life_days: Annotated[float | None, strawberry.argument(
                              description="After how many days evidence counts half (730 if "
                                          "not given).")] = None,
                          window_days: Annotated[int | None, strawberry.argument(
                              description="Coverage gaps: an activity is recent when it "
                                          "ended (else started, else was announced) within "
                                          "this many days (365 if not given).")] = None,
                          expiring_days: Annotated[int | None, strawberry.argument(
                              description="Coverage gaps: list expiries, consents and "
                                          "entries into force due within this many days (90 "
                                          "if not given).")] = None) -> MetricRunResult:
        from api.types import running

        return await running.run(info, [str(s) for s in seeds or []], half_life_days,
                                 window_days=window_days, expiring_days=expiring_days)
