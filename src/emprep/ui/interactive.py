"""The drill and the mock as a person takes them at a terminal: one question at a time, a
running clock, reveal, rate. Each answer is saved the moment it is given; Ctrl-C or `q` stops
and keeps them all; `u` in the drill takes the last rating back."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from emprep.core import mock
from emprep.core.drill import Drill, Item
from emprep.core.mock import MockItem, MockPlan
from emprep.core.models import Progress, Round
from emprep.core.pace import Advice
from emprep.core.pack import Pack
from emprep.core.report import forecast
from emprep.core.scheduler import RATING_NAMES, due_date, record
from emprep.core.session import Session
from emprep.storage import store
from emprep.ui import render
from emprep.ui.screens.drill import drill_done, drill_summary
from emprep.ui.screens.mock import mock_summary
from emprep.ui.screens.questions import answer_guide
from emprep.ui.terminal import (
    DONE_KEYS,
    LiveLine,
    cbreak,
    prompt,
    rating,
    read_key,
    timed_answer,
    wait_for,
)
from emprep.ui.text import clock, plural

T = TypeVar("T")
Answer = tuple[str | int, int]  # `q`, `s`, `u` or the rating given; the seconds the answer took
ESC = "\x1b"
BACK = {"\x7f", "\x08", "b"}


@contextmanager
def _stops(session: Session) -> Iterator[None]:
    """Ctrl-C (or the end of input) ends the session; what was saved stays saved."""
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")


def _ask_each(
    session: Session,
    items: list[T],
    ask: Callable[[int, T, bool], Answer],
    save: Callable[[T, int, int], Progress],
    time_up: Callable[[], bool] = lambda: False,
    take_back: Callable[[T, int, int], Progress] | None = None,
) -> None:
    """Ask every item until `q` or the time is up: a rating is saved at once, `s` skips, and
    `u` (when `take_back` is given) undoes the last rating and asks that item again."""
    given: list[tuple[int, int, int]] = []  # (item, rating, seconds) of each rating
    i = 0
    while i < len(items):
        answer, seconds = ask(i + 1, items[i], take_back is not None and bool(given))
        if answer == "q":
            return
        if answer == "u" and take_back is not None and given:
            k, rated, spent = given.pop()
            session.unrate(rated, spent, take_back(items[k], rated, spent))
            i = k
            continue
        if isinstance(answer, int):
            session.rate(answer, seconds, save(items[i], answer, seconds))
            given.append((i, answer, seconds))
        else:
            session.skipped += 1
            render.echo("Skipped: it stays for another day.")
        i += 1
        if time_up() and i < len(items):
            render.echo("Time is up for the round.")
            return


# --- The drill ------------------------------------------------------------------------------


def take_drill(
    pack: Pack,
    progress: Progress,
    drill: Drill,
    path: Path,
    now: Callable[[], datetime],
    more: bool = False,
    pace: Callable[[Progress, datetime], Advice | None] = lambda p, t: None,
) -> Session:
    """The day's drill at the terminal, then what was done and the reviews coming up; a drill
    with nothing left says the day is done and when the next reviews fall due. When the count
    cannot make the loop ready, the end says the pace that would (`pace`)."""
    if not drill.items:
        drill_done(forecast(progress, now(), pack.questions), more)
        return Session()
    session = run_drill(pack, drill, path, now, progress.notes)
    after = session.progress or progress
    later = now()
    drill_summary(session, forecast(after, later, pack.questions), pace(after, later))
    return session


def _carried(pack: Pack, change: Callable[[Progress], Progress]) -> Callable[[Progress], Progress]:
    """`change` applied after merged questions' reviews are carried to their heirs."""
    return lambda progress: change(pack.carry(progress))


def run_drill(
    pack: Pack,
    drill: Drill,
    path: Path,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
) -> Session:
    """Ask the drill's questions; Ctrl-C or `q` stops and keeps every rating given."""
    session = Session()
    mine = notes or {}

    def save(item: Item, answer: int, seconds: int) -> Progress:
        qid = item.question.id
        change = partial(record, question_id=qid, rating=answer, seconds=seconds, now=now())
        saved = store.update(path, _carried(pack, change))
        due = due_date(saved.cards[qid], now())
        name = RATING_NAMES[answer]
        render.echo(f"Saved: {name}. Next review {due}.", style=render.STYLES[name])
        return saved

    def take_back(item: Item, answer: int, seconds: int) -> Progress:
        from emprep.core.undo import undo

        qid = item.question.id
        saved = store.update(path, partial(undo, question_id=qid))
        render.echo(f"Undone: {qid} ({RATING_NAMES[answer]}). It is asked again.")
        return saved

    with _stops(session), cbreak() as fd:
        total = len(drill.items)

        def ask(n: int, item: Item, can_undo: bool) -> Answer:
            return _ask(fd, pack, item, (n, total), can_undo, mine.get(item.question.id))

        _ask_each(session, drill.items, ask, save, take_back=take_back)
    return session


def _show(pack: Pack, item: Item, place: tuple[int, int]) -> None:
    q = item.question
    r = pack.round(q.rounds[0])
    render.echo()
    render.heading(f"[{place[0]}/{place[1]}] {' / '.join(pack.round(x).name for x in q.rounds)}")
    render.echo(state_line(item), style=render.STYLES[item.kind])
    render.echo(
        f"Interviewer: {r.interviewer}" + (f" · tags: {', '.join(q.tags)}" if q.tags else "")
    )
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()


def state_line(item: Item) -> str:
    """Why the question is here, and both recalls named apart: now, and at its deadline."""
    if item.kind == "new":
        return "new: first time"
    now = f"recall now {item.recall_now or 0:.0%}"
    at = item.recall_interview
    later = f", at {item.deadline or 'the interview'} {at:.0%}" if at is not None else ""
    return f"{item.kind}: {now}{later}"


DRILL_KEYS = ["space: reveal", "s: skip", "u: undo last", "q: quit"]


def _ask(
    fd: int, pack: Pack, item: Item, place: tuple[int, int], can_undo: bool, note: str | None
) -> Answer:
    """Show the question, time the answer, reveal what a strong one covers, take the rating."""
    _show(pack, item, place)
    hints = [k for k in DRILL_KEYS if can_undo or not k.startswith("u:")]
    keys = DONE_KEYS | {"s", "q"} | ({"u"} if can_undo else set())
    box = item.question.minutes * 60

    def status(spent: float) -> list[str]:
        return [f"{clock(spent)} / {clock(box)}{' over' if spent > box else ''}", *hints]

    key, seconds = timed_answer(fd, status, keys)
    if key in ("s", "q", "u"):
        return key, seconds
    reveal(pack, item, note)
    return rating(fd, "quit"), seconds


def reveal(pack: Pack, item: Item, note: str | None) -> None:
    """What a coach would show after the answer: a section each, in order."""
    q = item.question
    look = [x for rid in q.rounds for x in pack.round(rid).look_for]
    render.bullets("What the interviewers look for", look)
    answer_guide(q)
    _note(note)


def _note(note: str | None) -> None:
    if note:
        render.heading("Your note")
        for line in note.splitlines():
            render.echo(f"  {line}")
        render.echo()


# --- A mock round ---------------------------------------------------------------------------


def take_mock(
    pack: Pack,
    plan: MockPlan,
    path: Path,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
) -> Session:
    """The mock at the terminal, then its summary."""
    session = run_mock(pack, plan, path, now, notes)
    mock_summary(pack, plan, session)
    return session


def run_mock(
    pack: Pack,
    plan: MockPlan,
    path: Path,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
) -> Session:
    """Introduce the round, ask its questions against the clock, then take the self-scores.
    Each step is saved when it happens; Ctrl-C stops and keeps them."""
    session = Session()
    mine = notes or {}
    with _stops(session), cbreak() as fd:
        _mock_intro(plan)
        prompt("space: start the clock · q: quit ")
        if wait_for(fd, DONE_KEYS | {"q"}) == "q":
            return session
        began = now()
        session.progress = store.update(path, partial(mock.start, plan=plan, now=began))
        session.started = True
        round_started = time.monotonic()

        def save(item: MockItem, answer: int, seconds: int) -> Progress:
            qid = item.question.id
            change = partial(
                mock.answer, at=began, question_id=qid, rating=answer, seconds=seconds, now=now()
            )
            saved = store.update(path, _carried(pack, change))
            name = RATING_NAMES[answer]
            render.echo(f"Saved: {name}.", style=render.STYLES[name])
            return saved

        def ask(n: int, item: MockItem, _: bool) -> Answer:
            return _mock_question(fd, plan, item, n, round_started, mine.get(item.question.id))

        _ask_each(
            session,
            plan.items,
            ask,
            save,
            lambda: time.monotonic() - round_started >= plan.minutes * 60,
        )
        scores = _self_scores(fd, plan.round)
        if scores is None:
            render.echo("Left unscored: the answers are saved.")
            return session
        session.scores = scores
        session.rejections = _rejections(fd, plan.round)
        done = partial(mock.finish, at=began, scores=session.scores, rejections=session.rejections)
        session.progress = store.update(path, done)
        session.finished = True
    return session


def _mock_intro(plan: MockPlan) -> None:
    r = plan.round
    n = len(plan.items)
    render.heading(f"Mock: {r.name}, {plan.minutes} min")
    render.echo(f"Interviewer: {r.interviewer}")
    render.echo(r.summary)
    render.echo()
    render.bullets("What they look for", r.look_for)
    render.bullets("What they score", r.criteria)
    each = "" if n == 1 else " each"
    render.echo(
        f"{plural(n, 'question')}, {clock(plan.seconds_each)}{each}. Answer aloud, "
        "as in the room, and press space when you are done."
    )


MOCK_KEYS = ["space: done", "s: skip", "q: end the round"]


def mock_status(plan: MockPlan, round_started: float) -> Callable[[float], list[str] | None]:
    """The live line of a mock answer; when the round's time is up it says so once and the
    clock stops there."""
    stopped = [False]

    def status(spent: float) -> list[str] | None:
        if stopped[0]:
            return None
        left = plan.minutes * 60 - (time.monotonic() - round_started)
        over = " over" if spent > plan.seconds_each else ""
        answer = f"answer {clock(spent)}/{clock(plan.seconds_each)}{over}"
        if left <= 0:
            stopped[0] = True
            return [f"{answer} · time is up", "space: done"]
        return [f"{answer} · round {clock(left)} left", *MOCK_KEYS]

    return status


def _mock_question(
    fd: int, plan: MockPlan, item: MockItem, n: int, round_started: float, note: str | None
) -> Answer:
    """Show the question, time the answer against the round, show the stories and points."""
    q = item.question
    state = "unseen" if item.recall is None else f"{item.kind}, recall now {item.recall:.0%}"
    render.echo()
    render.heading(f"[{n}/{len(plan.items)}] {plan.round.name}")
    render.echo(state, style=render.STYLES[item.kind])
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()
    key, seconds = timed_answer(fd, mock_status(plan, round_started))
    if key in ("s", "q"):
        return key, seconds
    box = q.minutes * 60
    over = f", {clock(seconds - box)} over" if seconds > box else ""
    render.echo(f"You took {clock(seconds)} of its {q.minutes}-minute time box{over}.")
    render.echo()
    mock_reveal(item, note)
    return rating(fd, "end"), seconds


def mock_reveal(item: MockItem, note: str | None) -> None:
    """After a mock answer: the candidate's stories for it, the points, their note."""
    q = item.question
    if item.stories:
        render.bullets("Your stories for it", [f"{s.id}: {s.title}" for s in item.stories])
    else:
        render.echo(f"No story answers it yet: emprep story link ID {q.id}")
        render.echo()
    answer_guide(q)
    _note(note)


def _self_scores(fd: int, r: Round) -> dict[str, int] | None:
    """A score 1-5 per criterion; Backspace (or b) goes back to correct the one before; q or
    Esc leaves the mock unscored (None); Enter without a score says what is needed."""
    render.echo()
    render.heading("Score yourself on what the interviewers score: 1 (poor) to 5 (strong)")
    render.echo("  Backspace or b: back to the one before · q or Esc: leave it unscored")
    scores: dict[str, int] = {}
    k = 0
    while k < len(r.criteria):
        prompt(f"  {r.criteria[k]} [1-5]: ")
        key = read_key(fd)
        while key not in {"1", "2", "3", "4", "5", "q", ESC, "\n", "\r", *BACK}:
            key = read_key(fd)
        if key in ("q", ESC):
            sys.stdout.write("\n")
            return None
        if key in ("\n", "\r"):
            sys.stdout.write("a score 1-5 is needed\n")
        elif key in BACK:
            k = max(0, k - 1)
            sys.stdout.write("back\n")
        else:
            sys.stdout.write(f"{key}\n")
            scores[r.criteria[k]] = int(key)
            k += 1
    return scores


def _rejections(fd: int, r: Round) -> list[str]:
    """Tick the reasons that applied: a number ticks or unticks, Enter (or q, Esc) is done;
    the one line redraws in place."""
    render.echo()
    render.heading("Common reasons for rejection: which applied to this mock?")
    for n, reason in enumerate(r.rejection_reasons, start=1):
        render.echo(f"  {n}. {reason}")
    ticked: list[int] = []
    keys = {str(n) for n in range(1, len(r.rejection_reasons) + 1)}
    line = LiveLine()
    while True:
        listed = ", ".join(str(n) for n in sorted(ticked)) or "none"
        line.draw([f"Ticked: {listed}", "a number ticks or unticks", "Enter: done"])
        key = read_key(fd)
        if key in ("\n", "\r", "q", ESC):
            sys.stdout.write("\n")
            return [r.rejection_reasons[n - 1] for n in sorted(ticked)]
        if key in keys:
            n = int(key)
            ticked = [x for x in ticked if x != n] if n in ticked else [*ticked, n]
