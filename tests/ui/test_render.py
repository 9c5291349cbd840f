from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from pathlib import Path
from unittest import mock

import pexpect
import pytest
from conftest import Terminal, installed_emprep, run, spawn
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

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
    child.expect_exact("space: reveal")  # the line under it: the question is shown
    child.sendintr()
    shown = child.before.replace("\r", "").splitlines()
    child.expect(pexpect.EOF)
    at = shown.index("Interviewer:")
    assert shown[at + 1 : at + 5] == [
        "        Recruiter/HR",
        "        · tags:",
        "        Behavioral,",
        "        Values",
    ]


# Text a person typed in Japanese, with emoji or with combining accents: measured in terminal
# cells (rich's cell_len, as wcwidth counts), never in characters.
NOW = "2026-11-21T09:00"
TITLE = "チームの再編成を率いた話 🚀"
SITUATION = (
    "新しい組織で二つのチームを統合し、リリースの遅れを三か月で解消した。😅 "
    "The merge had stalled for a quarter."
)
ACCENTS = "Re\u0301organisation de l'e\u0301quipe"  # two combining accents: 26 cells, 28 characters


def _stories() -> None:
    """A story in Japanese and emoji, one with combining accents, and a round logged in
    Japanese with a note."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    for title, situation, competency, question in [
        (TITLE, SITUATION, "leadership", "rec-why-coursera"),
        (ACCENTS, "s", "conflict-resolution", "com-team-conflict"),
    ]:
        added = run(
            *("story", "add", "--title", title, "--situation", situation, "--task", "t"),
            *("--action", "a", "--result", "r", "--competencies", competency),
            *("--questions", question),
        )
        assert added.code == 0, added.stderr
    logged = run(
        *("rounds", "log", "recruiter", "--date", "2026-11-20"),
        *("--asked", "なぜこの会社を選んだのですか？"),
        *("--note", "緊張したが、チーム再編の話はうまく伝わった。次は数字をもっと具体的に話す。"),
        env={"EMPREP_NOW": NOW},
    )
    assert logged.code == 0, logged.stderr


def _screen(progress: Path, width: int, *args: str) -> list[str]:
    """What a person sees of `emprep ARGS` in a terminal `width` columns wide; no line is
    wider than the terminal in cells."""
    child = spawn(list(args), progress, NOW, width=width)
    child.expect(pexpect.EOF)
    lines: list[str] = child.before.replace("\r", "").splitlines()
    assert [line for line in lines if cell_len(line) > width] == []
    return lines


def _after(lines: list[str], first: str, count: int) -> list[str]:
    at = lines.index(first)
    return lines[at : at + count]


SCREENS = {
    60: {
        "story list": [
            "id  title                        competencies / questions",
            f"s1  {TITLE}  leadership",
            "    rec-why-coursera",
            f"s2  {ACCENTS}   conflict-resolution",
            "    com-team-conflict",
        ],
        "situation": [
            "Situation",
            "新しい組織で二つのチームを統合し、リリースの遅れを三か月で解",
            "消した。😅 The merge had stalled for a quarter.",
            "",
        ],
        "coverage": [
            f"  s1   {TITLE}: answers 1 question,",
            "       shows 4 competencies",
        ],
        "rounds had": [
            "Rounds you have had",
            '  2026-11-20 recruiter: asked "なぜこの会社を選んだのです',
            # a line never starts with ？: the character before goes down with it
            '                        か？"',
            "    note: 緊張したが、チーム再編の話はうまく伝わった。次は数",
            "          字をもっと具体的に話す。",
            "",
        ],
    },
    80: {
        "story list": [
            "┏━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓",
            "┃ id ┃ title                       ┃ competencies        ┃ questions         ┃",
            "┡━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩",
            f"│ s1 │ {TITLE} │ leadership          │ rec-why-coursera  │",
            f"│ s2 │ {ACCENTS}  │ conflict-resolution │ com-team-conflict │",
            "└────┴─────────────────────────────┴─────────────────────┴───────────────────┘",
        ],
        "situation": [
            "Situation",
            "新しい組織で二つのチームを統合し、リリースの遅れを三か月で解消した。😅 The merge",
            "had stalled for a quarter.",
            "",
        ],
        "coverage": [f"  s1   {TITLE}: answers 1 question, shows 4 competencies"],
        "rounds had": [
            "Rounds you have had",
            '  2026-11-20 recruiter: asked "なぜこの会社を選んだのですか？"',
            "    note: 緊張したが、チーム再編の話はうまく伝わった。次は数字をもっと具体的に話",
            "          す。",
            "",
        ],
    },
}


@pytest.mark.parametrize("width", [60, 80])
def test_japanese_and_emoji_fit_the_terminal_and_keep_their_columns(
    isolated: Path, width: int
) -> None:
    """At 60 columns `story list` is a stacked table whose columns line up in cells after a
    title of double-width characters and one with combining accents; at 80 rich boxes it.
    The situation, a story's line in `story coverage` and a round's note in Japanese fill
    their lines, cut between characters, the hang kept."""
    _stories()
    want = SCREENS[width]
    listed = _screen(isolated, width, "story", "list")
    assert listed == want["story list"]
    shown = _screen(isolated, width, "story", "show", "s1")
    assert shown[0] == f"s1: {TITLE}"
    assert _after(shown, "Situation", 4) == want["situation"]
    covered = _screen(isolated, width, "story", "coverage")
    assert _after(covered, want["coverage"][0], len(want["coverage"])) == want["coverage"]
    progress = _screen(isolated, width, "progress")
    rounds = want["rounds had"]
    assert _after(progress, rounds[0], len(rounds)) == rounds


LONG = "二つの開発チームを一つにまとめ、止まっていたリリースを三か月で立て直した話 🚀"


@pytest.mark.parametrize(
    ("width", "under"),
    [
        (
            60,
            [
                "    二つの開発チームを一つにまとめ、止まっていたリリースを三",
                "    か月で立て直した話 🚀 ·",
                "    rec-why-coursera, ppl-difficult-feedback",
            ],
        ),
        (
            80,
            [
                "    二つの開発チームを一つにまとめ、止まっていたリリースを三か月で立て直した話",
                "    🚀 · rec-why-coursera, ppl-difficult-feedback",
            ],
        ),
    ],
)
def test_a_long_japanese_title_under_its_row_fills_the_line(
    isolated: Path, width: int, under: list[str]
) -> None:
    """A title of 77 cells cannot be a column: it goes under the row, where it is cut between
    characters by cells (by characters, the first line ran to 95 cells at 60 columns)."""
    added = run(
        *("story", "add", "--title", LONG, "--situation", "s", "--task", "t", "--action", "a"),
        *("--result", "r", "--competencies", "leadership"),
        *("--questions", "rec-why-coursera,ppl-difficult-feedback"),
    )
    assert added.code == 0, added.stderr
    assert _screen(isolated, width, "story", "list") == [
        "id  competencies / title · questions",
        "s1  leadership",
        *under,
    ]


def test_piped_columns_line_up_in_cells(isolated: Path) -> None:
    """Into a pipe, one row a line, the columns padded to the same cell: a double-width title
    takes two per character, a combining accent none."""
    _stories()
    listed = run("story", "list")
    assert listed.code == 0
    assert listed.stdout.splitlines() == [
        "id  title                        competencies         questions",
        f"s1  {TITLE}  leadership           rec-why-coursera",
        f"s2  {ACCENTS}   conflict-resolution  com-team-conflict",
    ]
    at = [
        cell_len(line[: line.index(word)])
        for line, word in zip(
            listed.stdout.splitlines(),
            ["competencies", "leadership", "conflict-resolution"],
            strict=True,
        )
    ]
    assert at == [33, 33, 33]


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


def test_a_command_in_a_hint_is_never_cut_across_lines(isolated: Path) -> None:
    """A command cut at one of its spaces cannot be copied and run: a line is cut before the
    command instead (at 60 columns the rating hint, at 80 the pace advice), and one with no
    command wraps as before."""
    assert run("config", "set", "interview", "2026-12-15").code == 0
    assert run("config", "set", "interview.recruiter", "2026-12-01").code == 0
    assert run("config", "set", "hours", "20").code == 0  # the advised count fits the week
    lines = _screen(isolated, 60, "questions", "tech-kafka-events")
    assert _after(lines, "  Rate an answer to it:", 2) == [
        "  Rate an answer to it:",
        "  emprep review tech-kafka-events RATING",
    ]
    pace = "  At 5 a day about 20 of 108 questions will be ready on"
    assert _after(_screen(isolated, 80, "today"), pace + " their rounds' days", 4) == [
        pace + " their rounds' days",
        "  (Tue 1 Dec to Tue 15 Dec); 14 a day would make 103 ready",
        "  (emprep config set count 14). These are FSRS's predictions, for an average",
        "  learner until your ratings show otherwise.",
    ]
    assert _after(_screen(isolated, 60, "today"), pace, 4) == [
        pace,
        "  their rounds' days (Tue 1 Dec to Tue 15 Dec); 14 a day",
        "  would make 103 ready (emprep config set count 14). These",
        "  are FSRS's predictions, for an average learner until your",
    ]


def test_a_hanging_line_leaves_a_command_room_to_stay_whole(isolated: Path) -> None:
    """At 40 columns the list after "No story shows:" hangs under its text; the command at its
    end is wider than the room that hang leaves, so the hang narrows for it: it was cut
    between `coverage` and its closing parenthesis."""
    assert (
        run(
            "story",
            "add",
            "--title",
            "Grading",
            "--situation",
            "s",
            "--task",
            "t",
            "--action",
            "a",
            "--result",
            "r",
            "--competencies",
            "system-design",
        ).code
        == 0
    )
    lines = _screen(isolated, 40, "progress")
    start = next(k for k, x in enumerate(lines) if x.startswith("  No story shows:"))
    assert lines[start : lines.index("", start)] == [
        "  No story shows: Leadership & People",
        "                 Management, Strategic",
        "                 Thinking & Business",
        "                 Acumen, Technical",
        "                 leadership and 19 more",
        "                 (emprep story coverage)",
    ]


def test_a_number_is_never_cut_from_its_unit(isolated: Path) -> None:
    """At 60 columns the pace advice's hours came apart: "...your plan's 3" / "h a week."."""
    assert run("config", "set", "interview", "2026-12-15").code == 0
    assert run("config", "set", "hours", "3").code == 0
    for columns in (40, 50, 60, 70, 80):
        lines = _screen(isolated, columns, "today")
        assert any(" h a week" in line for line in lines)
        assert not [line for line in lines if re.match(r"\s*h a week", line)], columns


def test_days_weeks_and_milliseconds_stay_with_their_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "in 12" / "days" read as a count of something else: the unit goes down with it."""
    monkeypatch.setattr(output, "is_tty", lambda: True)
    monkeypatch.setattr(render, "width", lambda: 24)
    assert render.wrapped("Your screen comes in 12 days, the onsite") == [
        "Your screen comes in",
        "12 days, the onsite",
    ]
    assert render.wrapped("The onsite is about 3 weeks from now") == [
        "The onsite is about",
        "3 weeks from now",
    ]
    assert render.wrapped("Serving stays under ~100 ms at p99") == [
        "Serving stays under",
        "~100 ms at p99",
    ]


def test_hours_keep_their_minutes(monkeypatch: pytest.MonkeyPatch, isolated: Path) -> None:
    """A plan task's estimate read "(1 h" at a line's end and "30)" under it, and a week's
    drill "about 4 h" / "22 (5 a day)": the minutes go down with their hours."""
    monkeypatch.setattr(output, "is_tty", lambda: True)
    monkeypatch.setattr(render, "width", lambda: 30)
    assert render.wrapped("write what you left out. (1 h 30)") == [
        "write what you left out.",
        "(1 h 30)",
    ]
    monkeypatch.setattr(render, "width", lambda: 52)
    assert render.wrapped("Tasks about 2 h 45 of your 6 h; the drill about 4 h 22 (5 a day).") == [
        "Tasks about 2 h 45 of your 6 h; the drill about",
        "4 h 22 (5 a day).",
    ]
    assert run("config", "set", "interview", "2027-01-15").code == 0
    lines = _screen(isolated, 42, "plan")
    assert any(line.endswith(" (1 h 30)") for line in lines)
    assert not [line for line in lines if re.search(r"(\(|about )\d+ h$", line)]


def test_days_in_words_ranges_marks_and_numbered_names_stay_whole(isolated: Path) -> None:
    """Cut at any space, the screens read "(Thu" / "3 Dec", "Experience 6 -" / "10 yrs",
    "▓" / "7-9" and "...Skills; 2." / "People Management": each pair goes down whole."""
    env = {"EMPREP_NOW": NOW}
    for key, value in [
        ("interview", "2026-12-14"),
        ("interview.recruiter", "2026-12-03"),
        ("count", "3"),
    ]:
        assert run("config", "set", key, value, env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    today = _screen(isolated, 80, "today")
    assert _from(today, "  At 3 a day", 2) == [
        "  At 3 a day about 14 of 108 questions will be ready on their rounds' days",
        "  (Thu 3 Dec to Mon 14 Dec); 15 a day would make 107 ready",
    ]
    assert _from(_screen(isolated, 40, "today"), "  1. Company", 2) == [
        "  1. Company & Self-Assessment;",
        "     2. People Management Skills",
    ]
    assert _from(_screen(isolated, 40, "progress"), "Last 12 weeks", 2) == [
        "Last 12 weeks (· none, ░ 1-3, ▒ 4-6,",
        "▓ 7-9, █ 10+ reviews)",
    ]
    rounds = _screen(isolated, 60, "rounds")
    assert _from(rounds, "5 rounds, 270 min", 3) == [
        "5 rounds, 270 min in all, ~21 days from first call to",
        "decision. Experience 6 - 10 yrs, salary",
        "US$170000 - US$220000.",
    ]


def _from(lines: list[str], start: str, count: int) -> list[str]:
    """`count` lines from the first that starts with `start`."""
    at = next(k for k, line in enumerate(lines) if line.startswith(start))
    return lines[at : at + count]


HELP_TOP = {
    40: [
        "Usage: emprep [OPTIONS] COMMAND",
        "              [ARGS]...",
        "",
        "  Prepare for an engineering-manager",
        "  interview loop: a plan, a daily",
        "  drill, progress.",
    ],
    60: [
        "Usage: emprep [OPTIONS] COMMAND [ARGS]...",
        "",
        "  Prepare for an engineering-manager interview loop: a",
        "  plan, a daily drill, progress.",
    ],
}


@pytest.mark.parametrize("width", [40, 60])
def test_help_is_as_wide_as_a_narrow_terminal(isolated: Path, width: int) -> None:
    """`emprep` alone, and a command's --help, were 50 columns at least (click's floor): at
    40 every line ran past the edge and the terminal cut them anywhere."""
    lines = _screen(isolated, width)  # no line wider than the terminal
    assert lines[: len(HELP_TOP[width])] == HELP_TOP[width]
    assert "  today       The daily home screen" in lines
    drill = _screen(isolated, width, "drill", "--help")
    assert drill[0].startswith("Usage: emprep drill")


@pytest.mark.parametrize(
    "args", [("plan", "--help"), ("questions", "--help"), ("completion", "--help")]
)
def test_an_options_help_column_gives_way_at_40_columns(isolated: Path, args: tuple[str]) -> None:
    """An option's text kept click's 30-column name column and its own floor of 10, 42
    columns in all: at 40, `plan`, `questions` and `completion` help ran past the edge."""
    lines = _screen(isolated, 40, *args)  # no line wider than the terminal
    if args[0] == "plan":
        assert _from(lines, "  --start DATE", 3) == [
            "  --start DATE",
            "        First day",
            "        [default: config start];",
        ]


def _help_at(width: int, *command: str) -> list[str]:
    """The lines of the installed `emprep COMMAND --help` with COLUMNS at `width`, as a shell
    gives it: click wraps the help to it."""
    env = {**os.environ, "COLUMNS": str(width)}
    out = subprocess.run(
        [installed_emprep(), *command, "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()


@pytest.mark.parametrize("width", [40, 60, 80])
def test_an_env_var_tag_in_help_is_never_cut_inside_its_brackets(
    isolated: Path, width: int
) -> None:
    """At 40 and 60 columns `emprep --help` cut "[env var:" / "EMPREP_DATA]" at its space
    (click's wrapping of typer's tag): now each tag is on one line, at every width."""
    lines = _help_at(width)
    assert max(len(line) for line in lines) <= width
    for var in ("EMPREP_DATA", "EMPREP_PROGRESS"):
        assert next(line for line in lines if var in line).endswith(f"[env var: {var}]")
    at = lines.index("Options:")
    assert lines[at + 1 : at + 3] == OPTIONS[width]


@pytest.mark.parametrize("width", range(30, 41))
def test_an_env_var_tag_stays_whole_at_30_to_40_columns(isolated: Path, width: int) -> None:
    """Below 36 columns the tags broke again: "use.  [env var:" / "EMPREP_PROGRESS]" at 34,
    "pack.  [env" / "var: EMPREP_DATA]" at 30. Now the text under each name starts at 4 where
    8 leaves a tag too little room: every tag whole from 32 columns; at 30 and 31 the text has
    24 and 25 columns, and "[env var: EMPREP_PROGRESS]" (26) breaks after its colon only."""
    lines = _help_at(width)
    assert max(len(line) for line in lines) <= width
    assert not any(line.endswith("[env") for line in lines)
    for var in ("EMPREP_DATA", "EMPREP_PROGRESS"):
        at = next(k for k, line in enumerate(lines) if var in line)
        if width >= 32 or var == "EMPREP_DATA":
            assert lines[at] == f"    [env var: {var}]" or lines[at].endswith(f"  [env var: {var}]")
        else:
            assert (lines[at - 1].endswith("[env var:"), lines[at]) == (True, f"    {var}]")


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_default_tag_in_help_is_never_cut_inside_its_brackets(isolated: Path, width: int) -> None:
    """At 40 columns `drill --help` cut "[default: config" / "count, else 5]." at its space,
    and `plan --help` every "[default: ...]" at 40, 60 and 80: now each is on one line."""
    for command, tags in DEFAULT_TAGS.items():
        lines = _help_at(width, command)
        assert max(len(line) for line in lines) <= width
        assert [tag for tag in tags if any(tag in line for line in lines)] == tags
    count = _from(_screen(isolated, width, "drill", "--help"), "  --count N", 3)
    assert count == COUNT[width]


DEFAULT_TAGS = {
    "drill": ["[default: config count, or 5].", "[default: table]"],
    "plan": [
        "[default: config start];",
        "[default: config interview].",
        "[default: to interview, or 8].",
        "[default: config hours, or 6].",
    ],
}
COUNT = {
    40: ["  --count N", "        Questions a day", "        [default: config count, or 5]."],
    60: [
        "  --count N              Questions a day",
        "                         [default: config count, or 5].",
        "  --more                 Today's drill is done: the",
    ],
    80: [
        "  --count N              Questions a day [default: config count, or 5].",
        "  --more                 Today's drill is done: the reviews due it left, then",
        "                         more practice.",
    ],
}


OPTIONS = {
    40: ["  --data DIR", "        Folder of another loop pack."],
    60: [
        "  --data DIR       Folder of another loop pack.",
        "                   [env var: EMPREP_DATA]",
    ],
    80: [
        "  --data DIR       Folder of another loop pack.  [env var: EMPREP_DATA]",
        "  --progress PATH  The progress file to use.  [env var: EMPREP_PROGRESS]",
    ],
}


def test_a_long_heading_over_short_figures_wraps_so_the_names_keep_the_room(
    isolated: Path,
) -> None:
    """`story coverage` with six stories at 80 columns: the heading "questions with a story"
    over figures such as 9/56 folds onto three lines (the other headings on the last), so the
    competencies keep the width ("Leadership & People Management" on one line) instead of a
    column of short figures 22 places wide."""
    for n in range(6):
        added = run(
            *("story", "add", "--title", f"Story {n}", "--situation", "s", "--task", "t"),
            *("--action", "a", "--result", "r", "--competencies", "leadership"),
        )
        assert added.code == 0, added.stderr
    covered = _screen(isolated, 80, "story", "coverage")
    top = "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━┳━━━━┳━━━━┳━━━━┳━━━━┳━━━━┳━━━━━━━━━━━┓"
    assert _after(covered, top, 7) == [
        top,
        "┃                                    ┃    ┃    ┃    ┃    ┃    ┃    ┃ questions ┃",
        "┃                                    ┃    ┃    ┃    ┃    ┃    ┃    ┃ with a    ┃",
        "┃ competency                         ┃ s1 ┃ s2 ┃ s3 ┃ s4 ┃ s5 ┃ s6 ┃ story     ┃",
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━╇━━━━╇━━━━╇━━━━╇━━━━╇━━━━╇━━━━━━━━━━━┩",
        "│ Leadership & People Management     │ ●  │ ●  │ ●  │ ●  │ ●  │ ●  │ 0/56      │",
        "│   Cultural fit                     │ ·  │ ·  │ ·  │ ·  │ ·  │ ·  │ 0/8       │",
    ]


def test_the_drill_list_boxes_its_questions_only_with_room_for_them(isolated: Path) -> None:
    """`drill --list` at 120 columns with an interview date: the ids, rounds and "recall at
    deadline" took so much of a box that each question wrapped in 28 places, four lines and
    more a row, taller than the same list at 80 columns in rows. A box leaves the question 40
    places at least; else the rows, each question whole on the line under its row."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    at_120 = _screen(isolated, 120, "drill", "--list")
    assert at_120[1:4] == [
        "#  id                  kind  rounds               deadline    "
        "recall at deadline / question",
        "1  rec-mission-values  new   recruiter,executive  2027-01-15  -",
        "    Which of Coursera's values resonates most with you, and how have you lived it "
        "at work?",
    ]
    at_140 = _screen(isolated, 140, "drill", "--list")
    assert at_140[4:6] == [
        "│ 1 │ rec-mission-values │ new  │ recruiter,executive │ 2027-01-15 │ -"
        "                  │ Which of Coursera's values resonates most with   │",
        "│   │                    │      │                     │            │  "
        "                  │ you, and how have you lived it at work?          │",
    ]


def test_config_show_wraps_a_value_under_itself(isolated: Path) -> None:
    """At 60 columns the default of `start` went on at the terminal's edge, its last word
    under the key ("one" under "start"), and a round's hint under the round's id."""
    assert run("config", "set", "interview.recruiter", "2027-01-01").code == 0
    lines = _screen(isolated, 60, "config", "show")
    at = lines.index("start      default: the first practice day, else the next")
    assert lines[at + 1] == "           one"
    at = lines.index("  people     no date yet; set it:")
    assert lines[at + 1] == "             emprep config set interview.people YYYY-MM-DD"


def test_config_show_wraps_the_file_under_itself(isolated: Path) -> None:
    """At 40 columns a long progress path went on at column 0, under `file`, not under itself
    as every other value does. It is cut after a `/`, and hangs less under the label where a
    folder's name is wider than the 29 columns it leaves (the test's own folder, 32), as a
    labelled line does rather than cut a word."""
    lines = _screen(isolated, 40, "config", "show")
    at = next(i for i, line in enumerate(lines) if line.split()[:1] == ["file"])
    rest = [line for line in lines[at:] if line]
    assert len(rest) > 1
    names = re.split(r"(?<=/)", str(isolated))
    hang = min(11, 40 - max(len(n) for n in names))
    assert all(line[:hang].isspace() and line[hang] != " " for line in rest[1:])
    assert all(line.endswith("/") for line in rest[:-1])
    assert "".join(line.removeprefix("file").strip() for line in rest) == str(isolated)


def test_a_commands_one_line_result_wraps_at_its_words(isolated: Path) -> None:
    """At 60 columns `review`, `undo`, `story link`, `story rm` and `config unset` printed their
    line whole and the terminal cut it at its edge: "Next review 2026-12-0" / "4.", "com-diff"
    / "icult-decision". Piped, each is still one line."""
    assert run("config", "set", "interview", "2026-12-30", env={"EMPREP_NOW": NOW}).code == 0
    fields = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "The reorg", *fields, env={"EMPREP_NOW": NOW}).code == 0
    link = ["story", "link", "s1", "ppl-difficult-feedback", "com-difficult-decision"]
    assert _screen(isolated, 60, *link) == [
        "Linked s1 to ppl-difficult-feedback, com-difficult-decision;",
        "it answers 2 questions.",
    ]
    assert _screen(isolated, 60, "config", "unset", "interview.recruiter") == [
        "interview.recruiter was not set; the round takes the loop's",
        "date (interview: 2026-12-30)",
    ]
    rated = _screen(isolated, 60, "review", "ppl-difficult-feedback", "good")
    assert rated[0] == "Recorded ppl-difficult-feedback: Good. Next review"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d\.", rated[1])
    taken = _screen(isolated, 60, "undo")
    assert taken[0].startswith("Took back ppl-difficult-feedback: Good (")
    assert taken[1] == "it is new again."
    removed = _screen(isolated, 60, "story", "rm", "s1", "--yes")
    kept = isolated.parent / "drafts" / "story-s1-removed-20261121-090000.txt"
    assert removed[0] == "Deleted story s1. It is kept in"
    back = f"{kept}; to add it back (as a new id): emprep story add --from {kept}"
    # a path wider than the line is cut; the words around it wrap
    assert "".join(removed[1:]).replace(" ", "") == back.replace(" ", "")
    piped = run("review", "ppl-difficult-feedback", "good", env={"EMPREP_NOW": NOW}).stdout
    assert re.fullmatch(r"Recorded ppl-difficult-feedback: Good\. Next review \S+\.\n", piped)


@pytest.mark.parametrize("columns", [None, "50"], ids=["a-pane", "emacs-shell"])
def test_a_dumb_terminal_is_drawn_at_its_own_width_not_80(
    isolated: Path, columns: str | None
) -> None:
    """TERM=dumb (Emacs's shell sets it, with COLUMNS; or a pane where colour is unwanted) at 50
    columns: rich takes a dumb terminal to be 80 columns whatever its size or COLUMNS say, so
    every line was laid out for 80 and cut by the terminal at 50, mid-word ("[1/3] Recruiter/HR
    Interview / Executive Le" / "adership Interview"). Now its own width, as any terminal's,
    and still no colour."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "NO_COLOR"}}
    env |= {"TERM": "dumb", "EMPREP_PROGRESS": str(isolated), "EMPREP_NOW": "2026-11-20T09:00"}
    env |= {"COLUMNS": columns} if columns else {}
    child = Terminal(installed_emprep(), ["today"], env=env, encoding="utf-8", dimensions=(40, 50))
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert lines[:2] == ["Friday 20 November: 56 days to the interview", "(2027-01-15)"]
    assert max(len(line) for line in lines) <= 50
    assert lines[-1] == "Next: emprep drill (5 questions, about 16 minutes)"
    assert "\x1b" not in child.before


def test_a_command_in_a_plan_task_is_never_cut_across_lines(isolated: Path) -> None:
    """A task's estimate is held whole on its line ("(4 h)"), and that hold let the command
    in the task be cut: at 50 columns `today` showed "... STAR stories with 'emprep" above
    "story add', result first", and `plan` "('emprep mock --round" above "technical')"."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    lines = _screen(isolated, 50, "today")
    assert _after(lines, "    2. [ ] Write 8-12 STAR stories with", 3) == [
        "    2. [ ] Write 8-12 STAR stories with",
        "           'emprep story add', result first,",
        "           including a failure, a production",
    ]
    plan = _screen(isolated, 50, "plan")
    mocks = [x.strip() for x in plan if "('emprep mock" in x]
    assert mocks[:2] == [  # the people, strategic and executive mocks in week 3 (a mock a day)
        "('emprep mock --round people'), and write",
        "('emprep mock --round strategic'), and",
    ]


def test_a_rounds_day_on_today_wraps_whole_under_its_name(isolated: Path) -> None:
    """At 50 columns `today` cut a round's line after "in", its days going on at the list's
    own indent as if another round ("  People Management & Leadership: 2026-12-14, in" above
    "  23 days"): the day and its count now go whole under the name."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "interview.rec", "2026-12-01").code == 0
    lines = _screen(isolated, 50, "today")
    assert _after(lines, "  Recruiter/HR Interview: 2026-12-01, in 10 days", 5) == [
        "  Recruiter/HR Interview: 2026-12-01, in 10 days",
        "  Technical Deep Dive: 2026-12-14, in 23 days",
        "  People Management & Leadership:",
        "    2026-12-14, in 23 days",
        "  Strategic & Product Alignment:",
    ]
