"""The drill and the mock as a person takes them at a terminal: one question at a time, a
running clock, reveal, rate. Each answer is saved the moment it is given; Ctrl-C or `q` stops
and keeps them all."""

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
from emprep.ui.terminal import DONE_KEYS, cbreak, prompt, rating, read_key, timed_answer, wait_for
from emprep.ui.text import clock, plural

T = TypeVar("T")
Answer = tuple[str | int, int]  # `q`, `s` or the rating given; the seconds the answer took


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
    ask: Callable[[int, T], Answer],
    save: Callable[[T, int, int], Progress],
    time_up: Callable[[], bool] = lambda: False,
) -> None:
    """Ask every item until `q` or the time is up: a rating is saved at once, `s` skips."""
    for n, item in enumerate(items, start=1):
        answer, seconds = ask(n, item)
        if answer == "q":
            return
        if isinstance(answer, int):
            session.rate(answer, seconds, save(item, answer, seconds))
        else:
            session.skipped += 1
        if time_up() and n < len(items):
            render.echo("Time is up for the round.")
            return


# --- The drill ------------------------------------------------------------------------------


def take_drill(
    pack: Pack,
    progress: Progress,
    drill: Drill,
    path: Path,
    now: Callable[[], datetime],
    pace: Callable[[Progress, datetime], Advice | None] = lambda p, t: None,
) -> Session:
    """The day's drill at the terminal, then what was done, the reviews coming up and, when
    the count cannot make the loop ready, the pace that would (`pace`)."""
    if not drill.items:
        render.drill_list(pack, drill)
        return Session()
    session = run_drill(pack, drill, path, now)
    after = session.progress or progress
    later = now()
    render.drill_summary(session, forecast(after, later, pack.questions)[1:], pace(after, later))
    return session


def run_drill(pack: Pack, drill: Drill, path: Path, now: Callable[[], datetime]) -> Session:
    """Ask the drill's questions; Ctrl-C or `q` stops and keeps every rating given."""
    session = Session()

    def save(item: Item, answer: int, seconds: int) -> Progress:
        qid = item.question.id
        change = partial(record, question_id=qid, rating=answer, seconds=seconds, now=now())
        saved = store.update(path, change)
        due = due_date(saved.cards[qid], now())
        render.echo(f"Saved: {RATING_NAMES[answer]}. Next review {due}.")
        return saved

    with _stops(session), cbreak() as fd:
        total = len(drill.items)
        _ask_each(session, drill.items, lambda n, item: _ask(fd, pack, item, n, total), save)
    return session


def _show(pack: Pack, item: Item, n: int, total: int) -> None:
    q = item.question
    r = pack.round(q.rounds[0])
    state = "new" if item.kind == "new" else f"{item.kind}, recall {item.recall_now or 0:.0%}"
    render.echo()
    render.heading(f"[{n}/{total}] {' / '.join(pack.round(x).name for x in q.rounds)} ({state})")
    render.echo(
        f"Interviewer: {r.interviewer}" + (f" · tags: {', '.join(q.tags)}" if q.tags else "")
    )
    render.echo()
    render.echo(f"  {q.text}")
    render.echo()


def _ask(fd: int, pack: Pack, item: Item, n: int, total: int) -> Answer:
    """Show the question, time the answer, reveal what a strong one covers, take the rating."""
    _show(pack, item, n, total)
    key, seconds = timed_answer(
        fd, lambda spent: f"{clock(spent)}  space: reveal · s: skip · q: quit"
    )
    if key in ("s", "q"):
        return key, seconds
    q = item.question
    look = [x for rid in q.rounds for x in pack.round(rid).look_for]
    render.bullets("What the interviewers look for", look)
    render.bullets("A strong answer covers", q.points, numbered=True)
    return rating(fd, "quit"), seconds


# --- A mock round ---------------------------------------------------------------------------


def take_mock(pack: Pack, plan: MockPlan, path: Path, now: Callable[[], datetime]) -> Session:
    """The mock at the terminal, then its summary."""
    session = run_mock(pack, plan, path, now)
    render.mock_summary(pack, plan, session)
    return session


def run_mock(pack: Pack, plan: MockPlan, path: Path, now: Callable[[], datetime]) -> Session:
    """Introduce the round, ask its questions against the clock, then take the self-scores.
    Each step is saved when it happens; Ctrl-C stops and keeps them."""
    session = Session()
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
            saved = store.update(path, change)
            render.echo(f"Saved: {RATING_NAMES[answer]}.")
            return saved

        _ask_each(
            session,
            plan.items,
            lambda n, item: _mock_question(fd, plan, item, n, round_started),
            save,
            lambda: time.monotonic() - round_started >= plan.minutes * 60,
        )
        session.scores = _self_scores(fd, plan.round)
        session.rejections = _rejections(fd, plan.round)
        done = partial(mock.finish, at=began, scores=session.scores, rejections=session.rejections)
        session.progress = store.update(path, done)
        session.finished = True
    return session


def _mock_intro(plan: MockPlan) -> None:
    r = plan.round
    render.heading(f"Mock: {r.name}, {plan.minutes} min")
    render.echo(f"Interviewer: {r.interviewer}")
    render.echo(r.summary)
    render.echo()
    render.bullets("What they look for", r.look_for)
    render.bullets("What they score", r.criteria)
    render.echo(
        f"{plural(len(plan.items), 'question')}, {clock(plan.seconds_each)} each. Answer aloud, "
        "as in the room, and press space when you are done."
    )


def _mock_question(fd: int, plan: MockPlan, item: MockItem, n: int, round_started: float) -> Answer:
    """Show the question, time the answer against the round, show the stories and points."""
    q = item.question
    state = "unseen" if item.recall is None else f"{item.kind}, recall {item.recall:.0%}"
    render.echo()
    render.heading(f"[{n}/{len(plan.items)}] {plan.round.name} ({state})")
    render.echo()
    render.echo(f"  {q.text}")
    render.echo()

    def status(spent: float) -> str:
        over = ", over time" if spent > plan.seconds_each else ""
        left = plan.minutes * 60 - (time.monotonic() - round_started)
        whole = f"round {clock(left)} left" if left >= 0 else f"round over by {clock(-left)}"
        return (
            f"answer {clock(spent)} / {clock(plan.seconds_each)}{over} · {whole} · "
            "space: done · s: skip · q: end the round"
        )

    key, seconds = timed_answer(fd, status)
    if key in ("s", "q"):
        return key, seconds
    if item.stories:
        render.bullets("Your stories for it", [f"{s.id}: {s.title}" for s in item.stories])
    else:
        render.echo(f"No story answers it yet: emprep story link ID {q.id}")
        render.echo()
    render.bullets("A strong answer covers", q.points, numbered=True)
    return rating(fd, "end"), seconds


def _self_scores(fd: int, r: Round) -> dict[str, int]:
    render.echo()
    render.heading("Score yourself on what the interviewers score: 1 (poor) to 5 (strong)")
    scores = {}
    for c in r.criteria:
        prompt(f"  {c} [1-5]: ")
        key = read_key(fd)
        while key not in {"1", "2", "3", "4", "5"}:
            key = read_key(fd)
        sys.stdout.write(f"{key}\n")
        scores[c] = int(key)
    return scores


def _rejections(fd: int, r: Round) -> list[str]:
    render.echo()
    render.heading("Common reasons for rejection: which applied to this mock?")
    for n, reason in enumerate(r.rejection_reasons, start=1):
        render.echo(f"  {n}. {reason}")
    ticked: list[int] = []
    keys = {str(n) for n in range(1, len(r.rejection_reasons) + 1)}
    while True:
        listed = ", ".join(str(n) for n in sorted(ticked)) or "none"
        prompt(f"\r  Ticked: {listed} · a number ticks or unticks · Enter: done ")
        key = wait_for(fd, keys | {"\n", "\r"})
        if key in ("\n", "\r"):
            return [r.rejection_reasons[n - 1] for n in sorted(ticked)]
        n = int(key)
        ticked = [x for x in ticked if x != n] if n in ticked else [*ticked, n]
