"""The profile: `emprep config` sets defaults that plan and drill use; bad values change nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ended, run, spawn

HOURS = "a number from 1 to 168 a week"
COUNT = "a whole number from 1 to 100"


def test_config_set_show_unset_and_plan_uses_it(isolated: Path) -> None:
    env = {"EMPREP_NOW": "2026-11-20T10:00"}
    assert run("config", "set", "interview", "2027-01-01", env=env).stdout == (
        "interview = 2027-01-01\n"
    )
    assert run("config", "set", "hours", "4.5").stdout == "hours = 4.5\n"
    assert run("config", "set", "track", "REM").stdout == "track = remote\n"
    assert run("config", "set", "count", "7").stdout == "count = 7\n"
    assert run("config", "set", "start", "today", env=env).stdout == "start = 2026-11-20\n"
    assert run("config", "set", "rest-days", "Sun, sat").stdout == "rest-days = sat,sun\n"
    assert run("config", "set", "rest-days", "sat sun,").stdout == "rest-days = sat,sun\n"
    doc = json.loads(run("config", "show", "--format", "json").stdout)
    assert doc == {
        "interview": "2027-01-01",
        "start": "2026-11-20",
        "hours": 4.5,
        "track": "remote",
        "count": 7,
        "rest_days": ["sat", "sun"],
        "rounds": [
            {"id": r, "date": "2027-01-01", "source": "interview", "hint": None}
            for r in ["recruiter", "technical", "people", "strategic", "executive"]
        ],
        "loop": 1,
        "loops_before": [],
    }
    plan = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert (plan["start"], plan["interview"], plan["hours_per_week"], plan["track"]) == (
        "2026-11-20",
        "2027-01-01",
        4.5,
        "remote",
    )
    plan = json.loads(run("plan", "--weeks", "2", "--hours", "3", "--format", "json").stdout)
    assert (plan["interview"], plan["hours_per_week"]) == ("2026-12-04", 3.0)
    drill = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)
    assert drill["count"] == 7
    said = run("config", "unset", "count").stdout  # "count is not set" said not what is then
    assert said == "count is not set; the default is in effect: 5 a day\n"
    shown = run("config", "show").stdout.splitlines()
    assert shown[:11] == [
        "interview  2027-01-01",
        "  recruiter  2027-01-01  from interview",
        "  technical  2027-01-01  from interview",
        "  people     2027-01-01  from interview",
        "  strategic  2027-01-01  from interview",
        "  executive  2027-01-01  from interview",
        "start      2026-11-20",
        "hours      4.5",
        "track      remote",
        "count      default: 5 a day",
        "rest-days  sat,sun",
    ]
    assert shown[11] == f"file       {isolated}"
    said = run("config", "unset", "rest-days").stdout
    assert (
        said
        == "rest-days is not set; the default is in effect: none: every day is a practice day\n"
    )


def test_the_files_path_at_40_columns_is_cut_after_a_slash(isolated: Path) -> None:
    """At 40 columns `config show` cut the progress file's path where the line ended, inside
    a folder's name (`/a` above `nother_folder/progress.toml`). It is cut after a `/`, each
    name whole where a line holds it, as an interviewer's title is; each folder below names
    exactly the 29 places a line keeps under the label, so it takes a line of its own. (Under
    /tmp itself: the test's own folder, its name as long as the test's, would set the line's
    hang.)"""
    base = Path(tempfile.mkdtemp(prefix="emprep-", dir="/tmp"))
    try:
        path = base.joinpath("a" * 28, "b" * 28, "progress.toml")
        assert run("config", "set", "count", "5", env={"EMPREP_PROGRESS": str(path)}).code == 0
        child = spawn(["config", "show"], path, "2026-11-23T09:00:00+00:00", width=40)
        child.expect_exact("rest-days")
        assert ended(child) == 0
        shown = str(child.before).replace("\r\n", "\n").splitlines()[-4:]
    finally:
        shutil.rmtree(base)
    assert shown == [
        f"file       {base}/",
        f"           {'a' * 28}/",
        f"           {'b' * 28}/",
        "           progress.toml",
    ]


def test_bad_config_input_leaves_the_file_untouched(isolated: Path) -> None:
    run("config", "set", "count", "4")
    before = isolated.read_bytes()
    cases = {
        ("colour", "blue"): "unknown config key 'colour': keys: interview, interview.ROUND, "
        "start, hours, track, count, rest-days",
        ("intervew", "2027-01-01"): "unknown config key 'intervew': did you mean 'interview'? "
        "keys: interview, interview.ROUND, start, hours, track, count, rest-days",
        ("interview", "soon"): "interview: 'soon' is not a date; write it as YYYY-MM-DD, "
        "e.g. 2027-01-15",
        ("hours", "0"): f"hours must be {HOURS} (got 0); try emprep config set hours 6",
        ("hours", "0.5"): f"hours must be {HOURS} (got 0.5); try emprep config set hours 6",
        ("hours", "-0"): f"hours must be {HOURS} (got -0); try emprep config set hours 6",
        ("hours", "1" + "0" * 400): f"hours must be {HOURS} (got 1000000000000000000…); "
        "try emprep config set hours 6",
        ("hours", "5h"): f"hours must be {HOURS} (got '5h'); try emprep config set hours 6",
        ("hours", "169"): f"hours must be {HOURS} (got 169); try emprep config set hours 6",
        ("hours", "lots"): f"hours must be {HOURS} (got 'lots'); try emprep config set hours 6",
        # float() and int() read 1_0 as 10, +5 as 5, 1e1 as 10: not numbers a person types
        **{
            ("hours", v): f"hours must be {HOURS} (got '{v}'); try emprep config set hours 6"
            for v in ("1_0", "+5", "1e1", "5.", ".5", "nan", "-inf", "1e400", "1e-300")
        },
        **{
            ("count", v): f"count must be {COUNT} (got '{v}'); try emprep config set count 5"
            for v in ("1_0", "+5", "1e1", "5.0")
        },
        ("count", "0"): f"count must be {COUNT} (got 0); try emprep config set count 5",
        ("count", "101"): f"count must be {COUNT} (got 101); try emprep config set count 5",
        ("count", "²"): f"count must be {COUNT} (got '²'); try emprep config set count 5",
        ("interview", "0026-11-20"): "interview: 0026-11-20 is outside the dates emprep "
        "accepts (2000-01-01 to 2099-12-31)",
        ("interview", "2099-12-31"): "interview: 2099-12-31 is more than 104 weeks after the "
        f"start ({date.today()}), longer than emprep plans; give a date by "
        f"{date.today() + timedelta(weeks=104)}: emprep config set interview YYYY-MM-DD",
        ("interview", "9999-12-31"): "interview: 9999-12-31 is outside the dates emprep "
        "accepts (2000-01-01 to 2099-12-31)",
        ("track", "moon"): "unknown track 'moon': valid: remote, hub",
        ("rest-days", "sat,funday"): "rest-days: 'funday' is not a weekday; "
        "e.g. emprep config set rest-days sat,sun",
        ("rest-days", " , "): "rest-days: no weekday given; e.g. emprep config set rest-days "
        "sat,sun (every day a practice day: emprep config unset rest-days)",
        ("rest-days", "mon,tue,wed,thu,fri,sat,sun"): "rest-days: every day of the week is a "
        "rest day; leave one to practise, e.g. emprep config set rest-days sat,sun",
        ("rest-days", "weekdays,weekend"): "rest-days: every day of the week is a rest day; "
        "leave one to practise, e.g. emprep config set rest-days sat,sun",
        ("rest-days", "sun-sat"): "rest-days: every day of the week is a rest day; "
        "leave one to practise, e.g. emprep config set rest-days sat,sun",
        ("rest-days", "none"): "rest-days: 'none' is not a weekday; to practise every day: "
        "emprep config unset rest-days",
        ("rest-days", "weekned"): "rest-days: 'weekned' is not a weekday; did you mean 'weekend' "
        "(sat,sun) or 'weekdays' (mon to fri)? e.g. emprep config set rest-days sat,sun",
        ("rest-days", "mon-"): "rest-days: 'mon-' is not a range of days; write its first and "
        "last day, e.g. emprep config set rest-days mon-fri",
        ("rest-days", "mon-tue-wed"): "rest-days: 'mon-tue-wed' is not a range of days; write "
        "its first and last day, e.g. emprep config set rest-days mon-fri",
        ("rest-days", "mon-fun"): "rest-days: 'fun' is not a weekday; did you mean 'sun'? "
        "e.g. emprep config set rest-days sat,sun",
        # a letter two days start with said as the two: it was "'t' is not a weekday"
        ("rest-days", "t"): "rest-days: 't' could be tue or thu; give more of the day's name, "
        "e.g. emprep config set rest-days sat,sun",
        ("rest-days", "fri,s"): "rest-days: 's' could be sat or sun; give more of the day's "
        "name, e.g. emprep config set rest-days sat,sun",
    }
    for (key, value), message in cases.items():
        r = run("config", "set", key, value)
        assert (r.code, r.stderr) == (2, f"emprep: error: {message}\n"), key
        assert isolated.read_bytes() == before


def test_rest_days_take_the_weekend_weekdays_ranges_and_repeats(isolated: Path) -> None:
    for value, said in [
        ("weekend", "sat,sun"),
        ("Weekends", "sat,sun"),
        ("weekdays", "mon,tue,wed,thu,fri"),
        ("mon-wed", "mon,tue,wed"),
        ("fri-mon", "mon,fri,sat,sun"),
        ("sat,sat sun", "sat,sun"),
        ("weekend,mon", "mon,sat,sun"),
        # any prefix one day alone starts with, one letter too, as the README says
        ("f", "fri"),
        ("m-w", "mon,tue,wed"),
        ("Sa Su", "sat,sun"),
    ]:
        r = run("config", "set", "rest-days", value)
        assert (r.code, r.stdout, r.stderr) == (0, f"rest-days = {said}\n", ""), value
        assert tomllib.loads(isolated.read_text())["profile"]["rest_days"] == said.split(",")


def test_numbers_with_spaces_or_other_scripts_digits_are_read_as_the_number(
    isolated: Path,
) -> None:
    for key, value, stored in [
        ("hours", " 5 ", "hours = 5.0"),
        ("hours", "\uff17.5", "hours = 7.5"),
        ("hours", "1", "hours = 1.0"),
        ("count", "\u0664", "count = 4"),
        ("count", " 12 ", "count = 12"),
    ]:
        r = run("config", "set", key, value)
        assert (r.code, r.stderr) == (0, ""), value
        assert stored in isolated.read_text().splitlines()


def test_a_date_beyond_what_emprep_plans_is_refused_and_every_command_still_runs(
    isolated: Path,
) -> None:
    env = {"EMPREP_NOW": "2026-11-20T10:00"}
    assert run("config", "set", "interview", "2027-01-15", env=env).code == 0
    before = isolated.read_bytes()
    far = "the start (2026-11-20), longer than emprep plans; give a date by 2028-11-17"
    for key in ("interview", "interview.people"):
        r = run("config", "set", key, "2099-01-01", env=env)
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: {key}: 2099-01-01 is more than 104 weeks after {far}: emprep config "
            f"set {key} YYYY-MM-DD\n"
        )
    assert run("config", "set", "start", "2026-01-05", env=env).code == 0
    r = run("config", "set", "interview", "2028-06-01", env=env)
    assert r.stderr == (
        "emprep: error: interview: 2028-06-01 is more than 104 weeks after the start "
        "(2026-01-05), longer than emprep plans; give a date by 2028-01-03: emprep config set "
        "interview YYYY-MM-DD, or a later start first (from 2026-06-04): emprep config set "
        "start YYYY-MM-DD\n"
    )
    assert run("config", "unset", "start", env=env).code == 0
    before = isolated.read_bytes()
    r = run("config", "set", "start", "2024-01-01", env=env)
    assert r.stderr == (
        "emprep: error: start: 2024-01-01 is more than 104 weeks before the recruiter round "
        "(2027-01-15, interview); give a later start, or move the round: "
        "emprep config set interview YYYY-MM-DD\n"
    )
    assert isolated.read_bytes() == before
    for command in ("today", "progress", "drill"):
        assert run(command, env=env).code == 0


def test_an_interview_out_of_reach_of_an_old_first_practice_names_config_set_start(
    isolated: Path,
) -> None:
    """A loop prepared years ago: the plan would start at its first practice, which no option
    of today, drill or progress can move; the message names the setting that does."""
    assert run("review", "rec-why-coursera", "3", env={"EMPREP_NOW": "2024-06-01T09:00"}).code == 0
    env = {"EMPREP_NOW": "2026-11-21T09:00"}
    assert run("config", "set", "interview", "2026-12-15", env=env).code == 0
    before = isolated.read_bytes()
    for command in ("today", "progress", "drill", "plan"):
        r = run(command, env=env)
        assert (r.code, r.stdout) == (2, ""), command
        assert r.stderr == (
            "emprep: error: the interview (2026-12-15) is more than 104 weeks after your first "
            "practice day (2024-06-01), where a plan starts when no start is set; set one: "
            "emprep config set start YYYY-MM-DD\n"
        ), command
    assert isolated.read_bytes() == before
    assert run("config", "set", "start", "2026-11-21", env=env).code == 0
    assert run("today", env=env).code == 0


def test_a_hand_edited_round_date_out_of_reach_names_its_key(isolated: Path) -> None:
    """A progress file edited by hand with `[profile.rounds] recruiter = 2099-12-31` gave "the
    interview (2099-12-31) is more than 104 weeks after the start ...", naming neither the
    round nor the command that fixes it; the loop's own date is named as `interview`."""
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text("[profile.rounds]\nrecruiter = 2099-12-31\n")
    env = {"EMPREP_NOW": "2026-12-01T09:00"}
    said = (
        "emprep: error: interview.recruiter (2099-12-31, from your settings) is more than 104 "
        "weeks after the start (2026-12-01), longer than emprep plans; set an earlier date: "
        "emprep config set interview.recruiter YYYY-MM-DD, or give the round the loop's: "
        "emprep config unset interview.recruiter\n"
    )
    for command in (["plan"], ["drill", "--list"], ["progress"], ["today"]):
        r = run(*command, env=env)
        assert (r.code, r.stdout, r.stderr) == (2, "", said), command
    isolated.write_text("[profile]\ninterview = 2099-12-31\n")
    assert run("plan", env=env).stderr == (
        "emprep: error: interview (2099-12-31, from your settings) is more than 104 weeks after "
        "the start (2026-12-01), longer than emprep plans; set an earlier date: emprep config "
        "set interview YYYY-MM-DD\n"
    )


def test_the_plan_starts_on_the_local_day_of_the_first_practice(isolated: Path) -> None:
    """The first practice at 23:30 in Los Angeles is 07:30 the next day in UTC, and at 08:00
    in Tokyo 23:00 the day before: the plan starts on the day the candidate practised, so
    the first evening shows this week's tasks and the weeks run from that day."""
    for zone, moment, first in (
        ("America/Los_Angeles", "2026-11-21T23:30", "2026-11-21"),
        ("Asia/Tokyo", "2026-11-22T08:00", "2026-11-22"),
    ):
        for old in (isolated, isolated.with_name("progress.toml.bak")):
            old.unlink(missing_ok=True)
        env = {"TZ": zone, "EMPREP_NOW": moment}
        assert run("config", "set", "interview", "2027-01-15", env=env).code == 0
        assert run("config", "set", "hours", "10", env=env).code == 0  # both tasks of week 1
        assert run("review", "rec-why-coursera", "good", env=env).code == 0
        week = json.loads(run("plan", "--format", "json", env=env).stdout)["weeks"][0]
        assert (week["start"], week["days"]) == (first, 7), zone
        doc = json.loads(run("today", "--format", "json", env=env).stdout)
        assert (doc["week"], doc["start"], len(doc["tasks"])) == (1, first, 2), zone
        r = run("task", "done", "1", env=env)
        assert (r.code, r.stdout.splitlines()[-1]) == (0, "1 of 2 tasks done this week."), zone


def test_a_flight_moves_no_week_of_the_plan(isolated: Path) -> None:
    """The first drill at 21:00 on a Monday in New York (02:00 on Tuesday in London): in
    London after a flight the plan's weeks ran Tuesday to Monday, a day later than in New
    York, and a calendar exported there moved every week. The plan starts on the day the first
    review was given on, where it was given."""
    env = {"TZ": "America/New_York", "EMPREP_NOW": "2026-11-23T21:00"}
    assert run("config", "set", "interview", "2026-12-21", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    for zone in ("America/New_York", "Europe/London", "Asia/Tokyo"):
        later = {"TZ": zone, "EMPREP_NOW": "2026-11-26T12:00"}
        week = json.loads(run("plan", "--format", "json", env=later).stdout)["weeks"][0]
        assert (week["start"], week["end"]) == ("2026-11-23", "2026-11-29"), zone
        doc = json.loads(run("today", "--format", "json", env=later).stdout)
        assert (doc["week"], doc["start"]) == (1, "2026-11-23"), zone


def test_unsetting_a_key_that_was_set_says_what_is_now_in_effect(isolated: Path) -> None:
    assert run("config", "set", "count", "7").code == 0
    r = run("config", "unset", "count")
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "count is not set; the default is in effect: 5 a day\n",
        "",
    )
    assert tomllib.loads(isolated.read_text())["profile"].get("count") is None


def test_unsetting_a_key_that_was_not_set_says_so_and_leaves_the_file(isolated: Path) -> None:
    assert run("config", "set", "hours", "6").code == 0
    assert run("config", "set", "hours", "7").code == 0
    before = (isolated.read_bytes(), isolated.with_name("progress.toml.bak").read_bytes())
    stamp = isolated.stat().st_mtime_ns
    r = run("config", "unset", "count")
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "count was not set; the default is in effect: 5 a day\n",
        "",
    )
    r = run("config", "unset", "interview.recruiter")
    assert (r.code, r.stdout) == (
        0,
        "interview.recruiter was not set; the round has no date (interview is not set either)\n",
    )
    after = (isolated.read_bytes(), isolated.with_name("progress.toml.bak").read_bytes())
    assert after == before and isolated.stat().st_mtime_ns == stamp


def test_unsetting_with_no_progress_file_makes_none(isolated: Path) -> None:
    r = run("config", "unset", "hours")
    assert (r.code, r.stdout) == (0, "hours was not set; the default is in effect: 9 a week\n")
    assert not isolated.exists()


def test_a_start_edited_after_a_round_stops_only_the_dates_it_conflicts_with(
    isolated: Path,
) -> None:
    """A start edited by hand after the recruiter round: every `config set` was refused as
    "count: 2026-11-20 is before the start (2026-12-20)", naming the round's date as the
    count's (or the interview's). A setting the clash is not about is now set, and so is a
    date that does not clash; one that does is named as typed."""
    NEAR = {"EMPREP_NOW": "2026-11-22T09:00"}
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "interview.recruiter", "2026-11-20", env=NEAR)
    text = isolated.read_text().replace("[profile]\n", "[profile]\nstart = 2026-12-20\n")
    isolated.write_text(text)
    for key, value in [("count", "7"), ("hours", "3"), ("track", "hub"), ("rest-days", "sun")]:
        r = run("config", "set", key, value, env=NEAR)
        assert (r.code, r.stderr) == (0, ""), r.stderr
    assert run("config", "set", "interview", "2026-12-30", env=NEAR).code == 0
    before = isolated.read_bytes()
    r = run("config", "set", "interview.people", "2026-12-19", env=NEAR)
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: interview.people: 2026-12-19 is before the start (2026-12-20); give a "
        "later date, or an earlier start: emprep config set start YYYY-MM-DD\n",
    )
    assert isolated.read_bytes() == before
    assert run("plan", env=NEAR).code == 0  # from the start, the recruiter round behind it


def test_a_first_review_on_a_weekend_before_a_monday_interview_keeps_the_plan(
    isolated: Path,
) -> None:
    """A drill on the Saturday before a Monday interview (rest days sat,sun) moved the plan's
    start to the Monday: `plan` refused, blaming a start never set, and the plan week was gone.
    The plan now starts on the review's day, as before it."""
    sat = {"EMPREP_NOW": "2026-11-21T10:00"}
    later = {"EMPREP_NOW": "2026-11-21T10:05"}
    assert run("config", "set", "rest-days", "sat,sun").code == 0
    for interview, days in (("2026-11-23", "2 days"), ("2026-11-22", "1 day")):
        assert run("config", "set", "interview", interview, env=sat).code == 0
        before = run("plan", env=sat)
        assert before.code == 0
        assert before.stdout.splitlines()[2].startswith(f"2026-11-21 to {interview}: {days}, ")
        if interview == "2026-11-23":
            assert run("review", "rec-why-coursera", "3", "--seconds", "60", env=sat).code == 0
        after = run("plan", env=later)
        assert after.code == 0, after.stderr
        assert after.stdout.splitlines()[2] == before.stdout.splitlines()[2]


def test_a_round_before_a_start_edited_by_hand_is_named_by_plan(isolated: Path) -> None:
    """A start edited by hand after a round still ahead: `config set count` is not refused
    for it, and nothing named the clash; the plan put the round's questions in weeks after
    it. `plan` now names it, on stderr and in its JSON warnings."""
    env = {"EMPREP_NOW": "2026-11-10T10:00"}
    run("config", "set", "interview", "2026-12-10", env=env)
    run("config", "set", "interview.recruiter", "2026-11-25", env=env)
    text = isolated.read_text().replace("[profile]\n", "[profile]\nstart = 2026-12-01\n")
    isolated.write_text(text)
    assert run("config", "set", "count", "7", env=env).code == 0
    said = (
        "the recruiter round (2026-11-25, interview.recruiter) is before the plan's start "
        "(2026-12-01): its questions come after it; set an earlier start: emprep config set "
        "start YYYY-MM-DD, or move the round: emprep config set interview.recruiter YYYY-MM-DD"
    )
    r = run("plan", env=env)
    assert (r.code, r.stderr) == (0, f"emprep: note: {said}\n")
    doc = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert doc["warnings"] == [said]
    after = run("plan", env={"EMPREP_NOW": "2026-11-26T10:00"})
    assert (after.code, after.stderr) == (0, "")


@pytest.mark.parametrize(
    "args", [("today",), ("progress",), ("progress", "--format", "json"), ("config", "show")]
)
def test_a_round_before_a_start_edited_by_hand_is_named_by_every_screen_of_dates(
    isolated: Path, args: tuple[str, ...]
) -> None:
    """`plan` alone named it: `today` and `progress` counted to the round, and `config show`
    listed both dates, without a word. They now give `plan`'s line, while the round is ahead."""
    env = {"EMPREP_NOW": "2026-11-10T10:00"}
    run("config", "set", "interview", "2026-12-10", env=env)
    run("config", "set", "interview.recruiter", "2026-11-25", env=env)
    text = isolated.read_text().replace("[profile]\n", "[profile]\nstart = 2026-12-01\n")
    isolated.write_text(text)
    said = run("plan", env=env).stderr
    assert said.startswith("emprep: note: the recruiter round (2026-11-25, interview.recruiter)")
    r = run(*args, env=env)
    assert (r.code, r.stderr) == (0, said)
    after = run(*args, env={"EMPREP_NOW": "2026-11-26T10:00"})
    assert (after.code, after.stderr) == (0, "")


@pytest.mark.parametrize(
    "args",
    [("today",), ("progress",), ("config", "show"), ("drill", "--list")],
)
def test_the_interview_before_a_start_edited_by_hand_is_named_by_every_screen_of_dates(
    isolated: Path, args: tuple[str, ...]
) -> None:
    """Only a round's own date was checked: the whole interview before a hand-edited start
    made `plan` refuse, while `today` counted the days to it without a word. They now give
    `plan`'s line, with the way to an earlier start that is theirs."""
    env = {"EMPREP_NOW": "2026-11-22T10:00"}
    run("config", "set", "interview", "2026-12-05", env=env)
    text = isolated.read_text().replace("[profile]\n", "[profile]\nstart = 2026-12-10\n")
    isolated.write_text(text)
    clash = "the interview (2026-12-05, from your settings) is before the start (2026-12-10)"
    refused = run("plan", env=env)
    assert (refused.code, refused.stderr) == (
        2,
        f"emprep: error: {clash}; set a later one: emprep config set interview YYYY-MM-DD, or "
        "plan from an earlier day: --start DATE\n",
    )
    r = run(*args, env=env)
    assert (r.code, r.stderr) == (
        0,
        f"emprep: note: {clash}; set a later one: emprep config set interview YYYY-MM-DD, or "
        "set an earlier start: emprep config set start YYYY-MM-DD\n",
    )


def test_the_timed_answers_are_read_once_a_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """`today` asks for the timed answers four times (the plan's key, and each plan made):
    a log of 10,000 ratings given with no seconds was read whole each time, 1.8 ms a read.
    Asked again of the same log, they are the same and the log is not read again."""
    from emprep.core import models, profile
    from emprep.core.models import Progress

    log = "".join(
        f"2026-11-{1 + i % 20:02d}T09:00:00+00:00 q{i % 7} 3 {i % 3 * 45}\n" for i in range(300)
    )
    split: list[str] = []

    def counted(text: str) -> tuple[str, ...]:
        split.append(text)
        return models.log_lines(text)

    monkeypatch.setattr(profile, "log_lines", counted)
    first = profile.timed_answers(Progress(log=log))
    assert first == [90, 45] * 25
    assert profile.timed_answers(Progress(log=log)) == first and len(split) == 1
    assert profile.timed_answers(Progress(log=log), latest=3) == [90, 45, 90]
    assert profile.timed_answers(Progress(log="")) == []
