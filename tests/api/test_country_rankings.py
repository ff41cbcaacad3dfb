"""Member countries ranked at country level (graph/metrics/country_level.py), through
Neo4j and the API, on the hand-computed network of tests/graph/metrics/test_country_level.py:
Nigeria's police links an African and a European operation, its government is party to a
convention with South Africa's, the Council of Europe its depositary."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.metrics.job import RunParams, run_metrics
from graph.model import Activity, ActivityParticipant, Agreement, AgreementParty, Partner
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import gql

POLICE = {"ng-police": "NG", "ke-police": "KE", "gh-police": "GH", "fr-police": "FR",
          "de-police": "DE"}
PARTNERS = [
    *(Partner(id=pid, name=f"{code} police", kind="law_enforcement", country=code)
      for pid, code in POLICE.items()),
    Partner(id="ng-gov", name="Government of Nigeria", kind="government", country="NG"),
    Partner(id="za-gov", name="Government of South Africa", kind="government", country="ZA"),
    Partner(id="coe", name="Council of Europe", kind="international_org", country="FR"),
    Partner(id="ng-bank", name="Lagos Bank", kind="private_sector", country="NG"),
]
ACTIVITIES = [
    Activity(id=op, name=op, kind="operation", status="completed", start="2025-03-01",
             end="2025-03-31", tlp="green") for op in ("op-africa", "op-europe")]
PARTICIPANTS = [
    *(ActivityParticipant(activity_id="op-africa", partner_id=p)
      for p in ("ng-police", "ke-police", "gh-police")),
    ActivityParticipant(activity_id="op-africa", partner_id="ng-bank", role="private_partner"),
    *(ActivityParticipant(activity_id="op-europe", partner_id=p)
      for p in ("ng-police", "fr-police", "de-police")),
]
AGREEMENTS = [Agreement(id="convention", title="Convention", kind="convention",
                        status="active", binding=True, signed_on="2020-01-01", tlp="clear")]
PARTIES = [AgreementParty(agreement_id="convention", partner_id="ng-gov", role="party"),
           AgreementParty(agreement_id="convention", partner_id="za-gov", role="party"),
           AgreementParty(agreement_id="convention", partner_id="coe", role="depositary")]

Q = """query($m: CountryMetricName!, $o: SortDirection! = DESC, $r: RegionCode, $top: Int! = 10) {
  countryRankings(metric: $m, order: $o, region: $r, top: $top) {
    rank value percentile outOf actors runId country { code name regionCode } } }"""


@pytest.fixture
def measured(store: Store) -> Store:
    for records in (PARTNERS, ACTIVITIES, PARTICIPANTS, AGREEMENTS, PARTIES):
        write_records(store, records, "test")
    run_metrics(store, RunParams(as_of=dt.date(2025, 6, 1)))
    return store


def ranking(client, metric: str, **args) -> list[dict]:
    names = {"order": "o", "region": "r", "top": "top"}
    variables = {"m": metric} | {names[k]: v for k, v in args.items()}
    return gql(client, Q, variables)["countryRankings"]


def test_the_country_that_links_two_regions_outranks_the_one_that_only_signed(
        measured, client) -> None:
    ranked = ranking(client, "BETWEENNESS")
    assert [r["country"]["code"] for r in ranked][:1] == ["NG"]
    by_code = {r["country"]["code"]: r for r in ranked}
    # 8 nodes at country level; Nigeria is on the shortest paths of 16 pairs (see the pure
    # test); every other country on none.
    assert by_code["NG"]["value"] == pytest.approx(2 * 16 / (7 * 6))
    assert by_code["ZA"]["value"] == 0.0
    assert by_code["NG"]["actors"] == 2 and by_code["ZA"]["actors"] == 1
    assert by_code["NG"]["country"] == {"code": "NG", "name": "Nigeria", "regionCode": "AFRICA"}
    # Countries only: the Council of Europe and the bank are in the graph, not the ranking.
    assert set(by_code) == {"NG", "KE", "GH", "FR", "DE", "ZA"}
    assert {r["outOf"] for r in ranked} == {6}
    assert by_code["NG"]["percentile"] == 100.0
    assert by_code["ZA"]["percentile"] == pytest.approx(100 * 5 / 6)  # five at 0
    latest = gql(client, "{ latestMetricRun { id } }")["latestMetricRun"]["id"]
    assert {r["runId"] for r in ranked} == {latest}


def test_at_partner_level_the_same_network_ranks_the_government_as_no_broker(
        measured, client) -> None:
    found = gql(client, """{ rankings(metric: BETWEENNESS, top: 20) {
        value partner { id } } }""")["rankings"]
    values = {r["partner"]["id"]: r["value"] for r in found}
    assert values["ng-gov"] == 0.0
    assert values["ng-police"] == pytest.approx(2 * 6 / (8 * 7))


def test_ascending_order_and_a_region(measured, client) -> None:
    up = ranking(client, "BETWEENNESS", order="ASC")
    assert [r["country"]["code"] for r in up] == ["DE", "FR", "GH", "KE", "ZA", "NG"]
    africa = ranking(client, "BETWEENNESS", region="AFRICA")
    assert [r["country"]["code"] for r in africa] == ["NG", "GH", "KE", "ZA"]
    assert {r["outOf"] for r in africa} == {4}
    assert [r["rank"] for r in ranking(client, "DEGREE", top=2)] == [1, 2]


def test_before_any_metric_run_the_ranking_is_empty(store, client) -> None:
    write_records(store, PARTNERS, "test")
    assert ranking(client, "BETWEENNESS") == []


def test_a_country_carries_its_country_level_metrics(measured, client) -> None:
    found = gql(client, """{ ng: country(code: "Nigeria") { metrics {
          betweenness degree articulation regionsSpanned actors runId } }
        za: country(code: "ZA") { metrics { betweenness actors } }
        jp: country(code: "JP") { metrics { betweenness } } }""")
    ng = found["ng"]["metrics"]
    assert ng["betweenness"] == pytest.approx(2 * 16 / (7 * 6))
    assert (ng["degree"], ng["articulation"], ng["regionsSpanned"], ng["actors"]) == (
        7, True, 1, 2)
    assert found["za"]["metrics"] == {"betweenness": 0.0, "actors": 1}
    assert found["jp"]["metrics"] is None  # no organisation of Japan in the graph
    ranked = ranking(client, "BETWEENNESS", top=1)
    assert ng["runId"] == ranked[0]["runId"]


def test_country_metrics_are_null_before_the_first_run(store, client) -> None:
    write_records(store, PARTNERS, "test")
    assert gql(client, '{ country(code: "NG") { metrics { betweenness } } }') == {
        "country": {"metrics": None}}
