"""Dates as people write them, to ISO partial dates."""

from __future__ import annotations

import pytest

from ingest.dates import BadDate, read_date


@pytest.mark.parametrize("written, order, iso", [
    ("2021", None, "2021"), ("2021-03", None, "2021-03"), ("2021-03-01", None, "2021-03-01"),
    ("31/12/2021", None, "2021-12-31"),  # 31 cannot be a month: no order needed
    ("12/31/2021", None, "2021-12-31"),
    ("31.12.2021", None, "2021-12-31"), ("31-12-2021", None, "2021-12-31"),
    ("03/01/2021", "dmy", "2021-01-03"), ("03/01/2021", "mdy", "2021-03-01"),
    ("03/03/2021", None, "2021-03-03"),  # the same date either way
    ("2021/03/01", None, "2021-03-01"), ("2021.3.1", "ymd", "2021-03-01"),
    ("03/2021", None, "2021-03"),
    ("1 March 2021", None, "2021-03-01"), ("1st March 2021", None, "2021-03-01"),
    ("March 1, 2021", None, "2021-03-01"), ("1-Mar-2021", None, "2021-03-01"),
    ("March 2021", None, "2021-03"), ("Sept. 2021", None, "2021-09"),
    ("2021-03-01T10:30:00Z", None, "2021-03-01"), ("2021-03-01 00:00:00", None, "2021-03-01"),
])
def test_dates_read_into_iso_partial_dates(written: str, order: str | None, iso: str) -> None:
    assert read_date(written, order) == iso  # type: ignore[arg-type]


@pytest.mark.parametrize("written, order, reason", [
    ("03/01/2021", None, "give --date-order dmy or mdy"),
    ("12/31/2021", "dmy", "not a day-first date"),
    ("31/12/2021", "mdy", "not a month-first date"),
    ("31/12/21", None, "two-digit year"),
    ("31/02/2021", None, "not a calendar date"),
    ("2021/03/01", "dmy", "the year comes first"),
    ("soon", None, "not a date"),
])
def test_dates_that_cannot_be_read_say_why(written: str, order: str | None, reason: str) -> None:
    with pytest.raises(BadDate, match=reason):
        read_date(written, order)  # type: ignore[arg-type]
