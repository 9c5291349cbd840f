"""`emprep rounds`: the loop, one round in full, and logging a round that happened.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from emprep.cli.complete import question_ids, round_ids
from emprep.cli.context import note_left_out, now, pack_of, path_of, progress_of
from emprep.cli.group import EmprepGroup
from emprep.cli.options import Format
from emprep.core.errors import shown
from emprep.ui.output import TableJson, emit

if TYPE_CHECKING:
    from emprep.core.models import Round
    from emprep.core.pack import Pack


class RoundsGroup(EmprepGroup):
    """`rounds [ID]` shows the loop or one round; `rounds log ROUND` records one that happened.
    Anything but a subcommand's name goes to `show`, as click-default-group does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `emprep rounds tech` is `rounds show tech`: the usage line says the ID it takes
        self.subcommand_metavar = "[ID] | COMMAND [ARGS]..."

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            if len(args) > 1 and not args[0].startswith("-"):
                _mistyped_command(ctx, args[0], list(self.commands))
            args = ["show", *args]
        return super().parse_args(ctx, args)


def _mistyped_command(ctx: typer.Context, word: str, commands: list[str]) -> None:
    """`rounds logg rec`: `show` would take 'logg' for a round and refuse 'rec' as an extra
    argument, naming a command never typed; a word close to a command's name is that one,
    unless it is a round's id or prefix (`rounds s --format json` is strategic, though 's'
    starts `show`), and a word that is neither is an unknown round, said as `rounds WORD`
    says it."""
    from emprep.core.errors import EmprepError
    from emprep.core.ids import did_you_mean

    if ctx.resilient_parsing:  # Tab completion, or a look at the command line: nothing said
        return
    pack = pack_of(ctx)
    key = word.strip().lower()
    if any(r.startswith(key) for r in pack.round_ids):
        return
    close = did_you_mean(word, commands)
    if close:
        raise EmprepError(f"no command '{shown(word)}' in emprep rounds: {close.rstrip()}")
    _round_or_command(pack, word)


rounds_app = typer.Typer(
    cls=RoundsGroup,
    rich_markup_mode=None,
    help="The loop at a glance or one round in full (emprep rounds [ID] [--format table|json]: "
    "rounds show, the command taken when none is named); rounds log records a round you had.",
)


def _round_or_command(pack: "Pack", word: str) -> "Round":
    """The round `word` names; a word close to `log` and to no round is a mistyped command
    ("rounds logg rec" said only "unknown round 'logg'")."""
    from emprep.core.errors import EmprepError
    from emprep.core.ids import did_you_mean

    try:
        return pack.round(word)
    except EmprepError:
        if did_you_mean(word, ["log"]) and not did_you_mean(word, pack.round_ids, prefixes=True):
            raise EmprepError(
                f"unknown round '{shown(word)}': did you mean the command 'emprep rounds log "
                f"ROUND'? valid rounds: {', '.join(pack.round_ids)}"
            ) from None
        raise


@rounds_app.command("show", short_help="The loop, or one round in full")
def rounds_show(
    ctx: typer.Context,
    round_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="A round id or prefix.", autocompletion=round_ids),
    ] = None,
    fmt: Format = TableJson.table,
) -> None:
    """The loop at a glance (with each round's date when set), or everything about one round."""
    from emprep.core.rounds import over_today, round_dates, this_loop
    from emprep.ui.export import docs
    from emprep.ui.screens.rounds import round_detail, rounds_overview

    pack = pack_of(ctx)
    progress = progress_of(ctx, carried=False)
    profile = progress.profile
    note_left_out(ctx, profile)
    dates = round_dates(pack, profile.interview, profile.rounds)
    if round_id is None:
        emit(
            fmt,
            json=lambda: {**docs.loop_doc(pack), "dates": docs.round_dates_doc(dates)},
            table=lambda: rounds_overview(pack, dates),
        )
        return
    r = _round_or_command(pack, round_id)
    qs = [q for q in pack.questions if r.id in q.rounds]
    day = next(d for d in dates if d.round.id == r.id)
    moment = now()
    logged = [(i.round, i.day) for i in this_loop(progress)]
    over = over_today(pack, {d.round.id: d.date for d in dates}, logged, moment)
    past = day.date is not None and (day.date < moment.date() or r.id in over)
    emit(
        fmt,
        json=lambda: docs.round_detail_doc(r, day, qs),
        table=lambda: round_detail(
            pack, r, qs, day=day, past=past, logged=any(rid == r.id for rid, _ in logged)
        ),
    )


@rounds_app.command("log", short_help="Record a round you had")
def rounds_log(
    ctx: typer.Context,
    round_id: Annotated[
        str, typer.Argument(metavar="ROUND", help="The round you had.", autocompletion=round_ids)
    ],
    asked: Annotated[
        list[str] | None,
        typer.Option(
            "--asked",
            metavar="ID|TEXT",
            help="A question asked: its id, or in your words. Repeat for each.",
            autocompletion=question_ids,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="How it went, in a line.")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The day of the round (default: its date once past, else today).",
        ),
    ] = None,
    fmt: Format = TableJson.table,
) -> None:
    """Record a round you had: the questions asked and a note (asked on a terminal)."""
    from emprep.ui import round_entry
    from emprep.ui.export import docs
    from emprep.ui.screens.rounds import round_logged

    pack = pack_of(ctx)
    done = round_entry.log(
        pack, path_of(ctx), now, round_id=round_id, asked=asked or [], note=note, on=on
    )
    round_entry.say_left(pack, path_of(ctx))  # after: the command it names is this one, say
    emit(
        fmt,
        json=lambda: docs.interview_doc(done.interview),
        table=lambda: round_logged(
            pack, done.interview, done.progress, s=done.settings, now=now(), added=done.added
        ),
    )
    if done.interrupted:
        raise typer.Exit(done.interrupted)
