"""Keys at a terminal: one at a time without Enter, a running clock, a rating; a line typed at
a prompt, with the line editing a shell gives."""

from __future__ import annotations

import os
import select
import shutil
import sys
import termios
import tty
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager, suppress
from functools import cache

from emprep.ui import held

RATE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}
DONE_KEYS = {" ", "\n", "\r"}


class _CtrlC:
    """Ctrl-C in a session at the keys: it stops the session where the session waits for a
    key, the one moment nothing is half done. Pressed at any other moment (a rating being
    saved, a screen being drawn) it is kept until that wait: raised there, it lost the rating
    being saved, or stopped rich's console inside its own bookkeeping, after which the console
    held back everything printed (the "Stopped." summary too)."""

    def __init__(self) -> None:
        self.waiting = False
        self.pressed = 0  # the signal kept until the wait: SIGINT, or SIGTERM or SIGHUP

    def __call__(self, signum: int, _frame: object) -> None:
        _heard(signum)
        self.pressed = self.pressed or signum
        if self.waiting:
            self.take()

    def take(self) -> None:
        """Stop here if Ctrl-C (or SIGTERM, SIGHUP) came since the last wait."""
        import signal

        signum, self.pressed = self.pressed, 0
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        if signum:
            raise Signalled(signum)


_CTRL_C = _CtrlC()


def _heard(signum: int) -> None:
    """A hang-up is told to the output's way out: the terminal may be gone with it."""
    import signal

    from emprep.ui import pipes

    if signum == signal.SIGHUP:
        pipes.hung_up()


@contextmanager
def cbreak() -> Iterator[int]:
    """Keys arrive one at a time without Enter. Ctrl-Z stops it with the terminal as it was
    and its clock held, until `fg` (ui/held.py). Ctrl-C stops the session at a wait for a key,
    or, pressed after the last one, as the session ends (`_CtrlC`); so do SIGTERM and SIGHUP
    (a closed terminal window, `kill`), as `Signalled`. A signal emprep was started with
    ignored (`trap '' INT`, `nohup`) stays ignored."""
    import signal

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    _CTRL_C.pressed = 0
    taken = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGTSTP)
    before = {s: signal.getsignal(s) for s in taken}
    stop = held.on_stop(fd, saved, lambda: prompt(_SHOWN[0]))
    for s, handler in before.items():
        if handler is not signal.SIG_IGN:
            signal.signal(s, stop if s == signal.SIGTSTP else _CTRL_C)
    try:
        tty.setcbreak(fd)
        yield fd
    finally:
        with suppress(termios.error):  # after SIGHUP the terminal may be gone
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        for s, handler in before.items():
            signal.signal(s, handler)
    _CTRL_C.take()


LEFT = "\x1b[D"  # the left arrow key, as xterm and every terminal since sends it


def read_key(fd: int, tick: Callable[[], None] | None = None) -> str:
    """The next key pressed; `tick` runs about once a second while waiting. Ctrl-D is the end
    of input, as at a prompt. An arrow, a function key or Alt with a key comes whole (`LEFT`):
    its first byte alone would read as Esc, which leaves a mock's scores unscored. Esc is Esc
    alone."""
    while True:
        typed = _typed(fd)
        if typed is not None:
            data = typed.decode("utf-8", "replace")
            if not data or data[0] == "\x04":
                raise EOFError
            if data[0] == "\x1b" and len(data) > 1:
                return data
            return data[0].lower()
        if tick:
            tick()


def _typed(fd: int) -> bytes | None:
    """What is typed within a second, None if nothing is. The one place a session's Ctrl-C
    stops it: pressed since the last wait, or during this one."""
    _CTRL_C.take()
    _CTRL_C.waiting = True
    try:
        ready, _, _ = select.select([fd], [], [], 1.0)
        return os.read(fd, 32) if ready else None
    finally:
        _CTRL_C.waiting = False


class Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP taken as Ctrl-C is: the prompt's line editing puts the terminal back
    (bracketed paste off) and the caller says what it kept; the exit code is 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Signalled` where the program is, as SIGINT
    raises KeyboardInterrupt: without it they ended the process on the spot, unsaid, the
    terminal left marking pastes. One ignored when emprep started (`nohup emprep story add`)
    stays ignored: whoever started it asked for that."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        _heard(signum)
        raise Signalled(signum)

    taken = [
        s for s in (signal.SIGTERM, signal.SIGHUP) if signal.getsignal(s) is not signal.SIG_IGN
    ]
    saved = {s: signal.signal(s, stop) for s in taken}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def read_line(
    text: str, *, paste: bool = False, unfinished: Callable[[str], None] | None = None
) -> str:
    """A line typed after the prompt `text`. At a terminal the arrow keys, Home, End and
    Ctrl-A/E/U/W edit it and Up brings back an earlier answer (readline): without that an arrow
    key typed to fix a word puts its escape codes in the answer, which is refused, and the
    whole line has to be typed again. With `paste`, a paste the terminal marks (bracketed
    paste) comes whole, its line breaks inside the answer, for a prompt that takes several
    lines: a line at a time, a pasted blank line would end the answer and the rest of the
    paste would answer the prompts after it. A line cut short by Ctrl-C, SIGTERM or SIGHUP
    before Enter goes to `unfinished`, so that a caller keeping what was typed keeps it too."""
    editing = sys.stdin.isatty() and sys.stdout.isatty() and _line_editing()
    if editing:
        _bracketed_paste(paste)
    if not sys.stdin.isatty():
        return input(text)
    with _signals_seen():
        try:
            return input(text)
        except KeyboardInterrupt:  # Signalled too
            if editing and unfinished is not None:
                _hand_over(unfinished)
            raise


def _hand_over(unfinished: Callable[[str], None]) -> None:
    """The line readline held when the prompt was cut short, if any was typed."""
    import readline

    if line := readline.get_line_buffer().strip():
        unfinished(line)


TICK = 0.1  # seconds: how late at most a prompt acts on Ctrl-C, SIGTERM or SIGHUP


@contextmanager
def _signals_seen() -> Iterator[None]:
    """While a prompt waits, a tick every `TICK`. Python's line input looks for a signal only
    when its wait for a key is cut short by one; a signal that arrived while the prompt was
    being drawn, before that wait, went unseen until the next key was pressed: emprep sat at
    the prompt, its Ctrl-C or SIGTERM delivered and not acted on. The tick cuts the wait
    short, and the signal is acted on within it (the prompt's own writes are restarted)."""
    import signal

    before = signal.signal(signal.SIGALRM, _tick)
    signal.siginterrupt(signal.SIGALRM, False)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _tick(_signum: int, _frame: object) -> None:
    """Nothing to do: the tick's work is the wait it cuts short."""


def type_again() -> str:
    """What to say when a typed line is refused: with line editing, Up brings it back to be
    corrected rather than typed whole again."""
    editing = sys.stdin.isatty() and sys.stdout.isatty() and _line_editing()
    return "type it again (Up brings it back)" if editing else "type it again"


@cache
def _line_editing() -> bool:
    """readline for `input`, loaded once, where there is one (True)."""
    try:
        import readline  # noqa: F401  # loading it is what gives `input` line editing
    except ImportError:  # a Python built without it: plain input, no editing
        return False
    return True


def _bracketed_paste(on: bool) -> None:
    """GNU readline's bracketed paste on or off for the next line (libedit has none: there a
    paste comes a line at a time)."""
    import readline

    if "libedit" not in (readline.__doc__ or ""):
        readline.parse_and_bind(f"set enable-bracketed-paste {'on' if on else 'off'}")


def wait_for(fd: int, keys: Container[str], tick: Callable[[], None] | None = None) -> str:
    """The first key pressed that is one of `keys`; the line ends after it."""
    key = wait_for_key(fd, keys, tick)
    sys.stdout.write("\n")
    return key


def wait_for_key(fd: int, keys: Container[str], tick: Callable[[], None] | None = None) -> str:
    """The first key pressed that is one of `keys`."""
    key = read_key(fd, tick)
    while key not in keys:
        key = read_key(fd, tick)
    return key


_SHOWN = [""]  # the last line `prompt` wrote: drawn again after Ctrl-Z and `fg`


def prompt(text: str) -> None:
    """`text` at the start of the line, where the next key's echo goes."""
    _SHOWN[0] = text
    sys.stdout.write(text)
    sys.stdout.flush()


def columns() -> int:
    """The terminal's width now (it may have been resized since the last look)."""
    return shutil.get_terminal_size().columns


def fit(parts: list[str], room: int) -> str:
    """As many of `parts` as fit in `room` columns, joined by ' · ': the first (the clock)
    always, then the key hints in their order; where not all fit, the first hint (what to
    press) and the last (the way out) go ahead of those between them, so a narrow terminal
    still says how to quit."""
    line = parts[0][:room]
    hints = parts[1:]
    ahead = [*hints[:1], *hints[-1:], *hints[1:-1]] if len(hints) > 1 else hints
    kept: set[int] = set()
    used = len(line)
    for p in ahead:
        if used + 3 + len(p) <= room:
            kept.add(hints.index(p))
            used += 3 + len(p)
    return " · ".join([line, *(p for k, p in enumerate(hints) if k in kept)])


class LiveLine:
    """One line redrawn in place: it never reaches the last column (a terminal would wrap it,
    and every redraw would add a line), and each redraw covers what the last one left."""

    def __init__(self) -> None:
        self.shown = 0
        self.parts: list[str] = []

    def draw(self, parts: list[str]) -> None:
        self.parts = parts
        text = fit(parts, columns() - 4)
        prompt("\r  " + text.ljust(self.shown) + " ")
        self.shown = len(text)


def timed_answer(
    fd: int, status: Callable[[float], list[str] | None], keys: Container[str] | None = None
) -> tuple[str, int]:
    """Wait for the answer with a clock running: the key that ended it and the seconds taken.
    `status` turns the seconds so far into the parts of the live line under the question (the
    clock first, then key hints); None leaves the line as it is: the clock has stopped. Once
    a key ends it, the line keeps the clock alone: "space: reveal" beside what was revealed
    read as a key still to press."""
    started = held.running()
    line = LiveLine()

    def tick(hints: bool = True) -> None:
        parts = status(held.running() - started)
        if parts is not None:
            line.draw(parts if hints else parts[:1])

    tick()
    wanted = keys or DONE_KEYS | {"s", "q"}
    key = read_key(fd, tick)
    while key not in wanted:
        if key == "p" and paused(fd, line) == "q":
            key = "q"
            break
        tick()
        key = read_key(fd, tick)
    tick(hints=False)
    sys.stdout.write("\n")
    return key, int(held.running() - started)


GO_ON = "p or space: go on"


def paused(fd: int, line: LiveLine) -> str:
    """`p` pressed while an answer is timed: the clocks stand still and the line says so (the
    clock as it showed, how to go on, the way out) until `p` or space goes on, or `q`; then
    the line as it was (a clock stopped at the round's end draws no other)."""
    before = line.parts
    said = ["paused", GO_ON, *(p for p in before[-1:] if p.startswith("q:"))]
    timed = [[f"{clock} · paused", *said[1:]] for clock in before[:1]]
    line.draw([first_fit([*timed, said], columns() - 4, fallback=[said])])
    held.hold()
    try:
        return wait_for_key(fd, {"p", " ", "q"})
    finally:
        held.go_on()
        line.draw(before)


SCALE = "1 Again · 2 Hard · 3 Good · 4 Easy"
KEY_NAMES = {" ": "Space", "\r": "Enter", "\n": "Enter", "\t": "Tab"}


def rating(fd: int, q_means: str, *, can_undo: bool = False) -> str | int:
    """A rating 1-4, or `s` / `q`; `u` too where a rating can be taken back: the wrong key
    pressed on the last question is most often noticed while reading the next one's reveal.
    Another key redraws the line as a hint (a 5 from a 1-5 habit, say), the keys it takes."""
    keys = {*RATE_KEYS, "s", "q", *("u" if can_undo else "")}
    hints = ["s: skip", *(["u: undo last"] if can_undo else []), f"q: {q_means}"]
    line = rate_line(hints, columns() - 2)
    prompt(line + " ")
    key = read_key(fd)
    while key not in keys:
        hint = not_a_key(key, hints, columns() - 2)
        prompt("\r" + hint.ljust(len(line)) + " ")
        line = max(line, hint, key=len)
        key = read_key(fd)
    sys.stdout.write("\n")
    return key if key in ("s", "q", "u") else RATE_KEYS[key]


def rate_line(hints: list[str], room: int) -> str:
    """The rating prompt in `room` columns: the scale with its letters and every key; where
    that does not fit (80 columns with `u`), each rating's letter beside its number."""
    full = f"Rate: {SCALE} (a/h/g/e)"
    compact = "1/a Again · 2/h Hard · 3/g Good · 4/e Easy"
    return first_fit(
        [[full, *hints], [compact, *hints]],
        room,
        fallback=[[full, *hints], [compact, *hints], [SCALE, *hints]],
    )


def not_a_key(key: str, hints: list[str], room: int) -> str:
    """The line in place of the rating prompt after a key it does not take."""
    name = KEY_NAMES.get(key) or (f"'{key}'" if key.isprintable() and len(key) == 1 else "That")
    here = f"{name} is not a key here: {SCALE} (a/h/g/e)"
    short = [f"{name} is not a key: {SCALE}"]
    shortest = [f"{name} is not a key: 1-4 or a/h/g/e"]
    return first_fit([[here, *hints], [here, hints[-1]], short], room, fallback=[short, shortest])


def first_fit(lines: list[list[str]], room: int, *, fallback: list[list[str]]) -> str:
    """The first of `lines` (each a list of parts) whose parts all fit in `room` columns;
    where none does, the first of `fallback` whose first part fits, with the hints `fit`
    finds room for (the last, cut to the room, where none fits: a word is cut only then)."""
    for parts in lines:
        text = " · ".join(parts)
        if len(text) <= room:
            return text
    return fit(next((f for f in fallback if len(f[0]) <= room), fallback[-1]), room)
