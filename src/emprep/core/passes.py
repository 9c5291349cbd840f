"""The pace to each deadline: the practice days left, the final pass before it (as many days as
one pass over its questions takes at the daily count), and so how many new questions and pass
reviews today keeps each deadline on time. The drill (`drill.choose`) asks it every day.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from emprep.core.datatype import datatype
from emprep.core.days import is_rest_day, practice_days

if TYPE_CHECKING:
    from fsrs import Card

    from emprep.core.models import CardState

MIN_PASS_DAYS = 2
INTRO_SHARE = 0.5  # new questions are in by half way to the final stretch: room to build on them
# While several deadlines are ahead, each one's new questions are spread over all its days up to
# its final pass: the later rounds' come more slowly, so the weeks before an earlier round are
# its own (measured on the staggered benchmark; one deadline keeps INTRO_SHARE).
INTRO_SHARE_SEVERAL = 1.0
PASS_SLACK = 1.0  # the final pass takes as many days as one pass over the scope at the count
# Where the places before a round dated before the last are short, each of its new questions is
# counted as taking three of them (its first sight, a relearning if that fails, its review in the
# final pass): those beyond, a day's count at most, come after the day's reviews of the pass, so
# they may wait for a first look on the round's morning, fresh an hour on, where a first sight
# days before would need a review in a pass with no place left (the staggered benchmark's share
# ready on the screen's day).
PLACES_PER_NEW = 3


@datatype
class DeadlinePace:
    """Per deadline: practice days left, the final pass's length and the day it starts."""

    day: date
    deadlines: Mapping[str, date]
    left: dict[date, int]
    pass_days: dict[date, int]
    pass_start: dict[date, date]

    def new_quota(self, unseen: list[str]) -> int:
        """New questions today, so that each deadline's unseen ones are in before its pass
        (by half way to it while it is the only deadline ahead)."""
        quota = 0
        share = INTRO_SHARE if len(self.left) < 2 else INTRO_SHARE_SEVERAL
        for d in sorted(self.left):
            by_d = sum(1 for q in unseen if q in self.deadlines and self.deadlines[q] <= d)
            build = (self.left[d] - self.pass_days[d]) * share
            quota = max(quota, math.ceil(by_d / max(1.0, build)))
        return quota

    def pending(
        self,
        seen: list[str],
        cards: Mapping[str, Card] | Mapping[str, CardState],
        tz: tzinfo,
        given: Mapping[str, datetime],
    ) -> list[str]:
        """Questions in their final pass and not yet reviewed in it: last reviewed before its
        first day, where it was given (`given`: the cards' last reviews given in another zone,
        as `drill.choose` keeps them), else in `tz`."""
        begins = {
            d: datetime.combine(start, datetime.min.time(), tzinfo=tz).astimezone(UTC)
            for d, start in self.pass_start.items()
            if start <= self.day
        }
        out = []
        for q in seen:
            d = self.deadlines.get(q, date.max)
            if (begin := begins.get(d)) is None:
                continue
            last, at = cards[q].last_review, given.get(q)
            if last is None or (last < begin if at is None else at.date() < self.pass_start[d]):
                out.append(q)
        return out

    def first_sights(self, d: date, *, unseen: int, waiting: int, count: int) -> int:
        """How many of the `unseen` questions of a round dated before the last (on `d`) may
        come before the day's reviews of its final pass: as many as its places left can also
        review there, beside the `waiting` ones it has seen and not yet reviewed there
        (PLACES_PER_NEW each), and all but a day's `count` whatever the places."""
        room = count * self.left[d] - waiting
        return max(0, room // PLACES_PER_NEW, unseen - count)

    def pass_quota(self, pending: list[str]) -> int:
        """Reviews of the final pass today, so that each deadline's pass ends in time."""
        quota = 0
        for d in sorted(self.left):
            by_d = sum(1 for q in pending if self.deadlines[q] <= d)
            quota = max(quota, math.ceil(by_d / max(1, self.left[d])))
        return quota


def deadline_pace(
    today: date,
    timed: list[str],
    deadlines: Mapping[str, date],
    *,
    count: int,
    rest: frozenset[int],
) -> DeadlinePace:
    """The pace to each deadline of the `timed` questions, `count` a day on practice days."""
    left: dict[date, int] = {}
    pass_days: dict[date, int] = {}
    pass_start: dict[date, date] = {}
    for d in sorted({deadlines[q] for q in timed}):
        left[d] = practice_days(today, d, rest)
        n = sum(1 for q in timed if deadlines[q] <= d)
        pass_days[d] = max(MIN_PASS_DAYS, math.ceil(n * PASS_SLACK / count))
        start, k = d, 0
        while k < pass_days[d]:
            start -= timedelta(days=1)
            k += start == today or not is_rest_day(start, rest)
        pass_start[d] = start
    return DeadlinePace(today, deadlines, left, pass_days, pass_start)
