"""The demo data set loads completely, and loading it again changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.admin import label_counts, relationship_counts
from graph.store import Store
from ingest.demo import DEMO_DIR, load_demo


def _rows(name: str) -> int:
    with (DEMO_DIR / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def test_the_demo_loads_and_the_counts_match_its_files(store: Store) -> None:
    load_demo(store)
    labels = label_counts(store)
    rels = relationship_counts(store)
    assert labels["Partner"] == _rows("partners")
    assert labels["Agreement"] == _rows("agreements")
    assert labels["Activity"] == _rows("activities")
    assert labels["Platform"] == _rows("platforms")
    assert labels["Objective"] == _rows("objectives")
    assert rels["PARTY_TO"] == _rows("agreement_parties")
    assert rels["PARTICIPATED_IN"] == _rows("activity_participants")
    assert rels["USES"] == _rows("platform_use")
    assert labels["Partner"] >= 250 and labels["Activity"] >= 250


def test_loading_the_demo_twice_changes_nothing(store: Store) -> None:
    load_demo(store)
    before = (label_counts(store), relationship_counts(store))
    load_demo(store)
    after = (label_counts(store), relationship_counts(store))
    assert after[1] == before[1]
    # A second run adds its own Import and audit records and nothing else.
    records = {"Import", "AuditEvent"}
    assert {k: v for k, v in after[0].items() if k not in records} == {
        k: v for k, v in before[0].items() if k not in records}


def test_demo_files_exist_for_every_kind() -> None:
    names = {p.stem for p in Path(DEMO_DIR).glob("*.csv")}
    assert {"partners", "agreements", "agreement_parties", "activities",
            "activity_participants", "platforms", "platform_use", "objectives"} <= names
