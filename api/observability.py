"""Prometheus metrics at /metrics: request counts and latencies, Neo4j round trips and the
response cache's hits and misses.

Each app has its own registry, so several apps in one process (tests) never collide.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.response_cache import ResponseCache
from graph.store import Store

KNOWN_PATHS = ("/graphql", "/healthz", "/readyz", "/metrics")


class RoundTrips(Collector):
    """Reads the store's round-trip counter at scrape time."""

    def __init__(self) -> None:
        self.store: Store | None = None

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily("partnergraph_db_round_trips",
                                     "Cypher statements sent to Neo4j by this process")
        family.add_metric([], float(self.store.round_trips if self.store else 0))
        yield family


class CacheStats(Collector):
    """Reads the response cache's counters at scrape time (api/response_cache.py)."""

    def __init__(self) -> None:
        self.cache: ResponseCache | None = None

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        if self.cache is None:
            return
        for name, value, help_ in (("hits", self.cache.hits, "answers served from the cache"),
                                   ("misses", self.cache.misses, "look-ups that missed")):
            family = CounterMetricFamily(f"partnergraph_api_cache_{name}", help_)
            family.add_metric([], float(value))
            yield family
        size = GaugeMetricFamily("partnergraph_api_cache_bytes", "bytes held by the cache")
        size.add_metric([], float(self.cache.size))
        yield size


class Abandoned(Collector):
    """Reads the GraphQL view's counters of requests whose client went away (api/view.py)."""

    def __init__(self) -> None:
        self.view: Any = None

    def collect(self) -> Iterator[CounterMetricFamily]:
        if self.view is None:
            return
        for name, value, help_ in (
                ("abandoned_requests", self.view.abandoned,
                 "read-only requests whose client disconnected before the answer"),
                ("ended_reads", self.view.ended_reads,
                 "database reads of those requests ended in Neo4j")):
            family = CounterMetricFamily(f"partnergraph_api_{name}", help_)
            family.add_metric([], float(value))
            yield family


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("partnergraph_http_requests", "HTTP requests served",
                                ["path", "method", "status"], registry=self.registry)
        self.latency = Histogram("partnergraph_http_request_seconds", "HTTP request latency",
                                 ["path"], registry=self.registry,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
        self.round_trips = RoundTrips()
        self.registry.register(self.round_trips)
        self.cache = CacheStats()
        self.registry.register(self.cache)
        self.abandoned = Abandoned()
        self.registry.register(self.abandoned)

    async def endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.registry),
                        media_type="text/plain; version=0.0.4; charset=utf-8")


# Label values must stay few: anything else a client sends is counted as "other".
KNOWN_METHODS = frozenset({"GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})


class MetricsMiddleware:
    """Counts and times every HTTP request (pure ASGI, so streaming stays intact)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/") or "/"
        label = path if path in KNOWN_PATHS else "other"
        status = 500
        start = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.metrics.latency.labels(label).observe(time.perf_counter() - start)
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
            self.metrics.requests.labels(label, method, str(status)).inc()
