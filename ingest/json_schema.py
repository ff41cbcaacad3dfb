"""The JSON Schema of the import document, derived from the domain records.

`python -m ingest.json_schema > docs/import.schema.json` regenerates the published file;
a test checks it is current. The records stay the single source of truth: the schema only
adds what the document accepts beyond them (countries by name, inline parties and
participants, outcomes by name, sources as text, several roles, `end: open`, keys
starting with `_` ignored).
"""

from __future__ import annotations

import json
from typing import Any

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Partner,
    Platform,
    PlatformUse,
    Record,
)

SCHEMA_ID = "https://partnergraph.example/import.schema.json"

_ITEMS: dict[str, type[Record]] = {
    "partners": Partner, "objectives": Objective, "platforms": Platform,
    "agreements": Agreement, "agreement_parties": AgreementParty, "activities": Activity,
    "activity_participants": ActivityParticipant, "platform_use": PlatformUse,
}
_REF = {"type": "string", "minLength": 1,
        "description": "A partner id, name or alias (parties also accept a country)."}
_FIGURE = {"anyOf": [
    {"type": "number", "minimum": 0},
    {"type": "string", "description": "As in a CSV cell: ~3500, >5500, <10, 11-12, EUR 1200000."},
    {"type": "object", "additionalProperties": False, "required": ["value"],
     "properties": {"value": {"type": "number", "minimum": 0},
                    "qualifier": {"enum": ["exact", "approximately", "at_least", "at_most"]},
                    "unit": {"type": "string", "pattern": "^[A-Za-z]{3}$",
                             "description": "ISO 4217 currency: money only."}}},
    {"type": "object", "additionalProperties": False, "required": ["low", "high"],
     "properties": {"low": {"type": "number", "minimum": 0},
                    "high": {"type": "number", "minimum": 0},
                    "qualifier": {"const": "range"},
                    "unit": {"type": "string", "pattern": "^[A-Za-z]{3}$"}}},
]}
_OUTCOMES = {
    "type": "object", "maxProperties": 100,
    "propertyNames": {"pattern": "^[A-Za-z][A-Za-z0-9_ -]{0,63}$"},
    "additionalProperties": {"anyOf": [_FIGURE, {"type": "array", "items": _FIGURE,
                                                 "minItems": 1}]},
    "description": "Reported figures by name (the vocabulary in docs/IMPORT.md, or your own "
                   "snake_case names); a list holds one figure per currency."}
_SOURCES = {
    "type": "array", "maxItems": 100,
    "items": {"anyOf": [{"$ref": "#/$defs/Citation"},
                        {"type": "string", "description": "Title https://… (published YYYY-MM-DD)"}]}}
_ROLES = {"anyOf": [{"$ref": "#/$defs/ParticipantRole"},
                    {"type": "array", "items": {"$ref": "#/$defs/ParticipantRole"},
                     "minItems": 1}],
          "description": "One role, or several (a sponsor that also took part)."}
_END = {"anyOf": [{"type": "string"}, {"type": "null"}],
        "description": "A partial date, or `open` for an activity that has not ended."}


def _item(model: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    schema.pop("title", None)
    schema["additionalProperties"] = False
    schema["patternProperties"] = {"^_": {}}
    return schema


def document_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    items = {kind: _item(model, defs) for kind, model in _ITEMS.items()}
    for column in ("country", "headquarters"):
        items["partners"]["properties"][column] = {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "description": "ISO 3166-1 alpha-2, alpha-3 or a country name (normalised to "
                           "alpha-2)."}
    for kind in ("partners", "agreements", "agreement_parties", "activities",
                 "activity_participants"):
        items[kind]["properties"]["sources"] = _SOURCES
    activity = items["activities"]["properties"]
    activity["outcomes"] = _OUTCOMES
    activity["end"] = _END
    del activity["open_ended"]
    items["activity_participants"]["properties"]["role"] = _ROLES
    del items["activity_participants"]["properties"]["roles"]
    for kind in ("agreement_parties", "activity_participants", "platform_use"):
        items[kind]["properties"]["partner_id"] = _REF
    items["agreements"]["required"] = [r for r in items["agreements"]["required"] if r != "id"]
    items["agreements"]["properties"]["id"]["description"] = (
        "Optional: derived from the title when absent.")
    party = _item(AgreementParty, defs)
    party["properties"] = {k: v for k, v in party["properties"].items()
                           if k not in ("agreement_id", "partner_id")} | {"partner": _REF}
    party["properties"]["sources"] = _SOURCES
    party["required"] = ["partner"]
    items["agreements"]["properties"]["parties"] = {
        "type": "array", "items": {"anyOf": [_REF, party]},
        "description": "Inline parties: ids, names, aliases or countries (a country means its "
                       "government partner, created on first use)."}
    participant = _item(ActivityParticipant, defs)
    participant["properties"] = {k: v for k, v in participant["properties"].items()
                                 if k not in ("activity_id", "partner_id")} | {"partner": _REF}
    participant["properties"]["sources"] = _SOURCES
    participant["properties"]["role"] = _ROLES
    del participant["properties"]["roles"]
    participant["required"] = ["partner"]
    items["activities"]["properties"]["participants"] = {
        "type": "array", "items": {"anyOf": [_REF, participant]}}
    properties = {kind: {"type": "array", "items": item} for kind, item in items.items()}
    used = _referenced(properties, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "partnergraph import document",
        "description": "Partners, agreements and activities to import (see docs/IMPORT.md).",
        "type": "object",
        "additionalProperties": False,
        "patternProperties": {"^[_$]": {}},
        "properties": properties,
        "$defs": {name: d for name, d in defs.items() if name in used},
    }


def _referenced(schema: Any, defs: dict[str, Any]) -> set[str]:
    """The definitions `schema` refers to, directly or through other definitions (those
    of fields the document replaces, such as Figure, are left out)."""
    found: set[str] = set()
    todo = [schema]
    while todo:
        text = json.dumps(todo.pop())
        for name in defs:
            if f'"#/$defs/{name}"' in text and name not in found:
                found.add(name)
                todo.append(defs[name])
    return found


if __name__ == "__main__":
    print(json.dumps(document_schema(), indent=2))
