"""Rankings either way, with percentiles, within a region or a kind (graph/reads/rankings.py)
on a small graph whose constraints are worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from scipy.stats import percentileofscore

from graph.metrics.job import RunParams, run_metrics
from graph.model import Agreement, AgreementParty, Partner
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import gql

# A star (hub with three leaves), a separate pair, and a partner with no tie. Every tie is
# one bilateral MoU of the same date, so all weights are equal and Burt's constraint is
# c_hub = 3·(1/3)² = 1/3; c = 1² = 1 for each leaf and each of the pair; none for solo.
PARTNERS = [
    Partner(id="hub", name="Hub", kind="international_org", country="FR"),
    Partner(id="l1", name="Leaf one", kind="law_enforcement", country="FR"),
    Partner(id="l2", name="Leaf two", kind="law_enforcement", country="NG"),
    Partner(id="l3", name="Leaf three", kind="law_enforcement", country="KE"),
    Partner(id="p1", name="Pair one", kind="cert", country="JP"),
    Partner(id="p2", name="Pair two", kind="cert", country="SG"),
    Partner(id="solo", name="Solo", kind="academia", country="US"),
]
TIES = [("hub", "l1"), ("hub", "l2"), ("hub", "l3"), ("p1", "p2")]


@pytest.fixture
def ranked(store: Store) -> Store:
    agreements = [Agreement(id=f"mou-{a}-{b}", title=f"MoU {a}–{b}", kind="mou",
                            status="active", signed_on="2020-01-01", tlp="green")
                  for a, b in TIES]
    parties = [AgreementParty(agreement_id=f"mou-{a}-{b}", partner_id=p)
               for a, b in TIES for p in (a, b)]
    for records in (PARTNERS, agreements, parties):
        write_records(store, records, "test")
    run_metrics(store, RunParams(as_of=dt.date(2024, 1, 1)))
    return store


Q = """query($m: MetricName!, $o: SortDirection!, $top: Int!, $f: PartnerFilter) {
  rankings(metric: $m, order: $o, top: $top, filter: $f) {
    rank value percentile outOf partner { id } } }"""


def rank(client, metric: str, order: str, top: int = 10, filter: dict | None = None) -> list:
    return gql(client, Q, {"m": metric, "o": order, "top": top, "f": filter})["rankings"]


def test_ascending_constraint_puts_the_broker_first(ranked, client) -> None:
    up = rank(client, "CONSTRAINT", "ASC")
    assert [(r["rank"], r["partner"]["id"]) for r in up] == [
        (1, "hub"), (2, "l1"), (3, "l2"), (4, "l3"), (5, "p1"), (6, "p2"), (7, "solo")]
    assert up[0]["value"] == pytest.approx(1 / 3)
    assert [r["value"] for r in up[1:6]] == pytest.approx([1.0] * 5)
    # Six partners have a constraint; one (hub) is at or below 1/3, all six at or below 1.
    assert up[0]["percentile"] == pytest.approx(100 / 6)
    assert [r["percentile"] for r in up[1:6]] == pytest.approx([100.0] * 5)
    assert up[6]["value"] is None and up[6]["percentile"] is None
    assert {r["outOf"] for r in up} == {6}


def test_descending_constraint_puts_the_most_constrained_first(ranked, client) -> None:
    down = rank(client, "CONSTRAINT", "DESC")
    assert [r["partner"]["id"] for r in down] == ["l1", "l2", "l3", "p1", "p2", "hub", "solo"]
    assert down[5]["percentile"] == pytest.approx(100 / 6)  # the value's, whatever the order


def test_percentiles_of_a_page_cut_inside_a_tie(ranked, client) -> None:
    # The second entry's value (1.0) is shared by four more partners beyond the page.
    up = rank(client, "CONSTRAINT", "ASC", top=2)
    assert [r["percentile"] for r in up] == pytest.approx([100 / 6, 100.0])
    values = [r["value"] for r in rank(client, "DEGREE", "ASC") if r["value"] is not None]
    for order in ("ASC", "DESC"):
        for r in rank(client, "DEGREE", order, top=3):
            assert r["percentile"] == pytest.approx(
                percentileofscore(values, r["value"], kind="weak"))


def test_rankings_within_a_region_or_a_kind(ranked, client) -> None:
    africa = rank(client, "CONSTRAINT", "ASC", filter={"region": {"eq": "AFRICA"}})
    assert [(r["partner"]["id"], r["percentile"], r["outOf"]) for r in africa] == [
        ("l2", 100.0, 2), ("l3", 100.0, 2)]
    orgs = rank(client, "CONSTRAINT", "ASC", filter={"kind": {"eq": "INTERNATIONAL_ORG"}})
    assert [(r["partner"]["id"], r["percentile"], r["outOf"]) for r in orgs] == [
        ("hub", 100.0, 1)]
    nobody = rank(client, "CONSTRAINT", "ASC", filter={"kind": {"eq": "NGO"}})
    assert nobody == []


def test_ranking_order_defaults_to_highest_first(ranked, client) -> None:
    data = gql(client, "{ rankings(metric: CONSTRAINT, top: 1) { partner { id } } }")
    assert data["rankings"] == [{"partner": {"id": "l1"}}]
