"""HTTP-level protection: authentication, per-caller rate limits and request size bounds.

Only /healthz and /readyz, the dashboard's static files (which hold no data) and, when it is
enabled, the GraphiQL page answer without a token. Everything else needs
`Authorization: Bearer <token>`; the caller (a `Viewer`, with their TLP access) goes into
the request state for the GraphQL context. The checks run before the body is parsed.

Failed sign-ins are counted per client address, after the credential is checked: a valid
credential is always accepted, whatever others sent from the same address (behind a proxy
or a port mapping that is everyone), and an address past its budget of failures gets 429
instead of 401 for each further failure. The client address is the socket's peer unless
uvicorn was told which proxies to trust (`PARTNERGRAPH_API_FORWARDED_ALLOW_IPS`).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import AuthenticationFailed, Authenticator
from api.context import Viewer
from graph.access import Access, access_for, static_access
from graph.model import Role
from graph.store import StoreError
from graph.tokens import Principal

PUBLIC_PATHS = frozenset({"/healthz", "/readyz"})
PROTECTED_PREFIXES = ("/graphql", "/metrics")


def _error(status: int, code: str, message: str,
           headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    body = json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]})
    return status, body.encode(), {"content-type": "application/json", **(headers or {})}


async def _respond(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(k.encode(), v.encode()) for k, v in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per caller: `per_minute` sustained, bursts up to `burst`."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def exhausted(self, key: str) -> bool:
        """Whether `key` has no request left now (without using one)."""
        now = time.monotonic()
        with self._lock:
            b = self._buckets.get(key)
            return b is not None and b.tokens + (now - b.updated) * self.rate < 1

    def allow(self, key: str) -> float:
        """0 if the request may go ahead, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > 100_000:  # bound memory under a flood of new keys
                self._buckets.clear()
            b = self._buckets.get(key) or _Bucket(self.burst, now)
            b.tokens = min(self.burst, b.tokens + (now - b.updated) * self.rate)
            b.updated = now
            self._buckets[key] = b
            if b.tokens >= 1:
                b.tokens -= 1
                return 0.0
            return (1 - b.tokens) / self.rate


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, failures: RateLimiter,
                 max_body: int, max_upload: int, graphiql: bool) -> None:
        self.app = app
        self.limiter = limiter
        self.failures = failures  # failed sign-ins per client address (module docstring)
        self.max_body = max_body
        self.max_upload = max_upload
        self.graphiql = graphiql

    def _protected(self, scope: Scope) -> bool:
        path = _routed(scope)
        if path in PUBLIC_PATHS or not path.startswith(PROTECTED_PREFIXES):
            return False
        # The GraphiQL page itself (a GET with no query string) holds no data.
        ide_page = (path.startswith("/graphql") and scope["method"] == "GET"
                    and not scope.get("query_string"))
        return not (self.graphiql and ide_page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._protected(scope):
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope["headers"]}
        client = (scope.get("client") or ("unknown", 0))[0]
        authenticator: Authenticator = scope["state"]["authenticator"]  # from the lifespan
        try:
            # Verified tokens and look-up-free access are answered on the event loop; only
            # a database look-up goes to a thread.
            authorization = headers.get("authorization")
            principal = authenticator.cached(authorization)
            if principal is None:
                principal = await run_in_threadpool(authenticator.authenticate, authorization)
            wait = self.limiter.allow(principal.token_id)
            if wait:
                await _respond(send, *_error(429, "RATE_LIMITED", "too many requests; slow down",
                                             {"retry-after": str(max(1, round(wait)))}))
                return
            access = static_access(principal.role, principal.clearance, principal.organisation)
            if access is None:
                access = await run_in_threadpool(access_for, scope["state"]["store"],
                                                 principal.role, principal.clearance,
                                                 principal.organisation)
            viewer = _viewer(principal, access)
        except AuthenticationFailed as exc:
            if self.failures.allow(client):
                await _respond(send, *_error(429, "RATE_LIMITED", "too many failed sign-ins",
                                             {"retry-after": "60"}))
                return
            await _respond(send, *_error(401, "UNAUTHENTICATED", str(exc),
                                         {"www-authenticate": 'Bearer realm="partnergraph"'}))
            return
        except StoreError:
            await _respond(send, *_error(503, "UNAVAILABLE",
                                         "The database is unavailable; try again shortly.",
                                         {"retry-after": "5"}))
            return
        if _routed(scope).startswith("/metrics") and not viewer.can(Role.ADMIN):
            # Request counts, latencies and cache figures describe everyone's use.
            await _respond(send, *_error(403, "FORBIDDEN", "/metrics is for admins"))
            return
        multipart = headers.get("content-type", "").startswith("multipart/")
        if multipart and not viewer.can(Role.STEWARD):  # only stewards upload (importFile)
            await _respond(send, *_error(403, "FORBIDDEN", "uploads need the steward role"))
            return
        limit = self.max_upload if multipart else self.max_body
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _respond(send, *_error(413, "BAD_USER_INPUT",
                                         f"request body larger than {limit} bytes"))
            return
        scope["state"]["viewer"] = viewer
        await self.app(scope, _bounded(receive, limit), send)


def _routed(scope: Scope) -> str:
    """The path as routed: behind a proxy with a root path, /pg/graphql is /graphql."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def _viewer(principal: Principal, access: Access) -> Viewer:
    return Viewer(principal.role, access, principal.organisation,
                  actor=f"{principal.name} [{principal.token_id}]")


def _bounded(receive: Receive, limit: int) -> Receive:
    """Refuse bodies sent without Content-Length that grow past the limit."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return wrapped


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"request body larger than {limit} bytes")
