"""`emprep drill`: today's list, and what a session did when it ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from emprep.core.pack import Pack
from emprep.ui.render import STYLES, Cell, echo, recall_style, table
from emprep.ui.screens.pace import pace_line
from emprep.ui.text import countdown, minutes_seconds, next_and_last, percent, plural

if TYPE_CHECKING:
    from emprep.core.drill import Drill, Item
    from emprep.core.pace import Advice
    from emprep.core.session import Session


def drill_list(
    pack: Pack,
    drill: Drill,
    advice: Advice | None = None,
    to_log: str | None = None,
    due: int = 0,
    round_id: str | None = None,
) -> None:
    """The day's drill as a list (of one round's questions, `round_id`); once the loop is
    over, the round to log next (`to_log`). At a count that cannot keep up, the pace line says
    the reviews due today the day's drill leaves (`due`), as `today` does."""
    more = more_practice(round_id)
    n = plural(len(drill.items), "question")
    if drill.loop_over:
        echo(f"Drill for {drill.day}: {n} (the loop's last round is over: plain FSRS)")
    elif drill.undated:
        echo(f"Drill for {drill.day}: {n} (plain FSRS: {rounds_left(drill)})")
        echo(
            "Date them and the drill aims at each: emprep config set interview.ROUND DATE, "
            "or all at once: emprep config set interview DATE"
        )
    elif drill.interview is None or drill.days_left is None:
        echo(f"Drill for {drill.day}: {n} (no interview date: plain FSRS)")
    elif drill.days_left < 0:
        when = countdown(drill.interview, drill.days_left)
        echo(f"Drill for {drill.day}: {n} ({when}: plain FSRS)")
    elif drill.days_left == 0:
        echo(f"Drill for {drill.day}: {n}, a warm-up of your weakest on interview day")
    elif drill.rounds_today:
        _round_day(drill, n)
    else:
        new = sum(i.kind == "new" for i in drill.items)
        nxt = drill.next_round
        ahead = (
            None
            if nxt is None
            else ([pack.round(r).name for r in nxt[0]], nxt[1], (nxt[1] - drill.day).days)
        )
        when = next_and_last(drill.interview, drill.days_left, ahead)
        echo(f"Drill for {drill.day}: {n} ({new} new), {when}, {drill.unseen} unseen")
    if to_log is not None:
        echo(f"Next: {to_log}")
    if drill.rest_day:
        echo("Today is one of your rest days; here is the drill all the same.")
    if not drill.items and drill.done_today == 0:
        echo(
            "Nothing to practise: no question of today's interview has been practised yet, "
            "so there is nothing to warm up. Go over the rounds: emprep rounds ID"
            if drill.days_left == 0 and not drill.loop_over
            else f"Nothing to practise today, and the loop is over. More practice: {more}"
            if drill.over
            else "Nothing to practise today. What is coming: emprep progress"
        )
        return
    behind = advice is not None and advice.short and due > 0
    if not drill.items:
        # once the loop is over no round is coming: progress has nothing ahead to show; at a
        # count that cannot keep up, the pace line says `--more` with the reviews it takes
        echo(
            f"Today's drill is done, and the loop is over. More practice: {more}"
            if drill.over
            else "Today's drill is done. What is coming: emprep progress"
            if behind
            else f"Today's drill is done. More practice: {more}; what is coming: emprep progress"
        )
    else:
        drill_table(pack, drill)
    if advice is not None and advice.short:
        echo(pace_line(advice, due))


def more_practice(round_id: str | None) -> str:
    """The command for more practice once the day's drill is done: of the round asked for
    (`drill --round ROUND`), not the day's whole drill."""
    return "emprep drill --more" + (f" --round {round_id}" if round_id else "")


def rounds_left(drill: Drill) -> str:
    """The rounds had and those with no date yet: why the drill is plain FSRS though dated."""
    had = ", ".join(f"{r} was on {d}" for r, d in drill.rounds_past.items())
    have = "has" if len(drill.undated) == 1 else "have"
    return f"{had}; {', '.join(drill.undated)} {have} no date yet"


QUESTION_ROOM = 40  # places a question needs in a box: a median question in three lines


def drill_table(pack: Pack, drill: Drill) -> None:
    """The day's questions, a row each, with the recall at the deadline while it is ahead."""
    upcoming = drill.days_left is not None and drill.days_left >= 0 and not drill.loop_over
    rows: list[list[Cell]] = []
    for k, i in enumerate(drill.items, start=1):
        r = i.recall_interview if upcoming else i.recall_now
        rows.append(
            [
                str(k),
                i.question.id,
                (i.kind, STYLES[i.kind]),
                ",".join(pack.rounds_of(i.question)),
                str(i.deadline or "-"),
                (percent(r), recall_style(r)),
                i.question.text,
            ]
        )
    recall = RECALL_AT if upcoming else RECALL_NOW
    # narrow, the deadline (often every row's), the rounds, the kind, then the recall go under
    # the row: the id stays. A box whose question column is under QUESTION_ROOM gives way to
    # the rows, whose question has the whole line: a box at 120 columns left it 18 places
    headers = ["#", "id", "kind", "rounds", "deadline", recall, "question"]
    table(headers, rows, spare=[4, 3, 2, 5], least=QUESTION_ROOM)


def _round_day(drill: Drill, n: str) -> None:
    """The heading on the day of a round before the last: that round, its warm-up first, and
    the days to the last round after it."""
    rounds = drill.rounds_today
    listed = rounds[0] if len(rounds) == 1 else f"{', '.join(rounds[:-1])} and {rounds[-1]}"
    named = listed + (" round" if len(rounds) == 1 else " rounds")
    its = "Its" if len(rounds) == 1 else "Their"
    new = sum(i.kind == "new" for i in drill.items)
    echo(f"Drill for {drill.day}: {n} ({new} new), the {named} today, {drill.unseen} unseen")
    assert drill.interview is not None and drill.days_left is not None
    last = f"the last round is in {plural(drill.days_left, 'day')} ({drill.interview})"
    if any(i.deadline == drill.day for i in drill.items):
        echo(
            f"{its} questions are a warm-up after any failed answers: those never seen, then "
            f"your weakest; {last}."
        )
    else:
        echo(f"{last[0].upper()}{last[1:]}.")


RECALL_AT = "recall at deadline"


RECALL_NOW = "recall now"


LISTED_DATES = 3


def session_line(session: Session, did: str, kept: str) -> str:
    """What a drill or a mock did: `3 rated (Good 2, Easy 1), 1 skipped, 2 min 5 s answering.`"""
    from emprep.core.scheduler import RATING_NAMES

    done = sum(session.rated.values())
    parts = ", ".join(f"{RATING_NAMES[k]} {v}" for k, v in sorted(session.rated.items()))
    stopped = "Stopped. " if session.interrupted else ""
    undone = f", {session.undone} undone" if session.undone else ""
    return (
        f"{stopped}{done} {did}{f' ({parts})' if parts else ''}, {session.skipped} skipped"
        f"{undone}, {minutes_seconds(session.seconds)} answering. {kept}"
    )


def drill_summary(
    session: Session,
    forecast: list[tuple[date, int]],
    advice: Advice | None = None,
    *,
    left: Sequence[Item] = (),
    more: bool = False,
    round_id: str | None = None,
    daily: Drill | None = None,
    then: str | None = None,
) -> None:
    """What was done, what today's drill still asks (`left`) and what else is due today, and
    the next days reviews fall due; `forecast` starts today. When the count cannot make the
    loop ready, the pace that would (`advice`), which then says the reviews due today the
    drill leaves, as their cause's effect; a round to log first (`then`), as `today` says it.
    A drill of one round (`round_id`) says its own command for what it left, then the day's
    drill as it now stands (`daily`)."""
    echo(session_line(session, "rated", "Every rating is saved."))
    behind = advice is not None and advice.short
    if round_id is not None and daily is not None:
        beyond = max(0, (forecast[0][1] if forecast else 0) - daily.due_held())
        reviews = round_reviews(
            forecast, left=left, more=more, round_id=round_id, daily=daily, behind=behind
        )
    else:
        beyond = due_beyond(forecast, left)
        reviews = next_reviews(forecast, left=left, more=more, behind=behind)
    echo(reviews)
    if advice is not None and behind:
        echo(pace_line(advice, beyond))
    if then is not None:
        echo(f"Next: {then}", style="bold")


def due_beyond(forecast: list[tuple[date, int]], left: Sequence[Item] = ()) -> int:
    """The reviews due today that the drill's `left` questions leave, for `drill --more`: a
    question still in the drill that is due (a review, a warm-up on its round's day) is not
    counted again, the same rule as `Drill.due_held`, so `today` says the same."""
    from emprep.core.drill import held_due

    today, due = forecast[0] if forecast else (date.min, 0)
    return max(0, due - len(held_due(left, today)))


def next_reviews(
    forecast: list[tuple[date, int]],
    *,
    left: Sequence[Item] = (),
    more: bool = False,
    behind: bool = False,
) -> str:
    """ "Still in today's drill: 1 question (emprep drill). 2 more questions due today (emprep
    drill --more). Next due: 2026-11-21 (3), ... and 2 more days", never a silent cut (after
    `--more`: "Left of this extra drill: 1 question (emprep drill --more). ..."). A review
    due today that the day's drill leaves out (`due_beyond`) is said as `--more`'s, since
    `drill` will not ask it; `behind` (a count that cannot keep up), the pace line says it."""
    beyond = 0 if behind else due_beyond(forecast, left)
    later = [(d, n) for d, n in forecast[1:] if n]
    parts = [f"{d} ({n})" for d, n in later[:LISTED_DATES]]
    extra = len(later) - LISTED_DATES
    tail = f" and {plural(extra, 'more day')} (emprep progress)" if extra > 0 else ""
    nxt = f"next due: {', '.join(parts)}{tail}" if parts else "nothing else due this week"
    again = "emprep drill --more" if more else "emprep drill"
    this = "Left of this extra drill" if more else "Still in today's drill"  # the day's is done
    still = f"{this}: {plural(len(left), 'question')} ({again}). " if left else ""
    if beyond:
        still += f"{plural(beyond, 'more question')} due today (emprep drill --more). "
    return still + nxt[0].upper() + nxt[1:] + "."


def round_reviews(
    forecast: list[tuple[date, int]],
    *,
    left: Sequence[Item],
    more: bool,
    round_id: str,
    daily: Drill,
    behind: bool = False,
) -> str:
    """ "Still in the people drill: 3 questions (emprep drill --round people; after `--more`,
    the command that offered it, `more_practice`). Today's drill: 3
    questions (emprep drill); 4 more questions due today (emprep drill --more). Next due: ...":
    what the round's drill left is its command's, the reviews due today are the day's drill's
    first (as `today` counts them), the rest `--more`'s (the pace line's to say, `behind`)."""
    again = more_practice(round_id) if more else f"emprep drill --round {round_id}"
    own = (
        f"Still in the {round_id} drill: {plural(len(left), 'question')} ({again}). "
        if left
        else ""
    )
    size = len(daily.items)
    day = f"Today's drill: {plural(size, 'question')} (emprep drill)" if size else ""
    beyond = 0 if behind else max(0, (forecast[0][1] if forecast else 0) - daily.due_held())
    if beyond:
        more_due = f"{plural(beyond, 'more question')} due today (emprep drill --more)"
        day = f"{day}; {more_due}" if day else more_due[0].upper() + more_due[1:]
    said = [(d, 0 if i == 0 else n) for i, (d, n) in enumerate(forecast)]  # today's: above
    return (own if left else "") + (f"{day}. " if day else "") + next_reviews(said)


def drill_done(
    forecast: list[tuple[date, int]],
    more: bool,
    advice: Advice | None = None,
    then: str | None = None,
    round_id: str | None = None,
) -> None:
    """Nothing left to ask: say so, when the next reviews fall due, and how to go on anyway,
    with the round asked for (`round_id`), if one was (or the round to log first, `then`, as
    `today` says it); when the count cannot make the loop ready, the pace that would
    (`advice`), the reviews due today with it, and `--more` said there once."""
    behind = advice is not None and advice.short
    beyond = due_beyond(forecast)
    if more:
        echo(
            "Nothing more to practise: every question in scope is in hand. "
            + next_reviews(forecast)
        )
    else:
        echo(
            "Today's drill is done. " + next_reviews(forecast, behind=behind),
            style=STYLES["done"],
        )
        if then is None and not (behind and beyond):
            echo(f"More practice now, chosen the same way: {more_practice(round_id)}")
    if advice is not None and behind:
        echo(pace_line(advice, 0 if more else beyond))
    if then is not None:
        echo(f"Next: {then}", style="bold")
