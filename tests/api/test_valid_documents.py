"""graphql-core's validation runs once per document text; the limits run on every request."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from graphql import GraphQLError, NoSchemaIntrospectionCustomRule, parse, specified_rules

import api.limits
from api.limits import Limits, ValidDocuments, validate_within
from api.schema import build_schema
from graph.config import Settings

RULES = tuple(specified_rules)
LIMITS = Limits(max_tokens=2000, max_depth=10, max_aliases=10, max_cost=1000, default_page=20)
COSTLY = """query($n: Int) { partners(first: $n) { edges { node { partners { partner {
    partners { partner { id } } } } } } } }"""


@pytest.fixture
def schema() -> Any:
    return build_schema(Settings.from_env({}))._schema


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """The documents graphql-core's `validate` really ran on (the real function, counted)."""
    seen: list[str] = []
    real = api.limits.validate

    def counted(schema, document, rules, **kw) -> list[GraphQLError]:
        seen.append(document.loc.source.body)
        return real(schema, document, rules, **kw)

    monkeypatch.setattr(api.limits, "validate", counted)
    monkeypatch.setattr(api.limits, "VALID_DOCUMENTS", ValidDocuments())
    return seen


def test_a_valid_document_is_validated_once(schema, calls) -> None:
    q = "{ regions { code name } }"
    for _ in range(3):  # a new parse each time: the text is the key, not the parsed object
        assert validate_within(schema, parse(q), {}, RULES, LIMITS) == []
    assert calls == [q]


def test_the_cost_limit_still_reads_each_requests_variables(schema, calls) -> None:
    doc = parse(COSTLY)
    assert validate_within(schema, doc, {"n": 1}, RULES, LIMITS) == []
    refused = validate_within(schema, doc, {"n": 100}, RULES, LIMITS)
    assert len(refused) == 1 and "cost" in refused[0].message
    assert validate_within(schema, doc, {"n": 1}, RULES, LIMITS) == []
    assert calls == [COSTLY]


def test_an_invalid_document_is_never_remembered(schema, calls) -> None:
    q = "{ regions { code nosuchfield } }"
    for _ in range(2):
        errors = validate_within(schema, parse(q), {}, RULES, LIMITS)
        assert [e.message for e in errors] == [
            "Cannot query field 'nosuchfield' on type 'Region'."]
    assert calls == [q, q]


def test_other_rules_validate_the_same_text_again(schema, calls) -> None:
    q = "{ __schema { queryType { name } } }"
    assert validate_within(schema, parse(q), {}, RULES, LIMITS) == []
    closed = validate_within(schema, parse(q), {}, (*RULES, NoSchemaIntrospectionCustomRule),
                             LIMITS)
    assert closed and all("introspection has been disabled" in e.message for e in closed)


def test_the_cache_is_bounded_in_entries_and_in_document_size(schema) -> None:
    cache = ValidDocuments(size=2, max_chars=100)
    for q in ("{ regions { code } }", "{ regions { name } }", "{ regions { code name } }"):
        cache.validate(schema, parse(q), RULES, False)
    assert [k[1] for k in cache.keys(schema)] == ["{ regions { name } }",
                                                  "{ regions { code name } }"]
    long = "{ regions { " + "code " * 30 + "} }"
    assert cache.validate(schema, parse(long), RULES, False) == []
    assert all(k[1] != long for k in cache.keys(schema))


def test_a_discarded_schema_takes_its_documents_with_it() -> None:
    cache = ValidDocuments()
    schema = build_schema(Settings.from_env({}))._schema
    cache.validate(schema, parse("{ regions { code } }"), RULES, False)
    assert len(cache._by_schema) == 1
    del schema
    gc.collect()
    assert len(cache._by_schema) == 0
