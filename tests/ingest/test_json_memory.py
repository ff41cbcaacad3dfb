"""A JSON document of a million empty objects (3 MB, well under the 50 MB upload limit)
costs bounded memory, in both error modes (skipping: 200,000): items are streamed, the errors kept are capped
and rejected rows wait on disk.

Each import runs in a child process of its own (its peak RSS is its own, not the test
session's), against the tests' Neo4j (the child inherits the session's environment)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graph.store import Store
from ingest.validation import MAX_ERRORS

_CHILD = r"""
import json, resource, sys
from pathlib import Path
from graph.config import Settings
from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files

path, mode, rejects = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
with Store(Settings.from_env()) as store:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        report = import_files(store, [path], options=ImportOptions(
            on_error=mode, dry_run=True, rejects=rejects))
        out = {"status": report.status, "errors": len(report.errors), "message": "",
               "last": report.errors[-1].reason, "rows_rejected": report.rows_rejected}
    except ImportRejected as exc:
        out = {"status": "rejected", "errors": len(exc.errors), "message": str(exc),
               "last": exc.errors[-1].reason,
               "rows_rejected": exc.report.rows_rejected if exc.report else None}
    out["grew_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(out))
"""

ITEMS = 1_000_000
# Skipping validates every row (about 10 times as long): fewer, still enough to tell.
SKIPPED_ITEMS = 200_000
# Generous: the whole document decoded with its rows' errors kept cost about 0.9 GB per
# million items; walked, with the errors capped and rejected rows on disk, the import's
# peak stays within what the child's start took (bench/bench_json_memory.py).
GROWTH_MB = 60


def _import_in_child(path: Path, mode: str, rejects: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode, str(rejects)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _empty_items(tmp_path: Path, n: int = ITEMS) -> Path:
    path = tmp_path / "empty.json"
    path.write_text('{"partners": [' + ",".join(["{}"] * n) + "]}", encoding="utf-8")
    return path


def test_a_million_empty_objects_stop_after_the_error_cap(store: Store, tmp_path: Path) -> None:
    got = _import_in_child(_empty_items(tmp_path), "abort", tmp_path / "unused")
    assert got["status"] == "rejected", got
    assert got["errors"] == MAX_ERRORS + 1, got  # the cap, and the line that says where it stopped
    # Three errors an item (id, name, kind): the 334th item reaches the cap.
    assert got["last"] == (f"stopped after 1,000 errors; {ITEMS - 334:,} more rows not "
                           "checked: fix these and import again")
    assert str(got["message"]).endswith(f", the last: {got['last']}")
    assert got["grew_mb"] < GROWTH_MB, got


def test_empty_objects_skipped_are_all_written_out(store: Store, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.json"
    got = _import_in_child(_empty_items(tmp_path, SKIPPED_ITEMS), "skip", rejects)
    assert got["status"] == "validated" and got["rows_rejected"] == SKIPPED_ITEMS, got
    assert got["errors"] == MAX_ERRORS + 1, got  # the cap, and the line that counts the rest
    assert str(got["last"]).startswith(f"{3 * SKIPPED_ITEMS - MAX_ERRORS:,} more errors not listed")
    assert got["grew_mb"] < GROWTH_MB, got
    saved = json.loads(rejects.read_text(encoding="utf-8"))
    assert len(saved["partners"]) == SKIPPED_ITEMS
    assert saved["partners"][0]["_reject_reason"] and saved["partners"][-1]["_reject_reason"]
