"""`emprep config`: the candidate's profile, shown, set and unset.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from emprep.cli.complete import config_keys, config_values
from emprep.cli.context import (
    note_before_start,
    note_had_by,
    note_left_out,
    pack_of,
    path_of,
    progress_of,
    say,
    today,
)
from emprep.cli.group import EmprepGroup
from emprep.cli.options import Format
from emprep.ui.output import TableJson, emit, note

if TYPE_CHECKING:
    from datetime import date

    from emprep.core.models import LoopBefore, Profile, Progress
    from emprep.core.pack import Pack
    from emprep.core.rounds import RoundDate

config_app = typer.Typer(
    cls=EmprepGroup, no_args_is_help=True, rich_markup_mode=None, help="Your profile"
)
ConfigKey = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="interview, interview.ROUND, start, hours, track, count or rest-days.",
        autocompletion=config_keys,
    ),
]


@config_app.command("show", short_help="The profile, with the defaults in effect")
def config_show(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Show the profile: interview (and each round's date), start, hours, track, count,
    rest-days."""
    from emprep.core.rounds import round_dates
    from emprep.ui.export import docs
    from emprep.ui.screens.profile import profile_view

    progress = progress_of(ctx, carried=False)
    profile = progress.profile
    note_left_out(ctx, profile)
    note_before_start(ctx, profile)
    note_had_by(ctx, progress)
    dates = round_dates(pack_of(ctx), profile.interview, profile.rounds)
    emit(
        fmt,
        json=lambda: docs.config_doc(progress, dates),
        table=lambda: profile_view(progress, dates, str(path_of(ctx))),
    )


@config_app.command(
    "set",
    short_help="Set one profile value",
    # a value may start with '-' (hours -1): it is the value, checked as one, not an option
    context_settings={"ignore_unknown_options": True},
)
def config_set(
    ctx: typer.Context,
    key: ConfigKey,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The new value: a date (YYYY-MM-DD), hours a week (1 to 168), a track, a count "
            "(1 to 100) or rest days (sat,sun; a range, mon-fri; weekend; weekdays).",
            autocompletion=config_values,
        ),
    ],
) -> None:
    """Set one profile value; plan, drill and progress use it when no option is given."""
    from emprep.core.errors import EmprepError
    from emprep.core.parse import parse_date
    from emprep.core.profile import config_key, config_value, date_notes, far_loop_back, set_value
    from emprep.core.rounds import this_loop
    from emprep.storage import store
    from emprep.ui.screens.profile import as_written

    pack = pack_of(ctx)
    day = today()
    k = config_key(pack, key)
    before: list[Progress] = []
    back: list[LoopBefore] = []
    kept: list[str] = []  # why the start stayed, a loop brought back from beyond reach

    def change(p: "Progress") -> "Progress":
        try:
            profile = set_value(pack, p.profile, k, value=value, today=day)
        except EmprepError:
            far = far_loop_back(pack, p, parse_date(k, value, day)) if k == "start" else None
            if far is None:
                raise
            before.append(far[0])
            back[:], kept[:] = [far[1]], [_start_kept(far[1].start, far[2])]
            return far[0]
        before.append(replace(p, profile=profile))
        return _loop_moved(pack, p, profile, day, back)

    saved = store.update(path_of(ctx), change)
    say(f"{k} = {as_written(config_value(saved.profile, k))}{''.join(kept)}")
    _said_next_loop(before[-1], saved, back)
    for line in date_notes(pack, saved.profile, k, today=day, had=this_loop(saved)):
        note(line)


@config_app.command("unset", short_help="Forget one profile value")
def config_unset(ctx: typer.Context, key: ConfigKey) -> None:
    """Forget one profile value; a round without its own date takes the loop's."""
    from emprep.core.profile import (
        config_key,
        config_value,
        date_notes,
        far_start_unset,
        unset_value,
    )
    from emprep.core.rounds import this_loop
    from emprep.storage import store
    from emprep.ui.screens.profile import unset_message

    pack = pack_of(ctx)
    k = config_key(pack, key)
    profile = progress_of(ctx, carried=False).profile
    if config_value(profile, k) is None:  # nothing to forget: the file is left as it is
        say(unset_message(profile, k, was_set=False))
        return
    day = today()
    before: list[Progress] = []
    back: list[LoopBefore] = []

    kept: list[str] = []  # why the start stayed, a loop brought back from beyond reach

    def change(p: "Progress") -> "Progress":
        profile = unset_value(pack, p.profile, k, today=day)
        far = far_start_unset(pack, p, profile, day) if k == "start" else None
        if far is not None:
            before.append(far[0])
            back[:], kept[:] = [far[1]], [_start_kept(far[1].start, far[2])]
            return far[0]
        before.append(replace(p, profile=profile))
        return _loop_moved(pack, p, profile, day, back)

    saved = store.update(path_of(ctx), change)
    say(f"start = {saved.profile.start}{kept[0]}" if kept else unset_message(saved.profile, k))
    _said_next_loop(before[-1], saved, back)
    for line in date_notes(pack, saved.profile, k, today=day, had=this_loop(saved)):
        note(line)


def _loop_moved(
    pack: "Pack", p: "Progress", profile: "Profile", day: "date", back: "list[LoopBefore]"
) -> "Progress":
    """`p` with `profile`: the next loop started (`profile.next_loop`), or a loop put behind
    brought back (`profile.loop_back`, kept in `back` to be said)."""
    from emprep.core.profile import loop_back, next_loop

    moved, came = loop_back(pack, next_loop(pack, p, profile, day), day)
    back[:] = [came] if came is not None else []
    return moved


def _start_kept(start: "date", far: "RoundDate") -> str:
    """Why `config set start` to the day a loop put behind started brought it back but kept
    the start: a plan from that day does not reach the dates now given."""
    from emprep.core.limits import MAX_WEEKS

    return (
        f" (kept: a plan from {start} does not reach the {far.round.id} round ({far.date}), "
        f"more than {MAX_WEEKS} weeks later, longer than emprep plans)"
    )


def _said_next_loop(changed: "Progress", after: "Progress", back: "list[LoopBefore]") -> None:
    """The start a date for the next loop set (`profile.next_loop`; `changed` is the progress
    as the key's change alone left it), said as a setting is, with the ticks of the loop
    before that it put aside and the command that brings them back (the same loop, moved);
    or the ticks a start set back to that loop's day brought back."""
    from emprep.core.words import plural

    if back:  # said with no tick too: its rounds logged and its calendar's events are back
        ticks = len(back[0].done_tasks)
        verb = "is" if ticks == 1 else "are"
        came = f": its {plural(ticks, 'plan tick')} {verb} back" if ticks else ""
        say(f"The loop that started on {back[0].start} is this one again{came}.")
        return
    if after.loop == changed.loop:
        return
    began = after.loops_before[-1].start
    ticks = len(changed.done_tasks) - len(after.done_tasks)
    verb, them = ("is", "it") if ticks == 1 else ("are", "them")
    rounds = "the rounds logged before it are that loop's"
    kept = f"{rounds}, and its {plural(ticks, 'plan tick')} {verb} put aside" if ticks else ""
    back_to = f"emprep config set start {began}{f' brings {them} back' * bool(ticks)}"
    if after.profile.start == changed.profile.start:  # the start given: dates moved by hand
        say(
            "The loop before is over (its rounds all logged before the dates now given), so "
            f"this is the next loop: its plan counts from {after.profile.start}, "
            f"{kept or 'and ' + rounds}; the same loop, its date moved: {back_to}."
        )
        return
    say(
        f"start = {after.profile.start} (the loop before is over, so this one starts today: "
        f"its plan counts from it, {kept or 'and ' + rounds}; the same loop, its date moved: "
        f"{back_to}; another day: emprep config set start YYYY-MM-DD)"
    )
