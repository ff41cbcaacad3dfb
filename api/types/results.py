"""Typed results for the expected failures of mutations (union members)."""

from __future__ import annotations

import strawberry

from graph import edits


@strawberry.type(description="The object to change does not exist (or is not visible).")
class NotFound:
    message: str = strawberry.field(description="What was not found, in words.")
    entity: str = strawberry.field(description="What was looked for: partner, agreement, …")
    id: strawberry.ID = strawberry.field(description="The id that was looked for.")


@strawberry.type(description="One field's problem.")
class FieldProblem:
    field: str = strawberry.field(description="The input field at fault, by name.")
    message: str = strawberry.field(description="What is wrong with it and how to fix it.")


@strawberry.type(description="The input did not validate; nothing was written.")
class InvalidInput:
    message: str = strawberry.field(description="Why the input was refused, in words.")
    problems: list[FieldProblem] = strawberry.field(description="Each field's problem.")


@strawberry.type(description="The change clashes with what exists, e.g. an id already taken.")
class Conflict:
    message: str = strawberry.field(description="What clashes, in words.")
    entity: str = strawberry.field(description="What was looked for: partner, agreement, …")
    id: strawberry.ID = strawberry.field(description="The id in question.")


def failure(exc: edits.EditError) -> NotFound | InvalidInput | Conflict:
    if isinstance(exc, edits.NotFound):
        return NotFound(message=str(exc), entity=exc.kind, id=strawberry.ID(exc.key))
    if isinstance(exc, edits.Conflict):
        return Conflict(message=str(exc), entity=exc.kind, id=strawberry.ID(exc.key))
    assert isinstance(exc, edits.Invalid)
    return InvalidInput(message=str(exc),
                        problems=[FieldProblem(field=f, message=m) for f, m in exc.fields])
