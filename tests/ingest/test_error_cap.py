"""The errors an import keeps are capped (`validation.MAX_ERRORS`): one that aborts stops
validating there and says how many rows it did not check; one that skips bad rows checks
them all, lists the first errors, counts the rest and still writes every rejected row out."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.validation import MAX_ERRORS

ROWS = 1500  # one error each (an unknown kind)


def _bad_partners(write: Callable[..., Path]) -> Path:
    return write("partners.csv", "id,name,kind\n" + "".join(
        f"p{i},Partner {i},pirates\n" for i in range(ROWS)))


def test_an_aborting_import_stops_at_the_cap(store: Store, write) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [_bad_partners(write)], options=ImportOptions(dry_run=True))
    errors = caught.value.errors
    assert len(errors) == MAX_ERRORS + 1
    assert [e.line for e in errors[:MAX_ERRORS]] == list(range(2, MAX_ERRORS + 2))
    assert str(errors[-1]) == (f"(import) (file): stopped after 1,000 errors; {ROWS - MAX_ERRORS} "
                               "more rows not checked: fix these and import again")
    assert f"{MAX_ERRORS + 1} error(s); nothing was written" in str(caught.value)
    report = caught.value.report
    assert report is not None and report.rows_read == ROWS and report.rows_rejected == MAX_ERRORS


def test_a_skipping_import_checks_every_row_and_writes_every_reject(store: Store, write,
                                                                    tmp_path: Path) -> None:
    good = write("partners_good.csv", "id,name,kind\nok,Fine,ngo\n")
    report = import_files(store, [_bad_partners(write), good], options=ImportOptions(
        on_error="skip", rejects=tmp_path / "rejects.csv"))
    assert report.rows_rejected == ROWS and report.counts["partners"]["created"] == 1
    assert len(report.errors) == MAX_ERRORS + 1
    assert report.errors[-1].reason == (
        f"{ROWS - MAX_ERRORS:,} more errors not listed (the first 1,000 are); every rejected "
        "row is in the rejects file with its reasons")
    with (tmp_path / "rejects.csv").open(encoding="utf-8-sig", newline="") as fh:
        saved = list(csv.DictReader(fh))
    assert [r["id"] for r in saved] == [f"p{i}" for i in range(ROWS)]
