"""`emprep plan` on a terminal: week by week, then the loop's days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.ui.render import echo, heading, tick
from emprep.ui.text import plural

if TYPE_CHECKING:
    from datetime import date

    from emprep.core.planner import Week


def plan_view(
    pack: Pack,
    plan: Plan,
    shown: Week | None = None,
    *,
    today: date | None = None,
    done: frozenset[str] = frozenset(),
    count: int | None = None,
) -> None:
    """The plan; `shown`, the week `today` and `task done` speak of, is marked: this week, or
    the first while the plan is ahead."""
    from emprep.ui.export.identity import loop_name
    from emprep.ui.export.markdown import drill_sentence, round_days
    from emprep.ui.export.timeline import decision_words, loop_timeline

    total = sum(w.hours for w in plan.weeks)
    heading(f"Your plan: {loop_name(pack)}")
    echo(
        f"{plan.start} to {plan.interview}: {plural(plan.days, 'day')}, "
        f"{plural(len(plan.weeks), 'week')}, {plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else "")
    )
    if count is not None:
        echo(drill_sentence(count, plan, pack))
    echo()
    marked = shown.number if shown else None
    for w in plan.weeks:
        ahead = today is not None and today < w.start
        mark = "" if w.number != marked else "  ← the first, ahead" if ahead else "  ← this week"
        heading(f"Week {w.number}  {w.start} to {w.end}  {w.hours:g} h{mark}")
        echo("  Phase:    " + "; ".join(f"{p.order}. {p.name}" for p in w.phases))
        echo("  Focus:    " + " ".join(w.focus))
        if w.rounds:  # none once the rounds its phases prepare are behind
            echo("  Prepares: " + ", ".join(pack.round(r).name for r in w.rounds))
        for line in round_days(pack, plan, w.interviews, escape=False):
            echo(f"  Interview: {line}")
        echo("  Tasks:")
        for n, t in enumerate(w.tasks, start=1):
            tick(n, t, t in done, numbered=w.number == marked)
        echo(f"  Questions to introduce ({len(w.questions)}):")
        for q in w.questions:
            echo(f"    - {q.id}: {q.text}")
        if not w.questions:
            echo("    - none this week")
        echo()
    if plan.last_rounds:
        heading(f"Interview day  {plan.interview}")
        for line in round_days(pack, plan, plan.last_rounds, escape=False):
            echo(f"  Interview: {line}")
        echo()
    tl = loop_timeline(pack, plan)
    heading(f"The loop, from {tl['first_interview']}")
    for r in tl["rounds"]:
        echo(f"  {r['order']}. {r['name']} ({r['minutes']} min) on {r['date']}")
    echo(
        f"  {plural(len(tl['rounds']), 'round')}, {tl['total_minutes']} min; "
        f"{decision_words(tl, tl['timeline'])}."
    )
