"""`emprep progress`: readiness per round, the practice calendar, the forecast."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from emprep.ui import output
from emprep.ui.render import (
    STYLES,
    Cell,
    echo,
    heading,
    kept_whole,
    recall_style,
    table,
    units,
    width,
)
from emprep.ui.screens.pace import pace_chart, pace_line
from emprep.ui.screens.stories import coverage_summary
from emprep.ui.text import next_and_last, percent, plural, undated

if TYPE_CHECKING:
    from emprep.core.report import Report, RoundReadiness


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


def progress_view(report: Report) -> None:
    """The progress report as a screen: `emprep progress`."""
    if report.interview and report.days_to_interview is not None:
        # "plan week 7 of 8" is one figure: a narrow line breaks before it, not inside it
        week = (
            f", {kept_whole(f'plan week {report.week} of {report.weeks}', 0)}"
            if report.week
            else ""
        )
        week += f" from {report.week_from}" if report.week_from else ""
        when = rounds_countdown(report)
        heading(when[0].upper() + when[1:] + week)
    else:
        heading("No interview date yet")
    if report.reviews:
        _practice(report)
    else:
        echo("No practice yet.")
    if report.pace is not None:
        echo()
        heading("Forecast: questions predicted ready each practice morning to the interview")
        for line in pace_chart(report.pace, width() if output.is_tty() else None):
            echo(line)
        echo(pace_line(report.pace, report.still_due))
    echo()
    heading("Stories")
    for line in coverage_summary(report.stories):
        echo(f"  {line}")
    gaps = [g.competency.name for g in report.stories.gaps]
    if report.stories.stories and gaps:
        more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
        echo(f"  No story shows: {', '.join(gaps[:3])}{more} (emprep story coverage)")
    # the mocks' and the interviews' screens are imported only for a report that has them
    if report.mocks:
        from emprep.ui.screens.mock import mock_history_view

        echo()
        mock_history_view(report.mocks)
    if report.interviews or report.earlier:
        from emprep.ui.screens.rounds import interviews_view

        if report.interviews:
            echo()
            interviews_view(report.interviews)
        if report.earlier:  # an earlier loop's, kept apart from this one's
            echo()
            interviews_view(report.earlier, "Rounds of earlier loops (before this one's start)")
    echo()
    echo(f"Next: {report.hint}", style="bold")


def rounds_countdown(report: Report) -> str:
    """Days to the interview; with rounds on several days, to the next round and the last."""
    assert report.interview is not None and report.days_to_interview is not None
    if report.open_ended:
        had = [(r.name, report.interview) for r in report.rounds if r.date == report.interview]
        left = sum(r.date is None for r in report.rounds)
        return undated(had, report.days_to_interview, left)
    ahead = [(r.days, r) for r in report.rounds if r.days is not None and not r.finished]
    nxt = None
    if ahead:
        days, r = min(ahead, key=lambda dr: dr[0])
        assert r.date is not None
        nxt = ([o.name for d, o in ahead if d == days], r.date, days)
    return next_and_last(report.interview, report.days_to_interview, nxt)


def _round_when(r: RoundReadiness) -> str:
    if r.days is None:
        return "-"
    if r.over:
        return "done"
    return "today" if r.days == 0 else f"in {plural(r.days, 'day')}"


def _practice(report: Report) -> None:
    echo(
        f"Streak {plural(report.streak, 'day')} · {plural(report.reviews, 'review')} on "
        f"{plural(report.practice_days, 'day')} · {report.seconds // 60} min answering"
    )
    echo()
    ahead = {r.date for r in report.rounds if r.days is not None and not r.finished}
    when = "on its day" if len(ahead) > 1 else "on interview day" if ahead else "today"
    rows: list[list[Cell]] = [
        [
            r.name,
            str(r.date or "-"),
            (_round_when(r), STYLES["dim"] if r.finished else STYLES["heading"]),
            f"{r.seen}/{r.total}",
            # a round that is over asks nothing more: its questions count under later rounds
            ("-", "dim")
            if r.finished
            else (str(r.due_today), STYLES["due"] if r.due_today else "dim"),
            ("-", "dim") if r.finished else (percent(r.recall), recall_style(r.recall)),
        ]
        for r in report.rounds
    ]
    table(["round", "date", "when", "seen", "due today", f"recall {when}"], rows, wide=0)
    from emprep.core.scheduler import TARGET

    on = "on the morning of each round's day" if len(ahead) > 1 else when
    # the plan's last task sends the candidate here to see each round at its target
    echo(
        f"Recall is FSRS's predicted chance of answering well {on}; unseen questions count 0; "
        f"the target is {percent(TARGET)}."
    )
    echo()
    heading("Last 12 weeks (· none, ░ 1-3, ▒ 4-6, ▓ 7-9, █ 10+ reviews)")
    for line in heatmap_rows(report.heatmap):
        echo(line)
    echo()
    units("Due next 7 days: ", [f"{d:%a %d} {n}" for d, n in report.forecast])
    if report.weakest:
        echo()
        heading("Weakest questions")
        for q, r in report.weakest:
            echo(f"  {percent(r):>4}  {q.id}: {q.text}", hang=8)
