"""The Starlette application: GraphQL, health, Prometheus metrics and the dashboard."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.auth import Authenticator, JwtConfig
from api.dashboard_site import dashboard_mount
from api.graphiql_site import graphiql_mount
from api.observability import Metrics, MetricsMiddleware
from api.schema import build_schema
from api.security import BodyTooLarge, RateLimiter, SecurityMiddleware
from api.view import GraphQLView
from graph.config import Settings
from graph.store import Store, StoreError


class State(TypedDict):
    store: Store
    authenticator: Authenticator


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


async def _too_large(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"data": None, "errors": [
        {"message": str(exc), "extensions": {"code": "BAD_USER_INPUT"}}]}, status_code=413)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    metrics = Metrics()
    graphql = GraphQLView(build_schema(settings), settings)
    metrics.cache.cache = graphql.cache
    metrics.abandoned.view = graphql

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        # One driver for the application's lifetime; short retries so requests fail fast (503).
        # The driver starts its retry clock after the first attempt and sleeps ~1 s between
        # the first two: with 1 s of retries and 2 s per attempt, a refused connection is
        # answered in about 3 s and a server that never answers in about 5 s (docs/API.md).
        # Every read stops after api_read_timeout: Neo4j itself ends a runaway query.
        store = Store(settings, retry_seconds=1.0, connect_timeout=2.0, acquire_timeout=2.0,
                      read_timeout=settings.api_read_timeout)
        metrics.round_trips.store = store
        # Everything loaded so far (schema, libraries, driver) lives as long as the process:
        # keep it out of the garbage collector's full passes. Measured: those passes stalled
        # every request in flight for ~70 ms every ~0.35 s at 7,000 requests/s (p99 70 ->
        # 13 ms for cached answers at 50 clients).
        if not gc.get_freeze_count():  # once per process (tests start many apps)
            gc.collect()
            gc.freeze()
        try:
            yield {"store": store,
                   "authenticator": Authenticator(store, JwtConfig.from_settings(settings))}
        finally:
            if graphql.cache is not None:
                graphql.cache.version.close()
            store.close()

    # GraphiQL's assets exist only while GraphiQL is on (off in production mode).
    ide = [graphiql_mount()] if settings.api_graphiql else []
    return Starlette(
        routes=[Route("/healthz", healthz), Route("/readyz", readyz),
                Route("/metrics", metrics.endpoint), Route("/graphql", graphql),
                *ide, dashboard_mount()],
        middleware=[
            Middleware(MetricsMiddleware, metrics=metrics),
            Middleware(SecurityMiddleware,
                       limiter=RateLimiter(settings.api_rate_per_minute, settings.api_rate_burst),
                       failures=RateLimiter(settings.api_signin_failures_per_minute, 10),
                       max_body=settings.api_max_body_bytes,
                       max_upload=settings.api_max_upload_bytes, graphiql=settings.api_graphiql),
        ],
        exception_handlers={BodyTooLarge: _too_large},
        lifespan=lifespan,
    )
