"""DataLoaders, one set per request: each batches the `load()` calls of one tick into one
named query (graph/reads/nodes.py), run in the thread pool because the store is sync."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from api.response_cache import TieCache
from graph.access import Access
from graph.reads import nodes
from graph.store import Row, Store

TieKey = tuple[str, tuple[str, ...], str | None, int, int]  # id, via, since, min_weight, first


class Loaders:
    def __init__(self, store: Store, access: Access, *, version: str | None = None,
                 ties: TieCache | None = None) -> None:
        """`version` (the graph's, read for this request) and `ties` (shared across
        requests) let tie lists computed for an earlier request at the same version and
        access be reused (api/response_cache.py)."""
        self.store = store
        self.access = access
        self._shared_ties = ties if version else None
        self._version = version
        node = self._node_loader
        self.partner = node("partner")
        self.agreement = node("agreement")
        self.activity = node("activity")
        self.platform = node("platform")
        self.objective = node("objective")
        self.import_ = node("import")
        self.country = node("country")
        self.region = node("region")
        rel = self._neighbour_loader
        self.partner_agreements = rel("partner_agreements")
        self.partner_activities = rel("partner_activities")
        self.partner_platforms = rel("partner_platforms")
        self.platform_users = rel("platform_users")
        self.agreement_parties = rel("agreement_parties")
        self.activity_participants = rel("activity_participants")
        self.agreement_objectives = rel("agreement_objectives")
        self.activity_objectives = rel("activity_objectives")
        self.region_countries = rel("region_countries")
        self.country_partners = rel("country_partners")
        self.partner_ties: DataLoader[TieKey, list[Row]] = DataLoader(self._ties)
        self.extra: dict[str, DataLoader[Any, Any]] = {}

    def custom(self, name: str, load: Callable[[list[Any]], Awaitable[Sequence[Any]]],
               key: Callable[[Any], Hashable] | None = None) -> DataLoader[Any, Any]:
        """A request-scoped loader registered by name (for modules built later, e.g. metrics)."""
        if name not in self.extra:
            self.extra[name] = DataLoader(load, cache_key_fn=key)
        return self.extra[name]

    def _node_loader(self, kind: str) -> DataLoader[str, Row | None]:
        async def load(ids: list[str]) -> list[Row | None]:
            return await run_in_threadpool(nodes.by_ids, self.store, kind, ids, self.access)

        return DataLoader(load)

    def _neighbour_loader(self, relation: str) -> DataLoader[str, list[Row]]:
        async def load(ids: list[str]) -> list[list[Row]]:
            return await run_in_threadpool(nodes.neighbours, self.store, relation, ids,
                                           self.access)

        return DataLoader(load)

    async def _ties(self, keys: list[TieKey]) -> list[list[Row]]:
        shared = self._shared_ties
        results: dict[TieKey, list[Row]] = {}
        if shared is None:
            await self._fetch_ties(keys, results)
            return [results[k] for k in keys]
        # Reuse lists computed at this version and access; join a computation another
        # request has in flight (a burst after a write asks for the same hubs at once).
        scope = (self._version, self.access.max_tlp, self.access.visible_ids)
        waiting, mine = {}, []
        for k in keys:
            hit = shared.get((scope, k))
            if hit is not None:
                results[k] = hit
            elif (flight := shared.in_flight((scope, k))) is not None:
                waiting[k] = flight
            else:
                mine.append(k)
        flights = shared.start([(scope, k) for k in mine])
        try:
            await self._fetch_ties(mine, results)
        finally:
            shared.finish(flights, {(scope, k): results.get(k) for k in mine})
        retry = []
        for k, flight in waiting.items():
            await asyncio.wait([flight])  # raises only if this request itself is cancelled
            if flight.cancelled():
                retry.append(k)  # the other request failed or went away: ask ourselves
            else:
                results[k] = flight.result()
        await self._fetch_ties(retry, results)
        return [results[k] for k in keys]

    async def _fetch_ties(self, keys: list[TieKey], results: dict[TieKey, list[Row]]) -> None:
        # One query per distinct argument set (usually one per request).
        groups: dict[tuple[tuple[str, ...], str | None, int, int], list[str]] = {}
        for pid, via, since, min_weight, first in keys:
            groups.setdefault((via, since, min_weight, first), []).append(pid)
        for (via, since, min_weight, first), ids in groups.items():
            fetch = partial(nodes.partner_ties, self.store, ids, access=self.access,
                            via=list(via), since=since, min_weight=min_weight, limit=first)
            for pid, items in zip(ids, await run_in_threadpool(fetch)):
                results[(pid, via, since, min_weight, first)] = items
