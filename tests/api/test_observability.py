"""/metrics (Prometheus), /healthz and /readyz."""

from __future__ import annotations

import re

from tests.api.conftest import gql


def metric(text: str, name: str, labels: str = "") -> float:
    pattern = rf"^{re.escape(name)}{re.escape(labels)} (\S+)$"
    found = re.search(pattern, text, re.M)
    return float(found[1]) if found else 0.0


def test_metrics_count_requests_latencies_and_round_trips(store, client) -> None:
    before = client.get("/metrics").text
    gql(client, "{ regions { code } }")
    gql(client, "{ regions { code } }")
    after = client.get("/metrics").text
    label = '{method="POST",path="/graphql",status="200"}'
    assert metric(after, "partnergraph_http_requests_total", label) - metric(
        before, "partnergraph_http_requests_total", label) == 2
    assert metric(after, "partnergraph_http_request_seconds_count", '{path="/graphql"}') >= 2
    assert metric(after, "partnergraph_api_cache_hits_total") - metric(
        before, "partnergraph_api_cache_hits_total") == 1
    assert metric(after, "partnergraph_api_cache_bytes") > 0
    # The first: the graph's version and the query; the second, a cache hit: the version.
    assert metric(after, "partnergraph_db_round_trips_total") - metric(
        before, "partnergraph_db_round_trips_total") == 3


def test_health_endpoints(store, client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "database": "ok"}
