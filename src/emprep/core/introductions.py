"""The day the drill first asks each question, as the plan lists them week by week.

The plan does not guess when a question comes in: it plays the drill forward (`pace.run`, the
engine of the pace advice) at the configured count, from the progress as it stands, each day
over the questions in the order `emprep drill` has them that day (the plan week's rounds
first), every answer Good and no practice day missed. So the plan and the drill agree by
construction for a candidate who drills every practice day and answers well; a question already
practised is listed in the week it was first rated. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from emprep.core.calibration import Fit
from emprep.core.datatype import datatype
from emprep.core.days import weekdays
from emprep.core.models import CardState, Progress, days_given, log_lines
from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.core.rounds import boosted, introduction_order, live_on
from emprep.core.scheduler import rated_on, whole
from emprep.core.settings import Settings

if TYPE_CHECKING:  # the drill and its engine: imported where played, off a warm plan's path
    from fsrs import Card

    from emprep.core.pace import Policy


@datatype
class WeekOrder:
    """One plan week's days and the order the drill brings new questions in during it."""

    start: date
    end: date  # inclusive
    order: list[str]


@datatype
class IntroInputs:
    """Everything the introductions depend on, as plain data: equal inputs, equal days."""

    moment: datetime  # to the hour, at today's fixed UTC offset
    cards: dict[str, CardState]
    rated: dict[str, date]  # each practised question's first day, the day it was given on
    weeks: list[WeekOrder]
    dates: dict[str, list[date]]  # each question's rounds' days in the plan
    end: date  # the plan's last day: the interview
    count: int
    rest: list[int]  # weekday numbers
    fit: Fit
    boost: list[str] = field(default_factory=list)
    done_today: int = 0  # the practised questions rated today, as the drill counts them
    given: dict[str, datetime] = field(default_factory=dict)  # `Progress.given_to`


@datatype
class Introductions:
    """Each question's first day: rated already, or as the drill played forward asks it."""

    first: dict[str, date]


class GoodLearner:
    """A candidate who answers every question Good: the plan's reading of a week's work."""

    def answer(self, qid: str, when: datetime) -> int:
        return 3

    def recall(self, qid: str, when: datetime) -> float:
        return 1.0


def intro_inputs(
    pack: Pack, progress: Progress, now: datetime, *, plan: Plan, s: Settings, fit: Fit
) -> IntroInputs:
    """The inputs of `introductions` for the plan `plan` (its dates and track; the count, rest
    days and review log of the settings and progress)."""
    rated: dict[str, date] = {}
    lines = log_lines(progress.log)
    for line, day in zip(lines, days_given(lines, now.tzinfo or UTC), strict=True):
        question = line.split(" ", 2)[1]
        if question not in rated or day < rated[question]:
            rated[question] = day
    qs = pack.questions_for(plan.track)
    cards = {q.id: progress.cards[q.id] for q in qs if whole(progress.cards.get(q.id))}
    weeks = [
        WeekOrder(
            w.start,
            w.end,
            [q.id for q in introduction_order(qs, w.rounds)],
        )
        for w in plan.weeks
    ]
    moment = now.replace(minute=0, second=0, microsecond=0).astimezone(
        timezone(now.utcoffset() or timedelta(0))
    )
    return IntroInputs(
        moment=moment,
        cards=cards,
        rated=rated,
        done_today=len(rated_on(progress, now).intersection(cards)),
        weeks=weeks,
        dates={q.id: sorted({plan.round_day(r) for r in q.rounds}) for q in qs},
        end=plan.interview,
        count=s.count,
        rest=sorted(weekdays(s.rest_days)),
        fit=fit,
        boost=sorted(boosted(pack, progress, s, now=now)),
        given=progress.given_to([q for q in qs if q.id in cards], moment.tzinfo or UTC),
    )


def introductions(inputs: IntroInputs) -> Introductions:
    """Each question's first day: the local day the log first rated it, else the day the drill
    played forward from the inputs' moment (or the plan's first day, if later) to the plan's
    last day first asks it (absent: not by then)."""
    from emprep.core.pace import calendar, run
    from emprep.core.scheduler import to_card

    tz = inputs.moment.tzinfo or UTC
    today = inputs.moment.date()
    # a plan that starts later (`config set start`) is practised from its first day
    first_day = max([today, *(w.start for w in inputs.weeks[:1])])
    days = calendar(first_day, inputs.end, frozenset(inputs.rest))
    if not days:
        return Introductions(dict(inputs.rated))
    cards = {q: to_card(c) for q, c in inputs.cards.items()}
    policy, learner = _policy(inputs, tz), GoodLearner()
    at = inputs.moment.astimezone(tz).time() if days[0] == today else time(9)
    first: dict[str, date] = {}
    new = {q for q in inputs.dates if q not in inputs.cards and q not in inputs.rated}
    for week in range(0, len(days), 7):  # a week at a time, until every question is in
        played = days[week : week + 7]
        out = run(
            cards=cards,
            days=played,
            policy=policy,
            learner=learner,
            count=inputs.count,
            tz=tz,
            first_places=max(0, inputs.count - inputs.done_today) if played[0] == today else None,
            at=at,
        )
        first.update({q: played[i] for q, i in out.first_seen.items() if q in new - set(first)})
        if len(first) == len(new):
            break
    return Introductions({**first, **inputs.rated})


def _policy(inputs: IntroInputs, tz: tzinfo) -> Policy:
    """The drill's choice on each day, over that day's order, as `emprep drill` makes it."""
    from emprep.core.drill import choose

    rest = frozenset(inputs.rest)
    boost = [frozenset(inputs.boost)]  # the first day's: once asked, a question is not boosted

    def order(day: date) -> Sequence[str]:
        week = next((w for w in inputs.weeks if w.start <= day <= w.end), None)
        return week.order if week else list(inputs.dates)

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        deadlines, live = live_on(inputs.dates, order(day), day)
        picks = choose(
            fit=inputs.fit,
            today=day,
            tz=tz,
            cards=cards,
            scope=live,
            deadlines=deadlines,
            count=inputs.count,
            places=places,
            rest=rest,
            boost=boost[0],
            given=inputs.given,
        ).picks
        boost[0] = frozenset()
        return [q for q, _ in picks]

    return policy
