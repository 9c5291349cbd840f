from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import run

from emprep.core import drill, pace
from emprep.core.models import Profile, Progress, RestBefore
from emprep.core.report import streak
from emprep.core.scheduler import record, scheduler
from emprep.storage import store
from emprep.storage.packs import load_pack

NOW = "2026-12-10T20:00:00+00:00"


def _history() -> Progress:
    """Five practice days (Dec 1, 2, 3, then 9 and 10), seven ratings, 420 seconds."""
    p = Progress(profile=Profile(interview=date(2026, 12, 24), start=date(2026, 12, 1)))

    def at(d: int, h: int = 9) -> datetime:
        return datetime(2026, 12, d, h, 0, tzinfo=UTC)

    for qid, rating, secs, when in [
        ("rec-why-coursera", 3, 60, at(1)),
        ("exe-scaling", 1, 90, at(1, 10)),
        ("exe-scaling", 3, 45, at(2)),
        ("rec-why-coursera", 3, 30, at(3)),
        ("tech-kafka-events", 4, 50, at(9)),
        ("ppl-promotion", 2, 80, at(10)),
        ("exe-scaling", 3, 65, at(10, 11)),
    ]:
        p = record(p, qid, rating, seconds=secs, now=when)
    return p


def _recall(stability: float, days: int) -> float:
    decay = -scheduler().parameters[20]
    return float((1 + (0.9 ** (1 / decay) - 1) * days / stability) ** decay)


def test_progress_figures_match_a_hand_made_history(isolated: Path) -> None:
    p = _history()
    store.update(isolated, lambda _: p)
    doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)
    assert doc["today"] == "2026-12-10"
    assert (doc["interview"], doc["days_to_interview"]) == ("2026-12-24", 14)
    assert (doc["week"], doc["weeks"]) == (2, 4)
    assert (doc["streak"], doc["reviews"], doc["seconds"], doc["practice_days"]) == (2, 7, 420, 5)
    rounds = {r["id"]: r for r in doc["rounds"]}
    bank = load_pack().questions
    total = {rid: sum(rid in q.rounds for q in bank) for rid in rounds}
    assert {k: (r["seen"], r["total"]) for k, r in rounds.items()} == {
        "recruiter": (1, total["recruiter"]),
        "technical": (1, total["technical"]),
        "people": (1, total["people"]),
        "strategic": (0, total["strategic"]),
        "executive": (1, total["executive"]),
    }
    # rec-why-coursera: Good on Dec 1 (due Dec 3), Good on Dec 3: due later than today.
    assert [r["due_today"] for r in doc["rounds"]] == [0, 0, 0, 0, 0]
    # Recruiter: one card of all of its questions; its recall on Dec 24 from FSRS's own curve.
    card = p.cards["rec-why-coursera"]
    assert card.stability is not None and card.last_review is not None
    elapsed = (datetime(2026, 12, 24, 9, tzinfo=UTC) - card.last_review).days
    expected = _recall(card.stability, elapsed) / total["recruiter"]
    assert rounds["recruiter"]["recall"] == round(expected, 3)
    heat = {h["date"]: h["reviews"] for h in doc["heatmap"]}
    assert len(doc["heatmap"]) == 81  # from Monday 2026-09-21, eleven weeks and four days
    assert doc["heatmap"][0]["date"] == "2026-09-21"
    assert doc["heatmap"][-1]["date"] == "2026-12-10"
    assert {d: n for d, n in heat.items() if n} == {
        "2026-12-01": 2,
        "2026-12-02": 1,
        "2026-12-03": 1,
        "2026-12-09": 1,
        "2026-12-10": 2,
    }
    due = {qid: c.due.date() for qid, c in p.cards.items()}
    forecast = {f["date"]: f["due"] for f in doc["forecast"]}
    assert list(forecast) == [
        (date(2026, 12, 10) + timedelta(days=i)).isoformat() for i in range(7)
    ]
    for day, n in forecast.items():
        assert n == sum(max(d, date(2026, 12, 10)).isoformat() == day for d in due.values())
    weakest = [w["id"] for w in doc["weakest"]]
    assert sorted(weakest) == sorted(p.cards)
    recalls = [w["recall"] for w in doc["weakest"]]
    assert recalls == sorted(recalls)
    assert doc["hint"].startswith("emprep drill")


def test_progress_table_and_streak_broken(isolated: Path) -> None:
    store.update(isolated, lambda _: _history())
    out = run("progress", env={"EMPREP_NOW": "2026-12-12T09:00:00+00:00"}).stdout
    lines = out.splitlines()
    assert lines[0] == "12 days to the interview (2026-12-24), plan week 2 of 4"
    assert lines[1] == "Streak 0 days · 7 reviews on 5 days · 7 min answering"
    recruiter = sum("recruiter" in q.rounds for q in load_pack().questions)
    assert any(
        line.startswith("Recruiter/HR Interview") and f"1/{recruiter}" in line for line in lines
    )
    assert (
        "Recall is FSRS's predicted chance of answering well on interview day; "
        "unseen questions count 0; the target is 90%." in lines
    )
    # Whole calendar weeks: Monday 2026-09-21 to Saturday 2026-12-12, 12 columns, a straight edge.
    start = lines.index("Last 12 weeks (· none, ░ 1-3, ▒ 4-6, ▓ 7-9, █ 10+ reviews)")
    assert lines[start + 1 : start + 8] == [
        "  M ············",
        "  T ··········░·",
        "  W ··········░░",
        "  T ··········░░",
        "  F ············",
        "  S ············",
        "  S ···········",
    ]
    assert lines[-1].startswith("Next: emprep drill")


def test_progress_with_nothing_yet_says_how_to_start() -> None:
    r = run("progress", env={"EMPREP_NOW": NOW})
    assert r.code == 0
    assert r.stdout == (
        "No interview date yet\n"
        "No practice yet.\n"
        "\n"
        "Stories\n"
        "  No STAR stories yet\n"
        "  Add your first with: emprep story add\n"
        "\n"
        "Next: emprep config set interview YYYY-MM-DD (the plan and the drill pace to it)\n"
    )


def test_interview_day_and_after_are_said_plainly(isolated: Path) -> None:
    run("config", "set", "interview", "2026-11-18")
    run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-15T09:00"})
    day = {"EMPREP_NOW": "2026-11-18T08:00"}
    after = {"EMPREP_NOW": "2026-11-20T08:00"}
    assert run("progress", env=day).stdout.splitlines()[0] == "Interview day (2026-11-18)"
    assert run("progress", env=after).stdout.splitlines()[0] == (
        "The interview (2026-11-18) was 2 days ago"
    )
    assert run("drill", "--list", env=day).stdout.splitlines()[0] == (
        "Drill for 2026-11-18: 1 question, a warm-up of your weakest on interview day"
    )
    lines = run("drill", "--list", env=after).stdout.splitlines()
    assert lines[0] == (
        "Drill for 2026-11-20: 5 questions (the interview (2026-11-18) was 2 days ago: plain FSRS)"
    )
    assert lines[1] == (  # the loop is over: the round to log next, as `today` says
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    assert lines[2].split()[5] == "recall"
    doc = json.loads(run("drill", "--list", "--format", "json", env=after).stdout)
    assert doc["items"][0]["recall_interview"] is None
    assert doc["items"][0]["recall_now"] is not None


def test_streak_skips_rest_days_without_practice() -> None:
    """Practice Thursday 19 and Friday 20 November 2026, the weekend off."""
    days = {date(2026, 11, 19), date(2026, 11, 20)}
    weekend = frozenset({5, 6})
    monday = date(2026, 11, 23)
    assert streak(days, monday, weekend) == 2  # Monday still open
    assert streak(days | {monday}, monday, weekend) == 3
    assert streak(days | {date(2026, 11, 21)}, monday, weekend) == 3  # a rest day practised
    assert streak(days, monday) == 0  # without rest days the weekend breaks it
    assert streak(days, date(2026, 11, 24), weekend) == 0  # a practice day missed
    assert streak(set(), monday, weekend) == 0


def test_a_day_before_a_change_of_the_rest_days_keeps_the_rest_days_it_had() -> None:
    """Weekends off to Monday 23 November, none after: the weekend of 21-22 stays rest, the
    next one is two days missed."""
    days = {date(2026, 11, d) for d in (19, 20, 23, 24, 25, 26, 27)}
    before = [RestBefore(date(2026, 11, 23), ["sat", "sun"])]
    assert streak(days, date(2026, 11, 27)) == 5  # judged by today's setting alone
    assert streak(days, date(2026, 11, 27), frozenset(), before) == 7
    assert streak(days, date(2026, 11, 29), frozenset(), before) == 0
    # and the other way: rest days set on the 23rd do not forgive the weekend before
    after = [RestBefore(date(2026, 11, 23), [])]
    assert streak(days, date(2026, 11, 27), frozenset({5, 6}), after) == 5


def test_unsetting_the_rest_days_rewrites_no_past_streak(isolated: Path) -> None:
    """Rest days unset on a Monday made the weekends that were rest when they passed into
    days missed: a streak of 8 practice days fell to 1. Each day is now judged by the rest
    days it had, and the change is kept in the profile with its day."""
    env = {"EMPREP_NOW": "2026-11-10T10:00"}
    assert run("config", "set", "interview", "2027-01-15", env=env).code == 0
    assert run("config", "set", "rest-days", "sat,sun", env=env).code == 0
    for d in (12, 13, 16, 17, 18, 19, 20, 23):
        at = {"EMPREP_NOW": f"2026-11-{d}T09:00"}
        assert run("review", "rec-why-coursera", "good", "--seconds", "30", env=at).code == 0
    monday = {"EMPREP_NOW": "2026-11-23T12:00"}

    def streak_line(env: dict[str, str]) -> str:
        return run("progress", env=env).stdout.splitlines()[1].split(" · ")[0]

    assert streak_line(monday) == "Streak 8 days"
    assert run("config", "unset", "rest-days", env=monday).code == 0
    assert streak_line(monday) == "Streak 8 days"
    assert run("config", "set", "rest-days", "sun", env=monday).code == 0
    assert streak_line(monday) == "Streak 8 days"
    assert store.load(isolated).profile.rest_before == [
        RestBefore(date(2026, 11, 10), []),
        RestBefore(date(2026, 11, 23), ["sat", "sun"]),
    ]
    # from the change on, the days it names: Saturday 28 is a practice day missed
    for d in (24, 25, 26, 27, 29):
        at = {"EMPREP_NOW": f"2026-11-{d}T09:00"}
        assert run("review", "rec-why-coursera", "good", "--seconds", "30", env=at).code == 0
    assert streak_line({"EMPREP_NOW": "2026-11-29T12:00"}) == "Streak 1 day"


OLD_FILE = """schema = 2
last_story = 0
reviews = '''
2026-11-19T09:00:00Z rec-why-coursera 3 60
2026-11-20T09:00:00Z rec-why-leaving 3 60
'''

[profile]
interview = 2027-01-15
rest_days = ["sat", "sun"]
"""


def test_a_file_from_before_the_rest_days_history_loads_and_keeps_its_streak(
    isolated: Path,
) -> None:
    """A progress file without `rest_before` (every file written before it): its rest days
    are taken to have held all along, as they were, and its first change starts the record."""
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text(OLD_FILE)
    monday = {"EMPREP_NOW": "2026-11-23T09:00"}
    r = run("progress", env=monday)
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[1].startswith("Streak 2 days · ")
    assert run("config", "unset", "rest-days", env=monday).code == 0
    assert run("progress", env=monday).stdout.splitlines()[1].startswith("Streak 2 days · ")
    assert store.load(isolated).profile.rest_before == [
        RestBefore(date(2026, 11, 23), ["sat", "sun"])
    ]


def _days(env: dict[str, str]) -> tuple[int, int, list[tuple[str, int]]]:
    """`progress`'s streak, practice days and the heatmap's days with reviews at `env`."""
    r = run("progress", "--format", "json", env=env)
    assert r.code == 0, r.stderr
    doc = json.loads(r.stdout)
    heat = [(d["date"], d["reviews"]) for d in doc["heatmap"] if d["reviews"]]
    return doc["streak"], doc["practice_days"], heat


def _rated_today(env: dict[str, str]) -> int:
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    return doc["drill"]["rated_today"]  # type: ignore[no-any-return]


NEW_YORK = {"TZ": "America/New_York"}


def test_a_rating_keeps_its_day_wherever_the_candidate_reads_it(isolated: Path) -> None:
    """Rated at 23:05 on Friday and at 08:00 on Saturday in New York, then read in London,
    where both instants fall on Saturday: each line keeps the offset it was given at, so the
    streak, the practice days and the heatmap are the ones New York shows (they were 1, 1
    and Saturday's 2 in London). What is done today is counted alike: on Saturday one was
    rated, in New York and in London."""
    for at, qid in (("2026-11-20T23:05", "rec-why-coursera"), ("2026-11-21T08:00", "exe-scaling")):
        r = run("review", qid, "good", "--seconds", "95", env={**NEW_YORK, "EMPREP_NOW": at})
        assert r.code == 0, r.stderr
    assert store.load(isolated).log == (
        "2026-11-20T23:05:00-05:00 rec-why-coursera 3 95\n"
        "2026-11-21T08:00:00-05:00 exe-scaling 3 95\n"
    )
    kept = (2, 2, [("2026-11-20", 1), ("2026-11-21", 1)])
    new_york = {**NEW_YORK, "EMPREP_NOW": "2026-11-21T12:00"}
    london = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-21T17:00"}
    assert _days(new_york) == kept
    assert _days(london) == kept
    assert (_rated_today(new_york), _rated_today(london)) == (1, 1)


def test_a_drill_on_a_flight_east_leaves_the_next_days_drill_to_do_as_the_streak_counts(
    isolated: Path,
) -> None:
    """Thursday's drill done on the plane, at 22:00 in New York (03:00 on Friday in London):
    in London on Friday `today` said "done: 3 questions rated today" and the drill "Today's
    drill is done", while the streak put those ratings on Thursday; trusting it, the
    candidate did nothing on Friday and Monday's streak was 0. Friday's drill is to do."""
    env = {**NEW_YORK, "EMPREP_NOW": "2026-11-23T09:00"}
    assert run("config", "set", "interview", "2026-12-18", env=env).code == 0
    assert run("config", "set", "count", "3", env=env).code == 0
    assert run("config", "set", "rest-days", "sat,sun", env=env).code == 0
    for day in ("2026-11-23T09:00", "2026-11-24T09:00", "2026-11-25T09:00", "2026-11-26T22:00"):
        _drill_all_in({**NEW_YORK, "EMPREP_NOW": day})
    friday = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-27T09:00"}
    assert _rated_today(friday) == 0
    shown = run("today", env=friday).stdout.splitlines()
    at = shown.index("Today's drill")
    assert shown[at + 1] == "  to do: 3 questions: emprep drill"
    assert "(9 more due today: emprep drill --more)" in shown[at + 2]  # 3 a day is short
    doc = json.loads(run("drill", "--list", "--format", "json", env=friday).stdout)
    assert (doc["done_today"], len(doc["items"])) == (0, 3)
    # the plan plays the same drill: Friday's questions are in the week that holds it
    weeks = json.loads(run("plan", "--format", "json", env=friday).stdout)["weeks"]
    assert {i["id"] for i in doc["items"]} <= {q["id"] for q in weeks[0]["questions"]}
    _drill_all_in(friday)
    assert _rated_today(friday) == 3
    assert _days({"TZ": "Europe/London", "EMPREP_NOW": "2026-11-30T09:00"})[:2] == (5, 5)


def _drill_all_in(env: dict[str, str]) -> None:
    """Rate Good every question of the drill `env`'s clock and zone give."""
    for item in json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]:
        assert run("review", item["id"], "good", env=env).code == 0


def test_a_question_s_last_review_is_on_the_day_it_was_given_as_in_the_heatmap(
    isolated: Path,
) -> None:
    """`questions ID` said "last Good on 2026-11-21" in London for the rating given at 23:05
    on the 20th in New York, the day the heatmap and the streak give it. Its due day is
    counted from that day too: "next due 2026-11-22", as `review` said in New York (it said
    2026-11-23 in London, counted from 04:05 on the 21st)."""
    r = run(
        "review", "rec-why-coursera", "good", env={**NEW_YORK, "EMPREP_NOW": "2026-11-20T23:05"}
    )
    assert (r.code, r.stdout) == (0, "Recorded rec-why-coursera: Good. Next review 2026-11-22.\n")
    london = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-21T17:00"}
    shown = run("questions", "rec-why-coursera", env=london).stdout.splitlines()
    assert "  Reviewed 1 time, last Good on 2026-11-20; next due 2026-11-22." in shown
    assert _days(london)[2] == [("2026-11-20", 1)]


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/London"])
def test_a_review_falls_due_on_the_day_counted_from_where_it_was_given(
    isolated: Path, zone: str
) -> None:
    """Good at 23:05 on the 20th in New York is due on the 22nd (as `review` says there): in
    London, where that instant was 04:05 on the 21st, its due day was counted from there, the
    23rd, so the drill, `progress` and `questions ID` left it a day longer after a flight east
    than the streak, which counts it on the 20th. Each place now says the 22nd."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    ny = {**NEW_YORK, "EMPREP_NOW": "2026-11-20T23:05"}
    assert run("review", "rec-why-coursera", "good", env=ny).stdout.endswith("2026-11-22.\n")
    there = {"TZ": zone, "EMPREP_NOW": "2026-11-22T09:00"}
    forecast = json.loads(run("progress", "--format", "json", env=there).stdout)["forecast"]
    # the day's drill (new questions first) leaves it, so it is still due the next day
    assert forecast[:2] == [{"date": "2026-11-22", "due": 1}, {"date": "2026-11-23", "due": 1}]
    more = run("drill", "--more", "--list", "--format", "json", env=there).stdout
    first = json.loads(more)["items"][0]
    assert (first["id"], first["kind"], first["due"]) == (
        "rec-why-coursera",
        "review",
        "2026-11-22",
    )
    shown = run("questions", "rec-why-coursera", env=there).stdout
    assert "  Reviewed 1 time, last Good on 2026-11-20; next due 2026-11-22." in shown


def test_a_failure_late_in_the_evening_elsewhere_is_asked_where_the_candidate_is_next(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Monday to Friday's drills of 3 at 09:00 in New York, Saturday's at 23:30, its first
    answer Again: `review` says "Next review 2026-11-22". Read in London on Sunday morning
    (where 23:30 was 04:30 that Sunday), the drill took that failure as rated that day and
    left it; the pace forecast and the plan, playing the drill forward, took it as due on
    Monday. Each now relearns it on Sunday, first, as `review` said, and the forecast's first
    day and the plan ask the very questions `drill --list` does."""
    ny = {**NEW_YORK, "EMPREP_NOW": "2026-11-16T09:00"}
    assert run("config", "set", "interview", "2026-12-18", env=ny).code == 0
    assert run("config", "set", "count", "3", env=ny).code == 0
    for day in ("16T09:00", "17T09:00", "18T09:00", "19T09:00", "20T09:00", "21T23:30"):
        env = {**NEW_YORK, "EMPREP_NOW": f"2026-11-{day}"}
        items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
        ratings = ["again" if day == "21T23:30" else "good"] + ["good"] * (len(items) - 1)
        said = [
            run("review", i["id"], r, env=env).stdout for i, r in zip(items, ratings, strict=True)
        ]
    assert said[0] == "Recorded rec-one-on-ones: Again. Next review 2026-11-22.\n"
    asked: list[tuple[date, list[tuple[str, drill.DrillKind]]]] = []
    choose = drill.choose

    def spied(**kwargs: Any) -> drill.Choice:
        choice = choose(**kwargs)
        asked.append((kwargs["today"], choice.picks))
        return choice

    monkeypatch.setattr(drill, "choose", spied)
    monkeypatch.setattr(pace, "choose", spied)
    london = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-22T09:00"}
    doc = json.loads(run("drill", "--list", "--format", "json", env=london).stdout)
    sunday: list[tuple[str, drill.DrillKind]] = [
        ("rec-one-on-ones", "review"),
        ("tech-ab-testing", "new"),
        ("exe-leadership-philosophy", "new"),
    ]
    assert [(i["id"], i["kind"]) for i in doc["items"]] == sunday
    assert (doc["done_today"], doc["items"][0]["due"]) == (0, "2026-11-22")
    # the drill's, then the first day of the pace forecast its end shows
    assert asked[:2] == [(date(2026, 11, 22), sunday)] * 2
    report = json.loads(run("progress", "--format", "json", env=london).stdout)
    assert report["forecast"][:2] == [
        {"date": "2026-11-22", "due": 16},
        {"date": "2026-11-23", "due": 17},
    ]
    pace_now = report["pace"]["current"]
    assert (pace_now["ready"], [p["ready"] for p in pace_now["curve"][:4]]) == (3, [6, 4, 6, 5])
    assert (report["pace"]["advised"]["count"], report["pace"]["advised"]["ready"]) == (12, 105)
    del asked[:]
    weeks = json.loads(run("plan", "--format", "json", env=london).stdout)["weeks"]
    assert asked[0] == (date(2026, 11, 22), sunday)  # the plan's first day
    first = [q["id"] for q in weeks[0]["questions"]]
    assert first[-3:] == ["rec-search-logistics", "tech-ab-testing", "exe-leadership-philosophy"]
    assert "tech-ambiguous-problem" not in first  # what Sunday had room for when it was left


def test_a_merged_question_falls_due_on_the_day_counted_from_where_its_old_id_was_rated(
    isolated: Path, pack_copy: Path
) -> None:
    """rec-why-leaving rated Good at 23:05 on the 20th in New York (due on the 22nd), then
    merged into rec-why-coursera (`replaces`), which takes its card. Read in London on the
    22nd, `questions rec-why-coursera` counted its due day from its old id's line, the 22nd,
    but the drill and `progress` looked the zone up by the new id, found none, and counted
    from London's 04:05 on the 21st: due the 23rd. Each now says the 22nd."""
    ny = {**NEW_YORK, "EMPREP_NOW": "2026-11-20T23:05"}
    assert run("config", "set", "interview", "2027-01-15", env=ny).code == 0
    r = run("review", "rec-why-leaving", "good", env=ny)
    assert r.stdout == "Recorded rec-why-leaving: Good. Next review 2026-11-22.\n"
    questions = pack_copy / "questions.toml"
    blocks = questions.read_text().split("[[question]]\n")
    kept = [b for b in blocks if not b.startswith('id = "rec-why-leaving"\n')]
    merged = "[[question]]\n".join(kept).replace(
        'id = "rec-why-coursera"\n', 'id = "rec-why-coursera"\nreplaces = ["rec-why-leaving"]\n'
    )
    questions.write_text(merged)
    there = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-22T09:00"}
    data = ("--data", str(pack_copy))
    doc = json.loads(run(*data, "progress", "--format", "json", env=there).stdout)
    assert doc["forecast"][:2] == [
        {"date": "2026-11-22", "due": 1},
        {"date": "2026-11-23", "due": 1},
    ]
    more = json.loads(run(*data, "drill", "--more", "--list", "--format", "json", env=there).stdout)
    first = more["items"][0]
    assert (first["id"], first["kind"], first["due"]) == (
        "rec-why-coursera",
        "review",
        "2026-11-22",
    )
    shown = run(*data, "questions", "rec-why-coursera", env=there).stdout
    assert "  Reviewed 1 time, last Good on 2026-11-20; next due 2026-11-22." in shown


Z_FILE = """schema = 2
last_story = 0
reviews = '''
2026-11-20T09:00:00Z rec-why-leaving 3 60
2026-11-21T04:05:00Z rec-why-coursera 3 60
'''

[profile]
interview = 2027-01-15
"""


def test_a_line_in_utc_from_before_is_read_in_the_zone_of_today(isolated: Path) -> None:
    """A line ending `Z` (every line an older emprep wrote) does not say where it was given:
    its day is the one in the current zone, as it always was."""
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text(Z_FILE)
    assert _days({**NEW_YORK, "EMPREP_NOW": "2026-11-21T12:00"}) == (1, 1, [("2026-11-20", 2)])
    london = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-21T12:00"}
    assert _days(london) == (2, 2, [("2026-11-20", 1), ("2026-11-21", 1)])
    assert isolated.read_text() == Z_FILE


def test_progress_streak_keeps_through_the_weekend_off(isolated: Path) -> None:
    p = Progress(profile=Profile(interview=date(2027, 1, 15), rest_days=["sat", "sun"]))
    for d in (19, 20):
        p = record(p, "exe-scaling", 3, seconds=60, now=datetime(2026, 11, d, 9, tzinfo=UTC))
    store.update(isolated, lambda _: p)
    out = run("progress", env={"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}).stdout
    assert out.splitlines()[1] == "Streak 2 days · 2 reviews on 2 days · 2 min answering"


def test_next_step_counts_the_drill_of_the_day_not_the_configured_size(isolated: Path) -> None:
    """On interview day the drill is a short warm-up: the hint gives its size, and once it is
    rated the hint no longer sends the candidate to a drill that asks nothing."""
    p = Progress(profile=Profile(interview=date(2027, 1, 15), count=5))
    for qid in ("exe-scaling", "rec-why-coursera"):
        p = record(p, qid, 3, seconds=60, now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    store.update(isolated, lambda _: p)
    env = {"EMPREP_NOW": "2027-01-15T09:00:00+00:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
    assert [i["kind"] for i in items] == ["warm-up", "warm-up"]
    hint = "emprep drill (today's 2 questions)"
    assert json.loads(run("today", "--format", "json", env=env).stdout)["next"] == hint
    assert run("progress", env=env).stdout.splitlines()[-1] == f"Next: {hint}"
    for item in items:
        assert run("review", item["id"], "good", env=env).code == 0
    after = json.loads(run("progress", "--format", "json", env=env).stdout)["hint"]
    assert after.startswith("emprep story add")


def test_next_step_says_what_the_drill_leaves_of_the_reviews_due(isolated: Path) -> None:
    """Twenty reviews due and a drill of three: `progress` does not say "20 due" beside a
    drill that holds 3; it says how many more are due after it, and where they are asked. At
    3 a day, which cannot make the loop ready, the pace line says them, as that count's
    effect, and the next step is the drill alone; at 8, which can, the next step says them."""
    p = Progress(profile=Profile(interview=date(2027, 1, 15), count=3))
    qids = [q.id for q in load_pack().questions][:20]
    for qid in qids:
        p = record(p, qid, 3, seconds=60, now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    store.update(isolated, lambda _: p)
    env = {"EMPREP_NOW": "2026-12-02T09:00:00+00:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
    assert [i["kind"] for i in items] == ["new"] * 3  # the pace of new questions comes first
    hint = "emprep drill (today's 3 questions)"
    shown = run("progress", env=env).stdout.splitlines()
    assert shown[-1] == f"Next: {hint}"
    pace = next(line for line in shown if line.startswith("At 3 a day"))
    assert "(20 more due today: emprep drill --more)" in pace
    today = json.loads(run("today", "--format", "json", env=env).stdout)
    assert (today["next"], today["drill"]["still_due"]) == (hint, 20)
    assert run("config", "set", "count", "8", env=env).code == 0
    hint = "emprep drill (today's 8 questions; 18 more due after it: emprep drill --more)"
    shown = run("progress", env=env).stdout.splitlines()
    assert shown[-1] == f"Next: {hint}"
    assert "more due today" not in next(line for line in shown if line.startswith("At 8 a day"))
    today = json.loads(run("today", "--format", "json", env=env).stdout)
    assert (today["next"], today["drill"]["still_due"]) == (hint, 18)


def test_next_step_asks_to_log_a_round_just_had_and_a_date_once_the_loop_is_over(
    isolated: Path,
) -> None:
    run("config", "set", "interview", "2026-12-10", env={"EMPREP_NOW": "2026-11-20T09:00"})
    run(
        "config", "set", "interview.recruiter", "2026-11-25", env={"EMPREP_NOW": "2026-11-20T09:00"}
    )
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"})

    def hint(now: str) -> str:
        doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": now}).stdout)
        return str(doc["hint"])

    assert hint("2026-11-25T08:00").startswith("emprep drill")  # the screen is today
    assert hint("2026-11-27T09:00") == (
        "emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    logged = run(
        "rounds", "log", "recruiter", "--note", "went well", env={"EMPREP_NOW": "2026-11-27T09:00"}
    )
    assert logged.code == 0, logged.stderr
    assert hint("2026-11-27T09:00").startswith("emprep drill")
    assert hint("2026-12-11T09:00") == (
        "emprep rounds log technical (what the technical round asked, while you remember it)"
    )
    # a round's name is a topic ("People Management & Leadership"), not something that asks
    run("rounds", "log", "technical", "--note", "ok", env={"EMPREP_NOW": "2026-12-11T09:00"})
    assert hint("2026-12-11T09:00") == (
        "emprep rounds log people (what the people round asked, while you remember it)"
    )
    assert hint("2026-12-20T09:00") == (
        "emprep config set interview YYYY-MM-DD (the loop is over: a date for the next one; "
        "a round with a date of its own takes it once that is unset: "
        "emprep config unset interview.ROUND)"
    )


def _hint(now: str) -> str:
    doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": now}).stdout)
    return str(doc["hint"])


def _drill_all(now: str) -> None:
    env = {"EMPREP_NOW": now}
    for item in json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]:
        assert run("review", item["id"], "good", env=env).code == 0


def _screen_on_the_3rd_then_the_onsite() -> None:
    """Set on 2026-11-23: the screen (recruiter) on 2026-12-03, the onsite on 2026-12-14, three
    questions a day, and one story (so that no next step asks for a story)."""
    env = {"EMPREP_NOW": "2026-11-23T09:00"}
    for key, value in [("interview", "2026-12-14"), ("interview.recruiter", "2026-12-03")]:
        assert run("config", "set", key, value, env=env).code == 0
    assert run("config", "set", "count", "3", env=env).code == 0
    story = ["--title", "T", "--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", *story, env=env).code == 0


def test_once_the_drill_is_done_without_a_story_the_next_step_is_a_first_story(
    isolated: Path,
) -> None:
    """The README named only more practice as the step after the day's drill; with no STAR
    story yet the step is a first one, then, once there is one, more practice."""
    env = {"EMPREP_NOW": "2026-11-23T09:00"}
    for key, value in [("interview", "2026-12-14"), ("interview.recruiter", "2026-12-03")]:
        assert run("config", "set", key, value, env=env).code == 0
    _drill_all("2026-12-02T09:00")
    assert _hint("2026-12-02T18:00") == (
        "emprep story add (no STAR story yet; most of the loop is behavioural)"
    )
    story = ["--title", "T", "--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", *story, env=env).code == 0
    assert _hint("2026-12-02T18:00").startswith("emprep drill --more --round recruiter ")


def test_once_the_drill_is_done_more_practice_goes_to_the_next_round_not_a_later_one(
    isolated: Path,
) -> None:
    """The evening before the screen, with the day's drill done, the weakest round is one of
    the onsite's, 12 days away: more practice goes to the screen of tomorrow."""
    _screen_on_the_3rd_then_the_onsite()
    _drill_all("2026-12-02T09:00")
    assert _hint("2026-12-02T18:00") == (
        "emprep drill --more --round recruiter (your next round: Recruiter/HR Interview, tomorrow)"
    )
    # the screen had and logged, the onsite rounds alone are weighed
    after = {"EMPREP_NOW": "2026-12-04T09:00"}
    logged = run("rounds", "log", "recruiter", "--note", "ok", env=after)
    assert logged.code == 0, logged.stderr
    _drill_all("2026-12-04T09:00")
    assert _hint("2026-12-04T18:00") == (
        "emprep drill --more --round people (your weakest round: People Management & Leadership)"
    )


def test_on_a_rest_day_before_a_round_the_next_step_is_the_drill_not_rest(isolated: Path) -> None:
    """The pace advice says what drilling the rest day before the interview adds; on that day
    the next step does not say rest (nor on the rest day before the screen)."""
    env = {"EMPREP_NOW": "2026-11-23T09:00"}
    for key, value in [
        ("interview", "2026-12-14"),
        ("interview.recruiter", "2026-11-30"),
        ("rest-days", "sat,sun"),
        ("count", "3"),
    ]:
        assert run("config", "set", key, value, env=env).code == 0
    _drill_all("2026-11-23T09:00")
    assert _hint("2026-11-28T09:00") == (
        "rest: today is one of your rest days (the drill is there all the same: 3 questions)"
    )
    assert _hint("2026-11-29T09:00") == (
        "emprep drill (today's 3 questions: a rest day, but the Recruiter/HR Interview is tomorrow)"
    )
    assert _hint("2026-12-13T09:00").startswith(
        "emprep drill (today's 3 questions: a rest day, but the interview is tomorrow"
    )
    today = run("today", env={"EMPREP_NOW": "2026-12-13T09:00"}).stdout.splitlines()
    assert today[-1].startswith("Next: emprep drill (today's 3 questions: a rest day, but the")


def test_the_rest_day_before_an_onsite_day_that_is_not_the_last_names_its_rounds(
    isolated: Path,
) -> None:
    """Four rounds on Monday, the last on Tuesday, the weekend off: Sunday's step said "a
    rest day, but the interview is tomorrow" under a heading counting "2 days to the interview
    (2026-12-15)"; it names the rounds that are tomorrow, and the interview once it is."""
    env = {"EMPREP_NOW": "2026-12-07T09:00"}
    for key, value in [
        ("interview", "2026-12-14"),
        ("interview.executive", "2026-12-15"),
        ("rest-days", "sat,sun"),
        ("count", "3"),
    ]:
        assert run("config", "set", key, value, env=env).code == 0
    _drill_all("2026-12-07T09:00")
    assert _hint("2026-12-13T09:00") == (
        "emprep drill (today's 3 questions: a rest day, but the recruiter, technical, people and "
        "strategic rounds are tomorrow)"
    )
    heading = run("today", env={"EMPREP_NOW": "2026-12-13T09:00"}).stdout.splitlines()[0]
    assert heading.endswith("(2026-12-14), 2 days to the interview (2026-12-15)")
    assert run("config", "set", "interview.executive", "2026-12-14", env=env).code == 0
    assert _hint("2026-12-13T09:00") == (
        "emprep drill (today's 3 questions: a rest day, but the interview is tomorrow)"
    )


def test_a_round_on_a_rest_day_makes_it_no_rest_day(isolated: Path) -> None:
    """A screen on a Saturday and the last round on another, the weekend off: on those
    mornings the next step said "rest: today is one of your rest days", `today` "a rest day: 3
    questions all the same if you want them" and the drill "Today is one of your rest days"
    over the round's own warm-up. A day an interview is on is no rest day."""
    env = {"EMPREP_NOW": "2026-11-23T09:00"}
    for key, value in [
        ("interview", "2026-12-12"),
        ("interview.recruiter", "2026-11-28"),
        ("rest-days", "sat,sun"),
        ("count", "3"),
    ]:
        assert run("config", "set", key, value, env=env).code == 0
    _drill_all("2026-11-23T09:00")
    for day in ("2026-11-28T08:00", "2026-12-12T08:00"):
        at = {"EMPREP_NOW": day}
        assert _hint(day) == "emprep drill (today's 3 questions)"
        today = run("today", env=at).stdout.splitlines()
        assert "  to do: 3 questions: emprep drill" in today
        assert today[-1] == "Next: emprep drill (today's 3 questions)"
        listed = run("drill", "--list", env=at).stdout
        assert "rest day" not in listed
        doc = json.loads(run("drill", "--list", "--format", "json", env=at).stdout)
        assert (doc["rest_day"], len(doc["items"])) == (False, 3)
    # the evening of the last round, the loop over (from 18:00), is still the day it was on:
    # the drill, plain FSRS now, said "Today is one of your rest days" (JSON rest_day true)
    evening = {"EMPREP_NOW": "2026-12-12T19:00"}
    listed = run("drill", "--list", env=evening).stdout
    assert "the loop's last round is over" in listed
    assert "rest day" not in listed
    doc = json.loads(run("drill", "--list", "--format", "json", env=evening).stdout)
    assert (doc["loop_over"], doc["rest_day"]) == (True, False)
    today_doc = json.loads(run("today", "--format", "json", env=evening).stdout)
    assert today_doc["drill"]["rest_day"] is False
    # the Sunday after the screen is a rest day again
    after = {"EMPREP_NOW": "2026-11-29T09:00"}
    assert json.loads(run("drill", "--list", "--format", "json", env=after).stdout)["rest_day"]


def test_the_first_drill_is_timed_by_its_questions_time_boxes(isolated: Path) -> None:
    """The first next step says how long the drill takes: the time boxes its questions show
    (3:00 each here), not two minutes a question."""
    env = {"EMPREP_NOW": "2026-11-21T09:00"}
    for key, value in [("interview", "2026-12-07"), ("track", "remote"), ("count", "3")]:
        assert run("config", "set", key, value, env=env).code == 0
    items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
    assert [i["minutes"] for i in items] == [3, 3, 3]
    hint = "emprep drill (3 questions, about 9 minutes)"
    assert json.loads(run("today", "--format", "json", env=env).stdout)["next"] == hint
    assert run("progress", env=env).stdout.splitlines()[-1] == f"Next: {hint}"


def test_once_the_days_rounds_are_surely_over_the_next_step_is_to_log_them(
    isolated: Path,
) -> None:
    """The rounds' hour is not known (their questions are weighed at 09:00): a round logged on
    its day is over, and from 18:00 on its day all of that day's are, so the next step is no
    longer to practise for them."""
    _screen_on_the_3rd_then_the_onsite()
    _drill_all("2026-12-03T09:00")
    assert _hint("2026-12-03T10:00") == (
        "emprep drill --more --round recruiter (your next round: Recruiter/HR Interview, today)"
    )
    assert _hint("2026-12-03T18:00") == (
        "emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    noon = {"EMPREP_NOW": "2026-12-03T11:00"}
    logged = run("rounds", "log", "recruiter", "--note", "ok", env=noon)
    assert logged.stderr == "" and logged.code == 0
    assert _hint("2026-12-03T11:00") == (
        "emprep drill --more --round strategic (your weakest round: Strategic & Product Alignment)"
    )
    _drill_all("2026-12-14T09:00")
    assert _hint("2026-12-14T17:59") == (
        "emprep drill --more --round strategic (your weakest round: Strategic & Product Alignment)"
    )
    evening = {"EMPREP_NOW": "2026-12-14T20:00"}
    step = "emprep rounds log technical (what the technical round asked, while you remember it)"
    assert _hint("2026-12-14T18:00") == step
    assert run("today", env=evening).stdout.splitlines()[-1] == f"Next: {step}"
    assert run("progress", env=evening).stdout.splitlines()[-1] == f"Next: {step}"
    for rid in ("technical", "people", "strategic", "executive"):
        assert run("rounds", "log", rid, "--note", "ok", env=evening).code == 0
    assert _hint("2026-12-14T20:00") == (
        "emprep config set interview YYYY-MM-DD (the loop is over: a date for the next one; "
        "a round with a date of its own takes it once that is unset: "
        "emprep config unset interview.ROUND)"
    )


def test_after_the_loop_the_step_says_how_a_round_dated_on_its_own_takes_the_next_date(
    isolated: Path,
) -> None:
    """Once the loop is over, the next step asks for the next loop's date; a round with a date
    of its own keeps that date (the screen dated apart, or the onsite moved round by round),
    so `config set interview` alone left it on the old loop's day: the step says so."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-11-25", env=at).code == 0
    run("review", "rec-why-coursera", "good", env=at)
    step = "emprep config set interview YYYY-MM-DD (the loop is over: a date for the next one"
    assert _hint("2026-12-05T09:00") == step + ")"
    assert run("config", "set", "interview.rec", "2026-11-23", env=at).code == 0
    assert _hint("2026-12-05T09:00") == step + (
        "; a round with a date of its own takes it once that is unset: "
        "emprep config unset interview.ROUND)"
    )
    later = {"EMPREP_NOW": "2026-12-05T09:00"}
    assert run("config", "unset", "interview.rec", env=later).code == 0
    assert run("config", "set", "interview", "2027-01-10", env=later).code == 0
    assert run("today", env=later).stdout.splitlines()[0] == (
        "Saturday 5 December: 36 days to the interview (2027-01-10)"
    )


def test_a_date_for_the_next_loop_starts_it_and_leaves_the_last_loops_rounds_behind(
    isolated: Path,
) -> None:
    """A loop over, the next one (another company) dated as the step after it says: its plan
    counts from that day, not from the first practice day of the loop before (week 9 of 12,
    its first phases gone), and the rounds logged in the loop before are that loop's: the
    next screen, once had, is not "past and logged", its log is asked for, and no note tells
    to move the new dates back to the old loop's days."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("config", "set", "interview.rec", "2026-11-30", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    screen = {"EMPREP_NOW": "2026-11-30T12:00"}
    assert run("rounds", "log", "rec", "--asked", "rec-why-leaving", env=screen).code == 0
    onsite = {"EMPREP_NOW": "2026-12-14T19:00"}
    for rid in ("technical", "people", "strategic", "executive"):
        assert run("rounds", "log", rid, "--note", "ok", env=onsite).code == 0
    later = {"EMPREP_NOW": "2027-01-19T09:00"}
    unset = run("config", "unset", "interview.rec", env=later)
    assert unset.code == 0 and "logged as had" not in unset.stderr
    dated = run("config", "set", "interview", "2027-02-11", env=later)
    assert dated.code == 0 and dated.stderr == ""
    assert dated.stdout.splitlines() == [
        "interview = 2027-02-11",
        "start = 2027-01-19 (the loop before is over, so this one starts today: its plan counts "
        "from it, and the rounds logged before it are that loop's; the same loop, its date "
        "moved: emprep config set start 2026-11-20; another day: emprep config set start "
        "YYYY-MM-DD)",
    ]
    screen_b = run("config", "set", "interview.rec", "2027-01-28", env=later)
    assert screen_b.stdout == "interview.recruiter = 2027-01-28\n" and screen_b.stderr == ""
    assert (
        run("today", env=later)
        .stdout.splitlines()[7]
        .startswith("This week: plan week 1 of 4, 2027-01-19 to 2027-01-25")
    )
    after = {"EMPREP_NOW": "2027-01-29T09:00"}
    assert _hint("2027-01-29T09:00") == (
        "emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    assert run("rounds", "recruiter", env=after).stdout.splitlines()[2] == (
        "On 2027-01-28 (from interview.recruiter), past: log what it asked: "
        "emprep rounds log recruiter"
    )
    assert "1. Recruiter/HR Interview (45 min) on 2027-01-28, past: log what it asked: " in (
        run("plan", "--format", "md", env=after).stdout
    )
    shown = run("progress", env=after).stdout
    assert "Rounds you have had" not in shown
    assert "Rounds of earlier loops (before this one's start)\n  2026-11-30 recruiter: " in shown
    doc = json.loads(run("progress", "--format", "json", env=after).stdout)
    assert doc["interviews"] == []
    assert [i["day"] for i in doc["earlier_interviews"]] == ["2026-11-30", *["2026-12-14"] * 4]
    # the same loop after all (its day named by the line above): its rounds are had in it
    back = run("config", "set", "start", "2026-11-20", env=after)
    assert back.stdout.splitlines() == [
        "start = 2026-11-20",
        "The loop that started on 2026-11-20 is this one again.",
    ]
    doc = json.loads(run("progress", "--format", "json", env=after).stdout)
    assert (len(doc["interviews"]), doc["earlier_interviews"]) == (5, [])


def test_a_loop_postponed_after_its_date_had_passed_gets_its_ticks_back_with_its_start(
    isolated: Path,
) -> None:
    """An onsite moved by the company, said to emprep days after its old date: the date looks
    like the next loop's, so the plan starts today unticked; the ticks are kept apart, and the
    start the line names (the old plan's first day) brings them back, the plan's weeks and the
    rounds logged with them. Nothing ticked is lost."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    assert run("task", "done", "1", "2", env=at).code == 0
    assert run("task", "done", "1", env={"EMPREP_NOW": "2026-11-27T09:00"}).code == 0
    ticked = store.load(isolated).done_tasks
    assert len(ticked) == 3
    late = {"EMPREP_NOW": "2026-12-16T09:00"}
    moved = run("config", "set", "interview", "2027-01-10", env=late)
    assert (moved.code, moved.stderr) == (0, "")
    assert moved.stdout.splitlines() == [
        "interview = 2027-01-10",
        "start = 2026-12-16 (the loop before is over, so this one starts today: its plan counts "
        "from it, the rounds logged before it are that loop's, and its 3 plan ticks are put "
        "aside; the same loop, its date moved: emprep config set start 2026-11-20 brings them "
        "back; another day: emprep config set start YYYY-MM-DD)",
    ]
    aside = store.load(isolated)
    assert aside.done_tasks == [] and aside.profile.start == date(2026, 12, 16)
    assert [(b.start, b.until, b.done_tasks, b.loop) for b in aside.loops_before] == [
        (date(2026, 11, 20), date(2026, 12, 16), ticked, 1)
    ]
    assert aside.loop == 2
    assert "(0 of 2 tasks done)" in run("today", env=late).stdout.splitlines()[2]
    back = run("config", "set", "start", "2026-11-20", env=late)
    assert (back.code, back.stderr) == (0, "")
    assert back.stdout.splitlines() == [
        "start = 2026-11-20",
        "The loop that started on 2026-11-20 is this one again: its 3 plan ticks are back.",
    ]
    kept = store.load(isolated)
    assert kept.done_tasks == ticked and kept.loops_before == [] and kept.loop == 1
    assert "loops_before" not in isolated.read_text() and "\nloop = " not in isolated.read_text()
    ics = run("plan", "--format", "ics", env=late).stdout
    assert "UID:round-technical.coursera-software-engineering-manager-m4@emprep" in ics
    assert (
        run("today", env=late)
        .stdout.splitlines()[2]
        .startswith("This week: plan week 4 of 8, 2026-12-11 to 2026-12-17")
    )


KEPT_FAR = (
    "start = 2026-12-16 (kept: a plan from 2026-11-20 does not reach the recruiter round "
    "(2028-12-10), more than 104 weeks later, longer than emprep plans)"
)


def _postponed_two_years(isolated: Path, *tasks: str) -> list[str]:
    """A loop from 2026-11-20 (its first practice day, no start set) to 2026-12-14, `tasks`
    ticked, its onsite moved to 2028-12-10 two days after it: the next loop's, started today,
    more than 104 weeks after the loop's first day. The ticks."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    assert run("task", "done", *tasks, env=at).code == 0
    ticked = store.load(isolated).done_tasks
    late = {"EMPREP_NOW": "2026-12-16T09:00"}
    assert run("config", "set", "interview", "2028-12-10", env=late).code == 0
    return ticked


def test_a_loop_postponed_beyond_a_plans_reach_gets_its_ticks_back_its_start_kept(
    isolated: Path,
) -> None:
    """An onsite postponed by two years, said after its old date: the next loop's line names
    the old start, but a plan from it does not reach the new date (more than 104 weeks), and
    `config set start` to it was refused, the ticks out of reach though kept in the file.
    Now it brings the loop back (ticks, number, rounds logged), the start kept and why said;
    `config show` lists a loop put behind, its ticks and that command, and so does its JSON."""
    ticked = _postponed_two_years(isolated, "1", "2")
    late = {"EMPREP_NOW": "2026-12-16T09:00"}
    assert run("config", "show", env=late).stdout.splitlines()[-3:-1] == [
        "loop       2 (the calendar's UIDs and name carry it)",
        "  loop 1   2026-11-20 until 2026-12-16, its 2 plan ticks kept apart (the same loop, "
        "its date moved: emprep config set start 2026-11-20 brings them back)",
    ]
    doc = json.loads(run("config", "show", "--format", "json", env=late).stdout)
    assert (doc["loop"], doc["loops_before"]) == (
        2,
        [{"start": "2026-11-20", "until": "2026-12-16", "done_tasks": ticked, "loop": 1}],
    )
    back = run("config", "set", "start", "2026-11-20", env=late)
    assert (back.code, back.stderr) == (0, "")
    assert back.stdout.splitlines() == [
        KEPT_FAR,
        "The loop that started on 2026-11-20 is this one again: its 2 plan ticks are back.",
    ]
    kept = store.load(isolated)
    assert (kept.done_tasks, kept.loops_before, kept.loop) == (ticked, [], 1)
    assert kept.profile.start == date(2026, 12, 16)
    assert "[x]" in run("plan", "--format", "md", env=late).stdout
    shown = run("config", "show", env=late).stdout
    assert "loop " not in shown
    doc = json.loads(run("config", "show", "--format", "json", env=late).stdout)
    assert (doc["loop"], doc["loops_before"]) == (1, [])
    # a start no loop put behind started on is refused as before, nothing changed
    refused = run("config", "set", "start", "2026-11-19", env=late)
    assert (refused.code, refused.stdout) == (2, "")
    assert refused.stderr == (
        "emprep: error: start: 2026-11-19 is more than 104 weeks before the recruiter round "
        "(2028-12-10, interview); give a later start, or move the round: emprep config set "
        "interview YYYY-MM-DD\n"
    )
    assert store.load(isolated) == kept


def test_the_start_unset_of_a_loop_postponed_beyond_reach_brings_it_back_or_is_refused(
    isolated: Path,
) -> None:
    """A loop that counted from its first practice day, postponed by two years: unsetting the
    start (the way back the README gives for such a loop) left a plan from that day, which
    every command then refused ("more than 104 weeks after your first practice day"). Now it
    brings the loop back, the start kept, as `config set start` to that day does; where no
    loop started on that day, the unset is refused and the file left as it was."""
    ticked = _postponed_two_years(isolated, "1")
    late = {"EMPREP_NOW": "2026-12-16T09:00"}
    back = run("config", "unset", "start", env=late)
    assert (back.code, back.stderr) == (0, "")
    assert back.stdout.splitlines() == [
        KEPT_FAR,
        "The loop that started on 2026-11-20 is this one again: its 1 plan tick is back.",
    ]
    kept = store.load(isolated)
    assert (kept.done_tasks, kept.loops_before, kept.loop) == (ticked, [], 1)
    assert run("today", env=late).code == 0
    refused = run("config", "unset", "start", env=late)
    assert (refused.code, refused.stdout) == (2, "")
    assert refused.stderr == (
        "emprep: error: start: without it the plan counts from your first practice day "
        "(2026-11-20), more than 104 weeks before the interview (2028-12-10), longer than "
        "emprep plans; keep it, or set another: emprep config set start YYYY-MM-DD\n"
    )
    assert store.load(isolated) == kept


def _loop_had_then_dated_by_hand(isolated: Path, interview: str, screen: str) -> None:
    """A first loop had (the screen on 2026-11-30, the onsite on 2026-12-14), every round
    logged, one task ticked; then its dates moved by editing the file, not by `config set`."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("config", "set", "interview.rec", "2026-11-30", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    assert run("task", "done", "1", env=at).code == 0
    screen_day = {"EMPREP_NOW": "2026-11-30T12:00"}
    assert run("rounds", "log", "rec", "--asked", "rec-why-leaving", env=screen_day).code == 0
    onsite = {"EMPREP_NOW": "2026-12-14T19:00"}
    for rid in ("technical", "people", "strategic", "executive"):
        assert run("rounds", "log", rid, "--note", "ok", env=onsite).code == 0
    text = isolated.read_text()
    moved = text.replace("interview = 2026-12-14", f"interview = {interview}").replace(
        "recruiter = 2026-11-30", f"recruiter = {screen}"
    )
    assert moved != text
    isolated.write_text(moved)


HAD_BY = (
    "emprep: note: every round of this loop was logged by 2026-12-14, and your progress file now "
    "dates each after that (edited by hand?): if these are the next loop's dates, start it, so "
    "that its plan counts from its first day and its ticks and calendar events are its own: "
    "emprep config set start 2027-01-19\n"
)


def test_a_next_loop_dated_by_hand_is_noticed_and_started_by_its_start(isolated: Path) -> None:
    """Dates moved by editing the file after the whole loop was had gave the next loop no
    number: its calendar's UIDs were the first loop's (importing it moved that loop's events),
    its plan counted from the first loop's start (week 9 of 12) and its ticks were the last
    loop's. emprep cannot know the day the file was edited, which the next loop starts on
    through `config set`: it says what it sees where the dates are shown, with the start that
    makes it the next loop, and that start does."""
    _loop_had_then_dated_by_hand(isolated, "2027-02-11", "2027-01-28")
    at = {"EMPREP_NOW": "2027-01-19T09:00"}
    for command in (["today"], ["progress"], ["drill", "--list"], ["config", "show"]):
        shown = run(*command, env=at)
        assert (shown.code, shown.stderr) == (0, HAD_BY), command
    planned = run("plan", "--format", "json", env=at)
    assert planned.stderr == HAD_BY
    assert json.loads(planned.stdout)["warnings"] == [HAD_BY.removeprefix("emprep: note: ").strip()]
    assert (
        "UID:round-recruiter.coursera-software-engineering-manager-m4@emprep"
        in run("plan", "--format", "ics", env=at).stdout
    )
    started = run("config", "set", "start", "2027-01-19", env=at)
    assert (started.code, started.stderr) == (0, "")
    assert started.stdout.splitlines() == [
        "start = 2027-01-19",
        "The loop before is over (its rounds all logged before the dates now given), so this "
        "is the next loop: its plan counts from 2027-01-19, the rounds logged before it are "
        "that loop's, and its 1 plan tick is put aside; the same loop, its date moved: emprep "
        "config set start 2026-11-20 brings it back.",
    ]
    kept = store.load(isolated)
    assert kept.loop == 2 and kept.done_tasks == []
    assert [(b.start, b.until, len(b.done_tasks), b.loop) for b in kept.loops_before] == [
        (date(2026, 11, 20), date(2027, 1, 19), 1, 1)
    ]
    today = run("today", env=at)
    assert today.stderr == ""
    assert today.stdout.splitlines()[7].startswith(
        "This week: plan week 1 of 4, 2027-01-19 to 2027-01-25"
    )
    ics = run("plan", "--format", "ics", env=at).stdout
    assert "UID:round-recruiter.coursera-software-engineering-manager-m4.loop-2@emprep" in ics
    doc = json.loads(run("progress", "--format", "json", env=at).stdout)
    assert (doc["interviews"], len(doc["earlier_interviews"])) == ([], 5)


def test_a_first_loops_dates_edited_by_hand_are_not_taken_for_the_next_loop(
    isolated: Path,
) -> None:
    """What the next loop by hand is told by, every round logged before every date the file
    now gives, is not a first loop's mended dates: the onsite moved after the screen alone
    was had, one round's date mended to a later day, or a year's typo mended (the rounds
    logged on the typo's days, before the first review): no note, and a start given is a
    start, no next loop."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("config", "set", "interview.rec", "2026-11-30", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    screen_day = {"EMPREP_NOW": "2026-12-01T09:00"}
    assert run("rounds", "log", "rec", "--note", "ok", env=screen_day).code == 0
    isolated.write_text(isolated.read_text().replace("2026-12-14", "2026-12-21"))
    for command in (["today"], ["plan"], ["config", "show"]):
        assert run(*command, env=screen_day).stderr == "", command
    onsite = {"EMPREP_NOW": "2026-12-21T19:00"}
    for rid in ("technical", "people", "strategic", "executive"):
        assert run("rounds", "log", rid, "--note", "ok", env=onsite).code == 0
    text = isolated.read_text()
    isolated.write_text(text.replace("recruiter = 2026-11-30", "recruiter = 2026-12-01"))
    after = {"EMPREP_NOW": "2026-12-23T09:00"}
    assert run("today", env=after).stderr == ""  # the screen's date mended: before the onsite's
    year = {"EMPREP_NOW": "2026-11-20T09:00"}
    typo = Path(str(isolated) + ".typo")
    env = {**year, "EMPREP_PROGRESS": str(typo)}
    assert run("config", "set", "interview", "2025-12-14", env=env).code == 0
    for rid in ("recruiter", "technical", "people", "strategic", "executive"):
        assert run("rounds", "log", rid, "--note", "ok", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    typo.write_text(typo.read_text().replace("interview = 2025-12-14", "interview = 2026-12-14"))
    assert run("today", env=env).stderr == ""
    given = run("config", "set", "start", "2026-11-21", env=env)
    assert (given.code, given.stdout, given.stderr) == (0, "start = 2026-11-21\n", "")
    assert store.load(typo).loop == 1


def test_the_start_unset_brings_back_a_loop_whose_plan_counted_from_its_first_practice_day(
    isolated: Path,
) -> None:
    """A loop with no start set counted its weeks from its first practice day (a Monday, the
    weekend rest): that is the day the next loop's line names, and unsetting the start, which
    counts from that day again, brings the loop back too; a tick made since is kept beside."""
    at = {"EMPREP_NOW": "2026-11-21T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    assert run("config", "set", "rest-days", "weekend", env=at).code == 0
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    assert run("task", "done", "1", env={"EMPREP_NOW": "2026-11-23T09:00"}).code == 0
    late = {"EMPREP_NOW": "2026-12-16T09:00"}
    moved = run("config", "set", "interview", "2027-01-10", env=late)
    assert moved.stdout.splitlines()[1].endswith(
        "and its 1 plan tick is put aside; the same loop, its date moved: emprep config set "
        "start 2026-11-23 brings it back; another day: emprep config set start YYYY-MM-DD)"
    )
    first = store.load(isolated).loops_before[0].done_tasks
    assert run("task", "done", "2", env=late).code == 0
    since = store.load(isolated).done_tasks
    assert len(since) == 1 and since != first
    back = run("config", "unset", "start", env=late)
    assert (back.code, back.stderr) == (0, "")
    assert back.stdout.splitlines()[1] == (
        "The loop that started on 2026-11-23 is this one again: its 1 plan tick is back."
    )
    kept = store.load(isolated)
    assert kept.done_tasks == [*first, *since] and kept.loops_before == []


def test_a_round_had_before_a_start_set_by_hand_is_the_first_loops_own(isolated: Path) -> None:
    """A recruiter's call had (and logged) before the day the candidate then gives the plan's
    start is a round of this loop, not of an earlier one: in a file's first loop every round
    logged is its own. Only the day a date for the next loop started it sets rounds apart."""
    at = {"EMPREP_NOW": "2026-11-13T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=at).code == 0
    logged = run(
        "rounds", "log", "rec", "--date", "2026-11-12", "--asked", "rec-why-leaving", env=at
    )
    assert logged.code == 0
    assert run("config", "set", "start", "2026-11-16", env=at).code == 0
    shown = run("progress", env=at).stdout
    assert "Rounds of earlier loops" not in shown
    assert "Rounds you have had\n  2026-11-12 recruiter: asked rec-why-leaving\n" in shown
    doc = json.loads(run("progress", "--format", "json", env=at).stdout)
    assert [i["day"] for i in doc["interviews"]] == ["2026-11-12"]
    assert doc["earlier_interviews"] == []


def test_a_loop_dated_a_year_early_and_mended_starts_no_next_loop(isolated: Path) -> None:
    """A whole loop dated before today is most often a typo of the year: mended, it is the same
    loop, not the next one, so its start and ticks are left as they were."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    assert run("task", "done", "1", env=at).code == 0
    assert run("config", "set", "interview", "2025-12-14", env=at).code == 0
    mended = run("config", "set", "interview", "2026-12-14", env=at)
    assert (mended.code, mended.stdout, mended.stderr) == (0, "interview = 2026-12-14\n", "")
    kept = store.load(isolated)
    assert kept.profile.start is None and len(kept.done_tasks) == 1
