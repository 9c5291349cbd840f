"""`emprep plan` on a terminal, and a new user's loop over five days exactly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pexpect
import pytest
from conftest import ended, run, spawn
from typer.testing import CliRunner

from emprep.cli import app
from emprep.core.models import HoursBefore
from emprep.storage import store


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
    assert ended(child) == 0


def test_the_plan_starts_on_the_first_practice_day_as_its_help_says(isolated: Path) -> None:
    """`plan --help` said the start defaults to today: it is the first practice day, once
    there is one (as `config show` says), so a plan printed a week later still begins then."""
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-23T09:00:00+00:00"})
    week_later = {"EMPREP_NOW": "2026-11-30T09:00:00+00:00"}
    out = run("plan", "--weeks", "2", env=week_later).stdout
    assert "2026-11-23 to 2026-12-07: 14 days" in out
    said = " ".join(run("plan", "--help").stdout.split())
    assert (
        "--start DATE First day [default: config start]; without one, the first practice " in said
    )
    assert "day, else the next one." in said


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
    assert out[2] == "2026-12-01 to 2027-01-26: 56 days, 8 weeks, 9 h a week (72 h in all)"
    assert "## Interview day: 2027-01-26" in out
    assert (
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past: log what it asked: "
        "emprep rounds log recruiter"
    ) in out


# --- A new user's loop over five days: the table, JSON and calendar, exactly ---------------

FIXTURES = Path(__file__).parents[2] / "fixtures"
NOW = {"EMPREP_NOW": "2026-11-21T09:00"}
ROUND_DAYS = {
    "recruiter": "2026-12-26",
    "technical": "2027-01-05",
    "people": "2027-01-09",
    "strategic": "2027-01-12",
}


def staggered() -> None:
    """The screen on day 35, the technical round on 45, people 49, strategic 52 and the
    executive on the loop's day, 56; hub track, 10 questions a day, 10 hours a week."""
    settings = [("interview", "2027-01-16"), ("track", "hub"), ("count", "10"), ("hours", "10")]
    settings += [(f"interview.{r}", d) for r, d in ROUND_DAYS.items()]
    for key, value in settings:
        assert run("config", "set", key, value, env=NOW).code == 0, key


def test_the_staggered_plan_on_a_terminal_is_exactly_this(isolated: Path) -> None:
    """The phases in the rounds' order (technical before people), each round's mock the week
    before it, the week-8 tasks naming no round already past, and the decision after the last
    round, as the rounds span the guide's 21 days."""
    staggered()
    r = run("plan", "--format", "table", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (FIXTURES / "plan-staggered.txt").read_text()


def test_the_staggered_plan_in_json_is_exactly_this(isolated: Path) -> None:
    staggered()
    r = run("plan", "--format", "json", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    doc = json.loads(r.stdout)
    assert doc == json.loads((FIXTURES / "plan-staggered.json").read_text())
    assert [(p["id"], p["start"], p["end"]) for p in doc["phases"]] == [
        ("company", "2026-11-21", "2026-12-04"),
        ("technical", "2026-12-05", "2026-12-18"),
        ("people", "2026-12-19", "2027-01-01"),
        ("strategic", "2027-01-02", "2027-01-08"),
        ("mock", "2027-01-09", "2027-01-15"),
    ]
    mocks = {
        w["number"]: [t.split("'")[1] for t in w["tasks"] if t.startswith("Run a timed mock")]
        for w in doc["weeks"]
    }
    assert {n: m for n, m in mocks.items() if m} == {
        5: ["emprep mock --round recruiter"],
        7: ["emprep mock --round technical", "emprep mock --round people"],
        8: ["emprep mock --round strategic", "emprep mock --round executive"],
    }
    assert sum(len(w["questions"]) for w in doc["weeks"]) == 103
    assert doc["loop"]["decision_after_last"] is True


def test_the_staggered_calendar_has_each_round_on_its_day_in_both_parsers(isolated: Path) -> None:
    """icalendar and the independent `ical` parser read the same round events, with the UIDs
    a calendar updates by; the week events hold each week's tasks."""
    from ical.calendar_stream import IcsCalendarStream
    from icalendar import Calendar

    staggered()
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=NOW)
    assert r.exit_code == 0, r.stderr
    ics = r.stdout_bytes
    loop = "coursera-software-engineering-manager-m4@emprep"
    days = {r: date.fromisoformat(d) for r, d in ROUND_DAYS.items()}
    days["executive"] = date(2027, 1, 16)
    want = {f"round-{r}.{loop}": (d, "CONFIRMED") for r, d in days.items()}
    mine = {
        str(e["uid"]): (e.decoded("dtstart"), str(e["status"]))
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if str(e["uid"]).startswith("round-")
    }
    assert mine == want
    theirs = IcsCalendarStream.calendar_from_ics(ics.decode())
    rounds = {e.uid: (e.dtstart, e.status) for e in theirs.events if e.uid.startswith("round-")}
    assert {u: (d, s and str(s.value)) for u, (d, s) in rounds.items()} == want
    weeks = {e.uid: e for e in theirs.events if e.uid.startswith("week-")}
    assert len(weeks) == 8
    week7 = weeks[f"week-7.{loop}"].description or ""
    assert "emprep mock --round people" in week7
    assert "emprep mock --round recruiter" not in (weeks[f"week-8.{loop}"].description or "")


def test_a_command_named_in_a_sentence_is_kept_whole_without_the_words_after_it(
    isolated: Path,
) -> None:
    """The plan's drill sentence on a terminal: at 80 and 120 columns the words after
    "emprep progress" were taken as part of the command, so the line ended at "answer Good;"
    and the next began "emprep progress forecasts how many will be ready on the day."; at 60
    that "command" was too long to keep whole, so "emprep" ended a line and "progress" began
    the next."""
    staggered()
    assert run("config", "set", "count", "2", env=NOW).code == 0
    expected = {
        60: [
            "The daily drill is 2 questions (emprep config set count N):",
            "each week lists the questions it first asks in that week,",
            "drilled every practice day with every answer Good;",
            "emprep progress forecasts how many will be ready on the day.",
            "At that count, 32 of the 103 questions are not reached by",
            "the last round (emprep progress gives the count that would).",
        ],
        80: [
            "The daily drill is 2 questions (emprep config set count N): each week lists the",
            "questions it first asks in that week, drilled every practice day with every",
            "answer Good; emprep progress forecasts how many will be ready on the day. At",
            "that count, 32 of the 103 questions are not reached by the last round",
            "(emprep progress gives the count that would).",
        ],
    }
    for width, lines in expected.items():
        child = spawn(["plan"], isolated, NOW["EMPREP_NOW"], width=width)
        child.expect(pexpect.EOF)
        screen = child.before.replace("\r", "").splitlines()
        at = next(i for i, line in enumerate(screen) if line.startswith("The daily drill"))
        assert screen[at : at + len(lines) + 1] == [*lines, ""], width
        if width == 80:  # a task's quoted command: its lines hung at 6, not under the task
            at = screen.index(
                "    [ ] Run the daily drill until 'emprep progress' shows every round at its"
            )
            assert screen[at + 1] == "        target recall on interview day. (in the drill)"


def test_a_count_too_small_for_the_bank_says_how_many_questions_it_does_not_reach(
    isolated: Path,
) -> None:
    """At 2 a day the drill does not reach 32 of the hub track's 103 questions by the last
    round: they are in no week, and the plan says so where it gives the count."""
    staggered()
    assert run("config", "set", "count", "2", env=NOW).code == 0
    doc = json.loads(run("plan", "--format", "json", env=NOW).stdout)
    listed = {q["id"] for w in doc["weeks"] for q in w["questions"]}
    assert len(doc["unreached"]) == 32
    assert len(listed) == 71 and not listed & set(doc["unreached"])
    table = run("plan", "--format", "table", env=NOW).stdout.splitlines()
    assert table[2] == (
        "The daily drill is 2 questions (emprep config set count N): each week lists the "
        "questions it first asks in that week, drilled every practice day with every answer "
        "Good; emprep progress forecasts how many will be ready on the day. At that count, 32 of "
        "the 103 questions are not reached by the last round (emprep progress gives the count "
        "that would)."
    )


def test_a_round_s_name_is_shown_as_its_pack_writes_it(isolated: Path, pack_copy: Path) -> None:
    """The interview lines on the screen took the Markdown's escapes: a pack's round named
    `Technical *Deep* Dive` showed as `Technical \\*Deep\\* Dive` on the week and the day."""
    import tomllib

    import tomli_w

    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["round"][1]["name"] = "Technical *Deep* Dive {x}"
    path.write_text(tomli_w.dumps(doc))
    args = ["--data", str(pack_copy), "plan", "--interview", "2026-12-14"]
    child = spawn(args, isolated, "2026-11-20T09:00", width=160)
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    said = "Technical *Deep* Dive {x} on 2026-12-14 (60 min, Senior Software Engineer/Engineering"
    assert f"  Interview: {said} Lead)" in lines
    assert not [line for line in lines if "\\" in line]
    md = run("--data", str(pack_copy), "plan", "--interview", "2026-12-14", "--format", "md")
    assert "**Interview: Technical \\*Deep\\* Dive \\{x} on 2026-12-14" in md.stdout


def test_the_plan_screen_marks_rounds_with_no_date_and_past_ones_as_the_markdown_does(
    isolated: Path,
) -> None:
    """Only the screen dated, three days after it: the Markdown said the onsite rounds have no
    date yet and the screen is past, to be logged; the plan on a terminal gave the undated
    rounds the plan's day as their date ("Technical Deep Dive on 2027-01-28") and said nothing
    of the screen."""
    set_on = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=set_on).code == 0

    def screen() -> list[str]:
        child = spawn(["plan"], isolated, "2026-12-03T09:00", width=130)
        child.expect(pexpect.EOF)
        lines: list[str] = child.before.replace("\r", "").splitlines()
        return lines

    lines = screen()
    assert "  Interview: Technical Deep Dive on 2027-01-28 (60 min, Senior Software" not in lines
    assert (
        "  Interview (no date yet): Technical Deep Dive, planned for 2027-01-28 (60 min, Senior "
        "Software Engineer/Engineering Lead)"
    ) in lines
    loop = lines[lines.index("The loop, from 2026-11-30") + 1 :][:5]
    assert loop[0] == (
        "  1. Recruiter/HR Interview (45 min) on 2026-11-30, past: log what it asked: emprep "
        "rounds log recruiter"
    )
    assert loop[1] == (
        "  2. Technical Deep Dive (60 min), no date yet: planned for 2027-01-28; date it: "
        "emprep config set interview.technical YYYY-MM-DD"
    )
    after = {"EMPREP_NOW": "2026-12-03T09:00"}
    logged = run("rounds", "log", "recruiter", "--asked", "rec-why-coursera", env=after)
    assert logged.code == 0, logged.stderr
    assert "  1. Recruiter/HR Interview (45 min) on 2026-11-30, past and logged" in screen()


def test_after_the_loop_the_plan_asks_no_log_weeks_on_and_says_the_decision_was_due(
    isolated: Path,
) -> None:
    """A round past asks to be logged for a week, as the next step does; later it is said
    unlogged. The decision's day once past is said as due then, not as days to it."""
    on = {"EMPREP_NOW": "2026-11-22T09:00"}
    for key, day in [("interview", "2026-12-20"), ("interview.recruiter", "2026-12-01")]:
        assert run("config", "set", key, day, env=on).code == 0
    assert run("review", "rec-why-coursera", "good", env=on).code == 0

    def screen(day: str) -> list[str]:
        child = spawn(["plan"], isolated, f"{day}T09:00", width=120)
        child.expect(pexpect.EOF)
        lines: list[str] = child.before.replace("\r", "").splitlines()
        return lines[lines.index("The loop, from 2026-12-01") + 1 :]

    def loop(day: str) -> list[str]:
        out = run("plan", env={"EMPREP_NOW": f"{day}T09:00"}).stdout.splitlines()
        return out[out.index("## The loop, from 2026-12-01") + 2 :]

    recruiter = "1. Recruiter/HR Interview (45 min) on 2026-12-01, past"
    tech = "2. Technical Deep Dive (60 min) on 2026-12-20, past"
    assert loop("2026-12-08")[0] == f"{recruiter}: log what it asked: emprep rounds log recruiter"
    assert loop("2026-12-09")[0] == f"{recruiter}, not logged"
    assert loop("2026-12-22")[1] == f"{tech}: log what it asked: emprep rounds log technical"
    assert (
        loop("2026-12-22")[6] == "5 rounds, 270 min; \\~21 days to a decision (around 2026-12-22)."
    )
    later = loop("2027-01-10")
    assert later[1] == f"{tech}, not logged"
    assert (
        later[6] == "5 rounds, 270 min; \\~21 days to a decision, so it was due around 2026-12-22."
    )
    shown = screen("2027-01-10")
    assert shown[:2] == [f"  {recruiter}, not logged", f"  {tech}, not logged"]
    assert (
        shown[5] == "  5 rounds, 270 min; ~21 days to a decision, so it was due around 2026-12-22."
    )


OLD_HOURS = """schema = 3
last_story = 0
reviews = '''
2026-11-22T09:00:00+00:00 rec-why-coursera 3 60
'''

[profile]
interview = 2027-01-03
hours = 4.0
"""


def test_the_hours_changed_midway_leave_the_weeks_gone_by_as_they_were_planned(
    isolated: Path,
) -> None:
    """Four hours a week from Sunday 22 November, six from Monday 7 December: `plan` made
    every week six hours, weeks 1 and 2 too, followed at four ("6 h a week (36 h in all)").
    The weeks that ended before the change keep the hours they had, the week in progress
    takes the new ones; the profile keeps the change (`hours_before`) with its day. A file
    from before the record (no `hours_before`) reads, its hours holding all along."""
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text(OLD_HOURS)
    monday = {"EMPREP_NOW": "2026-12-07T09:00:00+00:00"}

    def plan(*args: str) -> list[str]:
        lines = run("plan", *args, env=monday).stdout.splitlines()
        return [x for x in lines if x.startswith(("2026-11-22 to", "## Week"))]

    assert run("config", "set", "count", "3", env=monday).code == 0
    assert "hours_before" not in isolated.read_text()  # written once the hours change
    before = plan()
    assert before[0] == "2026-11-22 to 2027-01-03: 42 days, 6 weeks, 4 h a week (24 h in all)"
    assert run("config", "set", "hours", "6", env=monday).code == 0
    assert run("config", "set", "hours", "6.5", env=monday).code == 0  # the same day: one
    assert run("config", "set", "hours", "6", env=monday).code == 0
    assert plan() == [
        "2026-11-22 to 2027-01-03: 42 days, 6 weeks, 6 h a week from week 3 (4 h a week "
        "before; 32 h in all)",
        "## Week 1: 2026-11-22 to 2026-11-28 (4 h)",
        "## Week 2: 2026-11-29 to 2026-12-05 (4 h)",
        "## Week 3: 2026-12-06 to 2026-12-12 (6 h)",
        "## Week 4: 2026-12-13 to 2026-12-19 (6 h)",
        "## Week 5: 2026-12-20 to 2026-12-26 (6 h)",
        "## Week 6: 2026-12-27 to 2027-01-02 (6 h)",
    ]
    assert store.load(isolated).profile.hours_before == [HoursBefore(date(2026, 12, 7), 4.0)]
    doc = json.loads(run("plan", "--format", "json", env=monday).stdout)
    assert (doc["hours_per_week"], doc["total_hours"]) == (6.0, 32.0)
    assert [w["hours"] for w in doc["weeks"]] == [4.0, 4.0, 6.0, 6.0, 6.0, 6.0]
    # `--hours` asks for a plan at those hours throughout
    assert plan("--hours", "5")[:2] == [
        "2026-11-22 to 2027-01-03: 42 days, 6 weeks, 5 h a week (30 h in all)",
        "## Week 1: 2026-11-22 to 2026-11-28 (5 h)",
    ]
    # unset a week later: back to the plan's 9, week 3 keeps the 6 it was planned at
    later = {"EMPREP_NOW": "2026-12-14T09:00:00+00:00"}
    assert run("config", "unset", "hours", env=later).code == 0
    assert run("config", "set", "hours", "3", env=later).code == 0
    lines = run("plan", env=later).stdout.splitlines()
    assert lines[2] == (
        "2026-11-22 to 2027-01-03: 42 days, 6 weeks, 3 h a week from week 4 (4 h, then 6 h a "
        "week before; 23 h in all)"
    )
    assert store.load(isolated).profile.hours_before == [
        HoursBefore(date(2026, 12, 7), 4.0),
        HoursBefore(date(2026, 12, 14), 6.0),  # unset: the plan's 9, a change; then 3 that day
    ]
    # a settings change that leaves the hours as they were records nothing
    assert run("config", "set", "hours", "3", env={"EMPREP_NOW": "2026-12-15T09:00"}).code == 0
    assert len(store.load(isolated).profile.hours_before) == 2


def test_a_last_week_of_one_day_leaves_the_mocks_it_cannot_hold_to_the_week_before(
    isolated: Path,
) -> None:
    """An interview seven weeks and a day away: the last week is the day before it, where the
    five mocks at the rounds' length (270 minutes) were all asked; it keeps one, a mock a day,
    whatever its hours, and the others are the week before's, where the mock phase has begun.
    That day's home screen lists what it holds. A first review on the first day keeps the
    plan's weeks where they were."""
    now = {"EMPREP_NOW": "2026-11-22T10:00"}
    for key, value in (("interview", "2027-01-11"), ("hours", "4"), ("count", "3")):
        assert run("config", "set", key, value, env=now).code == 0
    assert run("review", "rec-why-coursera", "good", env=now).code == 0  # the plan's first day
    doc = json.loads(run("plan", "--format", "json", env=now).stdout)
    last = doc["weeks"][-1]
    assert (last["number"], last["start"], last["end"], last["hours"]) == (
        8,
        "2027-01-10",
        "2027-01-10",
        0.6,
    )
    mocks = {
        w["number"]: [t.split("'")[1] for t in w["tasks"] if t.startswith("Run a timed mock")]
        for w in doc["weeks"]
    }
    assert {n: m for n, m in mocks.items() if m} == {
        7: [f"emprep mock --round {r}" for r in [*ROUND_DAYS][1:]]
        + ["emprep mock --round executive"],
        8: ["emprep mock --round recruiter"],
    }
    day = run("today", env={"EMPREP_NOW": "2027-01-10T09:00"}).stdout
    # the day holds the recruiter's mock and the drill; the video is left out, numbered
    assert "This week: plan week 8 of 8, 2027-01-10 to 2027-01-10 (0 of 2 tasks done)" in day
    assert "    1. [ ] Run a timed mock of the recruiter round at its real length" in day
    assert "  Left out, as the week's hours do not hold them after the drill:" in day
    assert "    3. Record one answer for each round still ahead on video" in day
    week7 = run("today", env={"EMPREP_NOW": "2027-01-04T09:00"}).stdout
    assert "(0 of 5 tasks done)" in week7  # the executive stories and four mocks
    assert "    1. [ ] Prepare the executive round's two stories" in week7  # prepared, then mocked
    assert "    5. [ ] Run a timed mock of the executive round at its real length" in week7


def test_at_50_columns_each_round_the_week_prepares_is_named_whole(isolated: Path) -> None:
    """ "Prepares: Recruiter/HR Interview, Technical Deep" / "Dive, ..." read as two rounds: a
    line of the list breaks between two rounds' names, where a line can hold a name."""
    now = "2026-11-22T10:00"
    for key, value in (("interview", "2027-01-11"), ("hours", "4")):
        assert run("config", "set", key, value, env={"EMPREP_NOW": now}).code == 0
    child = spawn(["plan"], isolated, now, width=50)
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = [i for i, line in enumerate(lines) if line.startswith("  Prepares: ")]
    assert [lines[i : i + 5] for i in at][-1] == [
        "  Prepares: Recruiter/HR Interview,",
        "            Technical Deep Dive,",
        "            People Management & Leadership,",
        "            Strategic & Product Alignment,",
        "            Executive Leadership Interview",
    ]
    assert lines[at[1] : at[1] + 2] == [
        "  Prepares: Recruiter/HR Interview,",
        "            People Management & Leadership",
    ]
    assert not [line for line in lines if "\ue000" in line or len(line) > 50]


def test_a_task_s_estimate_is_never_broken_across_lines(isolated: Path) -> None:
    """Ten days at 12 h, at 80 columns: a left-out task's estimate ended one line with "(1 h"
    and began the next with "30)". A terminal's line now breaks before it."""
    now = "2026-11-23T10:00"
    for key, value in (("interview", "2026-12-03"), ("hours", "12")):
        assert run("config", "set", key, value, env={"EMPREP_NOW": now}).code == 0
    child = spawn(["plan"], isolated, now, width=80)
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index(
        "    - From that table, write a one-page vision for a Coursera product area and"
    )
    assert lines[at + 1 : at + 3] == [
        "      one for an engineering organisation; read each aloud in two minutes.",
        "      (1 h 30)",
    ]
    assert "  Left out, as the week's hours do not hold them after the drill:" in lines


@pytest.mark.parametrize(
    ("width", "today_lines", "plan_lines"),
    [
        (
            80,
            [
                "  Left out, as the week's hours do not hold them after the drill:",
                "    5. List your eight strongest accomplishments from your resume (leadership,",
                "       technical, hiring), each with its number; they are the raw material of",
                "       your stories. (45 min)",
            ],
            [
                "  Left out, as the week's hours do not hold them after the drill:",
                "    - Answer aloud again, inside its time box, each technical question that is",
            ],
        ),
        (
            40,
            [
                "  Left out, as the week's hours do not",
                "  hold them after the drill:",
                "    5. List your eight strongest",
                "       accomplishments from your resume",
                "       (leadership, technical, hiring),",
                "       each with its number; they are",
                "       the raw material of your stories.",
                "       (45 min)",
            ],
            [
                "  Left out, as the week's hours do not",
                "  hold them after the drill:",
                "    - Answer aloud again, inside its",
            ],
        ),
    ],
)
def test_this_week_s_left_out_tasks_are_numbered_after_the_kept_ones(
    isolated: Path, width: int, today_lines: list[str], plan_lines: list[str]
) -> None:
    """`task done N` took the kept tasks only, so a task left out and done anyway could not be
    ticked: this week's left-out tasks carry the numbers after the kept ones, on `today` and in
    `plan`; another week's keep their dashes (no `task done` reaches them)."""
    now = "2026-11-23T10:00"
    for key, value in (("interview", "2026-12-03"), ("hours", "12")):
        assert run("config", "set", key, value, env={"EMPREP_NOW": now}).code == 0
    shown = {}
    for command in ("today", "plan"):
        child = spawn([command], isolated, now, width=width)
        child.expect(pexpect.EOF)
        shown[command] = child.before.replace("\r", "").splitlines()
        assert not [line for line in shown[command] if len(line) > width]
    day, plan = shown["today"], shown["plan"]
    at = day.index(today_lines[0])
    assert day[at : at + len(today_lines)] == today_lines
    # the kept tasks, then the week's line as the plan has it, then the left out
    weighed = day.index(next(line for line in day if line.startswith("  Tasks about")))
    assert day[weighed - 1].endswith("(1 h 30)")
    assert day[at - 1].endswith("(emprep config set hours 14).")
    assert [line.split(".")[0].strip() for line in day if line.startswith("    1")] == [
        "1",
        "10",
        "11",
    ]
    first = plan.index(today_lines[0])
    assert plan[first : first + len(today_lines)] == today_lines
    assert plan[first - (at - weighed) : first] == day[weighed:at]
    later = plan.index(plan_lines[0], first + 1)
    assert plan[later : later + len(plan_lines)] == plan_lines


# --- A task moved from its own week, and a tick, in every format --------------------------

MONDAY = {"EMPREP_NOW": "2026-11-23T09:00"}
HIRING = (
    "Write your hiring process on one page: profile, loop, rubric, calibration, closing, "
    "onboarding; add a hire you regret and what the process missed."
)


def five_weeks_at_ten_hours() -> None:
    """From Monday 2026-11-23 to the loop on 2026-12-28 at 10 h and 5 a day: week 1 (company
    phase only) has room for the hiring page, a people task of week 2."""
    for key, value in [("start", "2026-11-23"), ("interview", "2026-12-28"), ("hours", "10")]:
        assert run("config", "set", key, value, env=MONDAY).code == 0, key


def ten_days_at_twelve_hours() -> None:
    """From Monday 2026-11-23 to the loop on 2026-12-03 at 12 h and 5 a day: week 1 keeps its
    tasks of priority 1 over its hours, week 2 (three days) the five mocks."""
    for key, value in [("start", "2026-11-23"), ("interview", "2026-12-03"), ("hours", "12")]:
        assert run("config", "set", key, value, env=MONDAY).code == 0, key


def screen(args: list[str], progress: Path, width: int) -> list[str]:
    child = spawn(args, progress, MONDAY["EMPREP_NOW"], width=width)
    child.expect(pexpect.EOF)
    return str(child.before).replace("\r", "").splitlines()


def test_a_task_from_another_week_says_where_it_came_from_in_every_format(
    isolated: Path,
) -> None:
    """The hiring page joined week 1 as if it were that week's own, under its heading "1.
    Company & Self-Assessment": each format says the week and the phase it is from."""
    five_weeks_at_ten_hours()
    md = run("plan", env=MONDAY).stdout.splitlines()
    assert f"- [ ] {HIRING} (1 h; from week 2, People Management Skills)" in md
    assert "- [ ] List your eight strongest" in md[md.index("Tasks:") + 3]  # its own: no mark
    assert md[md.index("Tasks:") + 3].endswith("of your stories. (45 min)")
    weeks = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"]
    assert weeks[0]["tasks"][2] == HIRING
    assert [(w["task_weeks"], w["task_phases"]) for w in weeks[:3]] == [
        ([1, 1, 2], ["company", "company", "people"]),
        ([2, 2], ["company", "people"]),
        ([2, 2, 3, 3, 3, 3], ["company", "company", "people", "people", "technical", "technical"]),
    ]
    assert weeks[0]["task_done"] == [False, False, False]
    tasks = json.loads(run("today", "--format", "json", env=MONDAY).stdout)["tasks"]
    assert [(k["number"], k["week"], k["phase"]) for k in tasks] == [
        (1, 1, "company"),
        (2, 1, "company"),
        (3, 2, "people"),
    ]
    mark = [
        "    3. [ ] Write your hiring process on one page: profile, loop, rubric,",
        "           calibration, closing, onboarding; add a hire you regret and what the",
        "           process missed. (1 h; from week 2, People Management Skills)",
    ]
    for args in (["plan"], ["today"]):
        lines = screen(args, isolated, 80)
        at = lines.index(mark[0])
        assert lines[at : at + 3] == mark, args
    lines = screen(["today"], isolated, 40)
    at = lines.index("    3. [ ] Write your hiring process on")
    assert lines[at + 5 : at + 7] == [
        "           missed. (1 h; from week 2,",
        "           People Management Skills)",
    ]
    assert max(len(line) for line in lines) <= 40


def test_a_ticked_task_is_ticked_in_every_format(isolated: Path) -> None:
    """`plan --format json` gave a week's tasks with no tick; the Markdown, the screen, `today`
    and JSON now agree with `task done`, and the tick keeps the task in the week it was
    ticked in."""
    five_weeks_at_ten_hours()
    assert run("task", "done", "3", env=MONDAY).code == 0
    weeks = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"]
    assert (weeks[0]["tasks"][2], weeks[0]["task_done"]) == (HIRING, [False, False, True])
    assert not any(any(w["task_done"]) for w in weeks[1:])
    md = run("plan", env=MONDAY).stdout.splitlines()
    assert f"- [x] {HIRING} (1 h; from week 2, People Management Skills)" in md
    assert sum(line.startswith("- [x] ") for line in md) == 1
    today = json.loads(run("today", "--format", "json", env=MONDAY).stdout)["tasks"]
    assert [k["done"] for k in today] == [False, False, True]
    for args in (["plan"], ["today"]):
        assert "    3. [x] Write your hiring process on one page: profile, loop, rubric," in (
            screen(args, isolated, 80)
        ), args


def test_an_interviewer_s_title_is_cut_after_its_slash_not_inside_a_name(isolated: Path) -> None:
    """At 90 columns the interview day's lines cut "(60 min, Senior Software" /
    "Engineer/Engineering Lead)", read as two titles: the title goes whole to the next line
    where it fits it, else is cut after the `/`, each name whole."""
    five_weeks_at_ten_hours()
    lines = screen(["plan"], isolated, 90)
    at = lines.index("Interview day  2026-12-28")
    assert lines[at + 1 : at + 10] == [
        "  Interview: Recruiter/HR Interview on 2026-12-28 (45 min, Recruiter/HR)",
        "  Interview: Technical Deep Dive on 2026-12-28 (60 min,",
        "             Senior Software Engineer/Engineering Lead)",
        "  Interview: People Management & Leadership on 2026-12-28 (60 min,",
        "             Director of Engineering/VP of Engineering)",
        "  Interview: Strategic & Product Alignment on 2026-12-28 (45 min,",
        "             Director of Product Management/Senior Product Manager)",
        "  Interview: Executive Leadership Interview on 2026-12-28 (60 min, VP of Engineering/CTO)",
        "",
    ]
    lines = screen(["plan"], isolated, 40)
    at = lines.index("  Interview: Technical Deep Dive on")
    assert lines[at + 1 : at + 4] == [
        "             2026-12-28 (60 min,",
        "             Senior Software Engineer/",
        "             Engineering Lead)",
    ]
    assert max(len(line) for line in lines) <= 40
    wide = screen(["plan"], isolated, 120)
    assert (
        "  Interview: Technical Deep Dive on 2026-12-28 (60 min, Senior Software Engineer/"
        "Engineering Lead)"
    ) in wide


def test_an_undated_round_s_title_at_40_columns_is_cut_after_its_slash_too(isolated: Path) -> None:
    """ "Interview (no date yet): " takes more than half of 40 columns, so its lines go on from
    the line's own indent, but the names were measured against the label's 27 columns and cut
    inside: "Director of" / "Engineering/VP of Engineering)". Each name is whole."""
    for key, day in [("interview.recruiter", "2026-12-01"), ("interview.technical", "2026-12-10")]:
        assert run("config", "set", key, day, env=MONDAY).code == 0
    lines = screen(["plan"], isolated, 40)
    at = lines.index("  Interview (no date yet): People")
    assert lines[at + 1 : at + 5] == [
        "                Management & Leadership,",
        "                planned for 2026-12-10",
        "                (60 min,",
        "                Director of Engineering/",
    ]
    assert lines[at + 5] == "                VP of Engineering)"
    assert max(len(line) for line in lines) <= 40


def test_a_week_over_its_hours_by_the_tasks_kept_at_any_hours_says_so_plainly(
    isolated: Path,
) -> None:
    """Ten days at 12 h: week 2 (three days, 5.1 h) holds 7 h 45 of tasks of priority 1 and
    the drill's 1 h 52, and its line only weighed them. It says by how much the week is over,
    why, and the hours that would hold it; a week already ended says no command, as `config
    set hours` leaves it at the hours it had. The hours it gives do hold the week."""
    ten_days_at_twelve_hours()
    why = (
        "more than the week's hours, as its tasks of priority 1 (the stories, 'Why Coursera?', "
        "a design, the mocks) are kept at any hours"
    )
    week_1 = f"Tasks about 9 h of your 12 h; the drill about 4 h 22 (5 a day): 1 h 22 {why}"
    week_2 = f"Tasks about 7 h 45 of your 5.1 h; the drill about 1 h 52 (5 a day): 4 h 31 {why}"
    md = run("plan", env=MONDAY).stdout.splitlines()
    assert f"{week_1}; 14 h a week would hold them (emprep config set hours 14)." in md
    assert f"{week_2}; 23 h a week would hold them (emprep config set hours 23)." in md
    later = run("plan", env={"EMPREP_NOW": "2026-12-01T09:00"}).stdout.splitlines()
    assert f"{week_1}." in later  # ended: no command
    assert f"{week_2}; 23 h a week would hold them (emprep config set hours 23)." in later
    weeks = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"]
    assert [(w["over_minutes"], w["hours_that_hold"]) for w in weeks] == [(82, 14), (271, 23)]
    held = json.loads(run("plan", "--hours", "23", "--format", "json", env=MONDAY).stdout)
    assert [(w["over_minutes"], w["hours_that_hold"]) for w in held["weeks"]] == [(0, None)] * 2
    assert "more than the week's hours" not in run("plan", "--hours", "23", env=MONDAY).stdout
    lines = screen(["plan"], isolated, 80)
    at = lines.index("  Tasks about 7 h 45 of your 5.1 h; the drill about 1 h 52 (5 a day): 4 h 31")
    assert lines[at + 1 : at + 4] == [
        "  more than the week's hours, as its tasks of priority 1 (the stories, 'Why",
        "  Coursera?', a design, the mocks) are kept at any hours; 23 h a week would hold",
        "  them (emprep config set hours 23).",
    ]


def test_the_default_hours_hold_the_plan_the_defaults_make(isolated: Path) -> None:
    """A first plan, before any setting but the date (8 weeks, 5 a day, the drill weighed at
    the time boxes), was over its default 6 h in four weeks of eight and kept 16 tasks of 26,
    the accomplishments its stories are written from left out. The default hours are the
    fewest whole hours at which no week of it is over: 9, where it keeps 23, leaving out the
    mock with a person and two tasks of practice the drill also gives."""
    now = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2027-01-15", env=now).code == 0

    def made(*args: str) -> tuple[float, int, list[tuple[int, int]], list[str]]:
        doc = json.loads(run("plan", *args, "--format", "json", env=now).stdout)
        assert (doc["drill_count"], doc["drill_question_minutes"]) == (5, 7.47)
        over = [(w["number"], w["over_minutes"]) for w in doc["weeks"] if w["over_minutes"]]
        out = [t.split(" (")[0][:30] for w in doc["weeks"] for t in w["dropped"]]
        kept = sum(len(w["tasks"]) for w in doc["weeks"])
        return doc["hours_per_week"], kept, over, out

    assert made() == (
        9.0,
        23,
        [],
        [
            "Answer aloud again, inside its",
            "Do one mock with a person",
            "Record one answer for each rou",
        ],
    )
    assert made("--hours", "8")[2] == [(2, 22), (8, 52)]
    hours, kept, over, out = made("--hours", "6")
    assert hours == 6.0
    assert (kept, over) == (16, [(1, 22), (2, 142), (7, 7), (8, 172)])
    assert out[0].startswith("List your eight strongest")
    assert run("config", "show", env=now).stdout.count("9 a week") == 1


@pytest.mark.parametrize("width", [40, 80, 120])
def test_today_says_this_week_is_over_its_hours_in_the_plan_s_words(
    isolated: Path, width: int
) -> None:
    """Ten days at 12 h: `plan` said week 1 is 1 h 22 over its hours, why, and the hours that
    would hold it; `today`, listing the same tasks, said nothing of it. It gives the plan's
    line under the tasks, wrapped as the plan wraps it, at each width; JSON has its figures."""
    ten_days_at_twelve_hours()
    said = (
        "Tasks about 9 h of your 12 h; the drill about 4 h 22 (5 a day): 1 h 22 more than the "
        "week's hours, as its tasks of priority 1 (the stories, 'Why Coursera?', a design, the "
        "mocks) are kept at any hours; 14 h a week would hold them (emprep config set hours 14)."
    )
    shown = {}
    for command in ("plan", "today"):
        lines = screen([command], isolated, width)
        assert max(len(line) for line in lines) <= width, command
        first = next(i for i, line in enumerate(lines) if line.startswith("  Tasks about"))
        end = (
            lines.index("  Left out, as the week's hours do not", first)
            if width == 40
            else (
                lines.index(
                    "  Left out, as the week's hours do not hold them after the drill:", first
                )
            )
        )
        shown[command] = lines[first:end]
        assert " ".join(line.strip() for line in shown[command]) == said, command
    assert shown["today"] == shown["plan"]
    doc = json.loads(run("today", "--format", "json", env=MONDAY).stdout)
    assert (doc["over_minutes"], doc["hours_that_hold"]) == (82, 14)
    assert run("config", "set", "hours", "14", env=MONDAY).code == 0
    doc = json.loads(run("today", "--format", "json", env=MONDAY).stdout)
    assert (doc["over_minutes"], doc["hours_that_hold"]) == (0, None)
    assert "more than the week's hours" not in run("today", env=MONDAY).stdout


def test_a_tick_that_lets_a_task_into_its_week_does_not_put_the_week_over(
    isolated: Path,
) -> None:
    """A ticked task takes none of its week's hours, so a left-out task comes in: ten days at
    12 h, `task done 1` ('Why Coursera?', 2 h) lets in the note to the recruiter (15 min). The
    week's line counted the ticked 2 h too: "1 h 37 more than the week's hours ...; 14 h a
    week would hold them", over by the tick itself, where 7 h 15 still to do and the drill's
    4 h 22 take 11 h 37 of 12 h. It says what is done, and is over by what is still to do."""
    ten_days_at_twelve_hours()
    assert run("task", "done", "1", env=MONDAY).code == 0
    md = run("plan", env=MONDAY).stdout.splitlines()
    assert (
        "Tasks about 9 h 15 of your 12 h, 2 h of them done; the drill about 4 h 22 (5 a day)."
    ) in md
    [week_1, _] = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"]
    assert (week_1["task_minutes"], week_1["task_done"]) == (
        [120, 240, 15, 90, 90],
        [True, False, False, False, False],
    )
    assert (week_1["over_minutes"], week_1["hours_that_hold"]) == (0, None)
    assert run("task", "done", "2", env=MONDAY).code == 0  # the STAR stories (4 h): five come in
    assert (
        "Tasks about 13 h of your 12 h, 6 h of them done; the drill about 4 h 22 (5 a day)."
    ) in run("plan", env=MONDAY).stdout.splitlines()


def test_a_tick_that_brings_a_task_into_the_week_says_each_number_that_changed(
    isolated: Path,
) -> None:
    """A tick frees its task's hours, so a task left out may come back ahead of others: `task
    done 1` said only "Ticked task 1", and task 3 was another task now, so the next `task done
    3` ticked the wrong one. It says each task that came in, went out or has another number."""
    ten_days_at_twelve_hours()
    people = (
        "Write the people stories you still lack (an underperformer, a promotion, a delegation "
        "that stretched someone, a difficult feedback) and link a story to every people "
        "question; 'emprep story coverage' shows the gaps."
    )
    design = (
        "Whiteboard two Coursera designs against the clock, 35 minutes each (course "
        "recommendations, lecture video delivery); photograph them and write what you left out."
    )
    wins = (
        "List your eight strongest accomplishments from your resume (leadership, technical, "
        "hiring), each with its number; they are the raw material of your stories."
    )
    note = (
        "Write to the recruiter with your questions about the loop: who runs each round, and "
        "whether any round includes coding (the guide's coding-questions heading lists none); "
        "note the answer and adjust the plan."
    )
    r = run("task", "done", "1", env=MONDAY)
    assert (r.code, r.stdout.splitlines()[1:]) == (
        0,
        [
            f"Task 3 is task 4 now: {people}",
            f"Task 4 is task 5 now: {design}",
            f"Task 5 is task 6 now: {wins}",
            f"Task 6 is task 3 now, kept in the week: {note}",
            "1 of 5 tasks done this week.",
        ],
    )
    r = run("task", "undo", "1", env=MONDAY)
    assert r.stdout.splitlines()[1:] == [
        f"Task 3 is task 6 now, left out of the week: {note}",
        f"Task 4 is task 3 now: {people}",
        f"Task 5 is task 4 now: {design}",
        f"Task 6 is task 5 now: {wins}",
        "0 of 4 tasks done this week.",
    ]


MOCK_WITH_A_PERSON = (
    "Do one mock with a person (a peer manager or a mentor) playing the people or executive "
    "interviewer; write down their three most useful remarks."
)


def test_a_week_whose_one_task_moved_says_so_in_every_format(isolated: Path) -> None:
    """At 104 weeks and 40 h the mock with a person (week 96's one task) goes to week 104,
    after the rounds' mocks, and week 96 listed no task at all: each format now says the week
    keeps none, the drill being its work, and where its task went."""
    for key, value in [("start", "2026-11-23"), ("interview", "2028-11-20"), ("hours", "40")]:
        assert run("config", "set", key, value, env=MONDAY).code == 0, key
    md = run("plan", env=MONDAY).stdout.split("## Week 96: ")[1].split("## Week 97: ")[0]
    assert md.split("Tasks:\n\n")[1].split("Questions to introduce")[0] == (
        "- none kept: the drill is this week's work\n\n"
        "Tasks about 0 min of your 40 h; the drill about 4 h 22 (5 a day).\n\n"
        "Moved to another week, as the hours or the order of their phase's tasks ask:\n\n"
        f"- {MOCK_WITH_A_PERSON} (1 h 15; moved to week 104)\n\n"
    )
    weeks = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"]
    assert [(w["number"], w["moved"], w["moved_weeks"]) for w in weeks if w["moved"]] == [
        (96, [MOCK_WITH_A_PERSON], [104]),
        (100, [weeks[99]["moved"][0]], [104]),
    ]
    assert weeks[99]["moved"][0].startswith("Record one answer for each round still ahead")
    assert (weeks[95]["tasks"], weeks[95]["moved_minutes"], weeks[95]["moved_phases"]) == (
        [],
        [75],
        ["mock"],
    )
    assert weeks[103]["tasks"][5] == MOCK_WITH_A_PERSON
    from icalendar import Calendar

    ics = Calendar.from_ical(run("plan", "--format", "ics", env=MONDAY).stdout)
    [desc] = [str(e["description"]) for e in ics.walk("VEVENT") if "week-96." in str(e["uid"])]
    assert desc.split("Tasks:\n")[1] == (
        "- none kept: the drill is this week's work\n\n"
        "Tasks about 0 min of your 40 h; the drill about 4 h 22 (5 a day).\n\n"
        "Moved to another week, as the hours or the order of their phase's tasks ask:\n"
        f"- {MOCK_WITH_A_PERSON} (1 h 15; moved to week 104)"
    )
    said = [
        "  Tasks:",
        "    - none kept: the drill is this week's work",
        "  Tasks about 0 min of your 40 h; the drill about 4 h 22 (5 a day).",
        "  Moved to another week, as the hours or the order of their phase's tasks ask:",
        "    - Do one mock with a person (a peer manager or a mentor) playing the people",
        "      or executive interviewer; write down their three most useful remarks.",
        "      (1 h 15; moved to week 104)",
        "  Questions to introduce (0):",
    ]
    lines = screen(["plan"], isolated, 80)
    at = lines.index("Week 96  2028-09-18 to 2028-09-24  40 h")
    assert lines[at + 6 : at + 14] == said
    in_week_96 = "2028-09-19T09:00"
    today = json.loads(run("today", "--format", "json", env={"EMPREP_NOW": in_week_96}).stdout)
    assert (today["week"], today["tasks"], today["left_out"]) == (96, [], [])
    assert today["moved"] == [
        {"text": MOCK_WITH_A_PERSON, "minutes": 75, "week": 104, "phase": "mock"}
    ]
    child = spawn(["today"], isolated, in_week_96, width=80)
    child.expect(pexpect.EOF)
    lines = str(child.before).replace("\r", "").splitlines()
    at = lines.index("  5. Mock Interviews & Refinement")
    assert lines[at + 1 : at + 8] == [*said[1:7], ""]  # as the plan words them


def test_a_task_left_out_has_its_week_and_phase_in_json_as_a_kept_task_has(
    isolated: Path,
) -> None:
    """Week 1 of 10 days at 12 h leaves out tasks of three phases under "1. Company &
    Self-Assessment; 2. ..."; JSON gave a kept task its week and phase and a left-out one
    neither."""
    ten_days_at_twelve_hours()
    week = json.loads(run("plan", "--format", "json", env=MONDAY).stdout)["weeks"][0]
    phases = ["company"] * 3 + ["people"] * 3 + ["technical"]
    assert (week["dropped_weeks"], week["dropped_phases"]) == ([1] * 7, phases)
    for args in (["today"], ["task", "undo", "1"]):
        doc = json.loads(run(*args, "--format", "json", env=MONDAY).stdout)
        assert [(k["number"], k["week"], k["phase"]) for k in doc["left_out"]] == [
            (n, 1, p) for n, p in enumerate(phases, 5)
        ], args
        assert doc["left_out"][3]["text"] == HIRING


@pytest.mark.parametrize(
    ("settings", "now", "pointer", "short"),
    [
        (
            [],
            "2026-11-20T09:00",
            "once the interview has a date (emprep config set interview YYYY-MM-DD), emprep "
            "progress forecasts how many will be ready on the day.",
            "",
        ),
        (
            [("interview", "2028-01-20")],
            "2026-11-20T09:00",
            "emprep progress forecasts how many will be ready on the day from 2027-01-19 on (a "
            "forecast reaches 366 days ahead).",
            "",
        ),
        (
            [("start", "2026-11-20"), ("interview", "2026-11-23")],
            "2026-11-20T09:00",
            "emprep progress forecasts how many will be ready on the day.",
            " At that count, 93 of the 108 questions are not reached by the last round; no "
            "count up to 30 a day makes the loop ready in the days left (emprep progress).",
        ),
        (
            [("start", "2026-11-18"), ("interview", "2026-11-23")],
            "2026-11-23T09:00",
            "the last round is today, so no day is left to forecast.",
            " At that count, 108 of the 108 questions are not reached by the last round.",
        ),
    ],
    ids=["no date", "a date over a year ahead", "a date in 3 days", "the last round's day"],
)
def test_the_drill_sentence_points_to_a_forecast_only_where_progress_gives_one(
    isolated: Path, settings: list[tuple[str, str]], now: str, pointer: str, short: str
) -> None:
    """The plan said "emprep progress forecasts how many will be ready on the day" with no
    date, for a date beyond the forecast's reach and on the last round's day, and "(emprep
    progress gives the count that would)" three days before the interview: `progress` gave no
    forecast, or no count. Each pointer now leads to what `progress` shows that day: a
    forecast (and, for a date over a year away, from the day it begins), or the command that
    dates the loop, or nothing left to forecast; in the Markdown, on the screen and in the
    calendar's week events."""
    from icalendar import Calendar

    at = {"EMPREP_NOW": now}
    for key, value in settings:
        assert run("config", "set", key, value, env=at).code == 0, key
    said = (
        "The daily drill is 5 questions (emprep config set count N): each week lists the "
        "questions it first asks in that week, drilled every practice day with every answer "
        f"Good; {pointer}{short}"
    )
    assert run("plan", "--format", "md", env=at).stdout.splitlines()[4] == said
    assert said in run("plan", "--format", "table", env=at).stdout.splitlines()
    pace = json.loads(run("progress", "--format", "json", env=at).stdout)["pace"]
    forecast = "emprep progress forecasts how many will be ready on the day."
    assert (pace is not None) == (pointer == forecast)
    assert pace is None or pace["advised"] is None  # no count named: none to point to
    ics = run("plan", "--format", "ics", env=at).stdout
    weeks = [e for e in Calendar.from_ical(ics).walk("VEVENT") if str(e["uid"]).startswith("week")]
    ends = {str(e["description"]).rsplit("\n\n", 1)[1] for e in weeks}
    if short:  # "At that count, N of the 108 questions ...", as an event read alone words it
        n = short.split(", ")[1].split(" ")[0]
        assert ends == {
            f"At 5 questions a day, {n} of the 108 questions are in no week: the drill does not "
            f"reach them by the last round{short.split('last round', 1)[1]}"
        }
    if "366 days" in pointer:  # the forecast is there from the day named
        later = run("progress", "--format", "json", env={"EMPREP_NOW": "2027-01-19T09:00"})
        assert json.loads(later.stdout)["pace"] is not None


def test_after_the_loop_the_drill_sentence_no_longer_points_to_a_forecast(isolated: Path) -> None:
    """The loop over, `plan` still said "emprep progress forecasts how many will be ready on
    the day ... (emprep progress gives the count that would)", while `progress` gives no pace
    then (JSON `pace` null). From the evening of the last round on, as the drill counts it, the
    plan says what its weeks are now (what the drill asked) and what it never asked; the day
    before, it points to the forecast `progress` gives, which names no count that would make
    the loop ready, so neither does the plan."""
    from icalendar import Calendar

    start = {"EMPREP_NOW": "2026-11-23T09:00"}
    assert run("config", "set", "interview", "2026-11-27", env=start).code == 0
    assert run("review", "rec-why-coursera", "good", env=start).code == 0
    forward = (
        "The daily drill is 5 questions (emprep config set count N): each week lists the "
        "questions it first asks in that week, drilled every practice day with every answer "
        "Good; emprep progress forecasts how many will be ready on the day. At that count, 102 "
        "of the 108 questions are not reached by the last round; no count up to 30 a day makes "
        "the loop ready in the days left (emprep progress)."
    )
    over = (
        "The loop is over: each week lists the questions the drill first asked in it; 107 of "
        "the 108 it never asked. The drill is plain FSRS now, 5 questions a day (emprep config "
        "set count N)."
    )
    for now, said in [("2026-11-26T09:00", forward), ("2026-11-27T19:00", over)]:
        at = {"EMPREP_NOW": now}
        md = run("plan", "--format", "md", env=at).stdout.splitlines()
        assert md[4] == said, now
        pace = json.loads(run("progress", "--format", "json", env=at).stdout)["pace"]
        assert (pace is None) == (said == over), now
        assert pace is None or pace["advised"] is None
    child = spawn(["plan"], isolated, "2026-12-01T09:00", width=80)
    child.expect(pexpect.EOF)
    screen = child.before.replace("\r", "").splitlines()
    assert screen[3:7] == [
        "The loop is over: each week lists the questions the drill first asked in it; 107",
        "of the 108 it never asked. The drill is plain FSRS now, 5 questions a day",
        "(emprep config set count N).",
        "",
    ]
    ics = run("plan", "--format", "ics", env={"EMPREP_NOW": "2026-12-01T09:00"}).stdout
    weeks = [e for e in Calendar.from_ical(ics).walk("VEVENT") if str(e["uid"]).startswith("week")]
    assert [str(e["description"]).rsplit("\n\n", 1)[1] for e in weeks] == [
        "The loop is over: 107 of the 108 questions are in no week, as the drill never asked them."
    ]
