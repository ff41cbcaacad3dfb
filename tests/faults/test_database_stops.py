"""Neo4j stops for real (the local server is shut down) while the API serves and while a
metric run writes: callers get a bounded, honest answer, and nothing half-done is shown."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from api.app import create_app
from graph import localdb
from graph.config import Settings
from graph.metrics.job import RunParams, latest_run, run_metrics
from graph.store import Store, StoreError
from tests.api.conftest import TestClient, bearer, load_known_graph

QUERY = {"query": "{ partners { totalCount } }"}


def _start_again() -> None:
    # Through the CLI, as an operator would: the launcher outlives this process.
    started = subprocess.run([sys.executable, "-c", "from api.cli import main; main()",
                              "db", "start"], capture_output=True, text=True, check=False)
    assert started.returncode == 0, started.stderr


@pytest.fixture
def restart_after(settings: Settings) -> Iterator[None]:
    if not localdb.status(settings).running:
        pytest.fail("these tests stop and restart the local Neo4j; NEO4J_URI points elsewhere")
    try:
        yield
    finally:
        if not localdb.status(settings).running:
            _start_again()


def test_the_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(
        store: Store, settings: Settings, restart_after: None) -> None:
    load_known_graph(store)
    headers = bearer(store)
    with TestClient(create_app(settings), headers=headers) as client:
        assert client.post("/graphql", json=QUERY).status_code == 200
        localdb.stop(settings)
        began = time.monotonic()
        down = client.post("/graphql", json=QUERY)
        waited = time.monotonic() - began
        ready = client.get("/readyz")
        _start_again()
        up = client.post("/graphql", json=QUERY)
    assert down.status_code == 503 and down.headers["retry-after"]
    assert down.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    assert waited < 60  # bounded by the API store's retry budget, not a hang
    assert ready.status_code == 503
    assert up.status_code == 200 and up.json()["data"]["partners"]["totalCount"] == 6


def test_a_metric_run_cut_off_by_a_stop_never_becomes_the_latest(
        store: Store, settings: Settings, restart_after: None) -> None:
    load_known_graph(store)
    params = RunParams(as_of=dt.date(2026, 6, 30))
    first = run_metrics(store, params)

    def stop_while_writing(step: str, *_: int) -> None:
        if step == "write_trusts":
            localdb.stop(settings)

    with Store(settings, retry_seconds=1, connect_timeout=2) as impatient:
        with pytest.raises(StoreError):
            run_metrics(impatient, params, progress=stop_while_writing)
    _start_again()

    assert latest_run(store)["id"] == first.run_id  # the cut-off run is not the latest
    again = run_metrics(store, params)
    assert latest_run(store)["id"] == again.run_id
    assert again.graph_hash == first.graph_hash
