"""Every element of the schema explains itself: each type, field, argument, input field and
enum value we define carries a description, so GraphiQL's documentation pane answers a
partnership officer's "what does this mean?" without the source."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    introspection_types,
    specified_scalar_types,
)
from graphql import build_schema as build_sdl

from api.schema import build_schema
from graph.config import Settings

BUILT_IN = set(introspection_types) | set(specified_scalar_types)


def _described(text: str | None) -> bool:
    return bool(text and text.strip())


def undescribed(schema: GraphQLSchema) -> list[str]:
    """Coordinates (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) of every element we
    define that has no non-empty description."""
    missing: list[str] = []
    for name, named in sorted(schema.type_map.items()):
        if name in BUILT_IN:
            continue
        missing += _undescribed_type(name, named)
    return missing


def _undescribed_type(name: str, named: GraphQLNamedType) -> list[str]:
    missing = [] if _described(named.description) else [name]
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in named.fields.items():
            if not _described(field.description):
                missing.append(f"{name}.{field_name}")
            missing += [f"{name}.{field_name}({arg_name}:)"
                        for arg_name, arg in field.args.items()
                        if not _described(arg.description)]
    elif isinstance(named, GraphQLInputObjectType):
        missing += [f"{name}.{field_name}" for field_name, field in named.fields.items()
                    if not _described(field.description)]
    elif isinstance(named, GraphQLEnumType):
        missing += [f"{name}.{value_name}" for value_name, value in named.values.items()
                    if not _described(value.description)]
    return missing  # a union or a scalar has only its own description


def test_every_schema_element_has_a_description() -> None:
    schema = build_schema(Settings.from_env({}))._schema
    missing = undescribed(schema)
    assert not missing, (
        f"{len(missing)} schema elements have no description (add one in words a "
        "partnership officer understands):\n" + "\n".join(missing))


def test_the_walk_covers_our_types_and_leaves_graphqls_own_alone() -> None:
    schema = build_schema(Settings.from_env({}))._schema
    names = set(schema.type_map)
    assert {"Partner", "PartnerFilter", "TLP", "Node", "PartnerResult", "Query",
            "Mutation"} <= names
    assert not any(name.startswith("__") for name in names - BUILT_IN)
    assert {"String", "Boolean", "__Schema", "__Type"} <= BUILT_IN


def test_the_walk_names_each_kind_of_element() -> None:
    # Every kind of element left undescribed is named once; a blank description is none.
    schema = build_sdl('''
        """The root."""
        type Query {
          """ """
          find(where: Where, """How many.""" first: Int): Kind
        }
        input Where { name: String, """Described.""" id: ID }
        enum Kind { ONE, """Described.""" TWO }
        union Either = Query
    ''')
    assert undescribed(schema) == ["Either", "Kind", "Kind.ONE", "Query.find",
                                   "Query.find(where:)", "Where", "Where.name"]
