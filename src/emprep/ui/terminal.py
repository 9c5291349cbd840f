"""Keys at a terminal: one at a time without Enter, Ctrl-C and the signals that stop a session;
a line typed at a prompt, with the line editing a shell gives (the line under a question:
`answer_line`)."""

from __future__ import annotations

import os
import select
import sys
import termios
import tty
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager, suppress
from functools import cache

from emprep.ui import held, line_kept, pipes
from emprep.ui.text import BIDI, visible


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
    _AHEAD.clear()
    taken = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGTSTP)
    before = {s: signal.getsignal(s) for s in taken}
    stop = held.on_stop(fd, saved, lambda: prompt(_SHOWN[0], parked=_PARKED[0]), _unparked)
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
    of input, as at a prompt; the end of input of a terminal that hung up is the hang-up
    (`Signalled`), its SIGHUP ignored or not here yet. An arrow, a function key or Alt with a
    key comes whole (`LEFT`): its first byte alone would read as Esc, which stops a mock's
    scoring; its bytes split over two reads (a slow link) are joined, the rest waited for as
    readline waits for it (`KEYSEQ_TIMEOUT`): the Esc alone stopped the scoring, and the `[D`
    went to the shell. Esc is Esc alone. Several characters at once are a paste (`PASTE`), no
    key of them, and so is one a terminal marks as one (left on by another program); a key
    with Enter in one read (`3` then Enter on a slow link, a script's `3\\n`) is that key,
    and Enter then a key (typed fast on a slow link) are both, Enter first: the key was
    dropped, the question revealed and left unrated."""
    import signal

    while True:
        typed = _typed(fd)
        if typed is not None:
            data = typed.decode("utf-8", "replace")
            if not data and pipes.terminal_gone():
                raise Signalled(signal.SIGHUP)
            if not data or data[0] == "\x04":
                raise EOFError
            if data == "\x1b":
                data += _sequence_rest(fd)
            if data.startswith("\x1b[200~") or (data[0] != "\x1b" and len(data.strip("\r\n")) > 1):
                _rest_of(fd)
                return PASTE
            if data[0] == "\x1b" and len(data) > 1:
                return data
            if data[0] in "\r\n" and data.strip("\r\n"):
                _AHEAD.append(data.lstrip("\r\n").encode())  # the key, read next
            return _key(data[0])
        if tick:
            tick()


KEYSEQ_TIMEOUT = 0.5  # seconds: readline's keyseq-timeout, how long Esc waits for the rest


def _sequence_rest(fd: int) -> str:
    """What follows an Esc read alone, when it is the rest of an arrow's or a function key's
    sequence (`[` or `O` first); a key typed after Esc is left to be read next."""
    if not select.select([fd], [], [], KEYSEQ_TIMEOUT)[0]:
        return ""
    rest = os.read(fd, 32)
    if rest[:1] in (b"[", b"O"):
        return rest.decode("utf-8", "replace")
    _AHEAD.append(rest)
    return ""


def _key(c: str) -> str:
    """A key as the prompts take it, lower case: a digit in any script as the ASCII digit, as
    a count typed is read (an Arabic keyboard's 3, U+0663, a Japanese one's fullwidth 3: a
    rating, a score), and a fullwidth letter as its letter (fullwidth g: Good)."""
    if c.isdecimal():
        return str(int(c))
    import unicodedata

    folded = unicodedata.normalize("NFKC", c)
    return (folded if len(folded) == 1 and folded.isascii() and folded.isalpha() else c).lower()


_AHEAD: list[bytes] = []  # a key read with the Enter before it: the next key read


PASTE = "paste"  # several characters come at once: text pasted, no key pressed


def _rest_of(fd: int) -> None:
    """The rest of a paste read and let go: a person types a key at a time, and each of a
    paste's letters taken for a key rated a question (the h of "the", Hard) or ended the
    session (q). A paste comes in pieces as the terminal writes it: what follows within a
    moment is more of it."""
    while select.select([fd], [], [], 0.05)[0]:
        if not os.read(fd, 4096):
            return


def _typed(fd: int) -> bytes | None:
    """What is typed within a second, None if nothing is. The one place a session's Ctrl-C
    stops it: pressed since the last wait, or during this one. A key typed before a SIGTERM
    or SIGHUP was acted on (in the terminal's input, not read yet) is read first, and acted on
    (a rating saved), the session stopped at the next wait: it went to the shell unread, the
    rating lost. Ctrl-C empties the input itself, as the terminal does on it."""
    try:
        _CTRL_C.take()
        if _AHEAD:
            return _AHEAD.pop()
        _CTRL_C.waiting = True
        try:
            ready, _, _ = select.select([fd], [], [], 1.0)
        finally:
            _CTRL_C.waiting = False
        # a signal from here on waits for the next wait: the key read is acted on first
        return os.read(fd, 32) if ready else None
    except Signalled as e:
        typed = _AHEAD.pop() if _AHEAD else _waiting(fd)
        if not typed:
            raise
        _CTRL_C.pressed = e.code - 128  # the stop, at the next wait
        return typed


def _waiting(fd: int) -> bytes:
    """What is typed and not read yet, without waiting: b"" if nothing is, or if the terminal
    is gone."""
    try:
        return os.read(fd, 32) if select.select([fd], [], [], 0)[0] else b""
    except OSError:
        return b""


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


@contextmanager
def held_while_saving() -> Iterator[list[int]]:
    """While what was typed at the prompts is saved, Ctrl-C, SIGTERM and SIGHUP wait: the list
    yielded holds the first that came, for the caller to act on once the save is done. A
    Ctrl-C pressed just after the last Enter came in the save, which it cut short: the
    questions entered at `rounds log`'s prompts, and the first run's answers, were lost, the
    line saying only "emprep: interrupted". One ignored when emprep started stays ignored."""
    import signal

    came: list[int] = []

    def keep(signum: int, _frame: object) -> None:
        _heard(signum)
        came[:] = came or [signum]

    taken = [
        s
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        if signal.getsignal(s) is not signal.SIG_IGN
    ]
    saved = {s: signal.signal(s, keep) for s in taken}
    try:
        yield came
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def exit_code(signum: int) -> int:
    """The exit code of a run a signal stopped: 130 for Ctrl-C, else 128 + the signal."""
    return 128 + signum


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
    before Enter goes to `unfinished`, so that a caller keeping what was typed keeps it too.
    The end of input of a terminal that closed is the hang-up (`Signalled`), its SIGHUP ignored
    or not here yet, not Ctrl-D; the line cut short by it goes to `unfinished` too, though
    readline has emptied it by then (`line_kept`). The prompt is shown as a screen shows text
    (`visible`): it may quote a story's title."""
    import signal

    text = visible(text)
    if sys.stdout.isatty():
        text = fitted(text)
    editing = sys.stdin.isatty() and sys.stdout.isatty() and _line_editing()
    if editing:
        _bracketed_paste(paste)
    if not sys.stdin.isatty():
        return input(text)
    try:
        with _signals_seen(), line_kept.reading():
            try:
                return line_kept.as_typed(input(text)) if editing else input(text)
            except EOFError:
                if _closed():
                    raise Signalled(signal.SIGHUP) from None
                raise  # Ctrl-D
    except KeyboardInterrupt:  # Signalled too, the hang-up's above included
        if editing and unfinished is not None:
            _hand_over(unfinished)
        raise


def fitted(prompt: str) -> str:
    """A prompt that leaves no column for the answer, which cut it mid-word ("Your track
    (Enter: both tracks' question" / "s): " at 40 columns) or put the answer's first key
    at the start of the next line (a mock's "  System design and architecture [1-5]: ", 40
    cells, at 40 columns): its lines but the last printed as a screen's text is wrapped, at
    words and under its own indent; the last is the prompt the answer is typed after. Words
    joined by `wrap.GLUE` stay on one line (a criterion's last word and its `[1-5]:`)."""
    from rich.cells import cell_len

    from emprep.ui import render
    from emprep.ui.wrap import unglue

    text = prompt.rstrip()
    after = prompt[len(text) :]
    room = render.width() - 1 - cell_len(after)  # a column left for the answer's first key
    if cell_len(text) <= room:
        return unglue(prompt)
    indent = len(text) - len(text.lstrip(" "))
    *above, last = render.wrapped(text, hang=indent, room=room)
    for line in above:
        sys.stdout.write(unglue(line) + "\n")
    sys.stdout.flush()
    return unglue(last) + after


def _closed() -> bool:
    """Whether the end of input at a prompt is the terminal gone. Its SIGHUP, come meanwhile,
    may be acted on as this looks: that is the same answer."""
    try:
        return pipes.terminal_gone()
    except Signalled:
        return True


def _hand_over(unfinished: Callable[[str], None]) -> None:
    """The line readline held when the prompt was cut short, if any was typed, with the spaces
    that start it (a story's indented line is kept indented). A byte typed that is not UTF-8
    is kept as the sign of one (U+FFFD), the words around it as typed: as it came (a lone
    surrogate) it could be written to no draft, and the story's title typed with it was lost
    to an unexpected error, exit 1."""
    import readline

    if (line := line_kept.cut_short(readline.get_line_buffer())).strip():
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        unfinished(line.rstrip())


TICK = 0.1  # seconds: how late at most a prompt acts on Ctrl-C, SIGTERM or SIGHUP


@contextmanager
def _signals_seen() -> Iterator[None]:
    """While a prompt waits, a tick every `TICK`. Python's line input looks for a signal only
    when its wait for a key is cut short by one; a signal that arrived while the prompt was
    being drawn, before that wait, went unseen until the next key was pressed: emprep sat at
    the prompt, its Ctrl-C or SIGTERM delivered and not acted on. The tick cuts the wait
    short, and the signal is acted on within it (the prompt's own writes are restarted); so is
    one that came while a key was read (`line_kept.tick`)."""
    import signal

    before = signal.signal(signal.SIGALRM, line_kept.tick)
    signal.siginterrupt(signal.SIGALRM, False)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


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
    line_kept.watch()
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
_PARKED = [False]  # whether the cursor waits at its start (`prompt`'s `parked`)


def prompt(text: str, *, parked: bool = False) -> None:
    """`text` at the start of the line, where the next key's echo goes; the characters that
    reorder a line shown as escapes (a pack's criterion may hold one), the carriage returns
    that redraw the line kept. `parked`: the cursor then waits at the line's start, for a line
    redrawn in place (`answer_line.LiveLine`)."""
    text = text.translate(BIDI)
    _SHOWN[0], _PARKED[0] = text, parked
    sys.stdout.write(text + ("\r" if parked else ""))
    sys.stdout.flush()


def _unparked() -> None:
    """The cursor a space past the end of a parked line before Ctrl-Z stops the session: a
    shell that says the job stopped without a line break first (dash) wrote over the line."""
    if _PARKED[0]:
        sys.stdout.write(_SHOWN[0] + " ")
        sys.stdout.flush()
