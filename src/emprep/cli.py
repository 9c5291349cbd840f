"""The command line: parse options, call the core, hand the result to render. No logic here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from emprep import __version__
from emprep.core.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EmprepError,
    shown,
)

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.models import Progress
    from emprep.core.pace import Advice
    from emprep.core.pack import Pack
    from emprep.core.stories import Draft


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


GLOBAL_VALUE_OPTIONS = {"--data", "--progress"}


def main() -> None:
    """Typer inspects every command's signature before it runs one; when the command asked for
    is plain in the arguments, only that one is registered, which saves that work for the rest."""
    wanted = _command_name(sys.argv[1:])
    commands = [c for c in app.registered_commands if _name(c) == wanted]
    groups = [g for g in app.registered_groups if g.name == wanted]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups
    app()


def _name(info: typer.models.CommandInfo) -> str:
    return info.name or (info.callback.__name__ if info.callback else "")


def _command_name(args: list[str]) -> str | None:
    """The first argument that is not a global option or its value."""
    rest = iter(args)
    for arg in rest:
        if arg in GLOBAL_VALUE_OPTIONS:
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None


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
    from emprep.storage.packs import load_pack

    return load_pack(ctx.obj["data"])


def _path(ctx: typer.Context) -> Path:
    from emprep.storage.store import resolve_path

    return resolve_path(ctx.obj["progress"])


def _progress(ctx: typer.Context) -> Progress:
    from emprep.storage.store import load

    return load(_path(ctx))


def _pace(ctx: typer.Context, pack: Pack, progress: Progress, moment: datetime) -> Advice | None:
    """The pace advice at the configured count; kept in the cache, as it simulates weeks."""
    from emprep.core.practice import pace_advice, pace_inputs
    from emprep.core.settings import effective
    from emprep.storage import cache

    inputs = pace_inputs(pack, progress, moment, effective(progress.profile))
    return cache.memo("pace", _path(ctx), inputs, lambda: pace_advice(inputs))


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
    from emprep.core.parse import parse_date as parse

    return parse(option, value, today())


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _printed_instead(
    list_only: bool,
    fmt: TableJson,
    doc: Callable[[], Any],
    table: Callable[[], None],
    instead: str,
) -> bool:
    """Print what an interactive command would ask, when --list is given or there is no
    terminal to ask on (then a note on stderr says what to do instead); True if it printed."""
    if not list_only and _interactive():
        return False
    if fmt is TableJson.json:
        from emprep.ui.export.docs import to_json

        _emit(to_json(doc()))
    else:
        table()
    if not list_only:
        print(f"emprep: note: not a terminal, so nothing is asked; {instead}", file=sys.stderr)
    return True


@app.command()
def rounds(
    ctx: typer.Context,
    round_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A round id or prefix.")
    ] = None,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """The loop at a glance, or everything about one round."""
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    if round_id is None:
        if fmt is TableJson.json:
            _emit(docs.to_json(docs.loop_doc(pack)))
        else:
            render.rounds_overview(pack)
        return
    r = pack.round(round_id)
    qs = [q for q in pack.questions if r.id in q.rounds]
    if fmt is TableJson.json:
        doc = {"round": docs.round_doc(r), "questions": [docs.question_doc(q) for q in qs]}
        _emit(docs.to_json(doc))
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
    from emprep.core.query import filter_questions
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    qs = filter_questions(pack, round_id=round_id, tag=tag, search=search, track=track)
    if fmt is QuestionFormat.json:
        _emit(docs.to_json(docs.questions_doc(qs)))
    elif fmt is QuestionFormat.csv:
        from emprep.ui.export.spreadsheet import questions_csv

        sys.stdout.write(questions_csv(qs))
    elif fmt is QuestionFormat.anki:
        from emprep.ui.export.anki import questions_anki

        sys.stdout.write(questions_anki(pack, qs))
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
    from emprep.core.planner import make_plan
    from emprep.core.profile import own_dates, practice_start
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    progress = _progress(ctx)
    asked = None if interview is None else parse_date("--interview", interview)
    s = effective(
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
        round_dates=own_dates(pack, s) if weeks is None else None,
    )
    for w in the_plan.warnings:
        print(f"emprep: note: {w}", file=sys.stderr)
    fmt = fmt or (PlanFormat.table if render.is_tty() else PlanFormat.md)
    if fmt is PlanFormat.json:
        _emit(docs.to_json(docs.plan_doc(pack, the_plan)))
    elif fmt is PlanFormat.ics:
        from emprep.ui.export.ics import plan_ics

        sys.stdout.buffer.write(plan_ics(pack, the_plan, now()))
    elif fmt is PlanFormat.md:
        from emprep.ui.export.markdown import plan_markdown

        sys.stdout.write(plan_markdown(pack, the_plan))
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
    """Show the profile: interview (and each round's date), start, hours, track, count."""
    from emprep.core.rounds import round_dates
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    profile = _progress(ctx).profile
    dates = round_dates(pack, profile.interview, profile.rounds)
    if fmt is TableJson.json:
        _emit(docs.to_json(docs.config_doc(profile, dates)))
    else:
        render.profile_view(profile, dates, str(_path(ctx)))


def _date_notes(pack: Pack, saved: Progress, key: str) -> None:
    """Dates that look odd are said on stderr, not refused, when a date was changed."""
    from emprep.core.rounds import LOOP_KEY, notes, round_dates

    if not key.startswith(LOOP_KEY):
        return
    for note in notes(pack, round_dates(pack, saved.profile.interview, saved.profile.rounds)):
        print(f"emprep: note: {note}", file=sys.stderr)


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(help="interview, interview.ROUND, start, hours, track, count or rest-days."),
    ],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Set one profile value; plan, drill and progress use it when no option is given."""
    from emprep.core.profile import config_key, config_value, set_value
    from emprep.storage import store
    from emprep.ui import render

    pack = _pack(ctx)
    day = today()
    k = config_key(pack, key)
    saved = store.update(
        _path(ctx),
        lambda p: replace(p, profile=set_value(pack, p.profile, k, value, day)),
    )
    print(f"{k} = {render.value(config_value(saved.profile, k))}")
    _date_notes(pack, saved, k)


@config_app.command("unset")
def config_unset(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(help="interview, interview.ROUND, start, hours, track, count or rest-days."),
    ],
) -> None:
    """Forget one profile value; a round without its own date takes the loop's."""
    from emprep.core.profile import config_key, unset_value
    from emprep.storage import store
    from emprep.ui import render

    pack = _pack(ctx)
    k = config_key(pack, key)
    saved = store.update(_path(ctx), lambda p: replace(p, profile=unset_value(pack, p.profile, k)))
    print(render.unset_message(saved.profile, k))
    _date_notes(pack, saved, k)


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
    from emprep.core.practice import todays_drill
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    progress = _progress(ctx)
    moment = now()
    the_drill = todays_drill(
        pack, progress, moment, effective(progress.profile, count=count), round_id
    )
    if _printed_instead(
        list_only,
        fmt,
        lambda: docs.drill_doc(the_drill, _pace(ctx, pack, progress, moment)),
        lambda: render.drill_list(pack, the_drill, _pace(ctx, pack, progress, moment)),
        "record an answer with 'emprep review ID RATING' (RATING 1-4: again, hard, good, easy)",
    ):
        return
    from emprep.core.report import forecast
    from emprep.ui import interactive

    if not the_drill.items:
        render.drill_list(pack, the_drill)
        return
    session = interactive.run(pack, the_drill, _path(ctx), now)
    after = session.progress or progress
    later = now()
    render.drill_summary(
        session, forecast(after, later, pack.questions)[1:], _pace(ctx, pack, after, later)
    )
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
    from emprep.core.scheduler import RATING_NAMES, due_date, parse_rating, record
    from emprep.storage import store

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
    from emprep.core.practice import progress_report
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    data = _progress(ctx)
    moment = now()
    report = progress_report(pack, data, moment, effective(data.profile))
    report = replace(report, pace=_pace(ctx, pack, data, moment))
    if fmt is TableJson.json:
        _emit(docs.to_json(docs.report_doc(report)))
    else:
        render.progress_view(report)


story_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your STAR story bank."
)
app.add_typer(story_app, name="story")

TitleOpt = Annotated[str | None, typer.Option("--title", help="A few words you will recognise.")]
SituationOpt = Annotated[str | None, typer.Option("--situation", help="The context.")]
TaskOpt = Annotated[str | None, typer.Option("--task", help="What you had to achieve.")]
ActionOpt = Annotated[str | None, typer.Option("--action", help="What you did.")]
ResultOpt = Annotated[str | None, typer.Option("--result", help="What changed.")]
CompetenciesOpt = Annotated[
    str | None,
    typer.Option("--competencies", help="Competency ids or names, comma-separated."),
]
QuestionsOpt = Annotated[
    str | None, typer.Option("--questions", help="Question ids, comma-separated.")
]
EditorOpt = Annotated[
    bool, typer.Option("--editor", help="Write it in $VISUAL or $EDITOR, on a template.")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="A filled-in template (a kept draft, say).")
]


def _typed(**fields: str | None) -> dict[str, str]:
    """The story fields given as options; an empty one is refused before anything is asked."""
    from emprep.core.stories import checked

    return checked({k: v for k, v in fields.items() if v is not None})


def _links(pack: Pack, competencies: str | None, questions: str | None) -> dict[str, list[str]]:
    from emprep.core.stories import competency_ids, question_ids, split_words

    out = {}
    if competencies is not None:
        out["competencies"] = competency_ids(pack, split_words(competencies))
    if questions is not None:
        out["questions"] = question_ids(pack, split_words(questions))
    return out


def _read_draft(option: str) -> str:
    from pathlib import Path

    try:
        return Path(option).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or "not UTF-8 text"
        raise EmprepError(f"--from {shown(option)}: cannot be read ({reason})") from None


def _through_editor(
    ctx: typer.Context, text: str, resume: str, save: Callable[[Draft], str], source: str | None
) -> str:
    """Edit `text` in a draft file; the draft goes only once the story is saved, and any
    failure says where it is and how to go on."""
    import shlex
    from pathlib import Path

    from emprep.core.stories import parse_template
    from emprep.storage import editor

    folder = editor.drafts_dir(_path(ctx))
    path = editor.keep(folder, text, now())
    try:
        message = save(parse_template(_pack(ctx), editor.edit(path)))
    except EmprepError as e:
        again = f"{resume} --from {shlex.quote(str(path))} --editor"
        raise EmprepError(f"{e}; your draft is kept in {path}; finish it with: {again}") from None
    path.unlink(missing_ok=True)
    if source and Path(source).expanduser().resolve().parent == folder.resolve():
        Path(source).expanduser().unlink(missing_ok=True)
    return message


@story_app.command("add")
def story_add(
    ctx: typer.Context,
    title: TitleOpt = None,
    situation: SituationOpt = None,
    task: TaskOpt = None,
    action: ActionOpt = None,
    result: ResultOpt = None,
    competencies: CompetenciesOpt = None,
    questions: QuestionsOpt = None,
    use_editor: EditorOpt = False,
    from_file: FromOpt = None,
) -> None:
    """Add a story: asked field by field on a terminal, in your editor, or all by options."""
    from emprep.core import stories
    from emprep.storage import store
    from emprep.ui.render import plural

    pack = _pack(ctx)
    typed = _typed(title=title, situation=situation, task=task, action=action, result=result)
    links = _links(pack, competencies, questions)

    def save(draft: Draft) -> str:
        moment = now()
        saved = store.update(
            _path(ctx),
            lambda p: stories.add(p, draft.fields, draft.competencies, draft.questions, moment),
        )
        s = saved.stories[-1]
        return (
            f"Saved story {s.id}: {s.title} "
            f"({plural(len(s.competencies), 'competency', 'competencies')}, "
            f"{plural(len(s.questions), 'question')}). See it with: emprep story show {s.id}"
        )

    if use_editor:
        text = (
            _read_draft(from_file)
            if from_file
            else stories.template(
                pack, values={**typed, **{k: ", ".join(v) for k, v in links.items()}}
            )
        )
        print(_through_editor(ctx, text, "emprep story add", save, from_file))
        return
    if from_file:
        print(save(stories.parse_template(pack, _read_draft(from_file))))
        return
    if all(k in typed for k in stories.FIELDS):
        draft = stories.Draft(typed, links.get("competencies", []), links.get("questions", []))
        print(save(draft))
        return
    if not _interactive():
        missing = ", ".join(f"--{k}" for k in stories.FIELDS if k not in typed)
        raise EmprepError(
            f"not a terminal, so nothing is asked: give {missing} (or --from FILE, or --editor)"
        )
    from emprep.storage import editor
    from emprep.ui.interactive import prompt_story

    answers: dict[str, str] = dict(typed)
    try:
        draft = prompt_story(pack, answers, links)
    except (KeyboardInterrupt, EOFError):
        kept = {k: v for k, v in answers.items() if v}
        if not kept:
            raise KeyboardInterrupt from None
        path = editor.keep(
            editor.drafts_dir(_path(ctx)), stories.template(pack, values=kept), now()
        )
        print(
            f"\nemprep: interrupted; what you typed is kept in {path}; finish it with: "
            f"emprep story add --from {path} --editor",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    print(save(draft))


@story_app.command("edit")
def story_edit(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")],
    title: TitleOpt = None,
    situation: SituationOpt = None,
    task: TaskOpt = None,
    action: ActionOpt = None,
    result: ResultOpt = None,
    competencies: CompetenciesOpt = None,
    questions: QuestionsOpt = None,
    use_editor: EditorOpt = False,
    from_file: FromOpt = None,
) -> None:
    """Change a story: the options given, or all of it in your editor."""
    from emprep.core import stories
    from emprep.storage import store

    pack = _pack(ctx)
    typed = _typed(title=title, situation=situation, task=task, action=action, result=result)
    links = _links(pack, competencies, questions)
    sid = stories.find(_progress(ctx), story_id).id

    def save(draft: Draft) -> str:
        return apply(
            {**draft.fields, "competencies": draft.competencies, "questions": draft.questions}
        )

    def apply(update: dict[str, Any]) -> str:
        moment = now()
        saved = store.update(_path(ctx), lambda p: stories.change(p, sid, moment, **update))
        return f"Saved story {sid}: {stories.find(saved, sid).title}"

    if from_file and not use_editor:
        print(save(stories.parse_template(pack, _read_draft(from_file))))
    elif typed or links:
        print(apply({**typed, **links}))
    elif use_editor or _interactive():
        text = (
            _read_draft(from_file)
            if from_file
            else stories.template(pack, stories.find(_progress(ctx), sid))
        )
        print(_through_editor(ctx, text, f"emprep story edit {sid}", save, from_file))
    else:
        raise EmprepError(
            "not a terminal, so no editor is opened: give the fields to change "
            "(--title, --situation, --task, --action, --result, --competencies, --questions)"
        )


@story_app.command("list")
def story_list(
    ctx: typer.Context,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """Your stories, with the competencies and questions each covers."""
    from emprep.ui import render
    from emprep.ui.export import docs

    data = _progress(ctx)
    if fmt is TableJson.json:
        _emit(docs.to_json([docs.story_doc(s) for s in data.stories]))
    else:
        render.story_list(data.stories)


@story_app.command("show")
def story_show(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")],
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """One story in full."""
    from emprep.core.stories import find
    from emprep.ui import render
    from emprep.ui.export import docs

    s = find(_progress(ctx), story_id)
    if fmt is TableJson.json:
        _emit(docs.to_json(docs.story_doc(s)))
    else:
        render.story_view(_pack(ctx), s)


@story_app.command("link")
def story_link(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")],
    question_ids: Annotated[
        list[str], typer.Argument(metavar="QUESTION...", help="Question ids it answers.")
    ],
) -> None:
    """Say which questions a story answers."""
    from emprep.core import stories
    from emprep.storage import store
    from emprep.ui.render import plural

    qs = stories.question_ids(_pack(ctx), question_ids)
    moment = now()
    saved = store.update(_path(ctx), lambda p: stories.link(p, story_id, qs, moment))
    s = stories.find(saved, story_id)
    print(f"Linked {s.id} to {', '.join(qs)}; it answers {plural(len(s.questions), 'question')}.")


@story_app.command("unlink")
def story_unlink(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")],
    question_ids: Annotated[
        list[str], typer.Argument(metavar="QUESTION...", help="Question ids to unlink.")
    ],
) -> None:
    """Take questions off a story."""
    from emprep.core import stories
    from emprep.storage import store
    from emprep.ui.render import plural

    qs = stories.question_ids(_pack(ctx), question_ids)
    moment = now()
    saved = store.update(_path(ctx), lambda p: stories.unlink(p, story_id, qs, moment))
    s = stories.find(saved, story_id)
    print(
        f"Unlinked {', '.join(qs)} from {s.id}; it answers {plural(len(s.questions), 'question')}."
    )


@story_app.command("rm")
def story_rm(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story, e.g. s1.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a story (asks first on a terminal)."""
    from emprep.core import stories
    from emprep.storage import store

    s = stories.find(_progress(ctx), story_id)
    if not yes:
        if not _interactive():
            raise EmprepError(f"not a terminal, so nothing is asked: add --yes to delete {s.id}")
        answer = input(f"Delete story {s.id} ({s.title})? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            print("Kept.")
            return
    path = _path(ctx)
    store.update(path, lambda p: stories.remove(p, s.id))
    print(f"Deleted story {s.id}. The file before it is kept as {path}.bak.")


@story_app.command("coverage")
def story_coverage(
    ctx: typer.Context,
    fmt: Annotated[TableJson, typer.Option("--format", help="Output format.")] = TableJson.table,
) -> None:
    """Which competencies, rounds and questions your stories cover; the gaps, worst first."""
    from emprep.core.practice import scope
    from emprep.core.settings import effective
    from emprep.core.stories import coverage
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    data = _progress(ctx)
    cov = coverage(pack, data.stories, scope(pack, effective(data.profile), None))
    if fmt is TableJson.json:
        _emit(docs.to_json(docs.coverage_doc(cov)))
    else:
        render.coverage_view(pack, cov)


@app.command()
def mock(
    ctx: typer.Context,
    round_id: Annotated[str, typer.Option("--round", help="The round to rehearse.")],
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Shorter than the real round, for practice.")
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Print the mock's plan; ask nothing.")
    ] = False,
    fmt: Annotated[
        TableJson, typer.Option("--format", help="Output format of --list.")
    ] = TableJson.table,
) -> None:
    """A timed mock round as long as the real one, scored on the round's criteria."""
    from emprep.core.mock import plan_mock
    from emprep.core.practice import scope
    from emprep.core.settings import effective
    from emprep.ui import render
    from emprep.ui.export import docs

    pack = _pack(ctx)
    data = _progress(ctx)
    r = pack.round(round_id)
    qs = scope(pack, effective(data.profile), r.id)
    the_plan = plan_mock(pack, data, now(), r, r.minutes if minutes is None else minutes, qs)
    if _printed_instead(
        list_only,
        fmt,
        lambda: docs.mock_plan_doc(the_plan),
        lambda: render.mock_plan(the_plan),
        "run 'emprep mock' in one",
    ):
        return
    from emprep.ui.interactive import run_mock

    session = run_mock(pack, the_plan, _path(ctx), now)
    render.mock_summary(pack, the_plan, session)
    if session.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
