"""The write path's fast lane for new rows against a real Neo4j: it writes exactly what the
upsert writes, counts exactly, and stays exact when another writer got there first."""

from __future__ import annotations

from collections import Counter

from graph.admin import wipe
from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
    PlatformUse,
    Record,
)
from graph.queries import named
from graph.store import Store, Tx
from graph.writer import TARGETS, Created, write_batch, write_records, write_rows
from tests.graph.test_store import RECORDS, TIES
from tests.ingest.conftest import snapshot


def _rows(records: list[Record]) -> list[dict]:
    return [TARGETS[type(r)].to_row(r) for r in records]


def _by_kind(records: list[Record]) -> list[list[Record]]:
    kinds: dict[type, list[Record]] = {}
    for r in records:
        kinds.setdefault(type(r), []).append(r)
    return list(kinds.values())


def test_fast_path_writes_the_graph_the_upsert_writes(store: Store, monkeypatch) -> None:
    fresh_ties: list[str] = []
    run_counted = Tx.run_counted

    def spy(self: Tx, query, **params):  # only the fast lane for ties asks for counters
        fresh_ties.extend(r["partner_id"] for r in params["rows"])
        return run_counted(self, query, **params)

    monkeypatch.setattr(Tx, "run_counted", spy)
    created = Created()
    fast: Counter[str] = Counter()
    for group in _by_kind(RECORDS + TIES):
        fast += write_batch(store, type(group[0]), _rows(group), "imp", created)
    fast_graph = snapshot(store)

    wipe(store)
    slow: Counter[str] = Counter()
    for group in _by_kind(RECORDS + TIES):
        slow += store.transaction(
            lambda tx, g=group: write_rows(tx, type(g[0]), _rows(g), "imp", None)[0])

    assert fast == slow == {"created": len(RECORDS + TIES)}
    assert snapshot(store) == fast_graph
    # Every tie took the fast lane on the first pass (its ends were created by that writer),
    # none on the second (no writer's record of what it created).
    assert sorted(fresh_ties) == sorted(t.partner_id for t in TIES)


def test_rows_already_stored_are_compared_by_hash(store: Store) -> None:
    for group in _by_kind(RECORDS):
        write_records(store, group, "v1")
    renamed = Partner(id="p-gib", name="Group-IB Global", kind="private_sector", country="SG")
    rows = _rows([*[r for r in RECORDS if isinstance(r, Partner) and r.id != "p-gib"], renamed,
                  Partner(id="p-new", name="New", kind="ngo")])
    counts = write_batch(store, Partner, rows, "v2", Created())
    assert counts == {"unchanged": 1, "updated": 1, "created": 1}


def test_a_node_created_meanwhile_falls_back_to_the_upsert(store: Store) -> None:
    # Two rows with one id both look new to the hash read, so the second CREATE breaks the
    # id constraint as a concurrent writer's node would; the batch is written again through
    # the upsert: one node, and no claim that this writer created it.
    row = _rows([Partner(id="p-twice", name="Twice", kind="ngo", country="KE")])[0]
    created = Created()
    assert write_batch(store, Partner, [row, row], "imp", created).total() == 2
    assert created.fresh(TARGETS[AgreementParty], [{"agreement_id": "x",
                                                     "partner_id": "p-twice"}]) == [False]
    assert store.read(named("partners/stored_hashes"), ids=["p-twice"]) == [
        {"id": "p-twice", "hash": row["hash"]}]


def test_rows_of_a_label_that_was_empty_are_created_without_reading_hashes(store: Store) -> None:
    absent = Created(frozenset({"Partner"}))
    trips = store.round_trips
    assert write_batch(store, Partner, _rows([Partner(id="p-a", name="A", kind="ngo")]), "imp",
                       absent) == {"created": 1}
    without_read = store.round_trips - trips
    trips = store.round_trips
    write_batch(store, Partner, _rows([Partner(id="p-b", name="B", kind="ngo")]), "imp", Created())
    assert store.round_trips - trips == without_read + 1  # the hash read

    # A node another writer created after the label was found empty: the CREATE breaks the
    # id constraint, and the batch is upserted with exact counts.
    rows = _rows([Partner(id="p-a", name="A", kind="ngo"), Partner(id="p-c", name="C", kind="ngo")])
    assert write_batch(store, Partner, rows, "imp", absent) == {"unchanged": 1, "created": 1}
    assert absent.absent == set()  # from now on its hashes are read
    assert {r["id"] for r in store.read(named("partners/stored_hashes"),
                                        ids=["p-a", "p-b", "p-c"])} == {"p-a", "p-b", "p-c"}


def test_a_tie_another_writer_added_first_is_merged_not_doubled(store: Store) -> None:
    created = Created()
    write_batch(store, Partner, _rows([Partner(id="p-1", name="One", kind="ngo")]), "imp", created)
    write_batch(store, Agreement, _rows([Agreement(id="a-1", title="A", kind="mou",
                                                   status="active")]), "imp", created)
    tie = AgreementParty(agreement_id="a-1", partner_id="p-1", role="signatory")
    write_records(store, [tie], "someone-else")  # its own writer: the upsert
    counts = write_batch(store, AgreementParty, _rows([tie]), "imp", created)
    assert counts == {"updated": 1}
    assert [(r[1], r[2]) for r in snapshot(store)[1] if r[0] == "PARTY_TO"] == [("p-1", "a-1")]


# Hashes the version before sources, consents, figures and roles stored for these records
# (computed with that version's graph/writer.py). A record that uses none of the new fields
# must keep its hash, or every row of an upgraded database is written again.
EARLIER_HASHES = [
    (Partner(id="p", name="P", kind="ngo", country="FR", aliases=("a", "b"), source="x"),
     855080987583197718),
    (Agreement(id="a", title="T", kind="mou", status="active", signed_on="2001",
               scope=("research",), objectives=("o",)), 681300226804763717),
    (AgreementParty(agreement_id="a", partner_id="p", role="signatory", signed_on="2001"),
     1152193976956697081),
    (Activity(id="x", name="X", kind="training", start="2020", end="2020-02", focus=("bec",)),
     40193817012571163),
    (Activity(id="x", name="X", kind="operation", outcomes={"arrests": "12", "takedowns": "3"}),
     597484560081062242),
    (Activity(id="x", name="X", kind="training", outcomes={"people_trained": 40}),
     249169129997856040),
    (ActivityParticipant(activity_id="x", partner_id="p", role="lead"), 146546275020303379),
    (PlatformUse(partner_id="p", platform_id="q", since="2010"), 879233607057125249),
]


def test_records_without_the_newer_fields_keep_the_hash_earlier_versions_stored() -> None:
    assert [TARGETS[type(r)].to_row(r)["hash"] for r, _ in EARLIER_HASHES] == [
        h for _, h in EARLIER_HASHES]


def test_a_newer_field_changes_the_hash_and_zero_or_false_are_values() -> None:
    base = Activity(id="x", name="X", kind="operation")
    hashes = {TARGETS[Activity].to_row(a)["hash"] for a in (
        base, base.model_copy(update={"participants_complete": False}),
        base.model_copy(update={"participants_reported": 0}),
        base.model_copy(update={"confidence": 0}))}
    assert len(hashes) == 4
    row = TARGETS[Activity].to_row(base.model_copy(update={"participants_complete": False,
                                                            "confidence": 0}))
    assert (row["props"]["participants_complete"], row["props"]["confidence"]) == (False, 0)


def test_a_tie_sends_only_what_it_holds() -> None:
    tie = AgreementParty(agreement_id="a", partner_id="p", consent="accession",
                         ratified_on="2021", sources=({"url": "https://example.org/n"},))
    assert TARGETS[AgreementParty].to_row(tie)["props"] == {
        "role": "party", "ratified_on": "2021", "consent": "accession",
        "source_urls": ["https://example.org/n"], "source_titles": [""], "source_dates": [""]}
