"""The steward's mapping file: which partner a source's id stands for.

A small CSV with two columns, `source_id` and `partner_id`:

```
source_id,partner_id
sg-groupib,GROUP-IB
identity--5b1a…,EUROPOL
ng-efcc,ng-efcc
```

A row tells the importer that the partner a file defines (or refers to) under `source_id`
is the partner `partner_id`, whatever resolution would have decided; a `partner_id` equal to
its `source_id` says "create it as a new partner" (for a row resolution found ambiguous).
Read whole (it is small: at most `MAX_ROWS` rows), UTF-8 with or without a BOM, delimited
by `,`, `;` or a tab.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from graph.model import is_id
from ingest.problems import RowError

MAX_ROWS = 100_000
MAX_BYTES = 16 * 1024 * 1024
_COLUMNS = ("source_id", "partner_id")


class MappingInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def read_mapping(path: Path) -> dict[str, tuple[str, str]]:
    """source id → (partner id, "FILE line N"); raises MappingInvalid with every problem."""
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise MappingInvalid([RowError(name, 0, "", "", (
                f"a mapping file is at most {MAX_BYTES // (1024 * 1024)} MB"))])
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise MappingInvalid([RowError(name, 0, "", "", "mapping file not found")]) from None
    except UnicodeDecodeError:
        raise MappingInvalid([RowError(name, 0, "", "", (
            "the mapping file is not UTF-8 text; save it as UTF-8 CSV"))]) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in next(rows, [])]
    if header[:2] != list(_COLUMNS):
        raise MappingInvalid([RowError(name, 1, "", ",".join(header), (
            "a mapping file's header is `source_id,partner_id`"))])
    out: dict[str, tuple[str, str]] = {}
    errors: list[RowError] = []
    for line, cells in enumerate(rows, start=2):
        if not "".join(cells).strip():
            continue
        if line > MAX_ROWS + 1:
            errors.append(RowError(name, line, "", "", f"more than {MAX_ROWS} rows"))
            break
        source, target = (cells + ["", ""])[0].strip(), (cells + ["", ""])[1].strip()
        for column, value in zip(_COLUMNS, (source, target), strict=True):
            if not is_id(value):
                errors.append(RowError(name, line, column, value, (
                    "not an id (letters, digits and . _ : - only)")))
        if source in out and out[source][0] != target:
            errors.append(RowError(name, line, "source_id", source, (
                f"mapped twice ({out[source][1]} says {out[source][0]!r})")))
        out.setdefault(source, (target, f"{name} line {line}"))
    if errors:
        raise MappingInvalid(errors)
    return out
