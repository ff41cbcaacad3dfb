"""The metric gate against full, region-limited and kind-limited runs at every ceiling, and
while a run is half-way through promoting its values onto partners."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

import pytest
from starlette.requests import Request
from starlette.responses import Response

from api.app import create_app
from api.context import Context, Viewer
from api.metric_gate import Gate
from api.schema import build_schema
from graph.access import access_for
from graph.metrics import job
from graph.metrics.job import RunParams, run_metrics
from graph.model import TLP, Role
from graph.reads import analytics
from graph.store import Store
from tests.api.conftest import TestClient, bearer, gql

READS = {
    "partner.metrics": '{ partner(id: "ng-police") { metrics { pagerank } } }',
    "rankings": "{ rankings(metric: PAGERANK) { partner { id } } }",
    "communities": "{ communities { id } }",
    "metric filter": "{ partners(filter: {metrics: [{metric: PAGERANK, gt: 0}]}) "
                     "{ totalCount } }",
    "trust": '{ trust(from: "ng-police", to: "group-ib") { score } }',
}
CALLERS = {"viewer": (Role.VIEWER, TLP.GREEN), "analyst": (Role.ANALYST, TLP.AMBER),
           "admin": (Role.ADMIN, TLP.GREEN)}
REACH = {"viewer": TLP.GREEN.rank, "analyst": TLP.AMBER.rank, "admin": TLP.RED.rank}
AS_OF = dt.date(2026, 6, 30)


def _run(store: Store, ceiling: TLP, **options) -> str:  # type: ignore[no-untyped-def]
    return run_metrics(store, RunParams(as_of=AS_OF, tlp_max=ceiling.rank, **options)).run_id


def _outcomes(client: TestClient) -> dict[str, str]:
    out = {}
    for name, query in READS.items():
        body = gql(client, query, ok=False)
        codes = {e["extensions"]["code"] for e in body.get("errors") or []}
        out[name] = "ok" if not codes else "/".join(sorted(codes))
    return out


# Each subgraph holds a tie at TLP:CLEAR (the convention), so each run has something to
# measure.
PARTIAL = {"none": {}, "region": {"region": "EUR"},
           "kinds": {"partner_kinds": ("law_enforcement",)},
           "region and kinds": {"region": "EUR",
                                "partner_kinds": ("law_enforcement", "international_org")}}


@pytest.mark.parametrize("partial", list(PARTIAL))
@pytest.mark.parametrize("ceiling", list(TLP))
def test_callers_read_values_only_of_runs_within_reach(known, settings, ceiling: TLP,
                                                       partial: str) -> None:
    full = _run(known, ceiling)
    if PARTIAL[partial]:
        # A later, lower partial run changes nothing on the partners, nor what the gate says.
        _run(known, TLP.CLEAR, **PARTIAL[partial])
    held = {r["m_run"] for r in known.read(_q("MATCH (p:Partner) RETURN p.m_run AS m_run"))}
    assert held == {full}
    for caller, (role, clearance) in CALLERS.items():
        with TestClient(create_app(settings), headers=bearer(known, role, clearance)) as c:
            outcomes = _outcomes(c)
            compact = gql(c, "{ networkCompact { run { id } values } }")["networkCompact"]
        allowed = ceiling.rank <= REACH[caller]
        assert outcomes == dict.fromkeys(READS, "ok" if allowed else "FORBIDDEN"), caller
        assert (compact["run"] == {"id": full}) if allowed else (
            compact["run"] is None and set(compact["values"]) == {None}), caller


def _q(text: str):  # type: ignore[no-untyped-def]
    from graph.queries import NamedQuery
    return NamedQuery("test/inline", text, frozenset())


class Held:
    """A promotion hook that stops the job after its first batch until released."""

    def __init__(self) -> None:
        self.halfway = threading.Event()
        self.release = threading.Event()

    def __call__(self, promoted: int) -> None:
        if not self.halfway.is_set():
            self.halfway.set()
            assert self.release.wait(timeout=300), "never released"


def _hold(store: Store, ceiling: TLP, monkeypatch) -> tuple[Held, threading.Thread, list]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(job, "BATCH_SIZE", 2)  # six partners: three batches
    held, done = Held(), []
    thread = threading.Thread(target=lambda: done.append(run_metrics(
        store, RunParams(as_of=AS_OF, tlp_max=ceiling.rank), promotion_hook=held)))
    thread.start()
    assert held.halfway.wait(timeout=300), "the run never reached its promotion"
    return held, thread, done


def test_no_caller_reads_a_red_run_half_way_through_its_promotion(known, settings,
                                                                  monkeypatch) -> None:
    green = _run(known, TLP.GREEN)
    held, thread, done = _hold(known, TLP.RED, monkeypatch)
    try:
        runs = {r["m_run"] for r in known.read(_q("MATCH (p:Partner) RETURN p.m_run AS m_run"))}
        assert len(runs) == 2 and green in runs  # half the partners hold the RED run's values
        for caller in ("viewer", "analyst"):
            role, clearance = CALLERS[caller]
            with TestClient(create_app(settings), headers=bearer(known, role, clearance)) as c:
                assert set(_outcomes(c).values()) == {"FORBIDDEN"}, caller
                compact = gql(c, "{ networkCompact { values } }")["networkCompact"]
                assert set(compact["values"]) == {None}
        with TestClient(create_app(settings), headers=bearer(known, Role.ADMIN)) as admin:
            assert set(_outcomes(admin).values()) == {"ok"}
    finally:
        held.release.set()
        thread.join(timeout=300)
    assert done, "the run did not complete"


def test_a_lower_run_half_way_through_promotion_is_read_only_once_complete(
        known, settings, monkeypatch) -> None:
    _run(known, TLP.AMBER)
    held, thread, done = _hold(known, TLP.GREEN, monkeypatch)
    try:
        role, clearance = CALLERS["viewer"]
        with TestClient(create_app(settings), headers=bearer(known, role, clearance)) as c:
            assert set(_outcomes(c).values()) == {"FORBIDDEN"}  # AMBER values remain
    finally:
        held.release.set()
        thread.join(timeout=300)
    with TestClient(create_app(settings), headers=bearer(known, role, clearance)) as c:
        assert set(_outcomes(c).values()) == {"ok"}


def test_a_request_that_passed_the_gate_before_a_promotion_began_is_refused_after(
        known, settings, monkeypatch) -> None:
    """The gate is read once per request; a promotion that starts between that read and
    the read of values is caught by the values' own run and a second look at the gate."""
    _run(known, TLP.GREEN)
    latest, promoting = analytics.served_runs(known)
    stale = Gate(latest, promoting)  # what a request read before the promotion began
    held, thread, done = _hold(known, TLP.RED, monkeypatch)
    try:
        schema = build_schema(settings)
        access = access_for(known, Role.VIEWER, TLP.GREEN, None)
        red_partner = known.read_one(_q(
            "MATCH (p:Partner) WHERE p.m_run <> $green RETURN p.id AS id"), green=latest["id"])
        # Reads whose answer or order rests on the values now on partners; (a partner still
        # holding the GREEN run's values, and the GREEN run's trust ties, remain readable.)
        mixed = [READS["rankings"], READS["communities"], READS["metric filter"],
                 f'{{ partner(id: "{red_partner["id"]}") {{ metrics {{ pagerank }} }} }}']
        for query in mixed:
            request = Request({"type": "http", "method": "POST", "path": "/graphql",
                               "headers": [], "query_string": b"", "state": {}})
            ctx = Context(request=request, response=Response(), store=known, settings=settings,
                          viewer=Viewer(Role.VIEWER, access))
            ctx.metric_gate = stale
            result = asyncio.run(schema.execute(query, context_value=ctx))
            codes = {e.original_error.code for e in result.errors or []
                     if getattr(e.original_error, "code", None)}
            assert codes == {"FORBIDDEN"}, (query, result)
    finally:
        held.release.set()
        thread.join(timeout=300)
