"""/graphql: strawberry's ASGI view with our context, error codes and upload policy.

- POST only (`allow_queries_via_get=False`, so no CSRF through GET), no batching.
- Multipart uploads are accepted only for an operation that is exactly one `importFile`.
- Every error carries `extensions.code`; a database outage answers HTTP 503 with
  Retry-After, never a hang or a masked 200.
"""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import OperationDefinitionNode, parse
from graphql.error import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.context import NOBODY, Context
from api.errors import UNAVAILABLE, with_code
from graph.config import Settings

UPLOAD_FIELDS = {"importFile"}


def _only_uploads(query: str | None) -> bool:
    try:
        document = parse(query or "")
    except GraphQLError:
        return False
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(ops) != 1 or ops[0].operation.value != "mutation" or len(document.definitions) != 1:
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
