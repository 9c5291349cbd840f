"""The daily home screen's figures: the days left, this week's tasks, today's drill, what next.

Pure: the pack, the progress, the settings and `now` come in; nothing is read or written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from emprep.core.calibration import Fit
from emprep.core.datatype import datatype, replace
from emprep.core.errors import EmprepError
from emprep.core.models import Phase, Progress
from emprep.core.pack import Pack
from emprep.core.planner import Week
from emprep.core.practice import due_ahead, fitted, had_today, progress_report, todays_drill
from emprep.core.profile import current_plan
from emprep.core.rounds import Countdown, countdowns
from emprep.core.scheduler import rated_on
from emprep.core.settings import Settings


@datatype
class Task:
    """One task of this week's plan, numbered as `emprep task done N` takes it."""

    number: int
    text: str
    done: bool
    past: bool = False  # a round's own task (its mock), the round before the day: none to do
    minutes: int = 0  # its estimate
    left_out: bool = False  # the week's hours do not hold it after the drill: numbered after
    origin: int = 0  # the plan week it is from: another than this one for a task moved here
    phase: Phase | None = None  # its own phase, which a task from another week may not share


def listed(tasks: list[Task]) -> list[Task]:
    """The week's tasks as `today` lists them and as every "N of M done" counts them: a round's
    own task leaves once the round is past, unless it was ticked (it was done, and counts as
    done); unticked, it is no thing left to do. The numbers stay the plan's, which `task done
    N` takes, so a task ticked after its round comes back, ticked. A task left out is not one
    of them (`left_out`)."""
    return [k for k in tasks if (k.done or not k.past) and not k.left_out]


@datatype
class Today:
    """Everything `emprep today` shows, for the screen and JSON alike."""

    day: date
    interview: date | None
    days_left: int | None
    rounds: list[Countdown]  # each round's day, when any has one of its own
    week: Week | None
    weeks: int
    tasks: list[Task]
    left_out: list[Task]  # the week's tasks its hours do not hold, numbered after `tasks`
    drill_count: int  # the day's drill size
    rated_today: int
    drill_left: int  # questions the day's drill still asks
    rest_day: bool  # today is one of the candidate's rest days
    still_due: int  # reviews due today that today's drill leaves (drill --more)
    loop_over: bool  # the loop's last round is over (this evening, or before): plain FSRS
    next_due: tuple[date, int] | None  # the next later day with reviews due, and how many
    next_step: str

    @property
    def open_ended(self) -> bool:
        """Every dated round is past while others have no date yet (as `Report.open_ended`)."""
        past = self.days_left is not None and self.days_left < 0
        return past and any(c.date is None for c in self.rounds)


def this_week(
    pack: Pack, progress: Progress, s: Settings, *, day: date, tz: tzinfo | None
) -> tuple[Week | None, int, list[Task]]:
    """The plan week `day` (in `tz`) falls in (the first, before the plan starts: a rest
    day's first look, or a start set later), the plan's length, and all its tasks, numbered,
    with their ticks; a round's own task (its mock) shares a week with days after the round,
    and is marked past from the day after it (`listed`). The tasks the week's hours leave out
    follow, numbered after the kept ones, so a task done anyway can be ticked: ticked, it is
    kept in its week (`make_plan`)."""
    plan = current_plan(pack, s, progress, today=day, tz=tz)
    week = plan.week_shown(day) if plan else None
    done = pack.ticked(progress.done_tasks)
    over = {
        text
        for p in pack.phases
        for rid, text in p.before_round.items()
        if (d := s.date_of(rid)) is not None and d < day
    }
    if week is None:
        return None, len(plan.weeks) if plan else 0, []
    kept = zip(week.tasks, week.minutes, week.origins, week.owners, strict=True)
    left = zip(week.dropped, week.dropped_minutes, week.dropped_owners, strict=True)
    tasks = [
        Task(n, t, t in done, t in over, m, origin=k, phase=p)
        for n, (t, m, k, p) in enumerate(kept, 1)
    ]
    tasks += [
        Task(n, t, False, t in over, m, left_out=True, origin=week.number, phase=p)
        for n, (t, m, p) in enumerate(left, len(tasks) + 1)
    ]
    return week, len(plan.weeks) if plan else 0, tasks


def today(
    pack: Pack,
    progress: Progress,
    now: datetime,
    *,
    s: Settings,
    fit: Fit | None = None,
    behind: bool = False,
) -> Today:
    """The home screen's figures; `behind`: the count cannot keep up, so the pace line, not
    the next step, says the reviews the day's drill leaves."""
    day = now.date()
    week, weeks, tasks = this_week(pack, progress, s, day=day, tz=now.tzinfo)
    fit = fitted(progress) if fit is None else fit
    drill = todays_drill(pack, progress, now, s=s, round_id=None, fit=fit)
    report = progress_report(pack, progress, now, s=s, fit=fit, behind=behind, drill=drill)
    ahead = due_ahead(pack, progress, now, drill.held_due())
    # over today (logged, or the day's rounds surely over): done, the last day's too, as a
    # round logged on an earlier day is; `progress` says so in its `when`
    had = had_today(pack, progress, s, now)
    later = next(((d, n) for d, n in ahead[1:] if n), None)
    return Today(
        day=day,
        interview=s.interview,
        days_left=(s.interview - day).days if s.interview else None,
        rounds=[replace(c, had=c.round.id in had) for c in countdowns(pack, s, day)]
        if s.round_dates
        else [],
        week=week,
        weeks=weeks,
        tasks=listed(tasks),
        left_out=[k for k in tasks if k.left_out],
        drill_count=s.count,
        rated_today=len(rated_on(progress, now)),
        drill_left=len(drill.items),
        rest_day=drill.rest_day,
        still_due=max(0, ahead[0][1] - drill.due_held()),
        loop_over=drill.over,
        next_due=later,
        next_step=report.hint,
    )


def tick(
    pack: Pack,
    progress: Progress,
    tasks: list[Task],
    numbers: Sequence[int],
    *,
    done: bool,
    s: Settings,
    day: date,
) -> Progress:
    """The progress with tasks `numbers` of this week, as `tasks` numbers them, ticked (or
    unticked): a tick stored on a task's former text goes, the tick is kept on its text now.
    A number not in the week refuses them all. From the loop's last day on, the plan is
    behind: pointing at it would offer tasks no tick reaches."""
    if not tasks:
        if s.interview is not None and s.interview <= day and not s.undated:
            when = "is today" if s.interview == day else f"was on {s.interview}"
            raise EmprepError(
                f"the loop's last round {when}: its plan is behind you, "
                "and no task of it can be ticked or unticked any more"
            )
        raise EmprepError("this week has no plan tasks: see the plan with: emprep plan")
    wrong = [str(n) for n in dict.fromkeys(numbers) if not 1 <= n <= len(tasks)]
    if wrong:
        named = " or ".join(filter(None, [", ".join(wrong[:-1]), wrong[-1]]))  # 7, 8 or 9
        raise EmprepError(
            f"no task {named} this week: give 1 to {len(tasks)} (see them with: emprep today)"
        )
    texts = [tasks[n - 1].text for n in dict.fromkeys(numbers)]
    rest = [t for t in progress.done_tasks if pack.renamed_tasks.get(t, t) not in texts]
    return replace(progress, done_tasks=[*rest, *texts] if done else rest)
