from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from unittest import mock

import pexpect
import pytest
from conftest import Terminal, installed_emprep, run
from hypothesis import given
from hypothesis import strategies as st

from emprep.ui import output, render


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_stacked_table_never_splits_a_cell(isolated: Path, width: int) -> None:
    """`rounds` with dates is too wide to box even at 120 columns: each row's short cells wrap
    between cells, never inside one ("60" and "min" stay on one line)."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "EMPREP_PROGRESS": str(isolated)}
    child = Terminal(
        installed_emprep(), ["rounds"], env=env, encoding="utf-8", dimensions=(40, width)
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert all(len(line) <= width for line in lines)
    assert not [
        line
        for line in lines
        if re.search(r"(^|\s)min\b", line.strip()) and not re.search(r"\d+ min", line)
    ]
    assert sum("2027-01-15" in line for line in lines) == 5
    assert not [line for line in lines if line.strip() in {"45", "60"}]


def _printed(line: str, style: str | None, *, by_rich: bool, file: io.TextIOBase) -> str:
    with contextlib.redirect_stdout(file):
        if by_rich:
            for part in render.wrapped(line):
                render.console().print(
                    part, markup=False, style=style, overflow="ignore", crop=False
                )
        else:
            render.echo(line, style=style)
    return file.getvalue() if isinstance(file, io.StringIO) else ""


@given(
    line=st.text(st.characters(exclude_characters="\n"), max_size=30)
    | st.sampled_from(["", "  x  ", "a\tb", "\x1b[31mred", "é ░▒▓█ 名前 \u200b", "a\rb"]),
    style=st.sampled_from([None, "bold", "bold cyan", "dim"]),
)
def test_a_line_into_a_pipe_is_what_rich_prints(line: str, style: str | None) -> None:
    """Into a pipe, a printable line is written without rich, and the bytes are rich's own;
    a tab, a control character or colour forced by the environment go through rich."""
    for forced in ({}, {"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}):
        with mock.patch.dict(os.environ, forced):
            mine = _printed(line, style, by_rich=False, file=io.StringIO())
            theirs = _printed(line, style, by_rich=True, file=io.StringIO())
        assert mine == theirs


def test_a_plain_line_into_a_pipe_skips_rich_and_an_unwritable_one_is_rich_s_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the fast path writes is checked above; here, that it is taken, and that text the
    output's encoding cannot hold fails as rich makes it fail (with its advice)."""
    out = io.StringIO()
    with monkeypatch.context() as m:
        m.setattr(type(render.console()), "print", None)  # rich would fail if called
        assert _printed("Next: emprep drill ░", None, by_rich=False, file=out) == (
            "Next: emprep drill ░\n"
        )
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    with pytest.raises(UnicodeEncodeError, match="PYTHONIOENCODING"):
        _printed("░", None, by_rich=False, file=ascii_out)


def test_a_tiny_terminal_keeps_hanging_lines_within_its_width(isolated: Path) -> None:
    """At 20 columns a label's hang left too little room for a word: 'Interviewer: ' hung 13
    and 'Recruiter/HR' ran to column 25; 'Due next 7 days: ' took its first day along to 25.
    The hang now shrinks to leave the longest word that fits the width its room."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    assert (
        run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "xterm",
        "EMPREP_PROGRESS": str(isolated),
        "EMPREP_NOW": "2026-11-21T09:00",
    }
    child = Terminal(
        installed_emprep(), ["progress"], env=env, encoding="utf-8", dimensions=(5, 20)
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("Due next 7 days:")
    assert lines[at + 1 : at + 8] == [
        f"{' ' * 12}{d}"
        for d in [
            "Sat 21 0",
            "Sun 22 1",
            "Mon 23 0",
            "Tue 24 0",
            "Wed 25 0",
            "Thu 26 0",
            "Fri 27 0",
        ]
    ]
    child = Terminal(installed_emprep(), ["drill"], env=env, encoding="utf-8", dimensions=(5, 20))
    child.expect(r"\d:\d\d / \d:\d\d")  # the clock: the question is shown
    child.sendintr()
    shown = child.before.replace("\r", "").splitlines()
    child.expect(pexpect.EOF)
    at = shown.index("Interviewer:")
    assert shown[at + 1 : at + 5] == [
        "        Recruiter/HR",
        "        · tags:",
        "        Behavioral,",
        "        Experience",
    ]


def test_wide_characters_are_wrapped_by_the_columns_they_take(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A story titled in Japanese: its line was measured in characters (54), not the columns
    the terminal gives it (80), so it was not wrapped and the terminal cut it mid-word."""
    monkeypatch.setattr(output, "is_tty", lambda: True)
    monkeypatch.setattr(render, "width", lambda: 60)
    title = "チーム再編の危機を乗り越えた話とその後の学び"  # 22 characters, 44 columns
    line = f"  s1   {title}: answers 1 question, shows 4 competencies"
    assert render.wrapped(line) == [
        f"  s1   {title}: answers",  # 60 columns
        "  1 question, shows 4 competencies",
    ]
    assert render.wrapped("the " + "日本" * 5) == ["the " + "日本" * 5]  # 24 columns: fits
