"""The Starlette application: health endpoints now; GraphQL and the dashboard mount here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.middleware import Middleware
from starlette.routing import Route

from api.dashboard_site import dashboard_mount
from api.observability import Metrics, MetricsMiddleware
from api.schema import build_schema
from api.view import GraphQLView
from graph.config import Settings
from graph.store import Store, StoreError


class State(TypedDict):
    store: Store


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    store: Store = request.state.store
    try:
        await run_in_threadpool(store.ping)
    except StoreError:
        return JSONResponse({"status": "unavailable", "database": "unreachable"},
                            status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"status": "ready", "database": "ok"})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    metrics = Metrics()
    graphql = GraphQLView(build_schema(settings), settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        # One driver for the application's lifetime; short retries so requests fail fast (503).
        store = Store(settings, retry_seconds=5.0, connect_timeout=3.0)
        metrics.round_trips.store = store
        try:
            yield {"store": store}
        finally:
            store.close()

    return Starlette(
        routes=[Route("/healthz", healthz), Route("/readyz", readyz),
                Route("/metrics", metrics.endpoint), Route("/graphql", graphql),
                dashboard_mount()],
        middleware=[Middleware(MetricsMiddleware, metrics=metrics)],
        lifespan=lifespan,
    )
