"""Schemathesis generates queries and mutations from the exported schema and sends them to
the app over the real Neo4j: no input may crash it (500, INTERNAL) or leak a trace."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
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


# Documents with fragments (spreading each other in any pattern, cycles included) and
# variables (defaulted or sent, well- or ill-typed, filters nested at random).
FIELDS = ["__typename", "regions { code }", 'partner(id: "ng-police") { id name }',
          "partners(first: $n) { totalCount edges { node { id } } }",
          "partners(filter: $f) { totalCount }", "rankings(metric: PAGERANK, top: $n) { rank }",
          'search(text: "interpol") { __typename }']
_leaf = st.one_of(st.integers(-5, 10**6), st.text(max_size=8), st.booleans(), st.none())
_filter = st.recursive(
    st.fixed_dictionaries({}, optional={"name": st.fixed_dictionaries(
        {}, optional={"eq": _leaf, "contains": st.text(max_size=5)}),
        "kind": st.fixed_dictionaries({}, optional={"in": st.lists(st.sampled_from(
            ["CERT", "NGO", "nope"]), max_size=3)})}),
    lambda inner: st.one_of(st.fixed_dictionaries({"or": st.lists(inner, max_size=4)}),
                            st.fixed_dictionaries({"and": st.lists(inner, max_size=4)}),
                            st.fixed_dictionaries({"not": inner})), max_leaves=30)


@st.composite
def documents(draw: st.DrawFn) -> dict:
    n = draw(st.integers(0, 6))
    names = [f"F{i}" for i in range(n)]
    fragments = []
    for name in names:
        parts = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3))
        spreads = draw(st.lists(st.sampled_from(names), max_size=3)) if names else []
        fragments.append(f"fragment {name} on Query {{ {' '.join(parts)} "
                         f"{' '.join('...' + s for s in spreads)} }}")
    top = draw(st.lists(st.sampled_from(FIELDS + [f"...{s}" for s in names]), min_size=1,
                        max_size=4))
    default = draw(st.one_of(st.none(), st.integers(-3, 10**4)))
    header = f"query Q($n: Int{'' if default is None else f' = {default}'}, $f: PartnerFilter)"
    variables = draw(st.fixed_dictionaries({}, optional={
        "n": st.one_of(_leaf, st.integers(0, 200)), "f": st.one_of(_filter, _leaf)}))
    return {"query": f"{header} {{ {' '.join(top)} }} {' '.join(fragments)}",
            "variables": variables}


@given(body=documents())
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_generated_fragments_and_variables_never_crash(body: dict, fuzz_client: TestClient) -> None:
    response = fuzz_client.post("/graphql", json=body)
    assert response.status_code in EXPECTED_STATUS, (body, response.text)
    assert "Traceback (most recent" not in response.text
    for error in response.json().get("errors") or []:
        assert error["extensions"]["code"] != "INTERNAL", (body, error)
