"""Mock rounds: which questions a mock asks, how its record grows, what the history says."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import reviews, run

from emprep.core import mock
from emprep.core.errors import EmprepError
from emprep.core.models import Mock, MockAnswer, Progress
from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.storage import progress_text, store

MOMENT = datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_plan_length_follows_the_minutes(pack: Pack) -> None:
    people = pack.round("people")
    for minutes, slots, spare in [
        (60, [600] * 5, 600),  # the full round: minutes kept for the candidate's questions
        (45, [600] * 4, 300),
        (20, [600] * 2, 0),
        (3, [180], 0),
        (1, [60], 0),
    ]:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=people, minutes=minutes, scope=pack.questions
        )
        assert ([i.seconds for i in plan.items], plan.spare) == (slots, spare), minutes


def test_a_full_round_ends_with_minutes_for_the_candidate_s_questions(pack: Pack) -> None:
    """Six questions of 10:00 filled the 60-minute people round, so the mock went from the last
    answer to the scores with no time for the questions the candidate asks, which every real
    round ends with. A mock as long as the real round keeps at least 5:00 for them; a shorter
    practice (`--minutes`) is all questions, as before."""
    for r in pack.rounds:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=r, minutes=r.minutes, scope=pack.questions
        )
        assert plan.spare >= 5 * 60, r.id
    listed = run("mock", "--round", "people", "--list", env={"EMPREP_NOW": "2026-11-20T09:00"})
    assert (listed.code, listed.stderr) == (0, "")
    assert listed.stdout.splitlines()[0] == (
        "Mock: People Management & Leadership, 60 min, 5 questions of 10:00 each, then 10:00 for "
        "your questions. Interviewer: Director of Engineering/VP of Engineering"
    )


def test_a_question_s_slot_follows_its_time_box_where_that_is_longer(pack: Pack) -> None:
    """Every question had ten minutes, the technical deep dive's design question too (its time
    box is 35 minutes): six questions in 60 minutes, the design in a sixth of the round."""
    technical = pack.round("technical")
    assert technical.question_minutes == 10
    for minutes, slots in [
        (60, [("tech-design-feature", 35), ("tech-tradeoff", 10), ("com-tech-debt", 10)]),
        (45, [("tech-design-feature", 35), ("tech-tradeoff", 10)]),
        (30, [("tech-improve-performance", 20), ("tech-tradeoff", 10)]),
        (5, [("tech-design-feature", 5)]),  # none fits: the first gets it all
    ]:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=technical, minutes=minutes, scope=pack.questions
        )
        assert [(i.question.id, i.seconds // 60) for i in plan.items] == slots, minutes
    assert pack.question("tech-design-feature").minutes == 35


def test_the_mock_list_says_each_question_s_slot() -> None:
    r = run("mock", "--round", "technical", "--list", env={"EMPREP_NOW": "2026-11-20T09:00"})
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.splitlines()[:5] == [
        "Mock: Technical Deep Dive, 60 min, 3 questions: 35:00, 10:00 and 10:00, then 5:00 for "
        "your questions. Interviewer: Senior Software Engineer/Engineering Lead",
        "#  id                   slot   kind    recall  stories  question",
        "1  tech-design-feature  35:00  unseen  -       -        Design a system for [a relevant "
        "Coursera feature, e.g., course recommendations].",
        "2  tech-tradeoff        10:00  unseen  -       -        Describe a time you had to make "
        "a significant technical trade-off. What was your reasoning?",
        "3  com-tech-debt        10:00  unseen  -       -        How do you balance technical "
        "debt with delivering new features?",
    ]
    doc = json.loads(run("mock", "--round", "tech", "--list", "--format", "json").stdout)
    assert doc["spare_seconds"] == 300
    assert [(i["id"], i["seconds"]) for i in doc["items"]] == [
        ("tech-design-feature", 2100),
        ("tech-tradeoff", 600),
        ("com-tech-debt", 600),
    ]


def test_a_mock_asks_one_long_exercise_at_most(pack: Pack) -> None:
    """The 60-minute technical deep dive asked the design (35:00) and then a performance
    question in a 20:00 slot: two whiteboards and nothing else, the guide's trade-off question
    (the round's technical leadership) never asked. One long exercise at most: a design that
    has been answered gives way to the weakest long question, and the rest are 10:00 slots."""
    technical = pack.round("technical")
    seen = record(Progress(), "tech-design-feature", 3, seconds=60, now=MOMENT - timedelta(days=1))
    plan = mock.plan_mock(pack, seen, MOMENT, r=technical, minutes=60, scope=pack.questions)
    assert [(i.question.id, i.seconds // 60) for i in plan.items] == [
        ("tech-improve-performance", 20),
        ("tech-tradeoff", 10),
        ("com-tech-debt", 10),
        ("com-complex-project", 10),
    ]
    assert plan.spare == 600


def test_the_recruiter_screen_asks_six_short_questions(pack: Pack) -> None:
    """The recruiter screen gave "Why are you interested in Coursera?" (a two-minute answer) a
    10:00 slot: four questions in 45 minutes, where a recruiter asks six or more and keeps
    time for the candidate's questions. Its slots are 6:00: six questions, then 9:00."""
    listed = run("mock", "--round", "recruiter", "--list", env={"EMPREP_NOW": "2026-11-20T09:00"})
    assert (listed.code, listed.stderr) == (0, "")
    assert listed.stdout.splitlines()[0] == (
        "Mock: Recruiter/HR Interview, 45 min, 6 questions of 6:00 each, then 9:00 for your "
        "questions. Interviewer: Recruiter/HR"
    )
    assert [line.split()[1] for line in listed.stdout.splitlines()[2:8]] == [
        "rec-why-coursera",
        "rec-em-experience",
        "rec-strengths-weaknesses",
        "com-online-education",
        "rec-why-leaving",
        "rec-mission-values",
    ]


def test_unseen_first_then_the_weakest(pack: Pack) -> None:
    people = [q for q in pack.questions if "people" in q.rounds]
    p = Progress()
    for q in people[:-3]:
        p = record(p, q.id, 3, seconds=30, now=MOMENT - timedelta(days=30))
    p = record(p, people[0].id, 1, seconds=30, now=MOMENT - timedelta(days=1))
    plan = mock.plan_mock(pack, p, MOMENT, r=pack.round("people"), minutes=60, scope=pack.questions)
    kinds = [i.kind for i in plan.items]
    assert kinds[:3] == ["unseen"] * 3
    assert {i.question.id for i in plan.items[:3]} == {q.id for q in people[-3:]}
    recalls = [i.recall for i in plan.items[3:]]
    assert all(r is not None for r in recalls)
    assert recalls == sorted(recalls)  # type: ignore[type-var]


def test_mock_records_round_trip_and_history_trend(pack: Pack) -> None:
    r = pack.round("people")
    plan = mock.plan_mock(pack, Progress(), MOMENT, r=r, minutes=20, scope=pack.questions)
    p = Progress()
    for day, scores in [(0, [2, 3, 3, 1, 4]), (1, [3, 3, 4, 2, 4])]:
        at = MOMENT + timedelta(days=day)
        p = mock.start(p, plan, at)
        p = mock.answer(p, at, plan.items[0].question.id, rating=3, seconds=70, now=at)
        p = mock.finish(
            p,
            at,
            dict(zip(r.criteria, scores, strict=True)),
            rejections=[r.rejection_reasons[1]],
            now=at,
        )
    assert store.parse(progress_text.dumps(p), Path("x.toml")) == p
    assert len(reviews(p)) == 2  # each answer went through FSRS too
    [h] = mock.history(pack, p, MOMENT)
    assert (h.mocks, h.answered, h.last) == (2, 2, (MOMENT + timedelta(days=1)).date())
    assert h.trend == dict(zip(r.criteria, [1, 0, 1, 1, 0], strict=True))
    assert h.weakest == ["Conflict resolution"]
    assert h.mean is not None and round(h.mean, 2) == 3.2
    assert h.mean_change is not None and round(h.mean_change, 2) == 0.6


def test_a_mock_scored_in_part_has_no_weakest_and_no_mean_change(pack: Pack) -> None:
    r = pack.round("people")
    plan = mock.plan_mock(pack, Progress(), MOMENT, r=r, minutes=20, scope=pack.questions)
    p = Progress()
    for day, scores in [(0, [2, 3, 3, 1, 4]), (1, [4])]:
        at = MOMENT + timedelta(days=day)
        p = mock.start(p, plan, at)
        p = mock.finish(
            p,
            at,
            dict(zip(r.criteria, scores, strict=False)),
            rejections=[],
            finished=day == 0,
            now=at,
        )
    [h] = mock.history(pack, p, MOMENT)
    assert (h.scored, h.mean, h.mean_change, h.weakest) == (1, 4.0, None, [])
    assert h.trend == {"People management skills": 2}


def test_the_rounds_own_guide_questions_come_first(pack: Pack) -> None:
    for r in pack.rounds:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=r, minutes=r.minutes, scope=pack.questions
        )
        listed = [q.id for q in pack.questions if q.placed_by == "guide" and r.id in q.rounds]
        assert len(listed) == 3, r.id
        taken = [i.question.id for i in plan.items]
        guide = [x for x in listed if x in taken]  # the deep dive's perf is a second long one
        assert (len(guide), taken[: len(guide)]) == (2 if r.id == "technical" else 3, guide)
        common = [i.question.common for i in plan.items[len(guide) :]]
        assert common == sorted(common, reverse=True), r.id  # the common ones next


def test_a_round_no_question_of_the_pack_asks_is_said_as_such(pack: Pack) -> None:
    """Before, "round strategic has no questions for this track" for a pack (`--data`) whose
    round no question asks, whatever the track."""
    strategic = pack.round("strategic")
    others = [q for q in pack.questions if "strategic" not in q.rounds]
    bare = replace(pack, questions=others)
    with pytest.raises(EmprepError) as e:
        mock.plan_mock(bare, Progress(), MOMENT, r=strategic, minutes=45, scope=others)
    assert str(e.value) == (
        "round strategic: no question of the loop pack in use asks it; try another --round, "
        "or give the round questions in the pack's questions.toml"
    )
    with pytest.raises(EmprepError) as e:
        mock.plan_mock(pack, Progress(), MOMENT, r=strategic, minutes=45, scope=others)
    assert str(e.value) == "round strategic has no questions for this track; try another --round"


def test_a_mock_left_part_way_goes_on_in_the_minutes_its_answers_leave(pack: Pack) -> None:
    """The technical mock's first question (a 10:00 slot) answered, then the terminal closed:
    going on asks the other two in their slots, in the 50 minutes left, 5:00 still kept for
    the candidate's questions; once every question has its answer, the scores alone. A mock
    scored, or a later one of the round finished, leaves nothing to go on with."""
    tech = pack.round("technical")
    plan = mock.plan_mock(pack, Progress(), MOMENT, r=tech, minutes=60, scope=pack.questions)
    slots = [(i.question.id, i.seconds) for i in plan.items]
    begun = mock.start(Progress(), plan, MOMENT)
    first = slots[0][0]
    one = mock.answer(begun, MOMENT, first, rating=3, seconds=300, now=MOMENT)
    left = mock.left_part_way(one, "technical")
    assert left is not None and mock.left_part_way(one) == left
    assert mock.left_part_way(one, "people") is None
    rest = mock.continued(pack, one, left, MOMENT)
    assert (rest.minutes, [(i.question.id, i.seconds) for i in rest.items], rest.spare) == (
        60 - slots[0][1] // 60,
        slots[1:],
        plan.spare,
    )
    every = one
    for qid, _ in slots[1:]:
        every = mock.answer(every, MOMENT, qid, rating=3, seconds=60, now=MOMENT)
    last = mock.left_part_way(every)
    assert last is not None and mock.continued(pack, every, last, MOMENT).items == []
    scored = mock.finish(every, MOMENT, {"Technical leadership": 4}, rejections=[], now=MOMENT)
    assert mock.left_part_way(scored) is None
    assert [h.part_way for h in mock.history(pack, one, MOMENT)] == [True]
    assert [h.part_way for h in mock.history(pack, scored, MOMENT)] == [False]
    # an executive mock finished since: `--continue` alone still finds the technical one
    exe = pack.round("executive")
    later = MOMENT + timedelta(days=2)
    other = mock.plan_mock(pack, one, later, r=exe, minutes=10, scope=pack.questions)
    after = mock.start(one, other, later)
    after = mock.finish(after, later, {c: 3 for c in exe.criteria}, rejections=[], now=later)
    assert mock.left_part_way(after) == left
    assert mock.left_part_way(after, "executive") is None


@pytest.mark.parametrize(
    ("answered", "day"),
    [
        ("2026-11-20T01:50:00Z", date(2026, 11, 19)),
        ("2026-11-20T01:50:00+00:00", date(2026, 11, 20)),
        ("2026-11-19T20:50:00-05:00", date(2026, 11, 19)),
    ],
)
def test_scores_given_at_utc_are_read_at_utc_where_its_answers_were_logged_there(
    answered: str, day: date
) -> None:
    """A mock's scores keep the day they were given on where they were given, but TOML reads
    +00:00 (London in winter) as it reads UTC, the time of scores saved before zones were
    kept, which are read in the reader's zone: scores at 02:00 on the 20th were the 19th's
    in New York however given. The mock's answer, logged as a rating, tells them apart: its
    line at +00:00 was logged where the scores were given, London, so they are the 20th's;
    a `Z` line is from before zones were kept, and one at another offset says the scores at
    +00:00 are not from where it was answered: both read as before, in the reader's zone."""
    import tomllib
    from zoneinfo import ZoneInfo

    new_york = datetime(2026, 11, 21, 12, tzinfo=ZoneInfo("America/New_York"))
    paris = datetime(2026, 11, 20, 3, tzinfo=timezone(timedelta(hours=1)))
    london = datetime(2026, 11, 20, 2, tzinfo=UTC)
    written = tomllib.loads("scored = 2026-11-20T02:00:00+00:00")["scored"]
    assert (written, written.tzinfo) == (london, UTC)  # as `Z` reads: nothing of the zone kept
    begun = Mock(
        round="people",
        at=datetime(2026, 11, 20, 1, 45, tzinfo=UTC),
        minutes=30,
        questions=["ppl-burnout"],
        answers=[MockAnswer(question="ppl-burnout", rating=3, seconds=240)],
    )
    log = f"2026-11-18T09:00:00+00:00 ppl-burnout 3 60\n{answered} ppl-burnout 3 240\n"
    assert mock.day_given(replace(begun, scored=paris), log, new_york) == date(2026, 11, 20)
    assert mock.day_given(replace(begun, scored=london), log, new_york) == day
    assert mock.day_given(replace(begun, scored=london), "", new_york) == date(2026, 11, 19)
