"""GraphiQL is served by the API from its own build, every asset from this origin."""

from __future__ import annotations

import dataclasses
import re

import pytest

from api.app import create_app
from api.graphiql_site import DIST, graphiql_page
from tests.api.conftest import TestClient, bearer

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def built() -> None:
    if not (DIST / "index.html").is_file():
        pytest.fail("api/graphiql/dist is missing: run `make graphiql` first")


def _assets(html: str) -> list[str]:
    """What the page loads (the empty data: icon only stops a request for /favicon.ico)."""
    return [a for a in re.findall(r'(?:src|href)="([^"]+)"', html) if a != "data:,"]


def test_the_page_loads_only_assets_of_this_origin(built, store, settings) -> None:
    with TestClient(create_app(settings)) as anonymous:  # the page holds no data: no token
        page = anonymous.get("/graphql", headers=HTML)
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "connect-src 'self';" in csp
        assets = _assets(page.text)
        assert assets and all(a.startswith("/graphiql/assets/") for a in assets), assets
        for path in assets:
            asset = anonymous.get(path)
            assert asset.status_code == 200, path
            assert asset.headers["content-security-policy"] == csp
            assert "unpkg.com" not in asset.text and "cdn.jsdelivr" not in asset.text


def test_production_mode_serves_neither_the_page_nor_its_assets(built, store, settings) -> None:
    production = dataclasses.replace(settings, api_graphiql=False)
    with TestClient(create_app(settings)) as dev:
        asset = _assets(dev.get("/graphql", headers=HTML).text)[0]
    with TestClient(create_app(production), headers=bearer(store)) as client:
        assert client.get("/graphql", headers=HTML).status_code == 404
        assert client.get(asset).status_code == 404


def test_a_missing_build_answers_503_saying_how_to_build_it(tmp_path) -> None:
    page = graphiql_page(tmp_path)
    assert page.status_code == 503
    assert b"make graphiql" in page.body
