"""/graphql: strawberry's ASGI view with our context, error codes and upload policy.

- POST only (`allow_queries_via_get=False`, so no CSRF through GET), no batching.
- Multipart uploads are accepted only for an operation that is exactly one `importFile`.
- Every error carries `extensions.code`; a database outage answers HTTP 503 with
  Retry-After, never a hang or a masked 200.
- Read-only operations are answered from api/response_cache.py while the database, the
  caller's access and the request are unchanged (header `x-cache: hit|miss`).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.context import NOBODY, Context
from api.errors import UNAVAILABLE, with_code
from api.graphiql_site import graphiql_page
from api.response_cache import ResponseCache, cache_key
from graph.config import Settings
from graph.store import StoreError

UPLOAD_FIELDS = {"importFile"}


def _operations(query: str | None) -> tuple[list[OperationDefinitionNode], int]:
    """The document's operations and how many definitions it has (([], 0) if it does not
    parse)."""
    try:
        document = parse(query or "")
    except GraphQLError:
        return [], 0
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return ops, len(document.definitions)


@lru_cache(maxsize=1024)
def read_only(query: str) -> bool:
    """True when every operation in the document is a query (no mutation, subscription)."""
    ops, _ = _operations(query)
    return bool(ops) and all(op.operation is OperationType.QUERY for op in ops)


def body_is_read_only(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    query = data.get("query") if isinstance(data, dict) else None
    return isinstance(query, str) and read_only(query)


def _only_uploads(query: str | None) -> bool:
    ops, definitions = _operations(query)
    if len(ops) != 1 or ops[0].operation is not OperationType.MUTATION or definitions != 1:
        return False
    names = {getattr(s, "name", None) and s.name.value for s in ops[0].selection_set.selections}
    return bool(names) and names <= UPLOAD_FIELDS


def _close_uploads(value: Any) -> None:
    """Close the spooled files of a refused multipart request."""
    if isinstance(value, dict):
        for v in value.values():
            _close_uploads(v)
    elif isinstance(value, list):
        for v in value:
            _close_uploads(v)
    elif hasattr(value, "file") and hasattr(value.file, "close"):
        value.file.close()


class GraphQLView(GraphQL):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql" if settings.api_graphiql else None,
                         allow_queries_via_get=False, multipart_uploads_enabled=True)
        self.settings = settings
        self.cache = (ResponseCache(settings.api_cache_bytes, settings.api_cache_entry_bytes)
                      if settings.api_cache_bytes > 0 else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        viewer = scope.get("state", {}).get("viewer")
        if (self.cache is None or scope["type"] != "http" or scope["method"] != "POST"
                or viewer is None):
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        if not request.headers.get("content-type", "").startswith("application/json"):
            await super().__call__(scope, receive, send)
            return
        body = await request.body()  # kept on `request`, where strawberry reads it again
        try:
            version = await self.cache.version.current(request.state.store)
        except (StoreError, RuntimeError, TimeoutError):  # down, stopping, or too slow
            version = None  # no caching; the resolvers answer UNAVAILABLE (503) themselves
        key = cache_key(version, viewer, body, dt.date.today()) if version else None
        cached = self.cache.get(key) if key else None
        if cached is not None:
            response: Response = Response(cached, media_type="application/json",
                                          headers={"x-cache": "hit"})
        else:
            # Only query-only documents take part: a mutation must see its own writes.
            readable = key is not None and body_is_read_only(body)
            if readable:
                request.state.graph_version = version
                request.state.shared_ties = self.cache.ties
            try:
                response = await self.run(request)
            except HTTPException as e:
                response = PlainTextResponse(e.reason, status_code=e.status_code)
            if readable and response.status_code == 200 and getattr(request.state, "clean",
                                                                     False):
                self.cache.put(key, bytes(response.body))
                response.headers["x-cache"] = "miss"
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:  # type: ignore[override]
        # Our own build (api/graphiql_site.py), every asset local: strawberry's page loads
        # its scripts from a public CDN and never opens offline.
        return graphiql_page()

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        request.state.sub_response = response
        # Set by api/security.py for every request that may execute; only the GraphiQL page
        # (a GET, which executes nothing) arrives without one. Fail closed otherwise.
        viewer = getattr(request.state, "viewer", None)
        if viewer is None and request.method != "GET":
            raise HTTPException(401, "authentication required")
        return Context(request=request, response=response, store=request.state.store,
                       settings=self.settings, viewer=viewer or NOBODY)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        data = await super().parse_http_body(request)
        if (request.content_type or "").startswith("multipart/form-data"):
            if isinstance(data, list) or not _only_uploads(data.query):
                _close_uploads(data if isinstance(data, list) else data.variables)
                raise HTTPException(400, "Multipart requests are accepted only for importFile")
        return data

    async def process_result(self, request: Request,  # type: ignore[override]
                             result: ExecutionResult) -> GraphQLHTTPResponse:
        data: GraphQLHTTPResponse = {"data": result.data}
        request.state.clean = not result.errors  # only clean answers are cached
        if result.errors:
            errors = [with_code(e) for e in result.errors]
            data["errors"] = [e.formatted for e in errors]
            if any((e.extensions or {}).get("code") == UNAVAILABLE for e in errors):
                sub: Response = request.state.sub_response
                sub.status_code = 503
                sub.headers["Retry-After"] = "5"
        if result.extensions:
            data["extensions"] = result.extensions
        return data


__all__ = ["GraphQLView"]
