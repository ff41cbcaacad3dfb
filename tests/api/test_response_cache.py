"""The response cache (api/response_cache.py): hits only while nothing it depends on changed."""

from __future__ import annotations

import dataclasses
import re
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from api.app import create_app
from api.response_cache import ResponseCache
from api.view import read_only
from graph.config import Settings
from graph.model import TLP, AgreementParty, Partner, Role
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import bearer, load_known_graph

NAMES = {"query": "{ partners(first: 50) { edges { node { id name } } } }"}
AGREEMENTS = {"query": "{ agreements(first: 50) { edges { node { id } } } }"}


def post(client: TestClient, body: dict, headers: dict[str, str] | None = None):
    return client.post("/graphql", json=body, headers=headers or {})


def test_a_repeated_query_is_a_hit_with_the_same_answer(store: Store, client: TestClient) -> None:
    load_known_graph(store)
    first, second = post(client, NAMES), post(client, NAMES)
    assert first.headers["x-cache"] == "miss"
    assert second.headers["x-cache"] == "hit"
    assert second.json() == first.json()
    assert len(first.json()["data"]["partners"]["edges"]) == 6


def test_a_write_from_outside_the_api_is_seen_by_the_next_request(store: Store,
                                                                   client: TestClient) -> None:
    load_known_graph(store)
    post(client, NAMES)
    write_records(store, [Partner(id="new-cert", name="New CERT", kind="cert", country="KE")],
                  "elsewhere")  # as the CLI or another worker would
    after = post(client, NAMES)
    assert after.headers["x-cache"] == "miss"
    assert "new-cert" in {e["node"]["id"] for e in after.json()["data"]["partners"]["edges"]}


def test_a_mutation_is_never_served_from_the_cache(store: Store, client: TestClient) -> None:
    load_known_graph(store)
    rename = {"query": 'mutation { updatePartner(id: "interpol", patch: {name: "INTERPOL GS"}) '
                       '{ __typename } }'}
    assert "x-cache" not in post(client, rename).headers
    assert "x-cache" not in post(client, rename).headers
    names = {e["node"]["id"]: e["node"]["name"]
             for e in post(client, NAMES).json()["data"]["partners"]["edges"]}
    assert names["interpol"] == "INTERPOL GS"


def test_answers_never_cross_access_levels(store: Store, settings: Settings) -> None:
    load_known_graph(store)
    admin, viewer = bearer(store), bearer(store, Role.VIEWER, TLP.GREEN)
    with TestClient(create_app(settings)) as c:
        seen_by_admin = post(c, AGREEMENTS, admin)
        seen_by_viewer = post(c, AGREEMENTS, viewer)
        again_by_viewer = post(c, AGREEMENTS, viewer)
    ids = lambda r: {e["node"]["id"] for e in r.json()["data"]["agreements"]["edges"]}  # noqa: E731
    assert ids(seen_by_admin) == {"a-ng-gib", "a-int-fr", "a-conv", "a-secret"}
    assert seen_by_viewer.headers["x-cache"] == "miss"
    assert ids(seen_by_viewer) == ids(again_by_viewer) == {"a-ng-gib", "a-conv"}
    assert again_by_viewer.headers["x-cache"] == "hit"


def test_answers_with_errors_are_not_cached(store: Store, client: TestClient) -> None:
    missing = {"query": '{ partner(id: "x") { nope } }'}  # fails validation
    for _ in range(2):
        answer = post(client, missing)
        assert answer.json()["errors"]
        assert "x-cache" not in answer.headers


def test_the_cache_can_be_turned_off(store: Store, settings: Settings) -> None:
    off = dataclasses.replace(settings, api_cache_bytes=0)
    with TestClient(create_app(off), headers=bearer(store)) as c:
        assert "x-cache" not in post(c, NAMES).headers
        assert "x-cache" not in post(c, NAMES).headers


def test_the_cache_is_bounded_by_bytes() -> None:
    cache = ResponseCache(max_bytes=10, max_entry_bytes=6)
    cache.put(b"a", b"12345")
    cache.put(b"b", b"12345")
    assert cache.get(b"a") == b"12345"  # a is now the most recent
    cache.put(b"c", b"123")
    assert cache.get(b"b") is None and cache.get(b"a") is not None
    cache.put(b"big", b"1234567")  # over the entry limit: not kept
    assert cache.get(b"big") is None
    assert len(cache) == 2


def test_only_documents_made_of_queries_are_read_only() -> None:
    assert read_only("{ a }") and read_only("query Q { a } query R { b }")
    assert not read_only("mutation { a }")
    assert not read_only("query Q { a } mutation M { b }")
    assert not read_only("subscription { a }")
    assert not read_only("{ unclosed")


def round_trips(client: TestClient) -> int:
    text = client.get("/metrics").text
    return int(float(re.search(r"^partnergraph_db_round_trips_total (\S+)$", text, re.M)[1]))


def ties(client: TestClient, fields: str) -> dict[str, int]:
    query = '{ partner(id: "interpol") { ' + fields + ' partners { weight partner { id } } } }'
    data = post(client, {"query": query}).json()["data"]
    return {t["partner"]["id"]: t["weight"] for t in data["partner"]["partners"]}


def test_tie_lists_are_shared_by_different_questions_until_the_graph_changes(
        store: Store, client: TestClient) -> None:
    load_known_graph(store)
    before = round_trips(client)
    first = ties(client, "id")
    spent_first = round_trips(client) - before
    before = round_trips(client)
    second = ties(client, "name")  # another document: a response-cache miss
    spent_second = round_trips(client) - before
    assert first == second == {"fr-gendarmerie": 2, "group-ib": 1, "ng-police": 2}
    assert spent_first == 3  # version, the partner, its ties
    assert spent_second == 2  # version, the partner; the ties were kept
    write_records(store, [AgreementParty(agreement_id="a-ng-gib", partner_id="interpol")], "t")
    assert ties(client, "country { code }")["group-ib"] == 2


def test_version_reads_start_after_the_caller_arrived_and_are_shared() -> None:
    import asyncio
    import threading

    from api.response_cache import GraphVersion

    class Counting:
        def __init__(self) -> None:
            self.reads = 0
            self.started = threading.Event()  # read 1 is running
            self.gate = threading.Event()

        def version(self) -> str:
            self.reads += 1
            n = self.reads
            self.started.set()
            self.gate.wait(60)
            return f"v{n}"

    async def scenario() -> list[str]:
        store, versions = Counting(), GraphVersion()
        # Generous timeouts: on a busy machine the reader thread may start late.
        first = asyncio.ensure_future(versions.current(store, timeout=120))  # type: ignore[arg-type]
        assert await asyncio.to_thread(store.started.wait, 60)
        later = [asyncio.ensure_future(versions.current(store, timeout=120))  # type: ignore[arg-type]
                 for _ in range(20)]
        while len(versions._queue) < 20:  # every latecomer has queued behind read 1
            await asyncio.sleep(0)
        store.gate.set()
        got = [await first] + [await f for f in later]
        versions.close()
        assert store.reads == 2  # 21 callers, two reads
        return got

    got = asyncio.run(scenario())
    assert got[0] == "v1" and set(got[1:]) == {"v2"}  # the latecomers waited for a fresh read


def test_concurrent_requests_for_the_same_ties_share_one_query(store: Store) -> None:
    import asyncio

    from api.loaders import Loaders
    from api.response_cache import TieCache
    from graph.access import FULL_ACCESS

    load_known_graph(store)
    shared = TieCache(max_entries=10)
    key = ("interpol", ("activity", "agreement"), None, 1, 20)

    async def burst() -> list[list[dict]]:
        requests = [Loaders(store, FULL_ACCESS, version="v", ties=shared) for _ in range(5)]
        return await asyncio.gather(*(r.partner_ties.load(key) for r in requests))

    before = store.round_trips
    answers = asyncio.run(burst())
    assert store.round_trips - before == 1
    assert all(a == answers[0] for a in answers)
    assert {t["node"]["id"]: t["weight"] for t in answers[0]} == {
        "fr-gendarmerie": 2, "group-ib": 1, "ng-police": 2}


def test_a_mutation_sees_its_own_writes_in_the_ties_it_returns(store: Store,
                                                               client: TestClient) -> None:
    load_known_graph(store)
    assert ties(client, "id")["group-ib"] == 1  # cached for this version
    both = {"query": """mutation {
        addParty(agreementId: "a-ng-gib", partnerId: "interpol") { __typename }
        updatePartner(id: "interpol", patch: {name: "INTERPOL"}) {
          ... on Partner { partners { weight partner { id } } } } }"""}
    data = post(client, both).json()["data"]
    weights = {t["partner"]["id"]: t["weight"] for t in data["updatePartner"]["partners"]}
    assert weights["group-ib"] == 2  # op-bec and, since this mutation, a-ng-gib
