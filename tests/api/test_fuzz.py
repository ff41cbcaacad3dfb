"""Schemathesis generates queries and mutations from the exported schema and sends them to
the app over the real Neo4j: no input may crash it (500, INTERNAL) or leak a trace."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from api.app import create_app
from graph.admin import wipe
from graph.config import PROJECT_ROOT
from graph.store import Store
from tests.api.conftest import TestClient, bearer, load_known_graph

# Files cannot travel inline; a string in their place must be refused cleanly. (Real uploads
# are fuzzed by the importer's tests.)
schemathesis.graphql.scalar("Upload", st.just(nodes.String("not-a-file")))
SCHEMA = schemathesis.graphql.from_path(PROJECT_ROOT / "docs" / "schema.graphql")
EXPECTED_STATUS = {200, 400, 413}  # answered, refused as malformed, refused as too large


@pytest.fixture(scope="module")
def fuzz_client(session_store: Store, neo4j_server) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    wipe(session_store)
    load_known_graph(session_store)
    # The rate limit is tested elsewhere; here it would only slow the fuzzing down.
    relaxed = dataclasses.replace(neo4j_server, api_rate_per_minute=10**6, api_rate_burst=10**6)
    with TestClient(create_app(relaxed), headers=bearer(session_store)) as client:
        yield client


@SCHEMA.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_generated_operations_never_crash_or_leak(case, fuzz_client: TestClient) -> None:  # type: ignore[no-untyped-def]
    body = case.as_transport_kwargs(base_url="http://testserver")["json"]
    response = fuzz_client.post("/graphql", json=body)
    assert response.status_code in EXPECTED_STATUS, response.text
    assert "Traceback (most recent" not in response.text
    assert "neo4j.exceptions" not in response.text and "bolt://" not in response.text
    for error in response.json().get("errors") or []:
        assert error["extensions"]["code"] != "INTERNAL", (body, error)
