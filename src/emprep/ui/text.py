"""Numbers as a person reads them: counted nouns, shares, clock times and days to go; text made
safe to show."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime

from emprep.core.words import plural as plural  # the screens count with it from here
from emprep.core.words import the_round as the_round  # and name rounds with it


def listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"


def clock(seconds: float) -> str:
    """`m:ss`, as a clock shows time spent or left."""
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


def duration(minutes: int) -> str:
    """`45 min`, `2 h`, `1 h 30`: a task's or a week's time, as a plan says it."""
    if minutes < 60:
        return f"{minutes} min"
    h, m = divmod(minutes, 60)
    return f"{h} h" + (f" {m:02d}" if m else "")


# Where a line may be cut that has no space (after the `/` of "Engineer/Engineering Lead"),
# taken out once the line is folded: a space to the folding, as `\s` matches it. Here, not in
# wrap.py, whose patterns every command would compile on import (1.5 ms) for it.
BREAK = "\u2009"


def estimate(minutes: int, moved: str = "") -> str:
    """A plan task's estimate, `(1 h 30)`; one that takes none of its own is the drill's. A
    task moved from its own week says where from: `(1 h; from week 2, People Management
    Skills)`."""
    return f"({duration(minutes) if minutes else 'in the drill'}{'; ' * bool(moved)}{moved})"


def moved(origin: int, phase: str, week: int) -> str:
    """Where a task listed in `week` came from, or "" for one of its own: a task another week
    could not hold joins this one, and without this it reads as this week's own, of the phase
    this week is headed by."""
    return "" if origin == week else f"from week {origin}, {phase}"


def moved_to(week: int) -> str:
    """Where a week's own task went, said after its estimate in the week it left."""
    return f"moved to week {week}"


def timed_task(text: str, minutes: int, moved: str = "") -> str:
    """A plan task with its estimate after it, and where it came from if it `moved`."""
    return f"{text} {estimate(minutes, moved)}"


def minutes_seconds(seconds: int) -> str:
    """`3 min 5 s`, for time spent answering."""
    return f"{seconds // 60} min {seconds % 60} s"


CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\n\t"}

# The characters of Unicode's bidirectional algorithm that reorder the text after them on the
# line (embeddings, overrides, isolates, and the marks): a terminal that honours them shows a
# line other than the one written, so a story or a pack can hide or flip what follows.
BIDI = {
    c: f"\\u{c:04x}"
    for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
ON_SCREEN = CONTROLS | BIDI
# What JSON leaves raw and a terminal would act on: DEL, the C1 controls (U+009B starts an
# escape sequence, as ESC [ does), and the characters that reorder a line.
IN_JSON = {c: f"\\u{c:04x}" for c in range(0x7F, 0xA0)} | BIDI


def escaped(text: str) -> str:
    """Control characters as escapes (`\\x1b`, `\\x00`): text edited by hand into the progress
    file cannot move the cursor, clear the screen or retitle the terminal of whoever shows it,
    nor a file made of it (an export keeps every other character as typed)."""
    return text.translate(CONTROLS)


def visible(text: str) -> str:
    """Text for the screen: control characters as `escaped` gives them, and the characters
    that reorder a line (U+202E, U+2067...) as escapes too (`\\u202e`), so what a line shows
    is what it holds."""
    return text.translate(ON_SCREEN)


# The characters that end a line of text or move on along it (a line break, a tab; a CR or a
# line or paragraph separator in a file is a line break once read): inside a table's cell or a
# field shown in a line, each is a space, as a cell's width counts it. A vertical tab and a form
# feed are control characters, shown as their escapes (`visible`) there as everywhere.
IN_A_LINE = str.maketrans(dict.fromkeys("\t\n\r\u2028\u2029", " "))


def in_a_line(text: str) -> str:
    """`text` on one line for the screen (`visible`): a story title with a line break in a
    hand-edited file split the table's row in two, the rest of the row under its first line.
    `story show`, the exports and the file keep the break."""
    return visible(text.translate(IN_A_LINE))


def lines(text: str) -> list[str]:
    """`text`'s lines, broken at LF, CR LF and CR alone: `str.splitlines` breaks at a form
    feed, a vertical tab, \\x1c-\\x1e and NEL too, which then showed as line breaks, not as
    the escapes `visible` gives every other control character."""
    parts = re.split(r"\r\n|\r|\n", text)
    return parts[:-1] if parts[-1] == "" else parts


def percent(x: float | None) -> str:
    """A share as a person reads it: `45%`, or `-` when there is none."""
    return "-" if x is None else f"{x:.0%}"


def countdown(interview: date, days: int) -> str:
    """The interview date said as a person would: ahead, today, or past."""
    if days > 0:
        return f"{plural(days, 'day')} to the interview ({interview})"
    if days == 0:
        return f"interview day ({interview})"
    return f"the interview ({interview}) was {plural(-days, 'day')} ago"


def next_and_last(interview: date, days: int, nxt: tuple[list[str], date, int] | None) -> str:
    """Days to the interview; with rounds ahead before the last (`nxt`: the names of the
    rounds of the nearest day, its date and days to go), to those first: `10 days to the
    Recruiter/HR Interview (2026-12-01), 24 days to the interview (2026-12-15)`, each round of
    an onsite day named."""
    last = countdown(interview, days)
    if nxt is None or nxt[1] >= interview:
        return last
    names, day, left = nxt
    soon = f"{plural(left, 'day')} to" if left else "today:"
    return f"{soon} {listed([the_round(name) for name in names])} ({day}), {last}"


def undated(last: list[tuple[str, date]], days: int, rounds: int) -> str:
    """A past last date while some rounds have no date yet: the rounds of that day (`last`,
    names and date) were had, and the loop is not over."""
    have = "has" if rounds == 1 else "have"
    names = " and ".join(the_round(name) for name, _ in last)
    return (
        f"{names} ({last[0][1]}) {'was' if len(last) == 1 else 'were'} "
        f"{plural(-days, 'day')} ago; {plural(rounds, 'round')} {have} no date yet "
        "(emprep config set interview.ROUND DATE, or emprep config set interview DATE)"
    )


def day_words(d: date) -> str:
    """A date as a person says it: Sat 5 Dec."""
    return f"{d:%a} {d.day} {d:%b}"


def taken_at(given: datetime, now: datetime) -> str:
    """ ", at 2026-12-23 00:01, the time of its last review: ..." when a rating was taken at its
    question's last review's time, the clock (`now`) behind the one that gave that one (two
    machines on one synced file): near midnight that is another day's, where it then counts.
    Empty when it was taken when given."""
    if given <= now:
        return ""
    return (
        f", at {given.astimezone(now.tzinfo):%Y-%m-%d %H:%M}, the time of its last review: "
        f"this clock ({now:%Y-%m-%d %H:%M}) is behind the one that gave it"
    )


def next_review(
    due: date,
    rest: frozenset[int],
    last: date | None = None,
    rounds: Collection[date] = frozenset(),
) -> str:
    """When a question comes back: its due day, or the practice day after it when it falls
    on one of the rest days (said, with the due day), a day a round is on (`rounds`) being
    none; or, when its last round (`last`) comes first, that the drill will not give that
    review (its round's warm-up may still ask it)."""
    from emprep.core.days import on_practice_day

    if last is not None:
        return f"Next review: none; FSRS's ({due}) falls after its last round ({last})."
    day = on_practice_day(due, rest, rounds)
    return f"Next review {day}." if day == due else f"Next review {day} (due {due}, a rest day)."
