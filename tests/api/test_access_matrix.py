"""Who sees what: every role and clearance, through every read path, on one known graph.

Each path must show exactly the agreements and activities the rules allow (graph/access.py)
and nothing of the rest: no ids, no counts, no edges, no hops.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import pytest

from api.app import create_app
from graph.model import (
    TLP,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
    Role,
)
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import TestClient, bearer, gql

ORGS = ["org-a", "org-b", "org-c"]
# id → (tlp, members)
AGREEMENTS = {
    "a-clear": (TLP.CLEAR, ORGS),
    "a-green": (TLP.GREEN, ["org-a", "org-b"]),
    "a-amber": (TLP.AMBER, ["org-b", "org-c"]),
    "a-strict": (TLP.AMBER_STRICT, ["org-a", "org-b"]),
    "a-red": (TLP.RED, ["org-a", "org-c"]),
}
ACTIVITIES = {
    "x-green": (TLP.GREEN, ["org-a", "org-c"]),
    "x-amber": (TLP.AMBER, ["org-a", "org-b"]),
    "x-strict": (TLP.AMBER_STRICT, ["org-a", "org-c"]),
    "x-red": (TLP.RED, ["org-b", "org-c"]),
}
ITEMS = {**AGREEMENTS, **ACTIVITIES}


@dataclass(frozen=True)
class Caller:
    role: Role
    clearance: TLP
    organisation: str | None
    sees: frozenset[str]

    def __str__(self) -> str:
        return f"{self.role.value}-{self.clearance.value}-{self.organisation or 'no-org'}"


BASE_GREEN = {"a-clear", "a-green", "x-green"}
BASE_AMBER = BASE_GREEN | {"a-amber", "x-amber"}
CALLERS = [
    Caller(Role.VIEWER, TLP.GREEN, None, frozenset(BASE_GREEN)),
    Caller(Role.VIEWER, TLP.CLEAR, None, frozenset({"a-clear"})),
    # A viewer never sees AMBER, but sees the restricted items of its own organisation.
    Caller(Role.VIEWER, TLP.RED, "org-a", frozenset(BASE_GREEN | {"a-strict", "a-red", "x-strict"})),
    Caller(Role.ANALYST, TLP.AMBER, None, frozenset(BASE_AMBER)),
    Caller(Role.ANALYST, TLP.GREEN, None, frozenset(BASE_GREEN)),  # the token caps the role
    Caller(Role.ANALYST, TLP.AMBER, "org-a", frozenset(BASE_AMBER)),  # AMBER clearance: no org items
    Caller(Role.STEWARD, TLP.AMBER_STRICT, "org-b", frozenset(BASE_AMBER | {"a-strict"})),
    Caller(Role.STEWARD, TLP.RED, "org-c", frozenset(BASE_AMBER | {"a-red", "x-strict", "x-red"})),
    Caller(Role.ADMIN, TLP.GREEN, None, frozenset(ITEMS)),
]


def _load(store: Store) -> None:
    write_records(store, [Partner(id=o, name=f"Org {o[-1].upper()}", kind="law_enforcement",
                                  country="FR") for o in ORGS], "t")
    write_records(store, [Agreement(id=i, title=i, kind="mou", status="active", tlp=t)
                          for i, (t, _) in AGREEMENTS.items()], "t")
    write_records(store, [AgreementParty(agreement_id=i, partner_id=m)
                          for i, (_, ms) in AGREEMENTS.items() for m in ms], "t")
    write_records(store, [Activity(id=i, name=i, kind="operation", tlp=t)
                          for i, (t, _) in ACTIVITIES.items()], "t")
    write_records(store, [ActivityParticipant(activity_id=i, partner_id=m)
                          for i, (_, ms) in ACTIVITIES.items() for m in ms], "t")


@pytest.fixture(scope="module")
def graph(session_store: Store) -> Store:
    from graph.admin import wipe

    wipe(session_store)
    _load(session_store)
    return session_store


@pytest.fixture(scope="module")
def app_for(graph: Store, neo4j_server) -> Iterator:  # type: ignore[no-untyped-def]
    clients: list[TestClient] = []

    def make(caller: Caller) -> TestClient:
        headers = bearer(graph, caller.role, caller.clearance, caller.organisation)
        client = TestClient(create_app(neo4j_server), headers=headers)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def _shared(a: str, b: str, sees: frozenset[str]) -> set[str]:
    return {i for i in sees if a in ITEMS[i][1] and b in ITEMS[i][1]}


@pytest.mark.parametrize("caller", CALLERS, ids=str)
def test_every_read_path_shows_exactly_what_the_caller_may_see(app_for, caller: Caller) -> None:
    client = app_for(caller)
    sees = caller.sees

    # Lookups by id, and node(id): a hidden object reads exactly like a missing one (null,
    # and the same error; its hints name only what the caller sees).
    def miss(kind: str, item: str) -> dict:
        body = gql(client, f'{{ {kind}(id: "{item}") {{ id }} '
                           f'node(id: "{kind.title()}:{item}") {{ nodeId }} }}', ok=False)
        errors = body.get("errors") or []
        if errors:
            (err,) = errors
            assert err["message"].startswith(f"no {kind} you may see with id '{item}'"), err
            assert err["extensions"]["code"] == "BAD_USER_INPUT"
            assert {s["id"] for u in err["extensions"]["unknown"]
                    for s in u["suggestions"]} <= sees, err
        return body["data"]

    for item in ITEMS:
        kind = "agreement" if item.startswith("a-") else "activity"
        data = miss(kind, item)
        assert (data[kind] is not None) == (item in sees), item
        assert (data["node"] is not None) == (item in sees), item
    assert miss("agreement", "a-missing")["agreement"] is None

    # Lists and their totals.
    data = gql(client, "{ agreements(first: 50) { totalCount edges { node { id } } } "
                       "activities(first: 50) { totalCount edges { node { id } } } }")
    listed = {e["node"]["id"] for k in ("agreements", "activities") for e in data[k]["edges"]}
    assert listed == sees
    assert data["agreements"]["totalCount"] + data["activities"]["totalCount"] == len(sees)

    # Counts by facet.
    counts = gql(client, "{ a: counts(of: AGREEMENT, by: TLP) { value count } "
                         "x: counts(of: ACTIVITY, by: TLP) { value count } }")
    assert sum(c["count"] for k in ("a", "x") for c in counts[k]) == len(sees)

    # Traversals from each partner, and the other members of each visible item.
    for org in ORGS:
        data = gql(client, f'''{{ partner(id: "{org}") {{
            agreements {{ agreement {{ id parties {{ partner {{ id }} }} }} }}
            activities {{ activity {{ id participants {{ partner {{ id }} }} }} }}
            partners(first: 10) {{ partner {{ id }} agreements {{ id }} activities {{ id }} }} }} }}''')["partner"]
        mine = {i for i in sees if org in ITEMS[i][1]}
        assert {m["agreement"]["id"] for m in data["agreements"]} | {
            m["activity"]["id"] for m in data["activities"]} == mine
        for tie in data["partners"]:
            other = tie["partner"]["id"]
            assert {a["id"] for a in tie["agreements"]} | {a["id"] for a in tie["activities"]} == \
                _shared(org, other, sees)
        assert {t["partner"]["id"] for t in data["partners"]} == {
            o for o in ORGS if o != org and _shared(org, o, sees)}

    # Relationship questions: shared ties and paths carry only visible items.
    rel = gql(client, '{ relationships(between: ["org-a", "org-b", "org-c"]) '
                      '{ agreement { id } activity { id } } }')["relationships"]
    assert {(r["agreement"] or r["activity"])["id"] for r in rel} == sees
    for a, b in combinations(ORGS, 2):
        paths = gql(client, f'{{ shortestPaths(from: "{a}", to: "{b}", k: 1) {{ hops {{ '
                            f'agreements {{ id }} activities {{ id }} }} }} }}')["shortestPaths"]
        shared = _shared(a, b, sees)
        if shared:
            [path] = paths
            [hop] = path["hops"]
            assert {x["id"] for x in hop["agreements"] + hop["activities"]} == shared
        else:
            assert all(len(p["hops"]) > 1 for p in paths)

    # The drawing data: an edge only where a visible item joins the pair.
    net = gql(client, "{ networkCompact(limit: 10) { ids sources targets } }")["networkCompact"]
    edges = {frozenset((net["ids"][s], net["ids"][t])) for s, t in zip(net["sources"], net["targets"])}
    assert edges == {frozenset(p) for p in combinations(ORGS, 2) if _shared(*p, sees)}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_mutations_and_the_audit_log_need_their_roles(app_for, role: Role) -> None:
    client = app_for(Caller(role, TLP.GREEN, None, frozenset()))
    body = gql(client, 'mutation { updatePartner(id: "nobody", patch: {name: "x"}) '
                       '{ __typename } }', ok=False)
    if role.includes(Role.STEWARD):
        assert body["data"]["updatePartner"]["__typename"] == "NotFound"
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"] is None
    body = gql(client, "{ auditLog { action } }", ok=False)
    if role is Role.ADMIN:
        assert "errors" not in body
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_viewer_may_not_run_metrics(app_for) -> None:
    client = app_for(Caller(Role.VIEWER, TLP.RED, None, frozenset()))
    body = gql(client, "mutation { runMetrics { __typename } }", ok=False)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
