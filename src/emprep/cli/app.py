"""The emprep command: global options and every command, registered in the order `--help` lists.

Each command lives with its kind (emprep/cli/*.py) and only parses, calls one function and emits
the result. No `from __future__ import annotations` in this package: typer reads every command's
annotations on every run, and evaluating them from strings cost each command about 10 ms
(benchmarks/latency.py).
"""

from typing import Annotated

import typer

from emprep import __version__
from emprep.cli import bank, config, plan, practice, rounds, story
from emprep.cli.group import EmprepGroup

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


app.add_typer(rounds.rounds_app, name="rounds", short_help="The loop, one round, or one you had")
app.command(short_help="The question bank, filtered")(bank.questions)
app.command(short_help="The weeks to the interview")(plan.plan)
app.add_typer(config.config_app, name="config")
app.command(short_help="Today's practice, paced to the interview")(practice.drill)
app.command(short_help="Record one rating (for scripts)")(practice.review)
app.command(short_help="Readiness, streak and what next")(practice.progress)
app.add_typer(story.story_app, name="story")
app.command(short_help="A timed mock round, self-scored")(practice.mock)
app.command("today", short_help="The daily home screen")(plan.today_cmd)
app.add_typer(plan.task_app, name="task", short_help="Tick this week's plan tasks")
app.command(short_help="Take back the last rating")(practice.undo)
app.command("note", short_help="Your own note on a question")(bank.note_cmd)
