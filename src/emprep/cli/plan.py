"""The calendar: `emprep plan`, the daily home screen `emprep today`, and `emprep task`.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from emprep.cli.context import (
    fit_of,
    forecasting_of,
    introduced,
    note_before_start,
    note_had_by,
    note_left_out,
    now,
    pace_of,
    pack_of,
    parse_date,
    path_of,
    progress_of,
    set_up_first,
)
from emprep.cli.group import EmprepGroup
from emprep.cli.options import Format, Number, Output, Whole, formats
from emprep.core.limits import HOURS, MAX_WEEKS, whole_from
from emprep.ui.output import TableJson, emit, note

if TYPE_CHECKING:
    from emprep.core.models import Progress


class PlanFormat(StrEnum):
    """`--format` of `emprep plan`."""

    table = "table"
    md = "md"
    json = "json"
    ics = "ics"


Start = Annotated[
    str | None,
    typer.Option(
        "--start",
        metavar="DATE",
        help=(
            "First day [default: config start]; without one, the first practice day, else the "
            "next one."
        ),
    ),
]
Interview = Annotated[
    str | None,
    typer.Option("--interview", metavar="DATE", help="Interview day [default: config interview]."),
]
Weeks = Annotated[
    int | None,
    typer.Option(
        "--weeks",
        metavar="N",
        click_type=Whole(whole_from(1, MAX_WEEKS), "--weeks 8"),
        help="Weeks to prepare [default: to interview, or 8].",
    ),
]
Hours = Annotated[
    float | None,
    typer.Option(
        "--hours",
        metavar="N",
        click_type=Number(HOURS, "--hours 6"),
        help="Hours a week [default: config hours, or 6].",
    ),
]
Track = Annotated[
    str | None, typer.Option("--track", metavar="remote|hub", help="A location track.")
]


def plan(
    ctx: typer.Context,
    start: Start = None,
    interview: Interview = None,
    weeks: Weeks = None,
    hours: Hours = None,
    track: Track = None,
    fmt: Annotated[PlanFormat | None, formats(PlanFormat)] = None,
    output: Output = None,
) -> None:
    """A week-by-week plan that fits your dates and hours."""
    from emprep.core.practice import as_drilled
    from emprep.core.profile import requested_plan
    from emprep.core.rounds import plan_marks
    from emprep.core.settings import effective
    from emprep.ui.export import ics, markdown, timeline
    from emprep.ui.screens.plan import plan_view

    pack = pack_of(ctx)
    moment = now()
    day = moment.date()
    progress = progress_of(ctx)
    note_left_out(ctx, progress.profile)
    asked = parse_date("--interview", interview)
    weeks_plan = requested_plan(
        pack,
        progress,
        day,
        tz=moment.tzinfo,
        interview=asked,
        start=parse_date("--start", start),
        weeks=weeks,
        hours=hours,
        track=track,
    )
    for warning in weeks_plan.warnings:
        note(warning)
    s = effective(progress.profile, pack.round_ids, interview=asked)
    weeks_plan = introduced(ctx, pack, progress, weeks_plan, s=s, moment=moment)
    undated, logged, over = plan_marks(pack, progress, weeks_plan, s=s, now=moment)
    loop_over = as_drilled(pack, progress, s, moment).over(day)  # `progress` gives no pace
    forecast = forecasting_of(
        ctx, pack, progress, moment=moment, count_too=bool(weeks_plan.unreached)
    )
    count = s.count
    done = pack.ticked(progress.done_tasks)
    emit(
        fmt,
        json=lambda: timeline.plan_doc(
            pack, weeks_plan, count, undated, today=day, logged=logged, over=over, done=done
        ),
        text={
            "md": lambda: markdown.plan_markdown(
                pack,
                weeks_plan,
                count,
                today=day,
                forecast=forecast,
                done=done,
                undated=undated,
                logged=logged,
                over=over,
                loop_over=loop_over,
            )
        },
        binary={
            "ics": lambda: ics.plan_ics(
                pack,
                weeks_plan,
                moment,
                count=count,
                undated=undated,
                logged=logged,
                over=over,
                done=done,
                loop=progress.loop,
                loop_over=loop_over,
                forecast=forecast,
            )
        },
        table=lambda: plan_view(
            pack,
            weeks_plan,
            weeks_plan.week_shown(day),
            done=done,
            count=count,
            today=day,
            undated=undated,
            logged=logged,
            over=over,
            loop_over=loop_over,
            forecast=forecast,
        ),
        output=output,
        piped="md",
    )


def today_cmd(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """The daily home screen: days to go, this week's tasks, today's drill, the next step."""
    from emprep.core.settings import effective
    from emprep.core.today import today as build
    from emprep.ui import home

    pack = pack_of(ctx)
    if fmt is not TableJson.json:  # a document is read, not answered: the defaults hold
        set_up_first(ctx, pack)
    data = progress_of(ctx)
    note_left_out(ctx, data.profile)
    note_before_start(ctx, data.profile)
    note_had_by(ctx, data)
    moment = now()
    pace = pace_of(ctx, pack, data, moment=moment)
    s = effective(data.profile, pack.round_ids)
    behind = pace is not None and pace.short
    screen = build(pack, data, moment, s=s, fit=fit_of(ctx, data), behind=behind)
    emit(
        fmt, json=lambda: home.today_doc(screen, pace), table=lambda: home.today_view(screen, pace)
    )


task_app = typer.Typer(
    cls=EmprepGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Tick this week's plan tasks (numbered as emprep today shows them).",
)

TaskNumbers = Annotated[
    list[int],
    typer.Argument(
        metavar="N...",
        click_type=Whole("a task's number in this week's list", "{command} 1"),
        help="The tasks' numbers in this week's list, as emprep today shows them.",
        show_default=False,
    ),
]


def _tick(ctx: typer.Context, numbers: list[int], done: bool, *, fmt: TableJson) -> None:
    """Tick tasks `numbers` of this week (untick: `done` False) under the file's lock, at once,
    each read against the list as it stood before; the screen says whether that changed each,
    as the task stood in the file the change was made to."""
    from emprep.core.settings import effective
    from emprep.core.today import Task, this_week, tick
    from emprep.storage import store
    from emprep.ui import home

    pack = pack_of(ctx)
    moment = now()
    day, tz = moment.date(), moment.tzinfo

    before: list[list[Task]] = []

    def change(p: "Progress") -> "Progress":
        s = effective(p.profile, pack.round_ids)
        tasks = this_week(pack, p, s, day=day, tz=tz)[2]
        ticked = tick(pack, p, tasks, numbers, done=done, s=s, day=day)
        before.append(tasks)
        return ticked

    saved = store.update(path_of(ctx), change)
    s = effective(saved.profile, pack.round_ids)
    week, _, tasks = this_week(pack, saved, s, day=day, tz=tz)
    emit(
        fmt,
        json=lambda: home.tasks_doc(week, tasks),
        table=lambda: home.ticked(tasks, before[-1], numbers, done),
    )


@task_app.command("done", short_help="Tick tasks N... of this week's plan")
def task_done(ctx: typer.Context, numbers: TaskNumbers, fmt: Format = TableJson.table) -> None:
    """Tick tasks N... of this week's plan (task done 1 3)."""
    _tick(ctx, numbers, True, fmt=fmt)


@task_app.command("undo", short_help="Untick tasks N... of this week's plan")
def task_undo(ctx: typer.Context, numbers: TaskNumbers, fmt: Format = TableJson.table) -> None:
    """Untick tasks N... of this week's plan (task undo 1 3)."""
    _tick(ctx, numbers, False, fmt=fmt)
