"""A query cost limit (strawberry has depth, alias and token limiters, but no cost limiter).

Cost estimate, per operation, before execution:

    cost(field) = 1 + fan_out(field) · Σ cost(child)

where fan_out is the value of the field's `first`, `k` or `top` argument (a literal or a
variable; absent → the default page size for connections), 1 for a connection's `edges`
(already counted by `first`), LIST_FAN_OUT for other list fields, and 1 otherwise. An
operation over the budget (Settings.api_max_cost) is rejected with BAD_USER_INPUT and
nothing runs. Page size therefore multiplies cost, as OWASP recommends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

LIST_FAN_OUT = 10
FAN_OUT_ARGS = ("first", "k", "top")


def _unwrap(t: Any) -> tuple[Any, bool]:
    is_list = False
    while isinstance(t, (GraphQLNonNull, GraphQLList)):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return t, is_list


class _Estimator:
    def __init__(self, rule: ValidationRule, variables: dict[str, Any], default_page: int):
        self.context = rule.context
        self.variables = variables
        self.default_page = default_page

    def fan_out(self, node: FieldNode, parent: Any, is_list: bool, has_first: bool) -> int:
        for arg in node.arguments or ():
            if arg.name.value in FAN_OUT_ARGS:
                value = arg.value
                if isinstance(value, IntValueNode):
                    return max(1, int(value.value))
                if isinstance(value, VariableNode):
                    v = self.variables.get(value.name.value)
                    return max(1, v) if isinstance(v, int) else self.default_page
        if has_first:
            return self.default_page
        if is_list:
            return 1 if parent.name.endswith("Connection") else LIST_FAN_OUT
        return 1

    def cost(self, selections: SelectionSetNode | None, parent: Any, depth: int = 0) -> int:
        if selections is None or depth > 50:
            return 0
        total = 0
        for sel in selections.selections:
            if isinstance(sel, FieldNode):
                fields = getattr(parent, "fields", {}) if isinstance(
                    parent, (GraphQLObjectType, GraphQLInterfaceType)) else {}
                definition = fields.get(sel.name.value)
                if definition is None:  # __typename, or unknown (validation reports that)
                    total += 1
                    continue
                child, is_list = _unwrap(definition.type)
                has_first = "first" in definition.args
                children = self.cost(sel.selection_set, child, depth + 1)
                total += 1 + self.fan_out(sel, parent, is_list, has_first) * children
            elif isinstance(sel, InlineFragmentNode):
                target = parent
                if sel.type_condition is not None:
                    target = self.context.schema.get_type(sel.type_condition.name.value)
                total += self.cost(sel.selection_set, target, depth + 1)
            elif isinstance(sel, FragmentSpreadNode):
                fragment = self.context.get_fragment(sel.name.value)
                if fragment is not None:
                    target = self.context.schema.get_type(fragment.type_condition.name.value)
                    total += self.cost(fragment.selection_set, target, depth + 1)
        return total


def operation_cost(rule: ValidationRule, node: OperationDefinitionNode,
                   variables: dict[str, Any], default_page: int) -> int:
    schema = rule.context.schema
    root = {"query": schema.query_type, "mutation": schema.mutation_type,
            "subscription": schema.subscription_type}[node.operation.value]
    if isinstance(root, GraphQLUnionType):  # pragma: no cover - roots are object types
        return 0
    return _Estimator(rule, variables, default_page).cost(node.selection_set, root)


class CostLimiter(SchemaExtension):
    def __init__(self, max_cost: int, default_page: int) -> None:
        self.max_cost = max_cost
        self.default_page = default_page

    def on_operation(self) -> Iterator[None]:
        variables = self.execution_context.variables or {}
        max_cost, default_page = self.max_cost, self.default_page

        class CostRule(ValidationRule):
            def enter_operation_definition(self, node: OperationDefinitionNode,
                                           *_: Any) -> None:
                cost = operation_cost(self, node, variables, default_page)
                if cost > max_cost:
                    self.report_error(GraphQLError(
                        f"Query cost {cost} exceeds the limit of {max_cost}; "
                        "ask for smaller pages or fewer nested lists.", node))

        self.execution_context.validation_rules = (
            self.execution_context.validation_rules + (CostRule,))
        yield
