"""Write the eight CSV files of ingest/formats.py, row by row.

Shared by the demo builder and the synthetic generator so both produce exactly the layout
the importer reads: headers from COLUMNS in order, '\\n' line ends (stable bytes across
platforms), lists joined with ';', booleans as true/false, None as an empty cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ingest.formats import COLUMNS, LIST_SEPARATOR


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class CsvSink:
    """Opens one file per kind in `out_dir`; `write(kind, row)` appends one row.

    Rows are mappings keyed by column name; a key outside COLUMNS[kind] is a bug in the
    caller, so it raises instead of being dropped silently.
    """

    def __init__(self, out_dir: Path | str) -> None:
        self.out_dir = Path(out_dir)
        self.counts: dict[str, int] = {kind: 0 for kind in COLUMNS}
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> CsvSink:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for kind, columns in COLUMNS.items():
            fh = (self.out_dir / f"{kind}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            self._files[kind], self._writers[kind] = fh, writer
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for fh in self._files.values():
            fh.close()

    def write(self, kind: str, row: Mapping[str, Any]) -> None:
        columns = COLUMNS[kind]
        extra = set(row) - set(columns)
        if extra:
            raise KeyError(f"{kind}: unknown columns {sorted(extra)}")
        self._writers[kind].writerow([cell(row.get(c)) for c in columns])
        self.counts[kind] += 1

    def write_values(self, kind: str, values: list[str] | tuple[str, ...]) -> None:
        """Fast path for the generator: cells already formatted and in COLUMNS order."""
        if len(values) != len(COLUMNS[kind]):
            raise ValueError(f"{kind}: {len(values)} cells for {len(COLUMNS[kind])} columns")
        self._writers[kind].writerow(values)
        self.counts[kind] += 1

    def write_all(self, kind: str, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.write(kind, row)
