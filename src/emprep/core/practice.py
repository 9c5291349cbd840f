"""Today's drill and the progress report for a candidate: profile, plan and schedule together."""

from __future__ import annotations

from dataclasses import field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from emprep.core.calibration import Fit, Replay, evidence, fit, replay, replayed
from emprep.core.datatype import datatype, replace
from emprep.core.days import next_practice_day, weekdays
from emprep.core.drill import Drill, build_drill, card_recalls
from emprep.core.models import (
    CardState,
    Progress,
    Question,
    days_given,
    log_lines,
    review_entry,
)
from emprep.core.pace import Advice, advice
from emprep.core.pack import Pack
from emprep.core.profile import current_plan
from emprep.core.rounds import (
    boosted,
    deadline,
    introduction_order,
    last_date,
    over_today,
    skipped_until_over,
)
from emprep.core.scheduler import rated_on, whole
from emprep.core.settings import Settings, effective

if (
    TYPE_CHECKING
):  # the report, the stories and mocks: imported where used, off the drill's start-up
    from collections.abc import Callable

    from emprep.core.mock import MockPlan
    from emprep.core.report import Report
    from emprep.core.stories import Coverage


def scope(pack: Pack, s: Settings, rid: str | None) -> list[Question]:
    """The questions in play: the candidate's track, and one round (a resolved id) when asked."""
    qs = pack.questions_for(s.track)
    return qs if rid is None else [q for q in qs if rid in q.rounds]


def question_deadlines(s: Settings, questions: list[Question], today: date) -> dict[str, date]:
    """The day each question must be fresh: the earliest of its rounds' dates still ahead.

    A question absent from the mapping has no deadline: plain FSRS for it.
    """
    return {q.id: d for q in questions if (d := deadline(q, s, today)) is not None}


def in_play(s: Settings, questions: list[Question], today: date) -> list[Question]:
    """The questions a round still ahead, or one with no date yet, can ask; all of them once
    the whole loop is past. (Those whose `last_date` is None or not past: every round dated and
    past is a question's last date past; each round is looked at once, not once a question,
    which cost a command asking it 4 to 6 times about 0.5 ms each at 600 questions.)"""
    if s.interview is None or s.over(today):
        return questions
    rounds = set().union(*(q.rounds for q in questions))
    past = {r for r in rounds if (day := s.date_of(r)) is not None and day < today}
    if not past:
        return list(questions)
    return [q for q in questions if not past.issuperset(q.rounds) or not q.rounds]


def had_today(pack: Pack, progress: Progress, s: Settings, now: datetime) -> frozenset[str]:
    """The rounds of today that are over (`over_today`: logged, or the day's rounds surely
    over): past for the drill."""
    if s.interview is None or s.interview < now.date():
        return frozenset()
    dates = {r: s.date_of(r) for r in pack.round_ids}
    return over_today(pack, dates, ((i.round, i.day) for i in progress.interviews), now)


def as_drilled(pack: Pack, progress: Progress, s: Settings, now: datetime) -> Settings:
    """`s` as the drill sees it: the rounds `had_today` are past, so the drill asks none of the
    questions only they ask, as `progress` counts them done; once no dated round is left to
    come (the loop's last day over), the loop ended yesterday, as it stands the day after."""
    if not (over := had_today(pack, progress, s, now)):
        return s
    yesterday = now.date() - timedelta(days=1)
    drilled = replace(s, round_dates={**s.round_dates, **dict.fromkeys(over, yesterday)})
    if any((d := drilled.date_of(r)) is not None and d >= now.date() for r in pack.round_ids):
        return drilled
    return replace(drilled, interview=yesterday)


def new_order(
    pack: Pack,
    progress: Progress,
    s: Settings,
    *,
    questions: list[Question],
    now: datetime,
    preferred: list[str] | None = None,
) -> list[Question]:
    """`questions` in the order new ones are introduced: the rounds the current plan week
    prepares (or `preferred`) first, and within that every round's questions in evenly
    (`rounds.spread`). The drill takes the earliest deadlines first; a budget too small for
    the bank leaves out part of each round rather than the last rounds whole."""
    rounds: list[str] = []
    if preferred is None:
        today = now.date()
        plan = current_plan(pack, s, progress, today=today, tz=now.tzinfo)
        week = plan.week_of(today) if plan is not None else None
        rounds = week.rounds if week else []
    return introduction_order(questions, preferred if preferred is not None else rounds)


def todays_drill(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    s: Settings,
    round_id: str | None,
    more: bool = False,
    fit: Fit | None = None,
) -> Drill:
    """The drill for `now`: a pure function of the pack, the progress, the time and options.
    The day's drill has `count` places: those already rated today are done, and only the rest
    is asked; `more` asks the scheduler for another full drill, the reviews due today first.
    `fit` is `fitted(progress)`, given when a caller keeps it. Every question rated today is
    done, one only a round over since asks included: the day's places it took stay taken, and
    the drill says so as `today` does."""
    drill = _drill(
        pack,
        progress,
        now,
        s=s,
        round_id=round_id,
        more=more,
        fit=fitted(progress) if fit is None else fit,
    )
    rated = len(rated_on(progress, now))
    if more:
        return replace(drill, done_today=rated)
    return replace(drill, items=drill.items[: max(0, s.count - rated)], done_today=rated)


def _drill(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    s: Settings,
    round_id: str | None,
    more: bool,
    fit: Fit,
) -> Drill:
    """The drill before today's ratings take their places (`todays_drill` does that), over
    the questions still in play as `as_drilled` counts the rounds, and what it says of the
    loop: over, the next round's day, or the rounds had while the others have no date yet."""
    rid = None if round_id is None else pack.round(round_id).id
    today = now.date()
    given, s = s, as_drilled(pack, progress, s, now)
    loop_over = given.interview == today and s.over(today)
    qs = in_play(s, scope(pack, s, rid), today)
    qs = new_order(
        pack, progress, s, questions=qs, now=now, preferred=None if rid is None else [rid]
    )
    drill = build_drill(
        progress,
        now,
        count=s.count,
        scope=qs,
        deadlines=question_deadlines(s, qs, today),
        rest=weekdays(s.rest_days),
        interview=today if loop_over else s.end(today),
        boost=frozenset(boosted(pack, progress, s, now=now)),
        more=more,
        fit=fit,
        rounds_today=[r for r in pack.round_ids if s.date_of(r) == today and rid in (None, r)],
    )
    if drill.rest_day and any(given.date_of(r) == today for r in pack.round_ids):
        # a day an interview is on is no rest day: the drill is its warm-up, and once its
        # rounds are over (`as_drilled` moved them), it is still the day they were on
        drill = replace(drill, rest_day=False)
    if loop_over:
        return replace(drill, loop_over=True)
    end = s.end(today)
    if s.interview is None or end is not None:
        return replace(drill, next_round=_next_round(pack, s, today, end))
    had = {r: d for r in pack.round_ids if (d := given.round_dates.get(r)) is not None}
    return replace(drill, rounds_past=had, undated=list(s.undated))


def _next_round(
    pack: Pack, s: Settings, today: date, end: date | None
) -> tuple[list[str], date] | None:
    """The rounds of the nearest day after today, when it comes before the last: the drill
    names each (two rounds of an onsite day, a later round still to come)."""
    ahead = [(d, r) for r in pack.round_ids if (d := s.date_of(r)) is not None and d > today]
    if not ahead or end is None:
        return None
    day = min(d for d, _ in ahead)
    return ([r for d, r in ahead if d == day], day) if day < end else None


def fitted(progress: Progress) -> Fit:
    """FSRS fitted to this person's ratings so far (`calibration`)."""
    entries = (review_entry(line) for line in progress.log.splitlines())
    return fit(evidence((e.question, e.at, e.rating) for e in entries))


def refitted(progress: Progress, kept: Replay | None) -> tuple[Fit, Replay]:
    """`fitted(progress)`, replaying only the lines of the log after those `kept` replayed
    (all of it when the log does not begin with them); and the replay, to keep for next time."""
    resumed = None if kept is None else kept.resumed(progress.log)
    cards, seen, tail = resumed or ({}, [], progress.log)
    entries = (review_entry(line) for line in tail.splitlines())
    replay(((e.question, e.at, e.rating) for e in entries), cards, seen)
    return fit(seen), replayed(progress.log, cards, seen)


@datatype
class QuestionState:
    """One question's practice so far, and its recall as `drill --list` predicts it."""

    reviews: int  # ratings in the log, a merged question's counted for its heir
    last_rating: int | None
    last_review: datetime | None
    last_day: date | None  # the day the last review was given on (`days_given`)
    due: date | None
    deadline: date | None  # the earliest of its rounds' dates still ahead
    recall_now: float | None
    recall_interview: float | None  # at 09:00 on the deadline
    rounds_over: date | None  # its last round's day, past while the loop is not: not asked
    skipped: date | None  # its last round's day, when `due` falls after it: no such review
    round_today: bool  # its deadline is today: "at its deadline" is this morning, maybe past
    overdue: bool  # `due` is a day before today: the review is late, not ahead


def question_state(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    s: Settings,
    question: Question,
    fit: Fit | None = None,
) -> QuestionState:
    """How `question` stands at `now`: its reviews from the log, and its due day and recalls
    as the drill computes them (`progress` carried: `Pack.carry`; `fit` is `fitted(progress)`,
    given when a caller keeps it)."""
    ids = {question.id, *(old for old, new in pack.replaced.items() if new == question.id)}
    lines = log_lines(progress.log)
    mine = [(e, line) for line in lines if (e := review_entry(line)).question in ids]
    # the latest; of two at one instant (a clock a little behind, its rating stamped at the
    # last one's time), the one written last, as `undo` takes it
    last, line = max(reversed(mine), key=lambda el: el[0].at, default=(None, ""))
    drilled = as_drilled(pack, progress, s, now)
    deadline = question_deadlines(drilled, [question], now.date()).get(question.id)
    card = progress.cards.get(question.id)
    due, recall_now, recall_interview = (
        (None, None, None)
        if card is None
        else card_recalls(
            card,
            deadline=deadline,
            now=now,
            fit=fitted(progress) if fit is None else fit,
            given=progress.given_to([question], now.tzinfo or UTC).get(question.id),
        )
    )
    last_round = last_date(question, s)
    loop_ahead = drilled.interview is not None and not drilled.over(now.date())
    return QuestionState(
        reviews=len(mine),
        last_rating=None if last is None else last.rating,
        last_review=None if last is None else last.at,
        last_day=None if last is None else next(days_given([line], now.tzinfo)),
        due=due,
        deadline=deadline,
        recall_now=recall_now,
        recall_interview=recall_interview,
        rounds_over=(last_round if loop_ahead and last_round and deadline is None else None),
        skipped=None if due is None else skipped_until_over(question.rounds, s, due),
        round_today=deadline == now.date(),
        overdue=due is not None and due < now.date(),
    )


def due_ahead(
    pack: Pack, progress: Progress, now: datetime, held: frozenset[str] = frozenset()
) -> list[tuple[date, int]]:
    """Reviews due on each of the next days, today first, among the questions the drill still
    asks: a question whose every round is past is never asked again, so it is not due (the
    end of a drill, `today` and `progress` count alike). Those due today that the day's drill
    does not hold (`held` ids) are due on the next practice day too (`forecast`)."""
    from emprep.core.report import forecast

    given = effective(progress.profile, pack.round_ids)
    s = as_drilled(pack, progress, given, now)
    rest = weekdays(s.rest_days)
    qs = in_play(s, scope(pack, s, None), now.date())
    # the rounds' own days, today's too once its rounds are over (`as_drilled` moved them to
    # yesterday): its evening is no rest day either, as the drill has it
    rounds = given.round_days(pack.round_ids)
    kept = going_on(s, qs, now.date(), rest, rounds)
    return forecast(progress, now, qs, rest, held, kept, rounds)


def going_on(
    s: Settings,
    qs: list[Question],
    today: date,
    rest: frozenset[int],
    rounds: frozenset[date] = frozenset(),
) -> frozenset[str]:
    """The ids of `qs` the drill still asks on the next practice day (a round's day, in
    `rounds`, is one, rest day or not): a review left today whose last round is today is never
    due again."""
    return frozenset(q.id for q in in_play(s, qs, next_practice_day(today, rest, rounds)))


def progress_report(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    s: Settings,
    fit: Fit | None = None,
    behind: bool = False,
    drill: Drill | None = None,
) -> Report:
    """The progress report, recall predicted by FSRS fitted to the candidate (`fit` is
    `fitted(progress)`, given when a caller keeps it). The reviews due and the weakest
    questions are among those the drill still asks, each weighed on its own deadline.
    `behind`: the count cannot keep up (the pace advice is short), so the pace line says the
    reviews the day's drill leaves, and the next step does not. `drill` is the day's whole
    drill (`todays_drill` with `fit`), given when a caller has it: `today` shows both, and
    choosing it again cost 7.6 ms at 10,000 reviews."""
    from emprep.core.report import build_report

    fit = fitted(progress) if fit is None else fit
    today = now.date()
    plan = current_plan(pack, s, progress, today=today, tz=now.tzinfo)
    # a round with no date of its own while the loop has none is undated, as `today` and
    # `config show` say, not on the last dated round's day (the loop's end for the drill)
    dates = {r: s.date_of(r) for r in pack.round_ids}
    qs = scope(pack, s, None)
    drilled = as_drilled(pack, progress, s, now)
    asked = in_play(drilled, qs, today)
    if drill is None:
        drill = todays_drill(pack, progress, now, s=s, round_id=None, fit=fit)
    return build_report(
        pack,
        progress,
        now,
        scope=qs,
        asked=asked,
        deadlines=question_deadlines(drilled, asked, today),
        interview=s.interview,
        plan=plan,
        round_dates=dates,
        left=len(drill.items),
        minutes=sum(i.question.minutes for i in drill.items),
        held=drill.held_due(),
        kept=going_on(
            drilled, asked, today, weekdays(s.rest_days), drilled.round_days(pack.round_ids)
        ),
        rest=weekdays(s.rest_days),
        fit=fit,
        behind=behind,
    )


def round_to_log(pack: Pack, progress: Progress, now: datetime, *, s: Settings) -> str | None:
    """The next step when it is to log a round had, today's once over included (`next_step`
    says the same), for the drill's end; None otherwise."""
    from emprep.core.calibration import FSRS
    from emprep.core.report import log_step, round_readiness

    if s.interview is None:
        return None
    dates = {r: s.date_of(r) for r in pack.round_ids}
    qs = scope(pack, s, None)
    return log_step(progress, round_readiness(pack, progress, now, qs, s.interview, dates, FSRS))


def log_after_loop(pack: Pack, progress: Progress, drill: Drill, now: datetime) -> str | None:
    """Once the loop is over (its last round over today, or past), the round to log next, as
    `today` says it; None before, or with none to log."""
    if not drill.over:
        return None
    return round_to_log(pack, progress, now, s=effective(progress.profile, pack.round_ids))


def mock_for(
    pack: Pack, progress: Progress, now: datetime, *, round_id: str, minutes: int | None
) -> MockPlan:
    """The mock of a round (an id or prefix) for this candidate's track: as long as the real
    round unless `minutes` says otherwise."""
    from emprep.core.mock import plan_mock

    r = pack.round(round_id)
    qs = scope(pack, effective(progress.profile, pack.round_ids), r.id)
    return plan_mock(
        pack, progress, now, r=r, minutes=r.minutes if minutes is None else minutes, scope=qs
    )


def after_mock(pack: Pack, progress: Progress, now: datetime, *, round_id: str) -> str:
    """The drill to go on with after a mock of `round_id`: that round's; once it is past while
    rounds are still ahead (where `drill --round` says to mock it), the next round's, or the
    day's drill when several rounds share the next day; when the round's drill has nothing
    left today (on its day a warm-up of what was practised), the day's drill if it still asks,
    else `--more`: so the command does what the advice says. The rounds ahead with no date
    yet: the day's drill; none ahead at all (the last one's evening): the round's own, as
    after the loop."""
    from emprep.core.rounds import past_round
    from emprep.core.words import the_round

    s = effective(progress.profile, pack.round_ids)
    today = now.date()
    r = pack.round(round_id)
    rid: str | None = r.id
    why = []
    drilled = as_drilled(pack, progress, s, now)
    ahead = [(d, x) for x in pack.round_ids if (d := drilled.date_of(x)) and d >= today]
    if (ahead or s.undated) and past_round(pack, s, r.id, today, had_today(pack, progress, s, now)):
        day = min((d for d, _ in ahead), default=None)
        nxt = [pack.round(x) for d, x in ahead if d == day]
        rid = nxt[0].id if len(nxt) == 1 else None
        was = s.date_of(r.id)
        why.append(f"{the_round(r.name)} was {'today' if was == today else f'on {was}'}")
        if not nxt:
            why.append("the rounds ahead have no date yet")
        elif len(nxt) > 1:
            why.append("today's drill paces to the rounds ahead")
        elif day == today:
            why.append(f"{the_round(nxt[0].name)} is today, {day}")
        else:
            why.append(f"{the_round(nxt[0].name)} is next, on {day}")
    done = not todays_drill(pack, progress, now, s=s, round_id=rid).items
    if done and rid is not None and todays_drill(pack, progress, now, s=s, round_id=None).items:
        return "emprep drill" + (f" ({'; '.join(why)})" if why else "")
    if done:
        why.append("today's drill is done")
    more = " --more" if done else ""
    which = "" if rid is None else f" --round {rid}"
    return f"emprep drill{more}{which}" + (f" ({'; '.join(why)})" if why else "")


def story_coverage(pack: Pack, progress: Progress, now: datetime | None = None) -> Coverage:
    """What the stories cover of the questions in this candidate's track; given `now`, of
    those the drill still asks (`in_play`): a round behind the candidate needs no story more,
    so its own questions and criteria are no gaps, and the rounds past are named (`over`)."""
    from emprep.core.stories import coverage

    s = effective(progress.profile, pack.round_ids)
    qs = scope(pack, s, None)
    if now is None:
        return coverage(pack, progress.stories, qs)
    today = now.date()
    drilled = as_drilled(pack, progress, s, now)
    if drilled.interview is None or drilled.over(today):
        return coverage(pack, progress.stories, qs)
    over = [r for r in pack.round_ids if (day := drilled.date_of(r)) is not None and day < today]
    return coverage(pack, progress.stories, in_play(drilled, qs, today), over=over)


@datatype
class PaceInputs:
    """Everything the pace advice depends on, as plain data: equal inputs, equal advice."""

    moment: datetime  # today's start, at its UTC offset: the forecast does not read the hour
    cards: dict[str, CardState]
    scope: list[str]
    dates: dict[str, list[date]]  # each question's rounds' dates from today on
    count: int
    done_today: int
    rest: list[int]  # weekday numbers
    fit: Fit
    minutes: float = 0.0  # a question's, as the plan weighs it (`planner.question_minutes`)
    timed: int = 0  # the timed answers `minutes` is the median of; 0: the mean time box
    hours: float = 0.0  # the candidate's hours a week
    given: dict[str, datetime] = field(default_factory=dict)  # `Progress.given_to`


def pace_inputs(
    pack: Pack, progress: Progress, now: datetime, *, s: Settings, fit: Fit | None = None
) -> PaceInputs:
    """The whole loop at the configured count, from the progress as it stands; `fit` is
    `fitted(progress)`, given when a caller keeps it. A round over today is past, as the drill
    has it (`as_drilled`): the forecast does not read the hour, but its inputs do, so the
    chart moves on when the round is logged or the day's rounds end. Today's places taken are
    every question rated today (`rated_on`: on the day it was given on), as the drill counts
    them (`todays_drill`): a round's warm-ups rated before it was logged leave it none to
    play."""
    from emprep.core.planner import question_minutes
    from emprep.core.profile import timed_answers

    today = now.date()
    s = as_drilled(pack, progress, s, now)
    qs = new_order(pack, progress, s, questions=in_play(s, scope(pack, s, None), today), now=now)
    cards = {q.id: progress.cards[q.id] for q in qs if whole(progress.cards.get(q.id))}
    moment = now.astimezone(timezone(now.utcoffset() or timedelta(0)))
    minutes, timed = question_minutes([q.minutes for q in qs], timed_answers(progress))
    return PaceInputs(
        moment=moment.replace(hour=0, minute=0, second=0, microsecond=0),
        cards=cards,
        scope=[q.id for q in qs],
        dates={q.id: ahead for q in qs if (ahead := round_days(s, q, today))},
        count=s.count,
        done_today=len(rated_on(progress, now)),
        rest=sorted(weekdays(s.rest_days)),
        fit=fitted(progress) if fit is None else fit,
        minutes=minutes,
        timed=timed,
        hours=s.hours,
        given=progress.given_to([q for q in qs if q.id in cards], moment.tzinfo or UTC),
    )


@datatype
class Forecasting:
    """What `emprep progress` forecasts of the loop, so that a screen pointing to it points to
    something there (the plan said "emprep progress forecasts how many will be ready on the
    day" with no date, and on the last round's day, where it gives no forecast): from which
    day (`start`: `day` itself; a later day, for a date more than a year ahead; None, no round
    ahead has a date), whether a round still lacks a date (`undated`), and whether the count
    set falls short (`short`) with the count it advises (`advised`; None where no count up
    to `pace.MAX_ADVISED` a day would do)."""

    day: date
    start: date | None
    undated: bool
    short: bool = False
    advised: int | None = None


def forecasting(inputs: PaceInputs, s: Settings, pace: Callable[[], Advice | None]) -> Forecasting:
    """`Forecasting` of the pace `inputs` (of settings `s`); `pace` gives the advice where it
    is wanted (None where not: its count is said only of questions the plan leaves out), and
    is asked only where there is one to give today."""
    from emprep.core.pace import forecast_from

    day = inputs.moment.date()
    start = forecast_from(max((d for ds in inputs.dates.values() for d in ds), default=None), day)
    advice = pace() if start == day else None
    return Forecasting(
        day,
        start,
        undated=bool(s.undated),
        short=advice is not None and advice.short,
        advised=advice.advised.count if advice is not None and advice.advised else None,
    )


def round_days(s: Settings, q: Question, today: date) -> list[date]:
    """The dates of a question's rounds from today on, in order: its deadlines to come."""
    return sorted({d for r in q.rounds if (d := s.date_of(r)) is not None and d >= today})


def pace_advice(inputs: PaceInputs) -> Advice | None:
    """The pace advice (see `pace.advice`); None without a deadline ahead."""
    from emprep.core.scheduler import to_card

    return advice(
        cards={q: to_card(c) for q, c in inputs.cards.items()},
        now=inputs.moment,
        scope=inputs.scope,
        dates=inputs.dates,
        count=inputs.count,
        done_today=inputs.done_today,
        rest=frozenset(inputs.rest),
        fit=inputs.fit,
        minutes=inputs.minutes,
        timed=inputs.timed,
        hours=inputs.hours,
        given=inputs.given,
    )
