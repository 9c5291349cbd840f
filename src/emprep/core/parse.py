"""Parsing what a person types: dates and text, with messages that say how to write them."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from emprep.core.errors import EmprepError, TextFault, shown
from emprep.core.limits import check_day
from emprep.core.models import blank, line_breaks


def parse_date(option: str, value: str, today: date) -> date:
    """YYYY-MM-DD in the accepted years, or `today`. Python reads other ISO forms too, a week
    date (`2026-W48-1`) and the basic form (`20261123`): emprep says YYYY-MM-DD, so reads that
    alone, as a reader of its messages and files writes it."""
    text = value.strip()
    if text.lower() == "today":
        return today
    try:
        day = iso_day(text)
    except ValueError:
        raise EmprepError(
            f"{option}: '{shown(value)}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15"
        ) from None
    return check_day(option, day)


def iso_day(text: str) -> date:
    """The date `text` writes as YYYY-MM-DD, in ASCII digits; ValueError for any other form."""
    if not DAY.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def trimmed(text: str) -> str:
    """`text` without the space around it and without the indent all its lines share, so the
    lines keep their indents one against another: a list typed indented, `  - split the
    queue` over `  - one owner per alert`, stays a list of two items, where trimming its first
    line alone made the second a sub-item of the first. A first line indented more than the
    others (a space typed after the prompt) is trimmed, as before."""
    lines = line_breaks(text).split("\n")
    shared = [_indent(line) for line in lines if line.strip()]
    if not shared:
        return text.strip()
    low, high = min(shared), max(shared)  # the prefix these two share, all of them share
    cut = next((i for i, (a, b) in enumerate(zip(low, high, strict=False)) if a != b), len(low))
    return "\n".join(line[cut:] if line.strip() else line for line in lines).strip()


def _indent(line: str) -> str:
    """The spaces (any of `str.isspace`, as `strip` takes) that start `line`."""
    return line[: len(line) - len(line.lstrip())]


DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def plain_text(name: str, value: str) -> str:
    """`value`, if it is text a file and a terminal can hold: UTF-8 (a byte that is not, from a
    Latin-1 terminal or editor, arrives as a lone surrogate) without control characters but
    tab and line breaks (an escape sequence would reach the terminal of whoever shows it).
    Line breaks come back as `\n` (a Windows file's CR LF, an old Mac's CR, a line or
    paragraph separator: `line_breaks`): a CR kept would show as `\x0d` on every screen and
    in every export. Text that shows nothing (`blank`) is
    empty. In a locale that is not UTF-8 (`LC_ALL=C` with Python's UTF-8 mode off) every byte
    past ASCII arrives as a lone surrogate, UTF-8 typed in a UTF-8 terminal too: those bytes
    are read as the UTF-8 they are."""
    if any("\ud800" <= c <= "\udfff" for c in value):
        with suppress(UnicodeError):
            value = value.encode("utf-8", "surrogateescape").decode("utf-8")
    for c in value:
        if "\ud800" <= c <= "\udfff":
            raise TextFault(
                f"{name}: '{shown(value)}' is not UTF-8 text; type it again in a UTF-8 terminal "
                "or save it as UTF-8"
            )
        if (c < " " and c not in "\t\n\r") or "\x7f" <= c <= "\x9f":
            raise TextFault(
                f"{name}: '{shown(value)}' holds the control character {shown(c)}; leave it out"
            )
    return "" if blank(value) else line_breaks(value)
