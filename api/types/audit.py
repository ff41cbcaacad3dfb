"""The audit trail, for admins only."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.permissions import Admin
from api.types.common import Info
from graph import audit


@strawberry.type
class AuditEvent:
    id: strawberry.ID
    at: str
    actor: str
    action: str
    target: str | None
    details: JSON


@strawberry.type
class AuditQuery:
    @strawberry.field(permission_classes=[Admin],
                      description="Recent audit events, newest first (admins only).")
    async def audit_log(self, info: Info, limit: int = 50) -> list[AuditEvent]:
        events = await run_in_threadpool(audit.recent, info.context.store, max(1, min(limit, 500)))
        return [AuditEvent(id=strawberry.ID(e.id), at=e.at, actor=e.actor, action=e.action,
                           target=e.target, details=JSON(e.details)) for e in events]
