"""The scan with a forked worker records exactly what the serial scan does.

No database: the scan only reads files (ingest/validation.py, `scan_all`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest import forked, validation
from ingest.source import SourceOptions, open_source
from ingest.synthetic import generate
from ingest.validation import Unreadable, scan_all
from tests.ingest.conftest import EXAMPLES

EVERY_FORMAT = [*sorted((EXAMPLES / "csv").glob("*.csv")), EXAMPLES / "treaties.csv",
                EXAMPLES / "partners.json", EXAMPLES / "bundle.stix.json"]


STEWARD = SourceOptions(frozenset({"Steward notes"}))


def _scan(paths: list[Path], workers: int) -> tuple[Any, ...]:
    defs, scanned = scan_all([open_source(p, STEWARD) for p in paths], None, workers)
    return ({k: dict(v) for k, v in defs.first.items()}, {k: set(v) for k, v in defs.names.items()},
            dict(defs.display), {k: set(v) for k, v in defs.refs.items() if v}, dict(scanned))


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many children each forked run started (proof the fork happened)."""
    started: list[int] = []
    real = forked.run

    def spy(n: int, *args: Any, **kwargs: Any) -> Any:
        started.append(n)
        return real(n, *args, **kwargs)

    monkeypatch.setattr(forked, "run", spy)
    return started


def test_every_format_and_a_duplicate_id_scan_as_in_one_process(tmp_path: Path, forks) -> None:
    # A partner defined again in a later file: its first definition and names must win (the
    # files that define ids are all scanned here; the child takes only files of ties).
    again = tmp_path / "partners 2024.csv"
    again.write_text("id,name,kind\nng-npf,Someone Else,ngo\np-more,More,ngo\n", encoding="utf-8")
    paths = [*EVERY_FORMAT, again]

    assert _scan(paths, 2) == _scan(paths, 1)
    assert forks == [1]


def test_synthetic_files_scan_as_in_one_process(tmp_path: Path, forks) -> None:
    generate(tmp_path, partners=60, agreements=120, activities=120, seed=5)
    paths = sorted(tmp_path.glob("*.csv"))
    child = validation._referring_half([open_source(p, SourceOptions()) for p in paths])

    assert _scan(paths, 2) == _scan(paths, 1)
    assert forks == [1] and child  # the child did scan some of the files
    assert all(paths[j].stem in ("agreement_parties", "activity_participants", "platform_use")
               for j in child)


def test_unreadable_files_in_both_processes_are_reported_in_file_order(tmp_path: Path,
                                                                       forks) -> None:
    generate(tmp_path, partners=30, agreements=60, activities=60, seed=5)
    (tmp_path / "activity_participants.csv").write_bytes(b"activity_id,partner_id\n\xff\xfe\n")
    (tmp_path / "partners.csv").write_bytes(b"id,name,kind\n\xff\xfe\n")
    paths = sorted(tmp_path.glob("*.csv"))
    child = validation._referring_half([open_source(p, SourceOptions()) for p in paths])
    assert "activity_participants.csv" in [paths[j].name for j in child]

    def errors(workers: int) -> list[tuple[str, int, str]]:
        with pytest.raises(Unreadable) as caught:
            scan_all([open_source(p, SourceOptions()) for p in paths], None, workers)
        return [(e.file, e.line, e.reason) for e in caught.value.errors]

    serial = errors(1)
    assert errors(2) == serial
    assert [f for f, _, _ in serial] == ["activity_participants.csv", "partners.csv"]
    assert forks == [1]
