"""Batch lookups by key and one-step neighbourhoods, shaped for DataLoaders.

Each function takes a list of keys and returns one value per key, in key order, so a
DataLoader batch function is a one-line call. Property maps come back as plain dicts.
"""

from __future__ import annotations

from typing import Any

from graph.access import Access
from graph.queries import NamedQuery, named
from graph.store import Row, Store

BY_IDS: dict[str, NamedQuery] = {
    "partner": named("partners/by_ids"),
    "agreement": named("agreements/by_ids"),
    "activity": named("activities/by_ids"),
    "platform": named("platforms/by_ids"),
    "objective": named("objectives/by_ids"),
    "import": named("imports/by_ids"),
    "country": named("reference/countries_by_codes"),
    "region": named("reference/regions_by_codes"),
}

# Lists of related items per key: rows carry `id` and `items` (or `nodes`).
NEIGHBOURS: dict[str, NamedQuery] = {
    "partner_agreements": named("partners/agreements"),
    "partner_activities": named("partners/activities"),
    "partner_platforms": named("partners/platforms"),
    "platform_users": named("platforms/users"),
    "agreement_parties": named("agreements/parties"),
    "activity_participants": named("activities/participants"),
    "agreement_objectives": named("agreements/objectives"),
    "activity_objectives": named("activities/objectives"),
    "region_countries": named("reference/region_countries"),
    "country_partners": named("reference/country_partners"),
}

_TIES = named("partners/ties")
_REGIONS = named("reference/regions")
_OBJECTIVES = named("objectives/all")


def by_ids(store: Store, kind: str, ids: list[str], access: Access) -> list[Row | None]:
    """Property maps for `ids` (None where missing or hidden), in the order given."""
    rows = store.read(BY_IDS[kind], ids=ids, **access.params())
    found = {r["id"]: r["node"] for r in rows}
    return [found.get(i) for i in ids]


def neighbours(store: Store, relation: str, ids: list[str], access: Access) -> list[list[Row]]:
    """Related items for each key, in key order (an empty list for a key with none)."""
    rows = store.read(NEIGHBOURS[relation], ids=ids, **access.params())
    found: dict[str, list[Row]] = {}
    for r in rows:
        items = r.get("items", r.get("nodes")) or []
        found[r["id"]] = [i for i in items if _present(i)]
    return [found.get(i, []) for i in ids]


def _present(item: Any) -> bool:
    # OPTIONAL MATCH with no match collects one map whose node is null.
    return item is not None and (not isinstance(item, dict) or item.get("node", True) is not None)


def partner_ties(store: Store, ids: list[str], *, access: Access, via: list[str],
                 since: str | None, min_weight: int, limit: int = 100) -> list[list[Row]]:
    """Partners tied to each partner (queries/partners/ties.cypher), heaviest first, at
    most `limit` per partner."""
    rows = store.read(_TIES, ids=ids, **access.params(), via=via, since=since,
                      min_weight=min_weight, limit=limit)
    found = {r["id"]: r["items"] for r in rows}
    return [found.get(i, []) for i in ids]


def regions(store: Store) -> list[Row]:
    return [r["node"] for r in store.read(_REGIONS)]


def objectives(store: Store) -> list[Row]:
    return [r["node"] for r in store.read(_OBJECTIVES)]
