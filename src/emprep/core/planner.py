"""Fit the guide's phases into the candidate's days: pure, `today` is an argument."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import field, replace
from datetime import date, timedelta

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, shown
from emprep.core.limits import MAX_WEEKS, check_whole
from emprep.core.models import Phase, Question, Track, TrackTask
from emprep.core.pack import Pack

DEFAULT_HOURS = 9.0
TIMED = 10  # the timed answers from which a drill question is weighed at their median


@datatype
class PhaseSpan:
    """Where one phase of the guide falls in the candidate's days."""

    phase: Phase
    first_day: int  # offset from the start date; the span is [first_day, first_day + days)
    days: int
    ideal_days: float


@datatype
class Week:
    """One week of the plan: its phases, rounds, hours and questions."""

    number: int
    start: date
    end: date  # inclusive
    days: int
    phases: list[Phase]
    rounds: list[str]
    hours: float
    rate: float  # its hours a week: a short last week's `hours` are fewer
    questions: list[Question] = field(
        default_factory=list
    )  # first asked this week (`with_questions`)
    focus: list[str] = field(default_factory=list)  # a line per phase, in the plan's own weeks
    tasks: list[str] = field(default_factory=list)  # the phases' tasks shared out, none repeated
    interviews: list[str] = field(default_factory=list)  # rounds dated in this week
    minutes: list[int] = field(default_factory=list)  # each task's estimate, in `tasks`' order
    drill_minutes: int = 0  # the daily drill's, by its questions' time boxes (`_mean_minutes`)
    drill_fits: int | None = (
        None  # the largest daily count the week's hours hold; no practice day: None
    )
    dropped: list[str] = field(default_factory=list)  # tasks its hours do not hold (`_fit_week`)
    dropped_minutes: list[int] = field(default_factory=list)  # their estimates
    dropped_owners: list[Phase] = field(default_factory=list)  # their phases
    moved: list[str] = field(default_factory=list)  # its own tasks another week holds
    moved_minutes: list[int] = field(default_factory=list)  # their estimates
    moved_weeks: list[int] = field(default_factory=list)  # the weeks holding them
    moved_owners: list[Phase] = field(default_factory=list)  # their phases
    origins: list[int] = field(default_factory=list)  # each task's own week, in `tasks`' order
    owners: list[Phase] = field(default_factory=list)  # each task's phase, in `tasks`' order
    done_minutes: int = 0  # its ticked tasks' estimates: done, they take none of its hours

    @property
    def task_minutes(self) -> int:
        return sum(self.minutes)

    @property
    def over_minutes(self) -> int:
        """What its tasks still to do and its drill take beyond its hours: only its tasks of
        priority 1 put a week over, as no other is kept where it does not fit, and a ticked one
        takes none of the hours (`_fit_weeks`: counted, a tick that let a left-out task in
        made the week "over" and asked for more hours)."""
        left = self.task_minutes - self.done_minutes
        return max(0, left + self.drill_minutes - round(self.hours * 60))

    @property
    def hours_that_hold(self) -> int | None:
        """The fewest whole hours a week that would hold its tasks to do and drill (a short week
        gets its share of them), or None where its hours do."""
        if not self.over_minutes:
            return None
        need = self.task_minutes - self.done_minutes + self.drill_minutes
        rate = math.ceil(need * 7 / (60 * self.days))
        while round(rate * self.days / 7, 1) * 60 < need:  # a week's hours are to 0.1 h
            rate += 1
        return rate


@datatype
class Plan:
    """The guide's phases fitted to the candidate's dates and hours."""

    start: date
    interview: date
    hours_per_week: float
    track: str | None
    spans: list[PhaseSpan]
    weeks: list[Week]
    warnings: list[str] = field(default_factory=list)
    dates: dict[str, date] = field(default_factory=dict)  # each round's day; the last is the end
    unreached: list[str] = field(
        default_factory=list
    )  # not first asked by its end: `with_questions`
    question_minutes: float = 0.0  # a drill question's, as each week's drill is weighed
    timed: int = 0  # the answers `question_minutes` is the median of; 0: the time boxes' mean

    @property
    def days(self) -> int:
        return (self.interview - self.start).days

    @property
    def first_round(self) -> date:
        return min(self.dates.values(), default=self.interview)

    @property
    def last_rounds(self) -> list[str]:
        """The rounds on the plan's last day, in the guide's order: the day after its last
        week, shown apart as the interview day (as the calendar has them)."""
        return [r for r, d in self.dates.items() if d == self.interview]

    def round_day(self, rid: str) -> date:
        """The day of a round: its own, else the loop's last day."""
        return self.dates.get(rid, self.interview)

    def decision(self, timeline_days: int) -> date:
        """When a decision is due: the guide's timeline after the first round, and not before
        the last."""
        return max(self.first_round + timedelta(days=timeline_days), self.interview)

    def decided_after_last(self, timeline_days: int) -> bool:
        """The rounds span the guide's timeline or more: the decision comes after the last
        round, on no day the guide gives."""
        return self.first_round + timedelta(days=timeline_days) <= self.interview

    def week_of(self, day: date) -> Week | None:
        """The plan week `day` falls in, if any."""
        return next((w for w in self.weeks if w.start <= day <= w.end), None)

    def week_shown(self, day: date) -> Week | None:
        """The week every screen calls this plan's own on `day`: the one it falls in, or the
        first before the plan starts (a rest day's first look, a start set later)."""
        if self.weeks and day < self.weeks[0].start:
            return self.weeks[0]
        return self.week_of(day)

    def week_number(self, day: date) -> int | None:
        """The number of the week `day` falls in, if it is in the plan."""
        week = self.week_of(day)
        return week.number if week else None


def allocate_days(weights: list[int], days: int) -> list[int]:
    """Split `days` in proportion to `weights`, at least one each, each within a day of its ideal.

    Every part starts at max(1, floor(ideal)); the days left go one at a time to the part
    furthest below its ideal (largest remainder), earliest first on a tie.
    """
    if days < len(weights):
        raise ValueError("fewer days than parts")
    total = sum(weights)
    ideal = [days * w / total for w in weights]
    alloc = [max(1, int(x)) for x in ideal]
    while sum(alloc) < days:
        i = max(range(len(alloc)), key=lambda k: (ideal[k] - alloc[k], -k))
        alloc[i] += 1
    while sum(alloc) > days:
        i = max(
            (k for k in range(len(alloc)) if alloc[k] > 1),
            key=lambda k: (alloc[k] - ideal[k], k),
        )
        alloc[i] -= 1
    return alloc


def resolve_dates(start: date, interview: date | None, weeks: int | None) -> date:
    """The interview date from `--interview` or `--weeks`, checked against the start."""
    if interview is not None and weeks is not None:
        raise EmprepError("give --interview or --weeks, not both")
    if weeks is not None:
        check_whole("--weeks", weeks, low=1, high=MAX_WEEKS, example="--weeks 8")
        return start + timedelta(weeks=weeks)
    if interview is None:
        raise EmprepError("no interview date: give --interview DATE or --weeks N")
    if interview <= start:
        when = "is the start date" if interview == start else "is before the start"
        raise EmprepError(
            f"the interview ({interview}) {when} ({start}); "
            "give a later --interview or an earlier --start"
        )
    if (interview - start).days > MAX_WEEKS * 7:
        raise EmprepError(
            f"the interview ({interview}) is more than {MAX_WEEKS} weeks after the start "
            f"({start}), longer than emprep plans; give an earlier interview or a later --start"
        )
    return interview


def make_plan(
    pack: Pack,
    start: date,
    interview: date | None = None,
    *,
    weeks: int | None = None,
    hours: float = DEFAULT_HOURS,
    hours_before: Sequence[tuple[date, float]] = (),
    track: str | None = None,
    round_dates: dict[str, date] | None = None,
    count: int = 0,
    rest: Collection[int] = (),
    done: Collection[str] = (),
    today: date | None = None,
    timed: Sequence[int] = (),
) -> Plan:
    """The week-by-week plan from `start` to the day before `interview` (or `weeks` weeks).
    `round_dates` are the rounds' own days (the rest are on `interview`): the phases end at the
    last, in the order of the rounds they prepare, each by its round's day (`_fit_phases`); the
    weeks before an earlier round put it first, and the weeks after it no longer prepare it.
    The questions each week introduces are the drill's (`with_questions`). A week that ended
    before a change of the hours (`hours_before`: the hours that held before each day) keeps
    the hours it had. Each task has its estimate, and each week the minutes of a daily drill
    of `count` questions on its practice days (not a weekday in `rest`); a week keeps the
    tasks its hours hold after the drill, and every task ticked (`done`); a task its week
    cannot hold goes to another week with room, none that ended before `today`
    (`_fit_weeks`). A drill question takes the median of the candidate's latest answers
    (`timed`: their seconds) once there are `TIMED` of them, else the questions' mean time
    box, the most an answer may take (`question_minutes`)."""
    if weeks is None and interview is None:
        weeks = pack.loop.plan_weeks
    end = resolve_dates(start, interview, weeks)
    days = (end - start).days
    dates = {r: (round_dates or {}).get(r, end) for r in pack.round_ids}
    early = sorted(
        ((d, r) for r, d in dates.items() if start <= d < end),
        key=lambda dr: (dr[0], pack.round_ids.index(dr[1])),
    )
    due = {r: (d - start).days for r, d in dates.items()}
    spans, warnings = _fit_phases(_in_date_order(pack, due, days), days, due)
    extra = _track(pack, track).tasks if track else []
    weeks_out = _weeks(
        pack, start, days, spans=spans, dates=dates, early=early, hours=hours, before=hours_before
    )
    mine = {p.id: [t.text for t in extra if t.phase == p.id] for p in pack.phases}
    _share_out(weeks_out, mine)
    _before_rounds(pack, weeks_out, [s.phase for s in spans], due, mine)
    estimates = _estimates(pack, extra)
    ranks = _priorities(pack, extra)
    mean, measured = question_minutes([q.minutes for q in pack.questions_for(track)], timed)
    for w in weeks_out:
        practice = sum((w.start + timedelta(days=k)).weekday() not in rest for k in range(w.days))
        w.drill_minutes = round(count * mean * practice)
        w.drill_fits = int(w.hours * 60 // (mean * practice)) if mean and practice else None
    since = next((w.number - 1 for w in weeks_out if today is None or w.end >= today), 0)
    places = _places([s.phase for s in spans], mine, due, days)
    at = _fit_weeks(weeks_out, estimates, ranks, done, places, since)
    phases = [s.phase for s in spans]
    homes = {(k, t): n + 1 for (n, t), k in at.items()}
    for k, w in enumerate(weeks_out):
        w.minutes = [estimates[t] for t in w.tasks]
        w.origins = [homes[k, t] for t in w.tasks]
        w.owners = [phases[places[t].phase] for t in w.tasks]
        w.dropped_minutes = [estimates[t] for t in w.dropped]
        w.dropped_owners = [phases[places[t].phase] for t in w.dropped]
        w.moved_minutes = [estimates[t] for t in w.moved]
        w.moved_weeks = [at[k, t] + 1 for t in w.moved]
        w.moved_owners = [phases[places[t].phase] for t in w.moved]
        w.done_minutes = sum(estimates[t] for t in w.tasks if t in done)
    plan = Plan(start, end, hours, track, spans, weeks_out, warnings, dates)
    return replace(plan, question_minutes=mean, timed=measured)


def with_questions(plan: Plan, pack: Pack, first: dict[str, date]) -> Plan:
    """The plan with each week's questions: those first asked in it (`first`: each question's
    first day, as `introductions` plays the drill), by day, then in the bank's order; and the
    questions of its track the drill does not reach by the plan's end."""
    bank = {q.id: i for i, q in enumerate(pack.questions)}
    asked = sorted((d, bank[q], pack.question_by_id[q]) for q, d in first.items() if q in bank)
    weeks = [
        replace(w, questions=[q for d, _, q in asked if w.start <= d <= w.end]) for w in plan.weeks
    ]
    unreached = [q.id for q in pack.questions_for(plan.track) if q.id not in first]
    return replace(plan, weeks=weeks, unreached=unreached)


def _estimates(pack: Pack, extra: list[TrackTask]) -> dict[str, int]:
    """Each task's minutes: a phase's own estimate, a round's own task (its mock) the round's
    length, a track's task its own."""
    out = {t: m for p in pack.phases for t, m in p.task_minutes.items()}
    length = {r.id: r.minutes for r in pack.rounds}
    out |= {t: length[r] for p in pack.phases for r, t in p.before_round.items()}
    return out | {t.text: t.minutes for t in extra}


def _priorities(pack: Pack, extra: list[TrackTask]) -> dict[str, int]:
    """Each task's priority: a phase's own, a round's own task (its mock) 1, a track's its own."""
    out = {t: r for p in pack.phases for t, r in p.task_priority.items()}
    out |= {t: 1 for p in pack.phases for t in p.before_round.values()}
    return out | {t.text: t.priority for t in extra}


def question_minutes(boxes: Sequence[float], timed: Sequence[int]) -> tuple[float, int]:
    """A drill question's minutes, and the answers they are measured on: the median of the
    candidate's latest timed answers, once there are `TIMED` (a median, as a clock left
    running over lunch is one answer of an hour); before, the mean of the time `boxes` of the
    questions the drill asks, the most an answer may take. The plan and the pace advice both
    weigh a count so, so that the two never give one count two lengths."""
    if len(timed) >= TIMED:
        ordered, half = sorted(timed), len(timed) // 2
        mid = ordered[half] if len(timed) % 2 else (ordered[half - 1] + ordered[half]) / 2
        return mid / 60, len(timed)
    return (sum(boxes) / len(boxes) if boxes else 0.0), 0


@datatype
class _Place:
    """Where a task may go in the plan: its phase's place in the plan's order, its own in the
    phase's list (a round's own task, its mock, before the phase's own), and the last week
    before its round."""

    phase: int
    index: int
    last: int


def _places(
    phases: list[Phase], track_tasks: dict[str, list[str]], due: dict[str, int], days: int
) -> dict[str, _Place]:
    """Each task's `_Place`: a phase's tasks, then its track's, in their order."""
    out = {}
    for k, p in enumerate(phases):
        last = max(0, (min(_phase_due(p, due, days), days) - 1) // 7)
        for i, t in enumerate(p.tasks + track_tasks.get(p.id, [])):
            out[t] = _Place(k, i, last)
        for t in p.before_round.values():
            out[t] = _Place(k, -1, last)
    return out


def _fit_weeks(
    weeks: list[Week],
    estimates: dict[str, int],
    ranks: dict[str, int],
    done: Collection[str],
    places: dict[str, _Place],
    since: int,
) -> dict[tuple[int, str], int]:
    """Each week's tasks its hours hold once the drill has its minutes: every task ticked (its
    work is done, and takes none of the hours left: a tick was lost from `today`, said "left
    out" by `plan`, once the hours went down), in the week the plan gives it unticked (a task
    ticked in the week it moved to went back to its own, out of the list it was ticked in),
    and every task of priority 1 (the stories, 'Why Coursera?', a design, the mocks of the
    rounds ahead) in its own week; then those of priority 2, then 3: each in its own week
    where it still fits, in the week's order, and the rest, each in turn, in the nearest
    earlier week with room for it, else the nearest later one with room before its round. A
    task never comes before one its phase lists before it (the vision pages after the table
    they are written from; the mocks with a person and the videos after the rounds' mocks),
    nor after one listed after it, nor in a week ended before the week `since`. A phase with
    more weeks than tasks repeats its last in the weeks its list has run out (`_share_out`):
    such a repeat, before the task's own (last) week, stays in its week where it fits, orders
    nothing and is ordered by nothing (in a long plan the repeats of the mock phase's last
    task barred the mock with a person from the last week), is never moved, and is not
    `dropped` (it was listed as left out in every week of a long phase, and moved to
    weeks after the phase's others: 86 such lines at 104 weeks and 3 h, 58 moves at 10 h).
    What no week holds is `dropped` from its own; what another week holds is `moved` from its
    own (a week whose one task went on to the last week listed none, and read as empty). The
    week each task went to, by its own week and text."""
    room = [round(w.hours * 60) - w.drill_minutes for w in weeks]
    own = [(n, t) for n, w in enumerate(weeks) for t in w.tasks]
    unticked: dict[tuple[int, str], int] = {}
    if any(t in done and ranks[t] != 1 for _, t in own):  # one of priority 1 never moves
        unticked = _fit_weeks([replace(w) for w in weeks], estimates, ranks, (), places, since)
    at: dict[tuple[int, str], int] = {}
    placed: dict[int, list[tuple[int, int, str, bool]]] = {}  # a phase's: index, week, task
    last = {t: n for n, t in own}  # a task's own week: those before it hold repeats of it

    def put(t: str, home: int, n: int) -> None:
        at[home, t] = n
        room[n] -= 0 if t in done else estimates[t]
        again = last[t] != home
        placed.setdefault(places[t].phase, []).append((places[t].index, n, t, again))

    def fits(t: str, n: int, home: int) -> bool:
        mine = places[t]
        if estimates[t] > room[n]:
            return False
        if any(s == t and k == n for _, k, s, _ in placed.get(mine.phase, [])):
            return False
        if last[t] != home:  # a repeat orders nothing, and nothing orders it
            return True
        return not any(
            (i < mine.index and k > n) or (i > mine.index and k < n)
            for i, k, _, again in placed.get(mine.phase, [])
            if not again
        )

    for n, t in own:
        if ranks[t] == 1 or t in done:
            put(t, n, unticked.get((n, t), n))
    for rank in (2, 3):
        left = []
        for n, t in own:
            if ranks[t] == rank and t not in done:
                if fits(t, n, n):
                    put(t, n, n)
                elif last[t] == n:  # a repeat its week cannot hold is not moved
                    left.append((n, t))
        for n, t in left:
            later = range(n + 1, min(places[t].last, len(weeks) - 1) + 1)
            to = next((k for k in [*range(n - 1, since - 1, -1), *later] if fits(t, k, n)), None)
            if to is not None:
                put(t, n, to)
    for n, w in enumerate(weeks):
        w.dropped = [t for t in w.tasks if (n, t) not in at and last[t] == n]
        w.moved = [t for t in w.tasks if at.get((n, t), n) != n]
        w.tasks = _in_order([t for (_, t), k in at.items() if k == n], w.tasks, places)
    return at


def _in_order(tasks: list[str], own: list[str], places: dict[str, _Place]) -> list[str]:
    """A week's tasks: its own in their order, each task from another week before the first
    that comes later in the phases' order, after the mocks that open the week (a round
    inside it)."""
    out = [t for t in own if t in tasks]
    lead = next((i for i, t in enumerate(out) if places[t].index != -1), len(out))

    def key(t: str) -> tuple[int, int]:
        return (places[t].phase, places[t].index)

    for t in tasks:
        if t not in own:
            i = next((i for i in range(lead, len(out)) if key(out[i]) > key(t)), len(out))
            out.insert(i, t)
    return out


def _phase_due(phase: Phase, due: dict[str, int], days: int) -> int:
    """The day (from the start) a phase must be done by: the earliest round ahead that it
    prepares; the loop's end for a phase that prepares every round (the guide's mocks)."""
    if set(phase.prepares) >= set(due):
        return days
    return min((due[r] for r in phase.prepares if 0 < due.get(r, days) < days), default=days)


def _in_date_order(pack: Pack, due: dict[str, int], days: int) -> list[Phase]:
    """The guide's phases in the order of their rounds' days, the guide's order on a tie: with
    one date for the whole loop, the guide's order."""
    return sorted(pack.phases, key=lambda p: (_phase_due(p, due, days), p.order))


def _track(pack: Pack, tid: str) -> Track:
    """The plan's track. An option's is resolved before it comes here, so one this loop lacks
    is the profile's (edited by hand, or set under another pack): say where it is and the fix."""
    if tid not in pack.track_ids:
        ids = pack.track_ids
        fix = f"its tracks: {', '.join(ids)}); set one: emprep config set track {ids[0]}, or none"
        raise EmprepError(
            f"profile.track in your progress file is '{shown(tid)}', which this loop lacks ("
            + (fix if ids else "it has none); clear it")
            + ": emprep config unset track"
        )
    return next(t for t in pack.tracks if t.id == tid)


def _weeks(
    pack: Pack,
    start: date,
    days: int,
    *,
    spans: list[PhaseSpan],
    dates: dict[str, date],
    early: list[tuple[date, str]],
    hours: float,
    before: Sequence[tuple[date, float]],
) -> list[Week]:
    """The plan's weeks, the last one short when the days run out: each with its phases, the
    rounds it prepares (one dated in it or in the week after it first, none already past) and
    its hours: those that held on its last day (`before`, else `hours`)."""
    weeks_out = []
    for n, first in enumerate(range(0, days, 7), start=1):
        last = min(first + 7, days)  # exclusive
        phases = [s.phase for s in spans if s.first_day < last and first < s.first_day + s.days]
        ahead = [r for d, r in early if first <= (d - start).days < last + 7]
        past = {r for r, d in dates.items() if (d - start).days < first}
        rest = sorted(
            {r for p in phases for r in p.prepares} - set(ahead) - past,
            key=lambda r: pack.round_ids.index(r),
        )
        end = start + timedelta(days=last - 1)
        rate = next((h for until, h in before if end < until), hours)
        weeks_out.append(
            Week(
                number=n,
                start=start + timedelta(days=first),
                end=end,
                days=last - first,
                phases=phases,
                rounds=ahead + rest,
                hours=round(rate * (last - first) / 7, 1),
                rate=rate,
                interviews=[r for d, r in early if first <= (d - start).days < last],
            )
        )
    return weeks_out


def _share_out(weeks: list[Week], track_tasks: dict[str, list[str]]) -> None:
    """Each phase's tasks (then the candidate's track's for it) in order across the weeks it
    spans, so no week repeats another's; the guide's "Weeks 1-2:" is kept only where the phase
    falls on those very weeks."""
    for p in {p.id: p for w in weeks for p in w.phases}.values():
        mine = [w for w in weeks if p in w.phases]
        own = mine[0].number == p.first_week and mine[-1].number == p.last_week
        line = p.summary if own else re.sub(r"^Weeks? [0-9-]+:\s*", "", p.summary)
        n = len(mine)
        tasks = p.tasks + track_tasks.get(p.id, [])
        for k, w in enumerate(mine):
            w.focus.append(line)
            w.tasks += tasks[k * len(tasks) // n : (k + 1) * len(tasks) // n] or tasks[-1:]


def _before_rounds(
    pack: Pack,
    weeks: list[Week],
    phases: list[Phase],
    due: dict[str, int],
    track_tasks: dict[str, list[str]],
) -> None:
    """Each round's own task (`before_round`: its mock, at the round's length) in the week
    holding the day before the round, the rounds by day: first in the week when that day comes
    before the week's last (a screen on its Wednesday is mocked by Tuesday), else after the
    tasks of the week's other phases (a round is mocked once it is prepared, not before the
    strategy table or the stories it asks for) and before its own phase's. The last week keeps
    a mock a day, in that order, and leaves the rest to the week before where the mocks' phase
    has begun by then (five mocks are not asked of the one day before the interview), at any
    hours: fewer hours never put more mocks in a week. A round on or before the plan's first
    day has no day before it in the plan."""
    last = (weeks[-1].end - weeks[0].start).days + 1 if weeks else 0
    own: dict[int, list[tuple[int, int, str, Phase]]] = {}
    for p in phases:
        for rid, text in p.before_round.items():
            if due[rid] > 0:
                w = (min(due[rid], last) - 1) // 7
                own.setdefault(w, []).append((due[rid], pack.round_ids.index(rid), text, p))
    end = len(weeks) - 1
    if end > 0 and end in own:
        kept: list[tuple[int, int, str, Phase]] = []
        for task in sorted(own[end], key=lambda t: t[:2]):
            full = len(kept) >= weeks[end].days and task[3] in weeks[end - 1].phases
            (own.setdefault(end - 1, []) if full else kept).append(task)
        own[end] = kept
    for w, tasks in own.items():
        tasks.sort(key=lambda t: t[:2])
        last_day = (weeks[w].end - weeks[0].start).days
        early = [t for d, _, t, _ in tasks if d - 1 < last_day]
        weeks[w].tasks = early + weeks[w].tasks
        tasks[:] = [t for t in tasks if t[2] not in early]
        for p in {p.id: p for *_, p in tasks}.values():
            texts = [t for _, _, t, q in tasks if q.id == p.id]
            theirs = set(p.tasks) | set(track_tasks.get(p.id, []))
            have = weeks[w].tasks
            at = next((i for i, t in enumerate(have) if t in theirs), len(have))
            weeks[w].tasks = have[:at] + texts + have[at:]


def _fit_phases(
    phases: list[Phase], days: int, due: dict[str, int]
) -> tuple[list[PhaseSpan], list[str]]:
    """The phases (in the plan's order) over `days`, in proportion to the guide's weeks; a
    phase that would run past its round's day ends the day before it (at least a day each),
    the days after it shared out among the later phases in the same proportions."""
    weights = [p.weeks for p in phases]
    total = sum(weights)
    warnings: list[str] = []
    if days < len(phases):
        kept = phases[len(phases) - days :]
        warnings.append(
            f"only {days} day{'s' if days != 1 else ''} to the interview: too few for all "
            f"{len(phases)} phases (one day each), so this plan keeps the last {days}: "
            + ", ".join(p.name for p in kept)
        )
        return [PhaseSpan(p, i, 1, days * p.weeks / total) for i, p in enumerate(kept)], warnings
    alloc = allocate_days(weights, days)
    first = 0
    for i, p in enumerate(phases):
        room = _phase_due(p, due, days) - first
        later = len(phases) - i - 1
        if alloc[i] > room:
            alloc[i] = min(max(1, room), days - first - later)
            if later:
                alloc[i + 1 :] = allocate_days(weights[i + 1 :], days - first - alloc[i])
        first += alloc[i]
    spans, first = [], 0
    for p, n in zip(phases, alloc, strict=True):
        spans.append(PhaseSpan(p, first, n, days * p.weeks / total))
        first += n
    return spans, warnings
