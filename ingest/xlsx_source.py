"""Excel workbooks (.xlsx), read directly with openpyxl (read-only, streamed).

A workbook holds one kind of row per sheet: with one sheet, its kind comes from the file's
name, the sheet's name or its header, as a CSV file's does; with several, every sheet is
named after its kind (`partners`, `Agreement parties`, …), and a sheet named otherwise is
an error (rename it, or remove it). The header is on the sheet's first row unless the
steward says another (`header_row`: a title above it); columns are matched as in CSV.

Cells are read as Excel shows them last computed (a formula gives its cached value):
text as it is, whole numbers without a decimal point, true/false for booleans, and a date
cell as its ISO day (`2021-12-31`), so a typed date needs no date order. Errors point at
the sheet and row (`sheet partners row 5`).

Hostile files stay bounded: the archive's declared unpacked size (`MAX_UNPACKED_BYTES`,
and `MAX_SHARED_STRINGS_BYTES` for the strings openpyxl holds in memory) is checked before
anything is parsed, the file's own claim of its dimensions is not trusted (a sheet that
says it spans A1:XFD1048576 is read as the cells it has), and rows are read only as wide
as their header. XML is parsed through defusedxml (no entity expansion).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ingest.csv_source import (
    KINDS,
    kind_from_name,
    looks_like_header,
    normalise_header,
    read_header,
)
from ingest.formats import REJECT_REASON_COLUMN
from ingest.problems import RowError
from ingest.source import FileUnreadable, SourceOptions, SourceRow

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
_HEADER_SEARCH = 10


def cell_text(value: Any) -> str:
    """A cell as text, as a CSV export of it would read (see the module's doc)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_archive(path: Path) -> RowError | None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return RowError(name, 0, "", "", "not an .xlsx workbook (not a zip archive); save "
                        "it from Excel as .xlsx, or as CSV UTF-8")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        return RowError(name, 0, "", "", f"the workbook unpacks to more than "
                        f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB; split it, or save its "
                        "sheets as CSV")
    strings = sum(i.file_size for i in infos if i.filename.endswith("sharedStrings.xml"))
    if strings > MAX_SHARED_STRINGS_BYTES:
        return RowError(name, 0, "", "", "the workbook's text is larger than "
                        f"{MAX_SHARED_STRINGS_BYTES // (1024 * 1024)} MB; split it, or save "
                        "its sheets as CSV")
    return None


class XlsxSource:
    def __init__(self, path: Path, options: SourceOptions) -> None:
        self.path = path
        self.options = options
        # A workbook may hold several kinds: to the validation's sharing of work it is one
        # source of any kind, like a JSON document.
        self.kind: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def rejects_suffix(self) -> str:
        return ".xlsx"

    def _open(self) -> Any:
        import openpyxl  # defusedxml, installed beside it, guards its XML parsing

        return openpyxl.load_workbook(self.path, read_only=True, data_only=True)

    def rows(self) -> Iterator[SourceRow | RowError]:
        if (problem := _check_archive(self.path)) is not None:
            yield problem
            return
        try:
            book = self._open()
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            yield RowError(self.name, 0, "", "", f"not a readable .xlsx workbook ({exc}); save "
                           "it again from Excel, or as CSV UTF-8")
            return
        try:
            sheets = list(book.worksheets)
            named = [(sheet, kind_from_name(Path(sheet.title))) for sheet in sheets]
            file_kind = kind_from_name(self.path)
            if len(sheets) > 1:
                for sheet, kind in named:
                    if kind is None and _has_cells(sheet):
                        yield RowError(self.name, 0, "", sheet.title, (
                            f"sheet {sheet.title!r} is not named after a kind: a workbook of "
                            f"several sheets names each after its kind ({', '.join(KINDS)}); "
                            "rename or remove it"), f"sheet {sheet.title}")
                        return
            for sheet, kind in named:
                if len(sheets) == 1:
                    kind = kind or file_kind
                yield from self._sheet_rows(sheet, kind)
        except FileUnreadable as exc:
            yield exc.error
        finally:
            book.close()

    def _sheet_rows(self, sheet: Any, kind: str | None) -> Iterator[SourceRow | RowError]:
        sheet.reset_dimensions()  # never trust the dimensions the file claims
        where = f"sheet {sheet.title}"
        header_row = self.options.header_row
        above: list[tuple[Any, ...]] = []
        header: list[str] | None = None
        for number, cells in enumerate(sheet.iter_rows(min_row=1, max_row=header_row,
                                                       values_only=True), start=1):
            if number < header_row:
                above.append(cells)
            else:
                header = [cell_text(c).strip() for c in cells]
        if header is None or not any(header):
            if not above and header is None:
                return  # an empty sheet
            raise FileUnreadable(RowError(self.name, header_row, "", "", (
                f"sheet {sheet.title!r} has no header in row {header_row}"
                + ("" if header_row == 1 else " (--header-row)")), where))
        while header and not header[-1]:
            header.pop()
        try:
            kind, columns = read_header(self.name, header, kind, self.options, header_row,
                                        where=f"{where} row {header_row}")
        except FileUnreadable as exc:
            raise FileUnreadable(self._with_header_hint(exc.error, sheet, kind)) from None
        width = len(header)
        kept = [(i, col) for i, col in enumerate(columns) if col is not None]
        for number, values in enumerate(sheet.iter_rows(min_row=header_row + 1,
                                                        max_col=width + 1, values_only=True),
                                        start=header_row + 1):
            texts = [cell_text(v) for v in values]
            if not "".join(texts).strip():
                continue
            cells = {col: texts[i] for i, col in kept if i < len(texts)}
            defect = (f"row has a value beyond the header's {width} columns"
                      if len(texts) > width and texts[width].strip() else "")
            yield SourceRow(self.name, number, kind, cells, (sheet.title, header, list(values)),
                            pointer=f"{where} row {number}", defect=defect)

    def _with_header_hint(self, error: RowError, sheet: Any, kind: str | None) -> RowError:
        rows = sheet.iter_rows(min_row=1, max_row=self.options.header_row + _HEADER_SEARCH,
                               max_col=64, values_only=True)
        for number, cells in enumerate(rows, start=1):
            if number != self.options.header_row and looks_like_header(
                    [cell_text(c) for c in cells], kind):
                return RowError(error.file, error.line, error.column, error.value,
                                f"{error.reason}; the header seems to be row {number}: give "
                                f"the header row (--header-row {number})", error.pointer)
        return error

    def write_rejects(self, rejected: Iterable[tuple[SourceRow, list[RowError]]],
                      path: Path) -> None:
        """A workbook of the rejected rows as read, one sheet per sheet they came from, with
        a `reject_reason` column; text cells stay text (never formulas)."""
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheets: dict[str, Any] = {}
        for row, errors in rejected:
            title, header, values = row.raw
            reason = "; ".join(f"{e.column}: {e.reason}" if e.column else e.reason
                               for e in errors)
            names = [normalise_header(h) for h in header]
            if title not in sheets:
                sheet = sheets[title] = book.create_sheet(title)
                out_header = list(header)
                if REJECT_REASON_COLUMN not in names:
                    out_header.append(REJECT_REASON_COLUMN)
                sheet.append([_text_cell(sheet, h) for h in out_header])
            sheet = sheets[title]
            out = list(values[:len(header)]) + [None] * (len(header) - len(values))
            if REJECT_REASON_COLUMN in names:
                out[names.index(REJECT_REASON_COLUMN)] = reason
            else:
                out.append(reason)
            sheet.append([_text_cell(sheet, v) if isinstance(v, str) else v for v in out])
        book.save(path)


def _text_cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # a value starting with "=" stays text
    return cell


def _has_cells(sheet: Any) -> bool:
    sheet.reset_dimensions()
    return any(any(c is not None and str(c).strip() for c in row)
               for row in sheet.iter_rows(values_only=True))
