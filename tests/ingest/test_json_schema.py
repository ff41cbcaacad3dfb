"""The published JSON Schema is current and accepts the example document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ingest.json_schema import document_schema
from tests.ingest.conftest import EXAMPLES

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "import.schema.json"


def test_the_published_schema_is_generated_from_the_records() -> None:
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == document_schema(), (
        "regenerate: python -m ingest.json_schema > docs/import.schema.json")


def test_the_example_document_follows_the_schema() -> None:
    doc = json.loads((EXAMPLES / "partners.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(document_schema()).validate(doc)


def test_the_schema_refuses_an_unknown_field() -> None:
    bad = {"partners": [{"id": "a", "name": "A", "kind": "ngo", "colour": "red"}]}
    errors = list(jsonschema.Draft202012Validator(document_schema()).iter_errors(bad))
    assert [e.validator for e in errors] == ["additionalProperties"]
