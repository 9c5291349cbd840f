"""`emprep plan` on a terminal."""

from __future__ import annotations

from pathlib import Path

import pexpect
from conftest import run, spawn


def test_a_plan_week_without_new_questions_says_so_on_a_terminal(isolated: Path) -> None:
    """As the Markdown does: not a heading with nothing under it."""
    child = spawn(["plan", "--interview", "2027-01-15"], isolated, "2026-11-20T09:00")
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("  Questions to introduce (0):")
    assert lines[at + 1] == "    - none this week"


def test_plan_shows_the_tasks_ticked(isolated: Path) -> None:
    """`task done N` ticks a task; the README says `plan` shows the ticks: in Markdown and on a
    terminal (it showed every task unticked)."""
    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    assert run("config", "set", "interview", "2027-01-15", env=env).code == 0
    assert run("task", "done", "2", env=env).code == 0
    md = run("plan", env=env).stdout.splitlines()
    ticks = [line[:6] for line in md if line.startswith("- [")]
    assert ticks[:2] == ["- [ ] ", "- [x] "]
    assert ticks.count("- [x] ") == 1
    child = spawn(["plan"], isolated, env["EMPREP_NOW"])
    child.expect_exact("    1. [ ] Read Coursera's")
    child.expect_exact("    2. [x] List your eight strongest accomplishments")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_the_plan_starts_on_the_first_practice_day_as_its_help_says(isolated: Path) -> None:
    """`plan --help` said the start defaults to today: it is the first practice day, once
    there is one (as `config show` says), so a plan printed a week later still begins then."""
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-23T09:00:00+00:00"})
    week_later = {"EMPREP_NOW": "2026-11-30T09:00:00+00:00"}
    out = run("plan", "--weeks", "2", env=week_later).stdout
    assert "2026-11-23 to 2026-12-07: 14 days" in out
    said = " ".join(run("plan", "--help").stdout.split())
    assert "--start DATE First day [default: config start, else the first practice day, " in said
    assert "else today]." in said


def test_past_the_only_dated_round_the_plan_takes_the_guides_weeks() -> None:
    """Only the screen dated, the day after it, no practice yet: `plan` refused, "the interview
    (2026-11-30, from your settings) is before the start (2026-12-01)", as if the loop were
    over. The rounds with no date are ahead: the plan is the guide's weeks, as without a date,
    and one line says what is past, what has no date, and the commands that date them."""
    set_on = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=set_on).code == 0
    r = run("plan", env={"EMPREP_NOW": "2026-12-01T09:00"})
    line = (
        "recruiter (2026-11-30) is past and technical, people, strategic, executive have no "
        "date yet: the plan takes the guide's weeks; date them: emprep config set "
        "interview.ROUND DATE, or all at once: emprep config set interview DATE"
    )
    assert (r.code, r.stderr) == (0, f"emprep: note: {line}\n")
    out = r.stdout.splitlines()
    assert out[2] == "2026-12-01 to 2027-01-26: 56 days, 8 weeks, 6 h a week (48 h in all)"
    assert "## Interview day: 2027-01-26" in out
    assert (
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past: log what it asked: "
        "emprep rounds log recruiter"
    ) in out
