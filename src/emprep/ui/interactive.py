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
from emprep.core.models import Round
from emprep.core.pack import Pack
from emprep.core.scheduler import RATING_NAMES, due_date, record
from emprep.core.session import Session
from emprep.core.stories import Draft
from emprep.storage import store
from emprep.ui import render
from emprep.ui.words import plural

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
    s = int(max(0, seconds))
    return f"{s // 60}:{s % 60:02d}"


def fit(parts: list[str], room: int) -> str:
    """As many of `parts` as fit in `room` columns, joined by ' · ': the first (the clock)
    always, the key hints after it as room allows."""
    line = parts[0][:room]
    for p in parts[1:]:
        if len(line) + 3 + len(p) > room:
            break
        line += " · " + p
    return line


def live(text: str, shown: list[int]) -> None:
    """Redraw the live line in place: it never reaches the last column (a terminal would wrap
    it and every redraw would add a line), and it covers what the last one left."""
    sys.stdout.write("\r  " + text.ljust(shown[0]) + " ")
    shown[0] = len(text)
    sys.stdout.flush()


def _show(pack: Pack, item: Item, n: int, total: int, note: str | None) -> None:
    q = item.question
    r = pack.round(q.rounds[0])
    render.echo()
    render.heading(f"[{n}/{total}] {' / '.join(pack.round(x).name for x in q.rounds)}")
    render.echo(_state(item), style=render.STYLES[item.kind])
    render.echo(
        f"Interviewer: {r.interviewer}" + (f" · tags: {', '.join(q.tags)}" if q.tags else "")
    )
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()


def _state(item: Item) -> str:
    """Why the question is here, and both recalls named apart: now, and on interview day."""
    if item.kind == "new":
        return "new: first time"
    now = f"recall now {item.recall_now or 0:.0%}"
    later = (
        f", at interview {item.recall_interview:.0%}" if item.recall_interview is not None else ""
    )
    return f"{item.kind}: {now}{later}"


def _reveal(pack: Pack, item: Item, note: str | None) -> None:
    """What a coach would show after the answer; one section per part, easy to add to."""
    q = item.question
    look = [x for rid in q.rounds for x in pack.round(rid).look_for]
    render.bullets("What the interviewers look for", look)
    render.bullets("A strong answer covers", q.points, numbered=True)
    _note(note, q.id)


def _note(note: str | None, qid: str) -> None:
    if note:
        render.heading("Your note")
        for line in note.splitlines():
            render.echo(f"  {line}")
        render.echo()


def _wait(fd: int, keys: set[str] | dict[str, int], tick: Callable[[], None] | None = None) -> str:
    key = read_key(fd, tick)
    while key not in keys:
        key = read_key(fd, tick)
    sys.stdout.write("\n")
    return key


DRILL_KEYS = ["space: reveal", "s: skip", "u: undo last", "q: quit"]


def _ask(
    fd: int, pack: Pack, item: Item, place: tuple[int, int], undo: bool, note: str | None
) -> tuple[str | int, int]:
    """`q`, `s`, `u` or the rating given, and the seconds the answer took before the reveal."""
    _show(pack, item, *place, note)
    hints = [k for k in DRILL_KEYS if undo or not k.startswith("u:")]
    keys = {" ", "\n", "\r", "s", "q"} | ({"u"} if undo else set())
    key, seconds = _answer(fd, lambda spent: [_clock(spent), *hints], keys)
    if key in ("s", "q", "u"):
        return key, seconds
    _reveal(pack, item, note)
    return _rating(fd, "quit"), seconds


def _answer(
    fd: int, status: Callable[[float], list[str] | None], keys: set[str] | None = None
) -> tuple[str, int]:
    """Wait for the answer with a clock running: the key that ended it and the seconds taken.
    `status` turns the seconds so far into the parts of the live line under the question;
    None leaves the line as it is (the clock has stopped)."""
    started = time.monotonic()
    shown = [0]

    def tick() -> None:
        parts = status(time.monotonic() - started)
        if parts is not None:
            live(fit(parts, render.width() - 4), shown)

    tick()
    key = _wait(fd, keys or {" ", "\n", "\r", "s", "q"}, tick)
    return key, int(time.monotonic() - started)


def _rating(fd: int, q_means: str) -> str | int:
    """A rating 1-4, or `s` / `q`."""
    line = fit(
        ["Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e)", "s: skip", f"q: {q_means}"],
        render.width() - 2,
    )
    sys.stdout.write(line + " ")
    sys.stdout.flush()
    key = _wait(fd, {**RATE_KEYS, "s": 0, "q": 0})
    return key if key in ("s", "q") else RATE_KEYS[key]


def run(
    pack: Pack,
    drill: Drill,
    path: Path,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
) -> Session:
    """Ask the drill's questions; Ctrl-C or `q` stops and keeps every rating given; `u` takes
    the last rating back and asks that question again."""
    session = Session()
    given: list[tuple[int, int, int]] = []  # (item, rating, seconds) of each rating, for `u`
    i = 0
    try:
        with cbreak() as fd:
            while i < len(drill.items):
                item = drill.items[i]
                note = (notes or {}).get(item.question.id)
                place = (i + 1, len(drill.items))
                answer, seconds = _ask(fd, pack, item, place, bool(given), note)
                if answer == "q":
                    break
                if answer == "u":
                    i = _take_back(session, drill, given, path)
                    continue
                i += 1
                if answer == "s" or not isinstance(answer, int):
                    session.skipped += 1
                    render.echo("Skipped: it stays for another day.")
                    continue
                qid = item.question.id
                change = partial(record, question_id=qid, rating=answer, seconds=seconds, now=now())
                saved = store.update(path, change)
                session.rate(answer, seconds, saved)
                given.append((i - 1, answer, seconds))
                due = due_date(saved.cards[qid], now())
                name = RATING_NAMES[answer]
                render.echo(f"Saved: {name}. Next review {due}.", style=render.STYLES[name])
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")
    return session


def _take_back(
    session: Session, drill: Drill, given: list[tuple[int, int, int]], path: Path
) -> int:
    """Undo the session's last rating (the card rebuilt from its log); the item to ask next."""
    from emprep.core.undo import undo

    k, rating, seconds = given.pop()
    qid = drill.items[k].question.id
    session.unrate(rating, seconds, store.update(path, partial(undo, question_id=qid)))
    render.echo(f"Undone: {qid} ({RATING_NAMES[rating]}). It is asked again.")
    return k


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
    each = "" if n == 1 else " each"
    render.echo(
        f"{plural(n, 'question')}, {_clock(plan.seconds_each)}{each}. Answer aloud, "
        "as in the room, and press space when you are done."
    )


MOCK_KEYS = ["space: done", "s: skip", "q: end the round"]


def _mock_status(plan: MockPlan, round_started: float) -> Callable[[float], list[str] | None]:
    """The live line of a mock answer; when the round's time is up it says so once and the
    clock stops there."""
    stopped = [False]

    def status(spent: float) -> list[str] | None:
        if stopped[0]:
            return None
        left = plan.minutes * 60 - (time.monotonic() - round_started)
        over = " over" if spent > plan.seconds_each else ""
        answer = f"answer {_clock(spent)}/{_clock(plan.seconds_each)}{over}"
        if left <= 0:
            stopped[0] = True
            return [f"{answer} · time is up", "space: done"]
        return [f"{answer} · round {_clock(left)} left", *MOCK_KEYS]

    return status


def _mock_question(
    fd: int, plan: MockPlan, item: MockItem, n: int, round_started: float, note: str | None
) -> tuple[str | int, int]:
    """`q`, `s` or the rating given, and the seconds the answer took."""
    q = item.question
    state = "unseen" if item.recall is None else f"{item.kind}, recall now {item.recall:.0%}"
    render.echo()
    render.heading(f"[{n}/{len(plan.items)}] {plan.round.name}")
    render.echo(state, style=render.STYLES[item.kind])
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()
    key, seconds = _answer(fd, _mock_status(plan, round_started))
    if key in ("s", "q"):
        return key, seconds
    _mock_reveal(item, note)
    return _rating(fd, "end"), seconds


def _mock_reveal(item: MockItem, note: str | None) -> None:
    q = item.question
    if item.stories:
        render.bullets("Your stories for it", [f"{s.id}: {s.title}" for s in item.stories])
    else:
        render.echo(f"No story answers it yet: emprep story link ID {q.id}")
        render.echo()
    render.bullets("A strong answer covers", q.points, numbered=True)
    _note(note, q.id)


ESC = "\x1b"
BACK = {"\x7f", "\x08", "b"}


def _self_scores(fd: int, r: Round) -> dict[str, int] | None:
    """A score 1-5 per criterion; Backspace (or b) goes back to correct one; q or Esc leaves
    the mock unscored (None). Enter without a score says what is needed."""
    render.echo()
    render.heading("Score yourself on what the interviewers score: 1 (poor) to 5 (strong)")
    render.echo("  Backspace or b: back to the one before · q or Esc: leave unscored")
    scores: dict[str, int] = {}
    k = 0
    while k < len(r.criteria):
        c = r.criteria[k]
        sys.stdout.write(f"  {c} [1-5]: ")
        sys.stdout.flush()
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
            scores[c] = int(key)
            k += 1
    return scores


def _rejections(fd: int, r: Round) -> list[str]:
    """Tick the reasons that applied: a number ticks or unticks, Enter, q or Esc is done; the
    one line redraws in place."""
    render.echo()
    render.heading("Common reasons for rejection: which applied to this mock?")
    for n, reason in enumerate(r.rejection_reasons, start=1):
        render.echo(f"  {n}. {reason}")
    ticked: list[int] = []
    keys = {str(n) for n in range(1, len(r.rejection_reasons) + 1)}
    shown = [0]
    while True:
        which = ", ".join(str(n) for n in sorted(ticked)) or "none"
        parts = [f"Ticked: {which}", "a number ticks or unticks", "Enter: done"]
        live(fit(parts, render.width() - 4), shown)
        key = read_key(fd)
        if key in ("\n", "\r", "q", ESC):
            sys.stdout.write("\n")
            return [r.rejection_reasons[n - 1] for n in sorted(ticked)]
        if key in keys:
            n = int(key)
            ticked = [x for x in ticked if x != n] if n in ticked else [*ticked, n]


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
            _mock_questions(fd, plan, session, path, (now, began), notes or {})
            scores = _self_scores(fd, plan.round)
            if scores is None:
                render.echo("Left unscored: the answers are saved.")
                return session
            session.scores = scores
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


def _mock_questions(
    fd: int,
    plan: MockPlan,
    session: Session,
    path: Path,
    clock: tuple[Callable[[], datetime], datetime],
    notes: dict[str, str],
) -> None:
    now, began = clock
    round_started = time.monotonic()
    for n, item in enumerate(plan.items, start=1):
        note = notes.get(item.question.id)
        answer, seconds = _mock_question(fd, plan, item, n, round_started, note)
        if answer == "q":
            break
        if answer == "s" or not isinstance(answer, int):
            session.skipped += 1
            render.echo("Skipped.")
        else:
            change = partial(
                mock.answer,
                at=began,
                question_id=item.question.id,
                rating=answer,
                seconds=seconds,
                now=now(),
            )
            session.rate(answer, seconds, store.update(path, change))
            name = RATING_NAMES[answer]
            render.echo(f"Saved: {name}.", style=render.STYLES[name])
        if time.monotonic() - round_started >= plan.minutes * 60:
            if n < len(plan.items):
                render.echo("Time is up for the round.")
            break
