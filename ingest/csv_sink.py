"""Write the eight CSV files of ingest/formats.py, row by row.

Shared by the demo builder and the synthetic generator so both produce exactly the layout
the importer reads: headers from COLUMNS in order (or a narrower layout of them), '\\n' line
ends (stable bytes across platforms), lists joined with ';' (an item holding a ';' or a '"'
quoted), booleans as true/false, None as an empty cell.
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
        return LIST_SEPARATOR.join(_item(cell(v)) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _item(text: str) -> str:
    """A list item as the importer splits lists: quoted when it holds the separator."""
    if LIST_SEPARATOR in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


class CsvSink:
    """Opens one file per kind in `out_dir`; `write(kind, row)` appends one row.

    Rows are mappings keyed by column name; a key outside COLUMNS[kind] is a bug in the
    caller, so it raises instead of being dropped silently.
    """

    def __init__(self, out_dir: Path | str,
                 layout: Mapping[str, tuple[str, ...]] | None = None) -> None:
        """`layout`: the columns to write for some kinds (a generator that fills few of
        them writes a narrower file); the others get all of COLUMNS."""
        self.out_dir = Path(out_dir)
        self.columns = {**COLUMNS, **(layout or {})}
        unknown = {k: set(c) - set(COLUMNS[k]) for k, c in self.columns.items()}
        if any(unknown.values()):
            raise KeyError(f"columns the importer does not read: {unknown}")
        self.counts: dict[str, int] = {kind: 0 for kind in COLUMNS}
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> CsvSink:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for kind, columns in self.columns.items():
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
        columns = self.columns[kind]
        extra = set(row) - set(columns)
        if extra:
            raise KeyError(f"{kind}: unknown columns {sorted(extra)}")
        self._writers[kind].writerow([cell(row.get(c)) for c in columns])
        self.counts[kind] += 1

    def write_values(self, kind: str, values: list[str] | tuple[str, ...]) -> None:
        """Fast path for the generator: cells already formatted and in the layout's order."""
        if len(values) != len(self.columns[kind]):
            raise ValueError(f"{kind}: {len(values)} cells for {len(self.columns[kind])} columns")
        self._writers[kind].writerow(values)
        self.counts[kind] += 1

    def write_all(self, kind: str, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.write(kind, row)
