"""Every GraphQL mutation lands in the audit trail: who, when, and for each mutation field
what it was asked (its arguments, inline or from variables, so the target ids), what it
changed (an update's fields before and after) and how it ended (`ok`, or the refusal's
type and message: NotFound, InvalidInput, Conflict, FORBIDDEN…).

File uploads are recorded by name and size, never by content.
"""

from __future__ import annotations

import inspect
from typing import Any

from graphql import GraphQLResolveInfo
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graph import audit, edits

# updateX mutations: the kind whose stored record is read before and after.
UPDATES = {"updatePartner": "partner", "updateAgreement": "agreement",
           "updateActivity": "activity"}
REFUSALS = {"NotFound", "InvalidInput", "Conflict"}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "filename") and hasattr(value, "file"):
        return {"upload": value.filename, "bytes": getattr(value, "size", None)}
    value = getattr(value, "value", value)  # enums
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    before, after = before or {}, after or {}
    return {k: {"before": _plain(before.get(k)), "after": _plain(after.get(k))}
            for k in sorted(before.keys() | after.keys()) if before.get(k) != after.get(k)}


class AuditMutations(SchemaExtension):
    def __init__(self) -> None:
        self.fields: list[dict[str, Any]] = []

    def resolve(self, _next: Any, root: Any, info: GraphQLResolveInfo[Any], *args: Any,
                **kwargs: Any) -> Any:
        if info.parent_type.name != "Mutation":  # every other field: untouched, synchronous
            return _next(root, info, *args, **kwargs)
        return self._mutation(_next, root, info, *args, **kwargs)

    async def _mutation(self, _next: Any, root: Any, info: GraphQLResolveInfo[Any], *args: Any,
                        **kwargs: Any) -> Any:
        name = info.field_name
        entry: dict[str, Any] = {"field": name, "arguments": _plain(kwargs)}
        if info.path.key != name:
            entry["alias"] = info.path.key
        self.fields.append(entry)
        kind, ctx = UPDATES.get(name), info.context
        before = await self._stored(ctx, kind, kwargs.get("id")) if kind else None
        try:
            result = _next(root, info, *args, **kwargs)
            result = await result if inspect.isawaitable(result) else result
        except Exception as exc:
            entry["outcome"] = getattr(exc, "code", None) or "error"
            entry["message"] = str(exc)[:500]
            raise
        outcome = type(result).__name__
        if outcome in REFUSALS:
            entry["outcome"], entry["message"] = outcome, getattr(result, "message", None)
        else:
            entry["outcome"] = "ok"
            if kind:
                entry["changed"] = _changed(before, await self._stored(ctx, kind, kwargs["id"]))
        return result

    @staticmethod
    async def _stored(ctx: Any, kind: str | None, key: Any) -> dict[str, Any] | None:
        if kind is None or not isinstance(key, str):
            return None
        try:
            return await run_in_threadpool(edits.stored, ctx.store, kind, key, ctx.viewer.access)
        except edits.EditError:  # absent or hidden: the mutation says so itself
            return None

    async def on_execute(self) -> Any:
        yield
        ec = self.execution_context
        if ec.operation_type is not OperationType.MUTATION or ec.context is None:
            return
        ctx = ec.context
        errors = [e.message for e in (ec.result.errors if ec.result else None) or []]
        refused = [f for f in self.fields if f.get("outcome") != "ok"]
        await run_in_threadpool(
            audit.record, ctx.store, ctx.viewer.actor, "graphql.mutation",
            ",".join(f["field"] for f in self.fields) or None, operation=ec.operation_name,
            fields=self.fields, variables=_plain(ec.variables or {}), errors=errors[:5],
            outcome="ok" if self.fields and not refused and not errors else "refused")
