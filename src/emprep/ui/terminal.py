"""Keys at a terminal: one at a time without Enter, a running clock, a rating."""

from __future__ import annotations

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager

RATE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}
DONE_KEYS = {" ", "\n", "\r"}


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


def wait_for(fd: int, keys: Container[str], tick: Callable[[], None] | None = None) -> str:
    """The first key pressed that is one of `keys`; the line ends after it."""
    key = read_key(fd, tick)
    while key not in keys:
        key = read_key(fd, tick)
    sys.stdout.write("\n")
    return key


def prompt(text: str) -> None:
    """`text` at the start of the line, where the next key's echo goes."""
    sys.stdout.write(text)
    sys.stdout.flush()


def timed_answer(fd: int, status: Callable[[float], str]) -> tuple[str, int]:
    """Wait for the answer with a clock running: the key that ended it and the seconds taken.
    `status` turns the seconds so far into the line shown under the question."""
    started = time.monotonic()

    def tick() -> None:
        prompt(f"\r  {status(time.monotonic() - started)} ")

    tick()
    key = wait_for(fd, DONE_KEYS | {"s", "q"}, tick)
    return key, int(time.monotonic() - started)


def rating(fd: int, q_means: str) -> str | int:
    """A rating 1-4, or `s` / `q`."""
    prompt(f"Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: {q_means} ")
    key = wait_for(fd, {*RATE_KEYS, "s", "q"})
    return key if key in ("s", "q") else RATE_KEYS[key]
