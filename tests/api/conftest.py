"""API fixtures: the app over the real Neo4j (wiped per test) and a small known graph."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    # Starlette 1.x nudges towards httpx2; the project pins httpx (pyproject.toml).
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from api.app import create_app
from graph import tokens
from graph.config import Settings
from graph.model import (
    TLP,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Partner,
    Platform,
    PlatformUse,
    Role,
)
from graph.store import Store
from graph.writer import write_records

PARTNERS = [
    Partner(id="ng-police", name="Nigeria Police Force", kind="law_enforcement", country="NG"),
    Partner(id="group-ib", name="Group-IB", kind="private_sector", country="SG",
            sector="threat intelligence", aliases=("GIB", "Group IB")),
    Partner(id="interpol", name="INTERPOL", kind="international_org", country="FR"),
    Partner(id="trend-micro", name="Trend Micro", kind="private_sector", country="JP",
            sector="security vendor"),
    Partner(id="fr-gendarmerie", name="Gendarmerie nationale", kind="law_enforcement",
            country="FR"),
    Partner(id="lonely-uni", name="Lonely University", kind="academia", country="US"),
]
AGREEMENTS = [
    Agreement(id="a-ng-gib", title="NG–Group-IB data sharing", kind="data_sharing",
              status="active", signed_on="2021-03", expires_on="2026-03-01",
              scope=("information_sharing",), tlp="green", objectives=("obj-3",)),
    Agreement(id="a-int-fr", title="INTERPOL–Gendarmerie MoU", kind="mou", status="active",
              signed_on="2019", tlp="amber"),
    Agreement(id="a-conv", title="Cybercrime Convention", kind="convention", status="active",
              signed_on="2001-11-23", binding=True, tlp="clear",
              scope=("joint_operations", "capacity_building")),
    Agreement(id="a-secret", title="Red agreement", kind="nda", status="active", tlp="red"),
]
PARTIES = [
    AgreementParty(agreement_id="a-ng-gib", partner_id="ng-police"),
    AgreementParty(agreement_id="a-ng-gib", partner_id="group-ib"),
    AgreementParty(agreement_id="a-int-fr", partner_id="interpol"),
    AgreementParty(agreement_id="a-int-fr", partner_id="fr-gendarmerie"),
    AgreementParty(agreement_id="a-conv", partner_id="interpol", role="depositary"),
    AgreementParty(agreement_id="a-conv", partner_id="ng-police", signed_on="2001-11-23",
                   ratified_on="2004"),
    AgreementParty(agreement_id="a-conv", partner_id="fr-gendarmerie", role="signatory"),
    AgreementParty(agreement_id="a-secret", partner_id="trend-micro"),
    AgreementParty(agreement_id="a-secret", partner_id="lonely-uni"),
]
ACTIVITIES = [
    Activity(id="op-bec", name="Operation Falcon", kind="operation", status="completed",
             start="2022-05", end="2022-09", focus=("bec", "phishing"),
             outcomes={"arrests": 10, "seized_usd": 50000}, tlp="green", objectives=("obj-3",)),
    Activity(id="tr-2020", name="Forensics training", kind="training", status="completed",
             start="2020-02", end="2020-02", focus=("malware",), tlp="clear"),
]
PARTICIPANTS = [
    ActivityParticipant(activity_id="op-bec", partner_id="ng-police", role="lead"),
    ActivityParticipant(activity_id="op-bec", partner_id="group-ib", role="private_partner"),
    ActivityParticipant(activity_id="op-bec", partner_id="interpol", role="coordinator"),
    ActivityParticipant(activity_id="tr-2020", partner_id="trend-micro", role="sponsor"),
    ActivityParticipant(activity_id="tr-2020", partner_id="fr-gendarmerie"),
]


def load_known_graph(store: Store) -> None:
    for records in ([Objective(id="obj-3", title="Partnerships")],
                    [Platform(id="i24-7", name="I-24/7")], PARTNERS, AGREEMENTS, PARTIES,
                    ACTIVITIES, PARTICIPANTS,
                    [PlatformUse(partner_id="ng-police", platform_id="i24-7", since="2020"),
                     PlatformUse(partner_id="interpol", platform_id="i24-7")]):
        write_records(store, records, "test")


@pytest.fixture
def known(store: Store) -> Store:
    load_known_graph(store)
    return store


def bearer(store: Store, role: Role = Role.ADMIN, clearance: TLP = TLP.RED,
           organisation: str | None = None) -> dict[str, str]:
    """Authorization headers for a fresh API token with this role, clearance and organisation."""
    secret, _ = tokens.create(store, f"test {role.value}", role, organisation=organisation,
                              clearance=clearance, days=None, actor="tests")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def client(store: Store, settings: Settings) -> Iterator[TestClient]:
    """The app, authenticated as an admin (who sees everything)."""
    with TestClient(create_app(settings), headers=bearer(store)) as c:
        yield c


class GraphQLFailed(AssertionError):
    pass


def gql(client: TestClient, query: str, variables: dict[str, Any] | None = None,
        *, ok: bool = True) -> dict[str, Any]:
    """POST a GraphQL operation; with ok=True, fail the test on any error."""
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    body = response.json()
    if ok and (response.status_code != 200 or body.get("errors")):
        raise GraphQLFailed(f"{response.status_code}: {body}")
    return body if not ok else body["data"]
