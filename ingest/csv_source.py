"""CSV files, one per kind, parsed into typed records (see ingest/formats.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Outcome,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from ingest.formats import COLUMNS, LIST_SEPARATOR

RECORD_TYPES: dict[str, type[Record]] = {
    "partners": Partner,
    "objectives": Objective,
    "platforms": Platform,
    "agreements": Agreement,
    "agreement_parties": AgreementParty,
    "activities": Activity,
    "activity_participants": ActivityParticipant,
    "platform_use": PlatformUse,
}
_LISTS = {"aliases", "scope", "objectives", "focus"}
_OUTCOMES = {o.value for o in Outcome}


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    value: str
    reason: str


def kind_of(path: Path) -> str:
    kind = path.stem.lower()
    if kind not in RECORD_TYPES:
        raise ValueError(f"{path.name}: unknown file kind {kind!r}; expected one of "
                         f"{', '.join(RECORD_TYPES)}")
    return kind


def _fields(kind: str, row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    outcomes: dict[str, str] = {}
    for column, raw in row.items():
        value = (raw or "").strip()
        if value == "":
            continue
        if column in _OUTCOMES and kind == "activities":
            outcomes[column] = value
        elif column in _LISTS:
            data[column] = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
        elif column == "binding":
            data[column] = {"true": True, "false": False}.get(value.lower(), value)
        else:
            data[column] = value
    if outcomes:
        data["outcomes"] = outcomes
    return data


def read_records(path: Path) -> Iterator[tuple[int, Record | list[RowError]]]:
    """Yield (line, record) or (line, errors) for each data row of one CSV file."""
    kind = kind_of(path)
    model = RECORD_TYPES[kind]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        unknown = set(reader.fieldnames or ()) - set(COLUMNS[kind])
        if unknown:
            yield 1, [RowError(path.name, 1, c, c, "unknown column") for c in sorted(unknown)]
            return
        for row in reader:
            line = reader.line_num
            try:
                yield line, model.model_validate(_fields(kind, row))
            except ValidationError as exc:
                yield line, [
                    RowError(path.name, line, ".".join(str(p) for p in e["loc"]) or "(row)",
                             str(e.get("input", ""))[:80], e["msg"])
                    for e in exc.errors()
                ]
