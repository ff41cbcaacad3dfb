"""Relationship questions: shortest chains of partners, trusted paths and shared ties.

A hop between two partners is a shared agreement or activity the viewer may see. Shortest
paths come from Neo4j's `SHORTEST` path selector over the partner–agreement/activity graph
(queries/paths/shortest.cypher), deduplicated into distinct chains of partners; each hop
then lists everything the two partners share (queries/paths/hop_items.cypher), in one more
round trip for all hops together.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.access import Access
from graph.queries import named
from graph.store import Row, Store

_SHORTEST = named("paths/shortest")
_HOP_ITEMS = named("paths/hop_items")
_RELATIONSHIPS = named("paths/relationships")
_PARTNERS = named("partners/by_ids")

MAX_HOPS = 6  # the literal upper bound in queries/paths/shortest.cypher


@dataclass(frozen=True)
class Hop:
    source: str
    target: str
    items: list[Row]  # [{type: 'agreement'|'activity', node}]


@dataclass(frozen=True)
class Chain:
    partners: list[str]
    hops: list[Hop]


def shortest_chains(store: Store, source: str, target: str, *, via: list[str], max_hops: int,
                    k: int, access: Access) -> list[Chain]:
    """Up to `k` shortest distinct partner chains from `source` to `target`, shortest first."""
    if source == target:  # the trivial chain, if there is such a partner
        return [Chain([source], [])] if store.read(_PARTNERS, ids=[source]) else []
    rows = store.read(_SHORTEST, **access.params(), via=via, max_hops=min(max_hops, MAX_HOPS),
                      limit=25, **{"from": source, "to": target})
    distinct = {tuple(r["partners"]) for r in rows if len(set(r["partners"])) == len(r["partners"])}
    chains = [list(c) for c in sorted(distinct, key=lambda c: (len(c), c))[:k]]
    return attach_hops(store, chains, via=via, access=access)


def attach_hops(store: Store, chains: list[list[str]], *, via: list[str],
                access: Access) -> list[Chain]:
    """Each chain with the shared agreements and activities on every hop (one round trip)."""
    pairs = sorted({(c[i], c[i + 1]) for c in chains for i in range(len(c) - 1)})
    if not pairs:
        return [Chain(c, []) for c in chains]
    rows = store.read(_HOP_ITEMS, pairs=[list(p) for p in pairs], **access.params(), via=via)
    items = {(r["source"], r["target"]): [i for i in r["items"] if i] for r in rows}
    return [Chain(c, [Hop(a, b, items.get((a, b), [])) for a, b in zip(c, c[1:])])
            for c in chains]


def relationships(store: Store, ids: list[str], *, via: list[str], start: str | None,
                  end: str | None, access: Access) -> list[Row]:
    """Agreements and activities tying the partners `ids` (all of one partner's, if one id).

    Rows: {type, node, members: [{partner, role}]}; `start`/`end` are full dates or None.
    """
    min_members = 1 if len(set(ids)) == 1 else 2
    return store.read(_RELATIONSHIPS, ids=list(set(ids)), **access.params(), via=via,
                      min_members=min_members, **{"from": start, "to": end})
