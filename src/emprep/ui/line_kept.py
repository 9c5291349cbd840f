"""The line typed at a prompt, kept where readline loses it. A terminal that closes ends its
input, and readline empties the line on reading that end (its first byte overwritten) before
`input` raises EOFError: the words typed before Enter were gone by the time the hang-up was
known, whenever the terminal's read failed before its SIGHUP was acted on (SIGHUP ignored, or
passed on a moment later by the shell, or come while a key was read). GNU readline reads every
key through its `rl_getc_function`; here that read goes through `_getc`, which copies the line
at the end of input, before readline acts on it. It also copies the line as Enter is read:
readline empties its line once it is taken, and a signal acted on before `input` gave it back
took it from the caller.

Python runs inside that read, so a signal's handler may run there too; what it raises would
be printed as ignored and lost (a function readline calls cannot raise), emprep still waiting.
Ctrl-C, SIGTERM and SIGHUP that come then wait for the read to end (`reading`, `tick`).

A marked paste (bracketed paste) is read by readline to its closing mark, key after key, inside
one read: a paste that lost its end (a terminal writing 100 KB faster than it was read, under
load) left emprep waiting inside it, and Ctrl-C with it. While a paste is open and no key
comes, a signal waiting for the read ends the paste there (`_paste_cut`): readline is given the
closing mark, takes the words pasted so far as typed, and the signal is acted on.

Python's readline leaves signals to Python, Ctrl-Z too: the process stopped with the terminal
as readline had it, and `fg` gave it back as the shell had left it, a line at a time, so what
was typed after `fg` reached readline only with Enter, and a Ctrl-C before Enter lost it.
Ctrl-Z at a prompt now does what readline does when it takes signals itself (`_stopped`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from types import CodeType, FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes

Handler = Callable[[int, FrameType | None], object]

# Module-level state, not attributes: `tick` and the handlers run where another signal's
# exception may be pending (`input` looks for signals again after one stopped it), and a name
# looked up on an object that lacks it clears that exception (a plain KeyboardInterrupt came
# out instead of SIGHUP's); names in this module's globals are looked up without that.
_HELD: list[bytes] = []  # the line as the end of input found it, since the prompt began
_ENTERED: list[bytes] = []  # the line Enter ended, if Enter is the last key read
_TYPED = bytearray()  # every byte read since the prompt began (`as_typed`)
_ENTER = (10, 13)  # Ctrl-J and Ctrl-M, the keys that end a line
_WAITING: list[tuple[Handler, int]] = []  # a signal's handler that waits for a key's read
_READS: list[CodeType] = []  # the code of `_getc`: a frame of it is a key being read
_LIBRARY: list[ctypes.CDLL] = []  # GNU readline's, once watched
_PASTE_OPEN, _PASTE_CLOSE = b"\x1b[200~", b"\x1b[201~"  # the marks around a marked paste
_PASTING: list[bool] = []  # a marked paste is open: its opening mark read, its closing one not
_CLOSING = bytearray()  # the closing mark still to give readline, a paste cut short


@contextmanager
def reading() -> Iterator[None]:
    """A line read at a prompt: what the end of input finds, and the line Enter ends, are kept
    (`cut_short`), and Ctrl-C, SIGTERM or SIGHUP whose handler would run in a key's read waits
    until the read is over (`tick`, or the line's end, whichever is first)."""
    import signal

    _HELD.clear()
    _ENTERED.clear()
    _TYPED.clear()
    _WAITING.clear()
    _PASTING.clear()
    _CLOSING.clear()
    caught = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    handlers = {s: h for s in caught if callable(h := signal.getsignal(s))}
    if _LIBRARY and signal.getsignal(signal.SIGTSTP) is signal.SIG_DFL:
        handlers[signal.SIGTSTP] = _stopped
    for s, h in handlers.items():
        signal.signal(s, partial(_unless_reading, h))
    try:
        yield
    finally:
        for s, h in handlers.items():
            signal.signal(s, signal.SIG_DFL if h is _stopped else h)
        tick(0, None)


def cut_short(now: str) -> str:
    """The line of a prompt cut short, `now` being readline's line: the line as the end of input
    found it, if one came (readline has emptied it since); else `now`; else, if the last key
    read was Enter, the line it ended (a signal acted on as Enter was read, or as `input` gave
    the line back, takes it from the caller). Decoded as `input` decodes a line."""
    kept = _HELD or ([] if now else _ENTERED)
    return kept[0].decode(sys.stdin.encoding or "utf-8", "replace") if kept else now


def as_typed(line: str) -> str:
    """The answer typed, where GNU readline's `line` is not it. In a UTF-8 locale readline
    drops a byte that starts a character when the next byte does not go on with it, and puts
    it in the next line typed with a character that is not ASCII: `café` typed in a Latin-1
    terminal came back `caf` without a word, and `café` typed again came back with the lost
    byte in it. Keys typed that are not UTF-8 give the keys, if they only type (no editing
    key, no Tab; a marked paste's line breaks as readline gives them), a byte that is not UTF-8
    as a lone surrogate, as `input` gives it, which the answer's check refuses with the byte
    named; else `line` with that byte after it. Keys that are UTF-8 give `line` without a byte
    they did not type."""
    import codecs

    if not _READS or codecs.lookup(sys.stdin.encoding or "ascii").name != "utf-8":
        return line
    typed = bytes(_TYPED).replace(b"\x1b[200~", b"").replace(b"\x1b[201~", b"").rstrip(b"\r\n")
    only_typed = all((b >= 0x20 and b != 0x7F) or b in b"\r\n" for b in typed)
    if only_typed and (ends := _line_ends(typed)) is not None:
        return ends.replace(b"\r", b"\n").decode("utf-8", "surrogateescape")
    try:
        typed.decode("utf-8")
    except UnicodeDecodeError as e:
        if only_typed:
            return typed.replace(b"\r", b"\n").decode("utf-8", "surrogateescape")
        return line + typed[e.start : e.end].decode("utf-8", "surrogateescape")
    return "".join(c for c in line if not "\ud800" <= c <= "\udfff")


def _line_ends(typed: bytes) -> bytes | None:
    """A paste's line ends, one break each, where readline made two of a text written with CR
    LF (Windows'): a terminal that passes them as they are sends CR LF, one break; tmux and
    xterm make each LF a CR, so CR LF comes as two CRs, as a blank line of a text of LF does.
    Two CRs are one break, then, when every run of CRs is of an even length and one is of
    four or more (a paragraph's end in CR LF): a text of LF with a line break anywhere has a
    run of one, and one whose breaks are all blank lines keeps them (runs of two). None when
    no line end is changed."""
    import re

    if b"\r\n" in typed:
        return typed.replace(b"\r\n", b"\n")
    runs = [len(r) for r in re.findall(rb"\r+", typed)]
    if runs and all(n % 2 == 0 for n in runs) and max(runs) >= 4:
        return re.sub(rb"\r+", lambda m: b"\n" * (len(m.group()) // 2), typed)
    return None


def tick(_signum: int, frame: FrameType | None) -> None:
    """The handler of a signal that came in a key's read runs once that read is over (`frame`,
    where the program is, is not in it). Nothing else is looked up here (see `_HELD`)."""
    if _WAITING and not _reading_key(frame):
        handler, signum = _WAITING.pop()
        handler(signum, frame)


def _stopped(signum: int, _frame: FrameType | None) -> None:
    """Ctrl-Z at a prompt: the terminal as it was before the prompt (bracketed paste off),
    stopped until `fg`, then the terminal as readline has it and the prompt with the line
    typed so far drawn again (the shell wrote over it), as readline's own handler does. The
    terminal is set back as it was before readline takes it again: readline takes the state
    it finds for the one to give back, and continued in the background (`bg`), it found the
    shell's own, no echo, until `fg`; setting it stops emprep there (SIGTTOU) until then.
    Before readline has the terminal (the prompt about to be drawn) or after (the line ended),
    a plain stop: taking it then would leave it readline's, no echo, past the prompt. A Ctrl-Z
    acted on once the terminal is gone (typed with the last words, the window then closed: it
    waits for the key's read, `reading`) stops nothing: it failed on the terminal, exit 1, and
    what was typed went with it."""
    import ctypes
    import os
    import signal
    import termios
    from contextlib import suppress

    fd = sys.stdin.fileno()
    try:
        termios.tcgetattr(fd)
    except termios.error:  # the terminal hung up since: no stop, its hang-up is acted on
        return
    library = _LIBRARY[0]
    prepped = ctypes.c_ulong.in_dll(library, "rl_readline_state").value & _TERM_PREPPED
    if prepped:
        library.rl_cleanup_after_signal()
    before = None
    if prepped:
        with suppress(termios.error):
            before = termios.tcgetattr(fd)
    handler = signal.signal(signum, signal.SIG_DFL)
    try:
        os.kill(os.getpid(), signum)  # stopped here until `fg`
    finally:
        signal.signal(signum, handler)
        if before is not None:
            with suppress(termios.error):  # a terminal gone with a hang-up
                termios.tcsetattr(fd, termios.TCSADRAIN, before)
            library.rl_reset_after_signal()
            library.rl_forced_update_display()


_TERM_PREPPED = 0x4  # RL_STATE_TERMPREPPED: readline has the terminal (readline.h)


def _unless_reading(handler: Handler, signum: int, frame: FrameType | None) -> None:
    """`handler` run now, or, when the signal came inside a key's read, kept (the first
    such) for `tick` or the line's end to run once that read is over (see `reading`)."""
    if _reading_key(frame):
        _WAITING[:] = _WAITING or [(handler, signum)]
    else:
        handler(signum, frame)


def _reading_key(frame: FrameType | None) -> bool:
    """`frame` or one of its callers is `_getc`: a key is being read."""
    while frame is not None:
        if frame.f_code in _READS:
            return True
        frame = frame.f_back
    return False


@cache
def watch() -> bool:
    """GNU readline's reads go through `_getc` from now on (True); False where the readline is
    another (libedit) or does not show its variables."""
    import ctypes
    import readline

    if "libedit" in (readline.__doc__ or ""):
        return False
    try:
        library = ctypes.CDLL(getattr(readline, "__file__", None))
        reads = ctypes.c_void_p.in_dll(library, "rl_getc_function")
        buffer = ctypes.c_void_p.in_dll(library, "rl_line_buffer")
        end = ctypes.c_int.in_dll(library, "rl_end")
    except (OSError, ValueError):  # no such library, or no such variable in it
        return False
    if not reads.value:
        return False
    getc = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)  # int (*)(FILE *)
    read = getc(reads.value)

    def _getc(stream: int | None) -> int:
        if _PASTING and not _CLOSING and _paste_cut():
            _CLOSING.extend(_PASTE_CLOSE)
        key = _CLOSING.pop(0) if _CLOSING else read(stream)
        if 0 <= key < 256:
            _TYPED.append(key)
            if _TYPED.endswith(_PASTE_OPEN):
                _PASTING[:] = [True]
            elif _TYPED.endswith(_PASTE_CLOSE):
                _PASTING.clear()
        if key < 0 and not _HELD and buffer.value:  # EOF, or a failed read
            _HELD.append(ctypes.string_at(buffer.value, end.value))
        if key in _ENTER and buffer.value:  # at Enter alone: a paste's keys are many
            _ENTERED[:] = [ctypes.string_at(buffer.value, end.value)]
        else:
            _ENTERED.clear()
        return int(key)

    _LIBRARY.append(library)
    _READS.append(_getc.__code__)
    _KEPT.append(callback := getc(_getc))
    reads.value = ctypes.cast(callback, ctypes.c_void_p).value
    return True


def _paste_cut() -> bool:
    """Whether the open paste ends here: no key has come and a signal waits for the read (see
    the module's note). The wait is Python's, not readline's: readline's own read goes back to
    waiting when a signal cuts it short, and a signal's handler runs only between reads."""
    import select

    fd = sys.stdin.fileno()
    while not _WAITING:
        if select.select([fd], [], [], _POLL)[0]:
            return False
    return True


_POLL = 0.05  # seconds: how often an open paste with no key coming looks for a waiting signal

_KEPT: list[object] = []  # the function readline calls, alive while readline may call it
