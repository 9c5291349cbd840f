"""`emprep drill --list`'s heading, off a terminal."""

from __future__ import annotations

import json
import re

from conftest import run


def test_the_heading_counts_the_new_questions_the_list_holds() -> None:
    """Not the pace's quota: a failure back first leaves fewer places for new questions."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert (
        run("review", "rec-why-leaving", "again", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    r = run("drill", "--list", env={"EMPREP_NOW": "2026-11-21T09:00"})
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "Drill for 2026-11-21: 5 questions (4 new), 23 days to the interview (2026-12-14), "
        "107 unseen"
    )
    assert [line.split()[2] for line in lines[2:7]] == ["review", "new", "new", "new", "new"]


def test_interview_day_without_practice_says_there_is_nothing_to_warm_up() -> None:
    """Not "Today's drill is done. More practice: emprep drill --more" with nothing rated, which
    `drill --more` then said again."""
    assert run("config", "set", "interview", "2026-12-04").code == 0
    for more in ([], ["--more"]):
        r = run("drill", "--list", *more, env={"EMPREP_NOW": "2026-12-04T07:00"})
        assert (r.code, r.stdout) == (
            0,
            "Drill for 2026-12-04: 0 questions, a warm-up of your weakest on interview day\n"
            "Nothing to practise: no question of today's interview has been practised yet, so "
            "there is nothing to warm up. Go over the rounds: emprep rounds ID\n",
        )


def test_a_rounds_day_before_the_last_is_the_headings_subject() -> None:
    """On the screen's day the heading speaks of the screen, says why its questions lead, and
    the days to the last round after it; JSON names the rounds of the day."""
    import json

    assert run("config", "set", "interview", "2026-12-10").code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-25").code == 0
    assert (
        run("review", "rec-why-leaving", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    screen = {"EMPREP_NOW": "2026-11-25T07:00"}
    lines = run("drill", "--list", env=screen).stdout.splitlines()
    assert lines[:2] == [
        "Drill for 2026-11-25: 5 questions (5 new), the recruiter round today, 107 unseen",
        "Its questions are a warm-up after any failed answers: those never seen, then your "
        "weakest; the last round is in 15 days (2026-12-10).",
    ]
    rows = [line.split()[2:5] for line in lines[3:8]]
    assert [(kind, deadline) for kind, _, deadline in rows] == [("new", "2026-11-25")] * 5
    assert all("recruiter" in rounds.split(",") for _, rounds, _ in rows)
    doc = json.loads(run("drill", "--list", "--count", "18", "--format", "json", env=screen).stdout)
    assert [i["kind"] for i in doc["items"]] == ["new"] * 17 + ["warm-up"]
    assert doc["items"][-1]["id"] == "rec-why-leaving"
    doc = json.loads(run("drill", "--list", "--format", "json", env=screen).stdout)
    assert (doc["rounds_today"], doc["days_left"]) == (["recruiter"], 15)
    technical = run("drill", "--list", "--round", "tech", env=screen).stdout.splitlines()
    assert technical[0] == (  # the screen's questions are not in a technical drill
        "Drill for 2026-11-25: 5 questions (5 new), 15 days to the interview (2026-12-10), "
        "36 unseen"
    )
    assert run("config", "set", "interview.technical", "2026-11-25").code == 0
    both = run("drill", "--list", env=screen).stdout.splitlines()
    assert both[0].endswith("the recruiter and technical rounds today, 107 unseen")
    assert both[1].startswith(
        "Their questions are a warm-up after any failed answers: those never seen, then your "
        "weakest;"
    )
    assert run("config", "set", "interview.people", "2026-11-25").code == 0
    three = run("drill", "--list", env=screen).stdout.splitlines()
    assert three[0].endswith("the recruiter, technical and people rounds today, 107 unseen")
    other = run("drill", "--list", env={"EMPREP_NOW": "2026-11-24T07:00"}).stdout.splitlines()
    assert other[0] == (  # the eve names every round of the day
        "Drill for 2026-11-24: 5 questions (5 new), 1 day to the Recruiter/HR Interview, the "
        "Technical Deep Dive round and the People Management & Leadership round (2026-11-25), "
        "16 days to the interview (2026-12-10), 107 unseen"
    )


def test_the_heading_names_the_next_round_before_the_last_as_progress_does() -> None:
    """With the screen before the onsite, the drill counts the days to both, as `today` and
    `progress` do (the same words); JSON gives the next round, none once it is the last."""
    assert run("config", "set", "interview", "2026-12-15").code == 0
    assert run("config", "set", "interview.recruiter", "2026-12-01").code == 0
    day = {"EMPREP_NOW": "2026-11-21T09:00"}
    both = (
        "10 days to the Recruiter/HR Interview (2026-12-01), 24 days to the interview (2026-12-15)"
    )
    assert run("drill", "--list", env=day).stdout.splitlines()[0] == (
        f"Drill for 2026-11-21: 5 questions (5 new), {both}, 108 unseen"
    )
    assert run("progress", env=day).stdout.splitlines()[0] == f"{both}, plan week 1 of 4"
    doc = json.loads(run("drill", "--list", "--format", "json", env=day).stdout)
    assert doc["next_round"] == {
        "id": "recruiter",
        "ids": ["recruiter"],
        "date": "2026-12-01",
        "days": 10,
    }
    after = {"EMPREP_NOW": "2026-12-02T09:00"}
    assert run("drill", "--list", env=after).stdout.splitlines()[0] == (
        "Drill for 2026-12-02: 5 questions (5 new), 13 days to the interview (2026-12-15), "
        "98 unseen"
    )
    doc = json.loads(run("drill", "--list", "--format", "json", env=after).stdout)
    assert doc["next_round"] is None


def test_the_heading_names_every_round_of_the_next_day_as_today_and_progress_do() -> None:
    """People and strategic on one day, the executive round later: the day before, the
    headings said "1 day to the People Management & Leadership round (2026-12-15)", as if
    the strategic round were not that day too."""
    for key, value in [
        ("interview", "2026-12-19"),
        ("interview.people", "2026-12-15"),
        ("interview.strategic", "2026-12-15"),
    ]:
        assert run("config", "set", key, value).code == 0
    day = {"EMPREP_NOW": "2026-12-14T09:00"}
    both = (
        "1 day to the People Management & Leadership round and the Strategic & Product "
        "Alignment round (2026-12-15), 5 days to the interview (2026-12-19)"
    )
    assert run("drill", "--list", env=day).stdout.splitlines()[0] == (
        f"Drill for 2026-12-14: 5 questions (5 new), {both}, 108 unseen"
    )
    assert run("today", env=day).stdout.splitlines()[0] == f"Monday 14 December: {both}"
    assert run("progress", env=day).stdout.splitlines()[0].startswith(f"{both}, plan week")
    doc = json.loads(run("drill", "--list", "--format", "json", env=day).stdout)
    assert doc["next_round"] == {
        "id": "people",
        "ids": ["people", "strategic"],
        "date": "2026-12-15",
        "days": 1,
    }


def test_a_day_done_still_gives_the_pace_when_the_count_is_short() -> None:
    """The pace advice is not only for days with questions left: `drill --list`, like `today`
    and `progress`, says it after the day's drill too (the same sentence)."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "count", "1").code == 0
    assert run("config", "set", "hours", "20").code == 0  # the advised count fits the week
    assert (
        run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    later = {"EMPREP_NOW": "2026-11-20T10:00"}
    lines = run("drill", "--list", env=later).stdout.splitlines()
    assert lines[:2] == [
        "Drill for 2026-11-20: 0 questions (0 new), 24 days to the interview (2026-12-14), "
        "107 unseen",
        "Today's drill is done. More practice: emprep drill --more; what is coming: "
        "emprep progress",
    ]
    assert re.fullmatch(
        r"At 1 a day about \d+ of 108 questions will be ready on Mon 14 Dec; \d+ a day would "
        r"make \d+ ready \(emprep config set count \d+\)\. These are FSRS's predictions, for an "
        r"average learner until your ratings show otherwise\.",
        lines[2],
    )
    assert len(lines) == 3
    assert "  " + lines[2] in run("today", env=later).stdout.splitlines()


def test_after_the_only_dated_round_the_drill_goes_on_over_the_undated_ones() -> None:
    """Only the screen dated, the day after it: the drill said "the interview (2026-11-30) was
    1 day ago: plain FSRS" and went on asking the questions only the screen asks. The rounds
    without a date are still ahead: their questions are drilled (plain FSRS, as without a
    date), the screen's own are not, and the heading says so with the commands that date them."""
    eve = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=eve).code == 0
    assert run("review", "tech-tradeoff", "good", env=eve).code == 0
    after = {"EMPREP_NOW": "2026-12-01T09:00"}
    r = run("drill", "--list", env=after)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.splitlines()[:2] == [
        "Drill for 2026-12-01: 5 questions (plain FSRS: recruiter was on 2026-11-30; technical, "
        "people, strategic, executive have no date yet)",
        "Date them and the drill aims at each: emprep config set interview.ROUND DATE, "
        "or all at once: emprep config set interview DATE",
    ]
    every = ["--count", "100", "--format", "json"]
    doc = json.loads(run("drill", "--list", *every, env=after).stdout)
    bank = json.loads(run("questions", "--format", "json").stdout)["questions"]
    later = {q["id"] for q in bank if set(q["rounds"]) - {"recruiter"}}
    assert {i["id"] for i in doc["items"]} == later  # every one, and the screen's own not
    assert len(later) == 98
    assert doc["unseen"] == len(later) - 1
    assert (doc["interview"], doc["days_left"]) == (None, None)
    assert doc["rounds_past"] == {"recruiter": "2026-11-30"}
    assert doc["undated"] == ["technical", "people", "strategic", "executive"]


def test_a_day_done_before_its_round_was_logged_is_done_not_nothing_to_practise() -> None:
    """The technical round's day, its four warm-ups rated in the morning, the round logged at
    15:00: `drill --list` said "Nothing to practise today" (and JSON `done_today` 0), while
    `today` said "done: 4 questions rated today; 1 more due (emprep drill --more)": the
    questions only that round asks had left the drill's count of the day's ratings."""
    for key, value in (("interview", "2026-12-18"), ("interview.tech", "2026-12-10")):
        assert run("config", "set", key, value, env={"EMPREP_NOW": "2026-12-01T09:00"}).code == 0
    assert run("config", "set", "count", "4", env={"EMPREP_NOW": "2026-12-01T09:00"}).code == 0
    earlier = {"EMPREP_NOW": "2026-12-05T09:00"}
    assert run("review", "str-metric-drop", "good", env=earlier).code == 0  # due by the 10th
    morning = {"EMPREP_NOW": "2026-12-10T09:00"}
    for q in ("tech-oncall-ownership", "tech-capacity-risk", "tech-event-contracts"):
        assert run("review", q, "good", env=morning).code == 0
    assert run("review", "tech-incident-command", "good", env=morning).code == 0
    logged = {"EMPREP_NOW": "2026-12-10T15:00"}
    assert run("rounds", "log", "tech", "--asked", "tech-design-feature", env=logged).code == 0
    later = {"EMPREP_NOW": "2026-12-10T15:30"}
    lines = run("drill", "--list", env=later).stdout.splitlines()
    assert lines[1] == "Today's drill is done. What is coming: emprep progress"
    advice = r"At 4 a day about \d+ of 78 questions will be ready on Fri 18 Dec; (\d+) a day "
    assert re.match(advice + r"would make \d+ ready \(emprep config set count \1\)", lines[2])
    assert lines[2].endswith(  # at a count that cannot keep up, --more is the pace line's
        " At 4 a day more reviews fall due than the day's drill takes (1 more due today: "
        "emprep drill --more). These are FSRS's predictions, for an average learner until your "
        "ratings show otherwise."
    )
    shown = run("today", env=later).stdout.splitlines()
    at = shown.index("Today's drill")
    # str-metric-drop, left today, is still due the next day
    assert shown[at + 1] == "  done: 4 questions rated today; next due 2026-12-11 (1)"
    assert shown[at + 2].startswith("  At 4 a day about ")  # the advice's own sentence whole
    assert (
        " At 4 a day more reviews fall due than the day's drill takes (1 more due today: "
        "emprep drill --more)."
    ) in shown[at + 2]
    doc = json.loads(run("drill", "--list", "--format", "json", env=later).stdout)
    today = json.loads(run("today", "--format", "json", env=later).stdout)
    assert doc["done_today"] == today["drill"]["rated_today"] == 4
    more = json.loads(run("drill", "--more", "--list", "--format", "json", env=later).stdout)
    assert more["done_today"] == 4


def test_a_day_done_after_the_loop_says_it_is_over_not_what_is_coming() -> None:
    """After the interview, the day's drill rated: `drill --list` said "what is coming: emprep
    progress", though no round is coming. It says the loop is over."""
    set_now = {"EMPREP_NOW": "2026-11-22T09:00"}
    assert run("config", "set", "interview", "2026-12-20", env=set_now).code == 0
    evening = {"EMPREP_NOW": "2026-12-21T20:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=evening).stdout)["items"]
    assert len(items) == 5
    for item in items:
        assert run("review", item["id"], "good", env=evening).code == 0
    lines = run("drill", "--list", env=evening).stdout.splitlines()
    assert lines[2:] == [
        "Today's drill is done, and the loop is over. More practice: emprep drill --more"
    ]


def test_nothing_due_after_the_loop_says_it_is_over_not_what_is_coming() -> None:
    """After the interview, every question rated the day before and none due: `drill --list`
    said "Nothing to practise today. What is coming: emprep progress", though no round is
    coming. It says the loop is over and how to practise more."""
    set_now = {"EMPREP_NOW": "2026-11-22T09:00"}
    assert run("config", "set", "interview", "2026-12-20", env=set_now).code == 0
    after = {"EMPREP_NOW": "2026-12-21T09:00"}
    ids = [q["id"] for q in json.loads(run("questions", "--format", "json").stdout)["questions"]]
    assert all(run("review", i, "good", env=after).code == 0 for i in ids)
    lines = run("drill", "--list", env={"EMPREP_NOW": "2026-12-22T09:00"}).stdout.splitlines()
    assert lines == [
        "Drill for 2026-12-22: 0 questions (the interview (2026-12-20) was 2 days ago: plain FSRS)",
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember it)",
        "Nothing to practise today, and the loop is over. More practice: emprep drill --more",
    ]
