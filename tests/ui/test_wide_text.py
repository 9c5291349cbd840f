"""Text a person typed in Japanese, with emoji or with combining accents, on a terminal and in
a pipe: measured in terminal cells (rich's cell_len, as wcwidth counts), never in characters,
so no line runs past the edge and the columns stay aligned."""

from __future__ import annotations

import io
from pathlib import Path

import pexpect
import pytest
from conftest import run, spawn
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from emprep.ui import render, stacked

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
            '  か？"',  # a line never starts with ？: the character before goes down with it
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
                "    か月で立て直した話 🚀 · rec-why-coursera,",
                "    ppl-difficult-feedback",
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


def test_colours_are_kept_across_a_cut_between_japanese_characters() -> None:
    """Under a stacked row, text with double-width characters is cut by cells, its colour
    on both sides of the cut."""
    out = io.StringIO()
    console = Console(file=out, width=24, force_terminal=True, color_system="standard")
    rows = [[Text("1"), Text("new", style="cyan"), Text("再編成の話" * 3, style="red")]]
    stacked.show(console, ["#", "kind", "question"], rows, wide=2)
    assert out.getvalue().splitlines() == [
        "\x1b[1m#  kind / question\x1b[0m",
        "1  \x1b[36mnew\x1b[0m",
        "    \x1b[31m再編成の話再編成の話\x1b[0m",
        "    \x1b[31m再編成の話\x1b[0m",
    ]


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
    lines = [line.plain for line in render.fold(Text(text), room, hang)]
    assert all(cell_len(line) <= room for line in lines)
    assert all(line.startswith(" " * min(hang, room - 2)) for line in lines[1:])
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
