"""Error codes for GraphQL errors, and masking of everything unexpected.

Expected failures of mutations are union results (NotFound, InvalidInput, Conflict).
Everything else that goes wrong surfaces as a GraphQL error whose `extensions.code` is one
of BAD_USER_INPUT, FORBIDDEN, UNAVAILABLE, TIMEOUT (a read ran past
PARTNERGRAPH_API_READ_TIMEOUT and Neo4j stopped it), INTERNAL; UNAUTHENTICATED is answered by
api/security.py before GraphQL runs. Errors not
on the allow-list are replaced by "Unexpected error." (code INTERNAL) with no trace of the
original; the original goes to the server log only.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from api.types.common import BadInput
from graph.filters import FilterError
from graph.store import DatabaseUnavailable, QueryTimedOut

log = logging.getLogger("partnergraph.api")

UNAVAILABLE = "UNAVAILABLE"


class ApiError(Exception):
    """An error meant for the caller, with its code."""

    code = "INTERNAL"


class Forbidden(ApiError):
    code = "FORBIDDEN"


def code_of(error: GraphQLError) -> str:
    """The code for an unmasked error."""
    original = error.original_error
    if isinstance(original, ApiError):
        return original.code
    if isinstance(original, (BadInput, FilterError)):
        return "BAD_USER_INPUT"
    if isinstance(original, DatabaseUnavailable):
        return UNAVAILABLE
    if isinstance(original, QueryTimedOut):
        return "TIMEOUT"
    if isinstance(original, GraphQLError):  # a variable that does not coerce to its type
        return code_of(original) if original.original_error else "BAD_USER_INPUT"
    # Parse and validation errors (including the limits) have no original error.
    return "BAD_USER_INPUT" if original is None else "INTERNAL"


def _expected(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None:
        return True
    if isinstance(original, GraphQLError):  # e.g. variable coercion raised by graphql-core
        return _expected(original) if original.original_error else True
    return isinstance(original, (ApiError, BadInput, FilterError, DatabaseUnavailable,
                                 QueryTimedOut))


class MaskUnexpected(MaskErrors):
    """strawberry's MaskErrors with an allow-list, logging what it hides, coding it INTERNAL."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda e: not _expected(e))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        log.error("unexpected error in %s", error.path, exc_info=error.original_error)
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL"}
        return masked


def with_code(error: GraphQLError) -> GraphQLError:
    """`error` with extensions.code set (masked errors already carry INTERNAL)."""
    extensions = dict(error.extensions or {})
    extensions.setdefault("code", code_of(error))
    if isinstance(error.original_error, (BadInput, FilterError)):
        # Details for the caller, e.g. the close matches of an unknown id.
        for k, v in (getattr(error.original_error, "extensions", None) or {}).items():
            extensions.setdefault(k, v)
    if extensions["code"] == UNAVAILABLE:
        error.message = "The database is unavailable; try again shortly."
    if extensions["code"] == "TIMEOUT":
        seconds = getattr(error.original_error, "seconds", None)
        error.message = (f"The query ran past the {seconds:g} s limit and the database stopped "
                         "it; narrow the filter or ask for smaller pages.")
    error.extensions = extensions
    return error
