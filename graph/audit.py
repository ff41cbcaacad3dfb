"""The audit trail: who did what, when, to what. Append-only `AuditEvent` nodes."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from graph.queries import named
from graph.store import Store

_RECORD = named("audit/record")
_LIST = named("audit/list")


@dataclass(frozen=True)
class AuditEvent:
    id: str
    at: str
    actor: str
    action: str
    target: str | None
    details: dict[str, Any]


def record(store: Store, actor: str, action: str, target: str | None = None,
           **details: Any) -> None:
    """Append one event; `details` says what changed (JSON-serialisable values only)."""
    store.write(_RECORD, id=str(uuid.uuid4()), at=dt.datetime.now(dt.UTC).isoformat(),
                actor=actor, action=action, target=target,
                details=json.dumps(details, sort_keys=True, default=str))


def recent(store: Store, limit: int = 100) -> list[AuditEvent]:
    return [AuditEvent(r["id"], r["at"], r["actor"], r["action"], r["target"],
                       json.loads(r["details"] or "{}"))
            for r in store.read(_LIST, limit=limit)]
