"""Taking back a rating: the card rebuilt from the ratings left."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

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


def test_a_long_log_is_rebuilt_in_seconds_not_hours() -> None:
    """Each rating was recorded on a progress whose log grew by a line and was copied whole:
    20,000 ratings of a question took 7.6 s, a file near the 64 MB limit hours (`undo` of
    it ran 12 minutes before it was stopped)."""
    entries = [review_entry(line) for line in _ratings(40_000)]
    began = time.perf_counter()
    card = rebuilt("exe-scaling", entries)
    assert time.perf_counter() - began < 10
    assert card is not None and card.last_review == entries[-1].at
