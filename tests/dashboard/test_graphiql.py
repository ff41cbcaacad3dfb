"""GraphiQL in Debian's Chromium with every host but loopback unreachable, as on a network
with no internet: it opens from the dashboard, signed in with the dashboard's token, and
answers a query; nothing is fetched from another host."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Browser, Route

from api.graphiql_site import DIST
from tests.dashboard.conftest import Server

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
QUERY = "{ latestMetricRun { id } partners(first: 3) { totalCount } }"


def test_graphiql_opens_offline_signed_in_and_answers(server: Server, browser: Browser) -> None:
    assert (DIST / "index.html").is_file(), "run `make graphiql` first"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120000)  # a busy machine; waits are for conditions
    requested: list[str] = []
    blocked: list[str] = []
    errors: list[str] = []

    def offline(route: Route) -> None:
        url = route.request.url
        requested.append(url)
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname in LOOPBACK:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", offline)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    graphql_posts = []
    page.on("request", lambda r: graphql_posts.append(r) if r.method == "POST"
            and r.url.endswith("/graphql") else None)

    # Signed in to the dashboard (the token goes to this tab's sessionStorage), then its link.
    page.goto(f"{server.url}/#token={server.admin_token}&/trends")
    page.wait_for_selector("body[data-ready=true]")
    page.click("#nav-graphiql a")
    page.wait_for_url(f"{server.url}/graphql")

    # The schema arrived (introspection with the token): the docs list the root types.
    page.click('button[aria-label="Show Documentation Explorer"]')
    page.wait_for_selector(".graphiql-doc-explorer >> text=Query")
    # The headers editor (Monaco) fills in after the schema: wait for its text, with
    # Monaco's non-breaking spaces read as spaces.
    expected = f'"Authorization": "Bearer {server.admin_token}"'
    page.wait_for_function(
        "t => (document.querySelector('.graphiql-editor-tool')?.innerText ?? '')"
        ".replace(/\\u00a0/g, ' ').includes(t)", arg=expected)
    headers = page.inner_text(".graphiql-editor-tool").replace("\xa0", " ")
    assert expected in headers

    page.click(".graphiql-query-editor .monaco-editor")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(QUERY)
    page.keyboard.press("Shift+Control+End")  # the editor closes brackets as they are typed:
    page.keyboard.press("Delete")  # what it added sits after the cursor
    page.click(".graphiql-execute-button")
    run = server.gql("{ latestMetricRun { id } }")["latestMetricRun"]["id"]
    page.wait_for_function("id => document.querySelector('[aria-label=\"Result Window\"]')"
                           "?.innerText.includes(id)", arg=run)
    result = page.inner_text('[aria-label="Result Window"]')
    assert "totalCount" in result and "errors" not in result

    assert blocked == []
    assert requested and all(urlparse(u).hostname in LOOPBACK for u in requested
                             if urlparse(u).scheme not in ("data", "blob"))
    assert graphql_posts and all(r.headers.get("authorization") == f"Bearer {server.admin_token}"
                                 for r in graphql_posts)
    assert errors == []
    page.close()
