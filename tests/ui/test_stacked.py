from __future__ import annotations

import io
import re
from pathlib import Path

import pexpect
import pytest
from conftest import run, spawn
from rich.console import Console
from rich.text import Text

from emprep.core.pack import Pack
from emprep.ui import stacked

NOW = "2026-11-20T09:00"


def _week_and_a_half() -> None:
    """An interview in 31 days and four answers ten days ago, one of them on the longest id."""
    assert run("config", "set", "interview", "2026-12-21").code == 0
    for qid, rating in [
        ("tech-design-deadline-reminders", "again"),
        ("ppl-difficult-feedback", "good"),
        ("rec-team-health", "good"),
        ("str-okrs", "hard"),
    ]:
        assert run("review", qid, rating, env={"EMPREP_NOW": "2026-11-10T09:00"}).code == 0


def _screen(progress: Path, width: int, *args: str) -> list[str]:
    """What a person sees of `emprep ARGS` in a terminal `width` columns wide; no line wider."""
    child = spawn(list(args), progress, NOW, width=width)
    child.expect(pexpect.EOF)
    lines: list[str] = child.before.replace("\r", "").splitlines()
    assert [line for line in lines if len(line) > width] == []
    return lines


def _between(lines: list[str], first: str, end: str) -> list[str]:
    """The lines from the one starting with `first` to the one before the one starting `end`."""
    start = next(k for k, line in enumerate(lines) if line.startswith(first))
    stop = next(k for k in range(start + 1, len(lines)) if lines[k].startswith(end))
    return lines[start:stop]


DRILL = {
    40: [
        "#  id",
        "    kind · rounds · deadline ·",
        "    recall at deadline · question",
        "1  tech-design-deadline-reminders",
        "    review · technical · 2026-12-21 ·",
        "    45% · Design the reminder system",
        "    that nudges learners by email, push",
        "    and in-app message before",
        "    assignments are due, across time",
        "    zones and personal schedules,",
        "    without spamming them.",
        "2  rec-mission-values",
        "    new · recruiter,executive ·",
        "    2026-12-21 · - · Which of Coursera's",
        "    values resonates most with you, and",
        "    how have you lived it at work?",
        "3  rec-hands-on",
        "    new · recruiter,technical ·",
        "    2026-12-21 · - · How hands-on are",
        "    you today, and how hands-on do you",
        "    expect to be in this role?",
        "4  exe-leadership-philosophy",
        "    new · people,executive · 2026-12-21",
        "    · - · What is your leadership",
        "    philosophy, and how does it show in",
        "    the way you manage day to day?",
        "5  exe-first-90-days",
        "    new · people,executive · 2026-12-21",
        "    · - · You join and take over a team",
        "    you did not hire. What do you do in",
        "    your first 90 days, and what should",
        "    be true by the end of your first",
        "    year?",
    ],
    60: [
        "                                           recall",
        "#  id                              kind    at deadline",
        "    rounds · deadline · question",
        "1  tech-design-deadline-reminders  review  45%",
        "    technical · 2026-12-21 · Design the reminder system that",
        "    nudges learners by email, push and in-app message before",
        "    assignments are due, across time zones and personal",
        "    schedules, without spamming them.",
        "2  rec-mission-values              new     -",
        "    recruiter,executive · 2026-12-21 · Which of Coursera's",
        "    values resonates most with you, and how have you lived",
        "    it at work?",
        "3  rec-hands-on                    new     -",
        "    recruiter,technical · 2026-12-21 · How hands-on are you",
        "    today, and how hands-on do you expect to be in this",
        "    role?",
        "4  exe-leadership-philosophy       new     -",
        "    people,executive · 2026-12-21 · What is your leadership",
        "    philosophy, and how does it show in the way you manage",
        "    day to day?",
        "5  exe-first-90-days               new     -",
        "    people,executive · 2026-12-21 · You join and take over a",
        "    team you did not hire. What do you do in your first",
        "    90 days, and what should be true by the end of your",
        "    first year?",
    ],
    80: [
        "                                                                recall",
        "#  id                              kind    rounds               at deadline",
        "    deadline · question",
        "1  tech-design-deadline-reminders  review  technical            45%",
        "    2026-12-21 · Design the reminder system that nudges learners by email, push",
        "    and in-app message before assignments are due, across time zones and",
        "    personal schedules, without spamming them.",
        "2  rec-mission-values              new     recruiter,executive  -",
        "    2026-12-21 · Which of Coursera's values resonates most with you, and how",
        "    have you lived it at work?",
        "3  rec-hands-on                    new     recruiter,technical  -",
        "    2026-12-21 · How hands-on are you today, and how hands-on do you expect to",
        "    be in this role?",
        "4  exe-leadership-philosophy       new     people,executive     -",
        "    2026-12-21 · What is your leadership philosophy, and how does it show in the",
        "    way you manage day to day?",
        "5  exe-first-90-days               new     people,executive     -",
        "    2026-12-21 · You join and take over a team you did not hire. What do you do",
        "    in your first 90 days, and what should be true by the end of your first",
        "    year?",
    ],
}


@pytest.mark.parametrize("width", [40, 60, 80])
def test_the_drill_list_is_a_table_at_40_60_and_80_columns(isolated: Path, width: int) -> None:
    """Each row's short cells in columns under the headers, its question under them. The
    longest id leaves no room for the whole header at 80 columns: "recall at deadline" takes
    two lines; at 60 the deadline and the rounds go under the row, beside the question; at 40
    the kind and the recall too, the id kept (the line ran 5 columns past the edge)."""
    _week_and_a_half()
    lines = _screen(isolated, width, "drill", "--list")
    start = 3 if width == 40 else 2  # the first line of the drill is wrapped once more at 40
    assert _between(lines, lines[start], "At 5 a day") == DRILL[width]


def test_at_50_columns_the_recall_s_header_reads_as_its_own_column(isolated: Path) -> None:
    """At 50 columns the kind, the rounds and the deadline go under the row and "recall at
    deadline" takes two lines: cut as "recall at" above "deadline", the line beside the id
    read "#  id  deadline" over the recall's 45%, the deadline's name over the wrong column
    (the deadline itself under the row). The name is cut where its second line is no other
    column's: "recall" above "at deadline"."""
    _week_and_a_half()
    lines = _screen(isolated, 50, "drill", "--list")
    assert lines[2:6] == [
        "                                   recall",
        "#  id                              at deadline",
        "    kind · rounds · deadline · question",
        "1  tech-design-deadline-reminders  45%",
    ]


def test_the_drill_list_is_boxed_at_160_columns_and_in_rows_at_130(isolated: Path) -> None:
    """Wide enough for every column side by side (its rounds here are two a row) and 40 places
    for the question: a box. At 130 the box left the question 24 places ("Design the reminder"
    / "system that nudges" ...), so the rows give it the line under its row."""
    _week_and_a_half()
    lines = _screen(isolated, 160, "drill", "--list")
    assert lines[1:6] == [
        "┏━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳"
        "━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ # ┃ id                             ┃ kind   ┃ rounds              ┃ deadline   ┃"
        " recall at deadline ┃ question                                               ┃",
        "┡━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇"
        "━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ 1 │ tech-design-deadline-reminders │ review │ technical           │ 2026-12-21 │"
        " 45%                │ Design the reminder system that nudges learners by     │",
        "│   │                                │        │                     │            │"
        "                    │ email, push and in-app message before assignments are  │",
    ]
    assert _screen(isolated, 130, "drill", "--list")[1:5] == [
        "#  id                              kind    rounds               deadline    "
        "recall at deadline / question",
        "1  tech-design-deadline-reminders  review  technical            2026-12-21  45%",
        "    Design the reminder system that nudges learners by email, push and in-app message "
        "before assignments are due, across time",
        "    zones and personal schedules, without spamming them.",
    ]


PROGRESS = {
    60: [
        "                              due    recall on",
        "date        when        seen  today  interview day / round",
        "2026-12-21  in 31 days  1/18  1      4%",
        "    Recruiter/HR Interview",
        "2026-12-21  in 31 days  1/36  1      1%",
        "    Technical Deep Dive",
        "2026-12-21  in 31 days  2/35  2      4%",
        "    People Management & Leadership",
        "2026-12-21  in 31 days  1/22  1      3%",
        "    Strategic & Product Alignment",
        "2026-12-21  in 31 days  0/25  0      0%",
        "    Executive Leadership Interview",
    ],
    80: [
        "date        when        seen  due today  recall on interview day / round",
        "2026-12-21  in 31 days  1/18  1          4%",
        "    Recruiter/HR Interview",
        "2026-12-21  in 31 days  1/36  1          1%",
        "    Technical Deep Dive",
        "2026-12-21  in 31 days  2/35  2          4%",
        "    People Management & Leadership",
        "2026-12-21  in 31 days  1/22  1          3%",
        "    Strategic & Product Alignment",
        "2026-12-21  in 31 days  0/25  0          0%",
        "    Executive Leadership Interview",
    ],
    120: [
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━┳━━━"
        "━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ round                          ┃ date       ┃ when       ┃ seen ┃ due today ┃ recall"
        " on interview day ┃",
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━╇━━━"
        "━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ Recruiter/HR Interview         │ 2026-12-21 │ in 31 days │ 1/18 │ 1         │ 4%     "
        "                 │",
        "│ Technical Deep Dive            │ 2026-12-21 │ in 31 days │ 1/36 │ 1         │ 1%     "
        "                 │",
        "│ People Management & Leadership │ 2026-12-21 │ in 31 days │ 2/35 │ 2         │ 4%     "
        "                 │",
        "│ Strategic & Product Alignment  │ 2026-12-21 │ in 31 days │ 1/22 │ 1         │ 3%     "
        "                 │",
        "│ Executive Leadership Interview │ 2026-12-21 │ in 31 days │ 0/25 │ 0         │ 0%     "
        "                 │",
        "└────────────────────────────────┴────────────┴────────────┴──────┴───────────┴───"
        "──────────────────────┘",
    ],
}


@pytest.mark.parametrize("width", [60, 80, 120])
def test_progress_per_round_is_a_table_at_every_width(isolated: Path, width: int) -> None:
    """At 60 columns the two long headers take two lines each, bottom-aligned over figures
    that stay in their columns; at 80 the headers fit whole; at 120 it is boxed."""
    _week_and_a_half()
    lines = _screen(isolated, width, "progress")
    start = lines.index("Streak 0 days · 4 reviews on 1 day · 0 min answering") + 2
    assert _between(lines, lines[start], "Recall is") == PROGRESS[width]


ROUNDS = {
    60: [
        "#  id         difficulty  length  date",
        "    round · kind · interviewer",
        "1  recruiter  Medium      45 min  2026-12-21",
        "    Recruiter/HR Interview · HR Screen · Recruiter/HR",
        "2  technical  Hard        60 min  2026-12-21",
        "    Technical Deep Dive · Technical Interview ·",
        "    Senior Software Engineer/Engineering Lead",
        "3  people     Hard        60 min  2026-12-21",
        "    People Management & Leadership ·",
        "    People Management Interview ·",
        "    Director of Engineering/VP of Engineering",
        "4  strategic  Hard        45 min  2026-12-21",
        "    Strategic & Product Alignment ·",
        "    Cross-Functional/Product Interview ·",
        "    Director of Product Management/Senior Product Manager",
        "5  executive  Hard        60 min  2026-12-21",
        "    Executive Leadership Interview · Executive/Final Round ·",
        "    VP of Engineering/CTO",
    ],
    80: [
        "#  id         round                           difficulty  length  date",
        "    kind · interviewer",
        "1  recruiter  Recruiter/HR Interview          Medium      45 min  2026-12-21",
        "    HR Screen · Recruiter/HR",
        "2  technical  Technical Deep Dive             Hard        60 min  2026-12-21",
        "    Technical Interview · Senior Software Engineer/Engineering Lead",
        "3  people     People Management & Leadership  Hard        60 min  2026-12-21",
        "    People Management Interview · Director of Engineering/VP of Engineering",
        "4  strategic  Strategic & Product Alignment   Hard        45 min  2026-12-21",
        "    Cross-Functional/Product Interview ·",
        "    Director of Product Management/Senior Product Manager",
        "5  executive  Executive Leadership Interview  Hard        60 min  2026-12-21",
        "    Executive/Final Round · VP of Engineering/CTO",
    ],
    120: [
        "#  id         round                           kind                               "
        " difficulty  length  date / interviewer",
        "1  recruiter  Recruiter/HR Interview          HR Screen                          "
        " Medium      45 min  2026-12-21",
        "    Recruiter/HR",
        "2  technical  Technical Deep Dive             Technical Interview                 Hard "
        "       60 min  2026-12-21",
        "    Senior Software Engineer/Engineering Lead",
        "3  people     People Management & Leadership  People Management Interview         Hard "
        "       60 min  2026-12-21",
        "    Director of Engineering/VP of Engineering",
        "4  strategic  Strategic & Product Alignment   Cross-Functional/Product Interview  Hard "
        "       45 min  2026-12-21",
        "    Director of Product Management/Senior Product Manager",
        "5  executive  Executive Leadership Interview  Executive/Final Round               Hard "
        "       60 min  2026-12-21",
        "    VP of Engineering/CTO",
    ],
}


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_dated_loop_is_a_table_at_every_width(isolated: Path, width: int) -> None:
    """With a date column the loop cannot be boxed without cutting "Cross-Functional/Product",
    even at 120 columns: the interviewer goes under each row, and then, as the width needs,
    the kind and the round's name; the date stays in its column."""
    _week_and_a_half()
    lines = _screen(isolated, width, "rounds")
    assert _between(lines, "#  id", "5 rounds")[:-1] == ROUNDS[width]


def test_a_rounds_name_kind_and_interviewer_under_its_row_at_40_columns_are_never_cut(
    isolated: Path,
) -> None:
    """At 40 columns the round's name, kind and interviewer go under the row: each is kept on
    one line ("Technical Deep Dive", "VP of Engineering/CTO"), the line breaking before it;
    an interviewer wider than a line is cut after a `/`, each name whole, not inside a name
    ("Senior" / "Software Engineer/Engineering Lead", "VP of" / "Engineering")."""
    _week_and_a_half()
    lines = _screen(isolated, 40, "rounds")
    assert _between(lines, "#  id", "5 rounds")[:-1] == [
        "#  id         difficulty  length",
        "    round · kind · interviewer · date",
        "1  recruiter  Medium      45 min",
        "    Recruiter/HR Interview · HR Screen ·",
        "    Recruiter/HR · 2026-12-21",
        "2  technical  Hard        60 min",
        "    Technical Deep Dive ·",
        "    Technical Interview ·",
        "    Senior Software Engineer/",
        "    Engineering Lead · 2026-12-21",
        "3  people     Hard        60 min",
        "    People Management & Leadership ·",
        "    People Management Interview ·",
        "    Director of Engineering/",
        "    VP of Engineering · 2026-12-21",
        "4  strategic  Hard        45 min",
        "    Strategic & Product Alignment ·",
        "    Cross-Functional/Product Interview ·",
        "    Director of Product Management/",
        "    Senior Product Manager · 2026-12-21",
        "5  executive  Hard        60 min",
        "    Executive Leadership Interview ·",
        "    Executive/Final Round ·",
        "    VP of Engineering/CTO · 2026-12-21",
    ]


def test_a_layout_moves_nothing_that_fits() -> None:
    lay = stacked.layout(["#", "id", "text"], [["1", "abc", "long"]], wide=2, width=9)
    assert (lay.columns, lay.widths, lay.header, lay.below) == (
        [0, 1],
        [1, 3],
        [["#"], ["id"]],
        [2],
    )


def test_a_header_wider_than_its_cells_takes_two_lines_before_any_cell_moves() -> None:
    """Cut where the wider half is narrowest: "recall on" over "interview day", not "recall"
    over "on interview day"."""
    headers = ["id", "recall on interview day", "round"]
    lay = stacked.layout(headers, [["rec-a", "4%", "Recruiter"]], wide=2, width=20)
    assert lay.header == [["id"], ["recall on", "interview day"]]
    assert lay.widths == [5, 13] and lay.below == [2]


def test_the_columns_a_screen_spares_go_under_the_row_in_its_order_then_the_widest() -> None:
    headers = ["#", "id", "rounds", "deadline", "text"]
    row = [["1", "tech-design", "recruiter,people", "2026-12-21", "Why?"]]
    spared = stacked.layout(headers, row, wide=4, width=32, spare=[3, 2])
    assert (spared.columns, spared.below) == ([0, 1, 2], [3, 4])
    widest = stacked.layout(headers, row, wide=4, width=32)
    assert (widest.columns, widest.below) == ([0, 1, 3], [2, 4])
    tiny = stacked.layout(headers, row, wide=4, width=5)
    assert tiny.columns == [0] and tiny.below == [1, 2, 3, 4]  # one column always stays


def test_colours_are_kept_in_the_columns_and_under_the_row() -> None:
    """The cells keep their styles on the first line and under the row, across a line cut."""
    out = io.StringIO()
    console = Console(file=out, width=24, force_terminal=True, color_system="standard")
    rows = [[Text("1"), Text("new", style="cyan"), Text("b " * 12 + "end", style="red")]]
    stacked.show(console, ["#", "kind", "question"], rows, wide=2)
    assert out.getvalue().splitlines() == [
        "\x1b[1m#  kind / question\x1b[0m",
        "1  \x1b[36mnew\x1b[0m",
        "    \x1b[31mb b b b b b b b b b\x1b[0m",
        "    \x1b[31mb b end\x1b[0m",
    ]


def test_story_coverage_at_60_columns_keeps_the_marks_in_columns(isolated: Path) -> None:
    """Six stories leave no room for a box at 60 columns: the marks and the count stay in
    columns under the story ids, the competency goes under its row, and the legend is one
    sentence wrapped at words."""
    for k in range(1, 7):
        assert (
            run(
                *("story", "add", "--title", f"Story {k}", "--situation", "s", "--task", "t"),
                *("--action", "a", "--result", "r", "--competencies", "conflict-resolution"),
                *("--questions", "com-team-conflict"),
            ).code
            == 0
        )
    lines = _screen(isolated, 60, "story", "coverage")
    table = _between(lines, "s1  s2", "● named")
    assert table[0] == "s1  s2  s3  s4  s5  s6  questions with a story / competency"
    marks = re.compile(r"(?:[○●·]   ){6}\d+/\d+")
    assert all(marks.fullmatch(line) for line in table[1::2])
    assert table[1].startswith("○   ○   ○   ○   ○   ○   1/")  # shown through the question answered
    assert table[2] == "    Leadership & People Management"
    named = table.index("      Conflict resolution") - 1  # a group's member, indented
    assert table[named].startswith("●   ●   ●   ●   ●   ●   1/")
    start = lines.index(table[-1]) + 1
    assert lines[start : start + 4] == [
        "● named by the story (for a round, one of its criteria) · ○",
        "shown through a question it answers (or, for a group, one of",
        "its criteria) · questions with a story: of the questions",
        "that test it",
    ]


def test_story_coverage_nests_each_criterion_under_its_group_and_marks_rounds_as_its_legend(
    isolated: Path,
) -> None:
    """The criteria were listed round by round after the four groups, so all of them read as
    the last group's (Technical leadership under Communication & Collaboration); and every round
    a story reached was marked ●, "named by the story", though a story names no round: one it
    reaches only through a question it answers is ○, as the legend says."""
    args = ("--title", "One", "--situation", "s", "--task", "t", "--action", "a", "--result", "r")
    # com-hiring is asked in the people and executive rounds; the criterion is the executive's
    added = run(
        "story", "add", *args, "--competencies", "strategic-decision", "--questions", "com-hiring"
    )
    assert added.code == 0, added.stderr
    lines = _screen(isolated, 80, "story", "coverage")
    names = [line.split("│")[1].rstrip() for line in lines if line.startswith("│")]
    for group, first in [
        ("Leadership & People Management", "Cultural fit"),
        ("Technical Acumen", "Technical leadership"),
        ("Strategic Thinking & Business Acumen", "Strategic planning"),
        ("Communication & Collaboration", "Communication skills"),
    ]:
        assert names[names.index(f" {group}") + 1] == f"   {first}"
    assert names.index("   Business acumen") < names.index(" Communication & Collaboration")
    rounds = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in lines
        if "│ Round: " in line
    }
    assert rounds == {
        "Round: Recruiter/HR Interview": "·",
        "Round: Technical Deep Dive": "·",
        "Round: People Management & Leadership": "○",  # through com-hiring alone
        "Round: Strategic & Product Alignment": "·",
        "Round: Executive Leadership Interview": "●",  # Strategic decision-making, named
    }


def test_a_criterion_wrapped_in_the_box_keeps_its_indent(isolated: Path, pack: Pack) -> None:
    """One story leaves room for a box at 60 columns: a criterion's name wrapped in its cell
    goes on under its own indent, so its second line does not read as a group."""
    args = ("--title", "One", "--situation", "s", "--task", "t", "--action", "a")
    assert run("story", "add", *args, "--result", "r", "--competencies", "leadership").code == 0
    lines = _screen(isolated, 60, "story", "coverage")
    questions = pack.questions  # no track set: the coverage counts every question
    basic = sum("Basic understanding of management principles" in q.criteria for q in questions)
    leadership = set(next(g for g in pack.criteria_groups if g.id == "leadership").criteria)
    grouped = sum(bool(leadership & set(q.criteria)) for q in questions)
    at = lines.index(f"│   Basic understanding of management     │ ·  │ {f'0/{basic}':<10}│")
    assert lines[at + 1] == "│   principles                            │    │           │"
    assert f"│ Leadership & People Management          │ ●  │ {f'0/{grouped}':<10}│" in lines


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


def test_once_the_spared_columns_are_under_the_row_the_widest_goes_next() -> None:
    """`spare` names the columns a screen gives up first, not the only ones: when the line is
    still too wide without them, the widest of the rest follows (the first column never)."""
    headers = ["#", "id", "kind", "deadline", "text"]
    row = [["1", "tech-design", "review", "2026-12-21", "Why?"]]
    lay = stacked.layout(headers, row, wide=4, width=20, spare=[3])
    assert (lay.columns, lay.below) == ([0, 2], [1, 3, 4])
    assert lay.span() <= 20


def test_the_names_of_what_goes_under_the_row_are_cut_to_the_width() -> None:
    """A line of headers under the row (the columns moved there) folds as the row's text does."""
    out = io.StringIO()
    console = Console(file=out, width=20, force_terminal=False)
    headers = ["#", "question", "interviewer", "difficulty"]
    stacked.show(console, headers, [[Text(c) for c in ("1", "Why?", "HR", "Easy")]], wide=1)
    assert out.getvalue().splitlines() == [
        "#  interviewer",
        "    question ·",
        "    difficulty",
        "1  HR",
        "    Why? · Easy",
    ]


def test_progress_at_30_columns_folds_the_names_of_what_is_under_its_rows(isolated: Path) -> None:
    """ "round · when · seen · recall on interview day" ran 19 columns past the edge."""
    _week_and_a_half()
    lines = _screen(isolated, 30, "progress")
    start = lines.index("date        due today")
    assert lines[start : start + 4] == [
        "date        due today",
        "    round · when · seen ·",
        "    recall on interview day",
        "2026-12-21  1",
    ]


def test_a_mock_list_at_30_columns_keeps_the_id_on_the_rows_line(isolated: Path) -> None:
    """The stories, the kind, the recall and then the slot go under the row before the id does."""
    lines = _screen(isolated, 30, "mock", "--round", "people", "--list")
    start = lines.index("#  id")
    assert lines[start : start + 5] == [
        "#  id",
        "    slot · kind · recall ·",
        "    stories · question",
        "1  ppl-difficult-feedback",
        "    10:00 · unseen · - · - ·",
    ]


HINTED = (
    "Why are you interested in Coursera? Answer it aloud in two minutes "
    "(emprep drill --round recruiter)."
)
UNDER_HINTED = {
    40: [
        "    recruiter · Why are you interested",
        "    in Coursera? Answer it aloud in two",
        "    minutes",
        "    (emprep drill --round recruiter).",
    ],
    60: [
        "    recruiter · Why are you interested in Coursera? Answer",
        "    it aloud in two minutes",
        "    (emprep drill --round recruiter).",
    ],
    80: [
        "    Why are you interested in Coursera? Answer it aloud in two minutes",
        "    (emprep drill --round recruiter).",
    ],
}


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_command_under_a_row_is_never_cut_across_lines(
    isolated: Path, pack_copy: Path, width: int
) -> None:
    """The text under a row keeps a command whole, as every wrapped line does: cut at one of its
    spaces (`emprep drill` / `--round recruiter`), it cannot be copied and run."""
    questions = pack_copy / "questions.toml"
    text = 'text = "Why are you interested in Coursera?"'
    questions.write_text(questions.read_text().replace(text, f'text = "{HINTED}"', 1))
    lines = _screen(isolated, width, "--data", str(pack_copy), "questions")
    start = lines.index(next(x for x in lines if x.startswith("rec-why-coursera "))) + 1
    assert lines[start : start + len(UNDER_HINTED[width])] == UNDER_HINTED[width]


BOXED_HINT = "Why are you interested in Coursera? Practise (emprep drill --round recruiter)."
BOXED_UNDER = {
    80: [
        "rec-why-coursera          recruiter            guide",
        "    Why are you interested in Coursera? Practise",
        "    (emprep drill --round recruiter).",
    ],
    120: [
        "│ rec-why-coursera         │ recruiter           │ guide    │ Why are you interested in "
        "Coursera? Practise             │",
        "│                          │                     │          │ (emprep drill --round "
        "recruiter).                        │",
    ],
}


@pytest.mark.parametrize("width", [80, 120])
def test_a_command_in_a_boxed_tables_wide_cell_is_never_cut(
    isolated: Path, pack_copy: Path, width: int
) -> None:
    """In a box rich wrapped the wide cell at any space: "(emprep" / "drill --round
    recruiter)." at 120 columns. The command is one word to it now; a column too narrow to
    hold it (80 here) makes the table the stacked kind, which keeps it whole too."""
    questions = pack_copy / "questions.toml"
    text = 'text = "Why are you interested in Coursera?"'
    questions.write_text(questions.read_text().replace(text, f'text = "{BOXED_HINT}"', 1))
    lines = _screen(isolated, width, "--data", str(pack_copy), "questions", "--round", "rec")
    start = next(k for k, x in enumerate(lines) if "rec-why-coursera" in x)
    assert lines[start : start + len(BOXED_UNDER[width])] == BOXED_UNDER[width]
    assert "\ue000" not in "".join(lines)


def test_a_criterion_wrapped_under_its_row_keeps_its_indent(isolated: Path, pack: Pack) -> None:
    """At 40 columns three stories' box gives way to rows: a criterion's name wrapped under
    its row goes on under its own indent, as in the box, not under the group's."""
    for title in ("One", "Two", "Three"):
        args = ("--title", title, "--situation", "s", "--task", "t", "--action", "a")
        assert run("story", "add", *args, "--result", "r", "--competencies", "leadership").code == 0
    lines = _screen(isolated, 40, "story", "coverage")
    at = lines.index("      Basic understanding of management")
    assert lines[at + 1] == "      principles"
    at = lines.index("      Understanding of software")
    assert lines[at + 1] == "      development best practices"
    assert "    Round: People Management &" in lines  # a group's name hangs as before


def test_a_question_under_its_row_is_not_cut_after_a_slash_inside_a_word(isolated: Path) -> None:
    """The cut after a `/` is for names (an interviewer's titles); a question's text flows at
    its spaces: at 80 columns `questions` (and `drill --list`) put "How would you build and
    use A/" above "B testing to drive product changes, ...", the term cut in two."""
    lines = _screen(isolated, 80, "questions")
    at = next(k for k, line in enumerate(lines) if line.startswith("tech-ab-testing"))
    assert lines[at : at + 3] == [
        "tech-ab-testing                 technical,strategic  posting",
        "    How would you build and use A/B testing to drive product changes, and how do",
        "    you avoid misleading results?",
    ]
