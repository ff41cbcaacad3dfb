"""The write path: typed records to Neo4j in batches, one `UNWIND $rows … MERGE` per batch.

Each row carries a content hash; the queries write a row only when its hash differs from
the one stored, so re-writing the same records changes nothing and reports them as
unchanged. Every node and relationship written records the import that last wrote it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Outcome,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from graph.queries import NamedQuery, named
from graph.regions import countries, regions
from graph.store import Store, Tx

DEFAULT_BATCH_SIZE = 5000
ALIAS_SEPARATOR = " | "


def content_hash(record: Record) -> str:
    return hashlib.sha256(record.model_dump_json().encode()).hexdigest()[:32]


def _props(record: Record, exclude: set[str]) -> dict[str, Any]:
    """Neo4j properties: every field present (None removes a stale value on update)."""
    data = record.model_dump(mode="json", exclude=exclude)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items()}


def partner_row(p: Partner) -> dict[str, Any]:
    props = _props(p, {"id"})
    props["alias_text"] = ALIAS_SEPARATOR.join(p.aliases) or None
    return {"id": p.id, "hash": content_hash(p), "props": props}


def agreement_row(a: Agreement) -> dict[str, Any]:
    props = _props(a, {"id", "objectives"})
    props["tlp_rank"] = a.tlp.rank
    return {"id": a.id, "hash": content_hash(a), "props": props, "objectives": list(a.objectives)}


def activity_row(a: Activity) -> dict[str, Any]:
    props = _props(a, {"id", "objectives", "outcomes"})
    props["tlp_rank"] = a.tlp.rank
    for outcome in Outcome:
        props[f"outcome_{outcome.value}"] = a.outcomes.get(outcome)
    return {"id": a.id, "hash": content_hash(a), "props": props, "objectives": list(a.objectives)}


def simple_row(r: Objective | Platform) -> dict[str, Any]:
    return {"id": r.id, "hash": content_hash(r), "props": _props(r, {"id"})}


def party_row(r: AgreementParty) -> dict[str, Any]:
    return {"agreement_id": r.agreement_id, "partner_id": r.partner_id, "hash": content_hash(r),
            "props": _props(r, {"agreement_id", "partner_id"})}


def participant_row(r: ActivityParticipant) -> dict[str, Any]:
    return {"activity_id": r.activity_id, "partner_id": r.partner_id, "hash": content_hash(r),
            "props": _props(r, {"activity_id", "partner_id"})}


def platform_use_row(r: PlatformUse) -> dict[str, Any]:
    return {"partner_id": r.partner_id, "platform_id": r.platform_id, "hash": content_hash(r),
            "props": _props(r, {"partner_id", "platform_id"})}


@dataclass(frozen=True)
class Target:
    """How one kind of record is written."""

    query: NamedQuery
    to_row: Callable[[Any], dict[str, Any]]


TARGETS: dict[type[Record], Target] = {
    Partner: Target(named("partners/upsert"), partner_row),
    Objective: Target(named("objectives/upsert"), simple_row),
    Platform: Target(named("platforms/upsert"), simple_row),
    Agreement: Target(named("agreements/upsert"), agreement_row),
    AgreementParty: Target(named("agreements/upsert_parties"), party_row),
    Activity: Target(named("activities/upsert"), activity_row),
    ActivityParticipant: Target(named("activities/upsert_participants"), participant_row),
    PlatformUse: Target(named("platforms/upsert_use"), platform_use_row),
}

_REGIONS = named("reference/upsert_regions")
_COUNTRIES = named("reference/upsert_countries")


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def write_batch(tx: Tx, records: list[Record], import_id: str) -> Counter[str]:
    """Write one batch of records of a single kind inside `tx`; returns counts by status."""
    target = TARGETS[type(records[0])]
    rows = [target.to_row(r) for r in records]
    counts: Counter[str] = Counter()
    for row in tx.run(target.query, rows=rows, import_id=import_id):
        counts[row["status"]] += row["n"]
    if missing := len(rows) - counts.total():
        counts["missing"] = missing  # a tie whose partner or agreement/activity/platform is absent
    return counts


def write_records(store: Store, records: Iterable[Record], import_id: str,
                  batch_size: int = DEFAULT_BATCH_SIZE,
                  on_batch: Callable[[int], None] | None = None) -> Counter[str]:
    """Write records of one kind in batches, one managed transaction per batch."""
    total: Counter[str] = Counter()
    for chunk in batches(records, batch_size):
        total += store.transaction(lambda tx, c=chunk: write_batch(tx, c, import_id),
                                   name=TARGETS[type(chunk[0])].query.name)
        if on_batch:
            on_batch(len(chunk))
    return total


def write_reference_data(store: Store) -> None:
    """Regions and ISO countries: the fixed frame every partner hangs on."""
    store.write(_REGIONS, rows=[r.model_dump(mode="json") for r in regions()])
    store.write(_COUNTRIES, rows=[c.model_dump(mode="json") for c in countries()])
