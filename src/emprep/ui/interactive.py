"""The drill as a person takes it at a terminal: one question at a time, a running clock,
reveal, rate. Each rating is saved the moment it is given."""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path

from emprep.core import mock
from emprep.core.drill import Drill, Item
from emprep.core.errors import EmprepError
from emprep.core.mock import MockItem, MockPlan
from emprep.core.models import Progress, Round
from emprep.core.pack import Pack
from emprep.core.scheduler import RATING_NAMES, due_date, record
from emprep.core.session import Session
from emprep.core.stories import Draft
from emprep.storage import store
from emprep.ui import render

RATE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}


@contextmanager
def cbreak() -> Iterator[int]:
    """Keys arrive one at a time without Enter; Ctrl-C still interrupts."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield fd
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def read_key(fd: int, tick: Callable[[], None] | None = None) -> str:
    """The next key pressed; `tick` runs about once a second while waiting."""
    while True:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            data = os.read(fd, 32).decode("utf-8", "replace")
            if not data:
                raise EOFError
            return data[0].lower()
        if tick:
            tick()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


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


def _reveal(pack: Pack, item: Item) -> None:
    q = item.question
    look = [x for rid in q.rounds for x in pack.round(rid).look_for]
    render.bullets("What the interviewers look for", look)
    render.answer_guide(q)


def _wait(fd: int, keys: set[str] | dict[str, int], tick: Callable[[], None] | None = None) -> str:
    key = read_key(fd, tick)
    while key not in keys:
        key = read_key(fd, tick)
    sys.stdout.write("\n")
    return key


def _ask(fd: int, pack: Pack, item: Item, n: int, total: int) -> tuple[str | int, int]:
    """`q`, `s` or the rating given, and the seconds the answer took before the reveal."""
    _show(pack, item, n, total)
    box = item.question.minutes * 60

    def status(spent: float) -> str:
        over = " over" if spent > box else ""
        return f"{_clock(spent)} / {_clock(box)}{over}  space: reveal · s: skip · q: quit"

    key, seconds = _answer(fd, status)
    if key in ("s", "q"):
        return key, seconds
    _reveal(pack, item)
    return _rating(fd, "quit"), seconds


def _answer(fd: int, status: Callable[[float], str]) -> tuple[str, int]:
    """Wait for the answer with a clock running: the key that ended it and the seconds taken.
    `status` turns the seconds so far into the line shown under the question."""
    started = time.monotonic()

    def tick() -> None:
        sys.stdout.write(f"\r  {status(time.monotonic() - started)} ")
        sys.stdout.flush()

    tick()
    key = _wait(fd, {" ", "\n", "\r", "s", "q"}, tick)
    return key, int(time.monotonic() - started)


def _rating(fd: int, q_means: str) -> str | int:
    """A rating 1-4, or `s` / `q`."""
    sys.stdout.write(
        f"Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: {q_means} "
    )
    sys.stdout.flush()
    key = _wait(fd, {**RATE_KEYS, "s": 0, "q": 0})
    return key if key in ("s", "q") else RATE_KEYS[key]


def _carried(pack: Pack, change: Callable[[Progress], Progress]) -> Callable[[Progress], Progress]:
    """`change` applied after merged questions' reviews are carried to their heirs."""
    return lambda progress: change(pack.carry(progress))


def run(pack: Pack, drill: Drill, path: Path, now: Callable[[], datetime]) -> Session:
    """Ask the drill's questions; Ctrl-C or `q` stops and keeps every rating given."""
    session = Session()
    try:
        with cbreak() as fd:
            for n, item in enumerate(drill.items, start=1):
                answer, seconds = _ask(fd, pack, item, n, len(drill.items))
                if answer == "q":
                    break
                if answer == "s" or not isinstance(answer, int):
                    session.skipped += 1
                    continue
                qid = item.question.id
                change = partial(record, question_id=qid, rating=answer, seconds=seconds, now=now())
                saved = store.update(path, _carried(pack, change))
                session.rate(answer, seconds, saved)
                due = due_date(saved.cards[qid], now())
                render.echo(f"Saved: {RATING_NAMES[answer]}. Next review {due}.")
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")
    return session


# --- A STAR story, field by field -----------------------------------------------------------


def prompt_round_log(pack: Pack, r: Round, asked: list[str]) -> str:
    """Ask what the round asked, a question a line, then a note; `asked` grows as the person
    answers, so a caller interrupted by Ctrl-C still holds every question typed."""
    from emprep.core.rounds import asked_questions

    render.echo(f"What did the {r.name} ask? One question a line: its id (see emprep rounds")
    render.echo(f"{r.id}) or your own words. An empty line ends the list; Ctrl-C keeps it.")
    while line := input(f"Question {len(asked) + 1}: ").strip():
        try:
            ids, _ = asked_questions(pack, [line])
        except EmprepError as e:
            render.echo(f"  {e}")
            continue
        asked.append(line)
        render.echo(
            f"  {'from the bank: ' + pack.question(ids[0]).text if ids else 'in your words'}"
        )
    return input("A note on how it went (Enter for none): ").strip()


def prompt_story(pack: Pack, typed: dict[str, str], links: dict[str, list[str]]) -> Draft:
    """Ask for what `typed` and `links` lack, line by line; `typed` grows as the person
    answers, so a caller interrupted by Ctrl-C still holds everything typed."""
    from emprep.core.stories import FIELDS, HINTS, competency_ids, question_ids, split_words

    render.echo("A new STAR story. Ctrl-C keeps what you have typed as a draft.")
    for name in FIELDS:
        while not typed.get(name):
            typed[name] = input(f"{name.capitalize()} ({HINTS[name]}): ").strip()
            if not typed[name]:
                render.echo("  This one is needed.")
    if "competencies" not in links:
        render.echo("The loop's competencies:")
        for n, c in enumerate(pack.competencies, start=1):
            where = f" ({pack.round(c.round).name})" if c.round else ""
            render.echo(f"  {n:>2}. {c.name}{where}")

    def ask_ids(prompt: str, key: str, resolve: Callable[[list[str]], list[str]]) -> list[str]:
        if key in links:
            return links[key]
        while True:
            typed[key] = input(prompt).strip()
            try:
                return resolve(split_words(typed[key]))
            except EmprepError as e:
                render.echo(f"  {e}")

    def numbered(words: list[str]) -> list[str]:
        ids = [c.id for c in pack.competencies]
        return competency_ids(
            pack, (ids[int(w) - 1] if w.isdigit() and 0 < int(w) <= len(ids) else w for w in words)
        )

    comps = ask_ids(
        "Competencies it shows (numbers, ids or names, comma-separated; Enter for none): ",
        "competencies",
        numbered,
    )
    qs = ask_ids(
        "Questions it answers (ids, comma-separated; Enter for none): ",
        "questions",
        lambda words: question_ids(pack, words),
    )
    return Draft({k: typed[k] for k in FIELDS}, comps, qs)


# --- A mock round ---------------------------------------------------------------------------


def _mock_intro(plan: MockPlan) -> None:
    r = plan.round
    n = len(plan.items)
    render.heading(f"Mock: {r.name}, {plan.minutes} min")
    render.echo(f"Interviewer: {r.interviewer}")
    render.echo(r.summary)
    render.echo()
    render.bullets("What they look for", r.look_for)
    render.bullets("What they score", r.criteria)
    render.echo(
        f"{n} question{'' if n == 1 else 's'}, {_clock(plan.seconds_each)} each. Answer aloud, "
        "as in the room, and press space when you are done."
    )


def _mock_question(
    fd: int, plan: MockPlan, item: MockItem, n: int, round_started: float
) -> tuple[str | int, int]:
    """`q`, `s` or the rating given, and the seconds the answer took."""
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
        whole = f"round {_clock(left)} left" if left >= 0 else f"round over by {_clock(-left)}"
        return (
            f"answer {_clock(spent)} / {_clock(plan.seconds_each)}{over} · {whole} · "
            "space: done · s: skip · q: end the round"
        )

    key, seconds = _answer(fd, status)
    if key in ("s", "q"):
        return key, seconds
    if item.stories:
        render.bullets("Your stories for it", [f"{s.id}: {s.title}" for s in item.stories])
    else:
        render.echo(f"No story answers it yet: emprep story link ID {q.id}")
        render.echo()
    box = q.minutes * 60
    over = f", {_clock(seconds - box)} over" if seconds > box else ""
    render.echo(f"You took {_clock(seconds)} of a {q.minutes}-minute time box{over}.")
    render.echo()
    render.answer_guide(q)
    return _rating(fd, "end"), seconds


def _self_scores(fd: int, r: Round) -> dict[str, int]:
    render.echo()
    render.heading("Score yourself on what the interviewers score: 1 (poor) to 5 (strong)")
    scores = {}
    for c in r.criteria:
        sys.stdout.write(f"  {c} [1-5]: ")
        sys.stdout.flush()
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
        shown = ", ".join(str(n) for n in sorted(ticked)) or "none"
        sys.stdout.write(f"\r  Ticked: {shown} · a number ticks or unticks · Enter: done ")
        sys.stdout.flush()
        key = _wait(fd, keys | {"\n", "\r"})
        if key in ("\n", "\r"):
            return [r.rejection_reasons[n - 1] for n in sorted(ticked)]
        n = int(key)
        ticked = [x for x in ticked if x != n] if n in ticked else [*ticked, n]


def run_mock(pack: Pack, plan: MockPlan, path: Path, now: Callable[[], datetime]) -> Session:
    """Introduce the round, ask its questions against the clock, then take the self-scores.
    Each step is saved when it happens; Ctrl-C stops and keeps them."""
    session = Session()
    try:
        with cbreak() as fd:
            _mock_intro(plan)
            sys.stdout.write("space: start the clock · q: quit ")
            sys.stdout.flush()
            if _wait(fd, {" ", "\n", "\r", "q"}) == "q":
                return session
            began = now()
            session.progress = store.update(path, partial(mock.start, plan=plan, now=began))
            session.started = True
            round_started = time.monotonic()
            for n, item in enumerate(plan.items, start=1):
                answer, seconds = _mock_question(fd, plan, item, n, round_started)
                if answer == "q":
                    break
                if answer == "s" or not isinstance(answer, int):
                    session.skipped += 1
                else:
                    change = partial(
                        mock.answer,
                        at=began,
                        question_id=item.question.id,
                        rating=answer,
                        seconds=seconds,
                        now=now(),
                    )
                    session.rate(answer, seconds, store.update(path, _carried(pack, change)))
                    render.echo(f"Saved: {RATING_NAMES[answer]}.")
                if time.monotonic() - round_started >= plan.minutes * 60 and n < len(plan.items):
                    render.echo("Time is up for the round.")
                    break
            session.scores = _self_scores(fd, plan.round)
            session.rejections = _rejections(fd, plan.round)
            done = partial(
                mock.finish, at=began, scores=session.scores, rejections=session.rejections
            )
            session.progress = store.update(path, done)
            session.finished = True
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")
    return session
