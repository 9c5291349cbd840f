"""Mock rounds: which questions a mock asks, how its record grows, what the history says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import reviews

from emprep.core import mock
from emprep.core.models import Progress
from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.storage import progress_text, store

MOMENT = datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_plan_length_follows_the_minutes(pack: Pack) -> None:
    people = pack.round("people")
    for minutes, n, each in [(60, 6, 600), (45, 4, 675), (20, 2, 600), (3, 1, 180), (1, 1, 60)]:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=people, minutes=minutes, scope=pack.questions
        )
        assert (len(plan.items), plan.seconds_each) == (n, each), minutes


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
            p, at, dict(zip(r.criteria, scores, strict=True)), rejections=[r.rejection_reasons[1]]
        )
    assert store.parse(progress_text.dumps(p), Path("x.toml")) == p
    assert len(reviews(p)) == 2  # each answer went through FSRS too
    [h] = mock.history(pack, p, MOMENT)
    assert (h.mocks, h.answered, h.last) == (2, 2, (MOMENT + timedelta(days=1)).date())
    assert h.trend == dict(zip(r.criteria, [1, 0, 1, 1, 0], strict=True))
    assert h.weakest == "Conflict resolution"
    assert h.mean is not None and round(h.mean, 2) == 3.2
    assert h.mean_change is not None and round(h.mean_change, 2) == 0.6


def test_the_rounds_own_guide_questions_come_first(pack: Pack) -> None:
    for r in pack.rounds:
        plan = mock.plan_mock(
            pack, Progress(), MOMENT, r=r, minutes=r.minutes, scope=pack.questions
        )
        listed = [q.id for q in pack.questions if q.placed_by == "guide" and r.id in q.rounds]
        assert len(listed) == 3, r.id
        assert [i.question.id for i in plan.items[:3]] == listed, r.id
        assert all(i.question.common for i in plan.items[3:]), r.id
