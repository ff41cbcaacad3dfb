"""What validation finds: errors that reject a row and notices that only report a change.

Both name the place a person must look: the file, the line (CSV) or the JSON pointer
(JSON, STIX), the column or field, the value as given, and the reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RowError:
    """One reason a row (or a whole file, when `line` is 0 and `column` empty) is rejected."""

    file: str
    line: int
    column: str
    value: str
    reason: str
    pointer: str = ""

    @property
    def where(self) -> str:
        return self.pointer or (f"line {self.line}" if self.line else "(file)")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        col = f" {self.column}" if self.column else ""
        val = f"={self.value!r}" if self.value else ""
        return f"{self.file} {self.where}{col}{val}: {self.reason}"


@dataclass(frozen=True)
class Notice:
    """A value the importer changed or a record it created on the steward's behalf."""

    file: str
    line: int
    column: str
    value: str
    message: str
    pointer: str = ""

    @property
    def where(self) -> str:
        return self.pointer or (f"line {self.line}" if self.line else "(file)")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def clip(value: object, limit: int = 80) -> str:
    """A value short enough to show in a table (the rejects file keeps it whole)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
