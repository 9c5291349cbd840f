"""Lines cut by terminal cells: what no mix of characters may break."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from emprep.ui.wrap import fold

PIECES = [*"チームの再編成を率いた話、？ー😅🚀", "👩\u200d💻", "e\u0301", "a", "b", "-", " "]


@given(
    text=st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    room=st.integers(20, 100),
    hang=st.integers(0, 30),
)
def test_folded_lines_never_pass_the_room_and_keep_every_character(
    text: str, room: int, hang: int
) -> None:
    """Whatever the mix of wide, combining and plain characters: no line wider than the room
    in cells, the continuation lines hung, and nothing lost but the spaces at a cut."""
    lines = [line.plain for line in fold(Text(text), room, hang)]
    assert all(cell_len(line) <= room for line in lines)
    assert all(line.startswith(" " * min(hang, room - 2)) for line in lines[1:])
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(
    words=st.lists(st.text("abcXYZ-/.,", min_size=1, max_size=12), min_size=1, max_size=30),
    room=st.integers(20, 100),
    hang=st.integers(0, 8),
)
def test_plain_words_are_cut_as_textwrap_cut_them(words: list[str], room: int, hang: int) -> None:
    """Text of narrow characters, no word longer than a line, gets the lines it had when
    textwrap cut it: only wide text is cut differently."""
    text = " ".join(words)
    before = textwrap.wrap(
        text,
        width=room,
        subsequent_indent=" " * hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert [line.plain for line in fold(Text(text), room, hang)] == before


def test_japanese_fills_the_line_and_never_starts_one_with_closing_punctuation() -> None:
    """A label keeps the text beside it (rich's own cut moved the whole sentence under it);
    `？` and `。` take the character before them to the next line."""
    lines = fold(Text("note: 何を学んだかな？ 次は数字でもっと話す。"), 20, 6)
    assert [line.plain for line in lines] == [
        "note: 何を学んだか",  # 何を学んだかな fits, but the next line would start with ？
        "      な？ 次は数字",
        "      でもっと話す。",
    ]


def test_an_opening_bracket_goes_down_to_what_it_opens() -> None:
    """「 would end the first line, its ten characters just fitting 20 cells: it moves down."""
    lines = fold(Text("経験はとてもつなが「大学で学んだ」"), 20, 0)
    assert [line.plain for line in lines] == ["経験はとてもつなが", "「大学で学んだ」"]
