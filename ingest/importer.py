"""Import files into the graph: validate everything first, then write in dependency order."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Record
from graph.queries import named
from graph.store import Store
from graph.writer import write_records
from ingest.csv_source import RowError, kind_of, read_records
from ingest.formats import FILE_ORDER

_START = named("imports/start")
_FINISH = named("imports/finish")


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        lines = [f"{e.file}:{e.line} {e.column}={e.value!r}: {e.reason}" for e in errors[:20]]
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} invalid row(s); nothing was written:\n"
                         + "\n".join(lines) + more)
        self.errors = errors


@dataclass
class ImportReport:
    import_id: str
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{kind}: " + ", ".join(f"{n} {s}" for s, n in sorted(c.items()))
                 for kind, c in self.counts.items()]
        return f"Import {self.import_id}\n  " + "\n  ".join(parts)


def _sha256(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: p.name):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def import_files(store: Store, paths: list[Path], actor: str = "cli") -> ImportReport:
    by_kind: dict[str, list[Record]] = defaultdict(list)
    errors: list[RowError] = []
    for path in paths:
        for _, item in read_records(path):
            if isinstance(item, list):
                errors.extend(item)
            else:
                by_kind[kind_of(path)].append(item)
    if errors:
        raise ImportRejected(errors)
    sha = _sha256(paths)
    now = dt.datetime.now(dt.UTC).isoformat()
    import_id = f"import-{sha[:16]}"
    store.write(_START, id=import_id, source=",".join(p.name for p in paths), sha256=sha,
                actor=actor, started_at=now)
    report = ImportReport(import_id)
    for kind in FILE_ORDER:
        if by_kind.get(kind):
            report.counts[kind] = write_records(store, by_kind[kind], import_id)
    store.write(_FINISH, id=import_id, finished_at=dt.datetime.now(dt.UTC).isoformat(),
                counts=json.dumps({k: dict(v) for k, v in report.counts.items()}))
    return report
