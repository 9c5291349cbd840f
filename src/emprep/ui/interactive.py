"""The session loop of the drill and the mock at a terminal: one question at a time, each
answer saved the moment it is given; Ctrl-C or `q` stops and keeps them all; `u` in the drill
takes the last rating back. The sessions themselves: ui/drill_session.py, ui/mock_session.py."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from emprep.core.models import Progress, Question
from emprep.core.pack import Pack
from emprep.core.session import Session
from emprep.ui import render

T = TypeVar("T")
Answer = tuple[str | int, int]  # `q`, `s`, `u` or the rating given; the seconds the answer took


@contextmanager
def stops(session: Session) -> Iterator[None]:
    """Ctrl-C (or the end of input) ends the session; what was saved stays saved."""
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        session.interrupted = True
        sys.stdout.write("\n")


def ask_each(
    session: Session,
    items: list[T],
    ask: Callable[[int, T, bool], Answer],
    *,
    save: Callable[[T, int, int], Progress],
    time_up: Callable[[], bool] = lambda: False,
    take_back: Callable[[T, int, int], Progress] | None = None,
    skipped: str = "Skipped: not rated.",
) -> None:
    """Ask every item until `q` or the time is up: a rating is saved at once, `s` skips (and
    says `skipped`), and `u` (when `take_back` is given) undoes the last rating and asks that
    item again."""
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
            render.echo(skipped)
        i += 1
        if time_up() and i < len(items):
            render.echo("Time is up for the round.")
            return


def carried(pack: Pack, change: Callable[[Progress], Progress]) -> Callable[[Progress], Progress]:
    """`change` applied after merged questions' reviews are carried to their heirs."""
    return lambda progress: change(pack.carry(progress))


def outline_and_note(q: Question, note: str | None) -> None:
    """The pack's answer outline, then the candidate's own note (`emprep note`) beside it."""
    from emprep.ui.screens.questions import answer_outline

    answer_outline(q)
    show_note(note)


def show_note(note: str | None) -> None:
    if note:
        render.heading("Your note")
        for line in note.splitlines():
            render.echo(f"  {line}")
        render.echo()
