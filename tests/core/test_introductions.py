from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from emprep.core.introductions import Introductions, intro_inputs, introductions
from emprep.core.models import Profile, Progress
from emprep.core.pack import Pack
from emprep.core.planner import Plan, with_questions
from emprep.core.practice import fitted, todays_drill
from emprep.core.profile import requested_plan
from emprep.core.scheduler import record
from emprep.core.settings import effective

START = date(2026, 11, 21)
LAST = date(2027, 1, 16)
# a new user's loop: the screen on day 35, the other rounds on days 45, 49, 52 and 56
STAGGERED = {
    "recruiter": date(2026, 12, 26),
    "technical": date(2027, 1, 5),
    "people": date(2027, 1, 9),
    "strategic": date(2027, 1, 12),
    "executive": LAST,
}


def week_of_first(plan: Plan, intro: Introductions) -> dict[str, int]:
    """The plan week each question is first asked in, for those first asked within it."""
    return {q: n for q, day in intro.first.items() if (n := plan.week_number(day)) is not None}


def listed(pack: Pack, progress: Progress, now: datetime) -> tuple[Plan, dict[str, int]]:
    """The plan as `emprep plan` makes it at `now`, and the week it lists each question in."""
    s = effective(progress.profile, pack.round_ids)
    plan = requested_plan(pack, progress, now.date(), tz=UTC)
    intro = introductions(intro_inputs(pack, progress, now, plan=plan, s=s, fit=fitted(progress)))
    return with_questions(plan, pack, intro.first), week_of_first(plan, intro)


def drilled(pack: Pack, progress: Progress, days: int) -> tuple[Progress, dict[str, int]]:
    """The drill run every day at 09:00 for `days` days, every answer Good: the progress after
    it, and the week (of seven days from the start) each question was first asked in."""
    first: dict[str, int] = {}
    for d in range(days):
        now = datetime(2026, 11, 21, 9, tzinfo=UTC) + timedelta(days=d)
        s = effective(progress.profile, pack.round_ids)
        for item in todays_drill(pack, progress, now, s=s, round_id=None).items:
            first.setdefault(item.question.id, d // 7 + 1)
            progress = record(progress, item.question.id, 3, seconds=60, now=now)
    return progress, first


@pytest.mark.parametrize(("rounds", "count"), [(STAGGERED, 10), ({}, 10), (STAGGERED, 3), ({}, 5)])
def test_every_question_the_plan_lists_for_a_week_the_drill_first_asks_in_that_week(
    pack: Pack, rounds: dict[str, date], count: int
) -> None:
    """Eight weeks drilled every day, every answer Good: the plan's weeks and the drill agree
    question by question (the guide's order had 14 of 103 in the week the plan said)."""
    profile = Profile(interview=LAST, start=START, track="hub", count=count, rounds=rounds)
    progress = Progress(profile=profile)
    plan, weeks = listed(pack, progress, datetime(2026, 11, 21, 9, tzinfo=UTC))
    _, first = drilled(pack, progress, 56)
    assert weeks == first
    assert {q.id: w.number for w in plan.weeks for q in w.questions} == first
    if count >= 5:
        assert len(first) == len(pack.questions_for("hub"))


def test_weeks_past_list_what_was_first_rated_in_them_and_the_rest_is_played_from_today(
    pack: Pack,
) -> None:
    """Two weeks in, with a day missed: the first two weeks list what the drill asked then,
    the weeks ahead what it will ask from today on."""
    profile = Profile(interview=LAST, start=START, track="hub", count=5, rounds=STAGGERED)
    progress, first = drilled(pack, Progress(profile=profile), 14)
    now = datetime(2026, 12, 6, 9, tzinfo=UTC)  # day 15: the 5th of December left out
    plan, weeks = listed(pack, progress, now)
    assert {q: w for q, w in weeks.items() if w <= 2} == first
    rest = {q: w for q, w in weeks.items() if w > 2}
    s = effective(progress.profile, pack.round_ids)
    asked = todays_drill(pack, progress, now, s=s, round_id=None).items
    new_today = [i.question.id for i in asked if i.question.id not in progress.cards]
    assert new_today and all(rest[q] == 3 for q in new_today)
    assert all(q.id in rest or q.id in first for w in plan.weeks for q in w.questions)


def test_a_track_lists_its_own_questions_only(pack: Pack) -> None:
    progress = Progress(profile=Profile(interview=LAST, start=START, track="remote", count=10))
    _, weeks = listed(pack, progress, datetime(2026, 11, 21, 9, tzinfo=UTC))
    assert "remote-underperformer" in weeks
    assert not any(q.startswith("hub-") for q in weeks)
    assert len(weeks) == sum(q.track != "hub" for q in pack.questions)


def test_a_plan_that_starts_later_lists_every_question_from_its_first_week(pack: Pack) -> None:
    """Before, with `config set start` two weeks ahead, the drill was played from today: the 70
    questions it asked before the plan's first day were in no week and not counted as
    unreached either. Played from the plan's first day, each is in a week or unreached."""
    start = date(2026, 12, 5)
    profile = Profile(interview=date(2027, 1, 15), start=start, track="hub", count=5)
    plan, _ = listed(pack, Progress(profile=profile), datetime(2026, 11, 21, 9, tzinfo=UTC))
    assert plan.weeks[0].start == start
    listed_ids = [q.id for w in plan.weeks for q in w.questions]
    assert sorted(listed_ids + plan.unreached) == sorted(q.id for q in pack.questions_for("hub"))
    assert [len(w.questions) for w in plan.weeks][:2] == [35, 35]
