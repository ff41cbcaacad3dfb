"""/graphql: strawberry's ASGI view with our context, error codes and upload policy.

- POST only (`allow_queries_via_get=False`, so no CSRF through GET), no batching.
- Multipart uploads are accepted only for an operation that is exactly one `importFile` or
  one `importFiles`.
- Every error carries `extensions.code`; a database outage answers HTTP 503 with
  Retry-After, never a hang or a masked 200.
- Read-only operations are answered from api/response_cache.py while the database, the
  caller's access and the request are unchanged (header `x-cache: hit|miss`).
- A read-only request whose client disconnects before its answer is cancelled, and the
  Neo4j reads it has running are ended (`Store.terminate_tagged`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import uuid
from collections.abc import Coroutine
from functools import lru_cache
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import FieldNode, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError
from starlette.concurrency import run_in_threadpool
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
from graph.store import Store, StoreError, request_tag

UPLOAD_FIELDS = {"importFile", "importFiles"}
# graphql-core's hints naming fields, types and values ("Did you mean 'regions'?").
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


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
    except (ValueError, RecursionError):
        return False
    query = data.get("query") if isinstance(data, dict) else None
    return isinstance(query, str) and read_only(query)


def _only_uploads(query: str | None) -> bool:
    """Exactly one importFile (or importFiles) field: an upload read twice (aliases) would import once and
    then fail on the spent file, misreporting the import that committed."""
    ops, definitions = _operations(query)
    if len(ops) != 1 or ops[0].operation is not OperationType.MUTATION or definitions != 1:
        return False
    selections = ops[0].selection_set.selections
    return (len(selections) == 1 and isinstance(selections[0], FieldNode)
            and selections[0].name.value in UPLOAD_FIELDS)


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
        self.abandoned = 0  # read-only requests whose client disconnected before the answer
        self.ended_reads = 0  # database reads those requests had running, ended

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if (scope["type"] != "http" or scope["method"] != "POST"
                or not request.headers.get("content-type", "").startswith("application/json")):
            await super().__call__(scope, receive, send)  # the GraphiQL page, uploads
            return
        body = await request.body()  # kept on `request`, where strawberry reads it again
        if not body_is_read_only(body):
            response = await self._answer(request, body)  # a mutation runs to its end
        else:
            answered = await self._unless_abandoned(self._answer(request, body, reads=True),
                                                    receive, request.state.store)
            if answered is None:
                return  # the client went away: nobody to answer, its reads were ended
            response = answered
        await response(scope, receive, send)

    async def _run(self, request: Request) -> Response:
        try:
            return await self.run(request)
        except HTTPException as e:
            return PlainTextResponse(e.reason, status_code=e.status_code)

    async def _answer(self, request: Request, body: bytes, reads: bool = False) -> Response:
        """The response to a JSON request, from the response cache when `reads` (a
        query-only document) and the cache holds it for the database's current version."""
        viewer = getattr(request.state, "viewer", None)
        if self.cache is None or viewer is None:
            return await self._run(request)
        try:
            version = await self.cache.version.current(request.state.store)
        except (StoreError, RuntimeError, TimeoutError):  # down, stopping, or too slow
            version = None  # no caching; the resolvers answer UNAVAILABLE (503) themselves
        key = cache_key(version, viewer, body, dt.date.today()) if version else None
        cached = self.cache.get(key) if key else None
        if cached is not None:
            return Response(cached, media_type="application/json", headers={"x-cache": "hit"})
        # Only query-only documents take part: a mutation must see its own writes.
        readable = key if reads else None
        if readable is not None:
            request.state.graph_version = version
            request.state.shared_ties = self.cache.ties
        response = await self._run(request)
        if readable is not None and response.status_code == 200 \
                and getattr(request.state, "clean", False):
            self.cache.put(readable, bytes(response.body))
            response.headers["x-cache"] = "miss"
        return response

    async def _unless_abandoned(self, work: Coroutine[Any, Any, Response], receive: Receive,
                                store: Store) -> Response | None:
        """`work`'s response, unless the client disconnects first: then `work` is cancelled
        and the database reads it started are ended (each carries this request's tag), so a
        heavy query nobody waits for stops now rather than at the read timeout."""
        tag = uuid.uuid4().hex
        token = request_tag.set(tag)
        try:
            answer = asyncio.ensure_future(work)  # runs in a copy of this context: tagged
        finally:
            request_tag.reset(token)
        gone = asyncio.ensure_future(_disconnected(receive))
        try:
            await asyncio.wait({answer, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:  # also when this request is cancelled (shutdown): take both down
            for task in (answer, gone):
                if not task.done():
                    task.cancel()
        if not answer.cancelled() and answer.done():
            return answer.result()
        try:
            ended = await run_in_threadpool(store.terminate_tagged, tag)
        except StoreError:
            ended = 0  # the database is away: its reads are gone with it
        self.abandoned += 1
        self.ended_reads += ended
        return None


    async def render_graphql_ide(self, request: Request) -> Response:
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
        try:
            data = await super().parse_http_body(request)
        except RecursionError:  # json's decoder refuses nesting past the interpreter's limit
            raise HTTPException(400, "The request body is nested too deeply.") from None
        if (request.content_type or "").startswith("multipart/form-data"):
            if isinstance(data, list) or not _only_uploads(data.query):
                _close_uploads(data if isinstance(data, list) else data.variables)
                raise HTTPException(400, "Multipart requests are accepted only for one "
                                         "importFile or importFiles")
        return data

    async def process_result(self, request: Request,
                             result: ExecutionResult) -> GraphQLHTTPResponse:
        data: GraphQLHTTPResponse = {"data": result.data}
        request.state.clean = not result.errors  # only clean answers are cached
        if result.errors:
            errors = [with_code(e) for e in result.errors]
            if not self.settings.api_suggestions:  # coercion errors of variables, too
                for e in errors:
                    e.message = _SUGGESTION.sub("", e.message)
            data["errors"] = [e.formatted for e in errors]
            if any((e.extensions or {}).get("code") == UNAVAILABLE for e in errors):
                sub: Response = request.state.sub_response
                sub.status_code = 503
                sub.headers["Retry-After"] = "5"
        if result.extensions:
            data["extensions"] = result.extensions
        return data


async def _disconnected(receive: Receive) -> None:
    """Return when the client disconnects (the request's body has been read already)."""
    while (await receive())["type"] != "http.disconnect":
        pass


__all__ = ["GraphQLView"]
