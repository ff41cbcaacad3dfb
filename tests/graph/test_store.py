"""The store against a real Neo4j: round trips, constraints, named errors."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from graph.config import Settings
from graph.model import (
    TLP,
    Activity,
    ActivityKind,
    ActivityParticipant,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Objective,
    Outcome,
    Partner,
    PartnerKind,
    Platform,
    PlatformUse,
    Scope,
)
from graph.queries import MissingParameter, NamedQuery, UnknownQuery, named
from graph.store import ConstraintViolation, DatabaseUnavailable, Store
from graph.writer import write_records

NODE_BY_ID = named("admin/node_by_id")
CREATE_PARTNER = named("partners/create")

RECORDS = [
    Objective(id="OBJ-3", title="Partnerships and trust"),
    Platform(id="plat-1", name="Secure exchange", description="Encrypted messaging"),
    Partner(id="p-ng", name="Nigeria Police Force Cybercrime Centre", kind=PartnerKind.LAW_ENFORCEMENT,
            country="NG", aliases=("NPF-NCCC",), website="https://example.org"),
    Partner(id="p-gib", name="Group-IB", kind=PartnerKind.PRIVATE_SECTOR, country="SG",
            sector="technology"),
    Agreement(id="a-1", title="Data-sharing agreement", kind=AgreementKind.DATA_SHARING,
              status=AgreementStatus.ACTIVE, signed_on="2022-03", expires_on="2027",
              binding=True, scope=(Scope.INFORMATION_SHARING,), tlp=TLP.AMBER,
              objectives=("OBJ-3",)),
    Activity(id="op-1", name="Operation Example", kind=ActivityKind.OPERATION, start="2023-05-01",
             end="2023-06", outcomes={Outcome.ARRESTS: 12}, tlp=TLP.GREEN, objectives=("OBJ-3",)),
]
TIES = [
    AgreementParty(agreement_id="a-1", partner_id="p-ng", signed_on="2022-03-01"),
    AgreementParty(agreement_id="a-1", partner_id="p-gib"),
    ActivityParticipant(activity_id="op-1", partner_id="p-ng", role="lead"),
    PlatformUse(partner_id="p-gib", platform_id="plat-1", since="2020"),
]


def _write_all(store: Store) -> None:
    for record in RECORDS + TIES:
        write_records(store, [record], import_id="test")


def test_each_node_kind_round_trips_with_its_properties(store: Store) -> None:
    _write_all(store)
    partner = store.read_one(NODE_BY_ID, id="p-ng")
    assert partner is not None
    assert partner["labels"] == ["Partner"]
    assert partner["props"]["aliases"] == ["NPF-NCCC"]
    assert partner["props"]["country"] == "NG"
    assert partner["props"]["import_id"] == "test"
    agreement = store.read_one(NODE_BY_ID, id="a-1")["props"]
    assert (agreement["kind"], agreement["signed_on"], agreement["expires_on"]) == (
        "data_sharing", "2022-03", "2027")
    assert (agreement["tlp"], agreement["tlp_rank"], agreement["binding"]) == ("amber", 2, True)
    activity = store.read_one(NODE_BY_ID, id="op-1")["props"]
    assert (activity["outcome_names"], activity["outcome_values"]) == (["arrests"], [12.0])
    # An unreported figure is absent, not zero; plain counts need no qualifiers or units.
    assert not {"outcome_qualifiers", "outcome_units", "outcome_highs"} & activity.keys()
    assert store.read_one(NODE_BY_ID, id="plat-1")["props"]["name"] == "Secure exchange"
    assert store.read_one(NODE_BY_ID, id="OBJ-3")["labels"] == ["Objective"]


def test_rewriting_the_same_records_reports_them_unchanged(store: Store) -> None:
    _write_all(store)
    counts = write_records(store, RECORDS[2:4], import_id="again")
    assert counts == {"unchanged": 2}
    assert store.read_one(NODE_BY_ID, id="p-ng")["props"]["import_id"] == "test"


def test_a_changed_record_updates_in_place(store: Store) -> None:
    _write_all(store)
    renamed = RECORDS[3].model_copy(update={"name": "Group-IB Global"})
    assert write_records(store, [renamed], import_id="v2") == {"updated": 1}
    props = store.read_one(NODE_BY_ID, id="p-gib")["props"]
    assert (props["name"], props["import_id"]) == ("Group-IB Global", "v2")


def test_a_tie_to_a_missing_partner_is_reported_not_written(store: Store) -> None:
    _write_all(store)
    counts = write_records(store, [AgreementParty(agreement_id="a-1", partner_id="nobody")], "t")
    assert counts == {"missing": 1}


def test_the_constraint_rejects_a_second_partner_with_the_same_id(store: Store) -> None:
    store.write(CREATE_PARTNER, id="dup", props={"name": "First", "kind": "ngo"})
    with pytest.raises(ConstraintViolation, match="already exists"):
        store.write(CREATE_PARTNER, id="dup", props={"name": "Second", "kind": "ngo"})


def test_an_unknown_query_name_is_a_named_error_with_a_suggestion() -> None:
    with pytest.raises(UnknownQuery, match=r"No query named 'partners/upsrt'.*partners/upsert"):
        named("partners/upsrt")


def test_a_missing_parameter_is_named_before_anything_is_sent(store: Store) -> None:
    before = store.round_trips
    with pytest.raises(MissingParameter, match=r"needs parameter\(s\) id"):
        store.read(NODE_BY_ID)
    assert store.round_trips == before


def test_an_unreachable_database_gives_one_readable_error(settings: Settings) -> None:
    nowhere = dataclasses.replace(settings, neo4j_uri="bolt://127.0.0.1:1")
    with Store(nowhere, retry_seconds=0.5, connect_timeout=1) as store:
        with pytest.raises(DatabaseUnavailable, match=r"bolt://127.0.0.1:1 is not reachable.*db start"):
            store.read(NODE_BY_ID, id="x")


def test_the_version_changes_with_a_committed_write_and_not_with_reads(store: Store) -> None:
    before = store.version()
    assert store.version() == before  # reads change nothing
    write_records(store, [Partner(id="v-1", name="Version One", kind="cert", country="KE")], "t")
    after = store.version()
    assert after != before
    assert store.version() == after


def test_a_batch_parameter_reaches_neo4j_whole_and_shows_its_size_in_the_driver_log(
        store: Store, caplog: pytest.LogCaptureFixture) -> None:
    # The driver logs every query's parameters at debug level: a batch shows as its size.
    q = NamedQuery("test", "UNWIND $rows AS row RETURN sum(row.n) AS total, count(*) AS n",
                   frozenset({"rows"}))
    rows = [{"n": i} for i in range(500)]
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        assert store.read(q, rows=rows) == [{"total": sum(range(500)), "n": 500}]
    assert "<500 items>" in caplog.text and "{'n': 499}" not in caplog.text
