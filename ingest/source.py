"""The "get" step: sources yield rows as read, before any interpretation.

A `SourceRow` carries the cells under normalised column names (CSV) or field names (JSON,
STIX), where it came from, and the row exactly as read so a rejected row can be written
back unchanged. Sources are iterated, never loaded whole, so memory stays bounded by the
largest row rather than the file (a JSON document's text is held while it is walked, item
by item: ingest/json_source.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ingest.dates import DateOrder
from ingest.problems import RowError

DEFAULT_MAX_LINE_BYTES = 1_000_000


@dataclass(frozen=True)
class SourceOptions:
    ignore_columns: frozenset[str] = frozenset()
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    delimiter: str | None = None  # CSV: None detects `,`, `;` or a tab from the header
    header_row: int = 1  # the row (CSV line, sheet row) that holds the header
    date_order: DateOrder | None = None  # numeric dates: dmy, mdy or ymd (ingest/dates.py)


@dataclass(slots=True)  # not frozen: one is made per row read, and frozen costs 3x (measured)
class SourceRow:
    file: str
    line: int
    kind: str
    cells: Mapping[str, Any]
    raw: Any = field(compare=False, repr=False)
    pointer: str = ""
    defect: str = ""  # a fault of the row as a whole (e.g. too many cells)

    def error(self, column: str, value: object, reason: str) -> RowError:
        from ingest.problems import clip

        return RowError(self.file, self.line, column, clip("" if value is None else value),
                        reason, self.pointer)


class FileUnreadable(Exception):
    """A whole file cannot be read (wrong encoding, bad header, unknown format)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


class Source(Protocol):
    path: Path
    options: SourceOptions

    @property
    def name(self) -> str: ...

    def rows(self) -> Iterator[SourceRow | RowError]:
        """Rows as read; a RowError ends the file (it cannot be read past that point)."""
        ...

    def write_rejects(self, rejected: Iterable[tuple[SourceRow, list[RowError]]],
                      path: Path) -> None: ...

    def rejects_suffix(self) -> str: ...


def open_source(path: Path, options: SourceOptions) -> Source:
    """The right reader for a file: CSV and Excel by extension, JSON or a STIX bundle by
    content."""
    from ingest.csv_source import CsvSource
    from ingest.json_source import JsonSource
    from ingest.xlsx_source import XlsxSource

    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        return CsvSource(path, options)
    if suffix in {".json", ".stix"}:
        return JsonSource(path, options)  # a document, or a STIX bundle (told apart by content)
    if suffix in {".xlsx", ".xlsm"}:
        return XlsxSource(path, options)
    hint = (": save it from Excel as .xlsx, or as CSV UTF-8" if suffix in {".xls", ".xlsb", ".ods", ".numbers"}
            else "")
    raise FileUnreadable(RowError(path.name, 0, "", "", (
        f"unknown file type {suffix or '(none)'!r}: expected .csv, .xlsx, .json or a STIX 2.1 "
        f"bundle (.json){hint}")))
