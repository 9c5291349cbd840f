"""`mock`: a timed mock round, begun, gone on with (`--continue`) or saved from a draft.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from emprep.cli.complete import round_ids
from emprep.cli.context import now, pack_of, path_of, progress_of, say
from emprep.cli.options import Format, Whole
from emprep.cli.practice import Resume, resumed
from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.limits import MAX_MINUTES, whole_from
from emprep.ui.output import TableJson, printed_instead

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.journal import Journal
    from emprep.core.mock import MockPlan
    from emprep.core.models import Mock, Progress
    from emprep.core.pack import Pack


MockRound = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar="ID",
        help="The round to rehearse: recruiter, technical, people, strategic or executive.",
        autocompletion=round_ids,
    ),
]
Minutes = Annotated[
    int | None,
    typer.Option(
        "--minutes",
        metavar="N",
        click_type=Whole(whole_from(1, MAX_MINUTES), "--minutes 30"),
        help="Shorter than the real round, for practice (1 to the round's length).",
    ),
]
MockListOnly = Annotated[bool, typer.Option("--list", help="Print the mock's plan; ask nothing.")]


def mock(
    ctx: typer.Context,
    round_id: MockRound = None,
    minutes: Minutes = None,
    list_only: MockListOnly = False,
    fmt: Format = TableJson.table,
    resume: Resume = None,
    go_on: Annotated[
        bool,
        typer.Option(
            "--continue",
            help="Go on with your last mock left before its scores (a closed terminal, "
            "Ctrl-C): the questions it did not ask, then the scores.",
        ),
    ] = False,
) -> None:
    """A timed mock round as long as the real one, scored on the round's criteria.

    On a terminal, a question at a time with its clock and the round's. Keys: space or Enter
    when you have answered shows what a strong answer covers; 1-4 (or a/h/g/e) rates it; s
    skips; p pauses both clocks (p or space goes on; a pause, or Ctrl-Z until fg, counts in
    neither); q ends the questions early, paused or not. The minutes the questions leave are
    for yours to the interviewer, timed too. Then you score yourself 1-5 on each criterion.
    The mock is saved as it goes; Ctrl-C keeps what was answered.
    """
    if go_on and resume is not None:
        raise EmprepError(
            "--continue and --resume do not go together: --continue goes on with a mock left "
            "part way, --resume saves a draft's answers; give one of them"
        )
    if resume is not None:
        return resumed(ctx, resume, "mock")
    list_only = list_only or fmt is TableJson.json  # a document is read, not answered
    if go_on and minutes is not None:
        raise EmprepError(
            "--minutes does not go with --continue: a mock gone on with has the minutes its "
            "answered questions leave; leave out --minutes, or start a new mock: emprep mock "
            f"--round {round_id or 'ID'} --minutes {minutes}"
        )
    if go_on:
        return _go_on(ctx, round_id, list_only=list_only, fmt=fmt)
    if round_id is None:
        ids = pack_of(ctx).round_ids
        raise EmprepError(
            f"--round is needed: the round to rehearse, one of {', '.join(ids)}; "
            f"e.g. emprep mock --round {ids[-1]}"
        )
    from emprep.core.practice import mock_for

    pack = pack_of(ctx)
    planned = mock_for(pack, progress_of(ctx), now(), round_id=round_id, minutes=minutes)
    if _plan_printed(planned, list_only=list_only, fmt=fmt, run="emprep mock"):
        return
    from emprep.ui.interactive import say_left

    say_left(path_of(ctx), "mock")
    _say_part_way(ctx, planned.round.id)
    _take(ctx, pack, planned, notes=progress_of(ctx).notes)


def _plan_printed(planned: "MockPlan", *, list_only: bool, fmt: TableJson, run: str) -> bool:
    """The mock's plan printed, where nothing is asked (`--list`, not a terminal, JSON)."""
    from emprep.ui.export import docs
    from emprep.ui.screens.mock import mock_plan

    return printed_instead(
        list_only,
        fmt,
        json=lambda: docs.mock_plan_doc(planned),
        table=lambda: mock_plan(planned),
        instead=f"run '{run}' in one",
    )


def _take(
    ctx: typer.Context,
    pack: "Pack",
    planned: "MockPlan",
    *,
    notes: dict[str, str],
    begun: "Mock | None" = None,
) -> None:
    """The mock at the terminal, then its summary; an interruption's exit code once what was
    answered is kept."""
    from emprep.core.practice import after_mock
    from emprep.ui.mock_session import run_mock
    from emprep.ui.screens.mock import mock_summary

    taken = run_mock(pack, planned, path_of(ctx), now=now, notes=notes, begun=begun)

    def then() -> str:
        return after_mock(pack, progress_of(ctx), now(), round_id=planned.round.id)

    mock_summary(pack, planned, taken, begun, then)
    if taken.interrupted:
        raise typer.Exit(128 + taken.signal if taken.signal else ExitStatus.INTERRUPTED)


def _say_part_way(ctx: typer.Context, round_id: str) -> None:
    """A new mock of a round whose last one was left part way: a note of the command that
    goes on with that one instead."""
    from emprep.core.mock import left_part_way
    from emprep.ui.output import note

    if (m := left_part_way(progress_of(ctx), round_id)) is not None:
        at = m.at.astimezone(now().tzinfo)
        criteria = len(pack_of(ctx).round(round_id).criteria)
        scored = f"{len(m.scores)} of {criteria} criteria scored" if m.scores else "no scores"
        note(
            f"your mock of {at:%Y-%m-%d %H:%M} was left part way ({len(m.answers)} of "
            f"{len(m.questions)} answered, {scored}); to go on with it instead: "
            f"emprep mock --continue --round {round_id}"
        )


def _go_on(ctx: typer.Context, round_id: str | None, *, list_only: bool, fmt: TableJson) -> None:
    """`mock --continue`: the last mock left part way (of the round, when given) goes on, with
    the answers and scores a killed run's draft of it holds counted first: saved before a run,
    merged in memory for a listing (which writes nothing)."""
    from emprep.core.mock import continued, left_part_way
    from emprep.ui.interactive import left_of, say_left, take_in, with_left
    from emprep.ui.output import interactive, note

    pack = pack_of(ctx)
    path = path_of(ctx)
    rid = None if round_id is None else pack.round(round_id).id
    progress = progress_of(ctx)
    left = left_of(pack, path, progress, rid, now=now)
    runs = not list_only and interactive()
    if runs and left:
        take_in(pack, path, left, now=now)
        progress = progress_of(ctx)
    else:
        progress = with_left(pack, progress, left)
    m = left_part_way(progress, rid)
    if m is None:
        _none_left(ctx, progress, rid, left, runs=runs)
        return
    planned = continued(pack, progress, m, now())
    run = f"emprep mock --continue --round {m.round}"
    if not runs:
        for draft, _ in left:
            note(
                f"{draft} holds what a run of this mock killed mid-way gave, counted here; "
                f"'{run}' saves it first"
            )
    if _plan_printed(planned, list_only=list_only, fmt=fmt, run=run):
        return
    say_left(path, "mock")
    _take(ctx, pack, planned, notes=progress.notes, begun=m)


def _none_left(
    ctx: typer.Context,
    progress: "Progress",
    rid: str | None,
    left: list[tuple["Path", "Journal"]],
    *,
    runs: bool,
) -> None:
    """`mock --continue` with no mock left part way. One a killed run's draft finished
    (its scores in the draft alone) is said once the draft is saved; a draft that matches no
    mock the file holds is named, with the command that saves it; else: start one."""
    from emprep.storage import journal as stored

    pack = pack_of(ctx)
    done = [k.mock for _, k in left if k.mock is not None and k.mock.finished]
    if runs and done:
        at = done[-1].at.astimezone(now().tzinfo)
        say(
            f"The mock begun {at:%Y-%m-%d %H:%M} is finished: its draft held its scores. "
            "Nothing is left to go on with."
        )
        return
    which = (
        f"of the {rid} round was left part way: its last"
        if rid
        else "was left part way: the last of each round"
    )
    drafts = stored.left(path_of(ctx), "mock")
    if drafts:
        again = f"emprep mock --resume {drafts[0]}"
        raise EmprepError(
            f"no mock {which} has its scores in the progress file, but the draft {drafts[0]} "
            f"holds a mock's answers or scores it lacks; save them: {again}"
        )
    last = progress.mocks[-1].round if progress.mocks else None
    start = rid or last or f"ID, one of {', '.join(pack.round_ids)}"
    raise EmprepError(
        f"no mock {which} has its scores, or none began; start one: emprep mock --round {start}"
    )
