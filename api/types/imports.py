"""Import: the provenance record of one bulk import."""

from __future__ import annotations

import json
from typing import Any

import strawberry

from api.types.common import Node


@strawberry.type(description="How many records of one kind an import created, updated, ….")
class ImportCount:
    kind: str
    status: str
    count: int


@strawberry.type(description="One bulk import: its source, checksum, actor, times and counts.")
class Import(Node):
    id: strawberry.ID
    source: str | None
    sha256: str | None
    actor: str | None
    started_at: str | None
    finished_at: str | None
    status: str | None
    counts: list[ImportCount]

    def key(self) -> str:
        return self.id

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Import:
        raw = json.loads(row["counts"]) if row.get("counts") else {}
        counts = [ImportCount(kind=k, status=s, count=n)
                  for k, by_status in sorted(raw.items()) for s, n in sorted(by_status.items())]
        return cls(id=strawberry.ID(row["id"]), source=row.get("source"),
                   sha256=row.get("sha256"), actor=row.get("actor"),
                   started_at=row.get("started_at"), finished_at=row.get("finished_at"),
                   status=row.get("status"), counts=counts)
