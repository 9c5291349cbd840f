"""The figures of `emprep progress`, computed from the pack and the progress alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from emprep.core.calibration import FSRS, Fit, recall
from emprep.core.datatype import datatype
from emprep.core.days import next_practice_day, on_practice_day, weekdays
from emprep.core.mock import RoundHistory, history
from emprep.core.models import Interview, Progress, Question, RestBefore
from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.core.rounds import LOG_WITHIN_DAYS, earlier_loops, over_today, this_loop
from emprep.core.scheduler import due_date, interview_moment
from emprep.core.stories import Coverage, coverage
from emprep.core.words import the_round

if TYPE_CHECKING:
    from emprep.core.pace import Advice

HEATMAP_WEEKS = 12
FORECAST_DAYS = 7
WEAKEST = 5


@datatype
class RoundReadiness:
    """How ready one round is: seen, due and predicted recall on its own day (today once the
    round is past, or without a date)."""

    id: str
    name: str
    seen: int
    total: int
    due_today: int
    recall: float  # mean predicted recall over the round's questions; unseen count as 0
    date: date | None = None
    days: int | None = None  # to the round's day; negative once it is past
    # done, on the table and in the JSON alike: past, or today and over (logged, or its day's
    # rounds surely are), the last day's rounds too
    over: bool = False
    had: bool = False  # today and over while a later round is ahead: the drill is past it

    @property
    def past(self) -> bool:
        return self.days is not None and self.days < 0

    @property
    def finished(self) -> bool:
        """Past, or had today: it asks nothing more, its questions count under later rounds."""
        return self.past or self.had


@datatype
class Report:
    """Everything `progress` shows, in one value for the table and JSON alike."""

    today: date
    interview: date | None
    days_to_interview: int | None
    week: int | None
    weeks: int | None
    streak: int
    reviews: int
    seconds: int
    practice_days: int
    rounds: list[RoundReadiness]
    heatmap: list[tuple[date, int]]
    forecast: list[tuple[date, int]]
    weakest: list[tuple[Question, float]]
    hint: str
    mocks: list[RoundHistory]
    stories: Coverage
    interviews: list[Interview] = field(default_factory=list)  # rounds had: `rounds log`
    earlier: list[Interview] = field(default_factory=list)  # logged before this loop started
    pace: Advice | None = None  # the forecast at the configured count, and the advised one
    week_from: date | None = None  # the plan's first day, while `week` (its first) is ahead
    still_due: int = 0  # reviews due today that today's drill leaves (drill --more)

    @property
    def open_ended(self) -> bool:
        """Every dated round is past while others have no date yet: the loop goes on to a day
        not known yet, so it has no end to count to (the drill's `interview` is None too)."""
        past = self.days_to_interview is not None and self.days_to_interview < 0
        return past and any(r.date is None for r in self.rounds)


def streak(
    days: set[date],
    today: date,
    rest: frozenset[int] = frozenset(),
    before: Sequence[RestBefore] = (),
) -> int:
    """Consecutive practice days ending today, or yesterday while today is still open. A rest
    day (weekday numbers in `rest`) without practice is skipped: the weekend off breaks nothing.
    A day before a change of the rest days is judged by those it had then (`before`): setting
    or unsetting them rewrites no past streak."""
    periods = sorted((b.until, weekdays(b.days)) for b in before)

    def resting(day: date) -> bool:
        held = next((wd for until, wd in periods if day < until), rest)
        return day.weekday() in held

    day = today if today in days else today - timedelta(days=1)
    first = min(days, default=today)
    n = 0
    while day >= first and (day in days or resting(day)):
        n += day in days
        day -= timedelta(days=1)
    return n


def forecast(
    progress: Progress,
    now: datetime,
    scope: list[Question],
    rest: frozenset[int] = frozenset(),
    held: frozenset[str] = frozenset(),
    kept: Collection[str] | None = None,
    rounds: Collection[date] = frozenset(),
) -> list[tuple[date, int]]:
    """Reviews due on each of the next days, today first (overdue ones count today); a review
    due on one of the `rest` days counts on the practice day after it, when it comes back (as
    `emprep review` says), but on a round's day (`rounds`), whose drill is its warm-up. A
    review due today and not done stays due: one the day's drill does not hold (`held` ids,
    asked today) counts on the next practice day too, with those falling due then, if the
    drill still asks it then (`kept` ids; None: all of `scope`)."""
    today = now.date()
    given = progress.given_to(scope, now.tzinfo or UTC)
    days = {
        q.id: on_practice_day(
            max(due_date(progress.cards[q.id], now, given.get(q.id)), today), rest, rounds
        )
        for q in scope
        if q.id in progress.cards
    }
    due = Counter(days.values())
    due[next_practice_day(today, rest, rounds)] += sum(
        d == today and qid not in held and (kept is None or qid in kept) for qid, d in days.items()
    )
    return [(d, due.get(d, 0)) for d in (today + timedelta(days=i) for i in range(FORECAST_DAYS))]


def build_report(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    scope: list[Question],
    asked: list[Question] | None = None,
    deadlines: Mapping[str, date] | None = None,
    interview: date | None,
    plan: Plan | None,
    round_dates: Mapping[str, date | None] | None = None,
    left: int = 5,
    minutes: int = 0,
    held: frozenset[str] = frozenset(),
    kept: frozenset[str] | None = None,
    rest: frozenset[int] = frozenset(),
    fit: Fit = FSRS,
    behind: bool = False,
) -> Report:
    """`round_dates` are the rounds' days (None: a round with no date yet, while others have
    theirs); a round not in it is on `interview`; `asked`
    the questions the drill still asks (default `scope`), each due for its deadline in
    `deadlines` (default: `interview` for all); `left` the questions the day's drill still
    asks (`minutes`: their time boxes in all), `held` the ids of those due; `kept` the ids
    the drill still asks on the next practice day (None: all of `asked`); `rest`
    the rest days' weekday numbers; `behind`: the count cannot keep up, so the pace line says
    the reviews the day's drill leaves, not the next step.
    Recall is predicted by FSRS fitted to the candidate (`fit`, see `calibration`)."""
    today = now.date()
    asked = scope if asked is None else asked
    if deadlines is None:
        deadlines = {q.id: interview for q in asked} if interview else {}
    per_day, seconds = progress.practice(now.tzinfo)
    rounds = round_readiness(pack, progress, now, scope, interview, round_dates or {}, fit)
    week = plan.week_shown(today) if plan else None
    # a round's day is no rest day, its evening once the round is over neither, as the drill
    # has it: a review due then counts on that day
    days = frozenset(r.date for r in rounds if r.date is not None)
    ahead = forecast(progress, now, asked, rest, held, kept, days)
    beyond = max(0, ahead[0][1] - len(held))
    # a day an interview is on is no rest day, as the drill has it: its warm-up is the drill
    resting = today.weekday() in rest and not any(r.days == 0 for r in rounds)
    return Report(
        today=today,
        interview=interview,
        days_to_interview=(interview - today).days if interview else None,
        week=week.number if week else None,
        week_from=week.start if week and today < week.start else None,
        weeks=len(plan.weeks) if plan else None,
        streak=streak(set(per_day), today, rest, progress.profile.rest_before),
        reviews=progress.review_count,
        seconds=seconds,
        practice_days=len(per_day),
        rounds=rounds,
        heatmap=[(d, per_day.get(d, 0)) for d in heatmap_days(today)],
        forecast=ahead,
        weakest=weakest_questions(pack, progress, now, scope=asked, deadlines=deadlines, fit=fit),
        hint=next_step(
            progress,
            rounds,
            beyond,
            interview=interview,
            left=left,
            minutes=minutes,
            rest_day=resting,
            behind=behind,
        ),
        mocks=history(pack, progress, now),
        stories=coverage(pack, progress.stories, asked),  # a round past needs no story more
        interviews=sorted(this_loop(progress), key=lambda i: i.day),  # one logged late too
        earlier=sorted(earlier_loops(progress), key=lambda i: i.day),
        still_due=beyond,
    )


def round_readiness(
    pack: Pack,
    progress: Progress,
    now: datetime,
    scope: list[Question],
    interview: date | None,
    round_dates: Mapping[str, date | None],
    fit: Fit,
) -> list[RoundReadiness]:
    """Each round's readiness on its own day; a round without one is on `interview`. A round
    of today is over once logged, or once its day's rounds are surely over (`rounds_over`);
    had, as the drill counts it (`practice.as_drilled`), while a later round is ahead."""
    days = {r: round_dates.get(r, interview) for r in pack.round_ids}
    ended = over_today(pack, days, ((i.round, i.day) for i in this_loop(progress)), now)
    out = []
    for r, day in days.items():
        one = readiness(pack, progress, now, scope=scope, rid=r, day=day, fit=fit)
        if one.days == 0 and day is not None:
            later = interview is not None and day < interview
            one = replace(one, over=r in ended, had=r in ended and later)
        out.append(replace(one, over=True) if one.past else one)
    return out


def weakest_questions(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    scope: list[Question],
    deadlines: Mapping[str, date],
    fit: Fit = FSRS,
) -> list[tuple[Question, float]]:
    """The questions least likely to be answered well on the morning of their deadline (the
    earliest of their rounds' days still ahead; now, for a question without one), fewest
    first; in `scope` order among equals."""
    cards = progress.cards

    def when(qid: str) -> datetime:
        day = deadlines.get(qid)
        return interview_moment(day, now.tzinfo) if day and day >= now.date() else now

    predicted = {q.id: recall(cards[q.id], when(q.id), fit) for q in scope if q.id in cards}
    order = {q.id: i for i, q in enumerate(scope)}
    lowest = sorted(predicted.items(), key=lambda kv: (kv[1], order[kv[0]]))[:WEAKEST]
    return [(pack.question_by_id[qid], r) for qid, r in lowest]


def readiness(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    scope: list[Question],
    rid: str,
    day: date | None,
    fit: Fit = FSRS,
) -> RoundReadiness:
    """One round's figures, its recall predicted for the morning of its own day."""
    today = now.date()
    cards, given = progress.cards, progress.given_to(scope, now.tzinfo or UTC)
    when = interview_moment(day, now.tzinfo) if day and day >= today else now
    qs = [q for q in scope if rid in q.rounds]
    return RoundReadiness(
        rid,
        pack.round(rid).name,
        seen=sum(q.id in cards for q in qs),
        total=len(qs),
        due_today=sum(
            q.id in cards and due_date(cards[q.id], now, given.get(q.id)) <= today for q in qs
        ),
        recall=sum(recall(cards[q.id], when, fit) for q in qs if q.id in cards) / len(qs)
        if qs
        else 0.0,
        date=day,
        days=None if day is None else (day - today).days,
    )


def heatmap_days(today: date) -> list[date]:
    """The last 12 calendar weeks, Monday first, up to today: whole columns, a straight edge."""
    monday = today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)
    return [monday + timedelta(days=i) for i in range((today - monday).days + 1)]


def next_step(
    progress: Progress,
    rounds: list[RoundReadiness],
    beyond: int,
    *,
    interview: date | None,
    left: int,
    minutes: int = 0,
    rest_day: bool = False,
    behind: bool = False,
) -> str:
    """The one thing to do next: a date to pace to, logging a round just had (within a week,
    while it is remembered), once the loop is over a date for the next one, on a rest day
    rest (but not the eve of a round: the pace advice counts what drilling it adds), today's
    drill (the `left` questions it still asks, `minutes` their time boxes, and the `beyond`
    reviews due today it leaves for `drill --more`, unless the count cannot keep up, `behind`:
    the pace line says them then, with the count as their cause), a first story, then more
    practice for the next round."""
    if interview is None:
        return "emprep config set interview YYYY-MM-DD (the plan and the drill pace to it)"
    if logging := log_step(progress, rounds):
        return logging
    if rounds and all(r.over for r in rounds):
        step = "emprep config set interview YYYY-MM-DD (the loop is over: a date for the next one"
        if not progress.profile.rounds:
            return step + ")"
        # a round dated on its own keeps that date: the loop's would not move it (`config set`
        # says so), so the step says how to give it the next loop's
        return step + (
            "; a round with a date of its own takes it once that is unset: "
            "emprep config unset interview.ROUND)"
        )
    size = "1 question" if left == 1 else f"{left} questions"
    tomorrow = [r for r in rounds if r.days == 1]
    if left and rest_day and tomorrow:
        return f"emprep drill (today's {size}: a rest day, but {_tomorrows(tomorrow, interview)})"
    if left and rest_day:
        return f"rest: today is one of your rest days (the drill is there all the same: {size})"
    if left and not progress.log:
        return f"emprep drill ({size}, about {minutes or 2 * left} minutes)"
    if left and beyond and not behind:
        return f"emprep drill (today's {size}; {beyond} more due after it: emprep drill --more)"
    if left:
        return f"emprep drill (today's {size})"
    if not progress.stories:
        return "emprep story add (no STAR story yet; most of the loop is behavioural)"
    return more_practice([r for r in rounds if not r.over] or rounds)


def _tomorrows(rounds: list[RoundReadiness], interview: date) -> str:
    """The rounds of tomorrow in a sentence: one by its name, the last day's as the interview,
    as the headings count to it, and several before it by their ids, as the drill's heading
    names a day's rounds ("the technical, people and strategic rounds are tomorrow")."""
    if len(rounds) == 1:
        return f"{the_round(rounds[0].name)} is tomorrow"
    if rounds[0].date == interview:
        return "the interview is tomorrow"
    ids = [r.id for r in rounds]
    return f"the {', '.join(ids[:-1])} and {ids[-1]} rounds are tomorrow"


def log_step(progress: Progress, rounds: list[RoundReadiness]) -> str | None:
    """Logging the latest round over (today's evening included) within a week, while it is
    remembered; None when there is none to log."""
    logged = {i.round for i in this_loop(progress)}
    had = [r for r in rounds if r.over and (r.days or 0) >= -LOG_WITHIN_DAYS and r.id not in logged]
    if not had:
        return None
    r = max(had, key=lambda r: r.days or 0)
    return f"emprep rounds log {r.id} (what the {r.id} round asked, while you remember it)"


def more_practice(ahead: list[RoundReadiness]) -> str:
    """Extra practice for the rounds still ahead: the weakest of those on the nearest day, so
    a screen tomorrow comes before the onsite's weakest round, weeks away."""
    first = min((r.days for r in ahead if r.days is not None), default=None)
    near = [r for r in ahead if r.days == first]
    weakest = min(near or ahead, key=lambda r: (r.recall, -r.total))
    if len(near) == len(ahead) or not near:
        return f"emprep drill --more --round {weakest.id} (your weakest round: {weakest.name})"
    when = {0: "today", 1: "tomorrow"}.get(first or 0, f"in {first} days")
    if len(near) == 1:
        return f"emprep drill --more --round {weakest.id} (your next round: {weakest.name}, {when})"
    return (
        f"emprep drill --more --round {weakest.id} "
        f"(your weakest of the next rounds, {when}: {weakest.name})"
    )
