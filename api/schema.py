"""The GraphQL schema, assembled once from the per-type modules, with its limits."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from api.auditing import AuditMutations
from api.errors import UNAVAILABLE, MaskUnexpected, code_of
from api.limits import DocumentLimits, Limits
from api.types.activity import Activity
from api.types.agreement import Agreement
from api.types.audit import AuditQuery
from api.types.imports import Import
from api.types.metrics import MetricRun
from api.types.metrics_query import MetricQuery
from api.types.mutation import Mutation
from api.types.network_compact import CompactNetworkQuery
from api.types.partner import Partner
from api.types.query import Query as RelationshipQuery
from api.types.reference import Country, Objective, Platform, Region
from graph.config import Settings

NODE_TYPES = [Partner, Agreement, Activity, Platform, Objective, Country, Region, Import,
              MetricRun]


@strawberry.type(description="Everything that can be read: partners, agreements, activities and "
                             "the shared frame; relationship questions; and the strategists' "
                             "metrics of the network.")
class Query(RelationshipQuery, MetricQuery, CompactNetworkQuery, AuditQuery):
    """The root fields of every per-type query module, merged (as strawberry.tools.merge_types
    does, with a description)."""


class Schema(strawberry.Schema):
    """Logs only what went wrong on our side; refusals the caller caused (bad input, no
    access) are answers, not incidents, and would drown the log under load."""

    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        super().process_errors([e for e in errors if code_of(e) in ("INTERNAL", UNAVAILABLE)],
                               execution_context)


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the limits from `settings` (depth, aliases, tokens, cost, masking)."""
    limits = Limits(max_tokens=settings.api_max_tokens, max_depth=settings.api_max_depth,
                    max_aliases=settings.api_max_aliases, max_cost=settings.api_max_cost,
                    default_page=settings.api_default_page_size,
                    hide_suggestions=not settings.api_suggestions)
    extensions = [
        lambda: DocumentLimits(limits),  # parse (cached), limits and validation, off the loop
        AuditMutations,
        MaskUnexpected,
    ]
    if not settings.api_introspection:
        extensions.insert(0, DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        config=StrawberryConfig(batching_config=None),
        # Factories, not instances: extensions hold per-request state (execution_context),
        # so each request gets fresh ones.
        # No strawberry ValidationCache: the cost rule depends on the variables; DocumentLimits
        # remembers only graphql-core's rules (api/limits.py, ValidDocuments).
        extensions=extensions,
    )


def sdl() -> str:
    """The schema in SDL, as exported to docs/schema.graphql (limits do not change it)."""
    return build_schema(Settings.from_env({})).as_str() + "\n"
