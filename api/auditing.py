"""Every GraphQL mutation lands in the audit trail: who, when, which fields, with what input.

File uploads are recorded by name and size, never by content.
"""

from __future__ import annotations

from typing import Any

from graphql import OperationDefinitionNode
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graph import audit


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "filename") and hasattr(value, "file"):
        return {"upload": value.filename, "bytes": getattr(value, "size", None)}
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


class AuditMutations(SchemaExtension):
    async def on_execute(self) -> Any:  # type: ignore[override]
        yield
        ec = self.execution_context
        if ec.operation_type is not OperationType.MUTATION or ec.context is None:
            return
        fields = [sel.name.value for op in (ec.graphql_document.definitions
                                            if ec.graphql_document else [])
                  if isinstance(op, OperationDefinitionNode)
                  for sel in op.selection_set.selections if hasattr(sel, "name")]
        ctx = ec.context
        errors = [e.message for e in (ec.result.errors if ec.result else None) or []]
        await run_in_threadpool(
            audit.record, ctx.store, ctx.viewer.actor, "graphql.mutation",
            ",".join(fields) or None, operation=ec.operation_name,
            variables=_plain(ec.variables or {}), errors=errors[:5])
