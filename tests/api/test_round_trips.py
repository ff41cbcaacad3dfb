"""No N+1: a depth-3 query costs the same small number of Cypher round trips for 10 or 50
partners (one per list query and one per DataLoader batch), counted by the store."""

from __future__ import annotations

import re

import pytest

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
)
from graph.writer import write_records
from tests.api.conftest import gql

QUERY = """{ partners(first: 50) { totalCount edges { node {
    id country { name region { name } }
    agreements { role agreement { title parties { role partner { name } } } }
    activities { role activity { name participants { partner { id } } } } } } } }"""
# partners page, countries, regions, partner→agreements, agreement→parties,
# partner→activities, activity→participants, and the graph's version (api/response_cache.py)
EXPECTED_ROUND_TRIPS = 8
COUNTRIES = ["FR", "NG", "JP", "BR", "DE"]


def build(store, n: int) -> None:
    write_records(store, [Partner(id=f"p{i:03d}", name=f"P{i:03d}", kind="ngo",
                                  country=COUNTRIES[i % 5]) for i in range(n)], "t")
    write_records(store, [Agreement(id=f"a{i:03d}", title=f"A{i}", kind="mou", status="active")
                          for i in range(n)], "t")
    write_records(store, [AgreementParty(agreement_id=f"a{i:03d}", partner_id=f"p{j % n:03d}")
                          for i in range(n) for j in (i, i + 1, i + 7)], "t")
    write_records(store, [Activity(id=f"x{i:03d}", name=f"X{i}", kind="training")
                          for i in range(n)], "t")
    write_records(store, [ActivityParticipant(activity_id=f"x{i:03d}", partner_id=f"p{j % n:03d}")
                          for i in range(n) for j in (i, i + 3)], "t")


def round_trips(client) -> int:
    text = client.get("/metrics").text
    return int(float(re.search(r"^partnergraph_db_round_trips_total (\S+)$", text, re.M)[1]))


@pytest.mark.parametrize("n", [10, 50])
def test_depth_three_query_costs_a_fixed_number_of_round_trips(store, client, n) -> None:
    build(store, n)
    before = round_trips(client)
    data = gql(client, QUERY)
    spent = round_trips(client) - before
    edges = data["partners"]["edges"]
    assert len(edges) == n and data["partners"]["totalCount"] == n
    assert all(len(e["node"]["agreements"]) == 3 for e in edges)
    assert all(len(a["agreement"]["parties"]) == 3 for e in edges for a in e["node"]["agreements"])
    assert spent == EXPECTED_ROUND_TRIPS
