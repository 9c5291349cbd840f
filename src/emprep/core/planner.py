"""Fit the guide's phases into the candidate's days: pure, `today` is an argument."""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date, timedelta

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, shown
from emprep.core.limits import MAX_WEEKS, check_whole
from emprep.core.models import Phase, Question, Track
from emprep.core.pack import Pack

DEFAULT_HOURS = 6.0
REVIEW_DAYS = 2  # a question is introduced at least this many days before its round


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
    questions: list[Question]
    focus: list[str] = field(default_factory=list)  # a line per phase, in the plan's own weeks
    tasks: list[str] = field(default_factory=list)  # the phases' tasks shared out, none repeated
    interviews: list[str] = field(default_factory=list)  # rounds dated in this week


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

    def week_of(self, day: date) -> Week | None:
        """The plan week `day` falls in, if any."""
        return next((w for w in self.weeks if w.start <= day <= w.end), None)

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
    track: str | None = None,
    round_dates: dict[str, date] | None = None,
) -> Plan:
    """The week-by-week plan from `start` to the day before `interview` (or `weeks` weeks).
    `round_dates` are the rounds' own days (the rest are on `interview`): the phases end at the
    last, the weeks up to an earlier one put its round first and introduce its questions in
    time for it, and the weeks after it no longer prepare it."""
    if weeks is None and interview is None:
        weeks = pack.loop.plan_weeks
    end = resolve_dates(start, interview, weeks)
    days = (end - start).days
    dates = {r: (round_dates or {}).get(r, end) for r in pack.round_ids}
    early = sorted(
        ((d, r) for r, d in dates.items() if start <= d < end),
        key=lambda dr: (dr[0], pack.round_ids.index(dr[1])),
    )
    spans, warnings = _fit_phases(pack.phases, days)
    due = {r: (d - start).days for r, d in dates.items()}
    intro = _in_time(_introduction_days(pack, spans, track), due, days)
    extra = _track(pack, track).tasks if track else []
    weeks_out = _weeks(
        pack, start, days, spans=spans, dates=dates, early=early, hours=hours, intro=intro
    )
    _share_out(weeks_out, {p.id: [t.text for t in extra if t.phase == p.id] for p in pack.phases})
    return Plan(start, end, hours, track, spans, weeks_out, warnings, dates)


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
    intro: list[tuple[Question, int]],
) -> list[Week]:
    """The plan's weeks, the last one short when the days run out: each with its phases, the
    rounds it prepares (one with an earlier day first, none already past), its hours and the
    questions it introduces."""
    weeks_out = []
    for n, first in enumerate(range(0, days, 7), start=1):
        last = min(first + 7, days)  # exclusive
        phases = [s.phase for s in spans if s.first_day < last and first < s.first_day + s.days]
        ahead = [r for d, r in early if (d - start).days >= first]
        past = {r for r, d in dates.items() if (d - start).days < first}
        rest = sorted(
            {r for p in phases for r in p.prepares} - set(ahead) - past,
            key=lambda r: pack.round_ids.index(r),
        )
        weeks_out.append(
            Week(
                number=n,
                start=start + timedelta(days=first),
                end=start + timedelta(days=last - 1),
                days=last - first,
                phases=phases,
                rounds=ahead + rest,
                hours=round(hours * (last - first) / 7, 1),
                questions=[q for q, d in intro if first <= d < last],
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


def _fit_phases(phases: list[Phase], days: int) -> tuple[list[PhaseSpan], list[str]]:
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
    spans = []
    first = 0
    for p, n in zip(phases, allocate_days(weights, days), strict=True):
        spans.append(PhaseSpan(p, first, n, days * p.weeks / total))
        first += n
    return spans, warnings


def _in_time(
    intro: list[tuple[Question, int]], due: dict[str, int], days: int
) -> list[tuple[Question, int]]:
    """Questions of a round dated before the end are introduced early enough to be seen again
    before it: those the phases would introduce later are spread over the days up to two
    before their round (the first day when the round is that close). A round before the
    start hurries nothing."""
    out = []
    late: dict[int, list[int]] = {}
    for i, (q, day) in enumerate(intro):
        deadline = min((due[r] for r in q.rounds if due[r] >= 0), default=days)
        if deadline < days and day > deadline - 1 - REVIEW_DAYS:
            late.setdefault(deadline, []).append(i)
        out.append((q, day))
    for deadline, idx in late.items():
        room = max(1, deadline - REVIEW_DAYS)
        for j, i in enumerate(idx):
            out[i] = (out[i][0], min(out[i][1], j * room // len(idx)))
    return sorted(out, key=lambda qd: qd[1])


def _introduction_days(
    pack: Pack, spans: list[PhaseSpan], track: str | None
) -> list[tuple[Question, int]]:
    """Each question is introduced in the first phase that prepares one of its rounds,
    spread evenly over that phase's days."""
    by_span: dict[int, list[Question]] = {i: [] for i in range(len(spans))}
    for q in pack.questions_for(track):
        home = next(
            (i for i, s in enumerate(spans) if set(q.rounds) & set(s.phase.prepares)),
            len(spans) - 1,
        )
        by_span[home].append(q)
    out = []
    for i, qs in by_span.items():
        s = spans[i]
        out += [(q, s.first_day + j * s.days // len(qs)) for j, q in enumerate(qs)]
    return out
