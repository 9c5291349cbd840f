"""A table too wide for its terminal, still a table: each row's short cells on one line, in
columns aligned under their headers, and its long text indented under them. When the short cells
cannot fit either, a header wider than its cells takes two lines; then the cells the screen can
spare most move down beside the long text, so no line is wider than the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from emprep.ui.text import BREAK  # where a cell under a row may be cut

if TYPE_CHECKING:
    from rich.console import Console

GAP = "  "  # between two columns, as piped output has it
INDENT = "    "  # the long text under a row
JOIN = " · "  # between the cells under a row


@dataclass(frozen=True)
class Layout:
    """Which columns the first line holds, how wide each is and its header's lines (the last
    above the cells); `below` are the columns under the row, the long text's among them."""

    columns: list[int]
    widths: list[int]
    header: list[list[str]]
    below: list[int]

    def span(self) -> int:
        return sum(self.widths) + len(GAP) * (len(self.widths) - 1)


def layout(
    headers: Sequence[str],
    texts: Sequence[Sequence[str]],
    *,
    wide: int,
    width: int,
    spare: Sequence[int] = (),
) -> Layout:
    """The narrowest change that fits `width`: headers whole, else a long header on two lines,
    else the next column of `spare` moved under the row, and so on; after those (or without
    them) the widest goes first, the first column (an id, a number) never."""
    cells = {i: max((cell_len(r[i]) for r in texts), default=0) for i in range(len(headers))}
    short = [i for i in range(len(headers)) if i != wide]
    spared = [i for i in spare if i in short]
    order = spared + sorted((i for i in short[1:] if i not in spared), key=lambda i: -cells[i])
    best = None
    for moved in range(min(len(order), len(short) - 1) + 1):  # one column always stays
        columns = [i for i in short if i not in order[:moved]]
        below = sorted({wide, *order[:moved]})
        for split in (False, True):
            names = [headers[i] for i in range(len(headers))]
            header = [
                _header(headers[i], cells[i], split=split, names=names[:i] + names[i + 1 :])
                for i in columns
            ]
            widths = [max(cells[i], *map(cell_len, header[k])) for k, i in enumerate(columns)]
            best = Layout(columns, widths, header, below)
            if best.span() <= width:
                return best
    assert best is not None
    return best


def _header(text: str, cells: int, *, split: bool, names: Sequence[str] = ()) -> list[str]:
    """A header on one line, or, when `split` and it is wider than its cells, on two lines cut
    at the space that makes the wider of them the narrowest; never so that its second line,
    the one beside the other headers, is another column's name (`names`): "recall at" above
    "deadline" read as the deadline's column, the recall's "recall at" alone above it."""
    if not split or cell_len(text) <= cells or " " not in text:
        return [text]
    words = text.split(" ")
    cuts = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    fair = [c for c in cuts if c[1] not in names] or cuts
    return list(min(fair, key=lambda c: max(map(cell_len, c))))


def show(
    console: Console,
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    *,
    wide: int,
    spare: Sequence[int] = (),
    names: bool = False,
) -> None:
    """Print the rows in the layout that fits the console's width; `names`: a cell under a
    row holds names joined by `/` (an interviewer's titles), so it may be cut after one."""
    texts = [[cell.plain for cell in row] for row in rows]
    lay = layout(headers, texts, wide=wide, width=console.width, spare=spare)
    for top in _header_lines(headers, lay, console.width):
        console.print(
            top, style="bold", markup=False, highlight=False, overflow="ignore", crop=False
        )
    for row in rows:
        first = Text()
        for k, (i, w) in enumerate(zip(lay.columns, lay.widths, strict=True)):
            cell = row[i].copy()
            cell.pad_right(w - cell_len(cell.plain))
            first.append_text(cell)
            first.append(GAP if k < len(lay.columns) - 1 else "")
        first.rstrip()
        console.print(first, overflow="ignore", crop=False)
        below = Text(JOIN).join(_whole(row[i], console.width, names) for i in lay.below)
        marked = not any(BREAK in row[i].plain for i in lay.below)  # a pack's own is kept
        for line in _under(below, console.width, marked=marked):
            console.print(line, overflow="ignore", crop=False)


def _whole(cell: Text, width: int, names: bool) -> Text:
    """A cell under its row kept on one line where a line can hold it ("Technical Deep Dive",
    "VP of Engineering/CTO"), so the line breaks before it, not inside it. One of `names` too
    long for a line is cut after a `/` between two names ("Senior Software Engineer/" above
    "Engineering Lead"), each name whole where a line holds it; longer text flows on, and so
    does a question's (its `A/B testing` is one term, not two names)."""
    room = width - len(INDENT)
    if cell_len(cell.plain) <= room:
        return _glued(cell)
    cuts = [i + 1 for i, c in enumerate(cell.plain[:-1]) if c == "/"]
    if not names or not cuts or BREAK in cell.plain:
        return cell
    parts = cell.divide(cuts)
    return Text(BREAK).join(p if cell_len(p.plain) > room else _glued(p) for p in parts)


def _glued(cell: Text) -> Text:
    """`cell` as one word: its spaces are not places to cut a line."""
    from emprep.ui.wrap import GLUE

    glued = cell.copy()
    glued.plain = cell.plain.replace(" ", GLUE)  # one character for one: the styles stay
    return glued


def _unbroken(line: Text) -> Text:
    """`line` without the places `_whole` marked where it may be cut (BREAK), its styles kept."""
    at = [i for i, c in enumerate(line.plain) if c == BREAK]
    if not at:
        return line
    pieces = line.divide(at)
    kept = pieces[0]
    for piece in pieces[1:]:
        kept.append_text(piece[1:])
    return kept


def _header_lines(headers: Sequence[str], lay: Layout, width: int) -> list[str]:
    """The headers bottom-aligned over their columns; what is under each row named after the
    last line (` / question`), or on a line of its own, indented as it is under the rows."""
    depth = max(map(len, lay.header))
    lines = []
    for n in range(depth):
        parts = [(h[n - depth + len(h)] if n >= depth - len(h) else "") for h in lay.header]
        cells = [p + " " * (w - cell_len(p)) for p, w in zip(parts, lay.widths, strict=True)]
        lines.append(GAP.join(cells).rstrip())
    under = JOIN.join(headers[i] for i in lay.below)
    if cell_len(lines[-1]) + 3 + cell_len(under) <= width:
        lines[-1] += f" / {under}"
        return lines
    # each name whole where a line holds it: "recall at" ending one line and "deadline" the
    # next read as two columns' names, the deadline's twice
    names = Text(JOIN).join(_whole(Text(headers[i]), width, False) for i in lay.below)
    return lines + [line.plain for line in _under(names, width)]


def _under(text: Text, width: int, *, marked: bool = False) -> list[Text]:
    """`text` indented under its row, cut at spaces to fit `width` cells, its styles kept, a
    text indented under the row before (a criterion under its group) wrapping under itself; a
    command in it (`emprep review ID RATING`) is kept whole on one line, as `render.wrapped`
    keeps it, so that it can be copied and run. Where `marked`, the places `_whole` marked
    to cut at are taken out once it is folded."""
    from emprep.ui.wrap import fold, glue_commands, unglue

    room = max(20, width)
    line = Text(INDENT) + text
    hang = len(INDENT) + len(text.plain) - len(text.plain.lstrip(" "))
    line.plain = glue_commands(line.plain, room - hang)  # one character for one: the
    lines = fold(line, room, hang)  # styles keep their places
    for folded in lines:
        folded.plain = unglue(folded.plain)
    return [_unbroken(folded) for folded in lines] if marked else lines
