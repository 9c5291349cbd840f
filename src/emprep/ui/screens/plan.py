"""`emprep plan` on a terminal: week by week, then the loop's days."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.ui.render import echo, heading, hung, kept_whole, names_whole, tick, timed_task_shown
from emprep.ui.text import estimate, moved, moved_to, plural

if TYPE_CHECKING:
    from collections.abc import Collection
    from datetime import date

    from emprep.core.planner import Week
    from emprep.core.practice import Forecasting


def plan_view(
    pack: Pack,
    plan: Plan,
    shown: Week | None = None,
    *,
    today: date | None = None,
    done: frozenset[str] = frozenset(),
    count: int | None = None,
    undated: Collection[str] = (),
    logged: Collection[str] = (),
    over: Collection[str] = (),
    loop_over: bool = False,
    forecast: Forecasting | None = None,
) -> None:
    """The plan; `shown`, the week `today` and `task done` speak of, is marked: this week, or
    the first while the plan is ahead. A round with no date yet (`undated`) is marked so on its
    day, and "The loop" says which rounds are past and which `logged`, as the Markdown does;
    `loop_over`, the whole loop, and `forecast` what `progress` forecasts, said with the
    drill's `count` (`markdown.drill_sentence`)."""
    from emprep.ui.export.identity import loop_name
    from emprep.ui.export.markdown import (
        DROPPED,
        MOVED,
        NONE_KEPT,
        asked_before,
        drill_sentence,
        hours_said,
        loop_line,
        question_time,
        week_time,
    )
    from emprep.ui.export.timeline import decision_words, loop_timeline

    heading(f"Your plan: {loop_name(pack)}")
    echo(
        f"{plan.start} to {plan.interview}: {plural(plan.days, 'day')}, "
        f"{plural(len(plan.weeks), 'week')}, {hours_said(plan)}"
        + (f", track {plan.track}" if plan.track else "")
    )
    if count is not None and forecast is not None:
        echo(drill_sentence(count, plan, pack, forecast, loop_over=loop_over))
        echo()
        echo(question_time(plan))
    echo()
    marked = shown.number if shown else None
    for w in plan.weeks:
        ahead = today is not None and today < w.start
        mark = "" if w.number != marked else "  ← the first, ahead" if ahead else "  ← this week"
        heading(f"Week {w.number}  {w.start} to {w.end}  {w.hours:g} h{mark}")
        echo("  Phase:    " + "; ".join(f"{p.order}. {p.name}" for p in w.phases))
        echo("  Focus:    " + " ".join(w.focus))
        if w.rounds:  # none once the rounds its phases prepare are behind
            names = (kept_whole(pack.round(r).name, len("  Prepares: ")) for r in w.rounds)
            echo("  Prepares: " + ", ".join(names))
        _interviews(pack, plan, w.interviews, undated)
        echo("  Tasks:")
        for n, (t, m, k, p) in enumerate(
            zip(w.tasks, w.minutes, w.origins, w.owners, strict=True), start=1
        ):
            task = timed_task_shown(t, m, moved(k, p.name, w.number))
            tick(n, task, t in done, numbered=w.number == marked)
        if not w.tasks:
            echo(f"    - {NONE_KEPT}", hang=6)
        if count is not None:
            echo(f"  {week_time(w, count, today or w.start)}.", hang=2)
        if w.dropped:
            echo(f"  {DROPPED}", hang=2)
        for n, (t, m) in enumerate(
            zip(w.dropped, w.dropped_minutes, strict=True), len(w.tasks) + 1
        ):
            label = f"{n}. " if w.number == marked else "- "
            echo(f"    {label}{timed_task_shown(t, m)}", hang=4 + len(label))
        if w.moved:
            echo(f"  {MOVED}", hang=2)
        for t, m, k in zip(w.moved, w.moved_minutes, w.moved_weeks, strict=True):
            echo(f"    - {t} {kept_whole(estimate(m, moved_to(k)), 0)}", hang=6)
        echo(f"  Questions to introduce ({len(w.questions)}):")
        for q in w.questions:
            echo(f"    - {q.id}: {q.text}")
        if not w.questions:
            echo("    - none this week")
        if said := asked_before(pack, plan, w):
            echo(f"  {said}", hang=2)
        echo()
    if plan.last_rounds:
        heading(f"Interview day  {plan.interview}")
        _interviews(pack, plan, plan.last_rounds, undated)
        echo()
    tl = loop_timeline(pack, plan, undated, today=today, logged=logged, over=over)
    heading(f"The loop, from {tl['first_interview']}")
    for r in tl["rounds"]:
        echo(f"  {loop_line(r, escape=False, today=today)}")
    echo(
        f"  {plural(len(tl['rounds']), 'round')}, {tl['total_minutes']} min; "
        f"{decision_words(tl, tl['timeline'], today)}."
    )


def _interviews(pack: Pack, plan: Plan, ids: list[str], undated: Collection[str]) -> None:
    """Each round on its day; one with no date yet says so, as the day is only the plan's. The
    interviewer's title is cut after a `/`, not inside a name ("Senior Software" /
    "Engineer/Engineering Lead)" read as two titles)."""
    from emprep.ui.export.markdown import round_days

    for rid in ids:
        label = f"  Interview{' (no date yet)' if rid in undated else ''}: "
        title = partial(names_whole, indent=hung(label, len(label)))
        [line] = round_days(pack, plan, [rid], undated, escape=False, title=title)
        echo(label + line, hang=len(label), breaks=True)
