"""The projection: agreements and activities in Neo4j become a weighted partner–partner graph.

`read_memberships` streams one named query; `build_graph` is a pure function of its rows.
Two partners are tied by every agreement they are party to together and every activity they
took part in together. Each shared group g with n members adds

    c_g(i, j) = w_kind · (1 + β·binding) · σ(status, dates) · √(ρ_i·ρ_j) / (n − 1)

to the tie's weight (Newman's collaboration weighting: a member's ties through one group sum
to its weight in that group, so an 80-party convention ties its parties weakly and a
bilateral data-sharing agreement strongly). σ holds the status, maturity and recency
(half-life) factors. What the records know counts: a treaty signed but not in force ties
less than one in force, a party counts as a signatory until its own consent and entry into
force, an invited state is no member, and n is the reported number of participants when a
source names only some. Edges keep their evidence, so every weight can be explained.
docs/METRICS.md gives the equations and defaults.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple, TypeAlias

import networkx as nx

from graph.model import TLP, date_ceiling, date_floor
from graph.queries import named
from graph.store import Store

MEMBERSHIPS = named("metrics/memberships")

# The projected graph: nodes are partner ids.
PartnerGraph: TypeAlias = "nx.Graph[str]"


@dataclass(frozen=True)
class Weights:
    """The weighting's parameters (docs/METRICS.md, "Projection")."""

    half_life_days: float = 730.0
    maturity_days: float = 365.0
    binding_bonus: float = 0.5
    suspended: float = 0.5
    signed: float = 0.5  # an agreement signed, not yet in force
    undated_expired: float = 0.5
    kind: Mapping[str, float] = field(default_factory=lambda: {
        # agreements
        "convention": 1.0, "protocol": 1.0, "data_sharing": 0.9, "cooperation_agreement": 0.8,
        "mou": 0.5, "nda": 0.4, "service_agreement": 0.4,
        # activities
        "operation": 1.0, "information_exchange": 0.8, "capacity_building": 0.6,
        "research": 0.5, "training": 0.4, "workshop": 0.4, "awareness_campaign": 0.3,
    })
    role: Mapping[str, float] = field(default_factory=lambda: {
        # agreement parties
        "party": 1.0, "depositary": 1.0, "signatory": 0.8,
        # activity participants
        "lead": 1.0, "coordinator": 0.9, "participant": 0.7, "private_partner": 0.7,
        "sponsor": 0.6, "observer": 0.3,
    })


@dataclass(frozen=True)
class Options:
    """What to project: a date, a region, partner kinds, a TLP ceiling."""

    as_of: dt.date
    region: str | None = None
    partner_kinds: frozenset[str] | None = None
    tlp_max: int = TLP.AMBER.rank


class Evidence(NamedTuple):
    """One shared agreement or activity behind a tie.

    `base` = w_kind·(1+β·binding)·σ·√(ρ_i·ρ_j); the tie's weight gets base/(n−1) and direct
    trust gets base/√(n−1). Negative evidence (a terminated agreement) adds to no weight.
    A named tuple: the projection makes one per tie and group (over a million at 100k
    partners), and a tuple is built several times faster than a frozen dataclass.
    """

    id: str
    source: str  # "agreement" | "activity"
    kind: str
    n: int
    base: float
    negative: bool = False

    @property
    def contribution(self) -> float:
        return 0.0 if self.negative else self.base / (self.n - 1)


@dataclass(frozen=True)
class Member:
    partner: str
    role: str | None
    roles: tuple[str, ...] = ()  # every role, when it had several
    signed_on: str | None = None
    ratified_on: str | None = None  # the date of its consent to be bound
    in_force_on: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    source: str
    kind: str
    status: str
    binding: bool
    start: str | None
    end: str | None
    members: tuple[Member, ...]
    open_ended: bool = False
    reported: int | None = None  # participants the source reports (it may name fewer)

    def size(self, members: int) -> int:
        """n: the members at the date, or as many as the source reports when it names fewer."""
        return max(members, self.reported or 0)


def read_memberships(store: Store, tlp_max: int) -> Iterator[dict[str, Any]]:
    """Stream the membership rows (one query; see queries/metrics/memberships.cypher)."""
    return store.stream(MEMBERSHIPS, tlp_max=tlp_max)


# --- the weighting -----------------------------------------------------------------------


def decay(days: float, half_life_days: float) -> float:
    """2^(−Δ/H): 1 for current evidence, ½ after one half-life."""
    return math.pow(2.0, -max(days, 0.0) / half_life_days)


def status_factor(group: Group, as_of: dt.date, w: Weights) -> tuple[float, bool] | None:
    """σ and whether the evidence is negative; None when the group is no evidence at `as_of`.

    Dates decide over the stored status: an agreement whose expiry fell before `as_of` is
    expired then, and one stored as expired whose expiry is after `as_of` was in force then.
    """
    start = date_floor(group.start) if group.start else None
    end = date_ceiling(group.end) if group.end else None
    if start and start > as_of:
        return None  # not yet signed or started on that date
    if group.source == "agreement":
        if group.status == "draft":
            return None
        if group.status == "terminated":
            return decay((as_of - end).days, w.half_life_days) if end else 1.0, True
        if end and end < as_of:
            return decay((as_of - end).days, w.half_life_days), False
        if group.status == "expired" and end is None:
            return w.undated_expired, False
        age = (as_of - start).days if start else math.inf
        maturity = 0.5 + 0.5 * (1.0 - math.exp(-age / w.maturity_days))
        factor = {"suspended": w.suspended, "signed": w.signed}.get(group.status, 1.0)
        return maturity * factor, False
    if group.status in ("planned", "cancelled"):
        return None
    if group.open_ended:
        return 1.0, False  # begun and not ended: current evidence
    last = end or (date_ceiling(group.start) if group.start else None)
    return (decay((as_of - last).days, w.half_life_days) if last else 1.0), False


def member_weight(member: Member, as_of: dt.date, w: Weights) -> float | None:
    """ρ at `as_of`: the weight of its heaviest role; None when it is no member then
    (invited, or not yet signed or consented). A party counts as a signatory until both
    its consent and the agreement's entry into force for it have come."""
    if member.role == "invited":
        return None
    joined = member.signed_on or member.ratified_on
    if joined and date_floor(joined) > as_of:
        return None
    roles = member.roles or (member.role or "party",)
    if member.role in ("party", "depositary") and any(
            d and date_floor(d) > as_of for d in (member.ratified_on, member.in_force_on)):
        roles = ("signatory",)  # signed, not yet bound at that date
    return max(w.role.get(r, 0.7) for r in roles)


def group_base(group: Group, as_of: dt.date, w: Weights) -> tuple[float, bool] | None:
    """w_kind·(1+β·binding)·σ, and the polarity; None if the group carries no evidence."""
    status = status_factor(group, as_of, w)
    if status is None:
        return None
    sigma, negative = status
    binding = 1.0 + w.binding_bonus * (group.source == "agreement" and group.binding)
    return w.kind.get(group.kind, 0.5) * binding * sigma, negative


# --- building the graph ------------------------------------------------------------------


def _groups(rows: Iterable[Mapping[str, Any]], G: PartnerGraph) -> dict[tuple[str, str], Group]:
    """Add every partner as a node and collect groups with their members (in row order)."""
    members: dict[tuple[str, str], list[Member]] = defaultdict(list)
    heads: dict[tuple[str, str], Mapping[str, Any]] = {}
    for row in rows:
        if row["partner"] not in G:
            G.add_node(row["partner"], name=row.get("name"), kind=row.get("partner_kind"),
                       country=row.get("country"), region=row.get("region"),
                       sector=row.get("sector"))
        if row.get("group") is None:
            continue
        key = (row["group_type"], row["group"])
        heads.setdefault(key, row)
        members[key].append(Member(row["partner"], row.get("role"), tuple(row.get("roles") or ()),
                                   row.get("signed_on"), row.get("ratified_on"),
                                   row.get("in_force_on")))
    return {
        key: Group(id=key[1], source=key[0], kind=h["kind"], status=h["status"],
                   binding=bool(h.get("binding")), start=h.get("start"), end=h.get("end"),
                   members=tuple(sorted(set(members[key]), key=lambda m: m.partner)),
                   open_ended=bool(h.get("open_ended")), reported=h.get("reported"))
        for key, h in sorted(heads.items())
    }


def group_members(group: Group, as_of: dt.date, w: Weights
                  ) -> tuple[int, float, bool, list[tuple[str, float]]] | None:
    """n, base, polarity and the members with their ρ of one group at `as_of`; None when
    the group carries no evidence then (fewer than two members, or `group_base` says so)."""
    rhos = [(m.partner, rho) for m in group.members
            if (rho := member_weight(m, as_of, w)) is not None]
    found = group_base(group, as_of, w) if len(rhos) >= 2 else None
    if found is None:
        return None
    return group.size(len(rhos)), found[0], found[1], rhos


def pair_evidence(rows: Iterable[Mapping[str, Any]], a: str, b: str, options: Options,
                  weights: Weights | None = None) -> tuple[Evidence, ...]:
    """The evidence between partners `a` and `b` that `build_graph` would put on their tie,
    from the membership rows of their shared groups only (every member of each, so that n
    is the group's own). Sorted by (source, id), as on the tie.

    Examples
    --------
    >>> rows = [{"partner": p, "group": "g", "group_type": "agreement", "kind": "mou",
    ...          "status": "active", "start": "2020-01-01", "role": "party"}
    ...         for p in ("a", "b", "c")]
    >>> [(e.id, e.n) for e in pair_evidence(rows, "a", "b", Options(dt.date(2024, 1, 1)))]
    [('g', 3)]
    """
    w = weights or Weights()
    rows = [r for r in rows
            if r.get("group") is None or (r.get("tlp_rank") or 0) <= options.tlp_max]
    items = []
    for group in _groups(rows, nx.Graph()).values():
        found = group_members(group, options.as_of, w)
        if found is None:
            continue
        n, base, negative, rhos = found
        # As build_graph's pairs: every (member of a, member of b) combination of the group.
        for role_a in (rho for p, rho in rhos if p == a):
            for role_b in (rho for p, rho in rhos if p == b):
                items.append(Evidence(group.id, group.source, group.kind, n,
                                      base * math.sqrt(role_a * role_b), negative))
    return tuple(sorted(items, key=lambda e: (e.source, e.id)))


def _kept(G: PartnerGraph, node: str, options: Options) -> bool:
    data = G.nodes[node]
    if options.region is not None and data.get("region") != options.region:
        return False
    return options.partner_kinds is None or data.get("kind") in options.partner_kinds


def build_graph(rows: Iterable[Mapping[str, Any]], options: Options,
                weights: Weights | None = None) -> PartnerGraph:
    """The weighted partner–partner graph from membership rows.

    Parameters
    ----------
    rows : iterable of mappings
        Rows shaped like queries/metrics/memberships.cypher returns them.
    options : Options
        `as_of` date; optional region and partner kinds (partners outside are left out, but
        a group's size n still counts all its members); TLP ceiling (groups above it are
        ignored even if present in the rows).
    weights : Weights, optional
        The weighting's parameters; defaults to `Weights()`.

    Returns
    -------
    networkx.Graph
        Nodes are partner ids with `name, kind, country, region, sector`. Each edge has
        `weight` (Σ contributions), `distance` (1/weight, for path-based metrics) and
        `evidence` (a tuple of `Evidence`, sorted by id). Pairs with only negative evidence
        get no edge; they are listed in ``G.graph["negative_only"]`` as {(u, v): evidence}.
    """
    w = weights or Weights()
    G: PartnerGraph = nx.Graph(as_of=options.as_of.isoformat(), half_life_days=w.half_life_days)
    rows = [r for r in rows
            if r.get("group") is None or (r.get("tlp_rank") or 0) <= options.tlp_max]
    groups = _groups(rows, G)
    for node in [n for n in G if not _kept(G, n, options)]:
        G.remove_node(node)
    evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for group in groups.values():
        found = group_members(group, options.as_of, w)
        if found is None:
            continue
        n, base, negative, rhos = found
        kept = [(p, rho) for p, rho in rhos if p in G]
        for (a, role_a), (b, role_b) in combinations(kept, 2):
            evidence[(a, b)].append(Evidence(group.id, group.source, group.kind, n,
                                             base * math.sqrt(role_a * role_b), negative))
    negative_only = {}
    for (u, v), items in sorted(evidence.items()):
        if len(items) == 1:  # most ties: one shared group (fsum of one value is that value)
            weight = items[0].contribution
        else:
            items.sort(key=lambda e: (e.source, e.id))
            weight = math.fsum(e.contribution for e in items)
        if weight > 0:
            G.add_edge(u, v, weight=weight, distance=1.0 / weight, evidence=tuple(items))
        else:
            negative_only[(u, v)] = tuple(items)
    G.graph["negative_only"] = negative_only
    return G


def project(store: Store, options: Options, weights: Weights | None = None) -> PartnerGraph:
    """Read the memberships from Neo4j and build the graph (the job's entry point)."""
    return build_graph(read_memberships(store, options.tlp_max), options, weights)
