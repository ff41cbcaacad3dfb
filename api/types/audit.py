"""The audit trail, for admins only."""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.permissions import Admin
from api.types.common import Info
from graph import audit


@strawberry.type(description="One entry of the audit trail: who did what, when, to what.")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    at: str = strawberry.field(description="When (ISO 8601, UTC).")
    actor: str = strawberry.field(description="Who: the token's name and id, or the command-line user.")
    action: str = strawberry.field(description="What was done (e.g. graphql.mutation).")
    target: str | None = strawberry.field(description="What it was done to, if one thing.")
    details: JSON = strawberry.field(description="What changed, in detail.")


@strawberry.type
class AuditQuery:
    @strawberry.field(permission_classes=[Admin],
                      description="Recent audit events, newest first (admins only).")
    async def audit_log(self, info: Info, limit: Annotated[int, strawberry.argument(
                            description="How many events (1–500).")] = 50) -> list[AuditEvent]:
        events = await run_in_threadpool(audit.recent, info.context.store, max(1, min(limit, 500)))
        return [AuditEvent(id=strawberry.ID(e.id), at=e.at, actor=e.actor, action=e.action,
                           target=e.target, details=JSON(e.details)) for e in events]
