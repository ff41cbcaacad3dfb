"""Relationship questions: shortest chains, shared ties between partners."""

from __future__ import annotations

import math
from typing import Any

import strawberry
from starlette.concurrency import run_in_threadpool

from api.types.activity import Activity
from api.types.agreement import Agreement
from api.types.common import BadInput, Info, require_known
from api.types.enums import TieKind
from api.types.partner import Partner
from graph.model import check_partial_date, date_ceiling, date_floor
from graph.reads import paths


async def _partner(info: Info, pid: str) -> Partner:
    """A partner named by a chain or a shared tie, which was read with the caller's access."""
    row = await info.context.loaders.partner.load(pid)
    if row is None:  # deleted since the chain was read: an internal error, as before
        raise LookupError(f"partner {pid!r} is no longer there")
    return Partner.from_row(row)


@strawberry.type(description="One step of a chain: two partners and everything they share.")
class Hop:
    source_id: strawberry.Private[str]
    target_id: strawberry.Private[str]
    agreements: list[Agreement] = strawberry.field(
        description="The agreements the two share (those you may see).")
    activities: list[Activity] = strawberry.field(
        description="The activities the two share (those you may see).")
    trust: float | None = strawberry.field(default=None, description=(
        "Trusted paths only: the direct trust of `from` in `to` along this hop (the metric "
        "run's stored tie). Null on other paths."))

    @strawberry.field(name="from", description="The partner this step starts from.")
    async def from_(self, info: Info) -> Partner:
        return await _partner(info, self.source_id)

    @strawberry.field(description="The partner this step reaches.")
    async def to(self, info: Info) -> Partner:
        return await _partner(info, self.target_id)


@strawberry.type(description="A chain of partners from one partner to another.")
class Path:
    partner_ids: strawberry.Private[list[str]]
    hops: list[Hop] = strawberry.field(description="The steps, first to last.")
    cost: float | None = strawberry.field(
        default=None, description="Trusted paths only: the sum of -ln(trust) over the hops.")
    trust: float | None = strawberry.field(default=None, description=(
        "Trusted paths only: the chain's trust, the product of its hops' trust (each hop "
        "read as the chance that hand-over holds); equals exp(-cost). Null on other paths."))

    @strawberry.field(description="Number of hops.")
    def length(self) -> int:
        return len(self.partner_ids) - 1

    @strawberry.field(description="The partners along the chain, first to last.")
    async def partners(self, info: Info) -> list[Partner]:
        rows = await info.context.loaders.partner.load_many(self.partner_ids)
        return [Partner.from_row(r) for r in rows if r]


def hop_from(h: paths.Hop, trust: float | None = None) -> Hop:
    return Hop(source_id=h.source, target_id=h.target,
               agreements=[Agreement.from_row(i["node"]) for i in h.items
                           if i["type"] == "agreement"],
               activities=[Activity.from_row(i["node"]) for i in h.items
                           if i["type"] == "activity"],
               trust=trust)


def path_from(chain: paths.Chain, cost: float | None = None,
              trusts: list[float] | None = None) -> Path:
    """The chain as a Path; with `trusts` (one per hop), a trusted path: the hops' trust and
    their product."""
    hops = [hop_from(h, trusts[i] if trusts else None) for i, h in enumerate(chain.hops)]
    return Path(partner_ids=chain.partners, hops=hops, cost=cost,
                trust=math.prod(trusts) if trusts is not None else None)


@strawberry.type(description="A partner's place in a shared agreement or activity.")
class Member:
    role: str = strawberry.field(
        description="Its role: in an agreement party, signatory, …; in an activity lead, "
                    "participant, ….")
    partner_id: strawberry.Private[str]

    @strawberry.field(description="The partner.")
    async def partner(self, info: Info) -> Partner:
        return await _partner(info, self.partner_id)


@strawberry.type(description="An agreement or activity the given partners share.")
class SharedTie:
    kind: TieKind = strawberry.field(description="An agreement or an activity.")
    agreement: Agreement | None = strawberry.field(
        description="The agreement, when kind is AGREEMENT; null otherwise.")
    activity: Activity | None = strawberry.field(
        description="The activity, when kind is ACTIVITY; null otherwise.")
    members: list[Member] = strawberry.field(description="The given partners in it, with roles.")


@strawberry.input(description="A period; partial dates; either end may be open.")
class DateWindow:
    from_: str | None = strawberry.field(name="from", default=None,
                                         description="The first day (YYYY, YYYY-MM or "
                                                     "YYYY-MM-DD); open if not given.")
    to: str | None = strawberry.field(default=None, description="The last day (a partial "
                                                                "date); open if not given.")


def window_bound(text: str | None, ceiling: bool) -> str | None:
    if text is None:
        return None
    try:
        value = check_partial_date(text)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    return (date_ceiling(value) if ceiling else date_floor(value)).isoformat()


def _via(kinds: list[TieKind] | None) -> list[str]:
    return sorted({k.value for k in (kinds or list(TieKind))})


async def shortest_paths(info: Info, source: str, target: str, via: list[TieKind] | None,
                         max_hops: int, k: int) -> list[Path]:
    settings = info.context.settings
    if not 1 <= max_hops <= paths.MAX_HOPS:
        raise BadInput(f"maxHops must be between 1 and {paths.MAX_HOPS}")
    if not 1 <= k <= settings.api_max_paths:
        raise BadInput(f"k must be between 1 and {settings.api_max_paths}")
    await require_known(info, "partner", {"from": [source], "to": [target]})
    chains = await run_in_threadpool(
        lambda: paths.shortest_chains(info.context.store, source, target, via=_via(via),
                                      max_hops=max_hops, k=k,
                                      access=info.context.viewer.access))
    return [path_from(c) for c in chains]


async def relationships(info: Info, between: list[str], kinds: list[TieKind] | None,
                        window: DateWindow | None) -> list[SharedTie]:
    if not 1 <= len(between) <= 50:
        raise BadInput("between takes 1 to 50 partner ids")
    await require_known(info, "partner", {"between": between})
    start = window_bound(window.from_, ceiling=False) if window else None
    end = window_bound(window.to, ceiling=True) if window else None
    rows: list[dict[str, Any]] = await run_in_threadpool(
        lambda: paths.relationships(info.context.store, between, via=_via(kinds), start=start,
                                    end=end, access=info.context.viewer.access))
    return [SharedTie(kind=TieKind(r["type"]),
                      agreement=Agreement.from_row(r["node"]) if r["type"] == "agreement" else None,
                      activity=Activity.from_row(r["node"]) if r["type"] == "activity" else None,
                      members=[Member(role=m["role"], partner_id=m["partner"])
                               for m in r["members"]])
            for r in rows]
