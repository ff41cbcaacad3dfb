"""What callers may write over the API: no declassifying, no marking above one's reach, no
joining restricted agreements, no writing what one cannot see — by edit or by upload."""

from __future__ import annotations

import dataclasses
import json

import pytest

from api.app import create_app
from graph.admin import label_counts, relationship_counts
from graph.model import TLP, Role
from graph.store import Store
from tests.api.conftest import TestClient, bearer, gql
from tests.api.test_access_matrix import _load

EDIT = """mutation($id: ID!, $tlp: TLP!) { updateAgreement(id: $id, patch: {tlp: $tlp}) {
  __typename ... on InvalidInput { problems { field message } } ... on Agreement { tlp } } }"""
CREATE = """mutation($tlp: TLP!) { createAgreement(input: {id: "a-new", title: "New",
  kind: MOU, status: ACTIVE, tlp: $tlp}) { __typename
  ... on InvalidInput { problems { field message } } } }"""
ADD = """mutation($a: ID!, $p: ID!) { addParty(agreementId: $a, partnerId: $p) { __typename
  ... on InvalidInput { problems { message } } ... on NotFound { message } } }"""
UPLOAD = """mutation($file: Upload!) { importFile(file: $file) { __typename
  ... on Import { id status } ... on InvalidInput { message problems { field message } } } }"""


@pytest.fixture
def graph(store: Store) -> Store:
    _load(store)
    return store


def _client(store: Store, settings, role: Role, clearance: TLP,  # type: ignore[no-untyped-def]
            org: str | None = None) -> TestClient:
    return TestClient(create_app(settings), headers=bearer(store, role, clearance, org))


def _upload(client: TestClient, name: str, text: str):  # type: ignore[no-untyped-def]
    return client.post("/graphql", data={
        "operations": json.dumps({"query": UPLOAD, "variables": {"file": None}}),
        "map": json.dumps({"0": ["variables.file"]})}, files={"0": (name, text, "text/csv")})


def _state(store: Store):  # type: ignore[no-untyped-def]
    """The data (not the tokens and audit records that calling the API adds)."""
    labels = {k: v for k, v in label_counts(store).items() if k not in {"ApiToken", "AuditEvent"}}
    return labels, relationship_counts(store)


def test_a_steward_may_not_lower_or_raise_tlp_beyond_reach(graph, settings) -> None:
    with _client(graph, settings, Role.STEWARD, TLP.AMBER) as steward:
        lowered = gql(steward, EDIT, {"id": "a-amber", "tlp": "CLEAR"})["updateAgreement"]
        assert lowered["__typename"] == "InvalidInput"
        assert "lowering the TLP" in lowered["problems"][0]["message"]
        raised = gql(steward, CREATE, {"tlp": "RED"})["createAgreement"]
        assert raised["__typename"] == "InvalidInput"
        assert "at most TLP:AMBER" in raised["problems"][0]["message"]
        assert gql(steward, EDIT, {"id": "a-green", "tlp": "AMBER"})["updateAgreement"] == {
            "__typename": "Agreement", "tlp": "AMBER"}
    with _client(graph, settings, Role.ADMIN, TLP.GREEN) as admin:
        assert gql(admin, EDIT, {"id": "a-amber", "tlp": "CLEAR"})["updateAgreement"][
            "__typename"] == "Agreement"


def test_only_admins_change_who_is_party_to_a_restricted_agreement(graph, settings) -> None:
    # org-c sees a-red (a party) but may not add org-b to it.
    with _client(graph, settings, Role.STEWARD, TLP.RED, "org-c") as steward:
        refused = gql(steward, ADD, {"a": "a-red", "p": "org-b"})["addParty"]
        assert refused["__typename"] == "InvalidInput"
        assert "admins only" in refused["problems"][0]["message"]
        hidden = gql(steward, ADD, {"a": "a-strict", "p": "org-c"})["addParty"]
        assert hidden == {"__typename": "NotFound", "message": "No agreement with id 'a-strict'"}
    with _client(graph, settings, Role.ADMIN, TLP.GREEN) as admin:
        assert gql(admin, ADD, {"a": "a-red", "p": "org-b"})["addParty"]["__typename"] == "Agreement"


@pytest.mark.parametrize(("name", "text", "column", "reason"), [
    ("agreements.csv", "id,title,kind,status,tlp\na-strict,Strict,mou,active,clear\n",
     "id", "taken by an object you may not change"),
    ("agreements.csv", "id,title,kind,status,tlp\na-red,Red,mou,active,clear\n",
     "tlp", "lowering the tlp"),
    ("agreements.csv", "id,title,kind,status,tlp\na-amber,Amber,mou,active,clear\n",
     "tlp", "lowering the tlp"),
    ("agreements.csv", "id,title,kind,status,tlp\na-up,Up,mou,active,red\n",
     "tlp", "at most tlp:amber"),
    ("agreement_parties.csv", "agreement_id,partner_id\na-strict,org-c\n",
     "agreement_id", "no agreement"),
    ("agreement_parties.csv", "agreement_id,partner_id\na-red,org-b\n",
     "partner_id", "admins only"),
])
def test_an_upload_is_held_to_the_same_rules(graph, settings, name: str, text: str,
                                             column: str, reason: str) -> None:
    before = _state(graph)
    with _client(graph, settings, Role.STEWARD, TLP.RED, "org-c") as steward:
        response = _upload(steward, name, text)
    result = response.json()["data"]["importFile"]
    assert result["__typename"] == "InvalidInput", result
    [problem] = result["problems"]
    assert problem["field"].endswith(column) and reason in problem["message"].lower()
    assert _state(graph) == before


def test_viewers_may_not_upload_at_all(graph, settings) -> None:
    with _client(graph, settings, Role.VIEWER, TLP.GREEN) as viewer:
        response = _upload(viewer, "partners.csv", "id,name,kind\nx,X,ngo\n")
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_import_records_are_for_stewards(graph, settings) -> None:
    with _client(graph, settings, Role.STEWARD, TLP.AMBER) as steward:
        made = _upload(steward, "partners.csv", "id,name,kind\nx,X,ngo\n").json()
        import_id = made["data"]["importFile"]["id"]
        query = f'{{ import(id: "{import_id}") {{ id }} node(id: "Import:{import_id}") {{ nodeId }} }}'
        seen = gql(steward, query)
        assert seen["import"]["id"] == import_id and seen["node"] is not None
    with _client(graph, settings, Role.VIEWER, TLP.GREEN) as viewer:
        body = gql(viewer, query, ok=False)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert gql(viewer, f'{{ node(id: "Import:{import_id}") {{ nodeId }} }}')["node"] is None


def _slow_refill(settings):  # type: ignore[no-untyped-def]
    # A failed sign-in a minute refills the bucket of 10: the requests below never see a
    # refill, however slowly a busy machine answers them.
    return dataclasses.replace(settings, api_signin_failures_per_minute=1)


def test_repeated_failed_sign_ins_are_slowed_down(store, settings) -> None:
    with TestClient(create_app(_slow_refill(settings))) as client:
        bad = {"Authorization": "Bearer pg_0123456789ab_" + "y" * 43}
        codes = [client.post("/graphql", json={"query": "{ regions { code } }"},
                             headers=bad).status_code for _ in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]


def test_failed_sign_ins_from_an_address_never_lock_out_a_valid_token_from_it(
        store, settings) -> None:
    good = bearer(store, Role.VIEWER, TLP.GREEN)
    with TestClient(create_app(_slow_refill(settings))) as client:  # all from one address
        bad = {"Authorization": "Bearer pg_0123456789ab_" + "y" * 43}
        for _ in range(20):
            client.post("/graphql", json={"query": "{ regions { code } }"}, headers=bad)
        response = client.post("/graphql", json={"query": "{ regions { code } }"}, headers=good)
        assert response.status_code == 200 and len(response.json()["data"]["regions"]) == 5
        refused = client.post("/graphql", json={"query": "{ regions { code } }"}, headers=bad)
        assert refused.status_code == 429


def test_a_root_path_does_not_open_a_way_around_authentication(store, settings) -> None:
    with TestClient(create_app(settings), root_path="/pg") as client:
        response = client.post("/pg/graphql", json={"query": "{ partners { totalCount } }"})
    assert response.status_code == 401
