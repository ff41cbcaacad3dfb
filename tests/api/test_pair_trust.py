"""trust(from, to) for any pair (graph/reads/trust.py): the stored tie when the run kept one,
else the job's own computation on the shared evidence, counting nothing above the run's TLP
ceiling or beyond the caller's sight."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Iterator

import pytest

from api.app import create_app
from graph.metrics import job
from graph.metrics.job import RunParams, run_metrics
from graph.metrics.trust import DirectTrust, direct_trust
from graph.model import TLP, Activity, ActivityParticipant, Agreement, AgreementParty, Partner, Role
from graph.projection import Options, Weights, project
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import bearer, gql

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

AS_OF = dt.date(2024, 1, 1)
SIGNED = "2020-01-01"

# h is tied to x by data sharing and to y by an MoU; x and y by an NDA; all three by a
# convention; x and y also by a RED NDA and an AMBER operation. With trust_top_k = 1 each
# partner keeps one tie: h→x, x→h and y→h; x→y and y→x are not stored.
PARTNERS = [Partner(id=p, name=f"Partner {p}", kind="law_enforcement", country="FR")
            for p in ("h", "x", "y")]
AGREEMENTS = [
    Agreement(id="ds-hx", title="h–x data sharing", kind="data_sharing", status="active",
              signed_on=SIGNED, tlp="green"),
    Agreement(id="mou-hy", title="h–y MoU", kind="mou", status="active", signed_on=SIGNED,
              tlp="green"),
    Agreement(id="nda-xy", title="x–y NDA", kind="nda", status="active", signed_on=SIGNED,
              tlp="green"),
    Agreement(id="conv", title="Convention", kind="convention", status="active",
              signed_on=SIGNED, binding=True, tlp="clear"),
    Agreement(id="red-xy", title="x–y red NDA", kind="nda", status="active", signed_on=SIGNED,
              tlp="red"),
]
PARTIES = [AgreementParty(agreement_id=a, partner_id=p) for a, ps in (
    ("ds-hx", "hx"), ("mou-hy", "hy"), ("nda-xy", "xy"), ("conv", "hxy"), ("red-xy", "xy"))
    for p in ps]
OPERATION = Activity(id="op-xy", name="Amber operation", kind="operation", status="completed",
                     start="2023-12", end="2023-12", tlp="amber")

# Worked by hand (docs/METRICS.md §1 and §5): every agreement was signed 1,461 days before
# AS_OF, so its maturity is m = 0.5 + 0.5·(1 − e^(−1461/365)); parties weigh ρ = 1. The NDA
# gives e = 0.4·m/√1, the convention (binding, three parties) e = 1.0·1.5·m/√2, and with the
# prior W = 2, a = 0.5: T = (r + 1) / (r + 2).
M = 0.5 + 0.5 * (1 - math.exp(-1461 / 365))
R_XY = 0.4 * M + 1.5 * M / math.sqrt(2)
T_XY = (R_XY + 1) / (R_XY + 2)

Q = """query($a: ID!, $b: ID!) { trust(from: $a, to: $b) {
  score uncertainty stored runId components { id source share against } } }"""


def load(store: Store) -> None:
    for records in (PARTNERS, AGREEMENTS, PARTIES, [OPERATION],
                    [ActivityParticipant(activity_id="op-xy", partner_id=p) for p in "xy"]):
        write_records(store, records, "test")


@pytest.fixture
def green_run(store: Store) -> Store:
    load(store)
    run_metrics(store, RunParams(as_of=AS_OF, trust_top_k=1, tlp_max=TLP.GREEN.rank))
    return store


@pytest.fixture
def clients(green_run: Store, settings) -> Iterator[dict[str, TestClient]]:
    """An admin, a GREEN viewer, and a viewer of organisation x cleared to RED (who may see
    the red NDA x is party to)."""
    headers = {"admin": bearer(green_run),
               "viewer": bearer(green_run, Role.VIEWER, TLP.GREEN),
               "member": bearer(green_run, Role.VIEWER, TLP.RED, organisation="x")}
    with TestClient(create_app(settings)) as c:
        yield {name: _Client(c, h) for name, h in headers.items()}


class _Client:
    def __init__(self, client: TestClient, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def post(self, url: str, json: dict) -> object:
        return self.client.post(url, json=json, headers=self.headers)


def trust(client, a: str, b: str) -> dict:
    return gql(client, Q, {"a": a, "b": b})["trust"]


def job_trust(store: Store, a: str, b: str, tlp_max: int) -> DirectTrust:
    """What the metric job computes for the pair (its projection and direct trust)."""
    G = project(store, Options(as_of=AS_OF, tlp_max=tlp_max), Weights())
    found = direct_trust(G)
    return found[(a, b)] if (a, b) in found else found[(b, a)]


def test_a_pair_without_a_stored_tie_gets_the_jobs_value(green_run, clients) -> None:
    t = trust(clients["admin"], "x", "y")
    assert t["stored"] is False
    assert t["score"] == pytest.approx(T_XY, rel=1e-12)
    expected = job_trust(green_run, "x", "y", TLP.GREEN.rank)
    assert t["score"] == expected.score and t["uncertainty"] == expected.uncertainty
    assert [(c["id"], c["share"]) for c in t["components"]] == [
        (c["id"], c["share"]) for c in job.explanation(expected)]
    assert sum(c["share"] for c in t["components"]) == pytest.approx(t["score"])
    # Only the green and clear evidence counts: the run's ceiling is GREEN.
    assert [c["id"] for c in t["components"]] == ["conv", "nda-xy", None]


def test_a_stored_tie_is_served_and_equals_the_computation(green_run, clients) -> None:
    admin = clients["admin"]
    stored, reverse = trust(admin, "y", "h"), trust(admin, "h", "y")
    assert stored["stored"] is True and reverse["stored"] is False
    assert reverse["score"] == pytest.approx(stored["score"], rel=1e-12)
    assert reverse["components"] == stored["components"]
    assert stored["runId"] == reverse["runId"]


def test_evidence_beyond_the_callers_sight_or_the_runs_ceiling_never_counts(
        green_run, clients) -> None:
    # The viewer cannot see the amber operation; the member can see the red NDA, but the
    # run did not read it: all three get the same answer, with neither among the components.
    answers = [trust(clients[who], "x", "y") for who in ("admin", "viewer", "member")]
    assert answers[0] == answers[1] == answers[2]
    assert {c["id"] for c in answers[0]["components"]}.isdisjoint({"op-xy", "red-xy"})


def test_an_amber_run_counts_the_amber_operation(store: Store, client) -> None:
    load(store)
    run_metrics(store, RunParams(as_of=AS_OF, trust_top_k=1))
    t = trust(client, "x", "y")
    expected = job_trust(store, "x", "y", TLP.AMBER.rank)
    assert t["score"] == expected.score and t["score"] != pytest.approx(T_XY)
    assert "op-xy" in {c["id"] for c in t["components"]}
    assert "red-xy" not in {c["id"] for c in t["components"]}


def test_two_partners_who_share_nothing_get_the_prior(green_run, client) -> None:
    write_records(green_run, [Partner(id="z", name="Partner z", kind="cert", country="JP")],
                  "test")
    t = trust(client, "x", "z")
    assert (t["score"], t["uncertainty"], t["stored"]) == (0.5, 1.0, False)
    assert t["components"] == [{"id": None, "source": "prior", "share": 0.5, "against": 0.0}]


def test_unknown_or_identical_partners_are_bad_input(green_run, client) -> None:
    for a, b, named in (("x", "nobody", "'nobody'"), ("Nobody", "y", "'Nobody'"),
                        ("x", "x", "two different partners")):
        body = gql(client, Q, {"a": a, "b": b}, ok=False)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert named in body["errors"][0]["message"]


def test_no_trust_before_the_first_run(store: Store, client) -> None:
    load(store)
    assert trust(client, "x", "y") is None


def _t(r: float) -> float:
    return (r + 1) / (r + 2)


def test_the_trusted_paths_trust_is_the_product_of_its_hops(green_run, client) -> None:
    # y keeps only its tie to h, and h only its tie to x: the chain is y → h → x.
    T_YH = _t(0.5 * M + 1.5 * M / math.sqrt(2))  # the MoU and the convention
    T_HX = _t(0.9 * M + 1.5 * M / math.sqrt(2))  # data sharing and the convention
    path = gql(client, """{ trustedPath(from: "y", to: "x") {
        cost trust partners { id } hops { trust from { id } to { id } } } }""")["trustedPath"]
    assert [p["id"] for p in path["partners"]] == ["y", "h", "x"]
    assert [h["trust"] for h in path["hops"]] == pytest.approx([T_YH, T_HX], rel=1e-12)
    assert path["trust"] == pytest.approx(T_YH * T_HX, rel=1e-12)
    assert path["cost"] == pytest.approx(-math.log(T_YH * T_HX), rel=1e-12)
    shortest = gql(client, """{ shortestPaths(from: "y", to: "x") { trust cost
        hops { trust } } }""")["shortestPaths"]
    assert shortest == [{"trust": None, "cost": None, "hops": [{"trust": None}]}]
