"""Dashboard fixtures: the demo with one metric run, the app under uvicorn on loopback, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Response, sync_playwright

from api.app import create_app
from api.dashboard_site import DIST
from graph import tokens
from graph.admin import wipe
from graph.config import Settings
from graph.metrics.job import RunParams, run_metrics
from graph.model import Role
from graph.store import Store
from ingest.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The real app under uvicorn in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, settings: Settings, admin_token: str | None = None) -> None:
        self.admin_token = admin_token
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 120  # generous: the machine may be busy
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def gql(self, query: str, variables: dict[str, Any] | None = None,
            token: str | None = None) -> dict[str, Any]:
        token = token or self.admin_token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        r = httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables or {}},
                       headers=headers, timeout=60)
        body = r.json()
        assert r.status_code == 200 and not body.get("errors"), body
        return body["data"]


@dataclass
class Opened:
    """A page of the dashboard and everything it reported as an error."""

    page: Page
    errors: list[str] = field(default_factory=list)
    # every GraphQL answer (POST /graphql; a GET there is the GraphiQL page)
    responses: list[Response] = field(default_factory=list)

    def graphql_bodies(self) -> list[str]:
        """The bodies of the GraphQL responses the page received so far."""
        return [r.text() for r in self.responses]

    def wait_network(self) -> None:
        self.page.wait_for_function("() => window.__dashboard && "
                                    "window.__dashboard.network.lastLoad !== null")
        self.page.evaluate("() => window.__dashboard.network.whenLoaded()")

    def next_frames(self, n: int = 2) -> None:
        """Let `n` animation frames pass: whatever the page scheduled to draw is drawn."""
        self.page.evaluate("n => new Promise(done => { const step = k => k ? "
                           "requestAnimationFrame(() => step(k - 1)) : done(); step(n); })", n)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def open_dashboard(browser: Browser, server: Server, path: str = "",
                   token: str | None = None) -> Opened:
    """Open the dashboard at `path` (a fragment such as "#/gaps"), with a bearer `token` given
    the way users get one: a `#token=…` fragment on first load, which the page keeps in
    sessionStorage and strips from the address bar."""
    token = token or server.admin_token
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # Waits are for conditions, never for a speed: generous enough for a busy machine.
    page.set_default_timeout(120000)
    opened = Opened(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("response", lambda r: opened.responses.append(r)
            if r.url.endswith("/graphql") and r.request.method == "POST" else None)
    fragment = f"#token={token}" + (f"&{path.lstrip('#')}" if path else "") if token else path
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_selector("body[data-ready=true]")
    return opened


@pytest.fixture(scope="module")
def demo(session_store: Store) -> Store:
    """The demo data set and one metric run (module-wide: the dashboard only reads)."""
    if not (DIST / "index.html").is_file():
        pytest.fail("api/dashboard/dist is missing: run `make dashboard` first")
    wipe(session_store)
    load_demo(session_store)
    run_metrics(session_store, RunParams(as_of=dt.date.today()))
    return session_store


@pytest.fixture(scope="module")
def server(demo: Store, neo4j_server: Settings) -> Iterator[Server]:
    admin, _ = tokens.create(demo, "dashboard tests", Role.ADMIN, days=None, actor="tests")
    with Server(neo4j_server, admin) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
