"""`emprep today`, the daily home screen, and the small screens around it (tasks, notes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from emprep.core.datatype import replace
from emprep.core.models import Question
from emprep.core.pace import Advice
from emprep.core.planner import Week
from emprep.core.today import Task, Today, listed
from emprep.ui.render import STYLES, echo, heading, kept_whole, tick, timed_task_shown
from emprep.ui.screens.pace import pace_line
from emprep.ui.text import estimate, moved, moved_to, next_and_last, plural, undated

T = TypeVar("T")


def today_view(t: Today, pace: Advice | None = None) -> None:
    """The daily home screen, `emprep today`: days to go, this week's tasks, today's drill,
    the next step."""
    if t.interview is not None and t.days_left is not None:
        when = next_and_last(t.interview, t.days_left, _next_round(t))
        if t.open_ended:
            last = [(c.round.name, t.interview) for c in t.rounds if c.date == t.interview]
            when = undated(last, t.days_left, sum(c.date is None for c in t.rounds))
        heading(f"{t.day:%A} {t.day.day} {t.day:%B}: {when}")
    else:
        heading(f"{t.day:%A} {t.day.day} {t.day:%B}: no interview date yet")
    for c in t.rounds:
        when = "no date" if c.date is None or c.days is None else _days(c.date, c.days, c.done)
        # the day and its count kept together: a narrow line breaks before them, under the name
        shown = f"  {c.round.name}: {kept_whole(when, 4)}"
        echo(shown, style=STYLES["dim"] if c.done else None, hang=4)
    echo()
    if t.week is not None:
        done = sum(k.done for k in t.tasks)
        which = "This week: plan" if t.week.start <= t.day else "Plan"
        heading(
            f"{which} week {t.week.number} of {t.weeks}, {t.week.start} to {t.week.end} "
            f"({done} of {plural(len(t.tasks), 'task')} done)"
        )
        echo("  " + "; ".join(f"{p.order}. {p.name}" for p in t.week.phases))
        for k in t.tasks:
            mark = moved(k.origin, k.phase.name if k.phase else "", t.week.number)
            tick(k.number, timed_task_shown(k.text, k.minutes, mark), k.done)
        from emprep.ui.export.markdown import DROPPED, NONE_KEPT, week_time

        if not t.week.tasks:
            echo(f"    - {NONE_KEPT}", hang=6)
        # the plan's own line: over its hours, this week says so here too, in the same words
        echo(f"  {week_time(t.week, t.drill_count, t.day)}.", hang=2)
        if t.left_out:
            echo(f"  {DROPPED}", hang=2)
        for k in t.left_out:
            label = f"{k.number}. "
            echo(f"    {label}{timed_task_shown(k.text, k.minutes)}", hang=4 + len(label))
        _moved(t.week)
        if done < len(t.tasks) or t.left_out:
            echo("  Tick one: emprep task done N", style=STYLES["dim"])
        echo()
    heading("Today's drill")
    # at a count that cannot keep up, the reviews the drill leaves are the pace's to say
    behind = pace is not None and pace.short
    line = drill_line(replace(t, still_due=0) if behind else t)
    echo("  " + line, style=STYLES["done"] if not t.drill_left else STYLES["todo"])
    if pace is not None:
        echo("  " + pace_line(pace, t.still_due), style=STYLES["todo"] if pace.short else None)
    echo()
    echo(f"Next: {t.next_step}", style="bold")


def _moved(week: Week) -> None:
    """The week's own tasks another week holds, as the plan lists them: a week whose one task
    went to a later week said nothing of it, "0 of 0 tasks done"."""
    from emprep.ui.export.markdown import MOVED

    if week.moved:
        echo(f"  {MOVED}", hang=2)
    for t, m, k in zip(week.moved, week.moved_minutes, week.moved_weeks, strict=True):
        echo(f"    - {t} {kept_whole(estimate(m, moved_to(k)), 0)}", hang=6)


def _next_round(t: Today) -> tuple[list[str], date, int] | None:
    """The rounds of the nearest day ahead (today's included): their names, date and days to
    go."""
    ahead = [(c.days, c.date, c.round.name) for c in t.rounds if c.days is not None and not c.done]
    if not ahead:
        return None
    days, day, _ = min(ahead, key=lambda a: a[0])
    assert day is not None
    return [name for d, _, name in ahead if d == days], day, days


def _days(day: date, days: int, done: bool) -> str:
    if done:
        return f"{day}, done"
    return f"{day}, in {plural(days, 'day')}" if days else f"{day}, today"


def drill_line(t: Today) -> str:
    """The day's drill: what is left of it, or done; and the due reviews it leaves for
    `drill --more`, whatever the next step is (the drill's end and `progress` count them).
    Once the loop is over, the drill is plain FSRS, for whoever keeps practising, as the
    drill's own list says: counted all the same, as `drill --more --list` asks them."""
    over = "the loop is over, so the drill is plain FSRS if you keep practising"
    if t.drill_left:
        begun = f" ({t.rated_today} done)" if t.rated_today else ""
        after = f"; {t.still_due} more due after it (emprep drill --more)" if t.still_due else ""
        if t.loop_over:
            return f"{over}: {plural(t.drill_left, 'question')}{begun}: emprep drill{after}"
        if t.rest_day:
            return (
                f"a rest day: {plural(t.drill_left, 'question')}{begun} all the same if you "
                f"want them: emprep drill{after}"
            )
        return f"to do: {plural(t.drill_left, 'question')}{begun}: emprep drill{after}"
    nxt = f"; next due {t.next_due[0]} ({t.next_due[1]})" if t.next_due else ""
    still = f"; {t.still_due} more due (emprep drill --more)" if t.still_due else ""
    if t.loop_over and t.still_due:
        still = f"; {over}: {t.still_due} more due (emprep drill --more)"
    if not t.rated_today:
        return f"nothing to practise today{still}{nxt}"
    return f"done: {plural(t.rated_today, 'question')} rated today{still}{nxt}"


def tasks_doc(week: Week | None, tasks: list[Task]) -> dict[str, Any]:
    """The week's tasks as `today` counts them (`listed`), then those its hours leave out,
    numbered after them, as `task done N` takes them, then its own another week holds (not
    numbered: they are ticked in that week)."""
    return {
        "week": week.number if week else None,
        "start": week.start.isoformat() if week else None,
        "end": week.end.isoformat() if week else None,
        "tasks": [
            {
                "number": k.number,
                "text": k.text,
                "done": k.done,
                "minutes": k.minutes,
                "week": k.origin,
                "phase": k.phase.id if k.phase else None,
            }
            for k in listed(tasks)
        ],
        "left_out": [
            {
                "number": k.number,
                "text": k.text,
                "minutes": k.minutes,
                "week": k.origin,
                "phase": k.phase.id if k.phase else None,
            }
            for k in tasks
            if k.left_out
        ],
        "moved": [
            {"text": t, "minutes": m, "week": k, "phase": p.id}
            for t, m, k, p in zip(
                week.moved, week.moved_minutes, week.moved_weeks, week.moved_owners, strict=True
            )
        ]
        if week
        else [],
    }


def today_doc(t: Today, pace: Advice | None = None) -> dict[str, Any]:
    """The home screen's figures: `emprep today --format json`."""
    from emprep.ui.export.docs import pace_doc

    return {
        "today": t.day.isoformat(),
        "interview": None if t.interview is None or t.open_ended else t.interview.isoformat(),
        "days_to_interview": None if t.open_ended else t.days_left,
        "rounds": [
            {
                "id": c.round.id,
                "date": c.date.isoformat() if c.date else None,
                "days": c.days,
                "done": c.done,
            }
            for c in t.rounds
        ],
        "weeks": t.weeks,
        **tasks_doc(t.week, [*t.tasks, *t.left_out]),
        "over_minutes": t.week.over_minutes if t.week else 0,
        "hours_that_hold": t.week.hours_that_hold if t.week else None,
        "drill": {
            "count": t.drill_count,
            "rated_today": t.rated_today,
            "left": t.drill_left,
            "done": t.drill_left == 0,
            "rest_day": t.rest_day,
            "still_due": t.still_due,
            "loop_over": t.loop_over,
            "next_due": t.next_due[0].isoformat() if t.next_due else None,
            "next_due_count": t.next_due[1] if t.next_due else 0,
        },
        "pace": pace_doc(pace),
        "next": t.next_step,
    }


def ticked(tasks: list[Task], before: list[Task], numbers: Sequence[int], done: bool) -> None:
    """What `task done` / `task undo` did to tasks `numbers` of the week as it stood `before`,
    a line each in the order given: a task that already was as asked is said to be. The week's
    count is `today`'s (`listed`); a task left out, once ticked, is kept, so the numbers after
    it move and the line says where it is; and a tick frees the hours of its task, so one left
    out may come back into the week ahead of others (an untick, go out): each other task that
    came in, went out or has another number now is said, as the next `task done N` takes the
    numbers as they are now."""
    given = [before[n - 1] for n in dict.fromkeys(numbers)]
    now = {x.text: x for x in tasks}
    for k in given:
        if k.done != done:
            echo(f"{'Ticked' if done else 'Unticked'} task {k.number}: {k.text}")
        else:
            echo(f"Task {k.number} was {'already' if done else 'not'} ticked: {k.text}")
        there = next((x for x in tasks if x.text == k.text), k)
        if there.number != k.number:
            place = "left out of" if there.left_out else "kept in"
            echo(f"It is task {there.number} now, {place} the week.")
    named = {k.text for k in given}
    for x in before:
        y = now.get(x.text)
        if y is None or x.text in named or (x.number, x.left_out) == (y.number, y.left_out):
            continue
        shift = ", left out of the week" if y.left_out else ", kept in the week"
        shift *= x.left_out != y.left_out
        echo(f"Task {x.number} is task {y.number} now{shift}: {x.text}")
    counted = listed(tasks)
    n = sum(x.done for x in counted)
    echo(f"{n} of {plural(len(counted), 'task')} done this week.")


def edit_note(
    path: Path, q: Question, note: str, *, now: datetime, save: Callable[[str, str], T]
) -> T:
    """The note as the person leaves it in their editor, handed to `save` with the note as the
    editor showed it: it is in a draft first, and the draft goes only once `save` is done, so
    nothing typed is lost; if the editor or the save fails, the message says where the draft
    is. Refused for what it holds (not UTF-8, a control character), the draft is refused the
    same by `--from` until that is changed in it, so the line says to change it first."""
    from emprep.core.errors import EmprepError, TextFault
    from emprep.core.notes import note_template, parse_note
    from emprep.storage import editor
    from emprep.ui.editing import DraftLost, edited
    from emprep.ui.output import command, drop_draft

    template = note_template(q.id, q.text, note)
    draft = editor.keep(editor.drafts_dir(path), template, now, kind=f"note-{q.id}")
    again = command("note", q.id, "--from", str(draft))
    kept = f"your note is kept in {draft}; save it with: {again}"
    try:
        text = edited(draft, kept, again)
    except TextFault as e:  # it names the draft
        raise EmprepError(f"{e} (your note is kept there, not saved), then: {again}") from None
    except DraftLost:
        raise
    except EmprepError as e:
        raise EmprepError(f"{e}; {kept}") from None
    try:
        saved = save(parse_note(text), parse_note(template))
    except TextFault as e:
        raise EmprepError(f"{e} (your note is kept in {draft}, not saved), then: {again}") from None
    except EmprepError as e:
        raise EmprepError(f"{e}; {kept}") from None
    drop_draft(draft)
    return saved
