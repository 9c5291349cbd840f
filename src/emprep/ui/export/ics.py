"""The plan as an iCalendar file whose events keep their identity from one export to the next.

A calendar matches an imported event to one it holds by its UID, so a UID says what the event
is (week 3 of the preparation for this loop, its technical round) and never when the export ran or
when the plan starts: exporting again, another day or with other hours or weeks, updates the
events instead of adding copies. SEQUENCE rises with every export a second or more after the
last, so clients that compare it take the newer one. A round with no date yet sits on the plan's
last day as a TENTATIVE event that says so: a calendar keeps it long after the note on the
terminal is gone.

Text is the pack's and may hold a control character, which RFC 5545 does not allow in TEXT: it is
written as its escape (`\\x1b`), as the screen shows it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from emprep.core.models import Round
from emprep.core.pack import Pack
from emprep.core.planner import Plan, Week
from emprep.core.words import plural
from emprep.ui.export.identity import loop_key, loop_name
from emprep.ui.export.markdown import (
    DROPPED,
    MOVED,
    NONE_KEPT,
    count_pointer,
    moved_tasks,
    week_time,
)
from emprep.ui.text import escaped, estimate, moved

if TYPE_CHECKING:
    from icalendar import Event

    from emprep.core.practice import Forecasting

SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def event_uid(pack: Pack, what: str, loop: int = 1) -> str:
    """`week-3` or `round-technical`, for this loop: `<what>.<loop>@emprep`. A round's event
    keeps its UID when its date moves, so the calendar moves it. The file's second loop on the
    same pack (another company, weeks later) adds its number, `.loop-2`: its events are not the
    first loop's, which stay on their days; the first loop's UIDs are as they always were, for
    calendars that hold them. The number is the file's, not the start's, so a start set by hand
    moves the events rather than adding copies."""
    nth = f".loop-{loop}" if loop > 1 else ""
    return f"{what}.{loop_key(pack)}{nth}@emprep"


def calendar_name(pack: Pack, loop: int = 1) -> str:
    """`emprep: Coursera Software Engineering Manager (M4)`, and from the file's second loop
    on `..., loop 2`: each loop's calendar is imported as a calendar of its own, and two of one
    name in a client's list could not be told apart. The number, as the UIDs carry it, never
    its dates, which move."""
    return f"emprep: {loop_name(pack)}" + (f", loop {loop}" if loop > 1 else "")


SEQUENCE_LAST = 2**31 - 1  # RFC 5545's INTEGER is 32 bits, signed


def sequence(now: datetime) -> int:
    """Seconds since 2020: a later export has a higher SEQUENCE, to the second, as DTSTAMP has
    it. Minutes gave two exports of one minute, the onsite moved between them, the same
    SEQUENCE, and a client comparing it kept the old day. It fits 32 bits until 2088; a
    later clock gives the last value."""
    return min(max(0, int((now - SEQUENCE_EPOCH).total_seconds())), SEQUENCE_LAST)


def plan_ics(
    pack: Pack,
    plan: Plan,
    now: datetime,
    *,
    count: int,
    undated: Collection[str] = (),
    logged: Collection[str] = (),
    over: Collection[str] = (),
    done: Collection[str] = (),
    loop: int = 1,
    loop_over: bool = False,
    forecast: Forecasting,
) -> bytes:
    """A calendar: one all-day event per plan week with its tasks and the questions the drill
    of `count` a day first asks in it, and one per round on its day, with its length,
    interviewer and what they look for (tentative for the `undated`; a past one, or one `over`
    today, says how to log it, or that it is, `logged`). A task ticked (`done`) is marked so,
    as on the plan's other formats. `loop` is the file's loop (`event_uid`); `forecast`, what
    `progress` forecasts (`markdown.count_pointer`); `loop_over`, the
    whole loop is behind (`markdown.drill_sentence`)."""
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", "-//emprep//interview plan//EN")
    cal.add("version", "2.0")
    # The calendar's name, as RFC 7986 says it (NAME) and as most clients still read it
    # (X-WR-CALNAME). A property icalendar does not know is written as is; as TEXT (RFC 5545's
    # type for it), marked so, a comma in `Acme, Inc.` is escaped and vobject no longer cuts the
    # name there.
    name = vText(escaped(calendar_name(pack, loop)))
    cal.add("name", name)
    cal.add("x-wr-calname", name, parameters={"VALUE": "TEXT"})
    short = _unreached(pack, plan, count, forecast, loop_over=loop_over)
    for w in plan.weeks:
        ev = _event(event_uid(pack, f"week-{w.number}", loop), now, first=w.start, last=w.end)
        ev.add("summary", escaped(f"Week {w.number}: " + " / ".join(p.name for p in w.phases)))
        ev.add("description", escaped(_week_description(pack, w, count, done, now.date()) + short))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    for r in pack.rounds:
        day = plan.round_day(r.id)
        ev = _event(event_uid(pack, f"round-{r.id}", loop), now, first=day, last=day)
        tentative = r.id in undated
        summary = f"Interview{' (no date yet)' * tentative}: {r.name} ({r.minutes} min)"
        ev.add("summary", escaped(summary))
        past = day < now.date() or r.id in over
        about = _round_description(pack, r, past=past, logged=r.id in logged)
        description = _no_date_yet(r, day) * tentative + about
        ev.add("description", escaped(description))
        ev.add("status", "TENTATIVE" if tentative else "CONFIRMED")
        cal.add_component(ev)
    return bytes(cal.to_ical())


def _no_date_yet(r: Round, day: date) -> str:
    return (
        f"No date yet: the plan puts it on its last day, {day}. Date it, then export again "
        f"and this event moves: emprep config set interview.{r.id} YYYY-MM-DD\n\n"
    )


def _round_description(pack: Pack, r: Round, *, past: bool, logged: bool) -> str:
    """What the round is, and what to do about it: practise it while it is ahead, log what it
    asked once it is behind (the export keeps both until the day has passed: a calendar keeps
    the event long after)."""
    lines = [
        f"{loop_name(pack)}, round {r.order} of {len(pack.rounds)}: "
        f"{r.kind}, {r.minutes} min with {r.interviewer}.",
        "",
        "What they look for:",
    ]
    lines += [f"- {x}" for x in r.look_for]
    log = f"emprep rounds log {r.id}"
    if past and logged:
        return "\n".join(
            [*lines, "", "It is past, and logged: emprep progress shows what it asked."]
        )
    if past:
        return "\n".join([*lines, "", f"It is past: log what it asked, in your words: {log}"])
    lines += ["", f"Practise it: emprep drill --round {r.id}; emprep mock --round {r.id}"]
    return "\n".join([*lines, f"After it, log what it asked: {log}"])


def _event(uid: str, now: datetime, *, first: date, last: date) -> Event:
    """An all-day event from `first` to `last` (inclusive), stamped with the export time."""
    from icalendar import Event, vDatetime

    ev = Event()
    ev.add("uid", uid)
    # as icalendar's own type: a plain datetime is put into UTC through the system's zone file
    # for UTC, whose failed read (unreadable, damaged) ended the export, exit 74 or 1
    ev.add("dtstamp", vDatetime(now.astimezone(UTC)))
    ev.add("sequence", sequence(now))
    ev.add("dtstart", first)
    ev.add("dtend", last + timedelta(days=1))
    return ev


def _unreached(
    pack: Pack, plan: Plan, count: int, forecast: Forecasting, *, loop_over: bool = False
) -> str:
    """The questions no week lists, said in every week's event (an event is read alone): at a
    small count the drill does not reach them by the last round, and a week's list is silent
    about what it leaves out. Once the loop is over, they are those it never asked: no count
    would reach them now, and `progress` gives none."""
    if not plan.unreached:
        return ""
    total = len(pack.questions_for(plan.track))
    if loop_over:
        return (
            f"\n\nThe loop is over: {len(plan.unreached)} of the {total} questions are in no "
            "week, as the drill never asked them."
        )
    return (
        f"\n\nAt {plural(count, 'question')} a day, {len(plan.unreached)} of the {total} "
        "questions are in no week: the drill does not reach them by the last round"
        f"{count_pointer(forecast)}."
    )


def _week_description(pack: Pack, w: Week, count: int, done: Collection[str], today: date) -> str:
    """A week's hours, rounds, tasks (ticked or not, each with its estimate, and a task from
    another week with that week and its phase), what they and the drill take
    against the hours, the tasks its hours leave out and those moved to another week, as the
    plan lists them (an event is read alone: a week's list was silent about them), and its
    questions."""
    rounds = ", ".join(pack.round(r).name for r in w.rounds)
    prepares = f" Prepares: {rounds}." if rounds else ""  # none once its rounds are behind
    lines = [f"{w.hours:g} h.{prepares}", "", "Tasks:"]
    lines += [
        f"- [{'x' if t in done else ' '}] {t} {estimate(m, moved(k, p.name, w.number))}"
        for t, m, k, p in zip(w.tasks, w.minutes, w.origins, w.owners, strict=True)
    ] or [f"- {NONE_KEPT}"]
    lines += ["", f"{week_time(w, count, today)}."]
    if w.dropped:
        lines += ["", DROPPED]
        lines += [f"- {t} {estimate(m)}" for t, m in zip(w.dropped, w.dropped_minutes, strict=True)]
    if w.moved:
        lines += ["", MOVED] + [f"- {t}" for t in moved_tasks(w)]
    if w.questions:
        lines += ["", "Questions to introduce:"] + [f"- {q.text}" for q in w.questions]
    return "\n".join(lines)
