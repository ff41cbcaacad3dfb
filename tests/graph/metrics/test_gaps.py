"""Coverage gaps and loose ends, found by Cypher in a real Neo4j."""

import datetime as dt

from graph.metrics.gaps import GapWindow, find_gaps
from tests.graph.metrics.network import write_network

WINDOW = GapWindow(as_of=dt.date(2025, 1, 1), window_days=365, expiring_days=90)


def by_kind(findings, kind):
    return {f.subject: f.detail for f in findings if f.kind == kind}


def test_expiring_and_unratified(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    assert set(by_kind(found, "expiring_agreement")) == {"ending"}
    assert by_kind(found, "expiring_agreement")["ending"]["parties"] == ["acme-sec", "fr-police"]
    assert set(by_kind(found, "unratified")) == {"conv-1/ng-efcc"}


def test_country_and_region_gaps(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    countries = by_kind(found, "country_gap")
    # FR and DE have active agreements but no activity in the window; NG has both.
    assert countries["FR"]["agreements"] >= 1 and countries["FR"]["activities"] == 0
    assert "NG" not in countries
    assert countries["JP"] == {"name": "Japan", "region": "ASP", "partners": 0,
                               "agreements": 0, "activities": 0}
    regions = by_kind(found, "region_gap")
    assert "AFR" not in regions and regions["MENA"]["partners"] == 0


def test_sector_kind_and_focus_gaps(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    assert by_kind(found, "kind_gap")["academia"]["agreements"] == 0
    assert "law_enforcement" not in by_kind(found, "kind_gap")
    focus = by_kind(found, "focus_gap")
    assert "bec" not in focus and "ransomware" in focus


def test_activity_whose_participants_share_no_active_agreement(store):
    write_network(store)
    # op-1's two participants share only a terminated MoU.
    assert set(by_kind(find_gaps(store, WINDOW), "activity_without_agreement")) == {"op-1"}


def test_an_activity_outside_the_window_is_not_a_finding(store):
    write_network(store)
    later = GapWindow(as_of=dt.date(2026, 1, 1), window_days=90)
    found = find_gaps(store, later)
    assert by_kind(found, "activity_without_agreement") == {}
    assert "bec" in by_kind(found, "focus_gap")
