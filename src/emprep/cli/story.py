"""`emprep story`: the STAR story bank, its options declared once.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from emprep.cli.complete import question_ids, story_ids
from emprep.cli.context import now, pack_of, path_of, progress_of, say
from emprep.cli.group import EmprepGroup
from emprep.cli.options import Format, Output, formats, given_file
from emprep.ui.output import TableJson, emit

if TYPE_CHECKING:
    from emprep.ui.story_entry import StoryInput


class StoryFormat(StrEnum):
    """`--format` of `emprep story list`: Markdown prints every story in full."""

    table = "table"
    json = "json"
    md = "md"


story_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your STAR story bank"
)

StoryId = Annotated[
    str, typer.Argument(metavar="ID", help="The story, e.g. s1.", autocompletion=story_ids)
]
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
    typer.Option(
        "--from",
        metavar="FILE",
        help="A filled-in template (a kept draft, say; - is standard input).",
        callback=given_file,
    ),
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
    from emprep.ui.story_drafts import say_left

    say_left(pack_of(ctx), path_of(ctx), lambda: progress_of(ctx), given.from_file)
    say(story_entry.add(pack_of(ctx), path_of(ctx), now, given=given))


@story_app.command("edit", short_help="Change a story")
@story_options
def story_edit(ctx: typer.Context, story_id: StoryId, given: "StoryInput") -> None:
    """Change a story: the options given, or all of it in your editor."""
    from emprep.ui import story_entry
    from emprep.ui.story_drafts import say_left

    say_left(pack_of(ctx), path_of(ctx), lambda: progress_of(ctx), given.from_file)
    say(story_entry.edit(pack_of(ctx), path_of(ctx), now, story_id=story_id, given=given))


@story_app.command("list", short_help="Your stories")
def story_list(
    ctx: typer.Context,
    fmt: Annotated[StoryFormat | None, formats(StoryFormat)] = None,
    output: Output = None,
) -> None:
    """Your stories, with the competencies and questions each covers; `md` prints them in full."""
    from emprep.core.practice import story_coverage
    from emprep.ui.export import docs, markdown
    from emprep.ui.screens.stories import story_table
    from emprep.ui.story_drafts import say_left

    data = progress_of(ctx)
    say_left(pack_of(ctx), path_of(ctx), lambda: data)
    emit(
        fmt,
        json=lambda: [docs.story_doc(s) for s in data.stories],
        text={
            "md": lambda: markdown.stories_markdown(
                pack_of(ctx), story_coverage(pack_of(ctx), data)
            )
        },
        table=lambda: story_table(data.stories),
        output=output,
    )


@story_app.command("show", short_help="One story in full")
def story_show(ctx: typer.Context, story_id: StoryId, fmt: Format = TableJson.table) -> None:
    """One story in full."""
    from emprep.core.stories import find
    from emprep.ui.export import docs
    from emprep.ui.screens.stories import story_view

    s = find(progress_of(ctx), story_id)
    emit(
        fmt, json=lambda: docs.story_doc(s), table=lambda: story_view(pack_of(ctx), s, now().tzinfo)
    )


Linked = Annotated[
    list[str],
    typer.Argument(
        metavar="QUESTION...", help="Question ids it answers.", autocompletion=question_ids
    ),
]
Unlinked = Annotated[
    list[str],
    typer.Argument(
        metavar="QUESTION...", help="Question ids to unlink.", autocompletion=question_ids
    ),
]


@story_app.command("link", short_help="Say which questions a story answers")
def story_link(ctx: typer.Context, story_id: StoryId, question_ids: Linked) -> None:
    """Say which questions a story answers."""
    _relink(ctx, story_id, question_ids, add=True)


@story_app.command("unlink", short_help="Take questions off a story")
def story_unlink(ctx: typer.Context, story_id: StoryId, question_ids: Unlinked) -> None:
    """Take questions off a story."""
    _relink(ctx, story_id, question_ids, add=False)


def _relink(ctx: typer.Context, story_id: str, question_ids: list[str], *, add: bool) -> None:
    from emprep.ui import story_entry

    pack, path = pack_of(ctx), path_of(ctx)
    say(story_entry.relink(pack, path, now, story_id=story_id, words=question_ids, add=add))


@story_app.command("rm", short_help="Delete a story")
def story_rm(
    ctx: typer.Context,
    story_id: StoryId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a story (asks first on a terminal)."""
    from emprep.ui import story_entry

    say(story_entry.remove(pack_of(ctx), path_of(ctx), now(), story_id=story_id, yes=yes))


@story_app.command("coverage", short_help="What your stories cover, and the gaps")
def story_coverage(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Which competencies, rounds and questions your stories cover; the gaps, worst first."""
    from emprep.core.practice import story_coverage
    from emprep.ui.export import docs
    from emprep.ui.screens.stories import coverage_view

    pack = pack_of(ctx)
    cov = story_coverage(pack, progress_of(ctx), now())
    emit(fmt, json=lambda: docs.coverage_doc(cov), table=lambda: coverage_view(pack, cov))
