"""`partnergraph metrics run` against a real Neo4j."""

import json

from click.testing import CliRunner

from api.cli import main
from graph.metrics.job import latest_run
from graph.queries import NamedQuery
from graph.reads import analytics
from tests.graph.metrics.network import write_network


def test_metrics_run_records_a_complete_run_and_prints_a_summary(store):
    write_network(store)
    result = CliRunner().invoke(main, ["metrics", "run", "--as-of", "2025-01-01",
                                       "--half-life", "365", "--seeds", "fr-police,de-bka",
                                       "--backend", "networkx"])
    assert result.exit_code == 0, result.output
    latest = latest_run(store)
    assert latest["params"]["half_life_days"] == 365
    assert latest["params"]["seeds"] == ["fr-police", "de-bka"]
    assert latest["params"]["as_of"] == "2025-01-01"
    assert latest["id"] in result.output


def test_metrics_run_takes_the_gap_thresholds_and_the_findings_say_them(store):
    write_network(store)
    result = CliRunner().invoke(main, ["metrics", "run", "--as-of", "2025-01-01",
                                       "--window-days", "30", "--expiring-days", "60"])
    assert result.exit_code == 0, result.output
    latest = latest_run(store)
    assert (latest["params"]["window_days"], latest["params"]["expiring_days"]) == (30, 60)
    found = {(r["kind"], r["subject"]): r["detail"] for r in analytics.gap_findings(store)}
    assert found[("country_gap", "FR")]["since"] == "2024-12-02"
    assert found[("country_gap", "FR")]["window_days"] == 30
    # "ending" expires on 2025-02-15: within 60 days, so listed, with the window it used.
    assert found[("expiring_agreement", "ending")]["until"] == "2025-03-02"


def test_metrics_run_with_an_unknown_seed_fails_with_a_message(store):
    write_network(store)
    result = CliRunner().invoke(main, ["metrics", "run", "--seeds", "nobody"])
    assert result.exit_code == 1
    assert "nobody" in result.output
    assert latest_run(store) is None


def test_metrics_run_for_one_kind_measures_only_those_partners(store):
    write_network(store)
    result = CliRunner().invoke(main, ["metrics", "run", "--as-of", "2025-01-01",
                                       "--kind", "law_enforcement"])
    assert result.exit_code == 0, result.output
    # A partial run is recorded, but never the latest run (its values stay off the partners).
    assert latest_run(store) is None
    run = analytics.runs(store, 1)[0]
    assert run["partial"] is True and run["status"] == "complete"
    assert json.loads(run["params"])["partner_kinds"] == ["law_enforcement"]
    assert json.loads(run["summary"])["nodes"] == 3


def test_a_token_that_would_be_born_expired_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["token", "create", "late", "--days", "-1"])
    assert result.exit_code == 2 and "-1" in result.output
    tokens = NamedQuery("test/count_tokens", "MATCH (t:ApiToken) RETURN count(t) AS n",
                        frozenset())
    assert store.read_one(tokens) == {"n": 0}
