"""How a screen is drawn: wrapped lines, headings and tables; rich on a terminal, plain aligned
text when piped. The screens themselves are in ui/screens/."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from emprep.ui import output
from emprep.ui.text import BREAK, estimate, in_a_line, visible

if TYPE_CHECKING:
    import os

    from rich.console import Console, RenderableType
    from rich.padding import Padding
    from rich.text import Text


@cache
def console() -> Console:
    """stdout; rich drops colour by itself for NO_COLOR, TERM=dumb and pipes. No `:emoji:`
    codes: a story that says `:x:` prints as typed (and the emoji table costs 3 ms to load)."""
    import errno
    import os

    from rich.console import Console

    class Quiet(Console):
        def on_broken_pipe(self) -> None:
            """Not rich's exit 1: the one exit path ends it (ui/pipes.py)."""
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    dumb = os.environ.get("TERM") == "dumb"
    plain = bool(os.environ.get("NO_COLOR")) or dumb
    size = _dumb_size() if dumb and output.is_tty() else None
    return Quiet(
        highlight=False,
        emoji=False,
        soft_wrap=not output.is_tty(),
        color_system=None if plain else "auto",
        width=size.columns if size else None,
        height=size.lines if size else None,
    )


def _dumb_size() -> os.terminal_size:
    """The size of a TERM=dumb terminal (Emacs's shell, a pane where colour is unwanted):
    rich takes one to be 80 columns whatever its size and COLUMNS say, so a 50-column one had
    every line cut by the terminal mid-word. COLUMNS and LINES, else the terminal's own size,
    as for any other terminal."""
    import shutil

    return shutil.get_terminal_size()


def width() -> int:
    return console().width


# Colour that means something: how likely an answer is, what kind of practice, a heading.
STYLES = {
    "heading": "bold cyan",
    "new": "cyan",
    "unseen": "cyan",
    "review": "yellow",
    "due": "yellow",
    "weak": "yellow",
    "at-risk": "bold red",
    "warm-up": "magenta",
    "strong": "green",
    "done": "green",
    "todo": "yellow",
    "dim": "dim",
    "Again": "red",
    "Hard": "yellow",
    "Good": "green",
    "Easy": "blue",
}

Cell = str | tuple[str, str]  # the text, or the text and its style


def recall_style(x: float | None) -> str:
    """Red below one in two, yellow below the target, green at or above it."""
    if x is None:
        return "dim"
    return "red" if x < 0.5 else "yellow" if x < 0.9 else "green"


def _marker(text: str) -> int:
    """Where a wrapped line's continuation starts: under the text after `- `, `1. ` or a label."""
    m = re.match(r"\s*(?:[-*•] |\d+\. |\[[ x✓]\] |[A-Za-z ]{1,14}: {1,4}(?=\S))?", text)
    return m.end() if m else 0


def wrapped(
    text: str, hang: int | None = None, *, breaks: bool = False, room: int | None = None
) -> list[str]:
    """`text` cut into lines that fit the terminal at word boundaries, the continuation lines
    indented under the text (a bullet's, a label's). Widths are terminal cells, not characters:
    a Japanese character or an emoji takes two, a combining accent none. Off a terminal, one
    line: pipes get whole lines. A text of several lines (a story's paragraphs) keeps its
    line breaks and blank lines on a terminal too, each line wrapped on its own. `breaks`: the
    text marks where a line may be cut with no space (`names_whole`), taken out once cut.
    `room`: the cells a line may take, fewer than the terminal's (a prompt's, which leaves
    one for the answer)."""
    if breaks:
        return [line.replace(BREAK, "") for line in wrapped(text, hang, room=room)]
    if "\n" in text and output.is_tty():
        return [line for part in text.split("\n") for line in wrapped(part, hang, room=room)]
    text = visible(text)
    if not output.is_tty():
        return [text]
    from rich.cells import cell_len
    from rich.text import Text

    from emprep.ui.wrap import fold, unglue

    cells = width() if room is None else room
    if cell_len(text) <= cells:  # whole: the parts held together (`echo_parts`) spaced again
        return [unglue(text)]
    room = max(20, cells)
    glued, indent = _continued(text, hang, room)
    return [unglue(line.plain) for line in fold(Text(glued), room, indent)]


def _continued(text: str, hang: int | None, room: int) -> tuple[str, int]:
    """`text` with its commands glued, and the indent of its lines after the first in `room`
    cells (`wrapped`)."""
    from emprep.ui.wrap import glue_commands

    # a command that fits a line is one word: the hang leaves it room, as for any other word
    glued = glue_commands(text, room)
    indent = min(_marker(text) if hang is None else hang, _most_hang(room, glued.split()))
    return glued, hung(text, indent)


def shared_hang(items: Sequence[tuple[str, int | None]]) -> int | None:
    """The one hang for a list's items (each a line and its own hang, as `echo` takes them):
    the least that any of them cut on this terminal takes, so the continuation lines of the
    whole list start at one column, where each item's own (its longest word's room, the
    half-line rule) put them at 16, 10, 17 and 4 in one list. None where no item is cut (or
    off a terminal): each keeps its own."""
    if not output.is_tty():
        return None
    from rich.cells import cell_len

    room = max(20, width())
    cut = [visible(text) for text, _ in items]
    hangs = [
        _continued(text, hang, room)[1]
        for text, (_, hang) in zip(cut, items, strict=True)
        if cell_len(text) > width()
    ]
    return min(hangs, default=None)


def hung(text: str, hang: int) -> int:
    """The indent of `text`'s lines after its first under a `hang`: one that takes more than
    half the line (a long label's) came a word a line, so those go on two columns in from the
    line's own indent. Text kept whole on them (`names_whole`) is measured against this."""
    if hang <= max(20, width()) // 2:
        return hang
    return min(hang, len(text) - len(text.lstrip(" ")) + 2)


def _most_hang(room: int, words: list[str]) -> int:
    """The widest indent a continuation line may take in `room` cells and still hold the
    longest of `words` that fits the room and may not be cut: a narrow terminal keeps the room
    for a word (a label's hang of 13 in 20 columns left 7, and 'Recruiter/HR' ran past)."""
    from rich.cells import cell_len

    from emprep.ui.wrap import breaks_anywhere

    whole = [cell_len(w) for w in words if not breaks_anywhere(w)]
    return room - max((n for n in whole if n <= room), default=0)


def echo(
    text: str = "", style: str | None = None, hang: int | None = None, *, breaks: bool = False
) -> None:
    for line in wrapped(text, hang, breaks=breaks):
        _line(line, style)


def _line(line: str, style: str | None) -> None:
    """One line, as rich prints it. Into a pipe without colour, rich writes a printable line as
    it is, then flushes: done here directly, as rich spends about 50 µs a line on it (a table
    of a hundred rows, 5 ms). Anything else (a terminal, colour forced, a tab or a control
    character, text the output's encoding cannot hold) goes through rich."""
    c = console()
    if line.isprintable() and c.color_system is None and not _special(c):
        try:
            c.file.write(line + "\n")
        except UnicodeEncodeError:  # nothing written: rich says what to do about it
            pass
        else:
            c.file.flush()
            return
    c.print(line, markup=False, style=style, overflow="ignore", crop=False)


def _special(c: Console) -> bool:
    """Where rich's own writing differs: a terminal, a closed pipe, a recording, or the
    legacy Windows console."""
    return c.is_terminal or c.quiet or c.record or c.legacy_windows


def echo_parts(parts: Sequence[str], indent: int) -> None:
    """`parts` joined by ` · ` on a line `indent` columns in: on a terminal a line breaks
    between two parts, not inside one (a criterion and its score), where a line can hold the
    part; piped, the one line."""
    echo(" " * indent + " · ".join(kept_whole(p, indent) for p in parts))


def kept_whole(part: str, indent: int) -> str:
    """`part` as one word on a terminal where a line `indent` columns in can hold it, so a
    line breaks before it, not inside it (a round's name in a list); piped, as it is."""
    if not output.is_tty():
        return part
    from rich.cells import cell_len

    from emprep.ui.wrap import GLUE

    return part.replace(" ", GLUE) if cell_len(part) <= width() - indent else part


def names_whole(title: str, indent: int) -> str:
    """An interviewer's title (`Senior Software Engineer/Engineering Lead`) whole on a terminal
    where a line `indent` columns in holds it; else cut after a `/`, each name whole where a
    line holds it, as a table's cell is (`stacked`): printed with `echo(..., breaks=True)`.
    Piped, as it is."""
    if not output.is_tty():
        return title
    from rich.cells import cell_len

    if cell_len(title) <= width() - indent:
        return kept_whole(title, indent)
    names = re.split(r"(?<=/)", title)
    return BREAK.join(kept_whole(n, indent) for n in names)


def timed_task_shown(text: str, minutes: int, moved: str = "") -> str:
    """A plan task with its estimate after it (and where it came from if it `moved`), which a
    terminal's line does not break where a line holds it: the estimate, the week and the
    phase's name each whole."""
    if not moved:
        return f"{text} {kept_whole(estimate(minutes), 0)}"
    week, phase = moved.split(", ", 1)
    parts = (estimate(minutes)[:-1] + ";", week + ",", phase + ")")
    return " ".join([text, *(kept_whole(p, 0) for p in parts)])


def heading(text: str) -> None:
    echo(text, style=STYLES["heading"])


def units(label: str, parts: list[str], sep: str = "  ") -> None:
    """`label` then `parts` on as many lines as the width needs; a part is never split."""
    if not output.is_tty():
        echo(label + sep.join(parts))
        return
    from rich.cells import cell_len

    lines, line = [], label
    hang = " " * min(cell_len(label), _most_hang(width(), parts))
    for p in parts:
        joined = label + p if line == label else line + sep + p
        if cell_len(joined) > width() and line.strip():
            lines.append(line.rstrip())
            line = hang + p
        else:
            line = joined
    for text in [*lines, line]:
        console().print(visible(text), markup=False, overflow="ignore", crop=False)


def _text(cell: Cell) -> str:
    """A cell's text as shown, on one line (`in_a_line`): a tab (in a story's title, pasted)
    printed ran to the next tab stop and pushed the row's columns out of line; a line break
    (a title edited by hand) split the row."""
    return in_a_line(cell if isinstance(cell, str) else cell[0])


def table(
    headers: list[str],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str | None = None,
    wide: int = -1,
    spare: Sequence[int] = (),
    fold: Sequence[int] = (),
    least: int = 16,
    names: bool = False,
) -> None:
    """A boxed table on a terminal, the `wide` column wrapping inside its cell (in `least`
    places at least) and every one-word cell (an id, a figure) kept whole; when even that
    cannot fit, a row a line of
    aligned short cells with the wide text under it (ui/stacked.py; `spare` are the columns
    that may join the wide text when the width needs it, the first first; `fold` those whose
    long heading over short figures folds when the box is too wide; `names`: the text under
    a row is names joined by `/`, cut after one where it must be). Off a terminal,
    columns separated by two spaces, one row a line."""
    wide %= len(headers)
    if not output.is_tty():
        if title:
            echo(title)
        from rich.cells import cell_len, set_cell_size  # loaded with rich.console

        texts = [[_text(c) for c in r] for r in rows]
        widths = [max(map(cell_len, [h, *(r[i] for r in texts)])) for i, h in enumerate(headers)]
        for line in [headers, *texts]:
            cells = [set_cell_size(c, widths[i]) for i, c in enumerate(line[:-1])] + [line[-1]]
            echo("  ".join(cells).rstrip())
        return
    columns = [[h, *(_text(r[i]) for r in rows)] for i, h in enumerate(headers)]
    solid = [i != wide and all(" " not in c for c in col[1:]) for i, col in enumerate(columns)]
    folding = {i % len(headers) for i in fold}
    boxed = _fold_headings(columns, [s and i in folding for i, s in enumerate(solid)])
    heads = [[h, *col[1:]] for h, col in zip(boxed, columns, strict=True)]
    if not _boxable(heads, solid, wide, least):
        from emprep.ui import stacked

        if title:
            heading(title)
        styled = [[_cell(c) for c in r] for r in rows]
        spared = [i % len(headers) for i in spare]
        stacked.show(console(), headers, styled, wide=wide, spare=spared, names=names)
        return
    from rich.table import Table

    from emprep.ui.wrap import glue_commands

    t = Table(title=title, title_justify="left", highlight=False, header_style="bold")
    for i, h in enumerate(boxed):
        t.add_column(h, no_wrap=solid[i], overflow="fold" if i == wide else "ellipsis")
    for parts in rows:
        row = [_cell(c) for c in parts]
        # a command in the wide text is one word to rich, as to `wrapped`: never cut
        row[wide].plain = glue_commands(row[wide].plain, width())
        t.add_row(*(_indented(c) for c in row))
    _print_unglued(t)


def _print_unglued(renderable: RenderableType) -> None:
    """`renderable` as rich lays it out, the glued spaces (`wrap.GLUE`) shown as spaces."""
    from rich.segment import Segment, Segments

    from emprep.ui.wrap import GLUE, unglue

    c = console()
    segments = [
        Segment(unglue(s.text), s.style, s.control) if GLUE in s.text else s
        for s in c.render(renderable)
    ]
    c.print(Segments(segments))


def _indented(text: Text) -> Text | Padding:
    """A cell indented to show it belongs to the row above (a criterion under its group)
    keeps its indent on every line it wraps to, so its second line does not read as a group."""
    from rich.padding import Padding

    indent = len(text.plain) - len(text.plain.lstrip(" "))
    if not indent or not text.plain.strip():
        return text
    return Padding(text[indent:], (0, 0, 0, indent))


def _fold_headings(columns: list[list[str]], folding: list[bool]) -> list[str]:
    """The headings of a box, where it is wider than the terminal a long one over short
    figures ("questions with a story" over 9/56) folded onto lines as narrow as its figures
    or its longest word, so the room goes to the text beside it."""
    import textwrap

    from rich.cells import cell_len

    headings = [col[0] for col in columns]
    if sum(max(map(cell_len, col)) + 3 for col in columns) + 1 <= width():
        return headings
    for i, (col, folds) in enumerate(zip(columns, folding, strict=True)):
        body = max(map(cell_len, col[1:]), default=0)
        if folds and cell_len(col[0]) > body:
            narrow = max([body, *map(cell_len, col[0].split())])
            headings[i] = "\n".join(textwrap.wrap(col[0], narrow))
    return headings


def _boxable(columns: list[list[str]], solid: list[bool], wide: int, least: int) -> bool:
    """Whether a box fits with no word cut and `least` places for the wide text. Rich narrows the
    widest of the columns that wrap first, all to one level: each must keep its longest word
    at that level (a solid column keeps its whole width)."""
    from rich.cells import cell_len

    natural = [max(cell_len(line) for c in col for line in c.split("\n")) for col in columns]
    room = width() - 3 * len(columns) - 1 - sum(n for n, s in zip(natural, solid, strict=True) if s)
    wrap = sorted((n, i) for i, n in enumerate(natural) if not solid[i])
    level = room
    for k, (n, _) in enumerate(wrap):
        level = room // (len(wrap) - k)
        if n > level:
            break
        room -= n
    else:
        return True  # every column at its whole width
    from emprep.ui.wrap import COMMAND

    fewest = {i: max(cell_len(w) for c in columns[i] for w in c.split()) for _, i in wrap}
    # the wide text wraps, but a command in it is kept whole: the column must hold it
    commands = [cell_len(m.group()) for c in columns[wide][1:] for m in COMMAND.finditer(c)]
    fewest[wide] = max([min(least, natural[wide]), *commands])
    return level >= 0 and all(min(n, level) >= fewest[i] for n, i in wrap)


def _cell(cell: Cell) -> Text:
    """A table cell as rich's Text, its style applied (imported here: rich costs start-up)."""
    from rich.text import Text

    return Text(_text(cell)) if isinstance(cell, str) else Text(_text(cell), style=cell[1])


def bullets(title: str, items: list[str], numbered: bool = False) -> None:
    heading(title)
    for i, item in enumerate(items, start=1):
        echo(f"  {i}. {item}" if numbered else f"  - {item}")
    echo()


def tick(n: int, task: str, done: bool, *, numbered: bool = True) -> None:
    """One plan task with its box: `[x]` done, `[ ]` to do; numbered for `emprep task done N`."""
    box = "[x]" if done else "[ ]"
    label = f"{n}. " if numbered else ""
    echo(
        f"    {label}{box} {task}", style=STYLES["done"] if done else None, hang=4 + len(label) + 4
    )
