"""The line under a question: the answer's running clock (`p` pauses it), then the rating;
each fitted to the terminal's width as it is now, the way out always said."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Container
from functools import partial

from emprep.ui import held
from emprep.ui.terminal import PASTE, prompt, read_key, wait_for_key

RATE_KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}
DONE_KEYS = {" ", "\n", "\r"}


def columns() -> int:
    """The terminal's width now (it may have been resized since the last look)."""
    return shutil.get_terminal_size().columns


def fit(parts: list[str], room: int, *, keys_first: bool = False) -> str:
    """As many of `parts` as fit in `room` columns, joined by ' · ': the first (the clock)
    always, then the key hints in their order; where not all fit, the first hint (what to
    press) and the last (the way out) go ahead of those between them, so a narrow terminal
    still says how to quit, and one between is said only beside both (a mock's line at 64
    columns said "s: skip" and not how to end the round). `keys_first`: where the clock
    leaves no room for both of those, the hints go without it (at 30 columns the drill's line
    said "q: quit" and not how to reveal)."""
    if keys_first and len(parts) > 2 and len(" · ".join([parts[0], parts[1], parts[-1]])) > room:
        return fit([parts[1], parts[-1]], room)
    line = parts[0][:room]
    hints = parts[1:]
    ends = {0, len(hints) - 1}
    kept: set[int] = set()
    used = len(line)
    for k in sorted(range(len(hints)), key=lambda k: k not in ends):
        if used + 3 + len(hints[k]) <= room and (k in ends or ends <= kept):
            kept.add(k)
            used += 3 + len(hints[k])
    return " · ".join([line, *(p for k, p in enumerate(hints) if k in kept)])


class LiveLine:
    """One line redrawn in place, fitted to the terminal's width as it is now: it never
    reaches the last column (a terminal would wrap it, and every redraw would add a line).
    Between draws the cursor waits at the line's start. A terminal made narrower that reflows
    the line (tmux, most emulators) moves its end onto the rows below, the cursor with it: a
    redraw from the end's row left the first row as it was, a stale half of the old line. From
    the line's start, the redraw clears what the reflow moved below it, and on a terminal that
    cuts the line instead, the same. `indent`: what starts the line, under a question's
    text."""

    def __init__(self, *, indent: str = "  ", keys_first: bool = False) -> None:
        self.indent = indent
        self.keys_first = keys_first
        self.parts: list[str] = []
        self.text: Callable[[int], str] = lambda room: ""
        self.width = 0  # the terminal's width it was last drawn for
        self.shown = 0  # its length then: what a terminal that takes no escapes has to cover

    def draw(self, parts: list[str]) -> None:
        """As many of `parts` as fit (`fit`)."""
        self.parts = parts
        self.say(lambda room: fit(parts, room, keys_first=self.keys_first))

    def say(self, text: Callable[[int], str]) -> None:
        """The line `text` makes of the room the terminal leaves it now."""
        self.text = text
        self.width = columns()
        room = self.width - len(self.indent) - 2  # short of the last column, which wraps
        said = self.indent + text(room)
        if erases():
            prompt("\r" + said + CLEAR, parked=True)
        else:  # the last line's length covered, but no wider than the line can be
            prompt("\r" + said.ljust(min(self.shown, len(self.indent) + room)) + " ")
        self.shown = len(said)

    def refit(self) -> None:
        """Drawn again for a terminal resized since (a wait's tick)."""
        if columns() != self.width:
            self.say(self.text)

    def end(self) -> None:
        """What follows goes under the line, drawn for the width as it is."""
        self.refit()
        sys.stdout.write("\n")


CLEAR = "\x1b[J"  # the screen cleared from the cursor to its end: the line's rest, rows below


def erases() -> bool:
    """Whether the terminal takes the escape that clears the screen below the cursor: a dumb
    one (TERM=dumb, as Emacs's shell sets) shows it as text, so there spaces cover the last
    line drawn."""
    return os.environ.get("TERM") != "dumb"


def timed_answer(
    fd: int,
    status: Callable[[float, bool], list[str]],
    keys: Container[str] | None = None,
    *,
    keys_first: bool = False,
) -> tuple[str, int]:
    """Wait for the answer with a clock running: the key that ended it and the seconds taken.
    `status` turns the seconds so far into the parts of the live line under the question:
    the clock first, then key hints; its second argument says whether the hints go beside the
    clock. Once a key ends it, the line keeps the clock alone ("space: reveal" beside what was
    revealed read as a key still to press), in the form it takes without hints: a clock told
    shorter to leave the keys room comes back whole. `keys_first`: on a terminal too narrow
    for the clock beside the first and last key hints, the hints are said and the clock is not
    (`fit`)."""
    started = held.running()
    line = LiveLine(keys_first=keys_first)

    def tick(hints: bool = True) -> None:
        parts = status(held.running() - started, hints)
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
    line.end()
    return key, int(held.running() - started)


GO_ON = "p or space: go on"


def paused(fd: int, line: LiveLine) -> str:
    """`p` pressed while an answer is timed: the clocks stand still and the line says so (the
    clock as it showed, how to go on, the way out) until `p` or space goes on, or `q`; then
    the line as it was. The clocks stand still before the line says so: a line that says
    paused is a clock that is. The terminal resized meanwhile, the line is drawn again for its
    width: it stayed as the wider one, cut by the terminal in a word ("answer 0:00/2:00 ·
    round 1"), until the clocks went on."""
    held.hold()
    before = line.parts
    said = ["paused", GO_ON, *(p for p in before[-1:] if p.startswith("q:"))]
    timed = [[f"{clock} · paused", *said[1:]] for clock in before[:1]]
    narrow = [", ".join(["paused: p goes on", *said[2:]])]  # 30 columns: both keys said
    line.say(lambda room: first_fit([*timed, said, narrow], room, fallback=[said]))
    try:
        return wait_for_key(fd, {"p", " ", "q"}, line.refit)
    finally:
        held.go_on()
        line.draw(before)


SCALE = "1 Again · 2 Hard · 3 Good · 4 Easy"
KEY_NAMES = {
    " ": "Space",
    "\r": "Enter",
    "\n": "Enter",
    "\t": "Tab",
    "\x1b": "Esc",
    PASTE: "A paste",
}


def rating(fd: int, q_means: str, *, can_undo: bool = False) -> str | int:
    """A rating 1-4, or `s` / `q`; `u` too where a rating can be taken back: the wrong key
    pressed on the last question is most often noticed while reading the next one's reveal.
    Another key redraws the line as a hint (a 5 from a 1-5 habit, say), the keys it takes; a
    terminal resized, the line is drawn again for its width."""
    keys = {*RATE_KEYS, "s", "q", *("u" if can_undo else "")}
    hints = ["s: skip", *(["u: undo last"] if can_undo else []), f"q: {q_means}"]
    line = LiveLine(indent="")
    line.say(partial(rate_line, hints))
    key = read_key(fd, line.refit)
    while key not in keys:
        line.say(partial(not_a_key, key, hints))
        key = read_key(fd, line.refit)
    line.end()
    return key if key in ("s", "q", "u") else RATE_KEYS[key]


def rate_line(hints: list[str], room: int) -> str:
    """The rating prompt in `room` columns: the scale with its letters and every key; where
    that does not fit (80 columns with `u`), each rating's letter beside its number."""
    full = f"Rate: {SCALE} (a/h/g/e)"
    compact = "1/a Again · 2/h Hard · 3/g Good · 4/e Easy"
    return first_fit(
        [[full, *hints], [compact, *hints]],
        room,
        fallback=[[full, *hints], [compact, *hints], [SCALE, *hints], [NARROW, hints[-1]]],
    )


# The keys in the fewest words: below the scale's 34 columns it was cut in a word ("1 Again ·
# 2 Hard · 3 Good · "), Easy and the way out unsaid
NARROW = "Rate 1-4, a/h/g/e"


def key_name(key: str) -> str:
    """A key pressed, as a hint names it: Space, Enter, Esc, '5'; "That" for one it cannot
    show, a byte that is not UTF-8 too (it was shown as '\ufffd', the sign of a character
    lost)."""
    shown = key.isprintable() and len(key) == 1 and key != "\ufffd"
    return KEY_NAMES.get(key) or (f"'{key}'" if shown else "That")


def not_a_key(key: str, hints: list[str], room: int) -> str:
    """The line in place of the rating prompt after a key it does not take."""
    name = key_name(key)
    here = f"{name} is not a key here: {SCALE} (a/h/g/e)"
    short = [f"{name} is not a key: {SCALE}"]
    shortest = [f"{name} is not a key: 1-4 or a/h/g/e"]
    narrow = [f"{name} is no key: 1-4, a/h/g/e"]
    return first_fit(
        [[here, *hints], [here, hints[-1]], short],
        room,
        fallback=[short, shortest, narrow, ["No key: 1-4, a/h/g/e"]],
    )


def first_fit(lines: list[list[str]], room: int, *, fallback: list[list[str]]) -> str:
    """The first of `lines` (each a list of parts) whose parts all fit in `room` columns;
    where none does, the first of `fallback` whose first part fits, with the hints `fit`
    finds room for (the last, cut to the room, where none fits: a word is cut only then)."""
    for parts in lines:
        text = " · ".join(parts)
        if len(text) <= room:
            return text
    return fit(next((f for f in fallback if len(f[0]) <= room), fallback[-1]), room)
