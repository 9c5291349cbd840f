"""The ranges emprep accepts, in one place. Every value inside them is written so that it reads
back; anything outside is refused where it is typed, with one line that says the range (README,
"Where your files live"). Nothing here is a matter of taste: past these bounds a date overflows,
a plan prints megabytes, or a number stops meaning anything.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime

from emprep.core.errors import EmprepError, shown

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
FIRST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
END_MOMENT = datetime(2100, 1, 1, tzinfo=UTC)  # exclusive
END_DUE = datetime(2200, 1, 1, tzinfo=UTC)  # FSRS schedules at most 100 years ahead
MIN_HOURS = 1.0  # less a week is no preparation: the drill alone takes more
MAX_HOURS = 168.0  # the hours in a week
MAX_WEEKS = 104  # two years of preparation
MAX_COUNT = 100  # questions in a day's drill
MAX_MINUTES = 600  # a mock round
MAX_TASK_MINUTES = 1440  # a plan task's estimate: a day's work at most
MAX_SECONDS = 86_400  # one answer: a day; a clock left running is counted as a day
# FSRS keeps a card's difficulty in [1, 10] (fsrs MIN_DIFFICULTY, MAX_DIFFICULTY); a hand-edited
# 0 or below stops its formulas (0 ** negative, a negative base to a fractional power)
MIN_DIFFICULTY = 1.0
MAX_DIFFICULTY = 10.0
DAYS = f"{FIRST_DAY} to {LAST_DAY}"
# a number as a person types it: digits (any script's, as int() reads them), a decimal one with
# one point between digits, spaces around; a minus is let through for the range to say why it
# is refused. Python also reads +5, 1e1, 1_0, 0x1f, inf and 5. as numbers: none is typed as one.
_WHOLE = re.compile(r"\s*-?\d+\s*")
_DECIMAL = re.compile(r"\s*-?\d+(?:\.\d+)?\s*")


def typed_as_number(text: str, *, decimal: bool = False) -> bool:
    """Whether `text` is written as a number a person types (a `decimal` one may have a point):
    int() and float() read it only then."""
    return (_DECIMAL if decimal else _WHOLE).fullmatch(text) is not None


def readable(text: str, *, decimal: bool = False) -> bool:
    """Whether a number typed (`typed_as_number`) reads as one: int() refuses one of more than
    4300 digits, and float() reads one past 1e308 as inf; either is beyond every range here."""
    try:
        return math.isfinite(float(text) if decimal else int(text))
    except ValueError:
        return False


def check_day(name: str, day: date) -> date:
    """`day`, if emprep accepts it."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise EmprepError(f"{name}: {day} is outside the dates emprep accepts ({DAYS})")
    return day


def check_moment(name: str, when: datetime) -> datetime:
    """`when` (timezone-aware), if emprep accepts it: its instant falls in the accepted days."""
    if not FIRST_MOMENT <= when < END_MOMENT:
        raise EmprepError(
            f"{name}: {when.isoformat()} is outside the times emprep accepts ({DAYS}, UTC)"
        )
    return when


def refused(name: str, allowed: str, got: str, example: str) -> EmprepError:
    """The one line a number refused says, whether it was typed as no number or is outside its
    range: the option or key, what it takes, what was given, and one that would do."""
    return EmprepError(f"{name} must be {allowed} (got {got}); try {example}")


def whole_from(low: int, high: int) -> str:
    return f"a whole number from {low} to {high}"


HOURS = f"a number from {MIN_HOURS:g} to {MAX_HOURS:g} a week"


def as_typed(text: str) -> str:
    """Text that is no number, quoted as typed (an empty one shows as '')."""
    return f"'{shown(text, 20)}'"


def check_hours(name: str, hours: float, example: str, *, typed: str | None = None) -> float:
    """Hours a week, as typed: 1 to 168, a real number; `example` shows a good one, `typed` is
    the text as given (1e309 is said as typed, not as the inf it reads as)."""
    if not (math.isfinite(hours) and MIN_HOURS <= hours <= MAX_HOURS):
        got = shown(typed.strip(), 20) if typed is not None else _said(hours)
        raise refused(name, HOURS, got, example)
    return hours


def _said(number: float) -> str:
    """`number` as short as it reads back the same: 168.0001 is not 168, which `:g` wrote
    ("must be ... 1 to 168 (got 168)")."""
    short = f"{number:g}"
    return short if float(short) == number else repr(number)


def check_whole(name: str, value: int, *, low: int, high: int, example: str) -> int:
    """A whole number from `low` to `high`; `example` shows a good one."""
    if not low <= value <= high:
        raise refused(name, whole_from(low, high), shown(str(value), 20), example)
    return value


def typed_hours(name: str, text: str, example: str) -> float:
    """Hours a week from the text a person typed (`config set hours`, the first run)."""
    if not typed_as_number(text, decimal=True):
        raise refused(name, HOURS, as_typed(text), example)
    return check_hours(name, float(text), example, typed=text)


def typed_whole(name: str, text: str, *, low: int, high: int, example: str) -> int:
    """A whole number from `low` to `high` from the text a person typed."""
    if not typed_as_number(text):
        raise refused(name, whole_from(low, high), as_typed(text), example)
    if not readable(text):
        raise refused(name, whole_from(low, high), shown(text.strip(), 20), example)
    return check_whole(name, int(text), low=low, high=high, example=example)
