"""JSON documents: `{"partners": [...], "agreements": [...], "activities": [...], ...}`.

The published schema is docs/import.schema.json (built by ingest/json_schema.py). Items
are validated by the same rules as CSV rows; errors point into the document with a JSON
pointer (`/agreements/3`). Keys starting with `_` are ignored, so a rejects file (items
with `_reject_reason`) re-imports once fixed. A STIX 2.1 bundle (`"type": "bundle"`) is
handed to ingest/stix_source.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ingest.csv_source import known_columns
from ingest.formats import COLUMNS
from ingest.problems import RowError
from ingest.source import SourceOptions, SourceRow

DOCUMENT_KEYS = tuple(COLUMNS)  # partners, objectives, platforms, agreements, …
REJECT_KEY = "_reject_reason"


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

    def load(self) -> Any:
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset "
                             f"{exc.start}); save the file as UTF-8") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                             f"{exc.colno}") from None
        except RecursionError:
            raise ValueError("not valid JSON: nested too deeply") from None

    def rows(self) -> Iterator[SourceRow | RowError]:
        try:
            doc = self.load()
        except ValueError as exc:
            yield self._fail(str(exc))
            return
        if isinstance(doc, dict) and doc.get("type") == "bundle":
            from ingest.stix_source import stix_rows

            self._is_stix = True
            yield from stix_rows(doc, self.name)
            return
        if not isinstance(doc, dict):
            yield self._fail("expected one JSON object with lists under "
                             f"{', '.join(DOCUMENT_KEYS)} (or a STIX 2.1 bundle)")
            return
        unknown = [k for k in doc if k not in DOCUMENT_KEYS and not k.startswith(("_", "$"))]
        if unknown:
            yield RowError(self.name, 0, unknown[0], unknown[0],
                           f"unknown key; expected {', '.join(DOCUMENT_KEYS)}", f"/{unknown[0]}")
            return
        for kind in DOCUMENT_KEYS:
            items = doc.get(kind, [])
            if not isinstance(items, list):
                yield self._fail(f"{kind} must be a list", pointer=f"/{kind}")
                return
            known = known_columns(kind)
            for i, item in enumerate(items):
                pointer = f"/{kind}/{i}"
                if not isinstance(item, dict):
                    yield SourceRow(self.name, 0, kind, {}, item, pointer,
                                    defect="each item must be a JSON object")
                    continue
                extra = [k for k in item if k not in known and not k.startswith("_")]
                defect = f"unknown field(s) {', '.join(map(repr, extra))}" if extra else ""
                cells = {k: v for k, v in item.items() if k in known}
                yield SourceRow(self.name, 0, kind, cells, item, pointer, defect=defect)

    def write_rejects(self, rejected: Iterable[tuple[SourceRow, list[RowError]]],
                      path: Path) -> None:
        if self._is_stix:
            from ingest.stix_source import write_stix_rejects

            write_stix_rejects(rejected, path)
            return
        doc: dict[str, list[Any]] = {}
        for row, errors in rejected:
            item = dict(row.raw) if isinstance(row.raw, dict) else {"_item": row.raw}
            item[REJECT_KEY] = "; ".join(f"{e.column}: {e.reason}" for e in errors)
            doc.setdefault(row.kind, []).append(item)
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

