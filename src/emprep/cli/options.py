"""The options several commands share, declared once.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from enum import StrEnum
from typing import Annotated, Any

import typer
from typer._click import Context, Parameter
from typer._click.types import FloatParamType, IntParamType, ParamType
from typer._types import TyperChoice

from emprep.cli.complete import question_ids, round_ids
from emprep.ui.output import TableJson


class Formats(TyperChoice[str]):
    """`--format`'s choices, with `markdown` taken for `md` where md is one: the word people
    type for it."""

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        if isinstance(value, str) and value.lower() == "markdown" and "md" in self.choices:
            value = "md"
        return super().convert(value, param, ctx)


class _Written(ParamType):
    """A number as a person writes it (`typed_as_number`): Python's `int` and `float` read
    `1_0`, `+5` and `1e1` too, a typo taken for a value. Text that is no number is refused in
    the line its range is (`limits.refused`): the option, what it takes (`allowed`), what was
    given and an `example`, `{command}` in it the command typed (`emprep task done`)."""

    def __init__(self, allowed: str, example: str) -> None:
        self.allowed, self.example = allowed, example

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        from emprep.core.errors import shown
        from emprep.core.limits import as_typed, readable, refused, typed_as_number

        decimal = isinstance(self, FloatParamType)
        if isinstance(value, str):
            name = param.opts[0] if param and param.opts[0].startswith("-") else None
            name = name or ((param.metavar if param else None) or "").removesuffix("...")
            name = name or "the number"
            example = self.example.format(command=ctx.command_path if ctx else "emprep")
            if not typed_as_number(value, decimal=decimal):
                raise refused(name, self.allowed, as_typed(value), example)
            if not readable(value, decimal=decimal):  # 5,000 nines: said as typed, not as inf
                raise refused(name, self.allowed, shown(value.strip(), 20), example)
        return super().convert(value, param, ctx)


class Whole(_Written, IntParamType):
    """A whole number (`--count`, `--weeks`, `--minutes`, `--seconds`, a task's number)."""


class Number(_Written, FloatParamType):
    """A number (`--hours`)."""


def formats(choices: type[StrEnum]) -> Any:
    """The `--format` option of a command whose formats are `choices`, in any case (`JSON`),
    as an id or a rating is read."""
    return typer.Option(
        "--format",
        help="Output format.",
        click_type=Formats([c.value for c in choices], case_sensitive=False),
    )


Format = Annotated[TableJson, formats(TableJson)]
Round = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar="ID",
        help="Only this round: recruiter, technical, people, strategic or executive "
        "(a prefix works).",
        autocompletion=round_ids,
    ),
]


def _not_ours(ctx: typer.Context, value: str | None) -> str | None:
    """`--output` refused at once if it names the progress file, its backup, lock or drafts,
    or a pack file: an export there would write over what the person keeps."""
    if value == "":
        from emprep.core.errors import EmprepError

        raise EmprepError(
            "--output: the path given is empty; give a file's name, or - for standard output"
        )
    if value is not None and value != "-":
        from emprep.cli.context import path_of
        from emprep.storage import exports
        from emprep.storage.packs import data_dir

        exports.refuse_ours(value, path_of(ctx), data_dir(ctx.obj["data"]))
    return value


def given_file(value: str | None) -> str | None:
    """`--from ''` refused at once: an empty path was read as the current folder ("--from .:
    is a folder"), or taken for no --from at all."""
    if value == "":
        from emprep.core.errors import EmprepError

        raise EmprepError(
            "--from: the path given is empty; give a text file's path, or - for standard input"
        )
    return value


Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        callback=_not_ours,
        help="Write to FILE, in --format's format or the one its name ends with (.md, .json); "
        "- is standard output.",
    ),
]
QuestionArg = Annotated[
    str, typer.Argument(metavar="ID", help="The question's id.", autocompletion=question_ids)
]
