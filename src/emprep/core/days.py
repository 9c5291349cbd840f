"""Practice days: the calendar with the candidate's rest days taken out.

Pacing counts practice days, not calendar days: a week with the weekend off has five.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from emprep.core.errors import EmprepError, shown
from emprep.core.ids import did_you_mean

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_rest_days(text: str) -> list[str]:
    """Weekday names, separated by commas or spaces (sat,sun, `sat sun` or Saturday, Sunday), in
    week order; an empty item (a trailing comma) is no day, as a shell user types it."""
    words = [w.lower() for w in re.split(r"[,\s]+", text) if w]
    if not words:
        raise EmprepError(
            "rest-days: no weekday given; e.g. emprep config set rest-days sat,sun "
            "(every day a practice day: emprep config unset rest-days)"
        )
    found: set[int] = set()
    for word in words:
        hits = [i for i, name in enumerate(FULL) if len(word) >= 2 and name.startswith(word)]
        if len(hits) != 1:
            raise EmprepError(
                f"rest-days: '{shown(word)}' is not a weekday; {did_you_mean(word, list(WEEKDAYS))}"
                "e.g. emprep config set rest-days sat,sun"
            )
        found.add(hits[0])
    if len(found) == len(WEEKDAYS):
        raise EmprepError(
            "rest-days: every day of the week is a rest day; leave one to practise, "
            "e.g. emprep config set rest-days sat,sun"
        )
    return [WEEKDAYS[i] for i in sorted(found)]


def weekdays(names: Iterable[str] | None) -> frozenset[int]:
    """The rest days as `date.weekday()` numbers."""
    return frozenset(WEEKDAYS.index(n) for n in names or ())


def is_rest_day(day: date, rest: frozenset[int]) -> bool:
    return day.weekday() in rest


def practice_days(today: date, until: date, rest: frozenset[int]) -> int:
    """Practice days from today up to the day before `until`; today counts (one practises it)."""
    if until <= today:
        return 0
    span = (until - today).days - 1
    weeks, extra = divmod(span, 7)
    later = weeks * (7 - len(rest))
    later += sum((today + timedelta(days=1 + i)).weekday() not in rest for i in range(extra))
    return 1 + later


def next_practice_day(after: date, rest: frozenset[int]) -> date:
    """The first practice day after `after`."""
    day = after + timedelta(days=1)
    while day.weekday() in rest:
        day += timedelta(days=1)
    return day


def on_practice_day(day: date, rest: frozenset[int]) -> date:
    """`day`, or the first practice day after it when it is a rest day: when a question due
    then comes back."""
    return day if day.weekday() not in rest else next_practice_day(day, rest)
