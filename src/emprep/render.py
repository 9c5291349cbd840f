"""What a person sees: rich tables on a terminal, plain aligned text when piped."""

from __future__ import annotations

import sys
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from emprep.models import Profile, Question, Round
from emprep.pack import Pack
from emprep.planner import Plan

if TYPE_CHECKING:
    from rich.console import Console

    from emprep.interactive import Session
    from emprep.report import Report
    from emprep.scheduler import Drill


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


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def countdown(interview: date, days: int) -> str:
    """The interview date said as a person would: ahead, today, or past."""
    if days > 0:
        return f"{_plural(days, 'day')} to the interview ({interview})"
    if days == 0:
        return f"interview day ({interview})"
    return f"the interview ({interview}) was {_plural(-days, 'day')} ago"


def drill_list(pack: Pack, drill: Drill) -> None:
    n = _plural(len(drill.items), "question")
    if drill.interview is None or drill.days_left is None:
        echo(f"Drill for {drill.day}: {n} (no interview date: plain FSRS)")
    elif drill.days_left < 0:
        when = countdown(drill.interview, drill.days_left)
        echo(f"Drill for {drill.day}: {n} ({when}: plain FSRS)")
    elif drill.days_left == 0:
        echo(f"Drill for {drill.day}: {n}, a warm-up of your weakest on interview day")
    else:
        echo(
            f"Drill for {drill.day}: {n}, {countdown(drill.interview, drill.days_left)}, "
            f"{drill.unseen} unseen (at least {drill.new_quota} new today)"
        )
    if not drill.items:
        echo("Nothing to practise today. See what is coming: emprep progress")
        return
    upcoming = drill.days_left is not None and drill.days_left >= 0
    rows = [
        [
            str(n),
            i.question.id,
            i.kind,
            ",".join(i.question.rounds),
            _pct(i.recall_interview if upcoming else i.recall_now),
            i.question.text,
        ]
        for n, i in enumerate(drill.items, start=1)
    ]
    recall = "recall@interview" if upcoming else "recall"
    table(["#", "id", "kind", "rounds", recall, "question"], rows)


def drill_summary(session: Session, forecast: list[tuple[date, int]]) -> None:
    from emprep.scheduler import RATING_NAMES

    done = sum(session.rated.values())
    parts = ", ".join(f"{RATING_NAMES[k]} {v}" for k, v in sorted(session.rated.items()))
    stopped = "Stopped. " if session.interrupted else ""
    echo(
        f"{stopped}{done} rated{f' ({parts})' if parts else ''}, {session.skipped} skipped, "
        f"{session.seconds // 60} min {session.seconds % 60} s answering. Every rating is saved."
    )
    upcoming = [f"{d}: {n}" for d, n in forecast if n][:3]
    if upcoming:
        echo("Next reviews: " + ", ".join(upcoming))


HEAT = " ░▒▓█"


def _heat(n: int) -> str:
    if n == 0:
        return "·"
    return HEAT[min(4, 1 + (n - 1) // 3)]


def heatmap_rows(days: list[tuple[date, int]]) -> list[str]:
    """Seven rows, Monday first; a column per calendar week."""
    from datetime import timedelta

    monday = days[0][0] - timedelta(days=days[0][0].weekday())
    cols = (days[-1][0] - monday).days // 7 + 1
    grid = [[" "] * cols for _ in range(7)]
    for d, n in days:
        grid[d.weekday()][(d - monday).days // 7] = _heat(n)
    return [f"  {'MTWTFSS'[wd]} " + "".join(row).rstrip() for wd, row in enumerate(grid)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_view(report: Report) -> None:
    if report.interview and report.days_to_interview is not None:
        week = f", plan week {report.week} of {report.weeks}" if report.week else ""
        when = countdown(report.interview, report.days_to_interview)
        heading(when[0].upper() + when[1:] + week)
    else:
        heading("No interview date yet: emprep config set interview YYYY-MM-DD")
    if not report.reviews:
        echo("No practice yet. Start with: " + report.hint)
        return
    echo(
        f"Streak {_plural(report.streak, 'day')} · {_plural(report.reviews, 'review')} on "
        f"{_plural(report.practice_days, 'day')} · {report.seconds // 60} min answering"
    )
    echo()
    ahead = report.days_to_interview is not None and report.days_to_interview >= 0
    when = "on interview day" if ahead else "today"
    rows = [
        [r.name, f"{r.seen}/{r.total}", str(r.due_today), _pct(r.recall)] for r in report.rounds
    ]
    table(["round", "seen", "due today", f"recall {when}"], rows)
    echo(f"Recall is FSRS's predicted chance of answering well {when}; unseen questions count 0.")
    echo()
    heading("Last 12 weeks (· none, ░ 1-3, ▒ 4-6, ▓ 7-9, █ 10+ reviews)")
    for line in heatmap_rows(report.heatmap):
        echo(line)
    echo()
    echo("Due next 7 days: " + "  ".join(f"{d:%a %d} {n}" for d, n in report.forecast))
    if report.weakest:
        echo()
        heading("Weakest questions")
        for q, r in report.weakest:
            echo(f"  {_pct(r):>4}  {q.id}: {q.text}")
    echo()
    echo(f"Next: {report.hint}")


def value(v: object) -> str:
    """A profile value as a person would write it: 5, not 5.0."""
    if v is None:
        return "(not set)"
    return f"{v:g}" if isinstance(v, float) else str(v)


def profile_view(profile: Profile, path: str) -> None:
    for key in ("interview", "start", "hours", "track", "count"):
        echo(f"{key:<10} {value(getattr(profile, key))}")
    echo(f"file       {path}")
