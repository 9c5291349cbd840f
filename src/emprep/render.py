"""What a person sees: rich tables on a terminal, plain aligned text when piped."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

from emprep.models import Question, Round
from emprep.pack import Pack
from emprep.planner import Plan

if TYPE_CHECKING:
    from rich.console import Console


def is_tty() -> bool:
    return sys.stdout.isatty()


@cache
def console() -> Console:
    """stdout; rich drops colour by itself for NO_COLOR and for pipes."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=not is_tty())


def echo(text: str = "") -> None:
    console().print(text, markup=False)


def heading(text: str) -> None:
    console().print(f"[bold]{_escape(text)}[/bold]")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def table(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A boxed table on a terminal; columns separated by two spaces, one row a line, otherwise."""
    if is_tty():
        from rich.table import Table

        t = Table(title=title, title_justify="left", highlight=False)
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*(_escape(c) for c in row))
        console().print(t)
        return
    if title:
        echo(title)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        cells = [c.ljust(widths[i]) for i, c in enumerate(row[:-1])] + [row[-1]]
        echo("  ".join(cells).rstrip())


def bullets(title: str, items: list[str], numbered: bool = False) -> None:
    heading(title)
    for i, item in enumerate(items, start=1):
        echo(f"  {i}. {item}" if numbered else f"  - {item}")
    echo()


def rounds_overview(pack: Pack) -> None:
    loop = pack.loop
    heading(f"{loop.company} · {loop.role} · {loop.level} · {loop.difficulty}")
    echo()
    rows = [
        [str(r.order), r.id, r.name, r.kind, r.difficulty, f"{r.minutes} min", r.interviewer]
        for r in pack.rounds
    ]
    table(["#", "id", "round", "kind", "difficulty", "length", "interviewer"], rows)
    echo()
    echo(
        f"{len(pack.rounds)} rounds, {sum(r.minutes for r in pack.rounds)} min in all, "
        f"{loop.timeline} from first call to decision. Experience {loop.experience}, "
        f"salary {loop.salary}."
    )
    echo("Details of one round: emprep rounds ID")


def round_detail(pack: Pack, r: Round, questions: list[Question]) -> None:
    heading(f"{r.order}. {r.name} ({r.id})")
    echo(f"{r.kind} · {r.difficulty} · {r.minutes} min · {r.interviewer}")
    echo()
    echo(r.summary)
    echo()
    echo(r.description)
    echo()
    bullets("What interviewers look for", r.look_for)
    bullets("Evaluation criteria", r.criteria)
    bullets("Preparation tips", r.tips, numbered=True)
    bullets("Common reasons for rejection", r.rejection_reasons)
    bullets(f"Questions ({len(questions)})", [f"{q.id}: {q.text}" for q in questions])


def questions_list(pack: Pack, questions: list[Question]) -> None:
    if not questions:
        print("emprep: no question matches those filters", file=sys.stderr)
        return
    rows = [[q.id, ",".join(q.rounds), q.source, q.text] for q in questions]
    table(["id", "rounds", "source", "question"], rows)


def plan_view(pack: Pack, plan: Plan, today_week: int | None = None) -> None:
    from emprep.export import loop_timeline

    total = sum(w.hours for w in plan.weeks)
    heading(f"Your plan: {pack.loop.company} {pack.loop.role} ({pack.loop.level})")
    echo(
        f"{plan.start} to {plan.interview}: {plan.days} days, {len(plan.weeks)} weeks, "
        f"{plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else "")
    )
    echo()
    for w in plan.weeks:
        mark = "  ← this week" if w.number == today_week else ""
        heading(f"Week {w.number}  {w.start} to {w.end}  {w.hours:g} h{mark}")
        echo("  Phase:    " + "; ".join(f"{p.order}. {p.name}" for p in w.phases))
        echo("  Focus:    " + " ".join(p.summary for p in w.phases))
        echo("  Prepares: " + ", ".join(pack.round(r).name for r in w.rounds))
        echo("  Tasks:")
        for t in w.tasks:
            echo(f"    - {t}")
        echo(f"  Questions to introduce ({len(w.questions)}):")
        for q in w.questions:
            echo(f"    - {q.id}: {q.text}")
        echo()
    tl = loop_timeline(pack, plan)
    heading(f"The loop, from {tl['first_interview']}")
    for r in tl["rounds"]:
        echo(f"  {r['order']}. {r['name']} ({r['minutes']} min)")
    echo(
        f"  {len(tl['rounds'])} rounds, {tl['total_minutes']} min; {tl['timeline']} to a "
        f"decision (around {tl['decision_around']})."
    )
