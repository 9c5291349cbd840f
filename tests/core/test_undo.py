"""Taking back a rating: the card rebuilt from the ratings left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from emprep.core.models import Progress, review_entry
from emprep.core.scheduler import record
from emprep.core.undo import rebuilt

START = datetime(2026, 1, 1, tzinfo=UTC)


def _ratings(n: int) -> list[str]:
    return [
        f"{START + timedelta(minutes=20 * i):%Y-%m-%dT%H:%M:%SZ} exe-scaling {1 + i % 4} 30"
        for i in range(n)
    ]


def test_the_card_rebuilt_is_the_one_the_ratings_made() -> None:
    entries = [review_entry(line) for line in _ratings(9)]
    made = Progress()
    for e in entries:
        made = record(made, "exe-scaling", e.rating, seconds=e.seconds, now=e.at)
    assert rebuilt("exe-scaling", list(reversed(entries))) == made.cards["exe-scaling"]
    assert rebuilt("exe-scaling", []) is None


def test_each_rating_is_recorded_on_a_progress_holding_the_card_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each rating was recorded on a progress whose log grew by a line and was copied whole:
    20,000 ratings of a question took 7.6 s, a file near the 64 MB limit hours (`undo` of
    it ran 12 minutes before it was stopped). The card alone is carried from one to the next."""
    from emprep.core import undo

    given: list[tuple[int, int]] = []

    def recorded(progress: Progress, *args: Any, **kwargs: Any) -> Progress:
        given.append((len(progress.log), len(progress.cards)))
        return record(progress, *args, **kwargs)

    monkeypatch.setattr(undo, "record", recorded)
    entries = [review_entry(line) for line in _ratings(300)]
    card = rebuilt("exe-scaling", entries)
    assert given == [(0, 0)] + [(0, 1)] * 299
    made = Progress()
    for e in entries:
        made = record(made, "exe-scaling", e.rating, seconds=e.seconds, now=e.at)
    assert card == made.cards["exe-scaling"]
