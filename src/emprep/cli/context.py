"""What the commands share: the common options, and the pack, progress file and clock of a run.

Everything heavy is imported inside the function that needs it, so `--help` stays fast.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from emprep.ui.output import TableJson

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.models import Progress
    from emprep.core.pace import Advice
    from emprep.core.pack import Pack

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


def pack_of(ctx: typer.Context) -> "Pack":
    """The loop pack (`--data`, else the built-in one), loaded once per run."""
    from emprep.storage.packs import load_pack

    if "pack" not in ctx.obj:
        ctx.obj["pack"] = load_pack(ctx.obj["data"])
    pack: Pack = ctx.obj["pack"]
    return pack


def path_of(ctx: typer.Context) -> "Path":
    """Where the progress file is: `--progress`, else the user data folder."""
    from emprep.storage.store import resolve_path

    return resolve_path(ctx.obj["progress"])


def progress_of(ctx: typer.Context, *, carried: bool = True) -> "Progress":
    """The progress file, with merged questions' reviews counted for the questions that
    replaced them (`carried`; a command that reads only the profile needs no pack)."""
    from emprep.storage.store import load

    progress = load(path_of(ctx))
    return pack_of(ctx).carry(progress) if carried else progress


def say(message: str) -> None:
    """A message on stdout, wrapped to the terminal under its own text (whole when piped)."""
    from emprep.ui import render

    render.echo(message)


def set_up_first(ctx: typer.Context, pack: "Pack") -> None:
    """The first interactive drill or today, before any progress file: a short setup."""
    from emprep.ui import first_run

    if first_run.needed(path_of(ctx)):
        first_run.setup(pack, path_of(ctx), today())


def pace_of(
    ctx: typer.Context, pack: "Pack", progress: "Progress", *, moment: datetime
) -> "Advice | None":
    """The pace advice at the configured count; kept in the cache, as it simulates weeks."""
    from emprep.core.pace import Advice, Forecast, Point
    from emprep.core.practice import pace_advice, pace_inputs
    from emprep.core.settings import effective
    from emprep.storage import cache

    inputs = pace_inputs(pack, progress, moment, effective(progress.profile, pack.round_ids))
    kinds = {"Advice": Advice, "Forecast": Forecast, "Point": Point}
    return cache.memo(
        "pace", path_of(ctx), inputs, cls=Advice, compute=lambda: pace_advice(inputs), extra=kinds
    )


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
