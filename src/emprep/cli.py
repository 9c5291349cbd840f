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
    from emprep.pack import Pack


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    print(f"emprep: error: {message}", file=sys.stderr)
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


def now() -> datetime:
    """The current time; EMPREP_NOW (ISO date or datetime) pretends it is another moment."""
    from datetime import UTC

    fake = os.environ.get("EMPREP_NOW")
    if not fake:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(fake)
    except ValueError:
        raise EmprepError(
            f"EMPREP_NOW: '{fake}' is not a date or time; write it as YYYY-MM-DD[THH:MM]"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def today() -> date:
    return now().date()


def parse_date(option: str, value: str) -> date:
    if value.strip().lower() == "today":
        return today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise EmprepError(
            f"{option}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15"
        ) from None


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
    from emprep.planner import DEFAULT_HOURS, make_plan

    pack = _pack(ctx)
    first = parse_date("--start", start) if start else today()
    the_plan = make_plan(
        pack,
        first,
        interview=parse_date("--interview", interview) if interview else None,
        weeks=weeks,
        hours=DEFAULT_HOURS if hours is None else hours,
        track=pack.track(track).id if track else None,
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
