from __future__ import annotations

import json
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from conftest import listed, reviews, run
from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.calibration import recall as fitted_recall
from emprep.core.drill import FADED, choose
from emprep.core.errors import EmprepError, shown
from emprep.core.models import CardState, Profile, Progress, days_given, review_line
from emprep.core.pack import Pack
from emprep.core.passes import INTRO_SHARE, MIN_PASS_DAYS, PASS_SLACK, deadline_pace
from emprep.core.practice import todays_drill
from emprep.core.scheduler import (
    DECAY,
    FACTOR,
    elapsed_days,
    failed,
    interview_moment,
    introduced_on,
    parse_rating,
    rated_on,
    recall,
    record,
    retrievability,
    scheduler,
    to_card,
    to_state,
)
from emprep.core.settings import effective

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("word", "value"),
    [("1", 1), ("4", 4), ("again", 1), ("Hard", 2), ("g", 3), ("E", 4), (" good ", 3)],
)
def test_parse_rating(word: str, value: int) -> None:
    assert parse_rating(word) == value


@pytest.mark.parametrize("word", ["0", "5", "x", "", "goood", "3.0"])
def test_bad_rating(word: str) -> None:
    with pytest.raises(EmprepError) as e:
        parse_rating(word)
    assert str(e.value) == (
        f"unknown rating '{word}': use 1-4 or again, hard, good, easy (a, h, g, e)"
    )


def _rating_of_nfkc(word: str) -> int | str:
    """What `parse_rating` gives `word` (or the error it says) when every word is put in NFKC."""
    import unicodedata

    from emprep.core.limits import readable, typed_as_number

    if typed_as_number(word) and readable(word) and 1 <= int(word) <= 4:
        return int(word)
    w = unicodedata.normalize("NFKC", word).strip().lower()
    for name, value in {"again": 1, "hard": 2, "good": 3, "easy": 4}.items():
        if w and name.startswith(w):
            return value
    return f"unknown rating '{shown(word)}': use 1-4 or again, hard, good, easy (a, h, g, e)"


# a fullwidth word and a letter, a Roman numeral, a ligature, a combining accent, a NUL
ODD_WORDS = ["\uff47\uff4f\uff4f\uff44", "\uff25", "\u2167", "\ufb00", "goo\u0301d", "\x00"]


@settings(max_examples=300, deadline=None)
@given(word=st.text(max_size=8) | st.sampled_from(["again", "HARD", " g ", *ODD_WORDS]))
def test_a_rating_is_read_as_its_nfkc_form_says_whether_ascii_or_not(word: str) -> None:
    """A word in ASCII skips the normalising (unicodedata is not imported for it): the
    rating, or the refusal, is the one NFKC gives for any word."""
    expected = _rating_of_nfkc(word)
    if isinstance(expected, str):
        with pytest.raises(EmprepError) as e:
            parse_rating(word)
        assert str(e.value) == expected
    else:
        assert parse_rating(word) == expected


def test_fsrs_state_round_trips_through_its_own_dicts() -> None:
    p = record(Progress(), "exe-scaling", 3, seconds=10, now=T0)
    state = p.cards["exe-scaling"]
    card = to_card(state)
    assert to_state(card) == state
    assert card.to_dict()["stability"] == pytest.approx(2.3065)
    assert state.due == T0 + timedelta(days=2)
    again = record(Progress(), "exe-scaling", 1, seconds=10, now=T0).cards["exe-scaling"]
    assert again.due == T0 + timedelta(days=1)  # a day-sized learning step, not minutes
    assert scheduler().enable_fuzzing is False


def _simulate(
    pack: Pack, days: int, count: int, round_id: str | None = None, rating: int = 3
) -> Progress:
    p = Progress(profile=Profile(interview=(T0 + timedelta(days=days)).date(), start=T0.date()))
    for d in range(days):
        now = T0 + timedelta(days=d)
        for item in todays_drill(
            pack, p, now, s=effective(p.profile, pack.round_ids, count=count), round_id=round_id
        ).items:
            p = record(p, item.question.id, rating, seconds=30, now=now)
    return p


@pytest.mark.slow  # a property test of several seconds: CI runs it
@settings(max_examples=25, deadline=None)
@given(days=st.integers(5, 70), extra=st.integers(0, 6))  # --count stays within 100
def test_deadline_every_question_seen_twice_before_the_interview(
    pack: Pack, days: int, extra: int
) -> None:
    count = math.ceil(3 * len(pack.questions) / days) + extra
    p = _simulate(pack, days, count)
    seen = Counter(r.question for r in reviews(p))
    assert min(seen[q.id] for q in pack.questions) >= 2
    assert all(r.at.date() < (T0 + timedelta(days=days)).date() for r in reviews(p))


def test_deadline_holds_within_one_round(pack: Pack) -> None:
    tech = [q.id for q in pack.questions if "technical" in q.rounds]
    count = 6
    p = _simulate(pack, math.ceil(3 * len(tech) / count), count, round_id="technical")
    seen = Counter(r.question for r in reviews(p))
    assert set(seen) == set(tech)
    assert min(seen.values()) >= 2


def test_plain_fsrs_without_a_date_misses_the_deadline_that_emprep_keeps(pack: Pack) -> None:
    """Without a date nothing holds places for new questions: reviews crowd them out."""
    days = 20
    count = math.ceil(3 * len(pack.questions) / days)
    p = Progress(profile=Profile(start=T0.date()))
    for d in range(days):
        now = T0 + timedelta(days=d)
        for item in todays_drill(
            pack, p, now, s=effective(p.profile, pack.round_ids, count=count), round_id=None
        ).items:
            p = record(p, item.question.id, 1 if d % 2 else 3, seconds=30, now=now)
    plain = Counter(r.question for r in reviews(p))
    aware = Counter(r.question for r in reviews(_simulate(pack, days, count, rating=3)))
    assert min(aware[q.id] for q in pack.questions) >= 2
    assert min(plain.get(q.id, 0) for q in pack.questions) < 2


def test_due_reviews_come_first_lowest_recall_first(pack: Pack) -> None:
    p = Progress(profile=Profile(start=T0.date()))
    p = record(p, "exe-scaling", 1, seconds=5, now=T0)  # due the next day, low stability
    p = record(p, "tech-kafka-events", 3, seconds=5, now=T0 - timedelta(days=1))  # due T0 + 1 day
    now = T0 + timedelta(days=1)
    d = todays_drill(pack, p, now, s=effective(p.profile, pack.round_ids, count=4), round_id=None)
    assert [(i.question.id, i.kind) for i in d.items[:2]] == [
        ("exe-scaling", "review"),
        ("tech-kafka-events", "review"),
    ]
    assert d.items[0].recall_now is not None and d.items[1].recall_now is not None
    assert d.items[0].recall_now < d.items[1].recall_now
    assert [i.kind for i in d.items[2:]] == ["new", "new"]


def test_new_questions_follow_the_current_plan_week(pack: Pack) -> None:
    interview = (T0 + timedelta(days=56)).date()
    p = Progress(profile=Profile(interview=interview, start=T0.date()))
    week3 = T0 + timedelta(days=15)
    d = todays_drill(pack, p, week3, s=effective(p.profile, pack.round_ids, count=5), round_id=None)
    assert all("people" in i.question.rounds for i in d.items)
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=5), round_id=None)
    assert all({"recruiter", "executive"} & set(i.question.rounds) for i in d.items)


def recall_if_answered_well(state: CardState, now: datetime, when: datetime) -> float:
    """fsrs's own recall at `when` of the question answered well `now`."""
    card, _ = scheduler().review_card(to_card(state), Rating.Good, now.astimezone(UTC))
    return float(scheduler().get_card_retrievability(card, when.astimezone(UTC)))


def test_places_go_where_a_review_now_makes_the_question_ready_on_the_day(pack: Pack) -> None:
    """Past relearning and new questions, each place goes to the largest predicted gain at the
    deadline: a question already safe waits; one a review now brings to 0.9 comes."""
    interview = (T0 + timedelta(days=6)).date()
    p = Progress(profile=Profile(interview=interview, start=T0.date()))
    for q in pack.questions:
        p = record(p, q.id, 3, seconds=5, now=T0 - timedelta(days=12))
        p = record(p, q.id, 3, seconds=5, now=T0 - timedelta(days=9))
    p = record(p, "exe-scaling", 4, seconds=5, now=T0 - timedelta(days=1))  # safe on the day
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=3), round_id=None)
    day = interview_moment(interview, UTC)
    assert [i.kind for i in d.items] == ["at-risk"] * 3  # not due yet: FSRS would wait
    assert recall(p.cards["exe-scaling"], day) >= 0.9
    assert "exe-scaling" not in [i.question.id for i in d.items]
    for i in d.items:
        state = p.cards[i.question.id]
        assert recall(state, day) < 0.9 <= recall_if_answered_well(state, T0, day)


def test_the_final_sweep_is_long_enough_to_review_every_question_once(pack: Pack) -> None:
    """N practised questions at 3 a day need N/3 days: the at-risk sweep starts that early."""
    need = math.ceil(len(pack.questions) / 3)
    interview = (T0 + timedelta(days=need)).date()
    p = Progress(profile=Profile(interview=interview, start=(T0 - timedelta(days=30)).date()))
    for q in pack.questions:
        p = record(p, q.id, 3, seconds=5, now=T0 - timedelta(days=1))  # none due before T0 + 1 day
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=3), round_id=None)
    assert [i.kind for i in d.items] == ["at-risk"] * 3
    d = todays_drill(
        pack,
        p,
        T0 - timedelta(hours=23),
        s=effective(p.profile, pack.round_ids, count=3),
        round_id=None,
    )
    assert d.items == []  # a day more than needed: nothing due, nothing brought forward yet


def test_interview_day_is_a_warm_up_of_the_weakest(pack: Pack) -> None:
    """The last round's day: its practised questions only (a screen's day before it brings
    the screen's unseen ones in too)."""
    p = Progress(profile=Profile(interview=T0.date(), start=(T0 - timedelta(days=9)).date()))
    p = record(p, "exe-scaling", 1, seconds=5, now=T0 - timedelta(days=3))
    p = record(p, "tech-kafka-events", 4, seconds=5, now=T0 - timedelta(days=3))
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=5), round_id=None)
    assert [(i.question.id, i.kind) for i in d.items] == [
        ("exe-scaling", "warm-up"),
        ("tech-kafka-events", "warm-up"),
    ]


def test_a_failure_the_evening_before_leads_the_warm_up(pack: Pack) -> None:
    """FSRS counts whole days since a review, so a question failed at 20:00 has a recall of 1
    at 09:00 the next morning; on interview day it still comes back first."""
    p = Progress(profile=Profile(interview=T0.date(), start=(T0 - timedelta(days=9)).date()))
    p = record(p, "exe-scaling", 3, seconds=5, now=T0 - timedelta(days=3))
    p = record(p, "tech-kafka-events", 1, seconds=5, now=T0 - timedelta(hours=12))
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=1), round_id=None)
    assert [(i.question.id, i.kind) for i in d.items] == [("tech-kafka-events", "warm-up")]


def test_a_failure_the_day_before_comes_back_in_the_warm_up_before_weaker_ones(
    pack: Pack,
) -> None:
    """FSRS predicts a known question failed yesterday morning better recalled (0.94) than one
    answered well six days ago (0.82); the rule that a failure comes back on the next practice
    day holds on interview day too."""
    p = Progress(profile=Profile(interview=T0.date(), start=(T0 - timedelta(days=21)).date()))
    for days, rating in [(20, 3), (12, 3), (1, 1)]:
        p = record(p, "tech-kafka-events", rating, seconds=5, now=T0 - timedelta(days=days))
    p = record(p, "exe-scaling", 3, seconds=5, now=T0 - timedelta(days=6))
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=1), round_id=None)
    assert [(i.question.id, i.kind) for i in d.items] == [("tech-kafka-events", "warm-up")]


def test_on_a_screens_day_a_later_rounds_failure_comes_back_before_the_warm_up_of_the_weakest(
    pack: Pack,
) -> None:
    """The day of the screen is its warm-up, but rule 1 holds that day too: a technical question
    failed the evening before (the onsite two weeks on) is asked before the screen's questions,
    not the day after (a drill of 18 places spent all of them on the screen's 18). Then the
    screen's questions never seen (a first look before the screen), then its practised ones,
    weakest first; then the onsite's new questions."""
    screen = T0.date()
    p = Progress(
        profile=Profile(
            interview=screen + timedelta(days=14),
            start=screen - timedelta(days=9),
            rounds={"recruiter": screen},
        )
    )
    p = record(p, "rec-why-coursera", 3, seconds=5, now=T0 - timedelta(days=3))
    p = record(p, "tech-kafka-events", 1, seconds=5, now=T0 - timedelta(hours=12))
    d = todays_drill(pack, p, T0, s=effective(p.profile, pack.round_ids, count=20), round_id=None)
    picks = [(i.question.id, i.kind) for i in d.items]
    unseen = {q.id for q in pack.questions if "recruiter" in q.rounds} - {"rec-why-coursera"}
    assert len(unseen) == 17
    assert picks[0] == ("tech-kafka-events", "review")
    assert {q for q, _ in picks[1:18]} == unseen
    assert {k for _, k in picks[1:18]} == {"new"}
    assert picks[18] == ("rec-why-coursera", "warm-up")
    assert picks[19][1] == "new"
    assert "recruiter" not in pack.question(picks[19][0]).rounds
    assert [i.deadline for i in d.items[1:19]] == [screen] * 18


def test_a_screens_last_new_questions_wait_for_its_morning_when_its_pass_needs_the_places(
    pack: Pack,
) -> None:
    """Two days before the screen, at 3 a day, 15 of its 18 questions answered well eight days
    ago wait for their final pass and 3 were never seen: the 6 places before the screen cannot
    show the 3 and review all 18, so the pass takes them, and the 3 get their first look on the
    screen's morning, fresh an hour on (before, they were asked first, two days before it)."""
    screen = T0.date() + timedelta(days=2)
    p = Progress(
        profile=Profile(
            interview=screen + timedelta(days=14),
            start=screen - timedelta(days=11),
            rounds={"recruiter": screen},
        )
    )
    asked = [q.id for q in pack.questions if "recruiter" in q.rounds]
    unseen = {"remote-adapt-style", "remote-challenges", "hub-talent-market"}
    for q in (q for q in asked if q not in unseen):
        p = record(p, q, 3, seconds=5, now=T0 - timedelta(days=8))
    days = []
    for d in range(3):
        now = T0 + timedelta(days=d)
        s = effective(p.profile, pack.round_ids, count=3)
        items = todays_drill(pack, p, now, s=s, round_id=None).items
        days.append([(i.question.id, i.kind) for i in items])
        for i in items:
            p = record(p, i.question.id, 3, seconds=5, now=now)
    assert days == [
        [
            ("rec-mission-values", "review"),
            ("rec-hands-on", "review"),
            ("rec-team-health", "review"),
        ],
        [
            ("rec-career-goals", "review"),
            ("com-online-education", "review"),
            ("rec-why-coursera", "review"),
        ],
        [("remote-adapt-style", "new"), ("hub-talent-market", "new"), ("remote-challenges", "new")],
    ]


def test_a_hard_on_first_sight_is_a_recall_not_a_failure_to_relearn_first(pack: Pack) -> None:
    """FSRS keeps a question rated Hard on its first sight in learning, as it keeps one rated
    Again, but a Hard is a recall: it comes back as FSRS schedules it, as a second sight after
    the day's new questions, not ahead of them as a failure. The Again is back first the next
    practice day."""
    p = Progress(profile=Profile(interview=(T0 + timedelta(days=90)).date(), start=T0.date()))
    p = record(p, "exe-scaling", 2, seconds=5, now=T0)
    p = record(p, "tech-kafka-events", 1, seconds=5, now=T0)

    def drill(count: int) -> list[tuple[str, str]]:
        s = effective(p.profile, pack.round_ids, count=count)
        d = todays_drill(pack, p, T0 + timedelta(days=1), s=s, round_id=None)
        return [(i.question.id, i.kind) for i in d.items]

    assert drill(2) == [("tech-kafka-events", "review"), ("rec-mission-values", "new")]
    assert drill(8)[:5] == [
        ("tech-kafka-events", "review"),
        ("rec-mission-values", "new"),
        ("rec-hands-on", "new"),
        ("rec-team-health", "new"),
        ("exe-scaling", "review"),
    ]


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(st.tuples(st.integers(1, 4), st.integers(0, 24 * 20)), min_size=1, max_size=12)
)
def test_failed_is_the_last_rating_being_again(steps: list[tuple[int, int]]) -> None:
    """Whatever the ratings and the hours between them, a card counts as failed exactly when
    its last rating was Again: read from the card alone, as fsrs itself leaves it."""
    p = Progress()
    now = T0
    for rating, hours in steps:
        now += timedelta(hours=hours)
        p = record(p, "exe-scaling", rating, seconds=5, now=now)
        card = p.cards["exe-scaling"]
        assert failed(card) == (rating == 1)
        assert failed(to_card(card)) == (rating == 1)


def test_drill_is_deterministic_and_list_matches(pack: Pack) -> None:
    env = {"EMPREP_NOW": "2026-11-25T10:00:00+00:00"}
    run("config", "set", "interview", "2027-01-05")
    run("config", "set", "start", "2026-11-20")
    for qid, rating in [("rec-why-coursera", "again"), ("exe-scaling", "good")]:
        run("review", qid, rating, env={"EMPREP_NOW": "2026-11-22T10:00:00+00:00"})
    first = run("drill", "--list", "--format", "json", env=env)
    second = run("drill", "--list", "--format", "json", env=env)
    assert first.code == 0 and first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert doc["date"] == "2026-11-25" and doc["days_left"] == 41
    kinds = [(i["id"], i["kind"]) for i in doc["items"]]
    assert kinds[0] == ("rec-why-coursera", "review")  # failed: back first
    assert len(doc["items"]) == 5
    n = len(pack.questions_for(None))
    pass_days = max(MIN_PASS_DAYS, math.ceil(n * PASS_SLACK / 5))  # a pass at 5 a day, slack
    quota = math.ceil((n - 2) / max(1.0, (41 - pass_days) * INTRO_SHARE))  # 2 seen already
    assert doc["new_quota"] == min(quota, 5)
    new = [k for _, k in kinds].count("new")
    assert new == min(quota, 4) or (quota < 4 and ("exe-scaling", "review") in kinds)


def test_drill_without_a_terminal_prints_the_list_and_says_how_to_record() -> None:
    r = run("drill", "--round", "tech", "--count", "3", env={"EMPREP_NOW": "2026-11-20"})
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "Drill for 2026-11-20: 3 questions (no interview date: plain FSRS)"
    # The round's questions evenly by each round's share, a question counting for every round
    # that asks it: those other rounds ask too come first (rec-hands-on is the recruiter's 1 of
    # 1 here, com-agile the people round's first).
    assert [line.split()[1] for line in lines[2:]] == [
        "rec-hands-on",
        "tech-ab-testing",
        "com-agile",
    ]
    assert r.stderr == (
        "emprep: note: not a terminal, so nothing is asked; record an answer with "
        "'emprep review ID RATING' (RATING 1-4: again, hard, good, easy)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["drill", "--count", "0"],
            "--count must be a whole number from 1 to 100 (got 0); try --count 5",
        ),
        (
            ["drill", "--round", "peple"],
            "unknown round 'peple': did you mean 'people'? "
            "valid: recruiter, technical, people, strategic, executive",
        ),
        (
            ["review", "exe-scalng", "good"],
            "unknown question 'exe-scalng': did you mean 'exe-scaling'? "
            "list the ids with 'emprep questions'",
        ),
        (
            ["review", "exe-scaling", "great"],
            "unknown rating 'great': use 1-4 or again, hard, good, easy (a, h, g, e)",
        ),
        (
            ["review", "exe-scaling", "good", "--seconds", "-1"],
            "--seconds must be a whole number from 0 to 86400 (got -1); try --seconds 90",
        ),
    ],
)
def test_bad_drill_and_review_input(args: list[str], message: str, isolated: object) -> None:
    r = run(*args)
    assert (r.code, r.stderr) == (2, f"emprep: error: {message}\n")


def test_review_records_and_says_when_next() -> None:
    r = run("review", "exe-scaling", "3", "--seconds", "75", env={"EMPREP_NOW": "2026-11-20T09:00"})
    assert (r.code, r.stdout) == (0, "Recorded exe-scaling: Good. Next review 2026-11-22.\n")


def test_review_says_the_practice_day_a_question_due_on_a_rest_day_comes_back() -> None:
    run("config", "set", "rest-days", "sat,sun")
    friday = {"EMPREP_NOW": "2026-11-20T09:00"}
    r = run("review", "exe-scaling", "again", env=friday)
    assert (r.code, r.stdout) == (
        0,
        "Recorded exe-scaling: Again. Next review 2026-11-23 (due 2026-11-21, a rest day).\n",
    )
    r = run("review", "rec-em-experience", "hard", env={"EMPREP_NOW": "2026-11-19T09:00"})
    assert r.stdout == "Recorded rec-em-experience: Hard. Next review 2026-11-20.\n"  # a Friday


def test_review_in_json_gives_what_was_recorded_and_the_day_the_drill_asks_it_again() -> None:
    """Before, a script parsed "Next review 2026-11-23." out of the text. The text stays as it
    was; `--format json` gives the log's line, FSRS's due day, the practice day the drill
    gives it (or null, its last round coming first) and the question's deadline."""
    for key, value in [("interview", "2026-12-18"), ("interview.recruiter", "2026-11-24")]:
        run("config", "set", key, value, env={"EMPREP_NOW": "2026-11-19T09:00"})
    run("config", "set", "rest-days", "sat,sun", env={"EMPREP_NOW": "2026-11-19T09:00"})
    friday = {"EMPREP_NOW": "2026-11-20T09:00+01:00"}
    r = run("review", "exe-scaling", "again", "--seconds", "75", "--format", "json", env=friday)
    assert (r.code, json.loads(r.stdout), r.stderr) == (
        0,
        {
            "id": "exe-scaling",
            "rating": 1,
            "at": "2026-11-20T09:00:00+01:00",
            "seconds": 75,
            "due": "2026-11-21",
            "next_review": "2026-11-23",
            "skipped": None,
            "deadline": "2026-12-18",
        },
        "",
    )
    monday = {"EMPREP_NOW": "2026-11-23T18:30+01:00"}
    r = run("review", "rec-salary-expectations", "good", "--format", "json", env=monday)
    assert json.loads(r.stdout) == {
        "id": "rec-salary-expectations",
        "rating": 3,
        "at": "2026-11-23T18:30:00+01:00",
        "seconds": 0,
        "due": "2026-11-25",
        "next_review": None,
        "skipped": "2026-11-24",
        "deadline": "2026-11-24",
    }
    r = run("undo", env=monday)
    r = run("review", "rec-salary-expectations", "good", env=monday)
    assert r.stdout == (
        "Recorded rec-salary-expectations: Good. Next review: none; FSRS's (2026-11-25) falls "
        "after its last round (2026-11-24).\n"
    )


def test_a_failure_the_evening_the_clocks_go_forward_comes_back_the_next_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """New York moves to summer time in the night of 2027-03-13: FSRS's one-day step from a
    failure at 23:30 is 00:30 on the 15th by the clock. The step is a day of the calendar:
    the question is due, and drilled, on the 14th, like one failed any other evening."""
    monkeypatch.setenv("TZ", "America/New_York")
    run("config", "set", "interview", "2027-03-26", env={"EMPREP_NOW": "2027-03-01T09:00"})
    r = run("review", "exe-scaling", "again", env={"EMPREP_NOW": "2027-03-13T23:30"})
    assert (r.code, r.stdout) == (0, "Recorded exe-scaling: Again. Next review 2027-03-14.\n")
    r = run("drill", "--list", "--format", "json", env={"EMPREP_NOW": "2027-03-14T00:05"})
    items = json.loads(r.stdout)["items"]
    assert (items[0]["id"], items[0]["kind"], items[0]["due"]) == (
        "exe-scaling",
        "review",
        "2027-03-14",
    )
    r = run("progress", "--format", "json", env={"EMPREP_NOW": "2027-03-14T00:05"})
    assert json.loads(r.stdout)["forecast"][0] == {"date": "2027-03-14", "due": 1}


def test_recall_matches_the_fsrs_forgetting_curve() -> None:
    p = record(Progress(), "exe-scaling", 3, seconds=10, now=T0)
    state = p.cards["exe-scaling"]
    decay = -scheduler().parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    for days in (0, 2, 10, 30):
        expected = (1 + factor * days / 2.3065) ** decay
        assert recall(state, T0 + timedelta(days=days)) == pytest.approx(expected)


@settings(max_examples=300, deadline=None)
@given(
    stability=st.floats(min_value=0.001, max_value=36500, allow_nan=False),
    reviewed=st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1), timezones=st.just(UTC)),
    days=st.integers(min_value=-3, max_value=3650),
    hours=st.floats(min_value=0, max_value=24, exclude_max=True),
    state=st.sampled_from([1, 2, 3]),
)
def test_retrievability_is_fsrs_own_at_whole_days_and_between_them_in_hours(
    stability: float, reviewed: datetime, days: int, hours: float, state: int
) -> None:
    """The warm path predicts recall without importing fsrs: at whole days the same number as
    fsrs gives, to the last bit, for its Card and the stored CardState alike (0 for a card
    never reviewed); between them the same curve over the hours, where fsrs stays on the day."""
    stored = CardState(
        card_id=1, state=state, due=reviewed, stability=stability, last_review=reviewed
    )
    whole = reviewed + timedelta(days=days)
    expected = float(scheduler().get_card_retrievability(to_card(stored), whole))
    assert retrievability(stored, whole) == expected
    assert retrievability(to_card(stored), whole) == expected
    assert recall(stored, whole) == expected
    when = whole + timedelta(hours=hours)
    later = float(scheduler().get_card_retrievability(to_card(stored), whole + timedelta(days=1)))
    if days >= 0:
        assert later <= retrievability(stored, when) <= expected
        assert retrievability(stored, when) == pytest.approx(
            (1 + FACTOR * elapsed_days(reviewed, when) / stability) ** DECAY, rel=1e-12
        )
    never = CardState(card_id=1, state=1, due=reviewed)
    assert retrievability(never, when) == scheduler().get_card_retrievability(to_card(never), when)


def test_a_drill_left_half_way_asks_what_it_left_not_a_second_days_new_questions() -> None:
    """Its new questions rated and the rest left (`q`), the day's drill is the rest: the new
    questions already introduced today count against the day's quota, so no more come and push
    the day's due reviews out to `drill --more`."""
    run("config", "set", "interview", "2027-01-16")
    run("config", "set", "interview.recruiter", "2026-12-26")
    run("config", "set", "count", "10")
    run("config", "set", "track", "hub")
    for day in range(21, 28):  # a week of whole drills, every answer Good
        for item in listed(10, f"2026-11-{day}T19:00:00+00:00"):
            run("review", item["id"], "good", env={"EMPREP_NOW": f"2026-11-{day}T19:00:00+00:00"})
    morning = listed(10, "2026-11-28T08:00:00+00:00")
    new = [i["id"] for i in morning if i["kind"] == "new"]
    assert new  # the day introduces some
    for qid in new:
        run("review", qid, "good", env={"EMPREP_NOW": "2026-11-28T08:30:00+00:00"})
    later = listed(10, "2026-11-28T08:40:00+00:00")
    assert [i["id"] for i in later] == [i["id"] for i in morning if i["id"] not in new]


SIGHT_DAY = date(2026, 11, 2)
SIGHT_UNSEEN = [f"q{i:02}" for i in range(19)]


@pytest.mark.parametrize(("days_since", "first"), [(27, "seen"), (20, "q00")])
def test_a_fading_second_sight_comes_before_new_questions_that_would_take_every_place(
    days_since: int, first: str
) -> None:
    """Two a day, 19 questions unseen and one answered well 20 or 27 days before, 30 days to
    go: the new questions' pace takes both places every day, and the places left can show every
    question twice. Once its predicted recall has fallen to FADED, the question seen once comes
    first; before that, the day is the new questions'."""
    answered = datetime.combine(SIGHT_DAY - timedelta(days=days_since), datetime.min.time(), UTC)
    cards = record(Progress(), "seen", 3, seconds=30, now=answered).cards
    deadlines = dict.fromkeys(["seen", *SIGHT_UNSEEN], SIGHT_DAY + timedelta(days=30))
    pace = deadline_pace(SIGHT_DAY, [*SIGHT_UNSEEN, "seen"], deadlines, count=2, rest=frozenset())
    assert pace.new_quota(SIGHT_UNSEEN) == 2  # 19 over half of the 30 days before a 10-day pass
    fallen = fitted_recall(cards["seen"], interview_moment(SIGHT_DAY, UTC))
    assert (fallen <= FADED) == (first == "seen")
    assert round(fallen, 3) == {27: 0.676, 20: 0.705}[days_since]
    choice = choose(
        today=SIGHT_DAY,
        tz=UTC,
        cards=cards,
        scope=["seen", *SIGHT_UNSEEN],
        deadlines=deadlines,
        count=2,
        places=2,
        rest=frozenset(),
    )
    expected = {
        "seen": [("seen", "review"), ("q00", "new")],
        "q00": [("q00", "new"), ("q01", "new")],
    }[first]
    assert choice.picks == expected


def _plain_given_on(lines: list[str], now: datetime) -> set[str]:
    """Each line read as a day, none skipped: what `rated_on` and `introduced_on` answer."""
    days = days_given(lines, now.tzinfo)
    return {ln.split(" ")[1] for ln, on in zip(lines, days, strict=True) if on == now.date()}


_LINES = st.lists(
    st.tuples(
        st.sampled_from(["q1", "q2", "q3", "q4"]),
        st.integers(0, 8 * 24 * 60),  # minutes after 2026-11-15T00:00Z
        st.sampled_from([None, -12 * 60, -5 * 60, 0, 5 * 60 + 30, 14 * 60]),  # None: a `Z` line
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(
    lines=_LINES,
    hours=st.integers(0, 8 * 24),
    zone=st.sampled_from([-12 * 60, -5 * 60, 0, 9 * 60, 14 * 60]),
)
def test_the_days_ratings_read_from_near_lines_are_those_of_every_line(
    lines: list[tuple[str, int, int | None]], hours: int, zone: int
) -> None:
    """`rated_on` reads only the lines written within a day of the day, and `introduced_on`
    the times of questions with no line three days before it: over logs of offsets and `Z`
    lines, read in any zone, they name the questions reading every line names (`rated_on`
    kept for a log, a day and a zone: the same instant in another zone is asked afresh)."""
    start = datetime(2026, 11, 15, tzinfo=UTC)
    log = [
        review_line(
            q,
            (start + timedelta(minutes=m)).astimezone(timezone(timedelta(minutes=off or 0))),
            3,
            seconds=30,
            known=off is not None,
        )
        for q, m, off in lines
    ]
    progress = Progress(log="".join(log))
    now = (start + timedelta(hours=hours)).astimezone(timezone(timedelta(minutes=zone)))
    text = [ln.rstrip("\n") for ln in log]
    assert rated_on(progress, now) == _plain_given_on(text, now)
    rated_on(progress, now).add("changed by its caller")  # each caller its own set
    assert rated_on(progress, now) == _plain_given_on(text, now)
    other = now.astimezone(timezone(timedelta(minutes=-zone - 60)))  # the same instant
    assert rated_on(progress, other) == _plain_given_on(text, other)
    first: dict[str, tuple[datetime, str]] = {}
    for ln in text:
        at, q = ln.split(" ")[:2]
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
        if q not in first or when < first[q][0]:
            first[q] = (when, ln)
    assert introduced_on(progress, now) == _plain_given_on([ln for _, ln in first.values()], now)
