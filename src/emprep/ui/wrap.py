"""Text cut into lines by terminal cells, not characters: a Japanese or Chinese character
or an emoji takes two cells, a combining accent none. Used by render.py for wrapped lines and by
stacked.py for the text under a table's row."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


def fold(text: Text, room: int, hang: int) -> list[Text]:
    """`text` on lines of at most `room` terminal cells, the lines after the first indented
    `hang` (leaving a double-width character its room), its styles kept (rich divides it)."""
    from rich.text import Text

    hang = min(hang, room - 2)
    text = text.copy()
    text.plain = text.plain.replace("\n", " ").replace("\t", " ")
    lines = list(text.divide(_cuts(text.plain, room, hang)))
    for line in lines:
        line.rstrip()
    return lines[:1] + [Text(" " * hang) + line for line in lines[1:]]


# What a Japanese line may not start with (kinsoku): closing punctuation, the long-vowel
# mark, small kana; the character before it goes down with it. Nor end with an opening
# bracket: it goes down to what it opens.
NO_LINE_START = frozenset(
    "、。，．・：；？！ー…」』）］｝〕〉》】’”ぁぃぅぇぉっゃゅょァィゥェォッャュョ"  # noqa: RUF001
)
NO_LINE_END = frozenset("「『（［｛〔〈《【‘“")  # noqa: RUF001


def _cuts(plain: str, room: int, hang: int) -> list[int]:
    """Where `plain` is cut: at the space before a word that does not fit, as rich cuts, and
    a word wider than a whole line between two characters. Japanese and Chinese are written
    without spaces and break between any two characters: a word with double-width ones fills
    the line (cut as rich cuts, a label such as `note:` was left alone on its line)."""
    from rich.cells import cell_len, chop_cells

    cuts: list[int] = []
    used, limit = 0, room
    for m in re.finditer(r"\s*\S+\s*", plain):
        word = m.group()
        body = word.rstrip()
        if used + cell_len(body) <= limit:
            used += cell_len(word)
            continue
        anywhere = breaks_anywhere(body)
        if not anywhere and used and cell_len(body) <= room - hang:
            cuts.append(m.start())
            used, limit = cell_len(word), room - hang
            continue
        at, end = m.start(), m.start() + len(body)
        left = limit - used if anywhere or not used else 0
        while cell_len(plain[at:end]) > left:
            n = len(chop_cells(plain[at:end], left)[0]) if left > 0 else 0
            while n > 1 and (plain[at + n] in NO_LINE_START or plain[at + n - 1] in NO_LINE_END):
                n -= 1
            at += n
            cuts.append(at)
            left = room - hang
        used, limit = cell_len(plain[at:end] + word[len(body) :]), room - hang
    return [c for c in cuts if c]


# A command to type, from `emprep` to the first word that opens a parenthesis or ends with a
# comma, a semicolon or a closing one: `emprep review tech-kafka-events RATING`; a command a
# sentence speaks of ends before its verb ("emprep progress forecasts how many ...").
COMMAND = re.compile(
    r"\bemprep(?: (?!(?:shows|gives|forecasts|lists|says|counts|asks)\b)[^\s(][^\s,;)]*)+"
)
GLUE = "\ue000"  # a space inside a command while it is folded: one cell, not a break
# The spaces that hold two words as one: a number and its unit ("3 h a week" is not cut as
# "3" / "h a week", nor "in 12 days" as "in 12" / "days"), hours and their minutes (a plan
# task's "(1 h 30)" not cut as "(1 h" / "30)"), a day in words ("Thu 3 Dec"), a
# range ("6 - 10 yrs", "US$170000 - US$220000"), a mark and what it stands for ("▓ 7-9") and
# a number and the name it numbers ("; 3. Technical Acumen").
KEPT = re.compile(
    r"(?<=\d) (?=(?:h|min|s|ms|days?|weeks?|yrs)\b)|(?<=\d h) (?=\d\d\b)"
    r"|(?<=\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)) (?=\d{1,2} [A-Z][a-z]{2}\b)"
    r"|(?<=\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d) (?=[A-Z][a-z]{2}\b)"
    r"|(?<=\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d) (?=[A-Z][a-z]{2}\b)"
    r"|(?<=\d) (?=- (?:[A-Z]{2}\$)?\d)|(?<=\d -) (?=(?:[A-Z]{2}\$)?\d)"
    r"|(?<=[░▒▓█]) |(?<=\(·) "
    r"|(?<=; \d\.) "
)
# The criterion or reason a point names at its end: "[System design and architecture]" (a
# question's own placeholder, "[specific Coursera service]?", is text and wraps as text).
TAG = re.compile(r"\[[^\[\]]+\]$")


def glue_commands(plain: str, room: int) -> str:
    """`plain` with the spaces of each command that fits `room` cells glued, so a line is cut
    before the command, not inside it: a command cut in two cannot be copied and run. One
    wider than a line is left to be cut at its spaces. A number keeps its unit, and the other
    pairs of `KEPT`; a point its closing tag (`TAG`) when that fits a line. Glued once more,
    the text is the same: a part already held whole (`render.kept_whole`, a task's estimate)
    leaves the commands beside it to be glued."""
    from rich.cells import cell_len

    def glue(m: re.Match[str]) -> str:
        whole = m.group()
        return whole.replace(" ", GLUE) if cell_len(whole) <= room else whole

    return KEPT.sub(GLUE, TAG.sub(glue, COMMAND.sub(glue, plain)))


def unglue(line: str) -> str:
    return line.replace(GLUE, " ")


def breaks_anywhere(word: str) -> bool:
    """A word with a double-width character: Japanese, Chinese, an emoji."""
    from rich.cells import cell_len

    return any(cell_len(c) > 1 for c in word)
