"""A new user's first week, in a real pseudo-terminal at 60, 80 and 120 columns: the first-run
setup, the drill with every key (undo too), today, a story through the prompts with the
question picker, a short mock to the end, progress. Every line the screen shows fits the width,
and no question id is broken; colour appears on a terminal and never with NO_COLOR, TERM=dumb
or a pipe."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pexpect
import pytest
from conftest import PTY_TIMEOUT, Terminal, ended, installed_emprep, run

from emprep.storage import store

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ID = re.compile(r"\b(?:rec|tech|ppl|str|exe|com|remote|hub)-[a-z0-9-]+")


class Screen:
    """emprep in a pseudo-terminal `width` columns wide, everything it prints kept."""

    def __init__(self, progress: Path, width: int, colour: bool = False, term: str = "xterm"):
        self.progress, self.width, self.colour, self.term = progress, width, colour, term
        self.seen = io.StringIO()

    def run(self, day: str, *args: str) -> pexpect.spawn:
        env = {
            **os.environ,
            "EMPREP_PROGRESS": str(self.progress),
            "EMPREP_NOW": f"{day}T09:00:00+00:00",
            "TERM": self.term,
            "COLUMNS": str(self.width),
        }
        env.pop("NO_COLOR", None)
        if not self.colour:
            env["NO_COLOR"] = "1"
        child = Terminal(
            installed_emprep(),
            list(args),
            env=env,
            encoding="utf-8",
            timeout=PTY_TIMEOUT,
            dimensions=(40, self.width),
        )
        child.logfile_read = self.seen
        return child

    def lines(self) -> list[str]:
        """The lines as the terminal leaves them: a carriage return redraws its line, and one
        after a line redrawn in place leaves the cursor at its start (`LiveLine`)."""
        text = ANSI.sub("", self.seen.getvalue())
        return [line.rstrip("\r").split("\r")[-1] for line in text.split("\r\n")]


def see(child: pexpect.spawn, text: str) -> None:
    """`text` on the screen, though a narrow terminal may have wrapped it at any space."""
    child.expect(r"\s+".join(re.escape(word) for word in text.split(" ")))


def _end(child: pexpect.spawn, status: int = 0) -> None:
    assert ended(child) == status


@pytest.mark.slow
@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_new_users_week(isolated: Path, width: int) -> None:
    screen = Screen(isolated, width)

    # Day 1, morning: the home screen, with the first-run setup.
    child = screen.run("2026-11-20", "today")
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    see(child, "Your track")
    child.sendline("remote")
    see(child, "Questions a day")
    child.sendline("3")
    see(child, "Saved: interview 2027-01-15, track remote, count 3.")
    see(child, "56 days to the interview (2027-01-15)")
    see(child, "This week: plan week 1 of")
    child.expect_exact("1. [ ] ")
    see(child, "to do: 3 questions: emprep drill")
    see(child, "Next: emprep drill")
    _end(child)
    assert run("task", "done", "1").code == 0

    # The drill with every key: reveal, rate, undo, skip, quit later.
    child = screen.run("2026-11-20", "drill")
    child.expect_exact("[1/3]")
    see(child, "new: first time")
    see(child, " · space: reveal")
    child.send(" ")
    see(child, "A strong answer covers")
    see(child, "Again · 2")  # the rating prompt, in the form the width takes
    child.send("g")
    see(child, "Saved: Good.")
    child.expect_exact("[2/3]")
    see(child, "u: undo last · p: pause · q: quit" if width > 60 else "s: skip · q: quit")
    child.send("u")  # take the Good back: the first question is asked again
    see(child, "It is asked again.")
    child.expect_exact("[1/3]")
    child.send("\r")
    see(child, "Again · 2")  # the rating prompt, in the form the width takes
    child.send("1")
    see(child, "Saved: Again. Next review 2026-11-21.")
    child.expect_exact("[2/3]")
    child.send("s")
    see(child, "Skipped: not rated; it stays in today's drill.")
    child.expect_exact("[3/3]")
    child.send(" ")
    see(child, "Again · 2")
    child.send("e")
    child.expect(r"2 rated \(Again 1, Easy 1\), 1 skipped, 1 undone,\s+0 min \d+ s\s+answering\.")
    see(child, "Next due: 2026-11-21 (1)")
    _end(child)
    log = store.load(isolated).log.splitlines()
    assert [line.split()[2] for line in log] == ["1", "4"]  # the undone Good is gone

    child = screen.run("2026-11-20", "today")
    child.expect_exact("1. [x] ")  # the task ticked from the command line
    see(child, "to do: 1 question (2 done): emprep drill")
    _end(child)
    child = screen.run("2026-11-20", "drill")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("3")
    see(child, "1 rated (Good 1)")
    _end(child)
    child = screen.run("2026-11-20", "drill")
    see(child, "Today's drill is done.")
    see(child, "emprep drill --more")
    _end(child)

    # Day 2: a story through the prompts, with the question picker.
    child = screen.run("2026-11-21", "story", "add")
    child.expect_exact("Title (a few words you will recognise): ")
    child.sendline("The reorg nobody wanted")
    for field in ["Two teams merged", "Keep both shipping", "One-to-ones, a shared roadmap"]:
        see(child, "an empty line ends it:")
        child.sendline(field)
        child.expect_exact("> ")
        child.sendline("")
    see(child, "an empty line ends it:")
    child.sendline("Both teams shipped;")
    child.expect_exact("> ")
    child.sendline("attrition fell to zero")
    child.expect_exact("> ")
    child.sendline("")
    see(child, "Competencies it shows")
    child.sendline("conflict-resolution")
    see(child, "Questions it answers")
    child.sendline("?")
    see(child, "Questions your competencies suggest")
    child.expect_exact("com-team-conflict:")
    child.expect_exact("Questions: ")
    child.sendline("? difficult feedback")
    child.expect_exact("ppl-difficult-feedback:")
    child.expect_exact("Questions: ")
    child.sendline("com-team-conflict, ppl-difficult-feedback")
    child.expect(r"Saved story s1: The reorg nobody wanted\s+\(shows \d+\s+competenc")
    _end(child)
    [story] = store.load(isolated).stories
    assert story.result == "Both teams shipped;\nattrition fell to zero"

    # Day 3: a short mock, to the end, correcting a score on the way.
    child = screen.run("2026-11-22", "mock", "--round", "recruiter", "--minutes", "6")
    see(child, "1 question of 6:00. Answer aloud")
    see(child, "space: start the clock")
    child.send(" ")
    see(child, "[1/1] Recruiter/HR Interview")
    see(child, "answer 0:0")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    see(child, "Saved: Good.")
    child.expect_exact("[1-5]: ")
    child.send("\r")
    see(child, "a score 1-5 is needed")
    child.send("2")
    child.expect_exact("[1-5]: ")
    child.send("b")  # back to the first: it was a 4, not a 2
    child.expect_exact("back")
    child.send("4")
    for _ in range(2):
        child.expect_exact("[1-5]: ")
        child.send("3")
    see(child, "Ticked: none")
    child.send("1")
    see(child, "Ticked: 1")
    child.send("\x1b")  # Esc is done too
    child.expect(r"1 answered \(Good 1\), 0 skipped")
    see(child, "Next: emprep drill --round recruiter")
    _end(child)
    [m] = store.load(isolated).mocks
    assert m.finished and next(iter(m.scores.values())) == 4

    # Day 4: where the week stands.
    child = screen.run("2026-11-23", "progress")
    see(child, "53 days to the interview (2027-01-15), plan week 1 of")
    see(child, "Recruiter/HR Interview")
    see(child, "Last 12 weeks")
    see(child, "Due next 7 days:")
    see(child, "Mock rounds")
    child.expect_exact("Next: ")
    _end(child)
    child = screen.run("2026-11-23", "drill", "--more", "--list")
    _end(child)

    lines = screen.lines()
    typed = ["The reorg nobody wanted", "com-team-conflict, ppl-difficult-feedback"]
    too_wide = [  # what the person typed after a prompt is theirs to wrap
        line
        for line in lines
        if len(next((line.removesuffix(t) for t in typed if line.endswith(t)), line)) > width
    ]
    assert not too_wide, "\n".join(too_wide)
    from emprep.storage.packs import load_pack

    ids = {q.id for q in load_pack().questions}
    shown = {m for line in lines for m in ID.findall(line)}
    assert shown and shown <= ids  # every id on the screen is whole: none broken at a line end


@pytest.mark.parametrize(
    ("colour", "term", "expected"),
    [
        (True, "xterm-256color", True),
        # a terminal run each, as long as the colour one: CI runs them, a quick run does not
        pytest.param(False, "xterm", False, marks=pytest.mark.slow),
        pytest.param(True, "dumb", False, marks=pytest.mark.slow),
    ],
)
def test_colour_only_on_a_colour_terminal(
    isolated: Path, colour: bool, term: str, expected: bool
) -> None:
    """Recall levels, kinds and headings in colour on a terminal; none with NO_COLOR, with
    TERM=dumb, or piped."""
    run("config", "set", "interview", "2027-01-15")
    run("review", "rec-why-coursera", "again", env={"EMPREP_NOW": "2026-11-19T09:00:00+00:00"})
    screen = Screen(isolated, 80, colour=colour, term=term)
    for args in (["drill", "--list"], ["progress"], ["today"]):
        _end(screen.run("2026-11-20", *args))
    assert bool(ANSI.search(screen.seen.getvalue())) is expected
    piped = run("progress", env={"EMPREP_NOW": "2026-11-20T09:00:00+00:00"})
    assert "\x1b[" not in piped.stdout
