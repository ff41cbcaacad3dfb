"""HTTP-level protection: who may call at all, how often, how much, and hostile text."""

from __future__ import annotations

import dataclasses
import json

import pytest

from api.app import create_app
from graph.admin import label_counts, relationship_counts
from graph.model import TLP, Role
from tests.api.conftest import TestClient, bearer, gql

QUERY = {"query": "{ partners { totalCount } }"}
HOSTILE = [
    "x' }) MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 UNION MATCH (n) RETURN n //',
    "$max_tlp",
    "\\u0027; CALL dbms.components() //",
    "a" * 5000,
    "AND~ OR* ?[",  # Lucene syntax in text search
]


def test_without_a_token_only_health_and_the_page_answer(store, settings) -> None:
    with TestClient(create_app(settings)) as anonymous:
        response = anonymous.post("/graphql", json=QUERY)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert anonymous.get("/metrics").status_code == 401
        assert anonymous.get("/healthz").status_code == 200
        assert anonymous.get("/readyz").status_code == 200
        wrong = anonymous.post("/graphql", json=QUERY,
                               headers={"Authorization": "Bearer pg_0123456789ab_" + "x" * 43})
        assert wrong.status_code == 401


def test_each_caller_is_rate_limited_on_its_own(store, settings) -> None:
    # One request a minute refills the bucket: the five below never wait that long.
    strict = dataclasses.replace(settings, api_rate_per_minute=1, api_rate_burst=3)
    alice, bob = bearer(store, Role.VIEWER, TLP.GREEN), bearer(store, Role.VIEWER, TLP.GREEN)
    with TestClient(create_app(strict)) as client:
        codes = [client.post("/graphql", json=QUERY, headers=alice).status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        refused = client.post("/graphql", json=QUERY, headers=alice)
        assert int(refused.headers["retry-after"]) >= 1
        assert client.post("/graphql", json=QUERY, headers=bob).status_code == 200


def test_oversized_bodies_are_refused_before_parsing(store, settings) -> None:
    small = dataclasses.replace(settings, api_max_body_bytes=2000)
    with TestClient(create_app(small), headers=bearer(store)) as client:
        big = {"query": "{ partners { totalCount } }", "variables": {"pad": "x" * 5000}}
        response = client.post("/graphql", json=big)
        assert response.status_code == 413
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert client.post("/graphql", json=QUERY).status_code == 200


def test_production_mode_closes_graphiql_and_introspection(store, settings) -> None:
    production = dataclasses.replace(settings, api_graphiql=False, api_introspection=False)
    with TestClient(create_app(production), headers=bearer(store)) as client:
        body = gql(client, "{ __schema { types { name } } }", ok=False)
        assert body.get("errors") and "introspection" in body["errors"][0]["message"].lower()
        page = client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code != 200 or "graphiql" not in page.text.lower()


def test_production_mode_suggests_no_names(store, settings) -> None:
    production = dataclasses.replace(settings, api_suggestions=False)
    misspelt = ["{ regionz { code } }", "{ regions { cod } }",
                "{ rankings(metric: PAGERANKK) { rank } }",
                "{ partners(filter: {nme: {eq: \"x\"}}) { totalCount } }"]
    with TestClient(create_app(production), headers=bearer(store)) as client:
        for query in misspelt:
            body = gql(client, query, ok=False)
            assert body["errors"] and "did you mean" not in json.dumps(body).lower(), body
        body = gql(client, "query($m: MetricName!) { rankings(metric: $m) { rank } }",
                   {"m": "PAGERANKK"}, ok=False)
        assert body["errors"] and "did you mean" not in json.dumps(body).lower(), body
    with TestClient(create_app(settings), headers=bearer(store)) as client:  # development
        assert "Did you mean" in json.dumps(gql(client, misspelt[0], ok=False))


def test_prometheus_metrics_are_for_admins_only(store, settings) -> None:
    with TestClient(create_app(settings), headers=bearer(store, Role.ANALYST, TLP.AMBER)) as c:
        assert c.get("/metrics").status_code == 403
    with TestClient(create_app(settings), headers=bearer(store, Role.ADMIN)) as c:
        assert c.get("/metrics").status_code == 200


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_cypher_looking_text_is_only_ever_data(known, client, text: str) -> None:
    before = (label_counts(known), relationship_counts(known))
    created = gql(client, """mutation($name: String!) { createPartner(input: {
        id: "hostile", name: $name, kind: NGO}) { __typename ... on Partner { name } } }""",
                  {"name": text[:300]}, ok=False)
    for query, variables in [
        ("query($t: String!) { searchPartners(text: $t) { partner { id } } }", {"t": text}),
        ("query($t: String!) { partners(filter: {name: {contains: $t}}) { totalCount } }",
         {"t": text}),
        ("query($t: ID!) { partner(id: $t) { id } agreement(id: $t) { id } }", {"t": text}),
        ("query($t: ID!) { shortestPaths(from: $t, to: $t) { length } }", {"t": text}),
    ]:
        body = gql(client, query, variables, ok=False)
        for error in body.get("errors") or []:
            assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    labels, rels = label_counts(known), relationship_counts(known)
    made = created.get("data") and created["data"]["createPartner"]["__typename"] == "Partner"
    if made:
        assert created["data"]["createPartner"]["name"] == text[:300]
    assert labels["Partner"] == before[0]["Partner"] + (1 if made else 0)
    for label in ("Agreement", "Activity", "Country", "Region", "Platform"):
        assert labels[label] == before[0][label]
    for rel in ("PARTY_TO", "PARTICIPATED_IN", "USES", "IN_REGION"):
        assert rels[rel] == before[1][rel]
