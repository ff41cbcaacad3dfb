"""The dashboard for callers who may not read everything: TLP and metric access in the browser.

The issue's test: "a user without AMBER clearance sees no AMBER object anywhere on the page".
Every view is opened with a viewer and an analyst token capped at GREEN; every agreement and
activity id and title the page shows (text, attributes, the tables behind the charts and the
network) and every GraphQL response it receives is searched for the demo's AMBER,
AMBER+STRICT and RED objects. The same walk with the admin token must find some (so the test
can fail). The demo's metric run has the default AMBER ceiling, so these callers also get the
bare network and a notice instead of rankings, metrics, trust, gaps and trends.
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from playwright.sync_api import Browser

from graph import tokens
from graph.model import TLP, Role
from graph.store import Store
from tests.dashboard.conftest import ROOT, Opened, Server, open_dashboard

DEMO = ROOT / "ingest" / "demo"
RESTRICTED_TLP = {"amber", "amber+strict", "red"}
PARTNER = "INTERPOL"  # party to AMBER, AMBER+STRICT and RED agreements in the demo

EXPIRING = """{ agreements(filter: {expiresWithinDays: 90, status: {eq: ACTIVE}},
    orderBy: {field: EXPIRES_ON, direction: ASC}, first: 100) { edges { node { id } } } }"""

# Every piece of text in the page, hidden or not (closed <details>, the network's table),
# and every attribute value (data-agreement, title, aria-label, …).
PAGE_TEXT = """() => {
  const parts = [document.body.textContent, document.title];
  for (const e of document.querySelectorAll('*')) for (const a of e.attributes) parts.push(a.value);
  return parts.join('\\n');
}"""


def _restricted() -> tuple[set[str], set[str]]:
    """Ids and titles of the demo's AMBER/AMBER+STRICT/RED agreements and activities. Titles
    that a CLEAR/GREEN object shares are left out (they may rightly appear); their ids stay."""
    ids: set[str] = set()
    titles: set[str] = set()
    visible: set[str] = set()
    for name, title in (("agreements.csv", "title"), ("activities.csv", "name")):
        with (DEMO / name).open(newline="") as f:
            for row in csv.DictReader(f):
                if row["tlp"].strip().lower() in RESTRICTED_TLP:
                    ids.add(row["id"])
                    titles.add(row[title])
                else:
                    visible.add(row[title])
    return ids, {t for t in titles if not any(t in v for v in visible)}


RESTRICTED_IDS, RESTRICTED_TITLES = _restricted()
RESTRICTED_ACTIVITY = sorted(i for i in RESTRICTED_IDS if i.startswith("ILL-ACT-"))[0]
ID_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(RESTRICTED_IDS))) + r")(?![\w-])")


def unechoed(text: str) -> str:
    """`text` without the id the walk itself asked for (a shared link to RESTRICTED_ACTIVITY):
    the answer repeats it ("no activity you may see with id 'ILL-ACT-…'", and
    `extensions.unknown[].value`) in the same words as for an id that never existed, which
    tells the caller nothing they did not type."""
    return (text.replace(f"'{RESTRICTED_ACTIVITY}'", "'…'")
            .replace(f'"value": "{RESTRICTED_ACTIVITY}"', '"value": "…"'))


def leaks(text: str) -> set[str]:
    found = set(ID_PATTERN.findall(text))
    found |= {t for t in RESTRICTED_TITLES if t in text}
    return found


@pytest.fixture(scope="module")
def callers(demo: Store, server: Server) -> dict[str, str]:
    viewer, _ = tokens.create(demo, "dashboard viewer", Role.VIEWER, clearance=TLP.GREEN,
                              days=None, actor="tests")
    analyst, _ = tokens.create(demo, "dashboard analyst", Role.ANALYST, clearance=TLP.GREEN,
                               days=None, actor="tests")
    return {"viewer": viewer, "analyst": analyst, "admin": server.admin_token}


def walk(browser: Browser, server: Server, token: str, name: str) -> tuple[Opened, dict[str, str]]:
    """Every view in turn; returns the page and the text each view showed."""
    opened = open_dashboard(browser, server, "#/network", token=token)
    page = opened.page
    shown: dict[str, str] = {}
    opened.wait_network()
    page.evaluate("() => window.__dashboard.network.stopLayout()")
    opened.screenshot(f"{name}-network")
    page.click("#view-network details.alt summary")
    shown["network"] = page.evaluate(PAGE_TEXT)

    page.click("nav a[data-view=rankings]")
    page.wait_for_selector("#rankings tbody tr, #rank-table .metrics-forbidden")
    shown["rankings"] = page.evaluate(PAGE_TEXT)
    opened.screenshot(f"{name}-rankings")

    page.evaluate(f"() => {{ location.hash = '#/partner/{PARTNER}'; }}")
    page.wait_for_selector("#partner-agreements")
    page.wait_for_selector("#partner-trust, #view-partner .metrics-forbidden")
    for d in page.query_selector_all("#view-partner details"):
        d.evaluate("d => { d.open = true; }")
    shown["partner"] = page.evaluate(PAGE_TEXT)
    opened.screenshot(f"{name}-partner")

    # The agreement and activity pages of the first the partner's page links to, and an
    # activity above GREEN asked for by its id (a link someone shared).
    for kind in ("agreement", "activity"):
        key = page.get_attribute(f"#view-partner [data-{kind}]", f"data-{kind}")
        page.evaluate(f"() => {{ location.hash = '#/{kind}/' + {json.dumps(key)}; }}")
        page.wait_for_selector(f"#{kind}-provenance")
        shown[kind] = page.evaluate(PAGE_TEXT)
    page.evaluate(f"() => {{ location.hash = '#/activity/{RESTRICTED_ACTIVITY}'; }}")
    page.wait_for_function("id => document.querySelector('#h-activity').textContent === "
                           "'Activity not found' || document.querySelector('#view-activity "
                           ".facts code')?.textContent === id", arg=RESTRICTED_ACTIVITY)
    shown["restricted activity"] = page.evaluate(PAGE_TEXT)

    page.click("nav a[data-view=gaps]")
    page.wait_for_selector("#expiring")
    page.wait_for_selector("#bridges")
    shown["gaps"] = page.evaluate(PAGE_TEXT)
    opened.screenshot(f"{name}-gaps")

    page.click("nav a[data-view=trends]")
    page.wait_for_selector("#summary-table, #trends-body .metrics-forbidden")
    shown["trends"] = page.evaluate(PAGE_TEXT)
    opened.screenshot(f"{name}-trends")
    page.wait_for_load_state("networkidle")
    return opened, shown


@pytest.mark.parametrize("who", ["viewer", "analyst"])
def test_no_amber_object_anywhere_for_a_green_clearance(who: str, server: Server, browser: Browser,
                                                        callers: dict[str, str]) -> None:
    opened, shown = walk(browser, server, callers[who], f"tlp-{who}-green")
    assert "you may see with id" in shown["restricted activity"]  # read as missing, said so
    for view, text in shown.items():
        text = unechoed(text)  # every later view's text holds the hidden sections too
        assert not leaks(text), f"{who}/GREEN sees restricted objects on {view}: {leaks(text)}"
    bodies = opened.graphql_bodies()
    assert len(bodies) >= 6  # reference (2), network, partner, expiring, ties
    for body in bodies:
        # Re-encode without \\u escapes so titles with dashes match as they are written.
        text = unechoed(json.dumps(json.loads(body), ensure_ascii=False))
        assert not leaks(text), f"{who}/GREEN received restricted objects: {leaks(text)}"
    assert opened.errors == []


def test_the_admin_walk_does_show_restricted_objects(server: Server, browser: Browser,
                                                     callers: dict[str, str]) -> None:
    """The check above can fail: the same walk as an admin finds AMBER and above."""
    opened, shown = walk(browser, server, callers["admin"], "tlp-admin")
    assert leaks(shown["partner"]), "the admin should see INTERPOL's AMBER/RED agreements"
    assert RESTRICTED_ACTIVITY in leaks(shown["restricted activity"])
    assert any(leaks(json.dumps(json.loads(b), ensure_ascii=False)) for b in opened.graphql_bodies())
    assert opened.errors == []


def test_a_viewer_gets_the_bare_network_and_notices_not_failures(server: Server, browser: Browser,
                                                                  callers: dict[str, str]) -> None:
    reason = "beyond your access"
    opened = open_dashboard(browser, server, "#/network", token=callers["viewer"])
    page = opened.page
    opened.wait_network()
    drawn = page.evaluate("() => window.__dashboard.network.nodeCount()")
    expected = server.gql("{ networkCompact(limit: 5000) { total run { id } communities } }",
                          token=callers["viewer"])["networkCompact"]
    assert expected["run"] is None and set(expected["communities"]) == {None}
    assert drawn == expected["total"] > 100
    assert reason in page.inner_text("#net-note")
    assert page.is_disabled("#net-size")
    assert page.eval_on_selector("#net-colour", "s => s.value") == "region"
    assert "not available" in page.inner_text("#run-banner")

    page.click("nav a[data-view=rankings]")
    notice = page.wait_for_selector("#rank-table .metrics-forbidden")
    assert "need analyst access" in notice.inner_text() and reason in notice.inner_text()

    page.evaluate(f"() => {{ location.hash = '#/partner/{PARTNER}'; }}")
    page.wait_for_selector("#partner-agreements")
    shown = page.eval_on_selector_all("#partner-agreements [data-agreement]",
                                      "els => els.map(e => e.dataset.agreement)")
    api = server.gql("query($id: ID!) { partner(id: $id) { agreements { agreement { id } } } }",
                     {"id": PARTNER}, token=callers["viewer"])["partner"]
    assert sorted(shown) == sorted(a["agreement"]["id"] for a in api["agreements"]) and shown
    assert page.locator("#partner-activities").count() == 1
    assert reason in page.inner_text("#view-partner .metrics-forbidden")
    assert page.locator("#partner-trust, #partner-metric").count() == 0

    page.click("nav a[data-view=gaps]")
    page.wait_for_selector("#expiring")
    listed = page.eval_on_selector_all("#expiring [data-agreement]",
                                       "els => els.map(e => e.dataset.agreement)")
    live = server.gql(EXPIRING, token=callers["viewer"])["agreements"]["edges"]
    assert listed == [e["node"]["id"] for e in live]
    assert page.locator("#gaps-body .metrics-forbidden").count() == 2
    assert page.locator("#region-grid, #spof").count() == 0

    page.click("nav a[data-view=trends]")
    assert reason in page.wait_for_selector("#trends-body .metrics-forbidden").inner_text()
    assert page.get_attribute("#status", "class") == "status"  # no error status anywhere
    opened.screenshot("viewer-gaps")
    assert opened.errors == []
