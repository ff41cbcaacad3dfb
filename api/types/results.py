"""Typed results for the expected failures of mutations (union members)."""

from __future__ import annotations

import strawberry

from graph import edits


@strawberry.type(description="The object to change does not exist (or is not visible).")
class NotFound:
    message: str
    entity: str = strawberry.field(description="What was looked for: partner, agreement, …")
    id: strawberry.ID


@strawberry.type(description="One field's problem.")
class FieldProblem:
    field: str
    message: str


@strawberry.type(description="The input did not validate; nothing was written.")
class InvalidInput:
    message: str
    problems: list[FieldProblem]


@strawberry.type(description="The change clashes with what exists, e.g. an id already taken.")
class Conflict:
    message: str
    entity: str = strawberry.field(description="What was looked for: partner, agreement, …")
    id: strawberry.ID


def failure(exc: edits.EditError) -> NotFound | InvalidInput | Conflict:
    if isinstance(exc, edits.NotFound):
        return NotFound(message=str(exc), entity=exc.kind, id=strawberry.ID(exc.key))
    if isinstance(exc, edits.Conflict):
        return Conflict(message=str(exc), entity=exc.kind, id=strawberry.ID(exc.key))
    assert isinstance(exc, edits.Invalid)
    return InvalidInput(message=str(exc),
                        problems=[FieldProblem(field=f, message=m) for f, m in exc.fields])
