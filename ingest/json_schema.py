"""The JSON Schema of the import document, derived from the domain records.

`python -m ingest.json_schema > docs/import.schema.json` regenerates the published file;
a test checks it is current. The records stay the single source of truth: the schema only
adds what the document accepts beyond them (countries by name, inline parties and
participants, keys starting with `_` ignored).
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
    items["partners"]["properties"]["country"] = {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "description": "ISO 3166-1 alpha-2, alpha-3 or a country name (normalised to alpha-2)."}
    for kind in ("agreement_parties", "activity_participants", "platform_use"):
        items[kind]["properties"]["partner_id"] = _REF
    items["agreements"]["required"] = [r for r in items["agreements"]["required"] if r != "id"]
    items["agreements"]["properties"]["id"]["description"] = (
        "Optional: derived from the title when absent.")
    party = _item(AgreementParty, defs)
    party["properties"] = {k: v for k, v in party["properties"].items()
                           if k not in ("agreement_id", "partner_id")} | {"partner": _REF}
    party["required"] = ["partner"]
    items["agreements"]["properties"]["parties"] = {
        "type": "array", "items": {"anyOf": [_REF, party]},
        "description": "Inline parties: ids, names, aliases or countries (a country means its "
                       "government partner, created on first use)."}
    participant = _item(ActivityParticipant, defs)
    participant["properties"] = {k: v for k, v in participant["properties"].items()
                                 if k not in ("activity_id", "partner_id")} | {"partner": _REF}
    participant["required"] = ["partner"]
    items["activities"]["properties"]["participants"] = {
        "type": "array", "items": {"anyOf": [_REF, participant]}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "partnergraph import document",
        "description": "Partners, agreements and activities to import (see docs/IMPORT.md).",
        "type": "object",
        "additionalProperties": False,
        "patternProperties": {"^[_$]": {}},
        "properties": {kind: {"type": "array", "items": item} for kind, item in items.items()},
        "$defs": defs,
    }


if __name__ == "__main__":
    print(json.dumps(document_schema(), indent=2))
