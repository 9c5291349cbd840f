"""The command line: parse options, call the core, hand the result to render. No logic here."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from emprep import __version__
from emprep.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EmprepError,
)

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.models import Progress
    from emprep.pack import Pack


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    safe = message.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    print(f"emprep: error: {safe}", file=sys.stderr)
    sys.exit(code)


class EmprepGroup(TyperGroup):
    """Every way out of a command ends here: one line on stderr and a documented exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name or "emprep", complete_var, False, **extra)
        except typer.TyperException as e:
            ctx = getattr(e, "ctx", None)
            if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:
                print(ctx.get_help())
                sys.exit(EXIT_OK)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            message = e.format_message().replace("Value error, ", "").rstrip(".")
            fail(message + hint, EXIT_BAD_INPUT)
        except EmprepError as e:
            fail(str(e), e.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            print("emprep: interrupted", file=sys.stderr)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as e:
            if os.environ.get("EMPREP_DEBUG"):
                raise
            fail(
                f"unexpected {type(e).__name__}: {e}; run again with EMPREP_DEBUG=1 "
                "for the traceback and report it",
                EXIT_UNEXPECTED,
            )
        code = rv if isinstance(rv, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=EmprepGroup,
    name="emprep",
    help="Prepare for an engineering-manager interview loop: a plan, a daily drill, progress.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    app()


class TableJson(StrEnum):
    table = "table"
    json = "json"


class QuestionFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    anki = "anki"


class PlanFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"
    ics = "ics"


def _version(value: bool) -> None:
    if value:
        print(f"emprep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option("--data", envvar="EMPREP_DATA", help="Folder of another loop pack."),
    ] = None,
    progress: Annotated[
        str | None,
        typer.Option("--progress", envvar="EMPREP_PROGRESS", help="The progress file to use."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Prepare for an engineering-manager interview loop: a plan, a daily drill, progress."""
    ctx.obj = {"data": data, "progress": progress}


def _pack(ctx: typer.Context) -> Pack:
    from emprep.pack import load_pack

    return load_pack(ctx.obj["data"])


def _path(ctx: typer.Context) -> Path:
    from emprep.store import resolve_path

    return resolve_path(ctx.obj["progress"])


def _progress(ctx: typer.Context) -> Progress:
    from emprep.store import load

    return load(_path(ctx))


def now() -> datetime:
    """The current local time; EMPREP_NOW (ISO date or datetime) pretends it is another moment."""
    fake = os.environ.get("EMPREP_NOW")
    if not fake:
        return datetime.now().astimezone()
    try:
        when = datetime.fromisoformat(fake)
    except ValueError:
        raise EmprepError(
            f"EMPREP_NOW: '{fake}' is not a date or time; write it as YYYY-MM-DD[THH:MM]"
        ) from None
    return when if when.tzinfo else when.astimezone()


def today() -> date:
    return now().date()


def parse_date(option: str, value: str) -> date:
    from emprep.values import parse_date as parse

    return parse(option, value, today())


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def rounds(
    ctx: typer.Context,
    round_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A round id or prefix.")
    ] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """The loop at a glance, or everything about one round."""
    from emprep import export, render

    pack = _pack(ctx)
    if round_id is None:
        if fmt is TableJson.json:
            _emit(export.to_json(export.loop_doc(pack)))
        else:
            render.rounds_overview(pack)
        return
    r = pack.round(round_id)
    qs = [q for q in pack.questions if r.id in q.rounds]
    if fmt is TableJson.json:
        doc = {"round": export.round_doc(r), "questions": [export.question_doc(q) for q in qs]}
        _emit(export.to_json(doc))
    else:
        render.round_detail(pack, r, qs)


@app.command()
def questions(
    ctx: typer.Context,
    round_id: Annotated[str | None, typer.Option("--round", help="Only this round.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only questions with this tag.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text to find in questions and points.")
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", help="Leave out the other track's questions.")
    ] = None,
    fmt: Annotated[
        QuestionFormat, typer.Option("--format", help="Output format.")
    ] = QuestionFormat.table,
) -> None:
    """The question bank, filtered."""
    from emprep import export, render
    from emprep.query import filter_questions

    pack = _pack(ctx)
    qs = filter_questions(pack, round_id=round_id, tag=tag, search=search, track=track)
    if fmt is QuestionFormat.json:
        _emit(export.to_json(export.questions_doc(qs)))
    elif fmt is QuestionFormat.csv:
        sys.stdout.write(export.questions_csv(qs))
    elif fmt is QuestionFormat.anki:
        sys.stdout.write(export.questions_anki(pack, qs))
    else:
        render.questions_list(pack, qs)


@app.command()
def plan(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--start", help="First day, YYYY-MM-DD.")] = None,
    interview: Annotated[
        str | None, typer.Option("--interview", help="Interview day, YYYY-MM-DD.")
    ] = None,
    weeks: Annotated[
        int | None, typer.Option("--weeks", help="Weeks to prepare (default 8).")
    ] = None,
    hours: Annotated[float | None, typer.Option("--hours", help="Hours per week.")] = None,
    track: Annotated[str | None, typer.Option("--track", help="remote or hub.")] = None,
    fmt: Annotated[PlanFormat | None, typer.Option("--format", help="Output format.")] = None,
) -> None:
    """A week-by-week plan that fits your dates and hours."""
    from emprep import export, render
    from emprep.planner import make_plan
    from emprep.profile import practice_start, settings

    pack = _pack(ctx)
    progress = _progress(ctx)
    asked = None if interview is None else parse_date("--interview", interview)
    s = settings(
        progress.profile,
        interview=asked,
        start=None if start is None else parse_date("--start", start),
        hours=hours,
        track=None if track is None else pack.track(track).id,
    )
    the_plan = make_plan(
        pack,
        practice_start(s, progress, today()),
        interview=s.interview if weeks is None else asked,
        weeks=weeks,
        hours=s.hours,
        track=s.track,
    )
    for w in the_plan.warnings:
        print(f"emprep: note: {w}", file=sys.stderr)
    fmt = fmt or (PlanFormat.table if render.is_tty() else PlanFormat.md)
    if fmt is PlanFormat.json:
        _emit(export.to_json(export.plan_doc(pack, the_plan)))
    elif fmt is PlanFormat.ics:
        sys.stdout.buffer.write(export.plan_ics(pack, the_plan, now()))
    elif fmt is PlanFormat.md:
        sys.stdout.write(export.plan_markdown(pack, the_plan))
    else:
        week = the_plan.week_of(today())
        render.plan_view(pack, the_plan, week.number if week else None)


config_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your profile."
)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(
    ctx: typer.Context,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """Show the profile: interview, start, hours, track, count."""
    from emprep import export, render

    profile = _progress(ctx).profile
    if fmt is TableJson.json:
        _emit(export.to_json(profile.model_dump(mode="json")))
    else:
        render.profile_view(profile, str(_path(ctx)))


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="interview, start, hours, track or count.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Set one profile value; plan, drill and progress use it when no option is given."""
    from emprep import render, store
    from emprep.profile import config_key, set_value

    pack = _pack(ctx)
    day = today()
    saved = store.update(
        _path(ctx),
        lambda p: p.model_copy(update={"profile": set_value(pack, p.profile, key, value, day)}),
    )
    k = config_key(key)
    print(f"{k} = {render.value(getattr(saved.profile, k))}")


@config_app.command("unset")
def config_unset(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="interview, start, hours, track or count.")],
) -> None:
    """Forget one profile value."""
    from emprep import store
    from emprep.profile import config_key, unset_value

    store.update(
        _path(ctx), lambda p: p.model_copy(update={"profile": unset_value(p.profile, key)})
    )
    print(f"{config_key(key)} is not set")


@app.command()
def drill(
    ctx: typer.Context,
    round_id: Annotated[str | None, typer.Option("--round", help="Only this round.")] = None,
    count: Annotated[
        int | None, typer.Option("--count", help="Questions today (default 5).")
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Print today's drill; ask nothing.")
    ] = False,
    fmt: Annotated[
        TableJson, typer.Option("--format", help="Output format of --list.")
    ] = TableJson.table,
) -> None:
    """Today's practice: due reviews, then new questions, paced to your interview."""
    from emprep import export, render
    from emprep.practice import todays_drill
    from emprep.profile import settings

    pack = _pack(ctx)
    progress = _progress(ctx)
    moment = now()
    the_drill = todays_drill(
        pack, progress, moment, settings(progress.profile, count=count), round_id
    )
    if list_only or not sys.stdin.isatty() or not sys.stdout.isatty():
        if fmt is TableJson.json:
            _emit(export.to_json(export.drill_doc(the_drill)))
        else:
            render.drill_list(pack, the_drill)
        if not list_only:
            print(
                "emprep: note: not a terminal, so nothing is asked; record an answer with "
                "'emprep review ID RATING' (RATING 1-4: again, hard, good, easy)",
                file=sys.stderr,
            )
        return
    from emprep import interactive
    from emprep.report import forecast

    if not the_drill.items:
        render.drill_list(pack, the_drill)
        return
    session = interactive.run(pack, the_drill, _path(ctx), now)
    after = session.progress or progress
    render.drill_summary(session, forecast(after, now(), pack.questions)[1:])
    if session.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)


@app.command()
def review(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
    rating: Annotated[
        str, typer.Argument(metavar="RATING", help="1-4 or again, hard, good, easy.")
    ],
    seconds: Annotated[int, typer.Option("--seconds", min=0, help="How long the answer took.")] = 0,
) -> None:
    """Record one rating without the interactive drill (for scripts and editors)."""
    from emprep import store
    from emprep.scheduler import RATING_NAMES, due_date, parse_rating, record

    pack = _pack(ctx)
    q = pack.question(question_id)
    value = parse_rating(rating)
    moment = now()
    saved = store.update(_path(ctx), lambda p: record(p, q.id, value, seconds, moment))
    due = due_date(saved.cards[q.id], moment)
    print(f"Recorded {q.id}: {RATING_NAMES[value]}. Next review {due}.")


@app.command()
def progress(
    ctx: typer.Context,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """Readiness per round, streak, forecast and the weakest questions."""
    from emprep import export, render
    from emprep.practice import progress_report
    from emprep.profile import settings

    pack = _pack(ctx)
    data = _progress(ctx)
    report = progress_report(pack, data, now(), settings(data.profile))
    if fmt is TableJson.json:
        _emit(export.to_json(export.report_doc(report)))
    else:
        render.progress_view(report)
