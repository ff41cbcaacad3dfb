"""The metrics job against a real Neo4j: history, latest run, reproducibility, failure."""

import datetime as dt
import json

import networkx as nx
import pytest

from graph.metrics import job
from graph.metrics.job import METRIC_PROPERTIES, RunParams, latest_run, run_metrics
from graph.queries import NamedQuery
from tests.graph.metrics.network import write_network

AS_OF = dt.date(2025, 1, 1)


def q(text):
    return NamedQuery("test", text, frozenset())


def measured(store, run_id):
    rows = store.read(q("MATCH (:MetricRun {id: $run})-[m:MEASURED]->(p:Partner) "
                        "RETURN p.id AS id, properties(m) AS values ORDER BY id"), run=run_id)
    return {r["id"]: r["values"] for r in rows}


def test_a_run_writes_values_history_trust_and_findings(store):
    write_network(store)
    report = run_metrics(store, RunParams(as_of=AS_OF, seeds=("fr-police",)))
    latest = latest_run(store)
    assert latest["id"] == report.run_id and latest["graph_hash"] == report.graph_hash
    assert latest["params"]["seeds"] == ["fr-police"]
    assert set(latest["timings"]) >= {"projection", "betweenness", "write_measured"}

    partners = store.read(q("MATCH (p:Partner) RETURN p.id AS id, properties(p) AS props"))
    for row in partners:
        assert row["props"]["m_run"] == report.run_id
        assert {"m_degree", "m_pagerank", "m_trust", "m_community"} <= row["props"].keys()
    props = {r["id"]: r["props"] for r in partners}
    assert props["fr-police"]["m_degree"] == 3
    assert props["fr-police"]["m_trust"] > props["uni-x"]["m_trust"]
    assert "m_constraint" in props["fr-police"]

    assert measured(store, report.run_id)["fr-police"]["m_degree"] == 3
    trusts = store.read(q("MATCH (a)-[t:TRUSTS]->(b) RETURN a.id AS a, b.id AS b, "
                          "t.score AS score, t.components AS components, t.run AS run"))
    assert {t["run"] for t in trusts} == {report.run_id}
    for t in trusts:
        shares = sum(c["share"] for c in json.loads(t["components"]))
        assert shares == pytest.approx(t["score"])

    kinds = {r["kind"] for r in store.read(q(
        "MATCH (:MetricRun {id: $run})-[:FOUND]->(f:GapFinding) RETURN f.kind AS kind"),
        run=report.run_id)}
    assert {"expiring_agreement", "unratified", "country_gap"} <= kinds


def test_two_runs_two_histories_same_numbers_latest_is_the_second(store):
    write_network(store)
    first = run_metrics(store, RunParams(as_of=AS_OF))
    second = run_metrics(store, RunParams(as_of=AS_OF))
    runs = store.read(q("MATCH (r:MetricRun) RETURN r.id AS id, r.status AS status"))
    assert {(r["id"], r["status"]) for r in runs} == {
        (first.run_id, "complete"), (second.run_id, "complete")}
    assert latest_run(store)["id"] == second.run_id
    assert first.graph_hash == second.graph_hash
    assert measured(store, first.run_id) == measured(store, second.run_id)
    # Only the latest run's trust ties remain.
    runs_with_trust = store.read(q("MATCH ()-[t:TRUSTS]->() RETURN DISTINCT t.run AS run"))
    assert [r["run"] for r in runs_with_trust] == [second.run_id]


def test_a_failed_run_never_becomes_the_latest(store):
    write_network(store)
    good = run_metrics(store, RunParams(as_of=AS_OF))
    with pytest.raises(nx.NodeNotFound):
        run_metrics(store, RunParams(as_of=AS_OF, seeds=("no-such-partner",)))
    statuses = sorted(r["status"] for r in store.read(
        q("MATCH (r:MetricRun) RETURN r.status AS status")))
    assert statuses == ["complete", "failed"]
    assert latest_run(store)["id"] == good.run_id
    runs = store.read(q("MATCH (p:Partner) RETURN DISTINCT p.m_run AS run"))
    assert [r["run"] for r in runs] == [good.run_id]


def test_promotion_clears_values_a_newer_run_does_not_produce(store):
    write_network(store)
    run_metrics(store, RunParams(as_of=AS_OF))
    # In 2010 uni-x's only agreement (from 2018) did not exist: isolated, constraint undefined.
    later = run_metrics(store, RunParams(as_of=dt.date(2010, 1, 1)))
    props = store.read(q("MATCH (p:Partner {id: 'uni-x'}) RETURN properties(p) AS p"))[0]["p"]
    assert props["m_run"] == later.run_id and "m_constraint" not in props
    assert set(METRIC_PROPERTIES) - props.keys() == {"m_constraint", "m_effective_size"}


def test_an_empty_database_is_an_error_and_no_run_is_latest(store):
    with pytest.raises(nx.NetworkXPointlessConcept):
        run_metrics(store, RunParams(as_of=AS_OF))
    assert latest_run(store) is None


def partner_values(store):
    rows = store.read(q("MATCH (p:Partner) RETURN p.id AS id, properties(p) AS props"))
    return {r["id"]: {k: v for k, v in r["props"].items() if k.startswith("m_")} for r in rows}


def test_promotion_is_batched_and_a_failure_half_way_restores_the_previous_values(
        store, monkeypatch):
    write_network(store)
    good = run_metrics(store, RunParams(as_of=AS_OF))
    before = partner_values(store)
    monkeypatch.setattr(job, "BATCH_SIZE", 2)
    calls = {"promote": 0}
    transaction = store.transaction

    def failing(work, *, name="transaction"):
        if name == "metrics/promote_latest":
            calls["promote"] += 1
            if calls["promote"] == 3:
                raise RuntimeError("connection lost during promotion")
        return transaction(work, name=name)

    monkeypatch.setattr(store, "transaction", failing)
    with pytest.raises(RuntimeError, match="promotion"):
        run_metrics(store, RunParams(as_of=dt.date(2010, 1, 1)))
    assert latest_run(store)["id"] == good.run_id
    assert partner_values(store) == before  # the two promoted batches were undone
    statuses = store.read(q("MATCH (r:MetricRun) RETURN r.status AS s, r.promoting AS p"))
    assert sorted((r["s"], r["p"]) for r in statuses) == [("complete", None), ("failed", False)]

    # With small batches the promotion takes several transactions and still completes.
    calls["promote"] = -100
    later = run_metrics(store, RunParams(as_of=dt.date(2010, 1, 1)))
    assert calls["promote"] > -100 + 2
    assert {v["m_run"] for v in partner_values(store).values()} == {later.run_id}


def test_a_restore_that_could_not_run_is_done_by_the_next_run(store):
    write_network(store)
    run_metrics(store, RunParams(as_of=AS_OF))
    before = partner_values(store)
    # A failed run whose partners were left promoted (its restore never ran).
    store.write(q("CREATE (:MetricRun {id: 'run-x', status: 'failed', promoting: true}) "
                  "WITH 1 AS one MATCH (p:Partner) SET p.m_run = 'run-x', p.m_degree = -1"))
    with pytest.raises(nx.NodeNotFound):  # even a run that fails itself repairs first
        run_metrics(store, RunParams(as_of=AS_OF, seeds=("no-such-partner",)))
    assert partner_values(store) == before
    rows = store.read(q("MATCH (r:MetricRun {id: 'run-x'}) RETURN r.promoting AS p"))
    assert rows == [{"p": False}]


def test_a_region_run_over_a_single_partner_completes_with_undefined_path_figures(store):
    write_network(store)  # NG EFCC is the only partner of the Africa desk
    report = run_metrics(store, RunParams(as_of=AS_OF, region="AFR"))
    assert report.summary["nodes"] == 1 and report.summary["edges"] == 0
    assert report.summary["modularity"] is None and report.summary["diameter"] is None
