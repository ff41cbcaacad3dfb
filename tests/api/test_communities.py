"""Communities a strategist can talk about: labelled by their leading members and regions,
their numbers kept from one metric run to the next (graph/metrics/communities.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.metrics.communities import stable_ids
from graph.metrics.job import RunParams, run_metrics
from graph.model import Agreement, AgreementParty, Partner
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import gql

EUROPE = [("europol", "Europol", "NL"), ("bka", "BKA", "DE"), ("nca", "NCA", "GB"),
          ("ocrvp", "OCRVP", "FR")]
AFRICA = [("afripol", "AFRIPOL", "DZ"), ("npf", "Nigeria Police Force", "NG"),
          ("kps", "Kenya Police Service", "KE")]
MORE_AFRICA = [("gps", "Ghana Police Service", "GH"), ("saps", "SAPS", "ZA"),
               ("efcc", "EFCC", "NG")]
ASIA = [("npa", "National Police Agency", "JP"), ("spf", "Singapore Police Force", "SG")]
Q = "{ communities(members: 0) { id size label } }"


def bloc(store: Store, name: str, members: list[tuple[str, str, str]]) -> None:
    """One multilateral MoU among the members: a clique, which Louvain keeps together."""
    write_records(store, [Partner(id=pid, name=n, kind="law_enforcement", country=c)
                          for pid, n, c in members], "test")
    write_records(store, [Agreement(id=f"mou-{name}", title=f"{name} MoU", kind="mou",
                                    status="active", signed_on="2020-01-01", tlp="green")],
                  "test")
    write_records(store, [AgreementParty(agreement_id=f"mou-{name}", partner_id=pid)
                          for pid, _, _ in members], "test")


def run(store: Store) -> None:
    run_metrics(store, RunParams(as_of=dt.date(2024, 1, 1)))


def leaders(label: str, bloc: list[tuple[str, str, str]]) -> set[str]:
    """The names a label leads with (members of equal PageRank come in id order)."""
    names = label.split(" · ")[0].split(" and ")[0]
    found = {n.strip() for n in names.split(", ")}
    assert found <= {n for _, n, _ in bloc}, label
    return found


def test_a_community_keeps_its_number_when_another_outgrows_it(store, client) -> None:
    bloc(store, "europe", EUROPE)
    bloc(store, "africa", AFRICA)
    run(store)
    # Louvain numbers by size: Europe (4) 0, Africa (3) 1.
    assert [(c["id"], c["size"]) for c in gql(client, Q)["communities"]] == [(0, 4), (1, 3)]

    write_records(store, [Partner(id=pid, name=n, kind="law_enforcement", country=c)
                          for pid, n, c in MORE_AFRICA], "test")
    write_records(store, [AgreementParty(agreement_id="mou-africa", partner_id=pid)
                          for pid, _, _ in MORE_AFRICA], "test")
    bloc(store, "asia", ASIA)
    run(store)
    found = gql(client, Q)["communities"]
    # Africa is now the largest (6) and listed first, with its number; Asia is new.
    assert [(c["id"], c["size"]) for c in found] == [(1, 6), (0, 4), (2, 2)]
    labels = {c["id"]: c["label"] for c in found}
    assert labels[0].endswith(" and 1 more · Europe 100%")
    assert len(leaders(labels[0], EUROPE)) == 3
    # AFRIPOL is based in Algeria, a MENA country: 1 of 6, below a fifth, so not named.
    assert labels[1].endswith(" and 3 more · Africa 83%")
    assert len(leaders(labels[1], AFRICA + MORE_AFRICA)) == 3
    assert labels[2] in ("National Police Agency, Singapore Police Force · Asia and South "
                         "Pacific 100%", "Singapore Police Force, National Police Agency · "
                         "Asia and South Pacific 100%")

    partner = gql(client, '{ partner(id: "saps") { metrics { community } } }')
    assert partner["partner"]["metrics"]["community"] == 1


def test_a_split_keeps_the_number_in_its_larger_part() -> None:
    before = dict.fromkeys("abcdef", 3) | {"x": 5}
    after = dict.fromkeys("abcd", 0) | dict.fromkeys("ef", 1) | {"x": 2}
    assert stable_ids(after, before) == dict.fromkeys("abcd", 3) | dict.fromkeys("ef", 6) | {
        "x": 5}


def test_a_merger_keeps_the_number_of_the_part_that_brings_more() -> None:
    before = dict.fromkeys("abc", 0) | dict.fromkeys("de", 1)
    after = dict.fromkeys("abcde", 0)
    assert stable_ids(after, before) == dict.fromkeys("abcde", 0)
    assert stable_ids(dict.fromkeys("abcde", 4), dict.fromkeys("ab", 7) | dict.fromkeys(
        "cde", 2)) == dict.fromkeys("abcde", 2)


@pytest.mark.parametrize("previous", [{}, {"zz": 9}])
def test_without_overlap_numbers_start_above_the_previous_ones(previous) -> None:
    found = stable_ids({"a": 0, "b": 1}, previous)
    start = max(previous.values(), default=-1) + 1
    assert found == {"a": start, "b": start + 1}
