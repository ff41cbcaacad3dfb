"""What records know, on screen: the fixtures shaped like real sources
(tests/fixtures/real_shapes) imported, then read by the dashboard in Chromium. A partial
list never reads as complete, approximations and bounds keep their marks, money its
currency, a signed treaty is not shown in force, and every party's consent and dates show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from api.dashboard_site import DIST
from graph.admin import wipe
from graph.metrics.job import RunParams, run_metrics
from graph.store import Store
from ingest.importer import import_files
from tests.dashboard.conftest import Server, open_dashboard

DOCUMENT = Path(__file__).resolve().parents[1] / "fixtures" / "real_shapes" / "document.json"


@pytest.fixture(scope="module")
def demo(session_store: Store) -> Store:
    """Here the fixtures' records rather than the demo (the conftest's `server` uses this)."""
    if not (DIST / "index.html").is_file():
        pytest.fail("api/dashboard/dist is missing: run `make dashboard` first")
    wipe(session_store)
    import_files(session_store, [DOCUMENT])
    run_metrics(session_store, RunParams(as_of=dt.date.today()))
    return session_store


def rows(opened, table: str) -> list[list[str]]:
    """The cells of a table's body, as the page shows them."""
    return opened.page.eval_on_selector_all(
        f"#{table} tbody tr", "trs => trs.map(tr => [...tr.cells].map(c => c.textContent.trim()))")


def test_an_operation_shows_its_partial_list_and_figures_as_reported(server: Server,
                                                                     browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/activity/op-quiet-lantern")
    opened.page.wait_for_selector("#activity-outcomes")

    assert opened.page.inner_text("#activity-list") == "6 named of 76 reported"
    assert rows(opened, "activity-outcomes") == [
        ["arrests", "≈ 3,500", "approximately", "—"],
        ["servers seized", "11–12", "a range (sources disagree)", "—"],
        ["victims notified", "≤ 10", "at most", "—"],
        ["frozen", "EUR 1,200,000", "exact", "EUR"],
        ["recovered", "≥ USD 439,000,000", "at least", "USD"],
        ["ips sinkholed", "≈ 20,000", "approximately", "—"],
    ]
    roles = {r[0]: r[1] for r in rows(opened, "activity-participants")}
    assert roles["Northwind Development Fund"] == "Participant and sponsor"
    assert opened.page.inner_text("#activity-when") == "2024-03–2024-05, announced 2024-06-20"
    api = server.gql('{ activity(id: "op-quiet-lantern") { sources { url } } }')["activity"]
    links = opened.page.eval_on_selector_all("#activity-provenance .sources a",
                                             "as => as.map(a => a.getAttribute('href'))")
    assert links == [s["url"] for s in api["sources"]]
    assert opened.page.inner_text("#activity-provenance .confidence") == "70 / 100"
    opened.screenshot("activity")
    assert opened.errors == []


@pytest.mark.parametrize(("activity", "when", "list_"), [
    ("coastal-resilience", "undated", "2 named; whether that is all is not known"),
    ("csirt-mentoring", "since 2019 (open-ended), announced 2019-02",
     "2 named; the list is complete"),
])
def test_undated_and_open_ended_programmes_say_so(server: Server, browser: Browser, activity: str,
                                                  when: str, list_: str) -> None:
    opened = open_dashboard(browser, server, f"#/activity/{activity}")
    opened.page.wait_for_selector("#activity-outcomes")
    assert opened.page.inner_text("#activity-when") == when
    assert opened.page.inner_text("#activity-list") == list_
    assert opened.errors == []


def test_a_treaty_shows_each_partys_consent_and_who_is_only_signed_or_invited(
        server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/agreement/VCDE")
    opened.page.wait_for_selector("#agreement-parties")

    assert opened.page.inner_text("#agreement-standing") == (
        "5 parties (consent given) · 1 signed only · 2 invited · 1 depositary")
    parties = {r[0]: r[1:6] for r in rows(opened, "agreement-parties")}
    assert parties["Government of Ghana"] == ["Party", "Accession", "—", "2021-02-10", "2021-06-01"]
    assert parties["Government of France"] == ["Party", "Ratification", "2019-03-01", "2020-06-15",
                                               "2020-10-01"]
    assert parties["Government of South Africa"] == ["Signatory", "—", "2019-03-01", "—", "—"]
    assert parties["Government of Kenya"] == ["Invited", "—", "—", "—", "—"]
    opened.screenshot("agreement")

    opened.page.evaluate("() => { location.hash = '#/agreement/VCDE-P1'; }")
    opened.page.wait_for_function(
        "() => document.querySelector('#h-agreement').textContent.includes('Protocol')")
    assert opened.page.inner_text("#view-agreement .facts .badge") == "Signed, not in force"
    assert opened.errors == []


def test_a_partner_page_shows_its_seat_sources_and_its_activities_partial_lists(
        server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/partner/gpcn")
    opened.page.wait_for_selector("#partner-activities")

    assert opened.page.inner_text("#view-partner .headquarters") == " · seat: France"
    assert opened.page.inner_text("#partner-provenance .confidence") == "80 / 100"
    assert opened.page.eval_on_selector_all("#partner-provenance .sources a", "as => as.map(a => a.href)") == [
        "https://example.org/gpcn/about", "https://example.org/gpcn/annual-report-2023"]
    activities = {r[0]: r for r in rows(opened, "partner-activities")}
    lantern = activities["Operation Quiet Lantern"]
    assert lantern[5] == "6 named of 76 reported"
    assert lantern[6].startswith("≈ 3,500 arrests · 11–12 servers seized · ≤ 10 victims notified · "
                                 "EUR 1,200,000 frozen")
    totals = {r[0]: r[1:] for r in rows(opened, "partner-totals")}
    assert totals["arrests"] == ["≈ 3,500", "1", "1"]
    assert totals["recovered"] == ["≥ USD 439,000,000", "1", "0"]

    opened.page.evaluate("() => { location.hash = '#/partner/gov-GH'; }")
    opened.page.wait_for_function(
        "() => document.querySelector('#h-partner').textContent === 'Government of Ghana'")
    [row] = rows(opened, "partner-agreements")
    assert row[4:6] == ["Party", "Accession (consent 2021-02-10, in force 2021-06-01)"]
    assert opened.errors == []
