"""Dates as people write them, read into the ISO partial dates the graph stores.

The graph keeps a date to the precision it was given: `2021`, `2021-03` or `2021-03-01`.
Spreadsheets write dates otherwise, and this module reads:

- ISO dates, with a time after them or not (`2021-03-01T10:00:00Z`, `2021-03-01 00:00:00`:
  the day is kept), and `2021/03/01`, `2021.3.1`;
- numeric dates with the year last (`31/12/2021`, `31.12.2021`, `12-31-2021`): when the day
  can only be one of the two numbers (31 cannot be a month) no option is needed; when both
  could be (`03/01/2021`), the steward says which comes first (`dmy` or `mdy`, the
  importer's `--date-order`), or the cell is an error that says so; `03/2021` is a month;
- long forms in English: `1 March 2021`, `1st March 2021`, `March 1, 2021`, `1-Mar-2021`,
  `March 2021`, `Sept. 2021`.

Two-digit years are refused (which century?). Every date read here becomes the ISO partial
date with the same precision; the caller reports the change as a notice.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal

DateOrder = Literal["dmy", "mdy", "ymd"]
DATE_ORDERS: tuple[str, ...] = ("dmy", "mdy", "ymd")

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})(?:[/.\-](\d{1,2}))?$")
_YEAR_LAST = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_MONTHS = {name: i for i, names in enumerate((
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"))) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"^{_DAY}(?:\s+of)?[\s\-/]+{_MONTH}[\s\-/,]+(\d+)$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+{_DAY},?\s+(\d+)$", re.I)
_LONG_MONTH_YEAR = re.compile(rf"^{_MONTH}[\s\-/,]+(\d+)$", re.I)


class BadDate(ValueError):
    """A cell that is not a date this module can read; the message says what to write."""


def is_iso(text: str) -> bool:
    """Already the stored form (`2021`, `2021-03`, `2021-03-01`): nothing to read."""
    return _ISO.match(text) is not None


def _iso(year: str | int, month: int, day: int | None = None) -> str:
    y = int(year)
    if len(str(year)) == 2:
        raise BadDate("two-digit year: write the year in full (2021, not 21)")
    try:
        dt.date(y, month, day or 1)
    except ValueError as exc:
        raise BadDate(f"not a calendar date: {exc}") from None
    return f"{y:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


@lru_cache(maxsize=1 << 14)  # a file repeats its dates
def read_date(text: str, order: DateOrder | None = None) -> str:
    """The ISO partial date `text` stands for (see the module's doc); raises BadDate."""
    value = text.strip()
    if is_iso(value):
        return value
    if m := _ISO_TIME.match(value):
        return m[1]
    if m := _YEAR_FIRST.match(value):
        if order in ("dmy", "mdy"):
            raise BadDate(f"the year comes first, but --date-order is {order}")
        return _iso(m[1], int(m[2]), int(m[3]) if m[3] else None)
    if m := _MONTH_YEAR.match(value):
        return _iso(m[2], int(m[1]))
    if m := _YEAR_LAST.match(value):
        return _day_first_or_not(int(m[1]), int(m[3]), m[4], order)
    if m := _DAY_MONTH_YEAR.match(value):
        return _iso(m[3], _MONTHS[m[2].lower()], int(m[1]))
    if m := _MONTH_DAY_YEAR.match(value):
        return _iso(m[3], _MONTHS[m[1].lower()], int(m[2]))
    if m := _LONG_MONTH_YEAR.match(value):
        return _iso(m[2], _MONTHS[m[1].lower()])
    raise BadDate("not a date: write YYYY, YYYY-MM or YYYY-MM-DD, a day, month and year "
                  "(31/12/2021, 1 March 2021), or a month and year (March 2021)")


def _day_first_or_not(a: int, b: int, year: str, order: DateOrder | None) -> str:
    """`a/b/year`: day first or month first, by what the numbers allow and the order given."""
    if order == "ymd":
        raise BadDate("the year comes last, but --date-order is ymd")
    day_first_fits = 1 <= b <= 12 and 1 <= a <= 31
    month_first_fits = 1 <= a <= 12 and 1 <= b <= 31
    if order == "dmy" or (order is None and day_first_fits and not month_first_fits):
        if not day_first_fits:
            raise BadDate(f"not a day-first date (--date-order dmy): month {b}")
        return _iso(year, b, a)
    if order == "mdy" or (order is None and month_first_fits and not day_first_fits):
        if not month_first_fits:
            raise BadDate(f"not a month-first date (--date-order mdy): month {a}")
        return _iso(year, a, b)
    if a == b:  # 03/03/2021: the same date either way
        return _iso(year, a, b)
    if not (day_first_fits or month_first_fits):
        raise BadDate("not a date: neither number can be the month")
    raise BadDate(f"day or month first? it could be {a} {_name(b)} (day first) or {b} "
                  f"{_name(a)} (month first): give --date-order dmy or mdy")


def _name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")
