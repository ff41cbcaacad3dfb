"""The write path: typed records to Neo4j in batches, one `UNWIND $rows …` per statement.

Each row carries a content hash; a row is written only when its hash differs from the one
stored, so re-writing the same records changes nothing and reports them as unchanged.
Every node and relationship written records the import that last wrote it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from graph import stored
from graph.figures import to_properties
from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Citation,
    Objective,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from graph.queries import NamedQuery, named
from graph.regions import countries, regions
from graph.store import ConstraintViolation, Store, Tx

T = TypeVar("T")

DEFAULT_BATCH_SIZE = 5000
ALIAS_SEPARATOR = " | "


# Fields added after row hashes were first stored. While one holds its default it is left
# out of the hashed JSON, so a record that does not use it keeps the hash earlier versions
# stored (an upgrade reports such rows unchanged); its property is written as null (none
# stored on a new node, a stale value removed on update).
LATE_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Partner: ("headquarters", "sources", "notes", "confidence"),
    Agreement: ("sources", "notes", "confidence"),
    AgreementParty: ("consent", "in_force_on", "sources", "notes", "confidence"),
    Activity: ("announced_on", "open_ended", "participants_complete", "participants_reported",
               "sources", "notes", "confidence"),
    ActivityParticipant: ("roles", "sources", "notes", "confidence"),
}
# Each late field with its default: None, False or an empty tuple. Compared by identity
# (an empty tuple is one object), so that 0 and False are never taken for the default
# None, nor 0 for False.
_DEFAULTS = {kind: tuple((f, kind.model_fields[f].default) for f in fields)
             for kind, fields in LATE_FIELDS.items()}
_LATE = {kind: frozenset(fields) for kind, fields in LATE_FIELDS.items()}
_NONE: frozenset[str] = frozenset()


def _unset(record: Record) -> frozenset[str]:
    """The late fields `record` leaves at their default. Most records were given none of
    them (pydantic's fields-set says so in one set operation): then all of them."""
    late = _LATE.get(type(record), _NONE)
    if late.isdisjoint(record.__pydantic_fields_set__):
        return late
    return frozenset(f for f, default in _DEFAULTS[type(record)]
                     if getattr(record, f) is default
                     or (default == () and getattr(record, f) == ()))


class _Excludes:
    """The field sets one kind's serialisation excludes, made once per kind and unset set
    (a handful each) rather than once per row: pydantic-core takes a set about three times
    faster than a frozenset (measured), and a row costs a few microseconds."""

    def __init__(self) -> None:
        self._made: dict[tuple[frozenset[str], frozenset[str]], tuple[set[str], set[str], dict[str, None]]] = {}

    def __call__(self, exclude: frozenset[str], unset: frozenset[str]
                 ) -> tuple[set[str], set[str], dict[str, None]]:
        """(what the hash leaves out, what the properties leave out, the nulls to add)."""
        key = (exclude, unset)
        if (made := self._made.get(key)) is None:
            made = self._made[key] = (set(unset), set(exclude | unset), dict.fromkeys(unset - exclude))
        return made


_excludes = _Excludes()


def hashed_props(record: Record, exclude: frozenset[str]) -> tuple[int, dict[str, Any]]:
    """The record's content hash and its Neo4j properties: every field but `exclude`, None
    included (it removes a stale value on update).

    The hash is the first 60 bits of the sha256 of the record's JSON, as an integer. An
    integer, not hex text: Neo4j keeps it inside the property record, and a 32-digit text
    hash cost it about a tenth more CPU (docs/IMPORT.md, "Integer row hashes"). 60 bits
    keep it a positive 64-bit integer and equal to the first 15 digits of the hex hash
    stored before, so `migrations/row_hash_*` converts those exactly. Fields in
    LATE_FIELDS that hold their default are left out of the JSON (see there)."""
    # The serializer itself, not model_dump_json/model_dump: the same output without their
    # argument handling in Python, a few percent of validating a row.
    serializer = record.__pydantic_serializer__
    hashed, kept, nulls = _excludes(exclude, _unset(record))
    digest = hashlib.sha256(serializer.to_json(record, exclude=hashed)).digest()
    props = serializer.to_python(record, mode="json", exclude=kept)
    props.update(nulls)
    return int.from_bytes(digest[:8], "big") >> 4, props


def tie_props(record: Record, exclude: frozenset[str]) -> tuple[int, dict[str, Any]]:
    """A tie's hash and properties without nulls: the tie queries replace all of a tie's
    properties (`SET r = …`), so nothing stale needs a null to go, and a row sends only
    what the tie holds."""
    serializer = record.__pydantic_serializer__
    hashed, kept, _ = _excludes(exclude, _unset(record))
    digest = hashlib.sha256(serializer.to_json(record, exclude=hashed)).digest()
    props = serializer.to_python(record, mode="json", exclude=kept, exclude_none=True)
    return int.from_bytes(digest[:8], "big") >> 4, props


_NODE = frozenset({"id"})
_PARTNER = frozenset({"id", "sources"})
_GROUPED = frozenset({"id", "objectives", "sources"})
_ACTIVITY = frozenset({"id", "objectives", "outcomes", "sources"})
_TIE = frozenset({"sources"})


def partner_row(p: Partner) -> dict[str, Any]:
    hash_, props = hashed_props(p, _PARTNER)
    props["alias_text"] = ALIAS_SEPARATOR.join(p.aliases) or None
    props.update(stored.citations(p.sources))
    return {"id": p.id, "hash": hash_, "props": props}


def agreement_row(a: Agreement) -> dict[str, Any]:
    hash_, props = hashed_props(a, _GROUPED)
    props["tlp_rank"] = a.tlp.rank
    props.update(stored.citations(a.sources))
    return {"id": a.id, "hash": hash_, "props": props, "objectives": list(a.objectives)}


def activity_row(a: Activity) -> dict[str, Any]:
    hash_, props = hashed_props(a, _ACTIVITY)
    props["tlp_rank"] = a.tlp.rank
    props.update(to_properties(a.outcomes))
    props.update(stored.citations(a.sources))
    return {"id": a.id, "hash": hash_, "props": props, "objectives": list(a.objectives)}


def simple_row(r: Objective | Platform) -> dict[str, Any]:
    hash_, props = hashed_props(r, _NODE)
    return {"id": r.id, "hash": hash_, "props": props}


def _tie_row(r: Record, group: str, other: str,
             sources: tuple[Citation, ...] = ()) -> dict[str, Any]:
    hash_, props = tie_props(r, _TIE)  # the ends leave the props
    if sources:
        props.update(stored.citations(sources))
    return {group: props.pop(group), other: props.pop(other), "hash": hash_, "props": props}


def party_row(r: AgreementParty) -> dict[str, Any]:
    return _tie_row(r, "agreement_id", "partner_id", r.sources)


def participant_row(r: ActivityParticipant) -> dict[str, Any]:
    return _tie_row(r, "activity_id", "partner_id", r.sources)


def platform_use_row(r: PlatformUse) -> dict[str, Any]:
    return _tie_row(r, "partner_id", "platform_id")


@dataclass(frozen=True)
class Target:
    """How one kind of record is written.

    `query` is the upsert: exact for any row, it compares each row's hash with the stored
    one inside the MERGE. Rows known to be new take a cheaper path (docs/IMPORT.md, "Write
    path"): a node kind reads the stored hashes of its batch first (`hashes`), CREATEs the
    absent rows (`create`), skips the unchanged and upserts only the changed; a tie of which
    one end was created by the same writer is new, and takes a plain MERGE (`fresh`).
    """

    query: NamedQuery
    to_row: Callable[[Any], dict[str, Any]]
    label: str = ""  # a node kind's label, for the ids it creates
    hashes: NamedQuery | None = None
    create: NamedQuery | None = None
    fresh: NamedQuery | None = None
    ends: tuple[tuple[str, str], ...] = ()  # a tie's ends: (label, row key)


def _tie(upsert: str, fresh: str, group: tuple[str, str], to_row: Callable[[Any], dict[str, Any]]) -> Target:
    return Target(named(upsert), to_row, fresh=named(fresh),
                  ends=(group, ("Partner", "partner_id")))


def _node(kind: str, label: str, to_row: Callable[[Any], dict[str, Any]]) -> Target:
    return Target(named(f"{kind}/upsert"), to_row, label, named(f"{kind}/stored_hashes"),
                  named(f"{kind}/create_new"))


TARGETS: dict[type[Record], Target] = {
    Partner: _node("partners", "Partner", partner_row),
    Objective: Target(named("objectives/upsert"), simple_row),
    Platform: Target(named("platforms/upsert"), simple_row),
    Agreement: _node("agreements", "Agreement", agreement_row),
    AgreementParty: _tie("agreements/upsert_parties", "agreements/merge_new_parties",
                         ("Agreement", "agreement_id"), party_row),
    Activity: _node("activities", "Activity", activity_row),
    ActivityParticipant: _tie("activities/upsert_participants", "activities/merge_new_participants",
                              ("Activity", "activity_id"), participant_row),
    PlatformUse: _tie("platforms/upsert_use", "platforms/merge_new_use",
                      ("Platform", "platform_id"), platform_use_row),
}

_REGIONS = named("reference/upsert_regions")
_COUNTRIES = named("reference/upsert_countries")


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Created:
    """Ids of the nodes one writer has created and committed, by label: a tie that names
    one of them is new (nobody else knew the node when the tie was validated).

    `absent`: labels that held no node when the writer began. Their rows are new, so their
    stored hashes are not read: a node someone else created meanwhile makes the CREATE
    fail the id constraint, and the batch is upserted (`write_batch`), after which the
    label's hashes are read again."""

    def __init__(self, absent: frozenset[str] = frozenset()) -> None:
        self._ids: dict[str, set[str]] = {}
        self.absent = set(absent)

    def add(self, label: str, ids: Iterable[str]) -> None:
        self._ids.setdefault(label, set()).update(ids)

    def fresh(self, target: Target, rows: list[dict[str, Any]]) -> list[bool]:
        """Per row of a tie kind: whether one of its ends is a node created here."""
        ends = [(key, self._ids.get(label, set())) for label, key in target.ends]
        return [any(row[key] in ids for key, ids in ends) for row in rows]


def _without_nulls(row: dict[str, Any]) -> dict[str, Any]:
    """A new node has nothing to remove: a null would only cost the database a no-op."""
    return {**row, "props": {k: v for k, v in row["props"].items() if v is not None}}


def write_rows(tx: Tx, kind: type[Record], rows: list[dict[str, Any]], import_id: str,
               created: Created | None) -> tuple[Counter[str], list[str]]:
    """Write one batch of rows of a single kind inside `tx`.

    Returns the counts by status and the ids of the nodes it created. With `created`
    None, every row takes the upsert (the fallback when a concurrent writer created a node
    this batch took for new: the id constraint failed the fast path's transaction).
    """
    target = TARGETS[kind]
    counts: Counter[str] = Counter()
    new_ids: list[str] = []
    upsert = rows
    if created is not None and target.hashes is not None and target.create is not None:
        stored = {} if target.label in created.absent else {
            r["id"]: r["hash"] for r in tx.run(target.hashes, ids=[r["id"] for r in rows])}
        new = [r for r in rows if r["id"] not in stored]
        upsert = [r for r in rows if r["id"] in stored and stored[r["id"]] != r["hash"]]
        if unchanged := len(rows) - len(new) - len(upsert):
            counts["unchanged"] = unchanged
        if new:
            tx.run(target.create, rows=[_without_nulls(r) for r in new], import_id=import_id)
            counts["created"] = len(new)
            new_ids = [r["id"] for r in new]
    elif created is not None and target.fresh is not None:
        is_fresh = created.fresh(target, rows)
        fresh = [r for r, f in zip(rows, is_fresh, strict=True) if f]
        if fresh:
            upsert = [r for r, f in zip(rows, is_fresh, strict=True) if not f]
            found, counters = tx.run_counted(target.fresh, rows=fresh, import_id=import_id)
            made = counters.relationships_created
            counts.update({"created": made, "updated": found[0]["n"] - made})
    if upsert:
        for row in tx.run(target.query, rows=upsert, import_id=import_id):
            counts[row["status"]] += row["n"]
    if missing := len(rows) - counts.total():
        counts["missing"] = missing  # a tie whose partner or agreement/activity/platform is absent
    return +counts, new_ids  # (+ drops zero counts: "updated" is rare on the fast path)


def write_batch(store: Store, kind: type[Record], rows: list[dict[str, Any]], import_id: str,
                created: Created, then: Callable[[Tx, Counter[str]], T] | None = None,
                ) -> T | Counter[str]:
    """Write one batch in its own managed transaction, then run `then(tx, counts)` in the
    same transaction (the importer's checkpoint) and return what it returns (else the
    counts). Records the nodes it created in `created` once committed."""
    target = TARGETS[kind]

    def work(fast: bool) -> Callable[[Tx], tuple[T | Counter[str], list[str]]]:
        def run(tx: Tx) -> tuple[T | Counter[str], list[str]]:
            counts, new_ids = write_rows(tx, kind, rows, import_id, created if fast else None)
            return (then(tx, counts) if then else counts), new_ids
        return run

    try:
        result, new_ids = store.transaction(work(True), name=target.query.name)
    except ConstraintViolation:  # a node taken for new was created meanwhile: upsert them all
        created.absent.discard(target.label)  # someone else writes it: read hashes from now
        result, new_ids = store.transaction(work(False), name=target.query.name)
    if new_ids:
        created.add(target.label, new_ids)
    return result


def write_records(store: Store, records: Iterable[Record], import_id: str,
                  batch_size: int = DEFAULT_BATCH_SIZE,
                  on_batch: Callable[[int], None] | None = None) -> Counter[str]:
    """Write records of one kind in batches, one managed transaction per batch."""
    total: Counter[str] = Counter()
    created = Created()
    for chunk in batches(records, batch_size):
        kind = type(chunk[0])
        total += write_batch(store, kind, [TARGETS[kind].to_row(r) for r in chunk], import_id,
                             created)
        if on_batch:
            on_batch(len(chunk))
    return total


def write_reference_data(store: Store) -> None:
    """Regions and ISO countries: the fixed frame every partner hangs on."""
    store.write(_REGIONS, rows=[r.model_dump(mode="json") for r in regions()])
    store.write(_COUNTRIES, rows=[c.model_dump(mode="json") for c in countries()])
