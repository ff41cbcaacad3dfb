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
    Partner,
    Platform,
    PlatformUse,
    Record,
    participant_roles,
)
from ingest.formats import COLUMNS, FIGURE_COLUMNS, LIST_SEPARATOR

MODELS: dict[str, type[Record]] = {
    "partners": Partner, "objectives": Objective, "platforms": Platform, "agreements": Agreement,
    "agreement_parties": AgreementParty, "activities": Activity,
    "activity_participants": ActivityParticipant, "platform_use": PlatformUse,
}
LISTS = {"aliases", "scope", "objectives", "focus"}
OUTCOMES = set(FIGURE_COLUMNS)


def _split(value: str) -> list[str]:
    return next(csv.reader([value], delimiter=LIST_SEPARATOR))


def _source(entry: str) -> dict[str, str]:
    """`Title https://… (published 2024-05)`, as the generators write a source."""
    out: dict[str, str] = {}
    if entry.endswith(")") and "(published " in entry:
        entry, _, date = entry.rpartition("(published ")
        out["published_on"] = date[:-1]
    words = entry.split()
    urls = [w for w in words if w.startswith(("http://", "https://"))]
    if urls:
        out["url"] = urls[0]
    if title := " ".join(w for w in words if w not in urls):
        out["title"] = title
    return out


def to_record(kind: str, row: dict[str, str]) -> Record:
    data: dict[str, Any] = {}
    outcomes: dict[str, str] = {}
    for column, value in row.items():
        if value == "":
            continue
        if kind == "activities" and column in OUTCOMES:
            outcomes[column] = value
        elif column == "outcomes":
            outcomes.update(item.split("=", 1) for item in _split(value))  # type: ignore[misc]
        elif column in LISTS:
            data[column] = _split(value)
        elif column == "sources":
            data[column] = [_source(e) for e in _split(value)]
        elif column in ("binding", "participants_complete"):
            assert value in ("true", "false"), value
            data[column] = value == "true"
        elif kind == "activities" and column == "end" and value == "open":
            data["open_ended"] = True
        elif kind == "activity_participants" and column == "role":
            data.update(participant_roles(_split(value)))
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
            # The layout's columns, in its order (a generator may write fewer of them).
            assert header == [c for c in columns if c in header], f"{kind}: header {header}"
            for line, values in enumerate(reader, start=2):
                assert len(values) == len(header), f"{kind}.csv line {line}: {len(values)} cells"
                try:
                    out[kind].append(to_record(kind, dict(zip(header, values, strict=True))))
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
