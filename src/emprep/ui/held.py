"""The clock of a session at the keys: it stands still while the session is paused (`p`) or
stopped (Ctrl-Z until `fg`), so that neither the round's time left nor an answer's seconds
count a doorbell. A stop puts the terminal back as the shell had it, and cbreak again after."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any


class _Held:
    """The seconds the clock has stood still, and since when it stands, if it does."""

    def __init__(self) -> None:
        self.total = 0.0
        self.since: float | None = None


_HELD = _Held()


def running() -> float:
    """Seconds on a clock that stands still while held: differences between two readings are
    the time the session ran."""
    since = _HELD.since
    return (time.monotonic() if since is None else since) - _HELD.total


def hold() -> bool:
    """Stop the clock; False if it was already held (a Ctrl-Z while paused)."""
    if _HELD.since is not None:
        return False
    _HELD.since = time.monotonic()
    return True


def go_on() -> None:
    """Start the clock again where it stood."""
    if _HELD.since is not None:
        _HELD.total += time.monotonic() - _HELD.since
        _HELD.since = None


def on_stop(
    fd: int, saved: list[Any], again: Callable[[], None], leaving: Callable[[], None]
) -> Callable[[int, object], None]:
    """The SIGTSTP handler of a session in cbreak on `fd`: `leaving` readies the line for the
    shell's word, the terminal as it was (`saved`) and the clock held while stopped; once
    continued, cbreak again, the clock going on, and `again` redraws the line that waits for a
    key (the shell wrote over it)."""
    import os
    import signal
    import termios
    import tty

    def stop(signum: int, _frame: object) -> None:
        held = hold()
        with suppress(OSError):  # a terminal gone with a hang-up
            leaving()
        with suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)  # stopped here until `fg`
        finally:
            signal.signal(signal.SIGTSTP, stop)
            with suppress(termios.error):
                tty.setcbreak(fd)
            if held:
                go_on()
        again()

    return stop
