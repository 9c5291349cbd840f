"""`emprep progress` on a terminal: the pace chart fits it, however far the interview."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pexpect
from conftest import practised, run, spawn

from emprep.core.pace import Advice, Forecast, Point
from emprep.ui.screens.pace import pace_chart, pace_line

LABEL, TAIL = "  at  5 a day  ", "  108/108"


def _advice(days: int) -> Advice:
    curve = [Point(date(2026, 11, 21) + timedelta(days=i), min(108, i)) for i in range(days)]
    now = Forecast(count=5, ready=curve[-1].ready, total=108, curve=curve)
    return Advice(day=curve[-1].day, current=now, advised=None, short=False)


def test_a_long_forecast_is_drawn_in_the_room_there_is_ending_on_the_day() -> None:
    advice = _advice(161)
    (whole,) = pace_chart(advice)
    assert len(whole) == len(LABEL) + 161 + len(TAIL)  # off a terminal: every morning
    for room in (60, 80, 120):
        (row,) = pace_chart(advice, room)
        assert len(row) == room
        assert row.startswith(LABEL + "▁") and row.endswith("█" + TAIL)
    short = _advice(30)
    assert pace_chart(short, 60) == pace_chart(short)


def test_progress_on_a_terminal_never_draws_past_its_width(isolated: Path) -> None:
    assert run("config", "set", "interview", "2027-05-01").code == 0
    child = spawn(["progress"], isolated, "2026-11-21T09:00")
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert [line for line in lines if "a day  " in line and len(line) == 120] != []
    assert max(len(line) for line in lines) <= 120


def test_a_round_that_is_over_shows_nothing_due() -> None:
    """The screen is past: its recruiter-only questions are never asked again, so 'due today'
    for it would count reviews no drill gives; like its recall, it is '-'."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-25").code == 0
    for qid in ["rec-why-coursera", "rec-salary-expectations"]:
        assert run("review", qid, "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    lines = run("progress", env={"EMPREP_NOW": "2026-11-30T09:00"}).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("round "))
    row = ["Recruiter/HR", "Interview", "2026-11-25", "done", "2/18", "-", "-"]
    assert lines[at + 1].split() == row
    doc = json.loads(
        run("progress", "--format", "json", env={"EMPREP_NOW": "2026-11-30T09:00"}).stdout
    )
    assert (doc["rounds"][0]["done"], doc["rounds"][0]["due_today"]) == (True, None)


def test_reviews_due_on_a_rest_day_are_counted_when_they_come_back() -> None:
    """`review` says "Next review 2026-11-23 (due 2026-11-21, a rest day)": the calendar of
    reviews due counts them on that Monday, not on the weekend nobody practises."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "rest-days", "sat,sun").code == 0
    friday = {"EMPREP_NOW": "2026-11-20T09:00"}
    r = run("review", "rec-why-coursera", "again", env=friday)
    assert r.stdout == (
        "Recorded rec-why-coursera: Again. Next review 2026-11-23 (due 2026-11-21, a rest day).\n"
    )
    assert run("review", "rec-em-experience", "good", env=friday).code == 0
    lines = run("progress", env={"EMPREP_NOW": "2026-11-20T10:00"}).stdout.splitlines()
    assert [line for line in lines if line.startswith("Due next 7 days:")] == [
        "Due next 7 days: Fri 20 0  Sat 21 0  Sun 22 0  Mon 23 2  Tue 24 0  Wed 25 0  Thu 26 0"
    ]
    saturday = run("today", "--format", "json", env={"EMPREP_NOW": "2026-11-21T10:00"})
    drill = json.loads(saturday.stdout)["drill"]
    assert (drill["still_due"], drill["next_due"], drill["next_due_count"]) == (0, "2026-11-23", 2)


def test_the_pace_line_says_whose_prediction_it_is() -> None:
    """Before the ratings depart from FSRS's average learner the forecast is that learner's,
    and can be far too hopeful for someone who forgets faster: the line says so."""
    assert run("config", "set", "interview", "2027-01-18").code == 0
    assert run("config", "set", "count", "10").code == 0
    now = {"EMPREP_NOW": "2026-11-23T08:00"}
    out = run("progress", env=now).stdout
    assert (
        "At 10 a day about 108 of 108 questions will be ready on Mon 18 Jan (FSRS's prediction, "
        "for an average learner until your ratings show otherwise: recall of 90 % or more on the "
        "day)." in " ".join(out.split())
    )
    pace = json.loads(run("progress", "--format", "json", env=now).stdout)["pace"]
    assert (pace["short"], pace["fitted"]) == (False, False)
    fitted = replace(_advice(30), fitted=True)
    assert pace_line(fitted) == (
        "At 5 a day about 29 of 108 questions will be ready on Sun 20 Dec (FSRS's prediction, "
        "fitted to your ratings: recall of 90 % or more on the day)."
    )


def test_a_count_advised_is_said_to_be_a_prediction_too() -> None:
    """Where the count falls short the line names a count that "would make" the loop ready,
    as far from the truth as FSRS's average learner is from the candidate; the line said whose
    prediction it was only when the count sufficed, so never in `drill --list`."""
    assert run("config", "set", "interview", "2026-12-21").code == 0
    now = {"EMPREP_NOW": "2026-11-23T08:00"}
    assert run("drill", "--list", env=now).stdout.splitlines()[-1] == (
        "At 5 a day about 5 of 108 questions will be ready on Mon 21 Dec; 11 a day would make 108 "
        "ready (emprep config set count 11), but that is about 10 h a week by the questions' time "
        "boxes, more than your plan's 9 h a week. These are FSRS's predictions, for an average "
        "learner until your ratings show otherwise."
    )
    short = replace(_advice(30), short=True, fitted=True)
    assert pace_line(short).endswith(" These are FSRS's predictions, fitted to your ratings.")


def test_a_question_whose_rounds_are_all_past_is_neither_due_nor_weakest() -> None:
    """After the screen its recruiter-only questions are never asked again: `progress` must
    not count them due (the drill and `today` do not) nor list them among the weakest; and
    before the screen a question is weighed on its own round's morning, not the onsite's."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-30").code == 0
    eve = {"EMPREP_NOW": "2026-11-29T09:00"}
    for qid in ["rec-search-logistics", "tech-monitoring"]:  # both due again on 2026-12-01
        assert run("review", qid, "good", env=eve).code == 0
    before = json.loads(run("progress", "--format", "json", env=eve).stdout)
    weakest = {w["id"]: w["recall"] for w in before["weakest"]}
    # rec-search-logistics a day on, on the screen's morning; tech-monitoring on the onsite's
    assert (weakest["rec-search-logistics"], weakest["tech-monitoring"]) == (0.947, 0.735)
    after = {"EMPREP_NOW": "2026-12-01T09:00"}
    doc = json.loads(run("progress", "--format", "json", env=after).stdout)
    assert doc["forecast"][0] == {"date": "2026-12-01", "due": 1}
    assert [w["id"] for w in doc["weakest"]] == ["tech-monitoring"]
    lines = run("progress", env=after).stdout.splitlines()
    assert [line for line in lines if line.startswith("Due next 7 days:")] == [
        "Due next 7 days: Tue 01 1  Wed 02 1  Thu 03 0  Fri 04 0  Sat 05 0  Sun 06 0  Mon 07 0"
    ]  # tech-monitoring, which the day's drill leaves, is still due the next day
    today = json.loads(run("today", "--format", "json", env=after).stdout)["drill"]
    assert today["still_due"] == 1


def test_a_question_failed_last_evening_is_not_predicted_certain_this_morning(
    isolated: Path,
) -> None:
    """Recall counts the hours since the last review: fsrs, counting whole days, would call a
    question failed at 20:00 certain at 08:00 the next morning (0 days elapsed)."""
    now = {"EMPREP_NOW": "2026-11-29T09:00"}
    assert run("config", "set", "interview", "2026-12-01", env=now).code == 0
    assert run("review", "rec-why-coursera", "good", "--seconds", "20", env=now).code == 0
    evening = {"EMPREP_NOW": "2026-11-30T20:00"}
    assert run("review", "rec-why-coursera", "again", "--seconds", "20", env=evening).code == 0
    morning = {"EMPREP_NOW": "2026-12-01T08:00"}
    doc = json.loads(run("progress", "--format", "json", env=morning).stdout)
    assert doc["weakest"] == [
        {"id": "rec-why-coursera", "text": "Why are you interested in Coursera?", "recall": 0.904}
    ]
    listed = run("drill", "--list", env=morning).stdout.splitlines()
    assert listed[2].split()[:6] == [
        "1",
        "rec-why-coursera",
        "warm-up",
        "recruiter",
        "2026-12-01",
        "90%",
    ]


def test_rounds_without_a_date_are_not_dated_done_by_the_screen_that_has_one() -> None:
    """With only the screen dated (the onsite not yet known), after the screen `progress` showed
    every round "2026-11-30 done", while `today` and `config show` said "no date"; and both
    headings said the interview was over, with no word of the rounds still to date (nor, when
    it came, which round was past nor the key that dates one round)."""
    eve = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=eve).code == 0
    assert run("review", "tech-tradeoff", "good", env=eve).code == 0
    after = {"EMPREP_NOW": "2026-12-01T09:00"}
    lines = run("progress", env=after).stdout.splitlines()
    rest = (
        "4 rounds have no date yet "
        "(emprep config set interview.ROUND DATE, or emprep config set interview DATE)"
    )
    # the plan the drill follows is the guide's weeks from the first practice day (`plan`)
    week = ", plan week 2 of 8"
    assert lines[0] == f"The Recruiter/HR Interview (2026-11-30) was 1 day ago; {rest}{week}"
    table = lines[3:6]
    assert table == [
        "round                           date        when  seen  due today  recall today",
        "Recruiter/HR Interview          2026-11-30  done  0/18  -          -",
        "Technical Deep Dive             -           -     1/36  1          2%",
    ]
    doc = json.loads(run("progress", "--format", "json", env=after).stdout)
    assert [(r["id"], r["date"], r["done"]) for r in doc["rounds"][:2]] == [
        ("recruiter", "2026-11-30", True),
        ("technical", None, False),
    ]
    today = run("today", env=after).stdout.splitlines()
    assert today[0] == (
        f"Tuesday 1 December: the Recruiter/HR Interview (2026-11-30) was 1 day ago; {rest}"
    )
    assert today[1:3] == [
        "  Recruiter/HR Interview: 2026-11-30, done",
        "  Technical Deep Dive: no date",
    ]


def test_once_the_dated_rounds_are_past_progress_and_today_have_no_interview_as_the_drill() -> None:
    """With only the screen dated, the day after it `progress --format json` and `today
    --format json` gave the screen's day as `interview` and -1 days to it, while the drill's
    JSON said null: the loop is not over, its end is not known yet."""
    eve = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=eve).code == 0
    assert run("review", "tech-tradeoff", "good", env=eve).code == 0

    def ends(moment: str) -> list[tuple[object, object]]:
        env = {"EMPREP_NOW": moment}
        docs = [json.loads(run(*c, "--format", "json", env=env).stdout) for c in COMMANDS]
        return [(d["interview"], d.get("days_to_interview", d.get("days_left"))) for d in docs]

    assert ends("2026-11-30T09:00") == [("2026-11-30", 0)] * 3
    assert ends("2026-12-01T09:00") == [(None, None)] * 3


COMMANDS = [("progress",), ("today",), ("drill", "--list")]


def _under(heading: str, isolated: Path, now: str, *, width: int) -> list[str]:
    """The lines under `heading` in `emprep progress` at `now`, at a terminal `width` wide:
    how a section wraps there."""
    child = spawn(["progress"], isolated, now, width=width)
    child.expect(pexpect.EOF)
    lines: list[str] = child.before.replace("\r", "").splitlines()
    return lines[lines.index(heading) + 1 :]


def test_a_round_had_wraps_under_its_text_and_one_with_no_question_says_so(
    isolated: Path,
) -> None:
    """At 80 columns a logged round's questions wrap under the text after its name, not under
    its date where the next round's line starts; a round logged with a note alone says that no
    question was logged, not "asked nothing logged"."""
    day = {"EMPREP_NOW": "2026-12-02T09:00:00+00:00"}
    run("config", "set", "interview", "2026-12-15", env=day)
    run("config", "set", "interview.recruiter", "2026-12-01", env=day)
    asked = "How would you handle a team that misses every sprint goal?"
    run("rounds", "log", "rec", "--asked", "rec-why-cour", "--asked", asked, env=day)
    run("rounds", "log", "tech", "--date", "2026-12-01", "--note", "Went well.", env=day)
    below = _under("Rounds you have had", isolated, "2026-12-02T09:00:00+00:00", width=80)
    assert below[:4] == [
        '  2026-12-01 recruiter: asked rec-why-coursera, "How would you handle a team',
        '                        that misses every sprint goal?"',
        "  2026-12-01 technical: no question logged",
        "    note: Went well.",
    ]


def test_the_rounds_had_at_40_columns_go_on_at_one_column(isolated: Path) -> None:
    """At 40 columns each round's lines went on at a column of its own, 16, 10, 17 and 4 in
    one list (its longest id's room, or the half-line rule): the list's rounds share the least
    hang any of them takes, and so do its notes. At 80 a list whose heads differ in length
    (`people:`, `recruiter:`) goes on under the shorter: one column still."""
    day = {"EMPREP_NOW": "2026-12-15T19:00:00+00:00"}
    run("config", "set", "interview", "2026-12-15", env=day)
    run("config", "set", "interview.recruiter", "2026-12-03", env=day)
    logs = [
        ("rec", "2026-12-03", ["rec-why-coursera", "rec-salary-expectations", "rec-career-goals"]),
        ("tech", "2026-12-15", ["tech-design-progress-tracking", "Kafka exactly-once?"]),
        ("people", "2026-12-15", ["ppl-difficult-feedback", "ppl-managing-out", "ppl-prioritize"]),
        ("strategic", "2026-12-15", ["str-custom-request"]),
    ]
    for rid, on, asked in logs:
        args = [a for q in asked for a in ("--asked", q)]
        assert run("rounds", "log", rid, "--date", on, *args, env=day).code == 0
    notes = {
        "strategic": "PM was tough; asked for the metrics behind each roadmap call",
        "executive": "CTO; ask about people-management-and-leadership next time",
    }
    for rid, note in notes.items():
        assert run("rounds", "log", rid, "--note", note, env=day).code == 0
    below = _under("Rounds you have had", isolated, day["EMPREP_NOW"], width=40)
    assert below[: below.index("")] == [
        "  2026-12-03 recruiter: asked",
        "    rec-why-coursera,",
        "    rec-salary-expectations,",
        "    rec-career-goals",
        "  2026-12-15 technical: asked",
        "    tech-design-progress-tracking,",
        '    "Kafka exactly-once?"',
        "  2026-12-15 people: asked",
        "    ppl-difficult-feedback,",
        "    ppl-managing-out, ppl-prioritize",
        "  2026-12-15 strategic: asked",
        "    str-custom-request",
        "    note: PM was tough; asked for the",
        "        metrics behind each roadmap call",
        "  2026-12-15 executive: no question",
        "    logged",
        "    note: CTO; ask about",
        "        people-management-and-leadership",
        "        next time",
    ]
    wide = _under("Rounds you have had", isolated, day["EMPREP_NOW"], width=80)
    assert wide[:6] == [
        "  2026-12-03 recruiter: asked rec-why-coursera, rec-salary-expectations,",
        "                     rec-career-goals",
        '  2026-12-15 technical: asked tech-design-progress-tracking, "Kafka',
        '                     exactly-once?"',
        "  2026-12-15 people: asked ppl-difficult-feedback, ppl-managing-out,",
        "                     ppl-prioritize",
    ]


def _a_scored_recruiter_mock(isolated: Path) -> None:
    """A recruiter mock of 2026-11-21, scored, two reasons to reject ticked."""
    from datetime import UTC, datetime

    from emprep.core.models import Mock
    from emprep.storage import store

    scores = {
        "Communication skills": 4,
        "Cultural fit": 5,
        "Basic understanding of management principles": 2,
    }
    had = Mock(
        round="recruiter",
        at=datetime(2026, 11, 21, 12, tzinfo=UTC),
        minutes=4,
        questions=["rec-strengths-weaknesses"],
        scores=scores,
        rejections=["Lack of clarity about career goals", "Poor communication skills"],
        finished=True,
    )
    store.update(isolated, lambda p: replace(p, mocks=[had]))


def test_a_mocked_rounds_line_wraps_under_its_text_at_60_columns(isolated: Path) -> None:
    """A round's mock line that wraps goes on under the round's name, not at the column where
    the next round's line starts; the scores and the reasons ticked under it keep theirs. A
    criterion is not cut from its score ("... Cultural fit 5 · Basic" / "understanding of
    management principles 2"): the line breaks between two of them. The reasons ticked go on
    under their first reason, as "weakest:" goes on under its first criterion, not under the
    row's indent."""
    _a_scored_recruiter_mock(isolated)
    below = _under("Mock rounds", isolated, "2026-11-22T09:00:00+00:00", width=60)
    assert below[:8] == [
        "  Recruiter/HR Interview: 1 mock, last scored 2026-11-21:",
        "    mean 3.7",
        "    Communication skills 4 · Cultural fit 5 ·",
        "    Basic understanding of management principles 2",
        "    weakest: Basic understanding of management principles",
        "    reasons to reject ticked: Lack of clarity about career",
        "                              goals; Poor communication",
        "                              skills",
    ]


def test_the_reasons_ticked_at_40_columns_go_on_under_the_line_not_a_word_a_line(
    isolated: Path,
) -> None:
    """Under their first reason, at column 30 of 40, the reasons ticked came a word a line
    ("goals;" / "Poor" / "communication" / "skills"): a label that takes more than half the
    line is gone on from under the line's own indent."""
    _a_scored_recruiter_mock(isolated)
    below = _under("Mock rounds", isolated, "2026-11-22T09:00:00+00:00", width=40)
    at = next(i for i, line in enumerate(below) if "reasons to reject" in line)
    assert below[at : at + 3] == [
        "    reasons to reject ticked: Lack of",
        "      clarity about career goals; Poor",
        "      communication skills",
    ]


def test_a_mocked_rounds_scores_on_a_wide_terminal_are_spaced_as_words(isolated: Path) -> None:
    """At 200 columns the scores fit one line, and that line came out with the mark that holds
    a criterion to its score (U+E000, private) in place of each of its spaces: a terminal
    showed "Communicationskills4 · Culturalfit5" (tmux), or a box for each space."""
    _a_scored_recruiter_mock(isolated)
    below = _under("Mock rounds", isolated, "2026-11-22T09:00:00+00:00", width=200)
    assert below[:3] == [
        "  Recruiter/HR Interview: 1 mock, last scored 2026-11-21: mean 3.7",
        "    Communication skills 4 · Cultural fit 5 · Basic understanding of management "
        "principles 2",
        "    weakest: Basic understanding of management principles",
    ]
    assert not [line for line in below if "\ue000" in line]


def test_a_long_log_of_a_round_shows_its_first_questions_and_counts_the_rest() -> None:
    """Before, every logged question was on the one line: 10,000 pasted made it 370 KB."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    asked = [f"Question {i} in my words?" for i in range(1, 1004)]
    day = {"EMPREP_NOW": "2026-12-14T20:00"}
    args = [a for q in ["rec-why-coursera", *asked] for a in ("--asked", q)]
    assert run("rounds", "log", "recruiter", *args, env=day).code == 0
    lines = run("progress", env=day).stdout.splitlines()
    at = lines.index("Rounds you have had")
    assert lines[at + 1] == (
        '  2026-12-14 recruiter: asked rec-why-coursera, "Question 1 in my words?", "Question 2 '
        'in my words?", "Question 3 in my words?", "Question 4 in my words?" and 999 more '
        "(emprep progress --format json)"
    )
    assert lines[at + 2] == ""
    doc = json.loads(run("progress", "--format", "json", env=day).stdout)
    [log] = doc["interviews"]
    assert (log["questions"], log["asked"]) == (["rec-why-coursera"], asked)


def test_before_the_plan_starts_today_progress_and_plan_name_its_first_week() -> None:
    """On the Saturday before a plan that starts on Monday, `today` showed "Plan week 1 of 4"
    while `progress` named no plan week (JSON `week` null) and `plan` marked none. All three
    now speak of the first week, said to be ahead; from Monday it is this week."""
    assert run("config", "set", "interview", "2026-12-18").code == 0
    assert run("config", "set", "rest-days", "sat,sun").code == 0
    for now, progress_line, mark in [
        ("2026-11-21T10:00", "plan week 1 of 4 from 2026-11-23", "← the first, ahead"),
        ("2026-11-23T10:00", "plan week 1 of 4", "← this week"),
    ]:
        env = {"EMPREP_NOW": now}
        today = run("today", env=env).stdout.splitlines()
        assert today[2].startswith(("Plan week 1 of 4, ", "This week: plan week 1 of 4, "))
        days = 27 if now.startswith("2026-11-21") else 25
        assert run("progress", env=env).stdout.splitlines()[0] == (
            f"{days} days to the interview (2026-12-18), {progress_line}"
        )
        doc = json.loads(run("progress", "--format", "json", env=env).stdout)
        assert (doc["week"], doc["weeks"]) == (1, 4)
        plan = run("plan", "--format", "table", env=env).stdout.splitlines()
        assert f"Week 1  2026-11-23 to 2026-11-29  9 h  {mark}" in plan
        assert "    1. [ ] Read Coursera's" in "\n".join(plan)


def test_at_50_columns_the_plan_week_is_kept_whole_on_the_heading(isolated: Path) -> None:
    """Seven weeks and a day before the interview, at 50 columns the heading broke as
    "8 days to the interview (2027-01-11), plan week 7" / "of 8": one figure cut in two."""
    day = {"EMPREP_NOW": "2026-11-22T10:00"}
    assert run("config", "set", "interview", "2027-01-11", env=day).code == 0
    assert run("config", "set", "hours", "4", env=day).code == 0
    assert run("review", "rec-why-coursera", "good", env=day).code == 0  # the plan starts
    child = spawn(["progress"], isolated, "2027-01-03T09:00", width=50)
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert lines[:2] == ["8 days to the interview (2027-01-11),", "plan week 7 of 8"]


def test_the_two_curves_keep_the_same_mornings_in_a_phone_terminal(isolated: Path) -> None:
    """At 40 columns, 74/108 beside 104/108: the row with the shorter figure had a cell more,
    so its mornings were cut into other spans and the two curves did not line up. Both rows
    now have the figure's width, the same cells and end in the same column."""
    assert run("config", "set", "interview", "2027-01-11").code == 0
    assert run("config", "set", "count", "6").code == 0
    practised(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-28"], 6)
    child = spawn(["progress"], isolated, "2026-11-29T08:00", width=40)
    child.expect(pexpect.EOF)
    rows = [line for line in child.before.replace("\r", "").splitlines() if " a day  " in line]
    assert [row[:15] for row in rows] == ["  at  6 a day  ", "  at  7 a day  "]
    figures = [row.rsplit(" ", 1)[1] for row in rows]
    assert [len(figure.split("/")[0]) for figure in figures] == [2, 3]  # 74/108, 104/108
    assert [len(row) for row in rows] == [40, 40]
    assert [row.index(" ", 15) for row in rows] == [31, 31]  # 16 cells each, then the figure
    assert rows[0][31:] == "   " + figures[0] and rows[1][31:] == "  " + figures[1]
