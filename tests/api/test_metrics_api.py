"""Metric fields over a real metric run on the known graph (graph/metrics/job.py)."""

from __future__ import annotations

import math

import pytest

from tests.api.conftest import gql

RUN = """mutation { runMetrics { __typename
  ... on MetricRun { id status summary }
  ... on InvalidInput { message problems { field } } } }"""


@pytest.fixture
def run(known, client) -> dict:
    result = gql(client, RUN)["runMetrics"]
    assert result["__typename"] == "MetricRun"
    return result


def test_run_metrics_returns_the_complete_run(run, client) -> None:
    assert run["status"] == "complete"
    s = run["summary"]
    # Red a-secret is above the run's TLP ceiling (amber), so lonely-uni is isolated.
    assert (s["nodes"], s["edges"], s["components"], s["isolated"], s["diameter"]) == (
        6, 6, 2, 1, 3)
    latest = gql(client, "{ latestMetricRun { id } metricRuns { id status } }")
    assert latest["latestMetricRun"]["id"] == run["id"]
    assert latest["metricRuns"] == [{"id": run["id"], "status": "complete"}]
    node = gql(client, f'{{ node(id: "MetricRun:{run["id"]}") {{ nodeId }} }}')
    assert node["node"]["nodeId"] == f"MetricRun:{run['id']}"


def test_run_metrics_on_an_empty_graph_is_invalid_input(store, client) -> None:
    result = gql(client, RUN)["runMetrics"]
    assert result["__typename"] == "InvalidInput"


def test_rankings_by_degree_with_and_without_filter(run, client) -> None:
    data = gql(client, """{
        all: rankings(metric: DEGREE, top: 4) { rank value partner { id } }
        private: rankings(metric: DEGREE, filter: {kind: {eq: PRIVATE_SECTOR}}) {
          rank value partner { id } } }""")
    assert data["all"] == [
        {"rank": 1, "value": 3.0, "partner": {"id": "fr-gendarmerie"}},
        {"rank": 2, "value": 3.0, "partner": {"id": "interpol"}},
        {"rank": 3, "value": 3.0, "partner": {"id": "ng-police"}},
        {"rank": 4, "value": 2.0, "partner": {"id": "group-ib"}}]
    assert data["private"] == [{"rank": 1, "value": 2.0, "partner": {"id": "group-ib"}},
                               {"rank": 2, "value": 1.0, "partner": {"id": "trend-micro"}}]


def test_partner_metrics_history_and_metric_filters(run, client) -> None:
    second = gql(client, RUN)["runMetrics"]
    data = gql(client, """{ partner(id: "ng-police") {
        metrics { degree articulation runId }
        metricHistory(metric: DEGREE) { runId value } }
      partners(filter: {metrics: [{metric: DEGREE, gte: 2}]}, orderBy: {field: DEGREE,
               direction: DESC}) { totalCount }
      none: partners(filter: {metrics: [{metric: DEGREE, gt: 3}]}) { totalCount }
      cut: partners(filter: {articulation: true}) { edges { node { id } } } }""")
    p = data["partner"]
    assert p["metrics"] == {"degree": 3.0, "articulation": False, "runId": second["id"]}
    assert p["metricHistory"] == [{"runId": run["id"], "value": 3.0},
                                  {"runId": second["id"], "value": 3.0}]
    assert data["partners"]["totalCount"] == 4 and data["none"]["totalCount"] == 0
    # trend-micro hangs on fr-gendarmerie alone (its red tie is above the run's ceiling).
    assert data["cut"]["edges"] == [{"node": {"id": "fr-gendarmerie"}}]


def test_partner_without_a_run_has_no_metrics(known, client) -> None:
    data = gql(client, '{ partner(id: "ng-police") { metrics { degree } '
                       'metricHistory(metric: PAGERANK) { value } } networkSummary { nodes } }')
    assert data == {"partner": {"metrics": None, "metricHistory": []}, "networkSummary": None}


TRUST = 'query($a: ID!, $b: ID!) { trust(from: $a, to: $b) { score components { id source share } } }'


def trust(client, a: str, b: str) -> float:
    return gql(client, TRUST, {"a": a, "b": b})["trust"]["score"]


def test_trust_with_its_explanation(run, client) -> None:
    t = gql(client, TRUST, {"a": "ng-police", "b": "group-ib"})["trust"]
    assert {c["id"] for c in t["components"]} == {"a-ng-gib", "op-bec", None}
    assert sum(c["share"] for c in t["components"]) == pytest.approx(t["score"])
    # They share nothing: the prior alone.
    assert gql(client, TRUST, {"a": "ng-police", "b": "lonely-uni"})["trust"] == {
        "score": 0.5, "components": [{"id": None, "source": "prior", "share": 0.5}]}


def test_trusted_path_minimises_the_sum_of_minus_log_trust(run, client) -> None:
    q = """{ trustedPath(from: "group-ib", to: "fr-gendarmerie") { cost length partners { id }
             hops { from { id } to { id } agreements { id } activities { id } } } }"""
    path = gql(client, q)["trustedPath"]
    chain = [p["id"] for p in path["partners"]]
    assert chain[0] == "group-ib" and chain[-1] == "fr-gendarmerie"
    cost = sum(-math.log(trust(client, a, b)) for a, b in zip(chain, chain[1:]))
    assert path["cost"] == pytest.approx(cost)
    for middle in ("ng-police", "interpol"):  # the two 2-hop alternatives
        alternative = (-math.log(trust(client, "group-ib", middle))
                       - math.log(trust(client, middle, "fr-gendarmerie")))
        assert path["cost"] <= alternative + 1e-12
    assert all(h["agreements"] or h["activities"] for h in path["hops"])
    nothing = gql(client, '{ trustedPath(from: "group-ib", to: "lonely-uni") { cost } }')
    assert nothing["trustedPath"] is None


def test_communities_partition_the_partners(run, client) -> None:
    data = gql(client, "{ communities(members: 100) { id size members { id } regions { region members } } }")
    members = [m["id"] for c in data["communities"] for m in c["members"]]
    assert sorted(members) == sorted(["ng-police", "group-ib", "interpol", "trend-micro",
                                      "fr-gendarmerie", "lonely-uni"])
    assert [c["size"] for c in data["communities"]] == sorted(
        (c["size"] for c in data["communities"]), reverse=True)
    assert all(sum(r["members"] for r in c["regions"]) == c["size"] for c in data["communities"])


def test_network_nodes_and_weighted_edges(run, client) -> None:
    data = gql(client, """{ network { truncated nodes { partner { id } community }
        edges { source target weight agreements activities } } }""")
    net = data["network"]
    assert net["truncated"] is False and len(net["nodes"]) == 6
    assert net["edges"] == [
        {"source": "fr-gendarmerie", "target": "interpol", "weight": 2, "agreements": 2, "activities": 0},
        {"source": "fr-gendarmerie", "target": "ng-police", "weight": 1, "agreements": 1, "activities": 0},
        {"source": "fr-gendarmerie", "target": "trend-micro", "weight": 1, "agreements": 0, "activities": 1},
        {"source": "group-ib", "target": "interpol", "weight": 1, "agreements": 0, "activities": 1},
        {"source": "group-ib", "target": "ng-police", "weight": 2, "agreements": 1, "activities": 1},
        {"source": "interpol", "target": "ng-police", "weight": 2, "agreements": 1, "activities": 1},
        {"source": "lonely-uni", "target": "trend-micro", "weight": 1, "agreements": 1, "activities": 0},
    ]
    europe = gql(client, "{ network(filter: {region: {eq: EUROPE}}) { nodes { partner { id } } edges { source target } } }")
    assert europe["network"]["edges"] == [{"source": "fr-gendarmerie", "target": "interpol"}]


def test_compact_network_has_the_same_ties_as_parallel_arrays(run, client) -> None:
    net = gql(client, "{ networkCompact { ids sources targets weights } }")["networkCompact"]
    ids = net["ids"]
    ties = {tuple(sorted((ids[s], ids[t]))) + (w,)
            for s, t, w in zip(net["sources"], net["targets"], net["weights"], strict=True)}
    assert len(ties) == len(net["sources"])
    assert ties == {
        ("fr-gendarmerie", "interpol", 2), ("fr-gendarmerie", "ng-police", 1),
        ("fr-gendarmerie", "trend-micro", 1), ("group-ib", "interpol", 1),
        ("group-ib", "ng-police", 2), ("interpol", "ng-police", 2),
        ("lonely-uni", "trend-micro", 1)}


def test_coverage_gaps_filtered_by_region_and_summary(run, client) -> None:
    data = gql(client, "{ all: coverageGaps { kind subject detail } "
                       "  africa: coverageGaps(region: AFRICA) { kind subject detail } "
                       "  networkSummary { nodes edges components isolated diameter communities } }")
    expected = [g for g in data["all"]
                if (g["kind"] == "region_gap" and g["subject"] == "AFR")
                or (g["kind"] == "country_gap" and g["detail"].get("region") == "AFR")]
    assert data["africa"] == expected and expected
    assert {g["kind"] for g in data["all"]} >= {"country_gap", "focus_gap"}
    s = data["networkSummary"]
    assert (s["nodes"], s["edges"], s["components"], s["isolated"], s["diameter"]) == (
        6, 6, 2, 1, 3)
    assert s["communities"] == len(gql(client, "{ communities { id } }")["communities"])


def test_run_metrics_takes_the_gap_thresholds(known, client) -> None:
    result = gql(client, """mutation { runMetrics(windowDays: 30, expiringDays: 400) {
        __typename ... on MetricRun { params } } }""")["runMetrics"]
    assert (result["params"]["window_days"], result["params"]["expiring_days"]) == (30, 400)
    bad = gql(client, """mutation { runMetrics(windowDays: 0, expiringDays: 40000) {
        __typename ... on InvalidInput { message problems { field } } } }""")["runMetrics"]
    assert bad["__typename"] == "InvalidInput"
    assert [p["field"] for p in bad["problems"]] == ["windowDays", "expiringDays"]
    assert "between 1 and 36500 days" in bad["message"]
