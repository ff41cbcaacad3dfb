"""Edits from the API: create and update partners, agreements and activities, and add or
remove parties and participants, all through the same validated records and write path
(graph/writer.py) as imports. Updates merge the given fields into the stored record and
validate the whole result, so an edit can never store what an import would reject.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from graph import text_checks
from graph.access import FULL_ACCESS, Access
from graph.figures import as_document, from_properties
from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
    Record,
)
from graph.queries import named
from graph.reads import nodes
from graph.store import Store
from graph.stored import citations_document
from graph.write_policy import WritePolicy
from graph.writer import write_records

API_IMPORT_ID = "api"
_REMOVE_PARTY = named("agreements/remove_party")
_REMOVE_PARTICIPANT = named("activities/remove_participant")
KINDS: dict[str, type[Record]] = {"partner": Partner, "agreement": Agreement,
                                  "activity": Activity}


class EditError(Exception):
    """Base of the expected failures of an edit."""


class NotFound(EditError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"No {kind} with id {key!r}")
        self.kind = kind
        self.key = key


class Conflict(EditError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"A {kind} with id {key!r} already exists")
        self.kind = kind
        self.key = key


class Invalid(EditError):
    """The edited record does not validate; `fields` maps field path → message."""

    def __init__(self, fields: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in fields))
        self.fields = fields


def _texts(value: Any, path: str) -> list[tuple[str, str]]:
    """Every string in an edit's input that an import would refuse (graph/text_checks.py)."""
    if isinstance(value, str):
        reason = text_checks.problem(value)
        return [(path, reason)] if reason else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _texts(v, f"{path}.{k}" if path else k)]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in _texts(v, f"{path}.{i}")]
    return []


def validate(model: type[Record], data: dict[str, Any]) -> Record:
    """The record an edit writes, validated as an import validates it: the model's rules
    and the text checks every stored string passes."""
    if problems := _texts(data, ""):
        raise Invalid(problems)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid([(".".join(str(p) for p in e["loc"]) or "input", e["msg"])
                       for e in exc.errors()]) from None


def stored(store: Store, kind: str, key: str, access: Access) -> dict[str, Any]:
    """The stored record of `kind` as model fields; NotFound if missing or hidden."""
    row = nodes.by_ids(store, kind, [key], access)[0]
    if row is None:
        raise NotFound(kind, key)
    fields = KINDS[kind].model_fields
    data = {k: v for k, v in row.items() if k in fields and v is not None}
    data["id"] = key
    if kind in ("agreement", "activity"):
        relation = f"{kind}_objectives"
        data["objectives"] = [o["id"] for o in nodes.neighbours(store, relation, [key], FULL_ACCESS)[0]]
    if kind == "activity":
        data["outcomes"] = as_document(from_properties(row))
    data["sources"] = citations_document(row)
    return data


def _allowed(store: Store, access: Access, record: Record, group: str) -> None:
    """Invalid unless the caller may write `record` (graph/write_policy.py)."""
    problems = WritePolicy.load(store, access, [group]).problems(record)
    if problems:
        raise Invalid([(column, reason) for column, _, reason in problems])


def create(store: Store, kind: str, data: dict[str, Any], access: Access) -> str:
    """Validate and write a new record; Conflict if the id is taken (by any, even hidden:
    ids are global keys, so a taken id cannot be hidden without refusing the write)."""
    record = validate(KINDS[kind], data)
    if nodes.by_ids(store, kind, [data["id"]], FULL_ACCESS)[0] is not None:
        raise Conflict(kind, data["id"])
    _allowed(store, access, record, data["id"])
    write_records(store, [record], API_IMPORT_ID)
    return str(data["id"])


def update(store: Store, kind: str, key: str, changes: dict[str, Any], access: Access) -> str:
    """Merge `changes` (None clears a field) into the stored record, validate, write."""
    data = stored(store, kind, key, access)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    record = validate(KINDS[kind], data)
    _allowed(store, access, record, key)
    write_records(store, [record], API_IMPORT_ID)
    return key


def add_member(store: Store, kind: str, data: dict[str, Any], access: Access) -> None:
    """Add or update a party (kind 'agreement') or participant (kind 'activity')."""
    model = AgreementParty if kind == "agreement" else ActivityParticipant
    record = validate(model, data)
    group = data[f"{kind}_id"]
    stored(store, kind, group, access)  # NotFound when missing or hidden
    _allowed(store, access, record, group)
    counts = write_records(store, [record], API_IMPORT_ID)
    if counts.get("missing"):
        raise NotFound("partner", data["partner_id"])


def remove_member(store: Store, kind: str, group: str, partner: str, access: Access) -> None:
    stored(store, kind, group, access)
    model = AgreementParty if kind == "agreement" else ActivityParticipant
    _allowed(store, access, model.model_validate({f"{kind}_id": group, "partner_id": partner}),
             group)
    query = _REMOVE_PARTY if kind == "agreement" else _REMOVE_PARTICIPANT
    removed = store.write(query, partner_id=partner, **{f"{kind}_id": group})[0]["removed"]
    if not removed:
        raise NotFound(f"{kind} member", partner)
