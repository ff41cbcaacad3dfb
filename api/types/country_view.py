"""The country view: the organisations that act for a country (its government, police,
CERTs), a one-line summary of them, and, through them, the country's agreements and
activities as connections whose edges carry the tie (graph/reads/countries.py).

Each read is a DataLoader batch per request, so `regions { countries { agreements } }`
costs one query per argument set, not one per country.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

import strawberry
from starlette.concurrency import run_in_threadpool

from api.types.activity import Activity
from api.types.agreement import Agreement, tie_fields
from api.types.citation import Citation, citations
from api.types.common import BadInput, Info, PageInfo, clamp_first
from api.types.enums import Consent, ParticipantRole, PartnerKind, PartyRole
from api.types.partner import Partner
from api.types.reference import Platform
from graph.filters import FilterError
from graph.reads import countries
from graph.store import Row
from graph.stored import roles_from
from ingest.countries import UnknownCountry, country_code, known_code, suggestions

if TYPE_CHECKING:
    from api.types.metrics import CountryMetrics, GapFinding

MAX_COUNTRY_TEXT = 100  # longer than any country's name (difflib's hints cost grows with it)
SUMMARY_NAMES = 8  # one line: the first eight actors by name, then how many more
# The summary names the country's organisations in this order of kinds.
_KIND_ORDER = {kind: i for i, kind in enumerate(countries.ACTOR_KINDS)}
# "Government of Nigeria", "The Federal Government of Nigeria", "Nigeria Government".
_GOVERNMENT_OF = re.compile(
    r"^(?:the\s+)?(?:federal\s+|national\s+|central\s+)?government\s+of\s+(?P<of>.+)$"
    r"|^(?P<own>.+?)\s+government$", re.IGNORECASE)


def actor_label(name: str, kind: str, code: str) -> str:
    """How the summary names a partner: "Government" for the state's own government (a
    government partner named after its country: "Government of Nigeria", "Nigeria"),
    else its name."""
    if kind == "government":
        m = _GOVERNMENT_OF.match(name.strip())
        named = (m.group("of") or m.group("own")) if m else name
        if len(named) <= 100 and known_code(named) == code:
            return "Government"
    return name


def summary_line(country: str, actors: list[CountryActor]) -> str:
    """ "Nigeria: Government (treaties) + Nigeria Police Force + ngCERT": the actors in
    order, "(treaties)" after those party to or signatory of a convention or protocol; past
    SUMMARY_NAMES of them, how many more."""
    if not actors:
        return f"{country}: no government, law-enforcement or CERT partner in the graph"
    names = [a.label + (" (treaties)" if a.treaty_count else "")
             for a in actors[:SUMMARY_NAMES]]
    if len(actors) > SUMMARY_NAMES:
        names.append(f"{len(actors) - SUMMARY_NAMES} more")
    return f"{country}: " + " + ".join(names)


@strawberry.type(description=(
    "An organisation that acts for its country: a partner based there whose kind is "
    "government, law enforcement or CERT, with how much of what you may see it takes "
    "part in."))
class CountryActor:
    partner: Partner = strawberry.field(description="The organisation.")
    kind: PartnerKind = strawberry.field(description="What it is for the country: its "
                                                     "government, police or CERT.")
    label: str = strawberry.field(description=(
        "How the summary names it: \"Government\" for the state's own government partner "
        "(one named after the country, e.g. \"Government of Nigeria\"), else its name."))
    agreement_count: int = strawberry.field(description=(
        "Agreements it is tied to in any role (party, signatory, invited, …) that you may "
        "see."))
    treaty_count: int = strawberry.field(description=(
        "Conventions and protocols it is party to or has signed that you may see."))
    activity_count: int = strawberry.field(description=(
        "Activities it took part in that you may see."))


@strawberry.type(description=(
    "A membership of one of the country's organisations in an agreement: which "
    "organisation, its role, consent and dates, and the agreement (`node`)."))
class CountryAgreementEdge:
    cursor: str = strawberry.field(description="Pass as `after` for the page after this edge.")
    partner: Partner = strawberry.field(description="The country's organisation that holds "
                                                    "the membership.")
    role: PartyRole = strawberry.field(description=(
        "PARTY: bound (consent given); SIGNATORY: signed only; INVITED: invited to accede "
        "or sign; DEPOSITARY; OBSERVER."))
    consent: Consent | None = strawberry.field(description=(
        "How it consented to be bound (ratification, accession, …); null: not recorded."))
    signed_on: str | None = strawberry.field(description="Date of signature (partial date).")
    ratified_on: str | None = strawberry.field(description=(
        "Date of consent to be bound, whatever the consent (partial date)."))
    in_force_on: str | None = strawberry.field(description=(
        "Date the agreement entered into force for it (partial date)."))
    sources: list[Citation] = strawberry.field(description="Where the membership is recorded.")
    notes: str | None = strawberry.field(description="A steward's notes on the membership.")
    confidence: int | None = strawberry.field(description="0–100, as STIX 2.1's confidence.")
    node: Agreement = strawberry.field(description="The agreement.")


@strawberry.type(description=(
    "The country's organisations' memberships in agreements you may see, a page at a "
    "time: one edge per organisation and agreement, so an agreement two of them belong to "
    "comes twice. Hidden agreements are neither listed nor counted."))
class CountryAgreementConnection:
    edges: list[CountryAgreementEdge] = strawberry.field(description="This page's memberships.")
    page_info: PageInfo = strawberry.field(description="Whether more pages follow, and the "
                                                       "cursors of this one.")
    total_count: int = strawberry.field(description="How many memberships match, on all pages.")
    node_count: int = strawberry.field(description=(
        "How many distinct agreements they are (an agreement two of the organisations "
        "belong to counts once)."))


@strawberry.type(description=(
    "A participation of one of the country's organisations in an activity: which "
    "organisation, its roles, and the activity (`node`)."))
class CountryActivityEdge:
    cursor: str = strawberry.field(description="Pass as `after` for the page after this edge.")
    partner: Partner = strawberry.field(description="The country's organisation that took part.")
    role: ParticipantRole = strawberry.field(description="Its principal role.")
    roles: list[ParticipantRole] = strawberry.field(description="Every role it had.")
    sources: list[Citation] = strawberry.field(description="Where the participation is recorded.")
    notes: str | None = strawberry.field(description="A steward's notes on the participation.")
    confidence: int | None = strawberry.field(description="0–100, as STIX 2.1's confidence.")
    node: Activity = strawberry.field(description="The activity.")


@strawberry.type(description=(
    "The country's organisations' participations in activities you may see, a page at a "
    "time: one edge per organisation and activity, so an activity two of them took part "
    "in comes twice. Hidden activities are neither listed nor counted."))
class CountryActivityConnection:
    edges: list[CountryActivityEdge] = strawberry.field(description="This page's participations.")
    page_info: PageInfo = strawberry.field(description="Whether more pages follow, and the "
                                                       "cursors of this one.")
    total_count: int = strawberry.field(description="How many participations match, on all "
                                                    "pages.")
    node_count: int = strawberry.field(description=(
        "How many distinct activities they are (an activity two of the organisations took "
        "part in counts once)."))


# --- resolvers (called by `Query.country` and the fields of api.types.reference.Country)


def resolve_country(text: str) -> str:
    """The alpha-2 code of a code or name; BadInput naming the closest names if none."""
    if len(text) > MAX_COUNTRY_TEXT:
        raise BadInput(f"code: a country is at most {MAX_COUNTRY_TEXT} characters")
    try:
        return country_code(text)
    except UnknownCountry as exc:
        none_close = "" if suggestions(text) else "; no country's name is spelled like it"
        raise BadInput(f"code: {text!r} is {exc}{none_close}") from None


async def actors(info: Info, code: str, name: str) -> list[CountryActor]:
    loaders = info.context.loaders

    async def load(codes: list[str]) -> list[list[Row]]:
        return await run_in_threadpool(countries.actors, loaders.store, codes, loaders.access)

    items = await loaders.custom("country_actors", load).load(code)
    found = [CountryActor(partner=Partner.from_row(i["node"]),
                          kind=PartnerKind(i["node"]["kind"]),
                          label=actor_label(i["node"]["name"], i["node"]["kind"], code),
                          agreement_count=i["agreements"], treaty_count=i["treaties"],
                          activity_count=i["activities"]) for i in items]
    found.sort(key=lambda a: (_KIND_ORDER[a.kind.value], a.label != "Government"))
    return found  # stable: by name within each group, as the query orders them


async def summary(info: Info, code: str, name: str) -> str:
    return summary_line(name, await actors(info, code, name))


PageKey = tuple[str, str, tuple[str, ...], tuple[str, ...] | None, int, str | None]


async def _page(info: Info, relation: str, code: str, kinds: list[PartnerKind] | None,
                roles: list[Any] | None, first: int | None,
                after: str | None) -> countries.TiePage:
    if kinds is not None and not kinds:
        raise BadInput("kinds: give at least one kind of partner, or leave it out for the "
                       "country's government, law enforcement and CERTs")
    if roles is not None and not roles:
        raise BadInput("roles: give at least one role, or leave it out for every role")
    size = clamp_first(info, first)
    if after is not None:
        try:  # refused here, for this field alone, not for the batch it would join
            countries.TieCursor.decode(after, relation)
        except FilterError as exc:
            raise BadInput(str(exc)) from None
    loaders = info.context.loaders
    key: PageKey = (code, relation,
                    tuple(sorted({k.value for k in kinds})) if kinds else countries.ACTOR_KINDS,
                    tuple(sorted({r.value for r in roles})) if roles else None, size, after)

    async def load(keys: list[PageKey]) -> list[countries.TiePage]:
        # One query per distinct argument set (usually one per request).
        groups: dict[tuple[Any, ...], list[str]] = {}
        for c, *rest in keys:
            groups.setdefault(tuple(rest), []).append(c)
        found: dict[PageKey, countries.TiePage] = {}
        for (rel, kinds_, roles_, first_, after_), codes in groups.items():
            read = partial(countries.tie_pages, loaders.store, rel, codes, kinds=kinds_,
                           roles=roles_, first=first_, after=after_, access=loaders.access)
            for c, page in zip(codes, await run_in_threadpool(read), strict=True):
                found[(c, rel, kinds_, roles_, first_, after_)] = page
        return [found[k] for k in keys]

    loader = loaders.custom("country_ties", load)
    page: countries.TiePage = await loader.load(key)
    return page


def _page_info(cursors: list[str], has_next: bool, after: str | None) -> PageInfo:
    return PageInfo(has_next_page=has_next, has_previous_page=after is not None,
                    start_cursor=cursors[0] if cursors else None,
                    end_cursor=cursors[-1] if cursors else None)


async def agreements(info: Info, code: str, *, kinds: list[PartnerKind] | None,
                     roles: list[PartyRole] | None, first: int | None,
                     after: str | None) -> CountryAgreementConnection:
    page = await _page(info, "agreements", code, kinds, roles, first, after)
    edges = [CountryAgreementEdge(cursor=c.encode(), partner=Partner.from_row(r["partner"]),
                                  node=Agreement.from_row(r["node"]), **tie_fields(r))
             for r, c in page.rows]
    return CountryAgreementConnection(
        edges=edges, page_info=_page_info([e.cursor for e in edges], page.has_next, after),
        total_count=page.total, node_count=page.nodes)


async def activities(info: Info, code: str, *, kinds: list[PartnerKind] | None,
                     roles: list[ParticipantRole] | None, first: int | None,
                     after: str | None) -> CountryActivityConnection:
    page = await _page(info, "activities", code, kinds, roles, first, after)
    edges = [CountryActivityEdge(cursor=c.encode(), partner=Partner.from_row(r["partner"]),
                                 role=ParticipantRole(r["role"]),
                                 roles=[ParticipantRole(x) for x in roles_from(r)],
                                 sources=citations(r), notes=r.get("notes"),
                                 confidence=r.get("confidence"),
                                 node=Activity.from_row(r["node"]))
             for r, c in page.rows]
    return CountryActivityConnection(
        edges=edges, page_info=_page_info([e.cursor for e in edges], page.has_next, after),
        total_count=page.total, node_count=page.nodes)


async def metrics(info: Info, code: str) -> CountryMetrics | None:
    """The country's values in the latest run at country level; None before the first run
    or when the run measured none for it (no organisation of it in the graph)."""
    from api.metric_gate import confirm_metrics, gate, require_metrics
    from api.types.metrics import CountryMetrics

    ctx = info.context
    await require_metrics(ctx)
    latest = (await gate(ctx)).latest
    if latest is None:
        return None
    run = latest["id"]

    async def load(codes: list[str]) -> list[Row | None]:
        return await run_in_threadpool(countries.metrics, ctx.loaders.store, codes, run)

    values = await ctx.loaders.custom("country_metrics", load).load(code)
    await confirm_metrics(ctx, [run], again=False)
    return CountryMetrics.from_values(values, run) if values else None


@strawberry.type(description="A platform one of the country's organisations uses.")
class CountryPlatformUse:
    since: str | None = strawberry.field(description="Since when it uses it (a partial date).")
    partner: Partner = strawberry.field(description="The organisation that uses it.")
    platform: Platform = strawberry.field(description="The platform.")


async def platforms(info: Info, code: str) -> list[CountryPlatformUse]:
    loaders = info.context.loaders

    async def load(codes: list[str]) -> list[list[Row]]:
        return await run_in_threadpool(countries.platforms, loaders.store, codes)

    items = await loaders.custom("country_platforms", load).load(code)
    return [CountryPlatformUse(since=i.get("since"), partner=Partner.from_row(i["partner"]),
                               platform=Platform.from_row(i["node"])) for i in items]


async def findings(info: Info, code: str, name: str) -> list[GapFinding]:
    """The latest run's coverage findings about the country: its own gap, and the
    memberships of its organisations that are signed only or change state soon."""
    from api.metric_gate import confirm_metrics, require_metrics
    from api.types.metrics import GapFinding

    ctx = info.context
    await require_metrics(ctx)
    ids = tuple(sorted(a.partner.id for a in await actors(info, code, name)))

    async def load(keys: list[tuple[str, tuple[str, ...]]]) -> list[list[Row]]:
        return await run_in_threadpool(countries.findings, ctx.loaders.store, keys)

    rows = await ctx.loaders.custom("country_findings", load).load((code, ids))
    await confirm_metrics(ctx, [r["run"] for r in rows], again=False)
    return [GapFinding(kind=r["kind"], subject=r["subject"], detail=r["detail"]) for r in rows]
