from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from emprep.core.calibration import recall
from emprep.core.drill import FADED, choose
from emprep.core.models import Progress
from emprep.core.passes import deadline_pace
from emprep.core.scheduler import interview_moment, record

DAY = date(2026, 11, 2)
UNSEEN = [f"q{i:02}" for i in range(19)]


@pytest.mark.parametrize(("days_since", "first"), [(27, "seen"), (20, "q00")])
def test_a_fading_second_sight_comes_before_new_questions_that_would_take_every_place(
    days_since: int, first: str
) -> None:
    """Two a day, 19 questions unseen and one answered well 20 or 27 days before, 30 days to
    go: the new questions' pace takes both places every day, and the places left can show every
    question twice. Once its predicted recall has fallen to FADED, the question seen once comes
    first; before that, the day is the new questions'."""
    answered = datetime.combine(DAY - timedelta(days=days_since), datetime.min.time(), UTC)
    cards = record(Progress(), "seen", 3, seconds=30, now=answered).cards
    deadlines = dict.fromkeys(["seen", *UNSEEN], DAY + timedelta(days=30))
    pace = deadline_pace(DAY, [*UNSEEN, "seen"], deadlines, count=2, rest=frozenset())
    assert pace.new_quota(UNSEEN) == 2  # 19 over half of the 30 days before a 10-day pass
    fallen = recall(cards["seen"], interview_moment(DAY, UTC))
    assert (fallen <= FADED) == (first == "seen")
    assert round(fallen, 3) == {27: 0.676, 20: 0.705}[days_since]
    choice = choose(
        today=DAY,
        tz=UTC,
        cards=cards,
        scope=["seen", *UNSEEN],
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
