"""The drill as a person takes it at a terminal: one question at a time, a running clock,
reveal, rate. Each rating is saved the moment it is given."""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from emprep import render, store
from emprep.models import Progress
from emprep.pack import Pack
from emprep.scheduler import RATING_NAMES, Drill, Item, due_date, record

RATE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}


@dataclass
class Session:
    rated: Counter[int] = field(default_factory=Counter)
    skipped: int = 0
    seconds: int = 0
    progress: Progress | None = None
    interrupted: bool = False


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
    render.bullets("A strong answer covers", q.points, numbered=True)


def _wait(fd: int, keys: set[str] | dict[str, int], tick: Callable[[], None] | None = None) -> str:
    key = read_key(fd, tick)
    while key not in keys:
        key = read_key(fd, tick)
    sys.stdout.write("\n")
    return key


def _ask(fd: int, pack: Pack, item: Item, n: int, total: int) -> tuple[str | int, int]:
    """`q`, `s` or the rating given, and the seconds the answer took before the reveal."""
    _show(pack, item, n, total)
    started = time.monotonic()

    def tick() -> None:
        elapsed = _clock(time.monotonic() - started)
        sys.stdout.write(f"\r  {elapsed}  space: reveal · s: skip · q: quit ")
        sys.stdout.flush()

    tick()
    key = _wait(fd, {" ", "\n", "\r", "s", "q"}, tick)
    seconds = int(time.monotonic() - started)
    if key in ("s", "q"):
        return key, seconds
    _reveal(pack, item)
    sys.stdout.write("Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: quit ")
    sys.stdout.flush()
    key = _wait(fd, {**RATE_KEYS, "s": 0, "q": 0})
    return (key if key in ("s", "q") else RATE_KEYS[key]), seconds


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
                session.progress = store.update(path, change)
                session.rated[answer] += 1
                session.seconds += seconds
                due = due_date(session.progress.cards[qid], now())
                render.echo(f"Saved: {RATING_NAMES[answer]}. Next review {due}.")
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")
    return session
