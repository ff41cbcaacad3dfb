"""`partnergraph import` and `partnergraph imports` as a steward or a script runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store import Store
from tests.ingest.conftest import EXAMPLES

CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, check=False, timeout=300)


def test_errors_json_lists_every_error_and_exits_1(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "partners.csv"
    bad.write_text("id,name,kind\np1,One,pirates\np2,,ngo\n", encoding="utf-8")

    result = run("import", str(bad), "--errors-json")

    assert result.returncode == 1
    assert [(e["line"], e["column"], e["value"]) for e in json.loads(result.stdout)] == [
        (2, "kind", "pirates"), (3, "name", "")]


def test_json_report_then_a_rerun_is_all_unchanged(store: Store) -> None:
    files = [str(p) for p in sorted((EXAMPLES / "csv").glob("*.csv"))]

    first = json.loads(run("import", *files, "--json", "--batch-size", "2").stdout)
    second = json.loads(run("import", *files, "--json").stdout)

    assert first["status"] == "complete" and first["totals"] == {"created": 15}
    assert second["totals"] == {"unchanged": 15}
    listed = json.loads(run("imports", "--json").stdout)
    assert [(r["id"], r["status"], r["sha256"]) for r in listed] == [
        (second["import_id"], "complete", second["sha256"]),
        (first["import_id"], "complete", first["sha256"])]
    assert listed[1]["counts"]["partners"] == {"created": 4}


def test_the_human_summary_names_the_kinds_and_the_rejects_file(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "partners.csv"
    src.write_text("id,name,kind\np1,One,ngo\np2,Two,pirates\n", encoding="utf-8")

    result = run("import", str(src), "--on-error", "skip")

    assert result.returncode == 2, result.stderr  # written, with a row rejected
    assert "partners" in result.stdout and "complete" in result.stdout
    assert "1 rejected row(s) written to" in result.stderr
    assert (tmp_path / "partners.rejects.csv").exists()


def test_the_rate_on_a_terminal_is_worked_out_a_few_times_a_second_not_per_row(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # rich works a task's speed out over its last 30 s of samples: ~70 µs a call, several
    # times the work of validating a row, and the importer reports rows as it reads them.
    import io

    from rich.console import Console
    from rich.progress import Task

    from api import import_view

    clock = [100.0]
    monkeypatch.setattr(import_view.time, "monotonic", lambda: clock[0])
    asked: list[int] = []
    speed = Task.speed
    monkeypatch.setattr(Task, "speed", property(lambda task: asked.append(1) or speed.fget(task)))
    progress = import_view.RichProgress(Console(file=io.StringIO(), force_terminal=True))
    progress.phase("validating", 10_000)

    for second in range(3):
        clock[0] = 100.0 + second
        for _ in range(1000):
            progress.advance(1)

    assert progress._progress.tasks[0].completed == 3000  # every row counted
    assert len(asked) == 3  # the rate once per quarter second at most: once for each second


def test_a_long_table_of_errors_says_where_the_cap_stopped() -> None:
    from api.import_view import MAX_ROWS_SHOWN, errors_table
    from ingest.problems import RowError

    errors = [RowError("p.csv", i, "kind", "x", "bad") for i in range(MAX_ROWS_SHOWN + 5)]
    stop = RowError("(import)", 0, "", "", "stopped after 1,000 errors; 7 more rows not checked")
    assert errors_table(errors).caption == "… and 5 more (use --errors-json for all)"
    assert errors_table([*errors, stop]).caption == (
        "… and 6 more (use --errors-json for all); the last: stopped after 1,000 errors; "
        "7 more rows not checked")
