"""The command line: parse options, call one function, emit its result. No logic here.

No `from __future__ import annotations` here: typer reads every command's annotations on every
run, and evaluating them from strings cost each command about 10 ms (benchmarks/latency.py).
"""

import functools
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from emprep import __version__
from emprep.core.errors import EmprepError, ExitStatus, shown
from emprep.core.limits import MAX_SECONDS
from emprep.ui.output import (
    PlanFormat,
    QuestionFormat,
    StoryFormat,
    TableJson,
    emit,
    interactive,
    note,
    printed_instead,
)

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.models import Progress
    from emprep.core.pace import Advice
    from emprep.core.pack import Pack
    from emprep.ui.story_entry import StoryInput


def fail(message: str, code: ExitStatus = ExitStatus.BAD_INPUT) -> NoReturn:
    print(f"emprep: error: {shown(message, limit=1000)}", file=sys.stderr)
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
        from emprep.ui import pipes

        try:
            rv = super().main(args, prog_name or "emprep", complete_var, False, **extra)
            pipes.flush()
        except NoArgsIsHelpError as e:
            print(e.ctx.get_help() if e.ctx else "")
            sys.exit(ExitStatus.OK)
        except typer.TyperException as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            fail(e.format_message().rstrip(".") + hint)
        except EmprepError as e:
            fail(str(e), e.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            print("emprep: interrupted", file=sys.stderr)
            sys.exit(ExitStatus.INTERRUPTED)
        except OSError as e:  # files are storage's (EmprepError): this one is the output
            pipes.failed(e)
        except SystemExit as e:  # typer's own way out of a closed pipe is a silent exit 1
            if isinstance(e.__context__, BrokenPipeError):
                pipes.closed()
            raise
        except Exception as e:
            if os.environ.get("EMPREP_DEBUG"):
                raise
            fail(
                f"unexpected {type(e).__name__}: {e}; run again with EMPREP_DEBUG=1 "
                "for the traceback and report it",
                ExitStatus.UNEXPECTED,
            )
        code = rv if isinstance(rv, int) else ExitStatus.OK
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


FORMAT = typer.Option("--format", help="Output format.")
Format = Annotated[TableJson, FORMAT]
Round = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar="ID",
        help="Only this round: recruiter, technical, people, strategic or executive "
        "(a prefix works).",
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"emprep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data", metavar="DIR", envvar="EMPREP_DATA", help="Folder of another loop pack."
        ),
    ] = None,
    progress: Annotated[
        str | None,
        typer.Option(
            "--progress", metavar="PATH", envvar="EMPREP_PROGRESS", help="The progress file to use."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Prepare for an engineering-manager interview loop: a plan, a daily drill, progress."""
    ctx.obj = {"data": data, "progress": progress}


def _pack(ctx: typer.Context) -> "Pack":
    from emprep.storage.packs import load_pack

    if "pack" not in ctx.obj:
        ctx.obj["pack"] = load_pack(ctx.obj["data"])
    pack: Pack = ctx.obj["pack"]
    return pack


def _path(ctx: typer.Context) -> "Path":
    from emprep.storage.store import resolve_path

    return resolve_path(ctx.obj["progress"])


def _progress(ctx: typer.Context, *, carried: bool = True) -> "Progress":
    """The progress file, with merged questions' reviews counted for the questions that
    replaced them (`carried`; a command that reads only the profile needs no pack)."""
    from emprep.storage.store import load

    progress = load(_path(ctx))
    return _pack(ctx).carry(progress) if carried else progress


def _say(message: str) -> None:
    """A message on stdout, wrapped to the terminal under its own text (whole when piped)."""
    from emprep.ui import render

    render.echo(message)


def _first_run(ctx: typer.Context, pack: "Pack") -> None:
    """The first interactive drill or today, before any progress file: a short setup."""
    from emprep.ui import first_run

    if first_run.needed(_path(ctx)):
        first_run.setup(pack, _path(ctx), today())


def _pace(
    ctx: typer.Context, pack: "Pack", progress: "Progress", moment: datetime
) -> "Advice | None":
    """The pace advice at the configured count; kept in the cache, as it simulates weeks."""
    from emprep.core.pace import Advice, Forecast, Point
    from emprep.core.practice import pace_advice, pace_inputs
    from emprep.core.settings import effective
    from emprep.storage import cache

    inputs = pace_inputs(pack, progress, moment, effective(progress.profile, pack.round_ids))
    kinds = {"Advice": Advice, "Forecast": Forecast, "Point": Point}
    return cache.memo("pace", _path(ctx), inputs, Advice, lambda: pace_advice(inputs), kinds)


def now() -> datetime:
    """The current local time; EMPREP_NOW (ISO date or datetime) pretends it is another moment."""
    from emprep.storage.clock import now as clock_now

    return clock_now()


def today() -> date:
    return now().date()


def parse_date(option: str, value: str | None) -> date | None:
    """A date option as typed (`YYYY-MM-DD` or `today`); None when not given."""
    from emprep.core.parse import parse_date as parse

    return None if value is None else parse(option, value, today())


class RoundsGroup(EmprepGroup):
    """`rounds [ID]` shows the loop or one round; `rounds log ROUND` records one that happened.
    Anything but a subcommand's name goes to `show`, as click-default-group does."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["show", *args]
        return super().parse_args(ctx, args)


rounds_app = typer.Typer(
    cls=RoundsGroup,
    rich_markup_mode=None,
    help="The loop at a glance, one round in full, or what a round you had asked.",
)
app.add_typer(rounds_app, name="rounds", short_help="The loop, one round, or one you had")


@rounds_app.command("show", short_help="The loop, or one round in full")
def rounds_show(
    ctx: typer.Context,
    round_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A round id or prefix.")
    ] = None,
    fmt: Format = TableJson.table,
) -> None:
    """The loop at a glance (with each round's date when set), or everything about one round."""
    from emprep.core.rounds import round_dates
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    profile = _progress(ctx, carried=False).profile
    dates = round_dates(pack, profile.interview, profile.rounds)
    if round_id is None:
        emit(
            fmt,
            json=lambda: {**docs.loop_doc(pack), "dates": docs.round_dates_doc(dates)},
            table=lambda: render.rounds_overview(pack, dates),
        )
        return
    r = pack.round(round_id)
    qs = [q for q in pack.questions if r.id in q.rounds]
    day = next(d for d in dates if d.round.id == r.id)
    emit(
        fmt,
        json=lambda: docs.round_detail_doc(r, day, qs),
        table=lambda: render.round_detail(pack, r, qs, day),
    )


@rounds_app.command("log", short_help="Record a round you had")
def rounds_log(
    ctx: typer.Context,
    round_id: Annotated[str, typer.Argument(metavar="ROUND", help="The round you had.")],
    asked: Annotated[
        list[str] | None,
        typer.Option(
            "--asked",
            metavar="ID|TEXT",
            help="A question asked: its id, or in your words. Repeat for each.",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="How it went, in a line.")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="The day of the round (default: its date)."),
    ] = None,
    fmt: Format = TableJson.table,
) -> None:
    """Record a round you had: the questions asked and a note (asked on a terminal)."""
    from emprep.ui import render, round_entry
    from emprep.ui.export import docs

    pack = _pack(ctx)
    done = round_entry.log(pack, _path(ctx), now, round_id, asked=asked or [], note=note, on=on)
    emit(
        fmt,
        json=lambda: docs.interview_doc(done.interview),
        table=lambda: render.round_logged(
            pack, done.interview, done.progress, done.settings, today()
        ),
    )
    if done.interrupted:
        raise typer.Exit(ExitStatus.INTERRUPTED)


@app.command(short_help="The question bank, filtered")
def questions(
    ctx: typer.Context,
    round_id: Round = None,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="TAG", help="Only questions with this tag.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", metavar="TEXT", help="Text to find in questions and points."),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track", metavar="remote|hub", help="Leave out the other track's questions."
        ),
    ] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="Only core, m4 or stretch questions.")
    ] = None,
    fmt: Annotated[QuestionFormat, FORMAT] = QuestionFormat.table,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (apkg needs it)."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV for Excel: start with a UTF-8 byte-order mark.")
    ] = False,
) -> None:
    """The question bank, filtered."""
    from emprep.core.query import filter_questions
    from emprep.ui import render
    from emprep.ui.export import anki, apkg, docs, spreadsheet

    if bom and fmt is not QuestionFormat.csv:
        raise EmprepError("--bom is for --format csv (Excel reads the mark as 'UTF-8')")
    pack = _pack(ctx)
    qs = filter_questions(
        pack, round_id=round_id, tag=tag, search=search, track=track, difficulty=difficulty
    )
    emit(
        fmt,
        json=lambda: docs.questions_doc(qs, _progress(ctx).notes),
        text={
            "csv": lambda: spreadsheet.questions_csv(qs, _progress(ctx).notes, bom=bom),
            "anki": lambda: anki.questions_anki(pack, qs),
        },
        files={"apkg": lambda: apkg.questions_apkg(pack, qs, now())},
        table=lambda: render.questions_list(pack, qs),
        output=output,
    )


@app.command(short_help="The weeks to the interview")
def plan(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="DATE", help="First day [default: config start, else today]."
        ),
    ] = None,
    interview: Annotated[
        str | None,
        typer.Option(
            "--interview", metavar="DATE", help="Interview day [default: config interview]."
        ),
    ] = None,
    weeks: Annotated[
        int | None, typer.Option("--weeks", metavar="N", help="Weeks to prepare [default: 8].")
    ] = None,
    hours: Annotated[
        float | None,
        typer.Option("--hours", metavar="N", help="Hours a week [default: config hours, else 6]."),
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", metavar="remote|hub", help="A location track.")
    ] = None,
    fmt: Annotated[PlanFormat | None, FORMAT] = None,
) -> None:
    """A week-by-week plan that fits your dates and hours."""
    from emprep.core.profile import requested_plan
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs, ics, markdown

    pack = _pack(ctx)
    day = today()
    progress = _progress(ctx)
    weeks_plan = requested_plan(
        pack,
        progress,
        day,
        interview=parse_date("--interview", interview),
        start=parse_date("--start", start),
        weeks=weeks,
        hours=hours,
        track=track,
    )
    for warning in weeks_plan.warnings:
        note(warning)
    emit(
        fmt,
        json=lambda: docs.plan_doc(pack, weeks_plan),
        text={"md": lambda: markdown.plan_markdown(pack, weeks_plan)},
        binary={"ics": lambda: ics.plan_ics(pack, weeks_plan, now())},
        table=lambda: render.plan_view(
            pack,
            weeks_plan,
            weeks_plan.week_number(day),
            count=effective(progress.profile, pack.round_ids).count,
        ),
        piped="md",
    )


config_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your profile."
)
app.add_typer(config_app, name="config")
ConfigKey = Annotated[
    str,
    typer.Argument(help="interview, interview.ROUND, start, hours, track, count or rest-days."),
]


@config_app.command("show", short_help="The profile, with the defaults in effect")
def config_show(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Show the profile: interview (and each round's date), start, hours, track, count."""
    from emprep.core.rounds import round_dates
    from emprep.ui import render
    from emprep.ui.export import docs

    profile = _progress(ctx, carried=False).profile
    dates = round_dates(_pack(ctx), profile.interview, profile.rounds)
    emit(
        fmt,
        json=lambda: docs.config_doc(profile, dates),
        table=lambda: render.profile_view(profile, dates, str(_path(ctx))),
    )


@config_app.command("set", short_help="Set one profile value")
def config_set(
    ctx: typer.Context,
    key: ConfigKey,
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Set one profile value; plan, drill and progress use it when no option is given."""
    from emprep.core.profile import config_key, config_value, date_notes, set_value
    from emprep.storage import store
    from emprep.ui import render

    pack = _pack(ctx)
    day = today()
    k = config_key(pack, key)
    saved = store.update(
        _path(ctx), lambda p: replace(p, profile=set_value(pack, p.profile, k, value, day))
    )
    print(f"{k} = {render.value(config_value(saved.profile, k))}")
    for line in date_notes(pack, saved.profile, k):
        note(line)


@config_app.command("unset", short_help="Forget one profile value")
def config_unset(ctx: typer.Context, key: ConfigKey) -> None:
    """Forget one profile value; a round without its own date takes the loop's."""
    from emprep.core.profile import config_key, date_notes, unset_value
    from emprep.storage import store
    from emprep.ui import render

    pack = _pack(ctx)
    k = config_key(pack, key)
    saved = store.update(_path(ctx), lambda p: replace(p, profile=unset_value(pack, p.profile, k)))
    print(render.unset_message(saved.profile, k))
    for line in date_notes(pack, saved.profile, k):
        note(line)


@app.command(short_help="Today's practice, paced to the interview")
def drill(
    ctx: typer.Context,
    round_id: Round = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count", metavar="N", help="Questions a day [default: config count, else 5]."
        ),
    ] = None,
    more: Annotated[
        bool,
        typer.Option("--more", help="Today's drill is done: more practice, chosen the same way."),
    ] = False,
    list_only: Annotated[
        bool, typer.Option("--list", help="Print today's drill; ask nothing.")
    ] = False,
    fmt: Format = TableJson.table,
) -> None:
    """Today's practice: due reviews, then new questions, paced to your interview.

    On a terminal, one question at a time with a running clock. Keys: space or Enter reveals
    what a strong answer covers; 1-4 (or a/h/g/e) rates it Again, Hard, Good, Easy; s skips;
    u takes back the last rating and asks that question again; q quits. Every rating is saved
    as it is given; Ctrl-C keeps them all.
    """
    from emprep.core.practice import todays_drill
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    if not list_only:
        _first_run(ctx, pack)
    progress = _progress(ctx)
    moment = now()
    s = effective(progress.profile, pack.round_ids, count=count)
    drill_today = todays_drill(pack, progress, moment, s=s, round_id=round_id, more=more)
    if printed_instead(
        list_only,
        fmt,
        json=lambda: docs.drill_doc(drill_today, _pace(ctx, pack, progress, moment)),
        table=lambda: render.drill_list(pack, drill_today, _pace(ctx, pack, progress, moment)),
        instead="record an answer with 'emprep review ID RATING' "
        "(RATING 1-4: again, hard, good, easy)",
    ):
        return
    from emprep.ui.interactive import take_drill

    def pace(after: "Progress", at: datetime) -> "Advice | None":
        return _pace(ctx, pack, after, at)

    if take_drill(pack, progress, drill_today, _path(ctx), now, more=more, pace=pace).interrupted:
        raise typer.Exit(ExitStatus.INTERRUPTED)


@app.command(short_help="Record one rating (for scripts)")
def review(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
    rating: Annotated[
        str, typer.Argument(metavar="RATING", help="1-4 or again, hard, good, easy.")
    ],
    seconds: Annotated[
        int,
        typer.Option(
            "--seconds", metavar="N", min=0, max=MAX_SECONDS, help="How long the answer took."
        ),
    ] = 0,
) -> None:
    """Record one rating without the interactive drill (for scripts and editors)."""
    from emprep.core.scheduler import RATING_NAMES, due_date, parse_rating, record
    from emprep.storage import store

    pack = _pack(ctx)
    q = pack.question(question_id)
    value = parse_rating(rating)
    moment = now()
    saved = store.update(_path(ctx), lambda p: record(pack.carry(p), q.id, value, seconds, moment))
    due = due_date(saved.cards[q.id], moment)
    print(f"Recorded {q.id}: {RATING_NAMES[value]}. Next review {due}.")


@app.command(short_help="Readiness, streak and what next")
def progress(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Readiness per round, streak, forecast and the weakest questions."""
    from emprep.core.practice import progress_report
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    data = _progress(ctx)
    moment = now()
    report = progress_report(pack, data, moment, effective(data.profile, pack.round_ids))
    report = replace(report, pace=_pace(ctx, pack, data, moment))
    emit(fmt, json=lambda: docs.report_doc(report), table=lambda: render.progress_view(report))


story_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your STAR story bank."
)
app.add_typer(story_app, name="story")

StoryId = Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="A few words you will recognise.")
]
SituationOpt = Annotated[
    str | None, typer.Option("--situation", metavar="TEXT", help="The context.")
]
TaskOpt = Annotated[
    str | None, typer.Option("--task", metavar="TEXT", help="What you had to achieve.")
]
ActionOpt = Annotated[str | None, typer.Option("--action", metavar="TEXT", help="What you did.")]
ResultOpt = Annotated[str | None, typer.Option("--result", metavar="TEXT", help="What changed.")]
CompetenciesOpt = Annotated[
    str | None,
    typer.Option("--competencies", metavar="IDS", help="Competency ids or names, comma-separated."),
]
QuestionsOpt = Annotated[
    str | None, typer.Option("--questions", metavar="IDS", help="Question ids, comma-separated.")
]
EditorOpt = Annotated[
    bool, typer.Option("--editor", help="Write it in $VISUAL or $EDITOR, on a template.")
]
FromOpt = Annotated[
    str | None,
    typer.Option("--from", metavar="FILE", help="A filled-in template (a kept draft, say)."),
]


STORY_OPTIONS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=option)
    for name, option, default in [
        ("title", TitleOpt, None),
        ("situation", SituationOpt, None),
        ("task", TaskOpt, None),
        ("action", ActionOpt, None),
        ("result", ResultOpt, None),
        ("competencies", CompetenciesOpt, None),
        ("questions", QuestionsOpt, None),
        ("use_editor", EditorOpt, False),
        ("from_file", FromOpt, None),
    ]
]


def story_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the story's options (--title ... --from), declared once and handed to it
    as one `given` (sqlite-utils' `output_options` pattern)."""
    signature = inspect.signature(command)
    kept = [p for p in signature.parameters.values() if p.name != "given"]

    @functools.wraps(command)
    def with_options(*args: Any, **options: Any) -> None:
        from emprep.ui.story_entry import StoryInput

        fields = {k: options.pop(k) for k in ("title", "situation", "task", "action", "result")}
        links = options.pop("competencies"), options.pop("questions")
        given = StoryInput(fields, *links, options.pop("use_editor"), options.pop("from_file"))
        command(*args, given=given, **options)

    parameters = [*kept, *STORY_OPTIONS]
    with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_options


@story_app.command("add", short_help="Add a story (prompts, editor, options)")
@story_options
def story_add(ctx: typer.Context, given: "StoryInput") -> None:
    """Add a story: asked field by field on a terminal, in your editor, or all by options."""
    from emprep.ui import story_entry

    _say(story_entry.add(_pack(ctx), _path(ctx), now, given))


@story_app.command("edit", short_help="Change a story")
@story_options
def story_edit(ctx: typer.Context, story_id: StoryId, given: "StoryInput") -> None:
    """Change a story: the options given, or all of it in your editor."""
    from emprep.ui import story_entry

    _say(story_entry.edit(_pack(ctx), _path(ctx), now, story_id, given))


@story_app.command("list", short_help="Your stories")
def story_list(ctx: typer.Context, fmt: Annotated[StoryFormat, FORMAT] = StoryFormat.table) -> None:
    """Your stories, with the competencies and questions each covers; `md` prints them in full."""
    from emprep.core.practice import story_coverage
    from emprep.ui import render
    from emprep.ui.export import docs, markdown

    data = _progress(ctx)
    emit(
        fmt,
        json=lambda: [docs.story_doc(s) for s in data.stories],
        text={
            "md": lambda: markdown.stories_markdown(_pack(ctx), story_coverage(_pack(ctx), data))
        },
        table=lambda: render.story_list(data.stories),
    )


@story_app.command("show", short_help="One story in full")
def story_show(ctx: typer.Context, story_id: StoryId, fmt: Format = TableJson.table) -> None:
    """One story in full."""
    from emprep.core.stories import find
    from emprep.ui import render
    from emprep.ui.export import docs

    s = find(_progress(ctx), story_id)
    emit(fmt, json=lambda: docs.story_doc(s), table=lambda: render.story_view(_pack(ctx), s))


@story_app.command("link", short_help="Say which questions a story answers")
def story_link(
    ctx: typer.Context,
    story_id: StoryId,
    question_ids: Annotated[
        list[str], typer.Argument(metavar="QUESTION...", help="Question ids it answers.")
    ],
) -> None:
    """Say which questions a story answers."""
    from emprep.ui import story_entry

    print(story_entry.relink(_pack(ctx), _path(ctx), now, story_id, question_ids, add=True))


@story_app.command("unlink", short_help="Take questions off a story")
def story_unlink(
    ctx: typer.Context,
    story_id: StoryId,
    question_ids: Annotated[
        list[str], typer.Argument(metavar="QUESTION...", help="Question ids to unlink.")
    ],
) -> None:
    """Take questions off a story."""
    from emprep.ui import story_entry

    print(story_entry.relink(_pack(ctx), _path(ctx), now, story_id, question_ids, add=False))


@story_app.command("rm", short_help="Delete a story")
def story_rm(
    ctx: typer.Context,
    story_id: StoryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a story (asks first on a terminal)."""
    from emprep.ui import story_entry

    print(story_entry.remove(_path(ctx), story_id, yes=yes))


@story_app.command("coverage", short_help="What your stories cover, and the gaps")
def story_coverage(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Which competencies, rounds and questions your stories cover; the gaps, worst first."""
    from emprep.core.practice import story_coverage
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    cov = story_coverage(pack, _progress(ctx))
    emit(fmt, json=lambda: docs.coverage_doc(cov), table=lambda: render.coverage_view(pack, cov))


@app.command(short_help="A timed mock round, self-scored")
def mock(
    ctx: typer.Context,
    round_id: Annotated[
        str,
        typer.Option(
            "--round",
            metavar="ID",
            help="The round to rehearse: recruiter, technical, people, strategic or executive.",
        ),
    ],
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            metavar="N",
            help="Shorter than the real round, for practice (1 to the round's length).",
        ),
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Print the mock's plan; ask nothing.")
    ] = False,
    fmt: Format = TableJson.table,
) -> None:
    """A timed mock round as long as the real one, scored on the round's criteria."""
    from emprep.core.practice import mock_for
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    planned = mock_for(pack, _progress(ctx), now(), round_id=round_id, minutes=minutes)
    if printed_instead(
        list_only,
        fmt,
        json=lambda: docs.mock_plan_doc(planned),
        table=lambda: render.mock_plan(planned),
        instead="run 'emprep mock' in one",
    ):
        return
    from emprep.ui.interactive import take_mock

    notes = _progress(ctx).notes
    if take_mock(pack, planned, _path(ctx), now, notes).interrupted:
        raise typer.Exit(ExitStatus.INTERRUPTED)


@app.command("today", short_help="The daily home screen")
def today_cmd(
    ctx: typer.Context,
    fmt: Format = TableJson.table,
) -> None:
    """The daily home screen: days to go, this week's tasks, today's drill, the next step."""
    from emprep.core.settings import effective
    from emprep.core.today import today as build
    from emprep.ui import home

    pack = _pack(ctx)
    _first_run(ctx, pack)
    data = _progress(ctx)
    moment = now()
    screen = build(pack, data, moment, effective(data.profile, pack.round_ids))
    pace = _pace(ctx, pack, data, moment)
    emit(
        fmt, json=lambda: home.today_doc(screen, pace), table=lambda: home.today_view(screen, pace)
    )


task_app = typer.Typer(
    cls=EmprepGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Tick this week's plan tasks (numbered as emprep today shows them).",
)
app.add_typer(task_app, name="task", short_help="Tick this week's plan tasks")

TaskNumber = Annotated[
    int, typer.Argument(metavar="N", help="The task's number in this week's list.")
]


def _tick(ctx: typer.Context, number: int, done: bool, fmt: TableJson) -> None:
    from emprep.core.settings import effective
    from emprep.core.today import this_week, tick
    from emprep.storage import store
    from emprep.ui import home

    pack = _pack(ctx)
    day = today()

    def change(p: "Progress") -> "Progress":
        return tick(
            p, this_week(pack, p, effective(p.profile, pack.round_ids), day)[2], number, done
        )

    saved = store.update(_path(ctx), change)
    week, _, tasks = this_week(pack, saved, effective(saved.profile, pack.round_ids), day)
    emit(
        fmt,
        json=lambda: home.tasks_doc(week, tasks),
        table=lambda: home.ticked(tasks, number, done),
    )


@task_app.command("done")
def task_done(
    ctx: typer.Context,
    number: TaskNumber,
    fmt: Format = TableJson.table,
) -> None:
    """Tick task N of this week's plan."""
    _tick(ctx, number, True, fmt)


@task_app.command("undo")
def task_undo(
    ctx: typer.Context,
    number: TaskNumber,
    fmt: Format = TableJson.table,
) -> None:
    """Untick task N of this week's plan."""
    _tick(ctx, number, False, fmt)


@app.command(short_help="Take back the last rating")
def undo(ctx: typer.Context) -> None:
    """Take back the last rating: the log loses it and the card is rebuilt from the rest."""
    from emprep.core.scheduler import RATING_NAMES, due_date
    from emprep.core.undo import last_review
    from emprep.core.undo import undo as take_back
    from emprep.storage import store

    taken = []

    def change(p: "Progress") -> "Progress":
        taken.append(last_review(p))
        return take_back(p)

    saved = store.update(_path(ctx), change)
    last = taken[-1]
    if last is None:  # take_back refuses an empty log; this keeps mypy sure of it
        raise EmprepError("nothing to undo: no rating is recorded")
    moment = now()
    card = saved.cards.get(last.question)
    after = f"next review {due_date(card, moment)}" if card else "it is new again"
    print(
        f"Took back {last.question}: {RATING_NAMES[last.rating]} "
        f"({last.at.astimezone(moment.tzinfo):%Y-%m-%d %H:%M}); {after}."
    )


@app.command("note", short_help="Your own note on a question")
def note_cmd(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="TEXT", help="The note itself; without it, your editor opens on it."
        ),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Forget the note.")] = False,
) -> None:
    """Your own outline for a question: shown at the reveal in the drill and the mock."""
    from emprep.core.notes import set_note
    from emprep.storage import store

    pack = _pack(ctx)
    q = pack.question(question_id)
    path = _path(ctx)
    if remove or text is not None:
        body = "" if remove else text or ""
    elif interactive():
        from emprep.ui.home import edit_note

        body = edit_note(path, q, _progress(ctx).notes.get(q.id, ""), now())
    else:
        raise EmprepError(
            f"not a terminal, so no editor is opened: give --text, e.g. "
            f"emprep note {q.id} --text 'my outline'"
        )
    store.update(path, lambda p: set_note(p, q.id, body))
    print(f"Note for {q.id} saved." if body.strip() else f"No note for {q.id}.")
