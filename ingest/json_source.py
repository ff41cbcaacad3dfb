"""JSON documents: `{"partners": [...], "agreements": [...], "activities": [...], ...}`.

The published schema is docs/import.schema.json (built by ingest/json_schema.py). Items
are validated by the same rules as CSV rows; errors point into the document with a JSON
pointer (`/agreements/3`). Keys starting with `_` are ignored, so a rejects file (items
with `_reject_reason`) re-imports once fixed. A STIX 2.1 bundle (`"type": "bundle"`) is
handed to ingest/stix_source.py.

A document is never decoded whole: its text is walked with the standard library's
decoder (`_object`, `_array`, `_decode`), which checks every value and builds one item at
a time, so memory is the text (about the file's size) plus the largest item, whatever the
number of items. Items longer than `max_line_bytes` are rejected unbuilt, as CSV lines are. Syntax
errors read exactly as `json.loads` words them. A STIX bundle's objects are walked the
same way, twice (ingest/stix_source.py: `object_rows`).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Generator, Iterable, Iterator
from json.decoder import JSONDecodeError, scanstring  # type: ignore[attr-defined]  # not in typeshed
from pathlib import Path
from typing import Any

from ingest.csv_source import known_columns
from ingest.formats import COLUMNS
from ingest.problems import RowError
from ingest.source import SourceOptions, SourceRow

DOCUMENT_KEYS = tuple(COLUMNS)  # partners, objectives, platforms, agreements, …
REJECT_KEY = "_reject_reason"

# --- walking a document's text -----------------------------------------------------------

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
# A step reads the value at an offset: (the value, or None when skipped, and its end).
Step = Callable[[str, int], tuple[Any, int]]


def _ws(s: str, i: int) -> int:
    return _WS.match(s, i).end()  # type: ignore[union-attr]  # (matches the empty string)


def _array(s: str, i: int, step: Step) -> Generator[tuple[int, Any], None, int]:
    """(offset, value) of each item of the array opening at `s[i]`, read by `step`;
    returns the offset after it. Errors as `json.loads` raises them."""
    i = _ws(s, i + 1)
    if s[i:i + 1] == "]":
        return i + 1
    while True:
        value, end = step(s, i)
        yield i, value
        i = _ws(s, end)
        if s[i:i + 1] == "]":
            return i + 1
        if s[i:i + 1] != ",":
            raise JSONDecodeError("Expecting ',' delimiter", s, i)
        i = _ws(s, i + 1)


def _object(s: str, i: int, step: Step) -> Generator[tuple[str, int, Any], None, int]:
    """(key, offset of the value, value) of each member of the object opening at `s[i]`;
    returns the offset after it."""
    i = _ws(s, i + 1)
    if s[i:i + 1] == "}":
        return i + 1
    while True:
        if s[i:i + 1] != '"':
            raise JSONDecodeError("Expecting property name enclosed in double quotes", s, i)
        key, i = scanstring(s, i + 1)
        i = _ws(s, i)
        if s[i:i + 1] != ":":
            raise JSONDecodeError("Expecting ':' delimiter", s, i)
        i = _ws(s, i + 1)
        value, end = step(s, i)
        yield key, i, value
        i = _ws(s, end)
        if s[i:i + 1] == "}":
            return i + 1
        if s[i:i + 1] != ",":
            raise JSONDecodeError("Expecting ',' delimiter", s, i)
        i = _ws(s, i + 1)


def _drain(walk: Generator[Any, None, int]) -> int:
    while True:
        try:
            next(walk)
        except StopIteration as done:
            value: int = done.value  # what the walk returned
            return value


def _skip(s: str, i: int) -> tuple[Any, int]:
    """The value at `s[i]` checked, not built: containers are walked (None), scalars decoded."""
    if s[i:i + 1] == "[":
        return None, _drain(_array(s, i, _skip))
    if s[i:i + 1] == "{":
        return None, _drain(_object(s, i, _skip))
    return _DECODER.raw_decode(s, i)


class _TooLong:
    def __init__(self, size: int) -> None:
        self.size = size


_PROBE = 512  # characters of text first tried for an item: most items are shorter


def _decode(s: str, i: int, limit: int) -> tuple[Any, int]:
    """The value at `s[i]`, built only when at most `limit` characters long (else
    `_TooLong`). It is decoded from a window of the text that grows fourfold until the value
    ends inside it (a number that reaches the window's end may go on), so a small item costs
    a small slice; past `limit`, the text itself is walked to measure it unbuilt."""
    size = _PROBE
    while size <= limit and i + size < len(s):
        try:
            value, end = _DECODER.raw_decode(s[i:i + size])
        except JSONDecodeError:
            end = size  # cut short, or wrong: the wider window tells which
        if end < size:
            return value, i + end
        size *= 4
    if len(s) - i > limit:  # it could be too long: measure it first
        _, end = _skip(s, i)
        if end - i > limit:
            return _TooLong(end - i), end
    return _DECODER.raw_decode(s, i)  # errors as `json.loads` words them


def _members(s: str, limit: int) -> dict[str, tuple[int, Any]] | None:
    """The document checked whole: its top-level keys → (offset of the value, the value if
    short); None when it is not an object. The last of repeated keys counts, as in
    `json.loads`. Lists are checked item by item, other values as items are (`_decode`)."""

    def item(s: str, i: int) -> tuple[None, int]:
        return None, _decode(s, i, limit)[1]

    def value(s: str, i: int) -> tuple[Any, int]:
        if s[i:i + 1] == "[":
            return None, _drain(_array(s, i, item))
        return _decode(s, i, limit)

    i = _ws(s, 0)
    if s[i:i + 1] != "{":
        _, end = value(s, i)
        members = None
    else:
        members = {}
        walk = _object(s, i, value)
        while True:
            try:
                key, at, found = next(walk)
            except StopIteration as done:
                end = done.value
                break
            members[key] = (at, found)
    if (end := _ws(s, end)) != len(s):
        raise JSONDecodeError("Extra data", s, end)
    return members


class JsonSource:
    def __init__(self, path: Path, options: SourceOptions) -> None:
        self.path = path
        self.options = options
        self._is_stix = False

    @property
    def name(self) -> str:
        return self.path.name

    def rejects_suffix(self) -> str:
        return ".json"

    def _fail(self, reason: str, line: int = 0, pointer: str = "") -> RowError:
        return RowError(self.name, line, "", "", reason, pointer)

    def _text(self) -> str:
        try:
            return self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset "
                             f"{exc.start}); save the file as UTF-8") from None

    def _item(self, s: str, i: int) -> tuple[Any, int]:
        return _decode(s, i, self.options.max_line_bytes)

    def _as_read(self, item: Any) -> tuple[Any, str]:
        """An item, and the defect of one too long to read ("" else)."""
        if isinstance(item, _TooLong):
            return {}, (f"item is {item.size:,} characters long, over the limit of "
                        f"{self.options.max_line_bytes:,} (--max-line-bytes)")
        return item, ""

    def rows(self) -> Iterator[SourceRow | RowError]:
        read = self._read()
        if isinstance(read, RowError):
            yield read
            return
        text, members = read
        if members is not None and members.get("type", (0, None))[1] == "bundle":
            yield from self._bundle_rows(text, members)
            return
        if members is None:
            yield self._fail("expected one JSON object with lists under "
                             f"{', '.join(DOCUMENT_KEYS)} (or a STIX 2.1 bundle)")
            return
        unknown = [k for k in members if k not in DOCUMENT_KEYS and not k.startswith(("_", "$"))]
        if unknown:
            yield RowError(self.name, 0, unknown[0], unknown[0],
                           f"unknown key; expected {', '.join(DOCUMENT_KEYS)}", f"/{unknown[0]}")
            return
        for kind in (kind for kind in DOCUMENT_KEYS if kind in members):
            at = members[kind][0]
            if text[at] != "[":
                yield self._fail(f"{kind} must be a list", pointer=f"/{kind}")
                return
            yield from self._list_rows(text, kind, at)

    def _read(self) -> tuple[str, dict[str, tuple[int, Any]] | None] | RowError:
        """The text and its top-level members (None when it is not an object), or why the
        file cannot be read."""
        try:
            text = self._text()
            return text, _members(text, self.options.max_line_bytes)
        except ValueError as exc:
            reason = str(exc) if not isinstance(exc, JSONDecodeError) else (
                f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
            return self._fail(reason)
        except RecursionError:
            return self._fail("not valid JSON: nested too deeply")

    def _bundle_rows(self, text: str,
                     members: dict[str, tuple[int, Any]]) -> Iterator[SourceRow | RowError]:
        """A STIX bundle's rows (ingest/stix_source.py), its objects walked one at a time."""
        from ingest.stix_source import object_rows

        self._is_stix = True
        at = members.get("objects", (0, None))[0]
        if "objects" not in members or text[at] != "[":
            yield RowError(self.name, 0, "objects", "", "a bundle needs an `objects` list",
                           "/objects")
            return
        yield from object_rows(lambda: (self._as_read(item) for _, item in
                                        _array(text, at, self._item)), self.name)

    def _list_rows(self, text: str, kind: str, at: int) -> Iterator[SourceRow]:
        """The rows of the document's list of `kind`, which starts at `at`."""
        known = known_columns(kind)
        for i, (_, item) in enumerate(_array(text, at, self._item)):
            yield self._item_row(kind, known, f"/{kind}/{i}", item)

    def _item_row(self, kind: str, known: frozenset[str] | set[str], pointer: str,
                  item: Any) -> SourceRow:
        if isinstance(item, _TooLong):
            return SourceRow(self.name, 0, kind, {}, {}, pointer, defect=self._as_read(item)[1])
        if not isinstance(item, dict):
            return SourceRow(self.name, 0, kind, {}, item, pointer,
                             defect="each item must be a JSON object")
        extra = [k for k in item if k not in known and not k.startswith("_")]
        defect = f"unknown field(s) {', '.join(map(repr, extra))}" if extra else ""
        cells = {k: v for k, v in item.items() if k in known}
        return SourceRow(self.name, 0, kind, cells, item, pointer, defect=defect)

    def write_rejects(self, rejected: Iterable[tuple[SourceRow, list[RowError]]],
                      path: Path) -> None:
        if self._is_stix:
            from ingest.stix_source import write_stix_rejects

            write_stix_rejects(rejected, path)
            return
        # Written as they come, as `json.dumps(doc, indent=2)` lays them out: rows come
        # kind by kind (`rows`), and however many there are, one is held at a time.
        kind = None
        with path.open("w", encoding="utf-8") as out:
            out.write("{")
            for row, errors in rejected:
                item = dict(row.raw) if isinstance(row.raw, dict) else {"_item": row.raw}
                item[REJECT_KEY] = "; ".join(f"{e.column}: {e.reason}" for e in errors)
                if row.kind != kind:
                    out.write(("\n" if kind is None else "\n  ],\n") + f"  {json.dumps(row.kind)}: [\n")
                    kind = row.kind
                else:
                    out.write(",\n")
                out.write(textwrap.indent(json.dumps(item, indent=2, ensure_ascii=False), "    "))
            out.write("}\n" if kind is None else "\n  ]\n}\n")
