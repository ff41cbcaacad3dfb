"""Read the eight CSV files back into graph/model.py records, independently of the importer.

The generator tests use this instead of ingest/csv_source.py on purpose: the files must
validate against the model itself, whatever the importer does.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

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

MODELS: dict[str, type[Record]] = {
    "partners": Partner, "objectives": Objective, "platforms": Platform, "agreements": Agreement,
    "agreement_parties": AgreementParty, "activities": Activity,
    "activity_participants": ActivityParticipant, "platform_use": PlatformUse,
}
LISTS = {"aliases", "scope", "objectives", "focus"}
OUTCOMES = {o.value for o in Outcome}


def to_record(kind: str, row: dict[str, str]) -> Record:
    data: dict[str, Any] = {}
    outcomes: dict[str, str] = {}
    for column, value in row.items():
        if value == "":
            continue
        if kind == "activities" and column in OUTCOMES:
            outcomes[column] = value
        elif column in LISTS:
            data[column] = value.split(LIST_SEPARATOR)
        elif column == "binding":
            assert value in ("true", "false"), value
            data[column] = value == "true"
        else:
            data[column] = value
    if outcomes:
        data["outcomes"] = outcomes
    return MODELS[kind].model_validate(data)


def read_dir(path: Path) -> dict[str, list[Record]]:
    """Every row of every file as a record; raises on the first invalid row."""
    out: dict[str, list[Record]] = defaultdict(list)
    for kind, columns in COLUMNS.items():
        with (path / f"{kind}.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            assert tuple(header) == columns, f"{kind}: header {header} != {columns}"
            for line, values in enumerate(reader, start=2):
                assert len(values) == len(columns), f"{kind}.csv line {line}: {len(values)} cells"
                try:
                    out[kind].append(to_record(kind, dict(zip(columns, values))))
                except Exception as exc:
                    raise AssertionError(f"{kind}.csv line {line}: {exc}") from exc
    return out


def dangling_references(records: dict[str, list[Any]]) -> list[str]:
    """Every reference to an id that no file defines, as readable strings (empty when sound)."""
    ids = {kind: {r.id for r in records[kind]}
           for kind in ("partners", "objectives", "platforms", "agreements", "activities")}
    problems: list[str] = []

    def check(kind: str, value: str, target: str) -> None:
        if value not in ids[target]:
            problems.append(f"{kind}: {value!r} is not in {target}")

    for a in records["agreements"]:
        for o in a.objectives:
            check("agreements", o, "objectives")
    for a in records["activities"]:
        for o in a.objectives:
            check("activities", o, "objectives")
    for p in records["agreement_parties"]:
        check("agreement_parties", p.agreement_id, "agreements")
        check("agreement_parties", p.partner_id, "partners")
    for p in records["activity_participants"]:
        check("activity_participants", p.activity_id, "activities")
        check("activity_participants", p.partner_id, "partners")
    for u in records["platform_use"]:
        check("platform_use", u.partner_id, "partners")
        check("platform_use", u.platform_id, "platforms")
    return problems
