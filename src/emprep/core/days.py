"""Practice days: the calendar with the candidate's rest days taken out.

Pacing counts practice days, not calendar days: a week with the weekend off has five.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date, timedelta

from emprep.core.errors import EmprepError, shown
from emprep.core.ids import did_you_mean

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


GROUPS = {"weekend": (5, 6), "weekends": (5, 6), "weekdays": (0, 1, 2, 3, 4)}
EXAMPLE = "e.g. emprep config set rest-days sat,sun"


def parse_rest_days(text: str) -> list[str]:
    """Weekday names, separated by commas or spaces (sat,sun, `sat sun` or Saturday, Sunday), in
    week order; a range (mon-wed, fri-mon over the weekend), `weekend` (sat,sun) or `weekdays`
    (mon to fri); an empty item (a trailing comma) is no day, as a shell user types it."""
    words = [w.lower() for w in re.split(r"[,\s]+", text) if w]
    if not words:
        raise EmprepError(
            f"rest-days: no weekday given; {EXAMPLE} "
            "(every day a practice day: emprep config unset rest-days)"
        )
    found: set[int] = set()
    for word in words:
        found.update(_days_of(word))
    if len(found) == len(WEEKDAYS):
        raise EmprepError(
            f"rest-days: every day of the week is a rest day; leave one to practise, {EXAMPLE}"
        )
    return [WEEKDAYS[i] for i in sorted(found)]


def _days_of(word: str) -> tuple[int, ...]:
    """The weekday numbers one item names: a day, a range of days or a group."""
    if word in GROUPS:
        return GROUPS[word]
    if word in ("none", "no", "nothing"):
        raise EmprepError(
            f"rest-days: '{word}' is not a weekday; to practise every day: "
            "emprep config unset rest-days"
        )
    if "-" in word:
        ends = word.split("-")
        if len(ends) != 2 or not all(ends):
            raise EmprepError(
                f"rest-days: '{shown(word)}' is not a range of days; write its first and last "
                "day, e.g. emprep config set rest-days mon-fri"
            )
        first, last = (_day_of(end) for end in ends)
        return tuple((first + i) % 7 for i in range((last - first) % 7 + 1))
    return (_day_of(word),)


def _day_of(word: str) -> int:
    """The weekday a name or an unambiguous prefix names (`f` is Friday); a prefix of two days
    (`t`, `s`) is said as the two, not as no weekday."""
    hits = [i for i, name in enumerate(FULL) if name.startswith(word)]
    if len(hits) > 1:
        could = " or ".join(WEEKDAYS[i] for i in hits)
        raise EmprepError(
            f"rest-days: '{shown(word)}' could be {could}; give more of the day's name, {EXAMPLE}"
        )
    if not hits:
        if word.startswith("week"):
            hint = "did you mean 'weekend' (sat,sun) or 'weekdays' (mon to fri)? "
        else:
            hint = did_you_mean(word, list(WEEKDAYS), prefixes=True)
        raise EmprepError(f"rest-days: '{shown(word)}' is not a weekday; {hint}{EXAMPLE}")
    return hits[0]


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


def next_practice_day(
    after: date, rest: frozenset[int], rounds: Collection[date] = frozenset()
) -> date:
    """The first practice day after `after`: a day a round is on (`rounds`) is one, rest
    day or not, as its drill is the round's warm-up."""
    day = after + timedelta(days=1)
    while day.weekday() in rest and day not in rounds:
        day += timedelta(days=1)
    return day


def on_practice_day(
    day: date, rest: frozenset[int], rounds: Collection[date] = frozenset()
) -> date:
    """`day`, or the first practice day after it when it is a rest day (but for a round's
    day, `rounds`): when a question due then comes back."""
    if day.weekday() not in rest or day in rounds:
        return day
    return next_practice_day(day, rest, rounds)
