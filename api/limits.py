"""Bounded parsing and validation of GraphQL documents: tokens, fragment cycles, depth,
aliases and cost, then graphql-core's own rules, all off the event loop.

Why one pass of our own: strawberry's depth and alias limiters and a naive cost walk follow
every path through fragment spreads, so a fragment that spreads itself never ends and a
chain of n fragments each spreading the next twice costs 2^n steps. Here each fragment is
measured once (memoised) after the fragment graph has been checked for cycles, so the work
is linear in the size of the document whatever its shape:

1. The document is parsed with a token budget that also counts the variables' values (a
   filter sent in variables costs what it would cost inline), in a worker thread.
2. The variables' nesting depth is bounded (deeper values are refused before graphql-core
   coerces them recursively).
3. Fragment spreads form a graph; a cycle is refused by name before anything walks it.
4. Depth, aliases and cost are computed per fragment once, in dependency order, then per
   operation. Cost, per field:

       cost(field) = 1 + fan_out(field) · Σ cost(child)

   where fan_out is the value of the field's `first`, `k` or `top` argument as it will run
   (a literal, the variable's value, else the variable's default, else the default page
   size for connections), 1 for a connection's `edges` (already counted by `first`),
   LIST_FAN_OUT for other list fields, and 1 otherwise. Page size therefore multiplies
   cost, as OWASP recommends. Sums saturate just above the limit, so numbers stay small.
5. Only a document within every limit meets graphql-core's validation rules (whose work is
   then bounded by the token count); suggestions ("Did you mean …") are left out of their
   messages when `hide_suggestions` is set (production). Those rules do not look at the
   variables, so a document that passed them once is remembered (by its text, for the
   same schema and rules) and not validated again; steps 1-4 run on every request.

Every refusal is a GraphQL error (code BAD_USER_INPUT) and nothing runs.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    parse,
    validate,
)
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

LIST_FAN_OUT = 10
FAN_OUT_ARGS = ("first", "k", "top")
MAX_VARIABLE_DEPTH = 32  # nesting of the variables' JSON (a 5-level filter needs ~16)
# Input objects in the filter arguments of one operation (each condition, each entry of
# and/or/not). Strawberry turns each into a Python object on the event loop, about 0.25 ms
# apiece on the development machine, before any resolver can refuse it.
MAX_FILTER_INPUTS = 120


@dataclass(frozen=True)
class Limits:
    max_tokens: int
    max_depth: int
    max_aliases: int
    max_cost: int
    default_page: int
    hide_suggestions: bool = False


class DocumentRefused(Exception):
    """A document (or its variables) over a limit; the message names the limit."""


# --- variables -------------------------------------------------------------------------


def variable_values(variables: Any, limit: int) -> int:
    """How many JSON values `variables` holds (each scalar, list and object, and each object
    key), counted without recursion; stops once past `limit`. Raises DocumentRefused when
    the nesting is deeper than MAX_VARIABLE_DEPTH."""
    count = 0
    stack: list[tuple[Any, int]] = [(variables, 0)]
    while stack and count <= limit:
        value, depth = stack.pop()
        count += 1
        if isinstance(value, (dict, list)):
            if depth >= MAX_VARIABLE_DEPTH:
                raise DocumentRefused(
                    f"The variables nest deeper than {MAX_VARIABLE_DEPTH} levels.")
            items: Iterable[Any] = value.values() if isinstance(value, dict) else value
            if isinstance(value, dict):
                count += len(value)
            stack.extend((v, depth + 1) for v in items)
    return count - 1  # the variables object itself is not a value the caller chose


# --- parsing ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _parse(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


def parse_within(query: str, variables: Any, limits: Limits) -> DocumentNode:
    """The parsed document, if it and its variables hold at most `limits.max_tokens` tokens
    and values together. Blocking (a long document takes a while to lex): call it in a
    thread."""
    values = variable_values(variables or {}, limits.max_tokens)
    budget = limits.max_tokens - values
    if budget < 1:
        raise DocumentRefused(
            f"The variables hold more than {limits.max_tokens} values, the token limit of a "
            "request (document and variables together).")
    try:
        return _parse(query, budget)
    except GraphQLError as exc:
        if "tokens" in exc.message and values:
            raise DocumentRefused(
                f"The document and its {values} variable values exceed the limit of "
                f"{limits.max_tokens} tokens a request.") from None
        raise
    except RecursionError:
        raise DocumentRefused("The document is nested too deeply to parse.") from None


# --- measuring -------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    depth: int
    aliases: int
    cost: int
    filter_inputs: int = 0


def _unwrap(t: Any) -> tuple[Any, bool]:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return t, is_list


def _spreads(selections: SelectionSetNode | None) -> list[str]:
    """Names of the fragments spread anywhere inside `selections` (not following them)."""
    names: list[str] = []
    stack = [selections] if selections else []
    while stack:
        for sel in stack.pop().selections:
            if isinstance(sel, FragmentSpreadNode):
                names.append(sel.name.value)
            elif isinstance(sel, FieldNode | InlineFragmentNode) and sel.selection_set is not None:
                stack.append(sel.selection_set)
    return names


def fragment_order(fragments: dict[str, FragmentDefinitionNode]) -> list[str]:
    """The fragments in dependency order (each after the fragments it spreads); raises
    DocumentRefused naming a cycle. Iterative, linear in the number of spreads."""
    edges = {name: [s for s in _spreads(f.selection_set) if s in fragments]
             for name, f in fragments.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    order: list[str] = []
    for root in fragments:
        if root in state:
            continue
        path = [root]
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            name, i = stack.pop()
            if i < len(edges[name]):
                stack.append((name, i + 1))
                child = edges[name][i]
                if state.get(child) == 1:
                    cycle = path[path.index(child):] + [child]
                    raise DocumentRefused(
                        f"Fragment {child!r} spreads itself ({' → '.join(cycle)}); "
                        "fragments may not form cycles.")
                if child not in state:
                    state[child] = 1
                    path.append(child)
                    stack.append((child, 0))
            else:
                state[name] = 2
                order.append(name)
                path.pop()
    return order


class _Measurer:
    """Depth, aliases and cost of selection sets; fragments are looked up, never walked
    again (`done` holds each fragment's measure, filled in dependency order)."""

    def __init__(self, schema: GraphQLSchema, limits: Limits, variables: dict[str, Any],
                 defaults: dict[str, Any]) -> None:
        self.schema = schema
        self.limits = limits
        self.variables = variables
        self.defaults = defaults
        self.cap = limits.max_cost + 1  # sums saturate here: over the limit is over
        self.done: dict[str, Measure] = {}

    def _int(self, value: Any) -> int | None:
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            name = value.name.value
            v = self.variables.get(name, self.defaults.get(name))
            if isinstance(v, IntValueNode):
                return int(v.value)
            return v if isinstance(v, int) and not isinstance(v, bool) else None
        return None

    def fan_out(self, node: FieldNode, parent: Any, is_list: bool, has_first: bool) -> int:
        for arg in node.arguments or ():
            if arg.name.value in FAN_OUT_ARGS:
                n = self._int(arg.value)
                return max(1, n) if n is not None else self.limits.default_page
        if has_first:
            return self.limits.default_page
        if is_list:
            return 1 if parent.name.endswith("Connection") else LIST_FAN_OUT
        return 1

    def _objects(self, value: Any) -> int:
        """Input objects in an argument's value (a literal, variables resolved)."""
        count, stack = 0, [value]
        while stack and count <= MAX_FILTER_INPUTS:
            v = stack.pop()
            if isinstance(v, VariableNode):
                name = v.name.value
                v = self.variables.get(name, self.defaults.get(name))
            if isinstance(v, (ObjectValueNode, dict)):
                count += 1
                stack.extend(f.value for f in v.fields) if isinstance(
                    v, ObjectValueNode) else stack.extend(v.values())
            elif isinstance(v, ListValueNode):
                stack.extend(v.values)
            elif isinstance(v, list):
                stack.extend(v)
        return count

    def filter_inputs(self, node: FieldNode, definition: Any) -> int:
        total = 0
        for arg in node.arguments or ():
            spec = definition.args.get(arg.name.value)
            if spec is not None and _unwrap(spec.type)[0].name.endswith("Filter"):
                total += self._objects(arg.value)
        return total

    def measure(self, selections: SelectionSetNode | None, parent: Any) -> Measure:
        """Recursion follows the document's own nesting (bounded by the parser), never a
        fragment spread."""
        if selections is None:
            return Measure(0, 0, 0)
        depth = aliases = cost = inputs = 0
        for sel in selections.selections:
            if isinstance(sel, FieldNode):
                aliases += sel.alias is not None
                fields = (parent.fields if isinstance(
                    parent, (GraphQLObjectType, GraphQLInterfaceType)) else {})
                definition = fields.get(sel.name.value)
                if definition is None or sel.name.value.startswith("__"):
                    # __typename, introspection (not limited, like strawberry's depth
                    # limiter), or unknown (validation reports that)
                    cost += 1
                    continue
                child, is_list = _unwrap(definition.type)
                inner = self.measure(sel.selection_set, child)
                aliases += inner.aliases
                inputs += self.filter_inputs(sel, definition) + inner.filter_inputs
                if sel.selection_set is not None:
                    depth = max(depth, 1 + inner.depth)
                fan = self.fan_out(sel, parent, is_list, "first" in definition.args)
                cost += 1 + min(fan, self.cap) * inner.cost
            elif isinstance(sel, InlineFragmentNode):
                target = parent
                if sel.type_condition is not None:
                    target = self.schema.get_type(sel.type_condition.name.value)
                inner = self.measure(sel.selection_set, target)
                depth, aliases, cost = (max(depth, inner.depth), aliases + inner.aliases,
                                        cost + inner.cost)
                inputs += inner.filter_inputs
            elif isinstance(sel, FragmentSpreadNode):
                inner = self.done.get(sel.name.value, Measure(0, 0, 0))  # unknown: reported
                depth, aliases, cost = (max(depth, inner.depth), aliases + inner.aliases,
                                        cost + inner.cost)
                inputs += inner.filter_inputs
            cost = min(cost, self.cap)
            inputs = min(inputs, MAX_FILTER_INPUTS + 1)
        return Measure(depth, aliases, cost, inputs)


def check_document(schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any],
                   limits: Limits) -> None:
    """Raise DocumentRefused if any operation of `document` is over the depth, alias or
    cost limit, or its fragments form a cycle. Linear in the size of the document."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    order = fragment_order(fragments)
    roots = {"query": schema.query_type, "mutation": schema.mutation_type,
             "subscription": schema.subscription_type}
    aliases = 0
    for op in document.definitions:
        if not isinstance(op, OperationDefinitionNode):
            continue
        defaults = {v.variable.name.value: v.default_value
                    for v in op.variable_definitions or () if v.default_value is not None}
        m = _Measurer(schema, limits, variables, defaults)
        for name in order:  # per operation: a fragment's cost depends on its variables
            f = fragments[name]
            m.done[name] = m.measure(f.selection_set,
                                     schema.get_type(f.type_condition.name.value))
        measure = m.measure(op.selection_set, roots[op.operation.value])
        label = f"Operation {op.name.value!r}" if op.name else "The operation"
        if measure.depth > limits.max_depth:
            raise DocumentRefused(
                f"{label} exceeds maximum operation depth of {limits.max_depth} "
                f"(it nests {measure.depth} levels).")
        aliases += measure.aliases
        if aliases > limits.max_aliases:
            raise DocumentRefused(f"{aliases} aliases found. Allowed: {limits.max_aliases}.")
        if measure.filter_inputs > MAX_FILTER_INPUTS:
            raise DocumentRefused(
                f"The filters of a request hold at most {MAX_FILTER_INPUTS} input objects "
                "(each condition and each entry of and/or/not is one); these hold more.")
        if measure.cost > limits.max_cost:
            raise DocumentRefused(
                f"Query cost {'over ' if measure.cost >= m.cap else ''}{measure.cost} exceeds "
                f"the limit of {limits.max_cost}; ask for smaller pages or fewer nested lists.")


class ValidDocuments:
    """The texts of documents that passed graphql-core's rules, per schema and rule set: a
    bounded LRU per schema (held weakly, so a discarded schema takes its entries with it),
    shared by the worker threads. Only short documents are kept (the usual query is a few
    kilobytes), so a schema's cache holds at most `size` × `max_chars` characters whatever
    callers send; invalid documents are never kept (their errors are built anew)."""

    def __init__(self, size: int = 512, max_chars: int = 16_384) -> None:
        self.size, self.max_chars = size, max_chars
        self._by_schema: weakref.WeakKeyDictionary[
            GraphQLSchema, OrderedDict[tuple[Any, ...], None]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def keys(self, schema: GraphQLSchema) -> list[tuple[Any, ...]]:
        """(rules, text) of the documents remembered for `schema`, oldest first."""
        with self._lock:
            return list(self._by_schema.get(schema, ()))

    def validate(self, schema: GraphQLSchema, document: DocumentNode, rules: tuple[Any, ...],
                 hide_suggestions: bool) -> list[GraphQLError]:
        body = document.loc.source.body if document.loc else None
        key = (rules, body) if body is not None and len(body) <= self.max_chars else None
        if key is not None:
            with self._lock:
                kept = self._by_schema.setdefault(schema, OrderedDict())
                if key in kept:
                    kept.move_to_end(key)
                    return []
        errors = validate(schema, document, rules, hide_suggestions=hide_suggestions)
        if key is not None and not errors:
            with self._lock:
                kept = self._by_schema.setdefault(schema, OrderedDict())
                kept[key] = None
                while len(kept) > self.size:
                    kept.popitem(last=False)
        return errors


VALID_DOCUMENTS = ValidDocuments()


def validate_within(schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any],
                    rules: tuple[Any, ...], limits: Limits) -> list[GraphQLError]:
    """Our limits first; `rules` (graphql-core's specified rules and those extensions
    added) only for a document within them, and only once per document text."""
    try:
        check_document(schema, document, variables, limits)
    except DocumentRefused as exc:
        return [GraphQLError(str(exc))]
    return VALID_DOCUMENTS.validate(
        schema, document, (*rules, MaybeNullValidationRule, OneOfInputValidationRule),
        limits.hide_suggestions)


class DocumentLimits(SchemaExtension):
    """Parses and validates each request in a worker thread, within `limits`; replaces
    strawberry's parser cache, token, depth and alias limiters and its validation step."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    async def on_parse(self) -> AsyncIterator[None]:
        ec = self.execution_context
        if ec.query:
            try:
                ec.graphql_document = await run_in_threadpool(
                    parse_within, ec.query, ec.variables, self.limits)
            except DocumentRefused as exc:
                raise GraphQLError(str(exc)) from None
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        ec = self.execution_context
        if ec.graphql_document is not None and ec.pre_execution_errors is None:
            # Strawberry skips its own (on-loop) validation once these are set.
            ec.pre_execution_errors = await run_in_threadpool(
                validate_within, ec.schema._schema, ec.graphql_document, ec.variables or {},
                ec.validation_rules, self.limits)
        yield
