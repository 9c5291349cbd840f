"""A date for each round: config keys, where each date comes from, notes and refusals."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import TZPATH

import pytest
from conftest import run
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from emprep.cli import app
from emprep.core.models import Interview, Progress
from emprep.core.pack import Pack
from emprep.core.profile import config_value, set_value, unset_value
from emprep.core.rounds import asked_questions, countdowns, notes, round_dates, rounds_over
from emprep.core.settings import effective
from emprep.storage import clock, store
from emprep.storage.packs import load_pack
from emprep.storage.progress_text import dumps
from emprep.storage.store import parse

ROUNDS = ["recruiter", "technical", "people", "strategic", "executive"]
NOW = {"EMPREP_NOW": "2026-11-20T09:00"}


def test_a_round_takes_its_own_date_or_the_loops(isolated: Path) -> None:
    assert run("config", "set", "interview", "2026-12-14").stdout == "interview = 2026-12-14\n"
    r = run("config", "set", "interview.REC", "2026-11-30")
    assert (r.code, r.stdout, r.stderr) == (0, "interview.recruiter = 2026-11-30\n", "")
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert doc["interview"] == "2026-12-14"
    assert doc["rounds"] == [
        {"id": "recruiter", "date": "2026-11-30", "source": "interview.recruiter", "hint": None},
        *({"id": r, "date": "2026-12-14", "source": "interview", "hint": None} for r in ROUNDS[1:]),
    ]
    assert run("config", "show").stdout.splitlines()[:3] == [
        "interview  2026-12-14",
        "  recruiter  2026-11-30  from interview.recruiter",
        "  technical  2026-12-14  from interview",
    ]
    assert "[profile.rounds]\nrecruiter = 2026-11-30\n" in isolated.read_text()
    r = run("config", "unset", "interview.recruiter")
    assert r.stdout == (
        "interview.recruiter is not set; the round takes the loop's date (interview: 2026-12-14)\n"
    )
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert doc["rounds"][0] == {
        "id": "recruiter",
        "date": "2026-12-14",
        "source": "interview",
        "hint": None,
    }
    assert "[profile.rounds]" not in isolated.read_text()


def unset(rid: str) -> str:
    return f"no date yet; set it: emprep config set interview.{rid} YYYY-MM-DD"


def test_without_any_date_the_rounds_have_none() -> None:
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert doc["rounds"] == [
        {"id": r, "date": None, "source": None, "hint": unset(r)} for r in ROUNDS
    ]
    assert run("config", "show").stdout.splitlines()[1] == f"  recruiter  {unset('recruiter')}"


def test_a_round_without_a_date_says_so_and_how_to_give_it_one() -> None:
    """`config show` said "(not set)" for a round with no date, where a dated one says the key
    its date comes from: now the undated round says it has no date yet and the command that
    gives it one, in the table and in JSON."""
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=NOW).code == 0
    assert run("config", "show").stdout.splitlines()[:3] == [
        "interview  (not set)",
        "  recruiter  2026-11-30  from interview.recruiter",
        f"  technical  {unset('technical')}",
    ]
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert doc["rounds"][:2] == [
        {"id": "recruiter", "date": "2026-11-30", "source": "interview.recruiter", "hint": None},
        {"id": "technical", "date": None, "source": None, "hint": unset("technical")},
    ]


def test_a_loop_date_no_round_takes_is_no_interview_day(isolated: Path) -> None:
    """The onsite brought forward round by round (each by its prefix) leaves the loop's date
    to no round: it was still the loop's last day, so `today` counted "13 days to the
    interview (2026-12-16)" beside the rounds of the 14th, the plan ended on an interview day
    with no round, and the day after the onsite the loop was not over."""
    env = {"EMPREP_NOW": "2026-11-22T19:00"}
    run("config", "set", "interview", "2026-12-16", env=env)
    run("config", "set", "interview.rec", "2026-12-02", env=env)
    for rid in ("tech", "peo", "str", "exe"):
        assert run("config", "set", f"interview.{rid}", "2026-12-14", env=env).code == 0
    env = {"EMPREP_NOW": "2026-12-03T08:00"}
    assert run("today", env=env).stdout.splitlines()[0] == (
        "Thursday 3 December: 11 days to the interview (2026-12-14)"
    )
    docs = [json.loads(run(*c, "--format", "json", env=env).stdout) for c in DATED]
    assert [(d["interview"], d.get("days_to_interview", d.get("days_left"))) for d in docs] == [
        ("2026-12-14", 11)
    ] * 3
    plan = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert (plan["interview"], plan["weeks"][-1]["end"], plan["interview_day"]) == (
        "2026-12-14",
        "2026-12-13",
        {"date": "2026-12-14", "interviews": [{"id": r, "date": "2026-12-14"} for r in ROUNDS[1:]]},
    )
    assert run("config", "show").stdout.splitlines()[0] == (
        "interview  2026-12-16 (no round takes it: each has its own date)"
    )
    env = {"EMPREP_NOW": "2026-12-15T09:00"}
    assert run("today", env=env).stdout.splitlines()[0] == (
        "Tuesday 15 December: the interview (2026-12-14) was 1 day ago"
    )
    assert json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["loop_over"]
    run("config", "unset", "interview.exe", env=env)  # the loop's date is a round's again
    assert run("config", "show").stdout.splitlines()[0] == "interview  2026-12-16"
    assert json.loads(run("today", "--format", "json", env=env).stdout)["interview"] == (
        "2026-12-16"
    )


DATED = (("today",), ("progress",), ("drill", "--list"))


def test_odd_dates_get_a_note_not_a_refusal(isolated: Path) -> None:
    run("config", "set", "interview", "2026-12-14")
    r = run("config", "set", "interview.executive", "2026-12-01")
    assert r.code == 0
    assert r.stderr == (
        "emprep: note: executive (2026-12-01) is dated before recruiter, technical, people, "
        "strategic, which the guide puts first; fine if that is how your loop runs\n"
    )
    run("config", "unset", "interview.executive")
    r = run("config", "set", "interview.recruiter", "2026-11-10")
    assert (r.code, r.stderr) == (
        0,
        "emprep: note: your rounds span 34 days (2026-11-10 to 2026-12-14), more than the "
        "guide's ~21 days from first call to decision; check the dates (emprep config show)\n",
    )
    assert "recruiter = 2026-11-10" in isolated.read_text()
    assert run("config", "set", "hours", "5").stderr == ""


def test_bad_round_dates_are_one_line_exit_2_and_leave_the_file(isolated: Path) -> None:
    run("config", "set", "start", "2026-11-20")
    run("config", "set", "interview", "2026-12-14")
    before = isolated.read_bytes()
    cases = {
        ("set", "interview.tehcnical", "2026-12-01"): "unknown round 'tehcnical': did you mean "
        "'technical'? valid: recruiter, technical, people, strategic, executive",
        ("set", "interview.", "2026-12-01"): "'interview.' names no round after the dot: give "
        "interview.ROUND for a round's own date, ROUND one of recruiter, technical, people, "
        "strategic, executive (interview alone is the whole loop's)",
        ("unset", "Interview. "): "'Interview. ' names no round after the dot: give "
        "interview.ROUND for a round's own date, ROUND one of recruiter, technical, people, "
        "strategic, executive (interview alone is the whole loop's)",
        ("set", "interview.people", "14/12/2026"): "interview.people: '14/12/2026' is not a "
        "date; write it as YYYY-MM-DD, e.g. 2027-01-15",
        ("set", "interview.rec", "2026-11-19"): "interview.recruiter: 2026-11-19 is before the "
        "start (2026-11-20); give a later date, or an earlier start: emprep config set start "
        "YYYY-MM-DD",
        ("set", "interview", "2026-11-01"): "interview: 2026-11-01 is before the start "
        "(2026-11-20); give a later date, or an earlier start: emprep config set start YYYY-MM-DD",
        ("set", "start", "2026-12-20"): "start: 2026-12-20 is after the recruiter round "
        "(2026-12-14, interview); give an earlier start, or move the round: emprep config set "
        "interview YYYY-MM-DD",
        ("unset", "interview.moon"): "unknown round 'moon': valid: recruiter, technical, "
        "people, strategic, executive",
    }
    for args, message in cases.items():
        r = run("config", *args)
        assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n"), args
        assert isolated.read_bytes() == before


def test_a_start_on_the_loops_last_day_is_refused_where_it_is_set(isolated: Path) -> None:
    """`config set start 2027-01-15` with the interview that day said "start = 2027-01-15",
    exit 0, and every `plan` after it was refused ("the interview ... is the start date").
    The start, the loop's date or a round's that puts the last day on the start is refused
    where it is typed, the file as it was; a round on the start day before the last is kept."""
    run("config", "set", "interview", "2027-01-15")
    run("config", "set", "interview.recruiter", "2027-01-10")
    run("config", "set", "start", "2027-01-10")
    assert run("plan").code == 0  # the recruiter round on the start day, the rest after it
    before = isolated.read_bytes()
    cases = {
        ("start", "2027-01-15"): "start: 2027-01-15 is after the recruiter round (2027-01-10, "
        "interview.recruiter); give an earlier start, or move the round: emprep config set "
        "interview.recruiter YYYY-MM-DD",
        ("interview", "2027-01-10"): "interview: 2027-01-10 is the start (2027-01-10), and a "
        "plan needs a day before the loop's last day; give a later date, or an earlier start: "
        "emprep config set start YYYY-MM-DD",
    }
    for (key, value), message in cases.items():
        r = run("config", "set", key, value)
        assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n"), key
        assert isolated.read_bytes() == before
    run("config", "unset", "interview.recruiter")
    run("config", "unset", "start")
    before = isolated.read_bytes()
    r = run("config", "set", "start", "2027-01-15")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: start: 2027-01-15 is the loop's last day (interview), and a plan needs "
        "a day before it; give an earlier start, or move the round: emprep config set "
        "interview YYYY-MM-DD\n",
    )
    assert isolated.read_bytes() == before
    assert run("plan").code == 0


DAY = st.dates(min_value=date(2026, 11, 20), max_value=date(2027, 6, 30))


@given(
    loop=st.none() | DAY,
    own=st.dictionaries(st.sampled_from(ROUNDS), DAY),
    unset=st.sets(st.sampled_from(ROUNDS)),
)
@settings(max_examples=60, deadline=None)
def test_round_dates_round_trip_through_the_file(
    pack: Pack, loop: date | None, own: dict[str, date], unset: set[str]
) -> None:
    today = date(2026, 11, 20)
    profile = Progress().profile
    if loop:
        profile = set_value(pack, profile, "interview", value=loop.isoformat(), today=today)
    for rid, day in own.items():
        profile = set_value(
            pack, profile, f"interview.{rid[:4]}", value=day.isoformat(), today=today
        )
    for rid in unset:
        profile = unset_value(pack, profile, f"interview.{rid}", today=date(2026, 11, 20))
    kept = {r: d for r, d in own.items() if r not in unset}
    back = parse(dumps(Progress(profile=profile)), Path("p.toml"), remember=False).profile
    assert back == profile
    assert back.rounds == kept
    for d in round_dates(pack, back.interview, back.rounds):
        assert config_value(back, d.source or "interview") == d.date
        assert d.date == kept.get(d.round.id, loop)
    s = effective(back, pack.round_ids)
    used = [d.date for d in round_dates(pack, loop, kept) if d.date is not None]
    # the loop ends on its last round's day: a loop's date that no round takes ends nothing
    assert s.interview == max(used, default=None)
    days = countdowns(pack, s, today)
    assert [c.days for c in days] == [
        None if c.date is None else (c.date - today).days for c in days
    ]
    assert all(not c.done for c in days)
    spread = (max(used) - min(used)).days if used else 0  # the loop's date may be no round's
    assert any("span" in n for n in notes(pack, round_dates(pack, loop, kept))) == (
        spread > pack.loop.timeline_days
    )


def test_an_interview_on_the_command_line_is_the_whole_loop(pack: Pack) -> None:
    profile = set_value(
        pack, Progress().profile, "interview.rec", value="2026-12-01", today=date(2026, 11, 20)
    )
    one = effective(profile, pack.round_ids, interview=date(2027, 1, 15))
    assert [one.date_of(r) for r in ROUNDS] == [date(2027, 1, 15)] * 5
    own = effective(profile, pack.round_ids)
    assert (own.interview, own.date_of("recruiter"), own.date_of("people")) == (
        date(2026, 12, 1),
        date(2026, 12, 1),
        None,
    )
    past = countdowns(pack, own, date(2026, 12, 1) + timedelta(days=1))
    assert (past[0].days, past[0].done) == (-1, True)


# --- The plan fitted to the dates -------------------------------------------------------------

START = date(2026, 11, 20)


@given(
    end=st.integers(min_value=5, max_value=70),
    own=st.dictionaries(st.sampled_from(ROUNDS), st.integers(min_value=-10, max_value=70)),
)
@settings(max_examples=60, deadline=None)
def test_the_plan_ends_at_the_last_round_and_meets_each_one_in_time(
    pack: Pack, end: int, own: dict[str, int]
) -> None:
    from emprep.core.planner import make_plan

    dates = {r: START + timedelta(days=d) for r, d in own.items()}
    last = max([end, *own.values()])
    if last == 0:
        return
    plan = make_plan(pack, START, interview=START + timedelta(days=last), round_dates=dates)
    assert plan.interview == START + timedelta(days=last)
    assert plan.dates == {r: dates.get(r, plan.interview) for r in ROUNDS}
    assert plan.spans[-1].first_day + plan.spans[-1].days == last
    if last >= len(pack.phases):  # every phase, each by its first round ahead, in that order
        due = {r: (plan.dates[r] - START).days for r in ROUNDS}
        ends = []
        for s in plan.spans:
            near = [due[r] for r in s.phase.prepares if 0 < due[r] < last]
            mine = last if len(s.phase.prepares) == len(ROUNDS) else min(near, default=last)
            ends.append(mine)
            later = len(plan.spans) - plan.spans.index(s) - 1
            assert s.first_day + s.days <= max(mine, s.first_day + 1), s.phase.id
            assert s.first_day + s.days <= last - later
        assert ends == sorted(ends)
    for w in plan.weeks:
        ahead = sorted(
            (r for r in ROUNDS if w.start <= plan.dates[r] < plan.interview),
            key=lambda r: (plan.dates[r], ROUNDS.index(r)),
        )
        soon = [r for r in ahead if plan.dates[r] <= w.end + timedelta(days=7)]
        assert w.rounds[: len(soon)] == soon
        assert not [r for r in w.rounds if plan.dates[r] < w.start]
        assert w.interviews == [r for r in ahead if plan.dates[r] <= w.end]


def staggered() -> None:
    """The issue's new user: the screen in 10 days, the onsite in 24."""
    assert run("config", "set", "interview", "2026-12-14", env=NOW).code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=NOW).code == 0


def test_the_plan_shows_each_round_on_its_day(pack: Pack) -> None:
    staggered()
    doc = json.loads(run("plan", "--format", "json", env=NOW).stdout)
    assert (doc["start"], doc["interview"], doc["days"]) == ("2026-11-20", "2026-12-14", 24)
    assert [(r["id"], r["date"]) for r in doc["loop"]["rounds"]] == [
        ("recruiter", "2026-11-30"),
        *((r, "2026-12-14") for r in ROUNDS[1:]),
    ]
    assert (doc["loop"]["first_interview"], doc["loop"]["decision_around"]) == (
        "2026-11-30",
        "2026-12-21",
    )
    assert [w["interviews"] for w in doc["weeks"]] == [
        [],
        [{"id": "recruiter", "date": "2026-11-30"}],
        [],
        [],
    ]
    assert [w["rounds"] for w in doc["weeks"]] == [
        ["recruiter", "people"],
        ["recruiter", "technical", "people"],
        ["technical", "strategic", "executive"],
        ROUNDS[1:],
    ]
    recruiter = {q.id for q in pack.questions if "recruiter" in q.rounds}
    assert recruiter <= {q["id"] for q in doc["weeks"][0]["questions"]}
    md = run("plan", "--format", "md", env=NOW).stdout
    assert "**Interview: Recruiter/HR Interview on 2026-11-30 (45 min, Recruiter/HR)**\n" in md
    assert "1. Recruiter/HR Interview (45 min) on 2026-11-30\n" in md
    assert "2. Technical Deep Dive (60 min) on 2026-12-14\n" in md


def test_the_last_rounds_day_follows_the_last_week_in_every_format() -> None:
    """The weeks end the day before the onsite, as the calendar's week events do; its rounds
    are on the day after, under "Interview day", each once, in the table, Markdown and JSON."""
    from icalendar import Calendar

    staggered()
    doc = json.loads(run("plan", "--format", "json", env=NOW).stdout)
    assert doc["weeks"][-1]["end"] == "2026-12-13"
    assert doc["interview_day"] == {
        "date": "2026-12-14",
        "interviews": [{"id": r, "date": "2026-12-14"} for r in ROUNDS[1:]],
    }
    onsite = [
        "Technical Deep Dive on 2026-12-14 (60 min, Senior Software Engineer/Engineering Lead)",
        "People Management & Leadership on 2026-12-14 (60 min, Director of Engineering/VP of "
        "Engineering)",
        "Strategic & Product Alignment on 2026-12-14 (45 min, Director of Product "
        "Management/Senior Product Manager)",
        "Executive Leadership Interview on 2026-12-14 (60 min, VP of Engineering/CTO)",
    ]
    md = run("plan", "--format", "md", env=NOW).stdout
    day = md.split("## Interview day: 2026-12-14\n\n", 1)[1].split("## The loop", 1)[0]
    assert day == "".join(f"**Interview: {line}**\n\n" for line in onsite)
    table = run("plan", "--format", "table", env=NOW).stdout
    day = table.split("Interview day  2026-12-14\n", 1)[1].split("\nThe loop", 1)[0]
    assert day == "".join(f"  Interview: {line}\n" for line in onsite)
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=NOW)
    events = Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
    weeks = [e for e in events if str(e["uid"]).startswith("week-")]
    rounds = {str(e["uid"]).split(".")[0]: e.decoded("dtstart") for e in events if e not in weeks}
    assert max(e.decoded("dtend") for e in weeks) == date(2026, 12, 14)  # exclusive: the 13th
    assert [r for r, d in rounds.items() if d == date(2026, 12, 14)] == [
        f"round-{r}" for r in ROUNDS[1:]
    ]


def test_each_round_is_its_own_calendar_event() -> None:
    from icalendar import Calendar

    staggered()
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=NOW)
    events = {str(e["uid"]): e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")}
    loop = "coursera-software-engineering-manager-m4@emprep"
    screen = events[f"round-recruiter.{loop}"]
    assert str(screen["summary"]) == "Interview: Recruiter/HR Interview (45 min)"
    assert (screen.decoded("dtstart"), screen.decoded("dtend")) == (
        date(2026, 11, 30),
        date(2026, 12, 1),
    )
    assert str(screen["description"]) == (
        "Coursera Software Engineering Manager (M4), round 1 of 5: HR Screen, 45 min with "
        "Recruiter/HR.\n\nWhat they look for:\n- Enthusiasm for Coursera\n"
        "- Clear communication\n- Basic alignment with company values\n\n"
        "Practise it: emprep drill --round recruiter; emprep mock --round recruiter\n"
        "After it, log what it asked: emprep rounds log recruiter"
    )
    onsite = [events[f"round-{r}.{loop}"] for r in ROUNDS[1:]]
    assert {e.decoded("dtstart") for e in onsite} == {date(2026, 12, 14)}
    assert "60 min with Senior Software Engineer/Engineering Lead" in str(onsite[0]["description"])
    # the screen moves: the same event, on its new day
    run("config", "set", "interview.rec", "2026-12-02", env=NOW)
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=NOW)
    moved = {str(e["uid"]): e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")}
    assert set(moved) == set(events)
    assert moved[f"round-recruiter.{loop}"].decoded("dtstart") == date(2026, 12, 2)


def test_a_past_round_says_to_log_it_in_the_calendar_the_markdown_and_the_json() -> None:
    from icalendar import Calendar

    staggered()
    later = {"EMPREP_NOW": "2026-12-02T09:00"}
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=later)
    events = {
        str(e["uid"]).split(".")[0]: e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
    }
    screen = str(events["round-recruiter"]["description"])
    assert screen.endswith(
        "- Basic alignment with company values\n\n"
        "It is past: log what it asked, in your words: emprep rounds log recruiter"
    )
    assert "Practise it" not in screen
    assert str(events["round-technical"]["description"]).endswith(
        "Practise it: emprep drill --round technical; emprep mock --round technical\n"
        "After it, log what it asked: emprep rounds log technical"
    )
    md = run("plan", "--format", "md", env=later).stdout
    assert md.split("## The loop, from 2026-11-30\n\n")[1].splitlines()[:2] == [
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past: log what it asked: "
        "emprep rounds log recruiter",
        "2. Technical Deep Dive (60 min) on 2026-12-14",
    ]
    doc = json.loads(run("plan", "--format", "json", env=later).stdout)
    assert [(x["id"], x["past"]) for x in doc["loop"]["rounds"]] == [
        ("recruiter", True),
        *((x, False) for x in ROUNDS[1:]),
    ]
    # on its day the round is still ahead: practise it
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env={"EMPREP_NOW": "2026-11-30T08:00"})
    events = {
        str(e["uid"]).split(".")[0]: e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
    }
    assert "Practise it: emprep drill --round recruiter" in str(
        events["round-recruiter"]["description"]
    )


def test_progress_gives_each_round_its_days_and_its_own_readiness(isolated: Path) -> None:
    staggered()
    run("review", "rec-why-coursera", "good", env=NOW)
    run("review", "exe-scaling", "good", env=NOW)
    lines = run("progress", env=NOW).stdout.splitlines()
    assert lines[0] == (
        "10 days to the Recruiter/HR Interview (2026-11-30), 24 days to the interview "
        "(2026-12-14), plan week 1 of 4"
    )
    table = lines[lines.index(next(x for x in lines if x.startswith("round "))) :][:7]
    assert table[0].split() == [
        "round",
        "date",
        "when",
        "seen",
        "due",
        "today",
        "recall",
        "on",
        "its",
        "day",
    ]
    bank = load_pack().questions
    rec, tech = (sum(r in q.rounds for q in bank) for r in ("recruiter", "technical"))
    assert table[1].startswith(f"Recruiter/HR Interview          2026-11-30  in 10 days  1/{rec}")
    assert table[2].startswith(f"Technical Deep Dive             2026-12-14  in 24 days  0/{tech}")
    assert table[6] == (
        "Recall is FSRS's predicted chance of answering well on the morning of each round's "
        "day; unseen questions count 0; the target is 90%."
    )
    doc = json.loads(run("progress", "--format", "json", env=NOW).stdout)
    rec, tech, *_, exe = doc["rounds"]
    assert (rec["date"], rec["days_to"], rec["done"]) == ("2026-11-30", 10, False)
    assert (tech["date"], tech["days_to"], tech["done"]) == ("2026-12-14", 24, False)
    # one answer: the recruiter round's share is predicted for the 30th, the executive's for
    # the 14th, so the same kind of card counts for more in the nearer round
    assert rec["recall"] * 13 > exe["recall"] * 15 > 0
    after = {"EMPREP_NOW": "2026-12-02T09:00"}
    lines = run("progress", env=after).stdout.splitlines()
    assert lines[0] == "12 days to the interview (2026-12-14), plan week 2 of 4"
    assert any(x.startswith("Recruiter/HR Interview          2026-11-30  done  ") for x in lines)
    assert any(x.endswith("  -") and x.startswith("Recruiter/HR") for x in lines)
    rec = json.loads(run("progress", "--format", "json", env=after).stdout)["rounds"][0]
    assert (rec["days_to"], rec["done"], rec["due_today"], rec["recall"]) == (-2, True, None, None)


# --- After a round ------------------------------------------------------------------------------

SCREEN_DAY = {"EMPREP_NOW": "2026-11-30T17:00:00+00:00"}


def test_a_round_logged_in_the_computers_own_zone_is_kept_in_utc(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without TZ the zone comes from /etc/localtime, and such a zone cannot be copied: the
    JSON of `rounds log` failed with exit 1 after saving. The moment is kept in UTC."""
    paris = next(
        (Path(p) / "Europe/Paris" for p in TZPATH if Path(p, "Europe/Paris").exists()), None
    )
    if paris is None:
        pytest.skip("no time zone files on this machine")
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(clock, "LOCALTIME", str(paris))
    clock._zone.cache_clear()
    try:
        asked = ["rounds", "log", "rec", "--asked", "rec-why-coursera", "--format", "json"]
        r = run(*asked, env={"EMPREP_NOW": "2026-11-30T18:00"})
    finally:
        clock._zone.cache_clear()
    assert (r.code, r.stderr) == (0, "")
    assert json.loads(r.stdout)["logged"] == "2026-11-30T17:00:00Z"
    assert "logged = 2026-11-30 17:00:00+00:00\n" in isolated.read_text()


def test_a_round_logged_before_its_date_says_how_to_date_it(isolated: Path) -> None:
    """A round had earlier than it is dated (or dated only by the loop's date) keeps its date,
    and with it the drill's aim: the log says so and gives the command that moves it."""
    staggered()
    r = run("rounds", "log", "tech", "--note", "Went deep on caching", env=SCREEN_DAY)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        "Logged the Technical Deep Dive round of 2026-11-30: a note.\n"
        "It is still dated 2026-12-14, and the drill aims its questions there; "
        "if it is behind you: emprep config set interview.technical 2026-11-30\n"
    )
    assert run("config", "set", "interview.technical", "2026-11-30", env=SCREEN_DAY).code == 0
    r = run("rounds", "log", "tech", "--note", "Its follow-up", env=SCREEN_DAY)
    assert r.stdout == (
        "Added to your log of the Technical Deep Dive round of 2026-11-30; it now holds: a note.\n"
    )


def test_a_round_logged_with_options_is_kept_and_shown(isolated: Path) -> None:
    staggered()
    r = run(
        "rounds",
        "log",
        "rec",
        "--asked",
        "rec-why-coursera",
        "--asked",
        "EXE-scaling",
        "--asked",
        "  How do you   handle a team that misses deadlines? ",
        "--note",
        "Friendly; asked about the salary range",
        env=SCREEN_DAY,
    )
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        "Logged the Recruiter/HR Interview of 2026-11-30: 2 questions from the bank "
        "(rec-why-coursera, exe-scaling), 1 in your words, a note.\n"
        "A later round asks exe-scaling too: the drill brings it first.\n"
    )
    text = isolated.read_text()
    assert (
        '[[interviews]]\nround = "recruiter"\nday = 2026-11-30\n'
        "logged = 2026-11-30 17:00:00+00:00\n"
        'questions = [\n    "rec-why-coursera",\n    "exe-scaling",\n]\n'
    ) in text
    r = run(
        "rounds",
        "log",
        "exec",
        "--asked",
        "exe-org-vision",
        "--note",
        "  ",
        "--date",
        "2026-11-30",
        "--format",
        "json",
        env=SCREEN_DAY,
    )
    assert json.loads(r.stdout) == {
        "round": "executive",
        "day": "2026-11-30",
        "logged": "2026-11-30T17:00:00Z",
        "questions": ["exe-org-vision"],
        "asked": [],
        "note": "",
    }
    lines = run("progress", env=SCREEN_DAY).stdout.splitlines()
    at = lines.index("Rounds you have had")
    assert lines[at + 1 :] == [
        '  2026-11-30 recruiter: asked rec-why-coursera, exe-scaling, "How do you handle a team '
        'that misses deadlines?"',
        "    note: Friendly; asked about the salary range",
        "  2026-11-30 executive: asked exe-org-vision",
        "",
        "Next: emprep drill (5 questions, about 24 minutes)",
    ]
    doc = json.loads(run("progress", "--format", "json", env=SCREEN_DAY).stdout)
    assert [i["round"] for i in doc["interviews"]] == ["recruiter", "executive"]


def test_a_list_of_ids_given_to_asked_at_once_is_those_questions(isolated: Path) -> None:
    """`--asked rec-why-coursera,exe-scaling`, as `story add --questions` takes ids, was kept as
    one question in words: the drill learnt of neither, and `progress` showed the ids quoted."""
    staggered()
    r = run(
        "rounds",
        "log",
        "rec",
        "--asked",
        "rec-why-coursera,EXE-scaling",
        "--asked",
        "rec-why-leaving rec-salary",
        "--asked",
        "Why Coursera, and why now?",
        env=SCREEN_DAY,
    )
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        "Logged the Recruiter/HR Interview of 2026-11-30: 4 questions from the bank "
        "(rec-why-coursera, exe-scaling, rec-why-leaving, rec-salary-expectations), "
        "1 in your words.\n"
        "A later round asks exe-scaling too: the drill brings it first.\n"
    )
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.asked) == (
        ["rec-why-coursera", "exe-scaling", "rec-why-leaving", "rec-salary-expectations"],
        ["Why Coursera, and why now?"],
    )
    r = run("rounds", "log", "rec", "--asked", "rec-why-coursera, rec-why-corsera", env=SCREEN_DAY)
    assert (r.code, r.stdout) == (2, "")
    assert "did you mean 'rec-why-coursera'?" in r.stderr
    assert asked_questions(load_pack(), ["follow-up, post-mortem"]) == (
        [],
        ["follow-up, post-mortem"],
    )


def test_a_list_of_typos_or_of_prefixes_given_to_asked_is_not_one_question_in_words(
    isolated: Path,
) -> None:
    """Two mistyped ids in one `--asked`, or two prefixes, were kept as one question in your
    words (exit 0, the drill told of neither), though each alone is refused with its
    suggestion, or taken: a list is one where a part names a question or nearly does."""
    staggered()
    before = isolated.read_bytes()
    for typed, first in [
        ("rec-why-courserra, rec-why-leavng", "rec-why-courserra"),
        ("trade-offs, build-vs-buy", "trade-offs"),
    ]:
        r = run("rounds", "log", "rec", "--asked", typed, env=SCREEN_DAY)
        assert (r.code, r.stdout) == (2, "")
        meant = {"rec-why-courserra": "rec-why-coursera", "trade-offs": "tech-tradeoff"}[first]
        assert r.stderr == (
            f"emprep: error: unknown question '{first}': did you mean '{meant}'? list the ids "
            "with 'emprep questions', or write the question in words\n"
        )
        assert isolated.read_bytes() == before
    r = run("rounds", "log", "rec", "--asked", "tech-tradeof, exe-scal", env=SCREEN_DAY)
    assert (r.code, r.stderr) == (0, "")
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.asked) == (["tech-tradeoff", "exe-scaling"], [])


def test_one_word_that_starts_several_ids_given_to_asked_is_refused_with_them(
    isolated: Path,
) -> None:
    """`--asked rec` was saved as a question in your words, counting for no question, where
    `rec-why-coursera` was likely meant: the ids it starts are named, the file untouched, and
    one word that starts no id is words still."""
    staggered()
    before = isolated.read_bytes()
    for typed in ("rec", "REC"):
        r = run("rounds", "log", "rec", "--asked", typed, "--asked", "Salary", env=SCREEN_DAY)
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: question '{typed}' is ambiguous: it could be rec-why-coursera, "
            "rec-em-experience, rec-strengths-weaknesses, rec-why-leaving, rec-mission-values "
            "and 9 more; give more of the id (emprep questions lists them), or write the "
            "question in words\n"
        )
        assert isolated.read_bytes() == before
    assert asked_questions(load_pack(), ["Salary", "mentoring"]) == ([], ["Salary", "mentoring"])


def test_a_line_break_in_a_logged_round_edited_by_hand_is_a_space_on_its_line(
    isolated: Path,
) -> None:
    """A question in your words and a round's note are one line each (typed, a line break is a
    space). One edited into the file with a line break, or a line separator (U+2028, which one
    terminal breaks the line at and another shows as nothing), broke `progress`'s line for the
    round; each is a space there, as a tab is. The separator is a line break once read, as in
    every other text, so the JSON says the note as it says the question."""
    r = run("rounds", "log", "recruiter", "--asked", "Why", "--note", "Went", env=SCREEN_DAY)
    assert r.code == 0, r.stderr
    text = isolated.read_text()
    text = text.replace('"Why"', '"Why us,\\nnow?\\u2028Really"')
    isolated.write_text(text.replace('note = "Went"', 'note = "Went\\nwell\\u2028mostly"'))
    lines = run("progress", env=SCREEN_DAY).stdout.splitlines()
    at = lines.index("Rounds you have had")
    assert lines[at + 1 : at + 3] == [
        '  2026-11-30 recruiter: asked "Why us, now? Really"',
        "    note: Went well mostly",
    ]
    [logged] = json.loads(run("progress", "--format", "json", env=SCREEN_DAY).stdout)["interviews"]
    assert (logged["asked"], logged["note"]) == (["Why us,\nnow?\nReally"], "Went\nwell\nmostly")


def test_bad_round_logs_are_one_line_exit_2_and_leave_the_file(isolated: Path) -> None:
    staggered()
    before = isolated.read_bytes()
    cases = {
        ("log", "tehcnical", "--asked", "x y"): "unknown round 'tehcnical': did you mean "
        "'technical'? valid: recruiter, technical, people, strategic, executive",
        ("log", "rec", "--asked", "rec-why-corsera"): "unknown question 'rec-why-corsera': "
        "did you mean 'rec-why-coursera'? list the ids with 'emprep questions', or write the "
        "question in words",
        # a typo in a prefix, as prefixes are taken for ids
        ("log", "rec", "--asked", "rec-sallary"): "unknown question 'rec-sallary': did you mean "
        "'rec-salary-expectations'? list the ids with 'emprep questions', or write the question "
        "in words",
        ("log", "rec", "--asked", "x y", "--date", "30/11"): "--date: '30/11' is not a date; "
        "write it as YYYY-MM-DD, e.g. 2027-01-15",
        ("log", "rec"): "not a terminal, so nothing is asked: give --asked ID|TEXT (once per "
        "question) and/or --note TEXT",
        ("log", "rec", "--note", " "): "--note: the note given is empty, and no question "
        "either; give how it went, e.g. emprep rounds log recruiter --note 'Went well', and "
        "--asked ID|TEXT for each question asked (at a terminal, give neither and both are "
        "asked)",
    }
    for args, message in cases.items():
        r = run("rounds", *args, env=SCREEN_DAY)
        assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n"), args
        assert isolated.read_bytes() == before


def test_rounds_shows_each_rounds_date(isolated: Path) -> None:
    plain = run("rounds").stdout.splitlines()
    assert plain[2].split()[-1] == "interviewer"
    staggered()
    lines = run("rounds").stdout.splitlines()
    assert lines[2].split()[-1] == "date"
    assert lines[3].startswith("1  recruiter") and lines[3].split()[-1] == "2026-11-30"
    assert lines[7].endswith("  2026-12-14")
    doc = json.loads(run("rounds", "--format", "json").stdout)
    assert doc["dates"][0] == {
        "id": "recruiter",
        "date": "2026-11-30",
        "source": "interview.recruiter",
    }
    one = run("rounds", "tech").stdout.splitlines()
    assert one[2] == "On 2026-12-14 (from interview)"
    assert json.loads(run("rounds", "show", "tech", "--format", "json").stdout)["date"] == {
        "id": "technical",
        "date": "2026-12-14",
        "source": "interview",
    }


# --- The drill aims each question at its own round ----------------------------------------------


@given(
    offsets=st.dictionaries(st.sampled_from(ROUNDS), st.integers(min_value=-12, max_value=30)),
    loop=st.integers(min_value=-12, max_value=30),
    practised=st.lists(
        st.tuples(st.integers(0, 59), st.integers(1, 20), st.integers(1, 4)), max_size=40
    ),
    count=st.integers(1, 12),
)
@settings(max_examples=80, deadline=None)
def test_a_question_never_takes_a_place_after_its_last_round(
    pack: Pack,
    offsets: dict[str, int],
    loop: int,
    practised: list[tuple[int, int, int]],
    count: int,
) -> None:
    from datetime import UTC, datetime

    from emprep.core.practice import todays_drill
    from emprep.core.scheduler import record

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    today = now.date()
    progress = Progress()
    for qi, back, rating in sorted(practised, key=lambda p: -p[1]):
        when = now - timedelta(days=back)
        progress = record(progress, pack.questions[qi].id, rating, seconds=30, now=when)
    profile = set_value(
        pack, progress.profile, "interview", value=str(today + timedelta(days=loop)), today=today
    )
    for rid, k in offsets.items():
        profile = set_value(
            pack, profile, f"interview.{rid}", value=str(today + timedelta(days=k)), today=today
        )
    s = effective(profile, pack.round_ids, count=count)
    drill = todays_drill(pack, progress, now, s=s, round_id=None)
    ahead = s.interview is not None and s.interview >= today
    assert len(drill.items) <= count
    assert len({i.question.id for i in drill.items}) == len(drill.items)
    for item in drill.items:
        days = [s.date_of(r) for r in item.question.rounds]
        still = [d for d in days if d is not None and d >= today]
        if ahead:
            assert still, (item.question.id, days)  # no place after its last round
        assert item.deadline == min(still, default=None)
        if item.kind == "warm-up":
            assert item.deadline == today


@pytest.mark.slow
def test_the_new_user_of_the_issue_through_the_cli(isolated: Path, pack: Pack) -> None:
    """Screen in 10 days, onsite in 24, five a day for a bank of 60 (as many more as the bank
    is larger), every answer Good: every recruiter question is ready on the screen's morning,
    and none that only the screen asks comes after it."""
    from datetime import UTC, datetime

    from emprep.core.scheduler import recall
    from emprep.storage import store

    staggered()
    count = max(5, math.ceil(5 * len(pack.questions) / 60))
    assert run("config", "set", "count", str(count), env=NOW).code == 0
    recruiter = {q.id for q in pack.questions if "recruiter" in q.rounds}
    only = {q.id for q in pack.questions if q.rounds == ["recruiter"]}
    screen, onsite = date(2026, 11, 30), date(2026, 12, 14)
    day = date(2026, 11, 20)
    while day <= onsite:
        env = {"EMPREP_NOW": f"{day}T08:00:00+00:00"}
        doc = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)
        items = doc["items"]
        assert len(items) == count
        for i in items:
            rounds_ahead = [
                r for r in i["rounds"] if (screen if r == "recruiter" else onsite) >= day
            ]
            assert rounds_ahead, (day, i["id"])
            assert i["deadline"] == str(
                min(screen if r == "recruiter" else onsite for r in rounds_ahead)
            )
        if day > screen:
            assert not only & {i["id"] for i in items}, day
        if day == screen:
            assert {i["kind"] for i in items} == {"warm-up"}
            cards = store.load(isolated).cards
            morning = datetime(2026, 11, 30, 9, tzinfo=UTC)
            assert recruiter <= set(cards)
            assert min(recall(cards[q], morning) for q in recruiter) >= 0.9
            rec = json.loads(run("progress", "--format", "json", env=env).stdout)["rounds"][0]
            assert (rec["days_to"], rec["seen"], rec["total"]) == (
                0,
                len(recruiter),
                len(recruiter),
            )
            assert rec["recall"] >= 0.95
        for i in items:
            assert run("review", i["id"], "good", env=env).code == 0
        day += timedelta(days=1)
    final = json.loads(run("progress", "--format", "json", env=env).stdout)["rounds"]
    assert (final[0]["done"], final[0]["days_to"]) == (True, -14)
    assert all(r["seen"] == r["total"] for r in final)
    assert all(r["recall"] >= 0.85 for r in final[1:])


def test_a_question_asked_in_the_screen_comes_first_for_the_onsite(isolated: Path) -> None:
    staggered()
    day = {"EMPREP_NOW": "2026-11-21T09:00"}
    run("review", "exe-scaling", "easy", env={"EMPREP_NOW": "2026-11-19T09:00"})
    listed = json.loads(run("drill", "--list", "--format", "json", env=day).stdout)["items"]
    assert "exe-scaling" not in [i["id"] for i in listed]
    run(
        "rounds",
        "log",
        "rec",
        "--asked",
        "exe-scaling",
        "--asked",
        "str-vision-degrees",
        "--date",
        "2026-11-20",
        env=day,
    )
    listed = json.loads(run("drill", "--list", "--format", "json", env=day).stdout)["items"]
    assert [(i["id"], i["kind"], i["deadline"]) for i in listed[:2]] == [
        ("exe-scaling", "review", "2026-12-14"),
        ("str-vision-degrees", "new", "2026-12-14"),
    ]
    run("review", "exe-scaling", "good", env=day)
    listed = json.loads(run("drill", "--list", "--format", "json", env=day).stdout)["items"]
    assert listed[0]["id"] == "str-vision-degrees"


@pytest.mark.parametrize(
    ("zone", "practised", "first"),
    [
        # 20:00 the evening before the screen in New York: 01:00 on its day in UTC
        ("America/New_York", "2026-11-30T20:00", True),
        # 08:00 on the screen's day in Tokyo: 23:00 the day before in UTC
        ("Asia/Tokyo", "2026-12-01T08:00", False),
    ],
)
def test_a_question_practised_since_the_round_is_told_by_the_day_it_was_given_on(
    isolated: Path, zone: str, practised: str, first: bool
) -> None:
    """A question the screen asked that a later round asks too comes first unless practised
    since the screen's day: that day was the rating's instant's in UTC, so in New York a
    rating the evening before (after 19:00) counted as practised since, and the question asked
    came first only if practised before 19:00. It is the day the rating was given on, as the
    streak has it."""
    env = {"TZ": zone, "EMPREP_NOW": "2026-11-25T09:00"}
    assert run("config", "set", "interview", "2026-12-20", env=env).code == 0
    assert run("config", "set", "interview.recruiter", "2026-12-01", env=env).code == 0
    assert run("review", "rec-hands-on", "good", env={**env, "EMPREP_NOW": practised}).code == 0
    logged = {**env, "EMPREP_NOW": "2026-12-01T17:00"}
    said = run("rounds", "log", "recruiter", "--asked", "rec-hands-on", env=logged).stdout
    again = "A later round asks rec-hands-on too: the drill brings it first."
    assert (again in said.splitlines()) == first
    after = {**env, "EMPREP_NOW": "2026-12-02T09:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=after).stdout)["items"]
    assert (items[0]["id"] == "rec-hands-on") == first
    assert ("rec-hands-on" in [i["id"] for i in items]) == first


def test_a_round_of_the_same_day_already_had_is_no_later_round(isolated: Path) -> None:
    """The onsite's rounds logged that evening: the strategic round (logged at noon) and the
    technical one both asked tech-ab-testing, and logging the technical round said "A later
    round asks tech-ab-testing too", though no round was left to come."""
    at = {"EMPREP_NOW": "2027-03-20T09:00"}
    assert run("config", "set", "interview", "2027-04-06", env=at).code == 0
    assert run("config", "set", "interview.rec", "2027-03-31", env=at).code == 0
    noon = {"EMPREP_NOW": "2027-04-06T12:00"}
    r = run("rounds", "log", "strategic", "--asked", "tech-ab-testing", env=noon)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (  # the technical round is still to come that afternoon
        "Logged the Strategic & Product Alignment round of 2027-04-06: 1 question from the bank "
        "(tech-ab-testing).\n"
        "A later round asks tech-ab-testing too: the drill brings it first.\n"
    )
    evening = {"EMPREP_NOW": "2027-04-06T20:00"}
    r = run("rounds", "log", "technical", "--asked", "tech-ab-testing", env=evening)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        "Logged the Technical Deep Dive round of 2027-04-06: 1 question from the bank "
        "(tech-ab-testing).\n"
    )


def test_the_loops_date_leaves_a_rounds_own_and_says_so(isolated: Path) -> None:
    staggered()
    r = run("config", "set", "interview", "2026-12-10", env=NOW)
    assert (r.code, r.stdout) == (0, "interview = 2026-12-10\n")
    assert r.stderr == (
        "emprep: note: recruiter (2026-11-30) keeps its own date; emprep config unset "
        "interview.ROUND gives a round the loop's\n"
    )
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert [d["date"] for d in doc["rounds"]] == ["2026-11-30"] + ["2026-12-10"] * 4


def test_a_round_the_pack_lacks_is_set_aside_everywhere(isolated: Path, pack: Pack) -> None:
    """A profile used with another pack may date a round this pack does not have: it neither
    moves the loop's last day nor shows anywhere, and stays in the file untouched."""
    staggered()
    text = isolated.read_text().replace(
        "recruiter = 2026-11-30\n", "recruiter = 2026-11-30\nboard = 2027-02-01\n"
    )
    isolated.write_text(text)
    profile = parse(text.encode(), isolated, remember=False).profile
    s = effective(profile, pack.round_ids)
    assert (s.interview, s.round_dates) == (date(2026, 12, 14), {"recruiter": date(2026, 11, 30)})
    drill = json.loads(run("drill", "--list", "--format", "json", env=NOW).stdout)
    assert (drill["interview"], drill["days_left"]) == ("2026-12-14", 24)
    assert {i["deadline"] for i in drill["items"]} == {"2026-11-30"}
    plan = json.loads(run("plan", "--format", "json", env=NOW).stdout)
    assert (plan["interview"], plan["days"]) == ("2026-12-14", 24)
    assert run("progress", env=NOW).stdout.splitlines()[0] == (
        "10 days to the Recruiter/HR Interview (2026-11-30), 24 days to the interview "
        "(2026-12-14), plan week 1 of 4"
    )
    assert "board" not in run("config", "show", env=NOW).stdout
    assert isolated.read_text() == text


def test_a_round_the_pack_lacks_is_named_once_on_stderr(isolated: Path, pack_copy: Path) -> None:
    """A date kept for a round that the `--data` pack has no round for was left out without a
    word: each command that uses the dates now says so once, on stderr, and still works."""
    staggered()
    text = isolated.read_text().replace(
        "recruiter = 2026-11-30\n", "recruiter = 2026-11-30\nboard = 2027-02-01\n"
    )
    isolated.write_text(text)
    said = (
        f"emprep: note: interview.board (2027-02-01) is left out: the loop pack in use "
        f"({pack_copy}) has no round 'board' (its rounds: recruiter, technical, people, "
        "strategic, executive); the date stays in your progress file\n"
    )
    for command in [
        ["config", "show"],
        ["plan", "--format", "json"],
        ["drill", "--list"],
        ["today", "--format", "json"],
        ["progress"],
    ]:
        r = run("--data", str(pack_copy), *command, env=NOW)
        assert (r.code, r.stderr) == (0, said), command
        assert "2027-02-01" not in r.stdout
    builtin = said.replace(f"loop pack in use ({pack_copy})", "built-in loop pack")
    assert run("rounds", "--format", "json", env=NOW).stderr == builtin
    assert run("story", "list", env=NOW).stderr == ""
    assert isolated.read_text() == text


def test_new_questions_come_evenly_from_every_round() -> None:
    """a2 counts for both rounds, so it comes first; then the round with the smaller share in
    (b's 1 of 3 against a's 1 of 4: a; then b, and so on)."""
    from emprep.core.rounds import spread

    bank = {"a1": ["a"], "a2": ["a", "b"], "a3": ["a"], "a4": ["a"], "b1": ["b"], "b2": ["b"]}
    assert spread(bank) == ["a2", "a1", "b1", "a3", "b2", "a4"]


def test_a_question_of_several_rounds_counts_for_each() -> None:
    """Each round's shared questions before its own, each counting for both its rounds: ab for
    a (b then has 1 of 3 in), bc for c, whose share is then the smallest; then by share."""
    from emprep.core.rounds import spread

    bank = {"a1": ["a"], "b1": ["b"], "c1": ["c"], "c2": ["c"], "bc": ["b", "c"], "ab": ["a", "b"]}
    assert spread(bank) == ["ab", "bc", "c1", "a1", "b1", "c2"]


@given(st.lists(st.sampled_from("abcde"), min_size=1, max_size=120))
def test_any_first_part_of_the_order_takes_each_round_in_its_share(own: list[str]) -> None:
    """A budget that stops anywhere has taken about its share of every round, and each round's
    questions in the bank's order."""
    from emprep.core.rounds import spread

    bank = {f"q{i}": [r] for i, r in enumerate(own)}
    order = spread(bank)
    assert sorted(order) == sorted(bank)
    size = {r: own.count(r) for r in set(own)}
    for r in size:
        mine = [q for q in order if bank[q] == [r]]
        assert mine == sorted(mine, key=lambda q: int(q[1:]))
    for k in range(1, len(order) + 1):
        for r, n in size.items():
            taken = sum(bank[q] == [r] for q in order[:k])
            assert abs(taken - k * n / len(own)) <= len(size), (k, r)


@given(
    st.lists(st.lists(st.sampled_from("abcde"), min_size=0, max_size=3), min_size=1, max_size=40),
    st.integers(0, 39),
)
def test_the_order_kept_for_the_same_questions_is_the_one_computed(
    rounds: list[list[str]], other: int
) -> None:
    """A command asks the order twice of the same bank: the second answer is the first one's
    equal, never the same list (a caller may change what it was given), and another bank's
    order is computed for it."""
    from emprep.core.rounds import _spread, spread

    bank = {f"q{i}": rs for i, rs in enumerate(rounds)}
    first = spread(bank)
    first.append("changed")
    assert spread(bank) == _spread(bank)
    moved = {f"q{i}": rs for i, rs in enumerate(rounds) if i != other % len(rounds)} or {"x": []}
    assert spread(moved) == _spread(moved)


def _spread_counted_again(rounds: dict[str, list[str]]) -> list[str]:
    """`rounds._spread` as first written: every round's share counted again for each place."""
    from collections import Counter

    of = {q: list(dict.fromkeys(rs)) or [""] for q, rs in rounds.items()}
    size = Counter(r for rs in of.values() for r in rs)
    queue: dict[str, list[str]] = {r: [] for r in size}
    for q in sorted(of, key=lambda q: -len(of[q])):
        for r in of[q]:
            queue[r].append(q)
    head, covered = dict.fromkeys(size, 0), Counter[str]()
    out: list[str] = []
    taken: set[str] = set()
    while len(out) < len(of):
        for r in size:
            while head[r] < len(queue[r]) and queue[r][head[r]] in taken:
                head[r] += 1
        lag = min((r for r in size if head[r] < len(queue[r])), key=lambda r: covered[r] / size[r])
        q = queue[lag][head[lag]]
        out.append(q)
        taken.add(q)
        covered.update(of[q])
    return out


@given(
    st.lists(st.lists(st.sampled_from("abcdefg"), min_size=0, max_size=4), min_size=1, max_size=150)
)
def test_the_order_is_the_one_counted_again_for_each_place(rounds: list[list[str]]) -> None:
    from emprep.core.rounds import _spread

    bank = {f"q{i}": rs for i, rs in enumerate(rounds)}
    assert _spread(bank) == _spread_counted_again(bank)


def test_the_nearest_rounds_final_pass_comes_first() -> None:
    """Two earlier rounds in their final pass at once: the nearer one's questions are reviewed
    first, however durable the later one's are, so the screen is ready on its day."""
    from datetime import UTC, datetime

    from emprep.core.drill import choose
    from emprep.core.scheduler import record

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    today = now.date()
    progress = Progress()
    later = [f"b{i}" for i in range(7)]
    for back, rating in ((12, 3), (6, 3)):
        progress = record(progress, "a", rating, seconds=30, now=now - timedelta(days=back))
        for q in [*later, "c"]:
            progress = record(progress, q, 4, seconds=30, now=now - timedelta(days=back))
    deadlines = {
        "a": today + timedelta(days=2),
        **dict.fromkeys(later, today + timedelta(days=7)),
        "c": today + timedelta(days=20),
    }
    cards = progress.cards
    assert all((cards[q].stability or 0) > (cards["a"].stability or 0) for q in later)
    choice = choose(
        today=today,
        tz=UTC,
        cards=cards,
        scope=["a", *later, "c"],
        deadlines=deadlines,
        count=1,
        places=2,
        rest=frozenset(),
    )
    assert [q for q, _ in choice.picks] == ["a", "b0"]


def test_bad_round_dates_through_the_installed_emprep(isolated: Path) -> None:
    """As a person types them: one line on stderr, exit 2, the progress file byte for byte."""
    import os
    import subprocess

    from conftest import installed_emprep

    env = {**os.environ, "EMPREP_PROGRESS": str(isolated), "EMPREP_NOW": "2026-11-20T09:00"}

    def emprep(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [installed_emprep(), *args], env=env, capture_output=True, text=True, check=False
        )

    assert emprep("config", "set", "start", "2026-11-20").returncode == 0
    assert emprep("config", "set", "interview", "2026-12-14").returncode == 0
    before = isolated.read_bytes()
    for args, message in {
        ("interview.tehcnical", "2026-12-01"): "unknown round 'tehcnical': did you mean "
        "'technical'? valid: recruiter, technical, people, strategic, executive",
        ("interview.rec", "2026-13-01"): "interview.recruiter: '2026-13-01' is not a date; "
        "write it as YYYY-MM-DD, e.g. 2027-01-15",
        ("interview.rec", "2026-11-19"): "interview.recruiter: 2026-11-19 is before the start "
        "(2026-11-20); give a later date, or an earlier start: emprep config set start YYYY-MM-DD",
    }.items():
        r = emprep("config", "set", *args)
        assert (r.returncode, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n")
        assert isolated.read_bytes() == before


def test_a_rounds_unseen_questions_come_before_its_pass_and_later_ones_after() -> None:
    """Two days before the screen, at 3 a day: a screen question never seen comes first (seeing
    it is worth more than reviewing one seen), then the screen's final pass, and only then a
    later round's new question. At 1 a day the two places left cannot show it and review the
    two seen in the pass as well: the pass comes first, and on the screen's morning, if no place
    was left for it before, it gets its first look."""
    from datetime import UTC, datetime

    from emprep.core.drill import choose
    from emprep.core.scheduler import record

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    today = now.date()
    progress = Progress()
    for back in (12, 6):
        for q in ("a", "b", "c"):
            progress = record(progress, q, 3, seconds=30, now=now - timedelta(days=back))
    screen, onsite = today + timedelta(days=2), today + timedelta(days=20)
    deadlines = {"a": screen, "b": screen, "u": screen, "c": onsite, "v": onsite}

    def picks(places: int, count: int = 3, day: date = today) -> list[tuple[str, str]]:
        return choose(
            today=day,
            tz=UTC,
            cards=progress.cards,
            scope=["a", "b", "u", "c", "v"],
            deadlines=deadlines,
            count=count,
            places=places,
            rest=frozenset(),
        ).picks  # type: ignore[return-value]

    assert picks(1) == [("u", "new")]
    assert picks(3) == [("u", "new"), ("a", "at-risk"), ("c", "at-risk")]
    assert picks(1, count=1) == [("a", "at-risk")]
    assert picks(2, count=1) == [("a", "at-risk"), ("u", "new")]
    assert picks(1, count=1, day=screen) == [("u", "new")]


def test_a_screen_dated_before_the_loop_says_the_rest_have_no_date(isolated: Path) -> None:
    """The screen's date set first: the plan and the drill end on it (a plan of 10 days for
    the whole loop) until the loop's date comes; `config set` said nothing of it."""
    r = run("config", "set", "interview.rec", "2026-11-30", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "interview.recruiter = 2026-11-30\n",
        "emprep: note: technical, people, strategic, executive have no date yet, so the plan "
        "and the drill end on 2026-11-30; give the loop's: emprep config set interview "
        "YYYY-MM-DD\n",
    )
    assert json.loads(run("plan", "--format", "json", env=NOW).stdout)["interview"] == "2026-11-30"
    r = run("config", "unset", "interview.rec", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "interview.recruiter is not set; the round has no date (interview is not set either)\n",
        "",
    )
    assert run("config", "set", "interview", "2026-12-14", env=NOW).stderr == ""
    assert run("config", "set", "interview.rec", "2026-11-30", env=NOW).stderr == ""


def test_a_drill_of_a_round_that_is_past_says_why_it_asks_nothing() -> None:
    """`drill --round rec` after the screen listed 0 questions, "Nothing to practise today",
    without a word of why."""
    assert run("config", "set", "interview", "2026-12-14", env=NOW).code == 0
    assert run("config", "set", "interview.rec", "2026-11-30", env=NOW).code == 0
    after = {"EMPREP_NOW": "2026-12-01T09:00"}
    r = run("drill", "--round", "rec", "--list", env=after)
    assert (r.code, r.stderr) == (
        0,
        "emprep: note: the Recruiter/HR Interview was on 2026-11-30: the drill asks no more of "
        "the questions only it asks; those a later round asks come as that round's. To "
        "rehearse it all the same: emprep mock --round recruiter\n",
    )
    listed = json.loads(
        run("drill", "--round", "rec", "--list", "--format", "json", env=after).stdout
    )
    assert all(len(i["rounds"]) > 1 for i in listed["items"])  # only those a later round asks
    assert run("drill", "--round", "tech", "--list", env=after).stderr == ""
    assert (
        run("drill", "--round", "rec", "--list", env={"EMPREP_NOW": "2026-11-30T09:00"}).stderr
        == ""
    )


def test_a_review_due_after_its_last_round_says_the_drill_skips_it() -> None:
    """Rated Good the day before the screen, a recruiter-only question is due on 2026-12-01:
    "Next review 2026-12-01" promised a review no drill gives (its round is past by then)."""
    assert run("config", "set", "interview", "2026-12-14", env=NOW).code == 0
    assert run("config", "set", "interview.rec", "2026-11-30", env=NOW).code == 0
    eve = {"EMPREP_NOW": "2026-11-29T09:00"}
    r = run("review", "rec-search-logistics", "good", env=eve)
    assert r.stdout == (
        "Recorded rec-search-logistics: Good. Next review: none; FSRS's (2026-12-01) falls after "
        "its last round (2026-11-30).\n"
    )
    r = run("review", "rec-mission-values", "good", env=eve)  # the executive round asks it too
    assert r.stdout == "Recorded rec-mission-values: Good. Next review 2026-12-01.\n"


def test_a_mistyped_log_is_said_as_the_command_it_is_close_to(isolated: Path) -> None:
    """`rounds logg rec` said "Got unexpected extra argument(s) (rec) (see 'emprep rounds show
    --help')", naming a command never typed; `rounds logg` said "unknown round 'logg'"."""
    r = run("rounds", "logg", "rec")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: no command 'logg' in emprep rounds: did you mean 'log'?\n",
    )
    r = run("rounds", "logg")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: unknown round 'logg': did you mean the command 'emprep rounds log "
        "ROUND'? valid rounds: recruiter, technical, people, strategic, executive\n",
    )
    assert not isolated.exists()
    assert run("rounds", "tehc").stderr.startswith("emprep: error: unknown round 'tehc'")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # each said "did you mean 'log'?" (the command), 'hours', 'kafka': a word held against
        # the starts of names that are typed whole
        (
            ["rounds", "l"],
            "unknown round 'l': valid: recruiter, technical, people, strategic, executive",
        ),
        (
            ["rounds", "l", "rec"],
            "unknown round 'l': valid: recruiter, technical, people, strategic, executive",
        ),
        (
            ["config", "set", "h", "5"],
            "unknown config key 'h': keys: interview, "
            "interview.ROUND, start, hours, track, count, rest-days",
        ),
        (
            ["questions", "--tag", "k"],
            "unknown tag 'k': list the tags with 'emprep questions --format json'",
        ),
        # a typo of a name, or of an id's start (ids are typed by a prefix), is still named
        (["rounds", "lo", "rec"], "no command 'lo' in emprep rounds: did you mean 'log'?"),
        (
            ["config", "set", "hous", "5"],
            "unknown config key 'hous': did you mean 'hours'? "
            "keys: interview, interview.ROUND, start, hours, track, count, rest-days",
        ),
        (
            ["questions", "rec-sallary"],
            "unknown question 'rec-sallary': did you mean "
            "'rec-salary-expectations'? list the ids with 'emprep questions'",
        ),
    ],
)
def test_a_word_is_held_against_the_starts_of_ids_alone(
    isolated: Path, args: list[str], said: str
) -> None:
    """Only question and round ids are typed by a prefix: a word that starts a command's or
    a key's name is no typo of it."""
    r = run(*args, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {said}\n")
    assert not isolated.exists()


ADDED = (
    "Added to your log of the Recruiter/HR Interview of 2026-11-30; it now holds: 1 question "
    "from the bank (rec-why-coursera), 1 in your words, a note.\n"
)


def test_a_round_logged_again_the_same_day_is_added_to_not_logged_twice(isolated: Path) -> None:
    """A question remembered later, logged with a second `rounds log recruiter`, made a second
    log of the same round and day ("asked nothing logged / note: x" under the first in
    progress); it is added to the round's log."""
    staggered()
    first = run(
        "rounds", "log", "rec", "--asked", "Why now?", "--note", "Friendly.", env=SCREEN_DAY
    )
    assert first.stdout.startswith("Logged the Recruiter/HR Interview of 2026-11-30: 1 in your")
    again = run(
        "rounds", "log", "rec", "--asked", "rec-why-coursera", "--asked", "Why now?",
        "--note", "Asked about notice.", env=SCREEN_DAY,
    )  # fmt: skip
    assert (again.code, again.stderr) == (0, "")
    assert again.stdout == ADDED
    [log] = store.load(isolated).interviews
    assert (log.questions, log.asked, log.note) == (
        ["rec-why-coursera"],
        ["Why now?"],
        "Friendly. Asked about notice.",
    )


def test_two_logs_of_a_round_from_an_older_file_become_one_when_added_to(isolated: Path) -> None:
    """A file written before logs of a round and day were added to may hold two: the next log
    of that round and day gathers them all into one, in order, nothing dropped."""
    staggered()
    at = date(2026, 11, 30)
    logged = datetime(2026, 11, 30, 17, tzinfo=UTC)
    two = [
        Interview(round="recruiter", day=at, logged=logged, asked=["Why now?"], note="One."),
        Interview(round="recruiter", day=at, logged=logged, questions=["rec-why-coursera"]),
    ]
    store.update(isolated, lambda p: replace(p, interviews=two))
    r = run("rounds", "log", "rec", "--note", "Three.", env=SCREEN_DAY)
    assert r.stdout == ADDED
    [log] = store.load(isolated).interviews
    assert (log.questions, log.asked, log.note) == (
        ["rec-why-coursera"],
        ["Why now?"],
        "One. Three.",
    )


def test_a_past_round_once_logged_no_longer_asks_to_be_logged() -> None:
    """After `rounds log`, the plan's loop, calendar and JSON said "past: log what it asked:
    emprep rounds log recruiter" all the same: once logged, they say so instead."""
    from icalendar import Calendar

    staggered()
    later = {"EMPREP_NOW": "2026-12-02T09:00"}
    run("rounds", "log", "recruiter", "--note", "Short and friendly", env=later)
    r = CliRunner().invoke(app, ["plan", "--format", "ics"], env=later)
    events = {
        str(e["uid"]).split(".")[0]: e for e in Calendar.from_ical(r.stdout_bytes).walk("VEVENT")
    }
    assert str(events["round-recruiter"]["description"]).endswith(
        "- Basic alignment with company values\n\n"
        "It is past, and logged: emprep progress shows what it asked."
    )
    md = run("plan", "--format", "md", env=later).stdout
    assert md.split("## The loop, from 2026-11-30\n\n")[1].splitlines()[0] == (
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past and logged"
    )
    doc = json.loads(run("plan", "--format", "json", env=later).stdout)
    assert [(x["id"], x["past"], x["logged"]) for x in doc["loop"]["rounds"]] == [
        ("recruiter", True, True),
        *((x, False, False) for x in ROUNDS[1:]),
    ]


def test_a_round_over_today_is_past_in_the_plan_s_loop_and_calendar_as_today_says() -> None:
    """A screen logged on its own day: `today` and `progress` said "done", while the calendar
    exported then still said "Practise it: ... After it, log what it asked" and the Markdown's
    loop gave the plain date. A round over today (logged, or from the evening on) is past
    there too; the same morning it is still ahead."""
    from icalendar import Calendar

    staggered()

    def exported(env: dict[str, str]) -> tuple[str, str, list[tuple[str, bool, bool]]]:
        ics = CliRunner().invoke(app, ["plan", "--format", "ics"], env=env).stdout_bytes
        [event] = [
            e
            for e in Calendar.from_ical(ics).walk("VEVENT")
            if str(e["uid"]).startswith("round-recruiter.")
        ]
        md = run("plan", "--format", "md", env=env).stdout
        doc = json.loads(run("plan", "--format", "json", env=env).stdout)
        loop = [(x["id"], x["past"], x["logged"]) for x in doc["loop"]["rounds"]][:2]
        line = md.split("## The loop, from 2026-11-30\n\n")[1].splitlines()[0]
        return str(event["description"]).split("\n\n")[-1], line, loop

    morning = {"EMPREP_NOW": "2026-11-30T08:00:00+00:00"}
    assert exported(morning) == (
        "Practise it: emprep drill --round recruiter; emprep mock --round recruiter\n"
        "After it, log what it asked: emprep rounds log recruiter",
        "1. Recruiter/HR Interview (45 min) on 2026-11-30",
        [("recruiter", False, False), ("technical", False, False)],
    )
    evening = {"EMPREP_NOW": "2026-11-30T18:30:00+00:00"}
    assert exported(evening) == (
        "It is past: log what it asked, in your words: emprep rounds log recruiter",
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past: log what it asked: "
        "emprep rounds log recruiter",
        [("recruiter", True, False), ("technical", False, False)],
    )
    run("rounds", "log", "recruiter", "--note", "Short and friendly", env=SCREEN_DAY)
    assert exported(SCREEN_DAY) == (
        "It is past, and logged: emprep progress shows what it asked.",
        "1. Recruiter/HR Interview (45 min) on 2026-11-30, past and logged",
        [("recruiter", True, True), ("technical", False, False)],
    )
    assert "  Recruiter/HR Interview: 2026-11-30, done\n" in run("today", env=SCREEN_DAY).stdout


def test_a_days_rounds_are_over_by_18_00_or_when_they_would_end_back_to_back() -> None:
    """The guide's longest day (the onsite, 225 min from 09:00) ends before 18:00; a day of
    ten hours of rounds would not."""
    day = date(2026, 12, 14)
    assert rounds_over(day, 225, UTC) == datetime(2026, 12, 14, 18, 0, tzinfo=UTC)
    assert rounds_over(day, 600, UTC) == datetime(2026, 12, 14, 19, 0, tzinfo=UTC)


def _drill_items(now: str, *more: str) -> list[tuple[str, str, str | None]]:
    doc = json.loads(
        run("drill", "--list", *more, "--format", "json", env={"EMPREP_NOW": now}).stdout
    )
    return [(i["id"], i["kind"], i["deadline"]) for i in doc["items"]]


def test_a_round_over_today_takes_no_more_places_for_its_questions(isolated: Path) -> None:
    """Before, the screen's questions were its warm-up all day long, logged or not: once it is
    over (logged, or from 18:00), a question only it asks is out of the drill and one a later
    round asks is due on that round's day."""
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "interview.recruiter", "2026-11-30")
    for qid in ["rec-why-coursera", "rec-hands-on"]:  # recruiter; recruiter and technical
        run("review", qid, "good", env={"EMPREP_NOW": "2026-11-29T09:00"})
    warm = {
        ("rec-why-coursera", "warm-up", "2026-11-30"),
        ("rec-hands-on", "warm-up", "2026-11-30"),
    }
    for now in ["2026-11-30T10:00", "2026-11-30T17:59"]:
        assert warm <= set(_drill_items(now, "--more", "--count", "100"))
    after = ("rec-hands-on", "at-risk", "2026-12-14")
    items = _drill_items("2026-11-30T18:00", "--more", "--count", "100")
    assert ("rec-why-coursera" in [i[0] for i in items], after in items) == (False, True)
    r = run("rounds", "log", "recruiter", "--asked", "x", env={"EMPREP_NOW": "2026-11-30T11:00"})
    assert r.code == 0
    items = _drill_items("2026-11-30T11:05", "--more", "--count", "100")
    assert ("rec-why-coursera" in [i[0] for i in items], after in items) == (False, True)
    r = run("drill", "--round", "rec", "--list", env={"EMPREP_NOW": "2026-11-30T11:05"})
    assert r.stderr.startswith(
        "emprep: note: the Recruiter/HR Interview was today (2026-11-30): the drill asks no "
        "more of the questions only it asks;"
    )


def _pace(now: str, progress: Path) -> object:
    """`progress --format json`'s pace forecast at `now`, for the progress file `progress`."""
    env = {"EMPREP_NOW": now, "EMPREP_PROGRESS": str(progress)}
    return json.loads(run("progress", "--format", "json", env=env).stdout)["pace"]


def test_the_pace_forecast_takes_a_round_over_today_as_past(isolated: Path) -> None:
    """The forecast chart played the screen's day as ahead all day: from 18:00, or once it was
    logged, it still gave today's places to the screen's warm-ups, which the drill no longer
    asks. Now it is the forecast of a screen that was yesterday, as the drill has it."""
    twin = isolated.with_name("twin.toml")
    for progress, screen in [(isolated, "2026-11-30"), (twin, "2026-11-29")]:
        env = {"EMPREP_PROGRESS": str(progress)}
        run("config", "set", "interview", "2026-12-14", env=env)
        run("config", "set", "interview.recruiter", screen, env=env)
        for qid in ["rec-why-coursera", "rec-hands-on", "rec-career-goals", "tech-tradeoff"]:
            run("review", qid, "good", env={**env, "EMPREP_NOW": "2026-11-29T09:00"})
    past = _pace("2026-11-30T10:00", twin)
    assert past == _pace("2026-11-30T19:00", twin)  # the hour counts only for a round today
    assert _pace("2026-11-30T17:59", isolated) != past
    assert _pace("2026-11-30T18:00", isolated) == past
    r = run("rounds", "log", "recruiter", "--asked", "x", env={"EMPREP_NOW": "2026-11-30T11:00"})
    assert r.code == 0
    assert _pace("2026-11-30T11:05", isolated) == past


def test_once_the_loops_last_round_is_over_the_drill_says_so_and_names_the_log(
    isolated: Path,
) -> None:
    """Before, the onsite's evening still offered its warm-ups ("recall now 77% (the round is
    today)") in `drill` and `drill --more`: now the drill is plain FSRS, as the day after."""
    run("config", "set", "interview", "2026-12-14")
    for qid in ["rec-why-coursera", "rec-hands-on"]:
        run("review", qid, "good", env={"EMPREP_NOW": "2026-12-13T09:00"})
    assert [k for _, k, _ in _drill_items("2026-12-14T17:00")] == ["warm-up", "warm-up"]
    step = (
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    for more in [[], ["--more"]]:
        r = run("drill", "--list", *more, env={"EMPREP_NOW": "2026-12-14T18:00"})
        lines = r.stdout.splitlines()
        assert (r.code, lines[:2]) == (
            0,
            ["Drill for 2026-12-14: 5 questions (the loop's last round is over: plain FSRS)", step],
        )
        assert ("recall now" in lines[2], "warm-up" in r.stdout) == (True, False)
    doc = json.loads(
        run("drill", "--list", "--format", "json", env={"EMPREP_NOW": "2026-12-14T18:00"}).stdout
    )
    assert (doc["loop_over"], {i["deadline"] for i in doc["items"]}) == (True, {None})
    for later in ["2026-12-15T09:00", "2027-03-01T09:00"]:  # it stays over: JSON said false
        doc = json.loads(
            run("drill", "--list", "--format", "json", env={"EMPREP_NOW": later}).stdout
        )
        assert (doc["loop_over"], doc["days_left"] < 0) == (True, True)
    run("rounds", "log", "technical", env={"EMPREP_NOW": "2026-12-14T12:00"})
    assert _drill_items("2026-12-14T12:05")[0][1] == "warm-up"  # four rounds of the day ahead


def test_todays_counts_on_the_onsites_evening_are_what_the_plain_drill_asks(
    isolated: Path,
) -> None:
    """Once the loop's last round is over the drill is plain FSRS: `today`'s to do and its
    "more due" are the reviews `drill` and `drill --more` then ask, before and after the day's
    drill (12 due since 11-23; the three rated on 12-13 are not due yet). Before, "7 more due
    (emprep drill --more)" read as a task under the "Next:" that asks for the log; now the
    line says the loop is over and the drill plain FSRS, as `drill --list` does."""
    run("config", "set", "interview", "2026-12-14")
    early = ["rec-mission-values", "rec-hands-on", "rec-team-health", "exe-leadership-philosophy"]
    early += ["exe-first-90-days", "com-hiring", "com-agile", "com-difficult-decision"]
    early += ["rec-career-goals", "com-innovation-culture", "remote-adapt-style", "hub-innovation"]
    for qid in early:
        run("review", qid, "good", env={"EMPREP_NOW": "2026-11-21T09:00"})
    for qid in ["tech-ab-testing", "tech-ambiguous-problem", "str-metric-drop"]:
        run("review", qid, "good", env={"EMPREP_NOW": "2026-12-13T09:00"})
    evening = {"EMPREP_NOW": "2026-12-14T19:00"}

    def asked(*more: str) -> list[tuple[str, str]]:
        r = run("drill", "--list", *more, "--format", "json", env=evening)
        doc = json.loads(r.stdout)
        assert doc["loop_over"] is True
        return [(i["id"], i["kind"]) for i in doc["items"]]

    def drill_lines() -> list[str]:
        return run("today", env=evening).stdout.splitlines()[2:5]

    step = (
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    over = "the loop is over, so the drill is plain FSRS if you keep practising"
    assert drill_lines() == [
        "Today's drill",
        f"  {over}: 5 questions: emprep drill; 7 more due after it (emprep drill --more)",
        "",
    ]
    assert run("today", env=evening).stdout.splitlines()[-1] == step
    today = json.loads(run("today", "--format", "json", env=evening).stdout)["drill"]
    assert (today["loop_over"], today["left"], today["still_due"]) == (True, 5, 7)
    noon = json.loads(
        run("today", "--format", "json", env={"EMPREP_NOW": "2026-12-14T12:00"}).stdout
    )
    assert noon["drill"]["loop_over"] is False
    assert asked() == [(q, "review") for q in early[:5]]
    beyond = asked("--more", "--count", "100")
    assert beyond[:12] == [(q, "review") for q in early]
    assert {k for _, k in beyond[12:]} == {"new"}
    for qid, _ in asked():
        run("review", qid, "good", env=evening)
    assert drill_lines() == [
        "Today's drill",
        f"  done: 5 questions rated today; {over}: 7 more due (emprep drill --more); "
        "next due 2026-12-15 (10)",  # the 7 left today, still due, and 3 falling due
        "",
    ]
    assert asked() == []
    assert asked("--more") == [(q, "review") for q in early[5:10]]
    assert [k for _, k in asked("--more", "--count", "8")] == ["review"] * 7 + ["new"]


def test_a_screen_over_today_asks_none_of_its_own_questions_more() -> None:
    """Logged at 14:00 on its day, the screen's warm-up went on: `drill --more` asked five
    recruiter-only questions as "warm-up" and `today` counted them due, while its "Next:" sent
    more practice to the onsite. A round of today once over (logged, or its day's rounds
    surely over by 18:00) is past for the drill, as for `progress`."""
    staggered()
    for day in ("2026-11-26", "2026-11-27"):
        listed = run("drill", "--list", "--format", "json", env={"EMPREP_NOW": f"{day}T09:00"})
        for i in json.loads(listed.stdout)["items"]:
            run("review", i["id"], "good", env={"EMPREP_NOW": f"{day}T09:00"})

    def more(at: str) -> tuple[dict[str, object], list[dict[str, object]]]:
        r = run("drill", "--more", "--list", "--format", "json", env={"EMPREP_NOW": at})
        doc = json.loads(r.stdout)
        return doc, doc["items"]

    doc, items = more("2026-11-30T08:00")
    assert doc["rounds_today"] == ["recruiter"]
    assert {i["deadline"] for i in items} == {"2026-11-30"}
    assert [i for i in items if i["rounds"] == ["recruiter"]]
    for at in ("2026-11-30T18:00", "2026-11-30T14:00"):
        if at.endswith("14:00"):
            log = run("rounds", "log", "rec", "--note", "Friendly", env={"EMPREP_NOW": at})
            assert log.code == 0
        doc, items = more(at)
        assert (doc["rounds_today"], doc["next_round"]) == ([], None), at
        assert [i["id"] for i in items if i["rounds"] == ["recruiter"]] == [], at
        assert {i["kind"] for i in items} <= {"review", "at-risk", "new"}, at
        assert {i["deadline"] for i in items} == {"2026-12-14"}, at
    r = run("drill", "--round", "rec", "--list", env={"EMPREP_NOW": "2026-11-30T14:00"})
    assert r.stderr == (
        "emprep: note: the Recruiter/HR Interview was today (2026-11-30): the drill asks no "
        "more of the questions only it asks; those a later round asks come as that round's. "
        "To rehearse it all the same: emprep mock --round recruiter\n"
    )


def test_progress_counts_a_screen_over_today_as_done_as_the_drill_does() -> None:
    """Logged at 14:00 on its day, the screen's row in `progress` still said "today", 5 due
    today and its recall, while the drill asked none of them and `today` counted 2 more due:
    now its row is done, as the day after (JSON `done`, no `due_today` or `recall`)."""
    staggered()
    for day in ("2026-11-26", "2026-11-27"):
        listed = run("drill", "--list", "--format", "json", env={"EMPREP_NOW": f"{day}T09:00"})
        for i in json.loads(listed.stdout)["items"]:
            run("review", i["id"], "good", env={"EMPREP_NOW": f"{day}T09:00"})

    def screen(at: str) -> tuple[dict[str, object], str]:
        env = {"EMPREP_NOW": at}
        doc = json.loads(run("progress", "--format", "json", env=env).stdout)["rounds"][0]
        table = run("progress", env=env).stdout.splitlines()
        return doc, next(line for line in table if line.startswith("Recruiter/HR Interview"))

    doc, row = screen("2026-11-30T08:00")
    assert (doc["done"], doc["days_to"], doc["due_today"]) == (False, 0, 10)
    assert row.split()[2:4] == ["2026-11-30", "today"]
    run("rounds", "log", "rec", "--note", "Friendly", env={"EMPREP_NOW": "2026-11-30T14:00"})
    doc, row = screen("2026-11-30T14:00")
    assert (doc["done"], doc["days_to"], doc["due_today"], doc["recall"]) == (True, 0, None, None)
    assert row.split()[2:] == ["2026-11-30", "done", "10/18", "-", "-"]
    after = {"EMPREP_NOW": "2026-11-30T14:00"}  # the headings count to the onsite, as tomorrow
    table = run("progress", env=after).stdout.splitlines()
    assert table[0] == "14 days to the interview (2026-12-14), plan week 1 of 3"
    assert table[3].endswith("due today  recall on interview day")  # one day ahead, not two
    assert run("today", env=after).stdout.splitlines()[:3] == [
        "Monday 30 November: 14 days to the interview (2026-12-14)",
        "  Recruiter/HR Interview: 2026-11-30, done",
        "  Technical Deep Dive: 2026-12-14, in 14 days",
    ]


def test_todays_json_says_which_rounds_are_done_as_its_screen_does() -> None:
    """`today` said "Recruiter/HR Interview: 2026-11-30, done" once the screen was logged,
    while its JSON gave the round only its date and "days": 0, as before the log: a script
    could not tell a round had from one still to come that day (`progress` has `done`)."""
    staggered()

    def rounds(at: str) -> list[tuple[str, int, bool]]:
        doc = json.loads(run("today", "--format", "json", env={"EMPREP_NOW": at}).stdout)
        return [(r["id"], r["days"], r["done"]) for r in doc["rounds"]][:2]

    assert rounds("2026-11-30T08:00") == [("recruiter", 0, False), ("technical", 14, False)]
    run("rounds", "log", "rec", "--note", "Friendly", env={"EMPREP_NOW": "2026-11-30T14:00"})
    assert rounds("2026-11-30T14:00") == [("recruiter", 0, True), ("technical", 14, False)]
    assert rounds("2026-12-02T09:00") == [("recruiter", -2, True), ("technical", 12, False)]


def test_today_and_progress_agree_on_the_last_days_rounds_once_over() -> None:
    """From 18:00 on the onsite's day `today` said every round of it "done" while `progress`
    kept them "today"; then both said "today", the rounds logged or over still "today" on the
    screens that had just said the loop is over. Both say "done", as of a round had before."""
    staggered()
    evening = {"EMPREP_NOW": "2026-12-14T19:00"}
    run("review", "tech-tradeoff", "good", env=evening)
    assert run("today", env=evening).stdout.splitlines()[1:6] == [
        "  Recruiter/HR Interview: 2026-11-30, done",
        "  Technical Deep Dive: 2026-12-14, done",
        "  People Management & Leadership: 2026-12-14, done",
        "  Strategic & Product Alignment: 2026-12-14, done",
        "  Executive Leadership Interview: 2026-12-14, done",
    ]
    table = run("progress", env=evening).stdout.splitlines()
    assert [line.split()[-4] for line in table[4:9]] == ["done"] * 5


def test_the_last_days_rounds_logged_are_done_while_the_others_are_today() -> None:
    """Three of the onsite's four rounds logged in the afternoon: `today` and `progress` kept
    them "today" until 18:00, while a round logged on an earlier day was "done" at once."""
    staggered()
    afternoon = {"EMPREP_NOW": "2026-12-14T14:20"}
    run("review", "tech-tradeoff", "good", env=afternoon)
    for rid in ("technical", "people", "strategic"):
        assert run("rounds", "log", rid, "--asked", "Why now?", env=afternoon).code == 0
    assert run("today", env=afternoon).stdout.splitlines()[0:6] == [
        "Monday 14 December: interview day (2026-12-14)",
        "  Recruiter/HR Interview: 2026-11-30, done",
        "  Technical Deep Dive: 2026-12-14, done",
        "  People Management & Leadership: 2026-12-14, done",
        "  Strategic & Product Alignment: 2026-12-14, done",
        "  Executive Leadership Interview: 2026-12-14, today",
    ]
    table = run("progress", env=afternoon).stdout.splitlines()
    assert [line.split()[-4] for line in table[4:9]] == ["done"] * 4 + ["today"]
    assert rounds_done(afternoon) == [True] * 4 + [False]


def rounds_done(env: dict[str, str]) -> list[bool]:
    """Each round's `done` in `progress`'s JSON, after checking `today`'s says the same."""
    shown = json.loads(run("progress", "--format", "json", env=env).stdout)["rounds"]
    home = json.loads(run("today", "--format", "json", env=env).stdout)["rounds"]
    assert [r["done"] for r in home] == [r["done"] for r in shown]
    return [r["done"] for r in shown]


def test_the_last_days_rounds_once_over_are_done_in_progress_json_as_on_its_table() -> None:
    """On the onsite's evening `progress`'s table said "done" for its rounds and `today`'s
    JSON `done` was true, while `progress`'s JSON `done` stayed false: the same case, two
    answers. The rounds over keep their due count and recall for the day, as the table does."""
    staggered()
    evening = {"EMPREP_NOW": "2026-12-14T19:00"}
    run("review", "tech-tradeoff", "good", env=evening)
    assert rounds_done(evening) == [True] * 5
    rows = json.loads(run("progress", "--format", "json", env=evening).stdout)["rounds"]
    assert [(r["due_today"] is None, r["recall"] is None) for r in rows] == [(True, True)] + [
        (False, False)
    ] * 4


def test_a_hundred_thousand_questions_pasted_are_each_kept_once_in_order() -> None:
    """Each line was looked for among those kept before it: 40,000 took 29 s, 100,000 some
    three minutes, the terminal silent meanwhile. Now each is kept once in one pass (0.8 s
    for these, measured by hand: a test holds what is kept, not the time)."""
    values = [f"Question {i % 50_000}?" for i in range(100_000)]  # each twice
    values[::1000] = ["EXE-SCALING"] * 100
    ids, words = asked_questions(load_pack(), values)
    assert (ids, len(words), words[:2], words[-1]) == (
        ["exe-scaling"],
        49_950,  # Question 0?, 1000?, ... both times where the id was pasted instead
        ["Question 1?", "Question 2?"],
        "Question 49999?",
    )


def test_the_loop_is_over_asked_of_the_drill_alone(isolated: Path, pack: Pack) -> None:
    """Whether the loop is over was written out on each screen (the last round over this
    evening, or the interview past), one screen asking only the first: the drill answers it
    once, `Drill.over`, and `drill --list` and `today` (table and JSON) say what it says."""
    from emprep.core.practice import todays_drill

    run("config", "set", "interview", "2026-12-14")
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-21T09:00"})
    progress = store.load(isolated)
    s = effective(progress.profile, pack.round_ids)
    for moment, over in [
        ("2026-12-14T12:00", False),
        ("2026-12-14T19:00", True),
        ("2026-12-21T09:00", True),
    ]:
        at = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        drill = todays_drill(pack, progress, at, s=s, round_id=None)
        assert drill.over is over
        env = {"EMPREP_NOW": moment}
        listed = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)
        today = json.loads(run("today", "--format", "json", env=env).stdout)["drill"]
        assert (listed["loop_over"], today["loop_over"]) == (over, over)


def test_a_round_in_full_says_it_is_past_and_where_what_it_asked_is() -> None:
    """`rounds recruiter` the day after the screen said only "On 2026-11-30 (from
    interview.recruiter)", as before it: the plan's loop says it is past and how to log it, or
    that it is logged; so does the round in full now (from 18:00 on its day too)."""
    staggered()

    def when(moment: str) -> str:
        r = run("rounds", "recruiter", env={"EMPREP_NOW": moment})
        assert r.code == 0, r.stderr
        return r.stdout.splitlines()[2]

    assert when("2026-11-30T09:00") == "On 2026-11-30 (from interview.recruiter)"
    past = "On 2026-11-30 (from interview.recruiter), past: log what it asked: "
    assert when("2026-11-30T19:00") == past + "emprep rounds log recruiter"
    assert when("2026-12-01T09:00") == past + "emprep rounds log recruiter"
    logged = run("rounds", "log", "rec", "--asked", "rec-why-coursera", env=SCREEN_DAY)
    assert logged.code == 0, logged.stderr
    assert when("2026-12-01T09:00") == (
        "On 2026-11-30 (from interview.recruiter), past and logged: emprep progress shows what "
        "it asked"
    )
    assert run("rounds", "technical", env=NOW).stdout.splitlines()[2] == (
        "On 2026-12-14 (from interview)"
    )


def test_a_round_logged_late_is_listed_on_its_day_and_one_logged_after_its_date_says_so() -> None:
    """The technical round logged, then the screen remembered and logged late: `progress`
    listed "Rounds you have had" in the order they were logged, the screen after the later
    round. A round logged for a day after its date got no word, while `rounds`, the plan and
    the calendar keep its date: the line says so, with the command that moves it."""
    staggered()
    later = {"EMPREP_NOW": "2026-12-02T09:00"}
    assert run("config", "set", "interview.technical", "2026-12-01", env=NOW).code == 0
    assert run("rounds", "log", "tech", "--asked", "Kafka ordering", env=later).code == 0
    assert run("rounds", "log", "rec", "--asked", "Notice period", env=later).code == 0
    shown = run("progress", env=later).stdout.splitlines()
    had = shown[shown.index("Rounds you have had") + 1 :][:2]
    assert had == [
        '  2026-11-30 recruiter: asked "Notice period"',
        '  2026-12-01 technical: asked "Kafka ordering"',
    ]
    doc = json.loads(run("progress", "--format", "json", env=later).stdout)
    assert [i["round"] for i in doc["interviews"]] == ["recruiter", "technical"]
    moved = run("rounds", "log", "tech", "--date", "2026-12-02", "--asked", "Outage", env=later)
    assert (moved.code, moved.stdout.splitlines()) == (
        0,
        [
            "Logged the Technical Deep Dive round of 2026-12-02: 1 in your words.",
            "It is dated 2026-12-01, as the plan and the calendar show it; if it was moved to "
            "2026-12-02: emprep config set interview.technical 2026-12-02",
        ],
    )


def test_a_date_taken_off_a_round_already_had_is_said_to_send_its_drill_ahead() -> None:
    """The screen dated, had and logged on its day, then its date unset: it took the onsite's
    date without a word, and `progress` counted down to it ("in 14 days") under "Rounds you
    have had" with it on its day. A date that puts a round logged as had ahead says so."""
    staggered()
    after = {"EMPREP_NOW": "2026-11-30T17:00"}
    assert run("rounds", "log", "rec", "--asked", "Notice period", env=after).code == 0
    unset = run("config", "unset", "interview.rec", env=after)
    note = (
        "emprep: note: recruiter is logged as had on 2026-11-30, but now dated {}, and the drill "
        "aims its questions there; if it is behind you: emprep config set interview.recruiter "
        "2026-11-30\n"
    )
    assert (unset.code, unset.stdout, unset.stderr) == (
        0,
        "interview.recruiter is not set; the round takes the loop's date (interview: 2026-12-14)\n",
        note.format("2026-12-14"),
    )
    moved = run("config", "set", "interview", "2026-12-21", env=after)
    assert (moved.code, moved.stderr) == (0, note.format("2026-12-21"))
    back = run("config", "set", "interview.recruiter", "2026-11-30", env=after)
    assert (back.code, back.stderr) == (0, "")
    assert run("config", "set", "interview", "2026-12-14", env=after).stderr == (
        "emprep: note: recruiter (2026-11-30) keeps its own date; emprep config unset "
        "interview.ROUND gives a round the loop's\n"
    )


@settings(max_examples=300, deadline=None)
@given(
    asked=st.lists(st.lists(st.sampled_from([*ROUNDS[:3], "gone"]), max_size=3), max_size=8),
    dates=st.dictionaries(st.sampled_from(ROUNDS[:3]), st.integers(-3, 3)),
    loop=st.none() | st.integers(-3, 3),
    interview=st.none() | st.integers(-3, 4),
)
def test_the_questions_in_play_are_those_whose_last_day_is_not_past(
    asked: list[list[str]], dates: dict[str, int], loop: int | None, interview: int | None
) -> None:
    """`in_play` looks at each round once: it keeps what asking each question's `last_date`
    keeps (None, or today or later), in order, whatever the rounds' dates, the loop's, a round
    no date names, or a question of no round; every question once the loop is past or has
    no end."""
    from emprep.core.practice import in_play
    from emprep.core.rounds import last_date
    from emprep.core.settings import Settings

    today = date(2026, 11, 20)

    def day(n: int | None) -> date | None:
        return None if n is None else today + timedelta(days=n)

    s = Settings(
        interview=day(interview),
        start=None,
        hours=5.0,
        track=None,
        count=5,
        loop_date=day(loop),
        round_dates={r: today + timedelta(days=n) for r, n in dates.items()},
    )
    qs: Any = [SimpleNamespace(id=f"q{i}", rounds=rounds) for i, rounds in enumerate(asked)]
    got = in_play(s, qs, today)
    if s.interview is None or s.over(today):
        assert got == qs
    else:
        assert got == [q for q in qs if (last := last_date(q, s)) is None or last >= today]


def test_the_evening_of_a_round_on_a_rest_day_counts_the_day_s_reviews_on_that_day(
    isolated: Path,
) -> None:
    """The recruiter screen on a Saturday, the weekend off: once it was over (19:00) the drill
    said no rest and asked a review due that day, while `progress`'s Due next 7 days and
    `today` counted the day's reviews on the Monday ("Sat 28 0 ... Mon 30 2", none still due
    today), as on a rest day. The evening of a round's day is that day still."""
    env = {"EMPREP_NOW": "2026-11-25T09:00:00+00:00"}
    for key, value in [("interview", "2026-12-10"), ("interview.rec", "2026-11-28")]:
        assert run("config", "set", key, value, env=env).code == 0
    assert run("config", "set", "rest-days", "sat,sun", env=env).code == 0
    assert run("review", "rec-why-coursera", "hard", env=env).code == 0
    assert run("review", "rec-hands-on", "good", env=env).code == 0
    env = {"EMPREP_NOW": "2026-11-27T09:00:00+00:00"}
    assert run("review", "rec-career-goals", "again", env=env).code == 0
    evening = {"EMPREP_NOW": "2026-11-28T19:00:00+00:00"}
    drill = json.loads(run("drill", "--list", "--format", "json", env=evening).stdout)
    assert drill["rest_day"] is False
    assert [i["id"] for i in drill["items"] if i["kind"] == "review"] == ["rec-career-goals"]
    forecast = json.loads(run("progress", "--format", "json", env=evening).stdout)["forecast"]
    assert [f["due"] for f in forecast] == [2, 0, 1, 0, 0, 0, 0]
    shown = run("progress", env=evening).stdout
    assert "Due next 7 days: Sat 28 2  Sun 29 0  Mon 30 1  Tue 01 0" in shown
    today = json.loads(run("today", "--format", "json", env=evening).stdout)["drill"]
    assert (today["still_due"], today["next_due"], today["next_due_count"]) == (
        1,
        "2026-11-30",
        1,
    )


def test_two_questions_a_later_round_asks_are_said_as_them(isolated: Path) -> None:
    """One question a later round asks too is "it", two are "them": the line said "the drill
    brings them first" of one question."""
    at = {"EMPREP_NOW": "2027-03-20T09:00"}
    assert run("config", "set", "interview", "2027-04-06", env=at).code == 0
    assert run("config", "set", "interview.strategic", "2027-03-31", env=at).code == 0
    day = {"EMPREP_NOW": "2027-03-31T18:00"}
    r = run("rounds", "log", "strategic", "--asked", "tech-ab-testing,com-tech-debt", env=day)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.splitlines()[-1] == (
        "A later round asks tech-ab-testing, com-tech-debt too: the drill brings them first."
    )
