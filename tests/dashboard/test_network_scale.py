"""The network view at a size where spreading the ties into one call overflows the stack.

600 partners all party to one convention: 179,700 ties, past V8's limit on the arguments of
one call (about 120,000 on a 64-bit build), and quick to write. The page used to compute
`Math.max(...weights)` over every tie and showed "Could not load the network: Maximum call
stack size exceeded" from about 130,000 ties on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from api.dashboard_site import DIST
from graph import tokens
from graph.admin import wipe
from graph.config import Settings
from graph.model import Agreement, AgreementParty, Partner, Role
from graph.store import Store
from graph.writer import write_records
from tests.dashboard.conftest import Server, open_dashboard

PARTIES = 600
TIES = PARTIES * (PARTIES - 1) // 2


@pytest.fixture(scope="module")
def crowded(session_store: Store) -> Store:
    if not (DIST / "index.html").is_file():
        pytest.fail("api/dashboard/dist is missing: run `make dashboard` first")
    wipe(session_store)
    partners = [Partner(id=f"p-{i:03}", name=f"Partner {i:03}", kind="ngo", country="FR")
                for i in range(PARTIES)]
    write_records(session_store, partners, "test")
    write_records(session_store, [Agreement(
        id="a-all", title="Everyone's convention", kind="convention", status="active",
        signed_on="2020-01-01", binding=True, tlp="clear")], "test")
    write_records(session_store, [AgreementParty(agreement_id="a-all", partner_id=p.id)
                                  for p in partners], "test")
    return session_store


@pytest.fixture(scope="module")
def server(crowded: Store, neo4j_server: Settings) -> Iterator[Server]:
    admin, _ = tokens.create(crowded, "scale test", Role.ADMIN, days=None, actor="tests")
    with Server(neo4j_server, admin) as s:
        yield s


def test_the_network_draws_180k_ties_and_says_how_many(server: Server, browser: Browser) -> None:
    opened = open_dashboard(browser, server, "#/network")
    page = opened.page
    page.wait_for_function("() => window.__dashboard.network.lastLoad !== null"
                           " || document.getElementById('status').classList.contains('error')")
    assert "Could not load" not in page.inner_text("#status")
    page.evaluate("() => window.__dashboard.network.whenLoaded()")
    hook = page.evaluate("() => ({n: window.__dashboard.network.nodeCount(),"
                         " e: window.__dashboard.network.edgeCount()})")
    assert hook == {"n": PARTIES, "e": TIES}
    caption = page.inner_text("#net-caption")
    assert f"{PARTIES} partners" in caption and f"{TIES:,} ties" in caption
    assert opened.errors == []
