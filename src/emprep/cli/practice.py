"""Practice and its record: `drill`, `review`, `undo` and `progress` (`mock` in mock.py).

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from emprep.cli.complete import ratings
from emprep.cli.context import (
    fit_of,
    ids_of,
    note_before_start,
    note_had_by,
    note_left_out,
    note_practised_left_out,
    now,
    pace_of,
    pack_of,
    path_of,
    progress_of,
    say,
    set_up_first,
    warm_behind,
)
from emprep.cli.options import Format, QuestionArg, Round, Whole
from emprep.core.datatype import replace
from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.limits import MAX_COUNT, MAX_SECONDS, check_whole, whole_from
from emprep.ui.output import TableJson, emit, printed_instead

if TYPE_CHECKING:
    from datetime import date, datetime
    from pathlib import Path

    from emprep.core.drill import Drill
    from emprep.core.models import Progress, ReviewEntry
    from emprep.core.pace import Advice
    from emprep.core.pack import Pack
    from emprep.core.settings import Settings

SECONDS_EXAMPLE = "--seconds 90"
Count = Annotated[
    int | None,
    typer.Option(
        "--count",
        metavar="N",
        click_type=Whole(whole_from(1, MAX_COUNT), "--count 5"),
        help="Questions a day [default: config count, or 5].",
    ),
]
More = Annotated[
    bool,
    typer.Option(
        "--more", help="Today's drill is done: the reviews due it left, then more practice."
    ),
]
DrillListOnly = Annotated[bool, typer.Option("--list", help="Print today's drill; ask nothing.")]
Resume = Annotated[
    str | None,
    typer.Option(
        "--resume",
        metavar="DRAFT",
        help="Save what the draft a failed save named holds and the progress file lacks.",
    ),
]


def resumed(ctx: typer.Context, draft: str, kind: str) -> None:
    """`--resume DRAFT` of `drill` and `mock`: what a failed save's draft holds, saved. It runs
    no session, so an option of one given beside it (`--list`, `--round`, `--format json`)
    would go unused, a script's `--format json` reading text: refused, naming it, nothing
    saved and the draft as it was."""
    from typer._click.core import ParameterSource

    from emprep.storage.files import user_path
    from emprep.ui.interactive import resume
    from emprep.ui.output import command

    named = [
        p.opts[0]
        for p in ctx.command.params
        if p.name != "resume"
        and p.opts
        and ctx.get_parameter_source(p.name or "") is ParameterSource.COMMANDLINE
    ]
    if named:
        raise EmprepError(
            f"--resume saves what a draft holds and starts no {kind}, so {', '.join(named)} "
            f"would not be used: give --resume alone: {command(kind, '--resume', draft)}"
        )
    resume(pack_of(ctx), path_of(ctx), user_path(draft, "--resume"), kind, now=now)


def drill(
    ctx: typer.Context,
    round_id: Round = None,
    count: Count = None,
    more: More = False,
    list_only: DrillListOnly = False,
    fmt: Format = TableJson.table,
    resume: Resume = None,
) -> None:
    """Today's practice: due reviews, then new questions, paced to your interview.

    On a terminal, one question at a time with a running clock. Keys: space or Enter reveals
    what a strong answer covers; 1-4 (or a/h/g/e) rates it Again, Hard, Good, Easy; s skips;
    u takes back the last rating and asks that question again; p pauses the clock (p or space
    goes on); q quits. Ctrl-Z stops it until fg, and the clock with it. Every rating is saved
    as it is given; Ctrl-C keeps them all.
    """
    if resume is not None:
        return resumed(ctx, resume, "drill")
    list_only = list_only or fmt is TableJson.json  # a document is read, not answered
    from emprep.core.practice import log_after_loop, todays_drill
    from emprep.core.settings import effective
    from emprep.ui.screens.drill import drill_list

    pack = pack_of(ctx)
    if not list_only:
        set_up_first(ctx, pack)
    progress = progress_of(ctx)
    note_left_out(ctx, progress.profile)
    note_before_start(ctx, progress.profile)
    note_had_by(ctx, progress)
    moment = now()
    s = effective(progress.profile, pack.round_ids, count=count)
    fit = fit_of(ctx, progress)
    drill_today = todays_drill(pack, progress, moment, s=s, round_id=round_id, more=more, fit=fit)
    if round_id is not None and not drill_today.loop_over:
        _round_past(pack, progress, s, round_id, moment)
    to_log = log_after_loop(pack, progress, drill_today, moment)
    rid = None if round_id is None else pack.round(round_id).id
    if printed_instead(
        list_only,
        fmt,
        json=lambda: _drill_json(ctx, pack, progress, drill_today, moment),
        table=lambda: drill_list(
            pack,
            drill_today,
            pace_of(ctx, pack, progress, moment=moment),
            to_log,
            due=0 if round_id or more else _left_due(pack, progress, drill_today, moment),
            round_id=rid,
        ),
        instead="record an answer with 'emprep review ID RATING' "
        "(RATING 1-4: again, hard, good, easy)",
    ):
        return
    from emprep.ui.drill_session import take_drill
    from emprep.ui.interactive import say_left

    say_left(path_of(ctx), "drill")

    def pace(after: "Progress", at: "datetime") -> "Advice | None":
        return pace_of(ctx, pack, after, moment=at)

    def daily(after: "Progress", at: "datetime") -> "Drill":
        return todays_drill(pack, after, at, s=s, round_id=None, fit=fit)

    taken = take_drill(
        pack,
        progress,
        drill_today,
        path=path_of(ctx),
        now=now,
        more=more,
        pace=pace,
        round_id=rid,
        # the day's drill holds what it holds: an extra drill's questions left are due still
        daily=daily if rid is not None or more else None,
        to_log=to_log,
    )
    if taken.interrupted:
        raise typer.Exit(128 + taken.signal if taken.signal else ExitStatus.INTERRUPTED)


def _left_due(pack: "Pack", progress: "Progress", drill: "Drill", moment: "datetime") -> int:
    """The reviews due today that the day's drill leaves for `drill --more`, as `today` counts
    them."""
    from emprep.core.practice import due_ahead

    return max(0, due_ahead(pack, progress, moment)[0][1] - drill.due_held())


def _round_past(
    pack: "Pack", progress: "Progress", s: "Settings", round_id: str, moment: "datetime"
) -> None:
    """`drill --round ROUND` once that round is over: say why none of its own questions come."""
    from emprep.core.practice import had_today
    from emprep.core.rounds import past_round
    from emprep.ui.output import note

    had = had_today(pack, progress, s, moment)
    if said := past_round(pack, s, round_id, moment.date(), had):
        note(said)


def _drill_json(
    ctx: typer.Context, pack: "Pack", progress: "Progress", drill: "Drill", moment: "datetime"
) -> object:
    from emprep.ui.export.docs import drill_doc

    return drill_doc(drill, pace_of(ctx, pack, progress, moment=moment))


def review(
    ctx: typer.Context,
    question_id: QuestionArg,
    rating: Annotated[
        str,
        typer.Argument(
            metavar="RATING", help="1-4 or again, hard, good, easy.", autocompletion=ratings
        ),
    ],
    seconds: Annotated[
        int,
        typer.Option(
            "--seconds",
            metavar="N",
            click_type=Whole(whole_from(0, MAX_SECONDS), SECONDS_EXAMPLE),
            help="How long the answer took.",
        ),
    ] = 0,
    fmt: Format = TableJson.table,
) -> None:
    """Record one rating without the interactive drill (for scripts and editors)."""
    from emprep.core.days import weekdays
    from emprep.core.models import last_line, review_entry
    from emprep.core.rounds import skipped_until_over
    from emprep.core.scheduler import RATING_NAMES, due_date, parse_rating, record
    from emprep.core.settings import effective
    from emprep.storage import store
    from emprep.ui.text import next_review, taken_at

    check_whole("--seconds", seconds, low=0, high=MAX_SECONDS, example=SECONDS_EXAMPLE)
    if fmt is TableJson.json:  # the document gives the question's deadline: the whole pack
        pack_of(ctx)
    ids = ids_of(ctx)
    qid = ids.question(question_id)
    value = parse_rating(rating)
    moment = now()
    saved = store.update(
        path_of(ctx), lambda p: record(ids.carry(p), qid, value, seconds=seconds, now=moment)
    )
    due = due_date(saved.cards[qid], moment)
    rest = weekdays(saved.profile.rest_days)
    s = effective(saved.profile, ids.round_ids)
    last = skipped_until_over(ids.rounds_of[qid], s, due)
    rounds = s.round_days(ids.round_ids)  # no rest days: a round's drill is its warm-up

    def as_json() -> object:
        from emprep.core.days import on_practice_day
        from emprep.core.practice import as_drilled, question_deadlines
        from emprep.ui.export.docs import review_doc

        pack = pack_of(ctx)
        drilled = as_drilled(pack, saved, s, moment)
        return review_doc(
            last_line(saved.log),  # the line this rating added
            due=due,
            next_review=None if last else on_practice_day(due, rest, rounds),
            skipped=last,
            deadline=question_deadlines(drilled, [pack.question_by_id[qid]], moment.date()).get(
                qid
            ),
        )

    moved = taken_at(review_entry(last_line(saved.log)).at, moment)
    emit(
        fmt,
        json=as_json,
        table=lambda: say(
            f"Recorded {qid}: {RATING_NAMES[value]}{moved}. {next_review(due, rest, last, rounds)}"
        ),
    )
    warm_behind(ctx, moment)


def progress(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Readiness per round, streak, forecast and the weakest questions."""
    from emprep.core.practice import progress_report
    from emprep.core.settings import effective
    from emprep.ui.screens.progress import progress_view

    pack = pack_of(ctx)
    data = progress_of(ctx)
    note_left_out(ctx, data.profile)
    note_before_start(ctx, data.profile)
    note_had_by(ctx, data)
    note_practised_left_out(ctx, data)
    moment = now()
    s = effective(data.profile, pack.round_ids)
    pace = pace_of(ctx, pack, data, moment=moment)
    behind = pace is not None and pace.short
    report = progress_report(pack, data, moment, s=s, fit=fit_of(ctx, data), behind=behind)
    report = replace(report, pace=pace)

    def as_json() -> object:
        from emprep.ui.export.docs import report_doc

        return report_doc(report)

    emit(fmt, json=as_json, table=lambda: progress_view(report))


def undo(ctx: typer.Context, fmt: Format = TableJson.table) -> None:
    """Take back the last rating: the log loses it and the card is rebuilt from the rest."""
    from datetime import UTC

    from emprep.core.models import last_line
    from emprep.core.scheduler import RATING_NAMES, due_date
    from emprep.core.undo import last_review, mock_of
    from emprep.core.undo import undo as take_back
    from emprep.storage import store

    moment = now()  # a clock emprep refuses (EMPREP_NOW) is said before the rating is gone
    taken = []
    mocks = []
    lines = []

    def change(p: "Progress") -> "Progress":
        taken.append(last := last_review(p))
        mocks.append(None if last is None else mock_of(p, last))
        lines.append(last_line(p.log))  # the line `last` reads
        return take_back(p)

    saved = store.update(path_of(ctx), change)
    last = taken[-1]
    if last is None:  # take_back refuses an empty log; this keeps mypy sure of it
        raise EmprepError("nothing to undo: no rating is recorded")
    card = saved.cards.get(last.question)
    due = due_date(card, moment, saved.given_in().get(last.question)) if card else None
    # a card that fell due while it waited (days away) is late, not reviewed on a day gone by
    after = (
        "it is new again"
        if due is None
        else f"due since {due} (overdue)"
        if due < moment.date()
        else _next_review_after(ctx, saved, last.question, due)
    )
    where = ""
    in_mock = None
    if (mock := mocks[-1]) is not None:
        name = next((r.name for r in pack_of(ctx).rounds if r.id == mock.round), mock.round)
        begun = mock.at.astimezone(moment.tzinfo)
        where = f" and its answer in the {name} mock of {begun:%Y-%m-%d %H:%M}"
        in_mock = {"round": mock.round, "begun": mock.at.astimezone(UTC)}  # in UTC, as JSON's times
    drafts = _forget_in_drafts(path_of(ctx), last)

    def as_json() -> object:
        from emprep.ui.export.docs import undo_doc

        return undo_doc(
            lines[-1],
            mock=in_mock,
            due=due,
            drafts=[str(d) for d in drafts],
        )

    def as_text() -> None:
        say(
            f"Took back {last.question}: {RATING_NAMES[last.rating]} "
            f"({last.at.astimezone(moment.tzinfo):%Y-%m-%d %H:%M}){where}; {after}."
        )
        for draft in drafts:
            say(f"It is out of the draft {draft} too.")

    emit(fmt, json=as_json, table=as_text)
    warm_behind(ctx, moment)  # the log changed as a rating changes it


def _next_review_after(ctx: typer.Context, saved: "Progress", qid: str, due: "date") -> str:
    """Where an undo leaves a question still due ahead, in `review`'s words: the practice day
    the drill gives it (a rest day's due on the day after, a round's day being none), or none
    when its last round comes first."""
    from emprep.core.days import weekdays
    from emprep.core.rounds import skipped_until_over
    from emprep.core.settings import effective
    from emprep.ui.text import next_review

    ids = ids_of(ctx)
    s = effective(saved.profile, ids.round_ids)
    last = skipped_until_over(ids.rounds_of.get(qid, []), s, due)
    rest = weekdays(saved.profile.rest_days)
    said = next_review(due, rest, last, s.round_days(ids.round_ids))
    return said[0].lower() + said[1:].removesuffix(".")


def _forget_in_drafts(path: "Path", last: "ReviewEntry") -> "list[Path]":
    """A draft of a session that did not end holds the rating taken back: out of it too, so
    `--resume` does not give it back; the drafts it is out of, or what to do said if one
    cannot be written."""
    from emprep.storage import journal
    from emprep.ui.output import command, note

    out = []
    for draft, failed in journal.forget(path, last):
        if failed is None:
            out.append(draft)
        else:
            kind = "drill" if draft.name.startswith("drill") else "mock"
            again = command(kind, "--resume", str(draft))
            note(f"{failed}; it still holds that rating: take it out by hand before any {again}")
    return out
