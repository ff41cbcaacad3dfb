"""DataLoaders, one set per request: each batches the `load()` calls of one tick into one
named query (graph/reads/nodes.py), run in the thread pool because the store is sync."""

from __future__ import annotations

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
        self._shared_ties = ties if version is not None else None
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
        shared, results = self._shared_ties, {}
        scope = (self._version, self.access.max_tlp, self.access.visible_ids)
        if shared is not None:
            for k in keys:
                hit = shared.get((scope, k))
                if hit is not None:
                    results[k] = hit
        # One query per distinct argument set (usually one per request) for the rest.
        groups: dict[tuple[tuple[str, ...], str | None, int, int], list[str]] = {}
        for key in keys:
            if key not in results:
                pid, *args = key
                groups.setdefault(tuple(args), []).append(pid)  # type: ignore[arg-type]
        for (via, since, min_weight, first), ids in groups.items():
            fetch = partial(nodes.partner_ties, self.store, ids, access=self.access,
                            via=list(via), since=since, min_weight=min_weight, limit=first)
            for pid, items in zip(ids, await run_in_threadpool(fetch)):
                key = (pid, via, since, min_weight, first)
                results[key] = items
                if shared is not None:
                    shared.put((scope, key), items)
        return [results[k] for k in keys]
