"""Shortest chains, relationships and text search on graphs whose answers are known."""

from __future__ import annotations

import pytest

from graph.model import Agreement, AgreementParty, Partner
from graph.reads.search import escape, lucene_query
from graph.writer import write_records
from tests.api.conftest import gql

PATHS = """query($from: ID!, $to: ID!, $via: [TieKind!], $hops: Int!, $k: Int!) {
  shortestPaths(from: $from, to: $to, via: $via, maxHops: $hops, k: $k) {
    length partners { id } hops { from { id } to { id } agreements { id } activities { id } } } }"""


def chain(path: dict) -> list[str]:
    return [p["id"] for p in path["partners"]]


def test_shortest_paths_lists_distinct_chains_shortest_first(known, client) -> None:
    data = gql(client, PATHS, {"from": "group-ib", "to": "trend-micro", "via": None,
                               "hops": 4, "k": 3})["shortestPaths"]
    assert [chain(p) for p in data] == [
        ["group-ib", "interpol", "fr-gendarmerie", "trend-micro"],
        ["group-ib", "ng-police", "fr-gendarmerie", "trend-micro"],
        ["group-ib", "ng-police", "interpol", "fr-gendarmerie", "trend-micro"],
    ]
    assert [p["length"] for p in data] == [3, 3, 4]
    assert data[1]["hops"] == [
        {"from": {"id": "group-ib"}, "to": {"id": "ng-police"},
         "agreements": [{"id": "a-ng-gib"}], "activities": [{"id": "op-bec"}]},
        {"from": {"id": "ng-police"}, "to": {"id": "fr-gendarmerie"},
         "agreements": [{"id": "a-conv"}], "activities": []},
        {"from": {"id": "fr-gendarmerie"}, "to": {"id": "trend-micro"},
         "agreements": [], "activities": [{"id": "tr-2020"}]},
    ]


def test_max_hops_and_via_restrict_the_paths(known, client) -> None:
    short = gql(client, PATHS, {"from": "group-ib", "to": "trend-micro", "via": None,
                                "hops": 2, "k": 3})["shortestPaths"]
    assert short == []
    agreements_only = gql(client, PATHS, {"from": "group-ib", "to": "fr-gendarmerie",
                                          "via": ["AGREEMENT"], "hops": 4, "k": 5})
    assert [chain(p) for p in agreements_only["shortestPaths"]] == [
        ["group-ib", "ng-police", "fr-gendarmerie"],
        ["group-ib", "ng-police", "interpol", "fr-gendarmerie"]]


def test_no_path_to_an_isolated_partner_and_trivial_path_to_self(known, client) -> None:
    isolated = gql(client, PATHS, {"from": "group-ib", "to": "lonely-uni", "via": ["ACTIVITY"],
                                   "hops": 4, "k": 1})
    assert isolated["shortestPaths"] == []
    itself = gql(client, PATHS, {"from": "interpol", "to": "interpol", "via": None,
                                 "hops": 4, "k": 1})
    assert itself["shortestPaths"] == [{"length": 0, "partners": [{"id": "interpol"}],
                                        "hops": []}]
    # An id nobody has is an error naming it, never an empty answer.
    unknown = gql(client, PATHS, {"from": "nobody", "to": "nobody", "via": None,
                                  "hops": 4, "k": 1}, ok=False)
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "no partner with id 'nobody'" in unknown["errors"][0]["message"]


@pytest.mark.parametrize(("hops", "k"), [(0, 1), (7, 1), (3, 0), (3, 11)])
def test_path_limits_are_bad_user_input(known, client, hops, k) -> None:
    body = client.post("/graphql", json={"query": PATHS, "variables": {
        "from": "a", "to": "b", "via": None, "hops": hops, "k": k}}).json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_shortest_path_on_a_ladder(store, client) -> None:
    # p0 – p1 – … – p5 along bilateral agreements, plus one shortcut p0 – p5 by activity.
    write_records(store, [Partner(id=f"p{i}", name=f"P{i}", kind="ngo") for i in range(6)], "t")
    write_records(store, [Agreement(id=f"a{i}", title=f"A{i}", kind="mou", status="active")
                          for i in range(5)], "t")
    write_records(store, [AgreementParty(agreement_id=f"a{i}", partner_id=f"p{j}")
                          for i in range(5) for j in (i, i + 1)], "t")
    data = gql(client, PATHS, {"from": "p0", "to": "p5", "via": None, "hops": 6, "k": 2})
    assert [chain(p) for p in data["shortestPaths"]] == [[f"p{i}" for i in range(6)]]
    too_far = gql(client, PATHS, {"from": "p0", "to": "p5", "via": None, "hops": 4, "k": 2})
    assert too_far["shortestPaths"] == []


def test_relationships_between_partners_with_window(known, client) -> None:
    q = """query($ids: [ID!]!, $kinds: [TieKind!], $w: DateWindow) {
      relationships(between: $ids, kinds: $kinds, window: $w) {
        kind agreement { id } activity { id } members { role partner { id } } } }"""
    both = gql(client, q, {"ids": ["ng-police", "group-ib"]})["relationships"]
    assert both == [
        {"kind": "ACTIVITY", "agreement": None, "activity": {"id": "op-bec"},
         "members": [{"role": "private_partner", "partner": {"id": "group-ib"}},
                     {"role": "lead", "partner": {"id": "ng-police"}}]},
        {"kind": "AGREEMENT", "agreement": {"id": "a-ng-gib"}, "activity": None,
         "members": [{"role": "party", "partner": {"id": "group-ib"}},
                     {"role": "party", "partner": {"id": "ng-police"}}]},
    ]
    window = gql(client, q, {"ids": ["ng-police", "group-ib"], "w": {"from": "2023"}})
    assert [r["kind"] for r in window["relationships"]] == ["AGREEMENT"]
    early = gql(client, q, {"ids": ["ng-police", "group-ib"], "w": {"to": "2020"}})
    assert early["relationships"] == []
    everything = gql(client, q, {"ids": ["group-ib"], "kinds": ["AGREEMENT"]})
    assert [r["agreement"]["id"] for r in everything["relationships"]] == ["a-ng-gib"]


@pytest.mark.parametrize(("text", "first"), [
    ("Group-IB", "group-ib"), ("grup ib", "group-ib"), ("GIB", "group-ib"),
    ("Interpoll", "interpol"), ("Nigeria police", "ng-police"), ("trend micr", "trend-micro"),
])
def test_search_is_typo_tolerant_over_names_and_aliases(known, client, text, first) -> None:
    hits = gql(client, "query($t: String!) { searchPartners(text: $t) { partner { id } score } }",
               {"t": text})["searchPartners"]
    assert hits[0]["partner"]["id"] == first
    assert hits == sorted(hits, key=lambda h: -h["score"])


@pytest.mark.parametrize("text", ['"', "(((", "name:*", "a AND OR NOT", "\\", "*~^2 [x TO y]",
                                  "", "   ", "' OR 1=1 //"])
def test_search_never_fails_on_lucene_or_cypher_syntax(known, client, text) -> None:
    data = gql(client, "query($t: String!) { searchPartners(text: $t) { partner { id } } }",
               {"t": text})
    assert isinstance(data["searchPartners"], list)


def test_lucene_query_escapes_and_fuzzes() -> None:
    assert lucene_query("Group-IB") == "group~1 ib"
    assert lucene_query("interpol (HQ)") == "interpol~2 hq"
    assert lucene_query("") is None
    assert escape('a+b"c:d') == 'a\\+b\\"c\\:d'
