"""A new user's loop over five days: the plan's table, JSON and calendar, exactly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import run
from typer.testing import CliRunner

from emprep.cli import app

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
