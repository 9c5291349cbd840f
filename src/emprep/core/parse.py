"""Parsing what a person types: dates, with messages that say how to write them."""

from __future__ import annotations

from datetime import date

from emprep.core.errors import EmprepError, shown
from emprep.core.limits import check_day


def parse_date(option: str, value: str, today: date) -> date:
    """YYYY-MM-DD in the accepted years, or `today`."""
    text = value.strip()
    if text.lower() == "today":
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise EmprepError(
            f"{option}: '{shown(value)}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15"
        ) from None
    return check_day(option, day)
