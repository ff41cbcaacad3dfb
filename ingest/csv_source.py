"""CSV files: one per kind (ingest/formats.py) or the stewards' one-row-per-agreement layout.

Read as UTF-8 with or without a BOM, with LF or CRLF line ends; quoted fields may hold the
delimiter and newlines; column names are matched case- and space-insensitively. The
delimiter is the one given, else the one of `,`, `;` and tab (what Excel writes in most of
Europe is `;`) that splits the header into the most known column names. Rows above the
header (a title) are skipped when the steward says where the header is (`header_row`). A
column the format does not know is an error unless the steward declares it ignorable. No
physical line may exceed `max_line_bytes`, so a file without line breaks cannot exhaust
memory. Rejected rows are written back as Excel reads a CSV without asking: UTF-8 with a
BOM, CRLF line ends, the file's own delimiter.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ingest.formats import COLUMNS, EXTRA_COLUMNS, REJECT_REASON_COLUMN, REQUIRED
from ingest.problems import RowError
from ingest.source import FileUnreadable, SourceOptions, SourceRow

KINDS: tuple[str, ...] = tuple(COLUMNS)
DELIMITERS: tuple[str, ...] = (",", ";", "\t")
_ALL_COLUMNS = frozenset(c for kind in COLUMNS for c in (*COLUMNS[kind], *EXTRA_COLUMNS.get(kind, ())))
_HEADER_SEARCH = 10  # rows looked at for the header, to suggest --header-row


def detect_delimiter(line: str) -> str:
    """The delimiter of a header line: of `,`, `;` and tab, the one whose split holds the
    most known column names, then the most columns; `,` when none splits it."""
    def score(d: str) -> tuple[int, int]:
        names = [normalise_header(n) for n in next(csv.reader([line], delimiter=d), [])]
        return sum(n in _ALL_COLUMNS for n in names), len(names)

    best = max(DELIMITERS, key=score)
    return best if score(best)[1] > 1 else ","


def looks_like_header(cells: list[str], kind: str | None) -> bool:
    """Whether a row holds the required columns of `kind` (of some kind, when not known):
    the header, most likely, when it is not where the steward said."""
    names = {normalise_header(c) for c in cells} - {""}
    kinds = [kind] if kind else KINDS
    return any(set(REQUIRED[k]) <= names for k in kinds)


def normalise_header(name: str) -> str:
    """`Partner ID ` → `partner_id`; `Signed-On` → `signed_on`."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower()).strip("_")


def known_columns(kind: str) -> frozenset[str]:
    return frozenset(COLUMNS[kind]) | frozenset(EXTRA_COLUMNS.get(kind, ()))


def kind_from_name(path: Path) -> str | None:
    """The kind a file name announces: `partners.csv`, `Agreement parties 2024.csv`."""
    stem = normalise_header(path.stem)
    matches = [k for k in KINDS if stem == k or stem.startswith(k + "_") or stem.startswith(k + ".")]
    return max(matches, key=len) if matches else None


def kind_from_header(columns: set[str]) -> str | None:
    """The one kind whose required columns are present and which knows every column."""
    if "parties" in columns:  # the stewards' layout, whatever the file is called
        return "agreements"
    if "participants" in columns:
        return "activities"
    fits = [k for k in KINDS
            if set(REQUIRED[k]) <= columns and columns <= known_columns(k) | {REJECT_REASON_COLUMN}]
    return fits[0] if len(fits) == 1 else None


def read_header(file: str, raw: list[str], kind: str | None, options: SourceOptions, line: int,
                delimiter: str | None = None, where: str = "") -> tuple[str, list[str | None]]:
    """The kind of a table's rows (given, else told by its header) and, per position, the
    normalised column (None: ignored, or a column without a name). Raises FileUnreadable
    for a header that cannot be read: a column twice, an unknown column (with a hint when
    another delimiter would split it), a required column missing. `where`: the pointer
    (a sheet's name) errors carry."""
    def fail(reason: str, column: str = "") -> FileUnreadable:
        return FileUnreadable(RowError(file, line, column, column, reason, where))

    names = [normalise_header(h) for h in raw]
    if (twice := _twice(raw, names)) is not None:
        raise fail("column appears twice in the header", twice)
    ignored = {normalise_header(c) for c in options.ignore_columns}
    ignored.add(REJECT_REASON_COLUMN)
    significant = {n for n in names if n and n not in ignored}
    kind = kind or kind_from_header(significant)
    if kind is None:
        raise fail("cannot tell which kind of rows this file holds: name it after the kind "
                   f"({', '.join(KINDS)}) or give the columns of one kind")
    known = known_columns(kind)
    if (unknown := _unknown(raw, names, known | ignored)) is not None:
        raise fail(f"unknown column for {kind}; known: {', '.join(sorted(known))}"
                   f"{_unknown_column_hint(unknown, delimiter)}", unknown)
    required = set(REQUIRED[kind]) - significant
    if required:
        raise fail(f"required column(s) missing: {', '.join(sorted(required))}")
    return kind, [n if n in known else None for n in names]


def _twice(raw: list[str], names: list[str]) -> str | None:
    """The first column (as written) whose normalised name an earlier column has."""
    seen: set[str] = set()
    for original, name in zip(raw, names, strict=True):
        if name and name in seen:
            return original
        seen.add(name)
    return None


def _unknown(raw: list[str], names: list[str], allowed: set[str] | frozenset[str]) -> str | None:
    """The first column (as written) whose normalised name is not `allowed`."""
    return next((original for original, name in zip(raw, names, strict=True)
                 if name and name not in allowed), None)


def _unknown_column_hint(original: str, delimiter: str | None) -> str:
    """What to do about an unknown column: give the delimiter, when the file's was given
    and another one is in the column's name; else leave the column out."""
    other = next((d for d in DELIMITERS if d != (delimiter or ",") and d in original),
                 None) if delimiter is not None else None
    if other:
        return f"; the file seems delimited by {other!r}: give the delimiter (--delimiter)"
    return "; declare columns to leave out (--ignore-columns; ignoreColumns over the API)"


class _Lines:
    """Decoded lines of a binary stream, each at most `limit` bytes.

    Decoding line by line (a UTF-8 sequence never spans b"\n") puts an encoding error on
    the line that holds it, and the limit keeps a file without line breaks from being
    read whole.
    """

    def __init__(self, fh: BinaryIO, limit: int, name: str) -> None:
        self._fh = fh
        self._limit = limit
        self._name = name
        self.physical = 0

    def __iter__(self) -> Iterator[str]:
        while raw := self._fh.readline(self._limit + 1):
            self.physical += 1
            if len(raw) > self._limit and not raw.endswith(b"\n"):
                raise FileUnreadable(RowError(self._name, self.physical, "", "", (
                    f"line is longer than the limit of {self._limit:,} bytes; "
                    "split the file or raise --max-line-bytes")))
            if self.physical == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            yield raw.decode("utf-8")


class CsvSource:
    def __init__(self, path: Path, options: SourceOptions) -> None:
        self.path = path
        self.options = options
        self.kind: str | None = kind_from_name(path)
        self.delimiter = options.delimiter or ("\t" if path.suffix.lower() == ".tsv" else None)

    @property
    def name(self) -> str:
        return self.path.name

    def rejects_suffix(self) -> str:
        return ".csv"

    def columns(self) -> frozenset[str] | None:
        """The normalised names of the header's columns, read before the rows are; None
        when the header is not the first line, or that line cannot be read alone
        (unreadable, or a quote in it: a quoted name may go on over the next line)."""
        if self.options.header_row != 1:
            return None
        try:
            with self.path.open("rb") as fh:
                first = fh.readline(self.options.max_line_bytes).removeprefix(codecs.BOM_UTF8)
            text = first.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if '"' in text:
            return None
        line = text.rstrip("\r\n")
        delimiter = self.delimiter or detect_delimiter(line)
        return frozenset(normalise_header(name) for name in line.split(delimiter))

    def _fail(self, line: int, reason: str, column: str = "", value: str = "") -> RowError:
        return RowError(self.name, line, column, value, reason)

    def _header(self, raw: list[str], line: int) -> tuple[str, list[str | None]]:
        kind, columns = read_header(self.name, raw, self.kind, self.options, line,
                                    self.delimiter)
        self.kind = kind
        return kind, columns

    def _detect(self) -> str:
        """The delimiter, from the header's line read alone (`detect_delimiter`)."""
        with self.path.open("rb") as fh:
            lines = list(itertools.islice(_Lines(fh, self.options.max_line_bytes, self.name),
                                          self.options.header_row))
        return detect_delimiter(lines[-1].rstrip("\r\n")) if lines else ","

    def rows(self) -> Iterator[SourceRow | RowError]:
        limit = self.options.max_line_bytes
        csv.field_size_limit(max(limit, 1024))
        lines: _Lines | None = None
        try:
            with self.path.open("rb") as fh:
                lines = _Lines(fh, limit, self.name)
                yield from self._table(lines)
        except FileUnreadable as exc:
            yield exc.error
        except UnicodeDecodeError as exc:
            line = lines.physical if lines else 1
            yield self._fail(line, (
                f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} cannot be decoded); "
                "save the file as UTF-8 CSV"))
        except csv.Error as exc:
            line = lines.physical if lines else 1
            yield self._fail(line, f"not readable as CSV: {exc}")

    def _table(self, lines: _Lines) -> Iterator[SourceRow | RowError]:
        """The header (at its row, titles above it skipped), then the rows under it."""
        if self.delimiter is None:
            self.delimiter = self._detect()
        reader = csv.reader(lines, strict=False, delimiter=self.delimiter)
        above: list[list[str]] = []
        try:
            for _ in range(self.options.header_row - 1):
                above.append(next(reader))
            header = next(reader)
        except StopIteration:
            yield self._fail(0, "the file is empty (no header row)" if not above else
                             f"the file has no row {self.options.header_row} "
                             "(--header-row)")
            return
        header_line = lines.physical
        try:
            kind, columns = self._header(header, header_line)
        except FileUnreadable as exc:
            yield self._with_header_hint(exc.error, above, reader, header_line)
            return
        yield from self._body(lines, reader, header, kind, columns)

    def _body(self, lines: _Lines, reader: Iterator[list[str]], header: list[str], kind: str,
              columns: list[str | None]) -> Iterator[SourceRow]:
        """The rows under the header, blank lines skipped."""
        width = len(header)
        name = self.name
        kept = [(i, col) for i, col in enumerate(columns) if col is not None]
        while True:
            start = lines.physical + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            if not "".join(cells).strip():  # blank line (or only blank cells)
                continue
            if len(cells) >= width:
                values = {col: cells[i] for i, col in kept}
            else:
                values = {col: cell for col, cell in zip(columns, cells) if col is not None}
            defect = (f"row has {len(cells)} cells but the header has {width} columns "
                      "(an unquoted comma?)") if len(cells) > width else ""
            yield SourceRow(name, start, kind, values, (header, cells), defect=defect)

    def _with_header_hint(self, error: RowError, above: list[list[str]],
                          reader: Iterator[list[str]], at: int) -> RowError:
        """A header error, with the row that looks like the header when there is one (a
        title row above the header, or the header given at the wrong row)."""
        rows = [*above, *(row for _, row in zip(range(_HEADER_SEARCH), reader, strict=False))]
        offset = self.options.header_row - len(above)
        for i, cells in enumerate(rows):
            row_no = offset + i if i < len(above) else at + (i - len(above)) + 1
            if row_no != self.options.header_row and looks_like_header(cells, self.kind):
                return RowError(error.file, error.line, error.column, error.value,
                                f"{error.reason}; the header seems to be row {row_no}: give "
                                f"the header row (--header-row {row_no})", error.pointer)
        return error

    def write_rejects(self, rejected: Iterable[tuple[SourceRow, list[RowError]]],
                      path: Path) -> None:
        """Rejected rows exactly as read, plus a `reject_reason` column, in the file's own
        delimiter, as UTF-8 with a BOM and CRLF line ends (what Excel opens as it is)."""
        writer = None
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            for row, errors in rejected:
                header, cells = row.raw
                names = [normalise_header(h) for h in header]
                reason = "; ".join(f"{e.column}: {e.reason}" if e.column else e.reason
                                   for e in errors)
                if writer is None:
                    writer = csv.writer(fh, lineterminator="\r\n",
                                        delimiter=self.delimiter or ",")
                    out_header = list(header)
                    if REJECT_REASON_COLUMN not in names:
                        out_header.append(REJECT_REASON_COLUMN)
                    writer.writerow(out_header)
                out = list(cells) + [""] * (len(header) - len(cells))
                if REJECT_REASON_COLUMN in names:
                    out[names.index(REJECT_REASON_COLUMN)] = reason
                else:
                    out.append(reason)
                writer.writerow(out)
