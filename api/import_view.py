"""How `partnergraph import` and `partnergraph imports` look on a terminal.

Progress (rows/s, ETA) goes to stderr and only on a terminal; tables of errors, notices
and counts are for people; `--json` / `--errors-json` print one JSON document on stdout.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ingest.importer import ImportRejected, ImportReport
from ingest.problems import RowError

MAX_ROWS_SHOWN = 50
_RATE_EVERY_SECONDS = 0.25


class RichProgress:
    """The importer's Progress protocol, drawn with rich: rows/s and, when known, ETA."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=console, transient=False,
        )
        self._task: TaskID | None = None
        self._rate_at = 0.0

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def phase(self, name: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.update(self._task, visible=True)
        self._task = self._progress.add_task(name, total=total, rate="")
        self._rate_at = 0.0  # a new phase shows its rate as soon as rich has one

    def advance(self, n: int) -> None:
        if self._task is None:
            return
        self._progress.advance(self._task, n)
        # The rate at most a few times a second: rich computes it over every sample of the
        # last 30 s, about 70 µs a call, several times the work of validating a row.
        if (now := time.monotonic()) - self._rate_at >= _RATE_EVERY_SECONDS:
            self._rate_at = now
            if speed := self._progress.tasks[self._task].speed:
                self._progress.update(self._task, rate=f"{speed:,.0f} rows/s")


def errors_table(errors: list[RowError]) -> Table:
    table = Table("file", "where", "column", "value", "reason", title="Rejected rows",
                  show_lines=False, title_justify="left")
    for e in errors[:MAX_ROWS_SHOWN]:
        table.add_row(e.file, e.where, e.column, e.value, e.reason)
    if len(errors) > MAX_ROWS_SHOWN:
        table.caption = f"… and {len(errors) - MAX_ROWS_SHOWN} more (use --errors-json for all)"
        if errors[-1].file == "(import)":  # where the error cap stopped (ingest/validation.py)
            table.caption += f"; the last: {errors[-1].reason}"
    return table


def rejected_advice(exc: ImportRejected, on_error: str) -> str:
    """What to do about a rejected import: skipping rows helps only when rows were
    rejected, and not when --on-error skip was given already (a file could not be read)."""
    if exc.unreadable:
        return "A file could not be read at all, so no row was: fix the file (see the reason)."
    if on_error == "skip":
        return "Fix the rows listed."
    return "Fix the rows, or use --on-error skip to write the valid ones."


def resolved_table(report: ImportReport) -> Table:
    """Partners of the files that resolve to existing ones (would, in a dry run)."""
    table = Table("where", "file's id", "partner", "because", title_justify="left",
                  title="Resolved to existing partners")
    for r in report.resolved[:MAX_ROWS_SHOWN]:
        table.add_row(r["where"], r["source_id"], r["partner_id"], r["evidence"])
    if len(report.resolved) > MAX_ROWS_SHOWN:
        table.caption = f"… and {len(report.resolved) - MAX_ROWS_SHOWN} more (see --json)"
    return table


def summary_table(report: ImportReport) -> Table:
    table = Table("kind", "valid rows", "created", "updated", "unchanged", "missing",
                  title=f"Import {report.import_id or '(nothing written)'}: {report.status}",
                  title_justify="left")
    from ingest.spool import KIND_NAMES

    present = {*report.records, *report.counts}
    kinds = [k for k in KIND_NAMES.values() if k in present]
    for kind in kinds:
        c = report.counts.get(kind, Counter())
        table.add_row(kind, str(report.records.get(kind, 0)),
                      *(str(c.get(s, 0)) if report.counts else "–"
                        for s in ("created", "updated", "unchanged", "missing")))
    caption = [f"{report.rows_read} rows read, {report.rows_rejected} rejected",
               f"sha256 {report.sha256[:16]}…"]
    if report.resumed_at:
        caption.append(f"resumed after {report.resumed_at} rows")
    table.caption = "; ".join(caption)
    return table


def show_notices(console: Console, report: ImportReport) -> None:
    if not report.notices:
        return
    table = Table("file", "where", "column", "value", "change", title="Normalised or created",
                  title_justify="left")
    for n in report.notices[:MAX_ROWS_SHOWN]:
        table.add_row(n.file, n.where, n.column, n.value, n.message)
    if len(report.notices) > MAX_ROWS_SHOWN:
        table.caption = f"… and {len(report.notices) - MAX_ROWS_SHOWN} more (see --json)"
    console.print(table)


def imports_table(rows: list[dict[str, Any]]) -> Table:
    table = Table("id", "status", "source", "actor", "started", "finished", "counts", "sha256")
    for r in rows:
        counts = json.loads(r["counts"]) if r.get("counts") else {}
        total: dict[str, int] = {}
        for c in counts.values():
            for k, v in c.items():
                total[k] = total.get(k, 0) + v
        table.add_row(r["id"], r.get("status") or "", r.get("source") or "", r.get("actor") or "",
                      (r.get("started_at") or "")[:19], (r.get("finished_at") or "")[:19],
                      ", ".join(f"{v} {k}" for k, v in sorted(total.items())),
                      (r.get("sha256") or "")[:16])
    return table
