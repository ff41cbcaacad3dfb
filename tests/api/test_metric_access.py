"""Metric results are read only by callers whose access reaches the run's TLP ceiling."""

from __future__ import annotations

import datetime as dt

import pytest

from api.app import create_app
from graph.metrics.job import RunParams, run_metrics
from graph.model import TLP, Role
from graph.store import Store
from tests.api.conftest import TestClient, bearer, gql

METRIC_READS = {
    "rankings": "{ rankings(metric: PAGERANK) { partner { id } } }",
    "countryRankings": "{ countryRankings(metric: BETWEENNESS) { country { code } } }",
    "country.metrics": '{ country(code: "NG") { metrics { betweenness } } }',
    "metricRunDiff": "{ metricRunDiff { removedCount } }",
    "country.coverageFindings": '{ country(code: "NG") { coverageFindings { kind } } }',
    "partner.metrics": '{ partner(id: "ng-police") { metrics { pagerank } } }',
    "trustedPath": '{ trustedPath(from: "ng-police", to: "group-ib") { cost } }',
    "communities": "{ communities { id } }",
    "networkSummary": "{ networkSummary { nodes } }",
    "coverageGaps": "{ coverageGaps { kind } }",
    "latestMetricRun": "{ latestMetricRun { id } }",
    "metric filter": "{ partners(filter: {metrics: [{metric: PAGERANK, gt: 0}]}) { totalCount } }",
    "metric sort": "{ partners(orderBy: {field: PAGERANK}) { totalCount } }",
    "community counts": "{ counts(of: PARTNER, by: COMMUNITY) { count } }",
}


def _client(store: Store, settings, role: Role, clearance: TLP) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(settings), headers=bearer(store, role, clearance))


def _run(store: Store, ceiling: TLP) -> None:
    run_metrics(store, RunParams(as_of=dt.date(2026, 6, 30), tlp_max=ceiling.rank))


@pytest.mark.parametrize("read", list(METRIC_READS))
def test_a_viewer_may_not_read_metrics_computed_over_amber(known, settings, read: str) -> None:
    _run(known, TLP.AMBER)
    with _client(known, settings, Role.VIEWER, TLP.GREEN) as client:
        body = gql(client, METRIC_READS[read], ok=False)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "TLP:AMBER" in body["errors"][0]["message"]


@pytest.mark.parametrize("read", list(METRIC_READS))
def test_an_analyst_reads_amber_metrics_but_not_red_ones(known, settings, read: str) -> None:
    _run(known, TLP.AMBER)
    with _client(known, settings, Role.ANALYST, TLP.AMBER) as client:
        gql(client, METRIC_READS[read])  # no error
        _run(known, TLP.RED)
        body = gql(client, METRIC_READS[read], ok=False)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_an_admin_reads_metrics_of_any_ceiling(known, settings) -> None:
    _run(known, TLP.RED)
    with _client(known, settings, Role.ADMIN, TLP.GREEN) as client:
        for query in METRIC_READS.values():
            gql(client, query)


def test_runs_and_history_beyond_the_callers_reach_read_as_missing(known, settings) -> None:
    _run(known, TLP.GREEN)
    _run(known, TLP.AMBER)
    with _client(known, settings, Role.VIEWER, TLP.GREEN) as client:
        runs = gql(client, "{ metricRuns { id params } }")["metricRuns"]
        assert [r["params"]["tlp_max"] for r in runs] == [TLP.GREEN.rank]
        history = gql(client, '{ partner(id: "ng-police") { metricHistory(metric: PAGERANK) '
                              '{ runId } } }')["partner"]["metricHistory"]
        assert [h["runId"] for h in history] == [runs[0]["id"]]
    with _client(known, settings, Role.ANALYST, TLP.AMBER) as client:
        assert len(gql(client, "{ metricRuns { id } }")["metricRuns"]) == 2


def test_the_drawing_data_degrades_to_the_bare_network(known, settings) -> None:
    _run(known, TLP.AMBER)
    with _client(known, settings, Role.VIEWER, TLP.GREEN) as client:
        net = gql(client, "{ networkCompact { run { id } ids values communities sources } }")
    net = net["networkCompact"]
    assert net["run"] is None and net["ids"]
    assert set(net["values"]) == {None} and set(net["communities"]) == {None}


def test_node_lookup_of_a_run_beyond_reach_reads_as_missing(known, settings) -> None:
    _run(known, TLP.AMBER)
    with _client(known, settings, Role.ADMIN, TLP.GREEN) as admin:
        run_id = gql(admin, "{ latestMetricRun { id } }")["latestMetricRun"]["id"]
    with _client(known, settings, Role.VIEWER, TLP.GREEN) as viewer:
        assert gql(viewer, f'{{ node(id: "MetricRun:{run_id}") {{ nodeId }} }}')["node"] is None


def test_a_run_started_over_the_api_covers_no_more_than_its_caller_reads(known, settings) -> None:
    with _client(known, settings, Role.ANALYST, TLP.GREEN) as analyst:
        run = gql(analyst, "mutation { runMetrics { __typename ... on MetricRun { params } } }")
        assert run["runMetrics"]["params"]["tlp_max"] == TLP.GREEN.rank
        gql(analyst, "{ rankings(metric: PAGERANK) { rank } }")  # and may read it
