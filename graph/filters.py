"""Compile a typed filter tree into a Cypher boolean expression, safely.

The one exception to "one statement per file": list queries (`queries/*/page.cypher`) keep
their base statement in a file with marked placeholders (`{{filter}}`, `{{after}}`,
`{{order}}`, `{{sort_key}}`), and this module fills them. What goes in is never user text:

- a field name selects a fixed Cypher expression from the caller's allow-list (`FieldSpec`);
  an unknown field raises `FilterError`;
- an operator selects a fixed template from `OPERATORS` (or the field's own templates), and
  only operators the field allows;
- every value becomes a parameter (`$f0`, `$f1`, …), never text.

Sort orders likewise come from an allow-list (`SortSpec`), and the keyset cursor's values
travel as parameters (`$after_key`, `$after_id`).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.queries import NamedQuery

# Templates: `{e}` is the field's expression, `{p}` the value's parameter.
OPERATORS: dict[str, str] = {
    "eq": "{e} = {p}",
    "ne": "({e} IS NULL OR {e} <> {p})",
    "in": "{e} IN {p}",
    "contains": "toLower({e}) CONTAINS toLower({p})",
    "starts_with": "toLower({e}) STARTS WITH toLower({p})",
    "gt": "{e} > {p}",
    "gte": "{e} >= {p}",
    "lt": "{e} < {p}",
    "lte": "{e} <= {p}",
    "any": "any(x IN coalesce({e}, []) WHERE x IN {p})",
    "all": "all(x IN {p} WHERE x IN coalesce({e}, []))",
    "is_null": "(({e} IS NULL) = {p})",
}

EQUALITY = frozenset({"eq", "ne", "in", "is_null"})
TEXT = EQUALITY | {"contains", "starts_with"}
RANGE = EQUALITY | {"gt", "gte", "lt", "lte"}
LIST = frozenset({"any", "all"})


class FilterError(ValueError):
    """A filter names a field or operator that the allow-list does not have, or a bad value."""


@dataclass(frozen=True)
class FieldSpec:
    """One filterable field: a fixed Cypher expression over `n` and the operators it allows.

    `templates` overrides or adds operator templates for this field, e.g. an EXISTS subquery
    keyed by a partner id. `refers` names the kind ("partner", "agreement", "activity")
    whose ids the value holds (under the key `refers_key` of a map value), so that an id
    that matches nothing is an error, not an empty answer (graph/reads/known.py).
    """

    expr: str
    ops: frozenset[str]
    templates: Mapping[str, str] = field(default_factory=dict)
    refers: str | None = None
    refers_key: str | None = None

    def template(self, op: str) -> str:
        return self.templates.get(op) or OPERATORS[op]


@dataclass(frozen=True)
class Pred:
    field: str
    op: str
    value: Any


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Pred | And | Or | Not


@dataclass(frozen=True)
class Compiled:
    text: str
    params: dict[str, Any]


def compile_filter(tree: Node | None, fields: Mapping[str, FieldSpec]) -> Compiled:
    """The boolean Cypher expression for `tree` ('true' for no filter) and its parameters."""
    params: dict[str, Any] = {}

    def walk(node: Node) -> str:
        if isinstance(node, Pred):
            spec = fields.get(node.field)
            if spec is None:
                raise FilterError(f"unknown filter field {node.field!r}")
            if node.op not in spec.ops:
                raise FilterError(f"operator {node.op!r} is not allowed on {node.field!r}")
            name = f"f{len(params)}"
            params[name] = node.value
            # replace, not str.format: templates hold Cypher braces (EXISTS { … }).
            text = spec.template(node.op).replace("{e}", spec.expr).replace("{p}", "$" + name)
            return "(" + text + ")"
        if isinstance(node, And):
            return "(" + " AND ".join(walk(i) for i in node.items) + ")" if node.items else "true"
        if isinstance(node, Or):
            return "(" + " OR ".join(walk(i) for i in node.items) + ")" if node.items else "false"
        if isinstance(node, Not):
            return f"(NOT {walk(node.item)})"
        raise FilterError(f"not a filter node: {type(node).__name__}")

    return Compiled("true" if tree is None else walk(tree), params)


# --- ordering and keyset cursors ---------------------------------------------------------


@dataclass(frozen=True)
class SortSpec:
    """A sort order: a fixed, never-null expression over `n` (coalesce to a sentinel)."""

    expr: str
    descending: bool = False


@dataclass(frozen=True)
class Cursor:
    sort: str
    key: Any
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.key, self.id], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def decode(cls, text: str, sort: str) -> Cursor:
        try:
            value = json.loads(base64.urlsafe_b64decode(text.encode()))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise FilterError("invalid cursor") from None
        if not (isinstance(value, list) and len(value) == 3 and isinstance(value[2], str)
                and isinstance(value[1], (str, int, float))):
            raise FilterError("invalid cursor")
        if value[0] != sort:
            raise FilterError("cursor belongs to a different sort order")
        return cls(value[0], value[1], value[2])


def page_query(base: NamedQuery, where: Compiled, sort: SortSpec,
               after: Cursor | None) -> tuple[NamedQuery, dict[str, Any]]:
    """Fill a page query's placeholders; returns the query and the parameters it adds."""
    params = dict(where.params)
    cmp = "<" if sort.descending else ">"
    if after is None:
        keyset = "true"
    else:
        keyset = (f"(({sort.expr}) {cmp} $after_key OR "
                  f"(({sort.expr}) = $after_key AND n.id > $after_id))")
        params.update(after_key=after.key, after_id=after.id)
    order = f"{sort.expr} {'DESC' if sort.descending else 'ASC'}, n.id ASC"
    text = (base.text.replace("{{filter}}", where.text).replace("{{after}}", keyset)
            .replace("{{order}}", order).replace("{{sort_key}}", sort.expr))
    return NamedQuery(base.name, text, base.parameters | frozenset(params)), params
