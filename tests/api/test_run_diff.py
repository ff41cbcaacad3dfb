"""What changed between two metric runs (graph/metrics/run_diff.py, metricRunDiff)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.metrics.job import RunParams, run_metrics
from graph.metrics.run_diff import Move, Reshaped, diff, ranks, reshaped
from graph.model import Agreement, AgreementParty, Partner
from graph.queries import NamedQuery
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import gql

AS_OF = dt.date(2024, 1, 1)
Q = """query($from: ID, $to: ID) { metricRunDiff(from: $from, to: $to) {
  earlier { id } later { id } removedCount
  added { totalCount partners { id } }
  movers { partner { id } before after change }
  splits { community parts } merges { community parts }
  newlyIsolated { totalCount partners { id } }
  newlyArticulation { partners { id } }
  noLongerArticulation { totalCount partners { id } } } }"""


def mou(store: Store, name: str, members: list[str], status: str = "active") -> None:
    write_records(store, [Agreement(id=name, title=name, kind="mou", status=status,
                                    signed_on="2020-01-01", tlp="green")], "test")
    write_records(store, [AgreementParty(agreement_id=name, partner_id=p) for p in members],
                  "test")


def partners(store: Store, *ids: str) -> None:
    write_records(store, [Partner(id=p, name=p.upper(), kind="law_enforcement", country="FR")
                          for p in ids], "test")


@pytest.fixture
def two_runs(store: Store) -> tuple[Store, str, str]:
    # Europe's clique and Africa's, joined only through INTERPOL; "solo" hangs off NCA.
    partners(store, "europol", "bka", "nca", "ocrvp", "afripol", "npf", "kps", "interpol",
             "solo", "gone")
    mou(store, "mou-europe", ["europol", "bka", "nca", "ocrvp"])
    mou(store, "mou-africa", ["afripol", "npf", "kps"])
    mou(store, "mou-link-eu", ["interpol", "europol"])
    mou(store, "mou-link-af", ["interpol", "afripol"])
    mou(store, "mou-solo", ["solo", "nca"])
    first = run_metrics(store, RunParams(as_of=AS_OF)).run_id
    # Then: Europol and AFRIPOL sign directly, the MoU with "solo" ends, Africa grows, and
    # one partner is deleted.
    mou(store, "mou-direct", ["europol", "afripol"])
    mou(store, "mou-solo", ["solo", "nca"], status="terminated")
    partners(store, "gps", "saps")
    mou(store, "mou-africa", ["afripol", "npf", "kps", "gps", "saps"])
    store.write(NamedQuery("test", "MATCH (p:Partner {id: 'gone'}) DETACH DELETE p",
                           frozenset()))
    second = run_metrics(store, RunParams(as_of=AS_OF)).run_id
    return store, first, second


def test_the_latest_run_against_the_one_before(two_runs, client) -> None:
    _, first, second = two_runs
    found = gql(client, Q)["metricRunDiff"]
    assert (found["earlier"]["id"], found["later"]["id"]) == (first, second)
    assert found["added"] == {"totalCount": 2, "partners": [{"id": "gps"}, {"id": "saps"}]}
    assert found["removedCount"] == 1
    assert found["newlyIsolated"] == {"totalCount": 1, "partners": [{"id": "solo"}]}
    # INTERPOL no longer holds the two cliques together, nor NCA "solo"; Europol and
    # AFRIPOL still hold their own cliques to the rest.
    assert found["noLongerArticulation"] == {
        "totalCount": 2, "partners": [{"id": "interpol"}, {"id": "nca"}]}
    assert found["newlyArticulation"] == {"partners": []}
    changes = [abs(m["change"]) for m in found["movers"]]
    assert changes == sorted(changes, reverse=True) and changes[0] > 0
    for m in found["movers"]:
        assert m["change"] == m["before"] - m["after"]
    assert gql(client, Q, {"from": first, "to": second})["metricRunDiff"] == found


def test_one_run_has_nothing_to_compare_with(store, client) -> None:
    partners(store, "a", "b")
    mou(store, "m", ["a", "b"])
    run_metrics(store, RunParams(as_of=AS_OF))
    assert gql(client, Q)["metricRunDiff"] is None


def test_an_unknown_or_partial_run_is_bad_input(two_runs, client) -> None:
    store, first, second = two_runs
    body = gql(client, Q, {"from": "run-nope"}, ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'run-nope'" in body["errors"][0]["message"]
    body = gql(client, Q, {"from": second, "to": first}, ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "is not earlier than" in body["errors"][0]["message"]
    partial = run_metrics(store, RunParams(as_of=AS_OF, partner_kinds=("law_enforcement",)))
    body = gql(client, Q, {"from": first, "to": partial.run_id}, ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "partial" in body["errors"][0]["message"]


# --- the pure comparison -----------------------------------------------------------------


def values(**by_partner: tuple[float, int, int, bool]) -> dict[str, dict]:
    return {p: {"m_pagerank": v, "m_community": c, "m_degree": d, "m_articulation": a}
            for p, (v, c, d, a) in by_partner.items()}


def test_movers_are_the_largest_changes_of_rank_either_way() -> None:
    before = values(a=(0.4, 0, 2, False), b=(0.3, 0, 2, False), c=(0.2, 0, 2, False),
                    d=(0.1, 0, 2, False))
    after = values(a=(0.1, 0, 2, False), b=(0.3, 0, 2, False), c=(0.2, 0, 2, False),
                   d=(0.4, 0, 2, False))
    assert ranks(before, "m_pagerank") == {"a": 1, "b": 2, "c": 3, "d": 4}
    found = diff(before, after, top=2)
    assert found.movers == (Move("a", 1, 4), Move("d", 4, 1))
    assert [m.change for m in found.movers] == [-3, 3]


def test_equal_values_share_a_place_and_a_value_that_held_is_no_move() -> None:
    before = values(a=(3, 0, 3, False), b=(2, 0, 2, False), c=(2, 0, 2, False))
    # A new partner joins at the top; b's value holds, c's rises to a's.
    after = values(n=(5, 0, 5, False), a=(3, 0, 3, False), b=(2, 0, 2, False),
                   c=(3, 0, 3, False))
    assert ranks(before, "m_pagerank") == {"a": 1, "b": 2, "c": 2}
    assert ranks(after, "m_pagerank") == {"n": 1, "a": 2, "c": 2, "b": 4}
    assert diff(before, after).movers == ()  # c holds place 2; a and b hold their values
    after["c"]["m_pagerank"] = 6
    assert diff(before, after).movers == (Move("c", 2, 1),)


def test_splits_and_mergers_need_a_quarter_and_two_members() -> None:
    before = {p: 0 for p in "abcdefgh"} | {"x": 1, "y": 1}
    # a–d stay in 0, e–g go to 3, h alone to 4 (one member: no part), x and y join 0.
    after = {p: 0 for p in "abcd"} | {p: 3 for p in "efg"} | {"h": 4, "x": 0, "y": 0}
    assert reshaped(before, after, 0.25) == (Reshaped(0, (0, 3)),)
    assert reshaped(after, before, 0.25) == (Reshaped(0, (0, 1)),)
    assert reshaped(before, after, 0.5) == ()


def test_removed_partners_are_counted_from_the_earlier_runs_count() -> None:
    before = values(a=(0.5, 0, 1, False), b=(0.5, 0, 1, False))
    assert diff(before, before, measured_before=3).removed == 1
    assert diff(before, before).removed == 0
