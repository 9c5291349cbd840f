"""`calibration.reviewed`, the pace forecast's FSRS step, is fsrs's own review to the last bit."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.calibration import reviewed
from emprep.core.scheduler import scheduler

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _fields(card: Card) -> tuple[object, ...]:
    return (
        card.card_id,
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
    )


def _same(card: Card, rating: int, when: datetime) -> Card:
    """Both steps from `card`; asserts they agree in every field, bit for bit."""
    ours = reviewed(card, rating, when)
    theirs, _ = scheduler().review_card(card, Rating(rating), when)
    assert _fields(ours) == _fields(theirs)
    for a, b in ((ours.stability, theirs.stability), (ours.difficulty, theirs.difficulty)):
        assert a is None or (math.copysign(1, a) == math.copysign(1, b) and a.hex() == b.hex())
    return theirs


@settings(max_examples=300, deadline=None)
@given(
    steps=st.lists(st.tuples(st.integers(0, 24 * 400), st.integers(1, 4)), min_size=1, max_size=40)
)
def test_a_history_of_reviews_steps_as_fsrs_does(steps: list[tuple[int, int]]) -> None:
    card, when = Card(card_id=7, due=T0), T0
    for hours, rating in steps:
        when += timedelta(hours=hours)
        card = _same(card, rating, when)


maybe = st.one_of(st.none(), st.floats(0.001, 40_000, allow_nan=False))


@settings(max_examples=500, deadline=None)
@given(
    state=st.sampled_from(list(State)),
    step=st.one_of(st.none(), st.integers(0, 3)),
    stability=maybe,
    difficulty=st.one_of(st.none(), st.floats(1.0, 10.0)),
    last=st.one_of(st.none(), st.integers(0, 24 * 3000)),
    later=st.integers(0, 24 * 3000),
    rating=st.integers(1, 4),
)
def test_any_card_fsrs_accepts_steps_as_fsrs_does(
    state: State,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    last: int | None,
    later: int,
    rating: int,
) -> None:
    """Every state, step and memory, a step fsrs itself refuses included (both refuse)."""
    last_review = None if last is None else T0 + timedelta(hours=last)
    when = (last_review or T0) + timedelta(hours=later)
    card = Card(7, state, step, stability, difficulty, when, last_review)
    try:
        expected = _fields(scheduler().review_card(card, Rating(rating), when)[0])
    except (AssertionError, TypeError):
        return  # fsrs refuses the card; `reviewed` hands such a card to fsrs
    assert _fields(reviewed(card, rating, when)) == expected
