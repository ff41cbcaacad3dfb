"""The network view's counts against the metric run's (demo data, one metric run).

The picture ties two partners by any agreement or activity the viewer may see, of any
status and date; the metric run counts only the evidence in force on its date, up to its
TLP ceiling. On the demo, as admin, the two differ (drafts, planned activities, RED
agreements): the page must say so, with both figures, for the network and for a partner.
"""

from __future__ import annotations

from collections import Counter

from playwright.sync_api import Browser

from tests.dashboard.conftest import Server, open_dashboard

COMPACT = "{ networkCompact(limit: 5000) { ids names sources targets } }"
RUN = "{ latestMetricRun { id params summary } }"
DEGREE = "query($id: ID!) { partner(id: $id) { metrics { degree } } }"


def test_the_picture_says_why_its_ties_are_not_the_runs(server: Server, browser: Browser) -> None:
    compact = server.gql(COMPACT)["networkCompact"]
    run = server.gql(RUN)["latestMetricRun"]
    drawn, counted = len(compact["sources"]), run["summary"]["edges"]
    assert drawn != counted, "the demo should show the difference the note explains"
    opened = open_dashboard(browser, server, "#/network")
    opened.wait_network()
    note = opened.page.inner_text("#net-counts")
    assert f"{drawn:,} ties here" in note
    assert f"The metric run counted {counted:,} ties" in note
    assert run["params"]["as_of"] in note and "up to TLP AMBER" in note
    assert f"{drawn:,} ties" in opened.page.inner_text("#net-caption")
    assert opened.errors == []


def test_a_focused_partner_shows_all_its_neighbours_and_why_its_degree_differs(
        server: Server, browser: Browser) -> None:
    compact = server.gql(COMPACT)["networkCompact"]
    neighbours = Counter(compact["sources"]) + Counter(compact["targets"])
    # The partner whose neighbours in the picture exceed its degree in the run the most.
    best = None
    for i, count in neighbours.most_common(25):
        pid = compact["ids"][i]
        degree = server.gql(DEGREE, {"id": pid})["partner"]["metrics"]["degree"]
        if best is None or count - degree > best[2] - best[3]:
            best = (pid, compact["names"][i], count, degree)
    assert best is not None
    pid, name, count, degree = best
    assert count > degree
    opened = open_dashboard(browser, server, "#/network")
    opened.wait_network()
    opened.page.fill("#net-search", name)
    opened.page.dispatch_event("#net-search", "change")
    opened.page.wait_for_selector("#net-focus")
    assert f"and its {count:,} neighbours" in opened.page.inner_text("#net-focus")
    neighbour_rows = opened.page.locator("#net-focus tbody tr").count()
    assert neighbour_rows == min(count, 25)
    opened.page.wait_for_function(
        "() => document.getElementById('net-focus-degree')?.textContent.includes('degree')")
    reason = opened.page.inner_text("#net-focus-degree")
    assert f"is {int(degree):,}" in reason and "in force" in reason
    opened.screenshot("network-focus")
    assert opened.errors == []
