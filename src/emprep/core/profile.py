"""The candidate's profile: stored defaults that the command line overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from emprep.core.days import on_practice_day, parse_rest_days, weekdays
from emprep.core.errors import EmprepError, shown
from emprep.core.ids import did_you_mean
from emprep.core.limits import (
    LAST_DAY,
    MAX_COUNT,
    MAX_WEEKS,
    check_hours,
    check_whole,
    typed_hours,
    typed_whole,
)
from emprep.core.models import (
    HoursBefore,
    Interview,
    LoopBefore,
    Profile,
    Progress,
    RestBefore,
    days_given,
    log_lines,
)
from emprep.core.pack import Pack
from emprep.core.parse import parse_date
from emprep.core.planner import DEFAULT_HOURS, Plan, make_plan
from emprep.core.rounds import LOOP_KEY, RoundDate, notes, round_dates, round_key, this_loop
from emprep.core.settings import Settings, effective

KEYS = ["interview", "start", "hours", "track", "count", "rest-days"]
ROUND_PREFIX = LOOP_KEY + "."


def practice_start(s: Settings, progress: Progress, today: date, tz: tzinfo | None) -> date:
    """The plan's first day: the profile's start, else the first practice day (not a rest
    day) on or after the day the first review was given on, where it was given (`days_given`:
    its UTC day is the day before or after for an evening west of Greenwich or a morning east
    of it, and a flight moves no week of the plan), else on or after today. So the weeks shown
    before the first review are the weeks after it: a review on a rest day (before the plan)
    moves nothing, nor does a rest day's `today`. A first practice day on or after the loop's
    end (rest days up to the interview) is not taken: the plan starts on the review's day, or
    today, as it was."""
    if s.start:
        return s.start
    first = progress.first_line
    began = next(days_given([first], tz)) if first else today
    day = on_practice_day(began, weekdays(s.rest_days))
    end = s.end(today)
    if end is not None and day >= end:
        return began
    if first and s.interview is not None and (s.interview - day).days > MAX_WEEKS * 7:
        raise EmprepError(  # an earlier loop's practice: no option of today's or drill's helps
            f"the interview ({s.interview}) is more than {MAX_WEEKS} weeks after your first "
            f"practice day ({day}), where a plan starts when no start is set; set "
            "one: emprep config set start YYYY-MM-DD"
        )
    return day


def current_plan(
    pack: Pack, s: Settings, progress: Progress, *, today: date, tz: tzinfo | None
) -> Plan | None:
    """The plan the drill follows: to the interview, or the guide's weeks without a date.
    The last one made is kept: a command asks for it up to three times (the drill, the
    report, the pace), and making it is a third of a millisecond."""
    start = practice_start(s, progress, today, tz)
    end = s.end(today)
    done = pack.ticked(progress.done_tasks)
    timed = timed_answers(progress)
    for kept, plan in _LAST_PLAN:
        if kept[0] is pack and kept[1:] == (start, end, s, done, today, timed):
            return plan
    plan = _plan(pack, s, start, end, done, today, timed)
    _LAST_PLAN[:] = [((pack, start, end, s, done, today, timed), plan)]
    return plan


# the pack held, not only its id: an id is reused only once its object is gone
_LAST_PLAN: list[
    tuple[tuple[Pack, date, date | None, Settings, frozenset[str], date, list[int]], Plan | None]
] = []


def _plan(
    pack: Pack,
    s: Settings,
    start: date,
    end: date | None,
    done: frozenset[str],
    today: date,
    timed: Sequence[int],
) -> Plan | None:
    """The plan to `end` (the loop's last day as known today), or the guide's weeks while
    the rounds still ahead have no date."""
    if end is None:
        return make_plan(
            pack,
            start,
            hours=s.hours,
            track=s.track,
            hours_before=s.hours_before,
            count=s.count,
            rest=weekdays(s.rest_days),
            done=done,
            today=today,
            timed=timed,
        )
    if end <= start:
        return None
    return make_plan(
        pack,
        start,
        interview=_reachable(s, end, start),
        hours=s.hours,
        hours_before=s.hours_before,
        track=s.track,
        round_dates=own_dates(pack, s),
        count=s.count,
        rest=weekdays(s.rest_days),
        done=done,
        today=today,
        timed=timed,
    )


def timed_answers(progress: Progress, latest: int = 50) -> list[int]:
    """The seconds of the candidate's latest answers the drill timed (a rating given with
    none, `emprep review` without `--seconds`, is not one): how long their answers take.
    Found once a log: `today` asks four times, and a log of 10,000 ratings none of them
    timed (a script's `emprep review`) is read whole each time (1.8 ms)."""
    return list(_timed(progress.log, latest))


@lru_cache(maxsize=2)
def _timed(log: str, latest: int) -> tuple[int, ...]:
    """`timed_answers` of `log`."""
    out: list[int] = []
    for line in reversed(log_lines(log)):
        if (seconds := int(line[line.rindex(" ") + 1 :])) > 0:
            out.append(seconds)
            if len(out) == latest:
                break
    return tuple(out)


def own_dates(pack: Pack, s: Settings) -> dict[str, date]:
    """The rounds of the pack that have a date, and that date."""
    return {r: d for r in pack.round_ids if (d := s.date_of(r)) is not None}


def requested_plan(
    pack: Pack,
    progress: Progress,
    today: date,
    *,
    tz: tzinfo | None,
    start: date | None = None,
    interview: date | None = None,
    weeks: int | None = None,
    hours: float | None = None,
    track: str | None = None,
) -> Plan:
    """The plan `emprep plan` shows: the options over the profile. `--weeks` counts weeks from
    the start, so it sets the profile's interview date aside (an `--interview` given wins)."""
    if hours is not None:
        check_hours("--hours", hours, "--hours 6")
    s = effective(
        progress.profile,
        pack.round_ids,
        interview=interview,
        start=start,
        hours=hours,
        track=None if track is None else pack.track(track).id,
    )
    first = practice_start(s, progress, today, tz)
    if weeks is not None and interview is None:  # each typed date is in the accepted range,
        # so the one `--weeks` makes is too (the loop's own weeks, given none, are not typed)
        check_whole("--weeks", weeks, low=1, high=MAX_WEEKS, example="--weeks 8")
        end = first + timedelta(weeks=weeks)
        if end > LAST_DAY:
            raise EmprepError(
                f"--weeks {weeks} from the start ({first}) puts the interview on {end}, after "
                f"the last date emprep accepts ({LAST_DAY}); give fewer weeks or an earlier "
                "--start"
            )
    done = pack.ticked(progress.done_tasks)
    if interview is None and weeks is None and s.interview is not None and s.end(today) is None:
        return _undated_plan(pack, s, first, today, done, timed_answers(progress))
    earlier = "plan from an earlier day: --start DATE"
    if interview is None and weeks is None and (line := interview_before(s, first, earlier)):
        raise EmprepError(line)
    if interview is None and weeks is None and s.interview is not None:
        _reachable(s, s.interview, first)
    made = make_plan(
        pack,
        first,
        interview=s.interview if weeks is None else interview,
        weeks=weeks,
        hours=s.hours,
        hours_before=s.hours_before,
        track=s.track,
        round_dates=own_dates(pack, s) if weeks is None else None,
        count=s.count,
        rest=weekdays(s.rest_days),
        done=done,
        today=today,
        timed=timed_answers(progress),
    )
    behind = before_start(s, first, today) if weeks is None else []
    had = had_by_line(pack, progress, today)
    behind += [had] if had is not None else []
    return replace(made, warnings=[*made.warnings, *behind]) if behind else made


def interview_before(s: Settings, start: date, earlier: str) -> str | None:
    """The interview of the settings on or before the plan's start: the line that names it,
    which `plan` refuses and the screens of dates note (a start edited by hand), `earlier`
    the way to an earlier start each has."""
    if s.interview is None or s.interview > start:
        return None
    when = "is the start date" if s.interview == start else "is before the start"
    return (
        f"the interview ({s.interview}, from your settings) {when} ({start}); set a later "
        f"one: emprep config set interview YYYY-MM-DD, or {earlier}"
    )


def before_start(s: Settings, start: date, today: date) -> list[str]:
    """The rounds still ahead dated before the plan's start (a start edited by hand): the plan
    puts their questions after them, so it names each and the commands that fix it."""
    return [
        f"the {r} round ({d}, interview.{r}) is before the plan's start ({start}): its "
        "questions come after it; set an earlier start: emprep config set start YYYY-MM-DD, "
        f"or move the round: emprep config set interview.{r} YYYY-MM-DD"
        for r, d in s.round_dates.items()
        if today <= d < start
    ]


def _undated_plan(
    pack: Pack, s: Settings, first: date, today: date, done: frozenset[str], timed: list[int]
) -> Plan:
    """The plan once every dated round is past and the others have no date yet: the guide's
    weeks, as with no date at all, the rounds had on their days; a note says what to set."""
    plan = make_plan(
        pack,
        first,
        hours=s.hours,
        hours_before=s.hours_before,
        track=s.track,
        round_dates=own_dates(pack, s),
        count=s.count,
        rest=weekdays(s.rest_days),
        done=done,
        today=today,
        timed=timed,
    )
    return replace(plan, warnings=[*plan.warnings, undated_line(pack, s, today)])


def undated_line(pack: Pack, s: Settings, today: date) -> str:
    """The rounds had and those with no date yet, and the commands that date them."""
    done = [f"{r} ({d})" for r, d in own_dates(pack, s).items() if d < today]
    have = "has" if len(s.undated) == 1 else "have"
    return (
        f"{', '.join(done)} {'is' if len(done) == 1 else 'are'} past and "
        f"{', '.join(s.undated)} {have} no date yet: the plan takes {pack.guide}'s weeks; "
        "date them: emprep config set interview.ROUND DATE, or all at once: "
        "emprep config set interview DATE"
    )


def _reachable(s: Settings, end: date, start: date) -> date:
    """The settings' last day, when a plan can reach it; else the key it comes from (a round's
    own date or the loop's, as in a progress file edited by hand) and the command that fixes it."""
    if (end - start).days <= MAX_WEEKS * 7:
        return end
    key = next((round_key(r) for r, d in s.round_dates.items() if d == end), LOOP_KEY)
    raise EmprepError(
        f"{key} ({end}, from your settings) is more than {MAX_WEEKS} weeks after the start "
        f"({start}), longer than emprep plans; set an earlier date: emprep config set {key} "
        "YYYY-MM-DD"
        + (f", or give the round the loop's: emprep config unset {key}" if key != LOOP_KEY else "")
    )


def _within_reach(key: str, day: date, start: date, today: date) -> date:
    """An interview date a plan can reach: at most MAX_WEEKS weeks after the start. The fix
    is a date by the last one it can reach; a later start only where the start set is in the
    past and could move up to a day it reaches from (not past today: `2099-01-01` is a typo,
    and a start decades ahead is no fix)."""
    reach = timedelta(weeks=MAX_WEEKS)
    if day - start <= reach:
        return day
    later = (
        f", or a later start first (from {day - reach}): emprep config set start YYYY-MM-DD"
        if day - reach <= today
        else ""
    )
    raise EmprepError(
        f"{key}: {day} is more than {MAX_WEEKS} weeks after the start ({start}), longer than "
        f"emprep plans; give a date by {start + reach}: emprep config set {key} YYYY-MM-DD" + later
    )


def set_value(pack: Pack, profile: Profile, key: str, *, value: str, today: date) -> Profile:
    """The profile with `key` set from the text `value`, checked as the option would be."""
    k = config_key(pack, key)
    if k.startswith(ROUND_PREFIX):
        rid = k[len(ROUND_PREFIX) :]
        day = _within_reach(k, parse_date(k, value, today), profile.start or today, today)
        return _checked(pack, replace(profile, rounds={**profile.rounds, rid: day}), k)
    if k == "interview":
        day = _within_reach(k, parse_date(k, value, today), profile.start or today, today)
        changed = replace(profile, interview=day)
    elif k == "start":
        changed = replace(profile, start=parse_date(k, value, today))
    elif k == "hours":
        hours = typed_hours("hours", value, "emprep config set hours 6")
        return _checked(pack, with_hours(profile, hours, today), k)
    elif k == "count":
        count = typed_whole(
            "count", value, low=1, high=MAX_COUNT, example="emprep config set count 5"
        )
        changed = replace(profile, count=count)
    elif k == "rest-days":
        return with_rest_days(profile, parse_rest_days(value), today)
    else:
        changed = replace(profile, track=pack.track(value).id)
    return _checked(pack, changed, k)


def next_loop(pack: Pack, progress: Progress, profile: Profile, today: date) -> Progress:
    """`progress` with `profile`, its dates changed: where they bring a loop that was over
    back ahead, and it was one practised for (its last day on or after the first review's, so
    not a year's typo mended), that is the next loop (another company, say). It starts today:
    its plan counts its weeks from today, not from the first practice day of the loop before,
    the rounds logged before today are that loop's (`rounds.this_loop`), and the plan tasks
    ticked in it are unticked (a tick is kept by the task's text, which the next loop's plan
    shares), and its number is one more (the calendar's UIDs). The ticks are kept apart with
    that loop's start and number (`loops_before`): a date moved after it had passed (the same
    loop, postponed) looks the same, and `start` set back to that day brings them back
    (`loop_back`). A start already today or later is kept. Dates moved by hand after the
    whole loop was had (`had_by`) start the next loop once a start after that day is given:
    that start is its first day."""
    changed = replace(progress, profile=profile)
    first = progress.first_line
    had = had_by(pack, progress)
    if had is not None and first is not None and profile.start is not None and profile.start > had:
        old = progress.profile
        if old.start is not None and old.start > had:  # moved by hand too: the loop's is lost
            old = replace(old, start=None)
        return _started(pack, progress, changed, old=old, start=profile.start, first=first)
    known = pack.round_ids
    before = effective(progress.profile, known)
    if not before.over(today) or effective(profile, known).over(today) or first is None:
        return changed
    if before.interview is None or before.interview < date.fromisoformat(first[:10]):
        return changed
    if profile.start is not None and profile.start >= today:
        return changed
    return _started(pack, progress, changed, old=progress.profile, start=today, first=first)


def _started(
    pack: Pack, progress: Progress, changed: Progress, *, old: Profile, start: date, first: str
) -> Progress:
    """`changed`, the next loop, starting on `start`: the loop before (`progress`, its plan
    counted by the profile `old`) put behind with the day it counted from, its ticks and its
    number (`next_loop`)."""
    try:
        began = practice_start(effective(old, pack.round_ids), progress, start, None)
    except EmprepError:  # no plan counted from the first practice day: it is the first review's
        began = date.fromisoformat(first[:10])
    kept = LoopBefore(began, start, list(progress.done_tasks), progress.loop)
    return replace(
        changed,
        profile=replace(changed.profile, start=start),
        done_tasks=[],
        loops_before=[*(b for b in progress.loops_before if b.start != began), kept],
        loop=progress.loop + 1,
    )


def had_by(pack: Pack, progress: Progress) -> date | None:
    """The day the last round of this loop was logged, where every round of the pack is
    logged in it and the file now dates each after that day: the dates were moved after the
    whole loop was had, by hand (`config set` would have started the next loop). None
    otherwise: a round not logged, or one dated on or before the last log (a date mended by
    hand in a loop still under way), or the loop logged before the first review (a year's
    typo mended, not a loop practised for)."""
    logs = this_loop(progress)
    first = progress.first_line
    if first is None or not set(pack.round_ids) <= {i.round for i in logs}:
        return None
    last = max(i.day for i in logs)
    s = effective(progress.profile, pack.round_ids)
    days = [s.date_of(r) for r in pack.round_ids]
    if last < date.fromisoformat(first[:10]) or any(d is None or d <= last for d in days):
        return None
    return last


def had_by_line(pack: Pack, progress: Progress, today: date) -> str | None:
    """What `had_by` finds, said where the dates are shown (`plan`, with its warnings, `today`,
    `progress`, `drill`, `config show`), with the start that starts the next loop: today,
    where it is after the last round logged and not after a round now dated."""
    had = had_by(pack, progress)
    if had is None:
        return None
    s = effective(progress.profile, pack.round_ids)
    ahead = min(d for r in pack.round_ids if (d := s.date_of(r)) is not None)
    day = today if had < today <= ahead else "YYYY-MM-DD"
    return (
        f"every round of this loop was logged by {had}, and your progress file now dates each "
        "after that (edited by hand?): if these are the next loop's dates, start it, so that "
        "its plan counts from its first day and its ticks and calendar events are its own: "
        f"emprep config set start {day}"
    )


def loop_back(pack: Pack, progress: Progress, today: date) -> tuple[Progress, LoopBefore | None]:
    """`progress` back in a loop put behind (`next_loop`) when its plan now starts on that
    loop's day (`config set start` to it, or unset where it was the first practice day): the
    same loop, its date moved. The ticks kept apart are ticked again, beside any made since,
    its number is the file's again (so its calendar's events move rather than stand twice),
    and that loop is no longer behind; the loop brought back, or None."""
    if not progress.loops_before:
        return progress, None
    try:
        start = practice_start(effective(progress.profile, pack.round_ids), progress, today, None)
    except EmprepError:
        return progress, None
    return loop_back_to(progress, start)


def loop_back_to(progress: Progress, start: date) -> tuple[Progress, LoopBefore | None]:
    """`progress` back in the loop put behind that started on `start`, its profile as it is:
    its ticks (beside any made since), its number and its rounds logged are this loop's again.
    `config set start` to a day further before the dates now given than a plan reaches (the
    loop postponed by more than that) brings it back so, the start kept: the ticks are never
    out of reach. The loop brought back, or None."""
    back = next((b for b in progress.loops_before if b.start == start), None)
    if back is None:
        return progress, None
    ticks = [*back.done_tasks, *(t for t in progress.done_tasks if t not in back.done_tasks)]
    rest = [b for b in progress.loops_before if b is not back]
    return replace(progress, done_tasks=ticks, loops_before=rest, loop=back.loop), back


def beyond_reach(pack: Pack, profile: Profile, start: date) -> RoundDate | None:
    """The first round, in the guide's order, that a plan from `start` does not reach (more
    than MAX_WEEKS weeks after it), or None."""
    return next(
        (
            d
            for d in round_dates(pack, profile.interview, profile.rounds)
            if d.date is not None and (d.date - start).days > MAX_WEEKS * 7
        ),
        None,
    )


def far_loop_back(
    pack: Pack, progress: Progress, start: date
) -> tuple[Progress, LoopBefore, RoundDate] | None:
    """`config set start` to the day a loop put behind started, where a plan from that day
    does not reach the dates now given (the loop postponed by more than emprep plans, its
    line naming that day all the same): the loop is brought back (`loop_back_to`), the start
    as it is, with the round out of reach to say why; None where that is not the case."""
    far = beyond_reach(pack, progress.profile, start)
    if far is None:
        return None
    moved, back = loop_back_to(progress, start)
    return None if back is None else (moved, back, far)


def far_start_unset(
    pack: Pack, progress: Progress, profile: Profile, today: date
) -> tuple[Progress, LoopBefore, RoundDate] | None:
    """`config unset start` (`profile`, the start unset): the plan then counts from the first
    practice day, which may be further before the dates than a plan reaches (a loop postponed
    by more than that): every command would refuse the profile. The loop put behind that
    started on that day is brought back, the start kept, as `config set start` to it does
    (`far_loop_back`); any other such unset is refused. None where the plan reaches."""
    s = effective(profile, pack.round_ids)
    first = progress.first_line
    try:
        practice_start(s, progress, today, None)
    except EmprepError:
        if first is None:
            raise
        day = on_practice_day(next(days_given([first], None)), weekdays(s.rest_days))
        far = far_loop_back(pack, progress, day)
        if far is not None:
            return far
        raise EmprepError(
            f"start: without it the plan counts from your first practice day ({day}), more "
            f"than {MAX_WEEKS} weeks before the interview ({s.interview}), longer than emprep "
            "plans; keep it, or set another: emprep config set start YYYY-MM-DD"
        ) from None
    return None


def _checked(pack: Pack, profile: Profile, key: str) -> Profile:
    """The profile, unless a round `key` dates now falls before the start, or a start is set
    further before a round than emprep plans: that is refused. A clash `key` does not touch
    (a start edited by hand after a round) is not a reason to refuse a count: `plan` names it
    (a note on stderr, its JSON `warnings`: `before_start`)."""
    if profile.start is None:
        return profile
    far = beyond_reach(pack, profile, profile.start) if key == "start" else None
    if far is not None:
        raise EmprepError(
            f"start: {profile.start} is more than {MAX_WEEKS} weeks before the {far.round.id} "
            f"round ({far.date}, {far.source}); give a later start, or move the round: "
            f"emprep config set {far.source} YYYY-MM-DD"
        )
    for d in round_dates(pack, profile.interview, profile.rounds):
        if d.date is None or key not in ("start", d.source):
            continue
        if d.date >= profile.start:
            continue
        if key == "start":
            raise EmprepError(
                f"start: {profile.start} is after the {d.round.id} round ({d.date}, {d.source}); "
                f"give an earlier start, or move the round: emprep config set {d.source} YYYY-MM-DD"
            )
        raise EmprepError(
            f"{key}: {d.date} is before the start ({profile.start}); give a later date, "
            "or an earlier start: emprep config set start YYYY-MM-DD"
        )
    _ends_after_start(pack, profile, key)
    return profile


def _ends_after_start(pack: Pack, profile: Profile, key: str) -> None:
    """A date `key` sets (the start, the loop's or a round's) that puts the loop's last day
    on the start is refused: `plan` has no day before the interview to plan, and refused
    every run after a `config set` that said nothing."""
    last = effective(profile, pack.round_ids).interview
    dated = key in ("start", LOOP_KEY) or key.startswith(ROUND_PREFIX)
    if not dated or last is None or last != profile.start:
        return
    if key == "start":
        source = next(
            d.source
            for d in round_dates(pack, profile.interview, profile.rounds)
            if d.date == last and d.source is not None
        )
        raise EmprepError(
            f"start: {last} is the loop's last day ({source}), and a plan needs a day before "
            f"it; give an earlier start, or move the round: emprep config set {source} "
            "YYYY-MM-DD"
        )
    raise EmprepError(
        f"{key}: {last} is the start ({profile.start}), and a plan needs a day before the "
        "loop's last day; give a later date, or an earlier start: emprep config set start "
        "YYYY-MM-DD"
    )


def with_rest_days(profile: Profile, days: list[str] | None, today: date) -> Profile:
    """The profile resting on `days` from `today` on. The days before keep the rest days they
    had (`rest_before`), so a streak over them is what it was: a weekend off while the
    weekend was rest is not a weekend missed once it is not. A second change in a day adds
    nothing: the days before it had the first change's earlier days."""
    if weekdays(days) == weekdays(profile.rest_days):
        return replace(profile, rest_days=days)
    before = profile.rest_before
    if not before or before[-1].until < today:
        before = [*before, RestBefore(today, list(profile.rest_days or []))]
    return replace(profile, rest_days=days, rest_before=before)


def with_hours(profile: Profile, hours: float | None, today: date) -> Profile:
    """The profile planning `hours` a week from `today` on. The plan's weeks that ended before
    keep the hours they were planned at (`hours_before`), as the candidate followed them; the
    week in progress takes the new ones. A second change in a day adds nothing: the days
    before it had the first change's earlier hours."""
    if (hours or DEFAULT_HOURS) == (profile.hours or DEFAULT_HOURS):
        return replace(profile, hours=hours)
    before = profile.hours_before
    if not before or before[-1].until < today:
        before = [*before, HoursBefore(today, profile.hours)]
    return replace(profile, hours=hours, hours_before=before)


def unset_value(pack: Pack, profile: Profile, key: str, *, today: date) -> Profile:
    """The profile with `key` back to its default (`config unset`): the rest days and the
    hours as their setters clear them, a round's own date dropped, any other key None."""
    k = config_key(pack, key)
    if k == "rest-days":
        return with_rest_days(profile, None, today)
    if k == "hours":
        return with_hours(profile, None, today)
    if k.startswith(ROUND_PREFIX):
        rid = k[len(ROUND_PREFIX) :]
        return replace(profile, rounds={r: d for r, d in profile.rounds.items() if r != rid})
    cleared: dict[str, Any] = {field_name(k): None}
    return replace(profile, **cleared)


def config_value(profile: Profile, key: str) -> object:
    """The stored value of a canonical key (`config_key`), None when it is not set."""
    if key.startswith(ROUND_PREFIX):
        return profile.rounds.get(key[len(ROUND_PREFIX) :])
    return getattr(profile, field_name(key))


def field_name(key: str) -> str:
    """The profile field of a config key: rest-days is `rest_days`."""
    return key.replace("-", "_")


def config_key(pack: Pack, key: str) -> str:
    """A profile key as typed, checked, in its canonical form: `interview.tech` names the
    technical round's own date."""
    k = key.strip().lower()
    if k.startswith(ROUND_PREFIX):
        if not k[len(ROUND_PREFIX) :].strip():  # said "unknown round ''" of the empty name
            raise EmprepError(
                f"'{shown(key)}' names no round after the dot: give interview.ROUND for a "
                f"round's own date, ROUND one of {', '.join(pack.round_ids)} (interview alone "
                "is the whole loop's)"
            )
        return round_key(pack.round(k[len(ROUND_PREFIX) :]).id)
    if k not in KEYS:
        shown_keys = ", ".join(KEYS).replace("interview,", "interview, interview.ROUND,")
        raise EmprepError(
            f"unknown config key '{shown(key)}': {did_you_mean(k, KEYS)}keys: {shown_keys}"
        )
    return k


def date_notes(
    pack: Pack, profile: Profile, key: str, *, today: date, had: Sequence[Interview] = ()
) -> list[str]:
    """What looks odd about the round dates, once `key` changed one: said, not refused. A
    whole loop already past is most often a typo of the year; a round logged as had (`had`)
    dated after that day again is most often a date taken off a round already behind you."""
    if not key.startswith(LOOP_KEY):
        return []
    past = []
    if key == LOOP_KEY and profile.interview is not None and profile.interview < today:
        past = [
            f"the interview ({profile.interview}) is before today ({today}): the loop is over, "
            "so the drill is plain FSRS and nothing paces to it; if that is a typo: "
            "emprep config set interview YYYY-MM-DD"
        ]
    own = [f"{r} ({d})" for r, d in profile.rounds.items() if r in pack.round_ids]
    kept = []
    if key == LOOP_KEY and own:
        keep = "keeps its" if len(own) == 1 else "keep their"
        kept = [
            f"{', '.join(own)} {keep} own date; emprep config unset interview.ROUND gives a "
            "round the loop's"
        ]
    dates = round_dates(pack, profile.interview, profile.rounds)
    moved = [r for r in pack.round_ids if key in (LOOP_KEY, f"{LOOP_KEY}.{r}")]
    return (
        past
        + kept
        + _had_before(dates, had, moved, today)
        + _undated(pack, profile)
        + notes(pack, dates)
    )


def _had_before(
    dates: list[RoundDate], had: Sequence[Interview], moved: list[str], today: date
) -> list[str]:
    """The rounds of `moved` logged as had on a day before the date they have now, still
    ahead: the drill aims their questions at that date, and the screens count down to a round
    already had. A date still past does neither (a loop over, its rounds' dates unset to
    give them the next loop's)."""
    last: dict[str, date] = {}
    for log in had:
        last[log.round] = max(last.get(log.round, log.day), log.day)
    return [
        f"{d.round.id} is logged as had on {last[d.round.id]}, but now dated {d.date}, and the "
        f"drill aims its questions there; if it is behind you: emprep config set "
        f"interview.{d.round.id} {last[d.round.id]}"
        for d in dates
        if d.round.id in moved
        and d.round.id in last
        and d.date is not None
        and d.date > last[d.round.id]
        and d.date >= today
    ]


def _undated(pack: Pack, profile: Profile) -> list[str]:
    """Rounds left without a date while others have one: the plan and the drill then end on
    the last date given, which is easily a screen weeks before the onsite."""
    dated = [d for r, d in profile.rounds.items() if r in pack.round_ids]
    undated = [r for r in pack.round_ids if r not in profile.rounds]
    if profile.interview is not None or not dated or not undated:
        return []
    have = "has" if len(undated) == 1 else "have"
    return [
        f"{', '.join(undated)} {have} no date yet, so the plan and the drill end on "
        f"{max(dated)}; give the loop's: emprep config set interview YYYY-MM-DD"
    ]
