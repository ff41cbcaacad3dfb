"""The dashboard in real headless Chromium against the real API and Neo4j (demo data)."""

from __future__ import annotations

import asyncio
import base64
from concurrent.futures import ThreadPoolExecutor

import httpx
from playwright.sync_api import Browser
from starlette.applications import Starlette

from api.dashboard_site import dashboard_mount
from tests.dashboard.conftest import Server, open_dashboard

RANKINGS = """query($f: PartnerFilter) { rankings(metric: PAGERANK, filter: $f, top: 100) {
  partner { id } } }"""
COMPACT_TOTAL = "query($f: PartnerFilter) { networkCompact(filter: $f, limit: 5000) { total ids } }"

# Counts the canvas pixels that differ from the white background, in the page itself.
COUNT_INK = """async (b64) => {
  const img = new Image();
  img.src = `data:image/png;base64,${b64}`;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
  return ink;
}"""


def ranking_ids(opened) -> list[str]:
    opened.page.wait_for_selector("#rankings tbody tr")
    return opened.page.eval_on_selector_all("#rankings tbody tr", "rows => rows.map(r => r.dataset.partner)")


def test_page_loads_with_the_demo_and_no_console_errors(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server)
    opened.wait_network()
    banner = opened.page.inner_text("#run-banner")
    run = server.gql("{ latestMetricRun { id } }")["latestMetricRun"]["id"]
    assert run in banner and "computed" in banner
    assert run in opened.page.inner_text("#net-caption")
    opened.screenshot("network")
    assert opened.errors == []


def test_network_canvas_draws_every_matching_partner(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/network")
    opened.wait_network()
    expected = server.gql(COMPACT_TOTAL)["networkCompact"]
    hook = opened.page.evaluate("() => ({n: window.__dashboard.network.nodeCount(),"
                                " e: window.__dashboard.network.edgeCount()})")
    assert hook["n"] == len(expected["ids"]) == expected["total"] > 100
    assert hook["e"] > hook["n"]
    png = opened.page.locator("#net-canvas").screenshot()
    ink = opened.page.evaluate(COUNT_INK, base64.b64encode(png).decode())
    assert ink > 5000, f"the WebGL canvas looks empty ({ink} non-white pixels)"
    assert opened.errors == []


def test_a_filter_changes_the_rankings_and_the_picture(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/rankings")
    before = ranking_ids(opened)
    assert before == [r["partner"]["id"] for r in server.gql(RANKINGS)["rankings"]]
    opened.screenshot("rankings")

    opened.page.select_option("#filters select[name=region]", "AFRICA")
    opened.page.wait_for_function("() => document.querySelector('#rankings caption')"
                                  ".textContent.includes('Africa')")
    after = ranking_ids(opened)
    africa = {"region": {"eq": "AFRICA"}}
    assert after == [r["partner"]["id"] for r in server.gql(RANKINGS, {"f": africa})["rankings"]]
    assert after != before and set(after) < set(
        server.gql(COMPACT_TOTAL)["networkCompact"]["ids"])

    opened.page.click("nav a[data-view=network]")
    opened.wait_network()
    drawn = opened.page.evaluate("() => window.__dashboard.network.nodeCount()")
    assert drawn == server.gql(COMPACT_TOTAL, {"f": africa})["networkCompact"]["total"]
    assert drawn < server.gql(COMPACT_TOTAL)["networkCompact"]["total"]
    assert "region Africa" in opened.page.inner_text("#net-caption")
    opened.screenshot("network-africa")
    assert opened.errors == []


def test_clicking_a_partner_opens_its_page_with_its_agreements(server: Server,
                                                              browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/network")
    opened.wait_network()
    # The layout starts once the ties are drawn; let it spread the partners out until it
    # stops by itself, then let two frames pass so its last step reaches the picture.
    opened.page.wait_for_function("() => window.__dashboard.network.layoutsDone > 0")
    opened.next_frames()
    top = server.gql(RANKINGS)["rankings"][0]["partner"]["id"]
    pos = opened.page.evaluate("id => window.__dashboard.network.viewportOf(id)", top)
    box = opened.page.locator("#net-canvas").bounding_box()
    opened.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    opened.page.wait_for_function("() => location.hash.startsWith('#/partner/')")
    clicked = opened.page.evaluate("() => decodeURIComponent(location.hash.slice(10))")
    assert clicked == top
    opened.page.wait_for_selector("#partner-agreements")
    shown = opened.page.eval_on_selector_all("#partner-agreements [data-agreement]",
                                             "els => els.map(e => e.dataset.agreement)")
    api = server.gql("query($id: ID!) { partner(id: $id) { name agreements { agreement { id } } } }",
                     {"id": clicked})["partner"]
    assert sorted(shown) == sorted(a["agreement"]["id"] for a in api["agreements"])
    assert len(shown) > 0
    assert opened.page.inner_text("#h-partner") == api["name"]
    opened.page.wait_for_selector("#partner-trust")
    opened.screenshot("partner")
    assert opened.errors == []


def test_expiring_agreements_match_the_api(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/gaps")
    opened.page.wait_for_selector("#expiring")
    shown = opened.page.eval_on_selector_all("#expiring [data-agreement]",
                                             "els => els.map(e => e.dataset.agreement)")
    api = server.gql("""{ agreements(filter: {expiresWithinDays: 90, status: {eq: ACTIVE}},
        orderBy: {field: EXPIRES_ON, direction: ASC}, first: 100) { edges { node { id } } } }""")
    assert shown == [e["node"]["id"] for e in api["agreements"]["edges"]]
    assert shown, "the demo has agreements expiring within 90 days"
    gaps = server.gql("{ coverageGaps { kind subject } }")["coverageGaps"]
    marked = set(opened.page.eval_on_selector_all("#region-grid .tile.gap",
                                                  "els => els.map(e => e.dataset.country)"))
    assert marked == {g["subject"] for g in gaps if g["kind"] == "country_gap"} & marked
    assert marked
    opened.screenshot("gaps")
    assert opened.errors == []


def test_trends_show_the_runs(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/trends")
    opened.page.wait_for_selector("#summary-table")
    run = server.gql("{ latestMetricRun { id } }")["latestMetricRun"]["id"]
    assert run in opened.page.inner_text("#summary-table")
    assert opened.page.locator("figure.chart canvas").count() == 3
    opened.screenshot("trends")
    assert opened.errors == []


def test_a_token_fragment_is_kept_sent_and_stripped(server: Server, browser: Browser) -> None:
    token = server.admin_token
    opened = open_dashboard(browser, server, "#/trends", token=token)
    sent: list[str | None] = []
    opened.page.on("request", lambda r: sent.append(r.headers.get("authorization"))
                   if r.url.endswith("/graphql") else None)
    assert "token" not in opened.page.url
    assert opened.page.evaluate("() => sessionStorage.getItem('partnergraph.token')") == token
    opened.page.click("nav a[data-view=gaps]")
    opened.page.wait_for_selector("#expiring")
    assert sent and set(sent) == {f"Bearer {token}"}
    assert opened.errors == []


def test_a_bad_token_gets_a_sign_in_form_that_takes_a_good_one(server: Server,
                                                               browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/rankings", token="pg_not_a_real_token")
    page = opened.page
    assert page.get_attribute("body", "data-auth") == "needed"
    assert page.locator("#sign-in").is_visible()
    assert "invalid, expired or revoked token" in page.inner_text("#sign-in")
    page.fill("#token-input", server.admin_token)
    page.click("#sign-in button")
    page.wait_for_selector("body[data-ready=true]:not([data-auth])")
    page.wait_for_selector("#view-rankings table tbody tr")
    opened.screenshot("sign-in-accepted")


def test_page_security_headers_and_the_missing_build_page(server: Server, tmp_path) -> None:
    r = httpx.get(f"{server.url}/")
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
    async def get_missing() -> httpx.Response:
        app = Starlette(routes=[dashboard_mount(tmp_path)])
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://dashboard") as client:
            return await client.get("/")

    # Playwright's sync API keeps an event loop in this thread: run the request in another.
    with ThreadPoolExecutor(1) as pool:
        missing = pool.submit(asyncio.run, get_missing()).result()
    assert missing.status_code == 503 and "make dashboard" in missing.text
