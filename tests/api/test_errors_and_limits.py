"""Error codes, masking, the database outage path (503), limits, and transport rules."""

from __future__ import annotations

import dataclasses
import json
import socket

import pytest

from api.app import create_app
from graph.queries import named
from tests.api.conftest import TestClient, gql


def codes(body: dict) -> list[str]:
    return [e["extensions"]["code"] for e in body["errors"]]


def test_unexpected_errors_are_masked_as_internal_without_a_trace(known, client) -> None:
    # A partner written around the validation (kind 'alien') breaks the Partner type.
    known.write(named("partners/upsert"), import_id="corrupt", rows=[
        {"id": "corrupt", "hash": "x", "props": {"name": "Corrupt", "kind": "alien"}}])
    response = client.post("/graphql", json={"query": '{ partner(id: "corrupt") { kind } }'})
    body = response.json()
    assert response.status_code == 200
    assert body["errors"] == [{"message": "Unexpected error.",
                               "locations": [{"line": 1, "column": 3}],
                               "path": ["partner"], "extensions": {"code": "INTERNAL"}}]
    assert "alien" not in response.text and "Traceback" not in response.text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_database_unreachable_is_unavailable_and_503(settings) -> None:
    down = dataclasses.replace(settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}")
    # A well-formed token: checking it needs the database, which is down.
    token = "pg_0123456789ab_" + "x" * 43
    with TestClient(create_app(down), headers={"Authorization": f"Bearer {token}"}) as c:
        response = c.post("/graphql", json={"query": "{ partners { totalCount } }"})
        ready = c.get("/readyz")
    body = response.json()
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert codes(body) == ["UNAVAILABLE"]
    assert body["errors"][0]["message"] == "The database is unavailable; try again shortly."
    assert "bolt://" not in response.text
    assert ready.status_code == 503


def test_syntax_and_validation_errors_are_bad_user_input(store, client) -> None:
    assert codes(gql(client, "{ partners { ", ok=False)) == ["BAD_USER_INPUT"]
    assert codes(gql(client, "{ nosuchfield }", ok=False)) == ["BAD_USER_INPUT"]
    body = gql(client, 'query { node(id: "Partner") { nodeId } }', ok=False)
    assert codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize("variables", [{"n": "ten"}, {"n": 1.5}, {"n": None}, {}])
def test_variables_that_do_not_coerce_are_bad_user_input(store, client, variables) -> None:
    body = gql(client, "query ($n: Int!) { partners(first: $n) { totalCount } }", variables,
               ok=False)
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert "$n" in body["errors"][0]["message"]




def test_depth_limit(store, client) -> None:
    deep = ('{ partner(id: "x") { agreements { agreement { parties { partner { agreements {'
            ' agreement { parties { partner { agreements { agreement { id } } } } } } } } } } } }')
    body = gql(client, deep, ok=False)
    assert set(codes(body)) == {"BAD_USER_INPUT"}
    assert any("exceeds maximum operation depth" in e["message"] for e in body["errors"])


def test_alias_limit(store, client) -> None:
    many = "{ " + " ".join(f"a{i}: regions {{ code }}" for i in range(16)) + " }"
    body = gql(client, many, ok=False)
    assert codes(body) == ["BAD_USER_INPUT"] and "aliases" in body["errors"][0]["message"]


def test_token_limit(store, client) -> None:
    huge = "{ " + " ".join(["regions { code name }"] * 500) + " }"
    body = gql(client, huge, ok=False)
    assert codes(body) == ["BAD_USER_INPUT"] and "token" in body["errors"][0]["message"]


def test_cost_limit_multiplies_page_sizes(store, client) -> None:
    costly = """{ partners(first: 100) { edges { node { partners { partner {
        partners { partner { agreements { agreement { id } } } } } } } } } }"""
    body = gql(client, costly, ok=False)
    assert codes(body) == ["BAD_USER_INPUT"] and "cost" in body["errors"][0]["message"]
    cheap = costly.replace("first: 100", "first: 1")
    assert gql(client, cheap) == {"partners": {"edges": []}}


def test_cost_reads_page_size_from_variables(store, client) -> None:
    q = """query($n: Int) { partners(first: $n) { edges { node { partners { partner {
        partners { partner { agreements { agreement { id } } } } } } } } } }"""
    assert codes(gql(client, q, {"n": 100}, ok=False)) == ["BAD_USER_INPUT"]
    assert gql(client, q, {"n": 1}) == {"partners": {"edges": []}}


def test_queries_over_get_are_refused(store, client) -> None:
    response = client.get("/graphql", params={"query": "{ regions { code } }"})
    assert response.status_code in (400, 405) and "AFR" not in response.text


def test_batched_requests_are_refused(store, client) -> None:
    response = client.post("/graphql", json=[{"query": "{ regions { code } }"}] * 2)
    assert response.status_code == 400


def test_graphiql_is_served_to_browsers(store, client) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


@pytest.mark.parametrize("payload", ["not json", json.dumps({"query": 5})])
def test_malformed_bodies_are_400(store, client, payload) -> None:
    response = client.post("/graphql", content=payload,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
