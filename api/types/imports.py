"""Import: the provenance record of one bulk import."""

from __future__ import annotations

import json
from typing import Any

import strawberry

from api.types.common import Node


@strawberry.type(description="How many records of one kind an import created, updated, ….")
class ImportCount:
    kind: str = strawberry.field(description="What was imported: partner, agreement, a tie, …")
    status: str = strawberry.field(description="created, updated or unchanged.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="One bulk import: its source, checksum, actor, times and counts.")
class Import(Node):
    id: strawberry.ID = strawberry.field(description="The import's id; every record it wrote "
                                                     "names it.")
    source: str | None = strawberry.field(description="The file or files imported.")
    sha256: str | None = strawberry.field(
        description="A fingerprint (SHA-256) of what was imported: the same file gives the "
                    "same value.")
    actor: str | None = strawberry.field(description="Who ran it.")
    started_at: str | None = strawberry.field(description="When it started (ISO 8601).")
    finished_at: str | None = strawberry.field(
        description="When it finished (ISO 8601); null while incomplete.")
    status: str | None = strawberry.field(
        description="complete, or incomplete while it runs (or if it stopped part-way).")
    counts: list[ImportCount] = strawberry.field(
        description="How many records of each kind it created, updated or left unchanged.")

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
