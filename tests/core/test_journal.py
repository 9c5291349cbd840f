"""A session's journal replayed: what the progress lacks is saved, nothing twice; a rating
older than the question's last review is left out; a mock comes back whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from emprep.core.journal import Journal, rated, replay, taken_back
from emprep.core.models import Mock, Progress, review_entry
from emprep.core.scheduler import record
from emprep.storage.journal import read, text

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _log(progress: Progress) -> list[tuple[str, int, int]]:
    return [(e.question, e.rating, e.seconds) for e in map(review_entry, progress.log.splitlines())]


def test_a_replay_saves_what_the_progress_lacks_and_nothing_twice() -> None:
    j = rated(Journal("drill"), "rec-why-coursera", 3, seconds=40, at=AT)
    j = rated(j, "exe-scaling", 2, seconds=90, at=AT + timedelta(minutes=3))
    held = record(Progress(), "rec-why-coursera", 3, seconds=40, now=AT)
    after, did = replay(held, j)
    assert (did.saved, did.held, did.passed) == (["exe-scaling"], 1, [])
    assert _log(after) == [("rec-why-coursera", 3, 40), ("exe-scaling", 2, 90)]
    again, did = replay(after, j)
    assert (again, did.saved, did.held) == (after, [], 2)


def test_a_rating_older_than_the_questions_last_review_is_left_out() -> None:
    """Rated again since (`emprep review`, another drill): FSRS cannot take a review before
    the last, and the person has given a newer rating."""
    j = rated(Journal("drill"), "rec-why-coursera", 1, seconds=5, at=AT)
    later = record(Progress(), "rec-why-coursera", 4, seconds=5, now=AT + timedelta(hours=1))
    after, did = replay(later, j)
    assert (after, did.saved, did.passed) == (later, [], ["rec-why-coursera"])


def test_a_rating_taken_back_leaves_the_journal() -> None:
    j = rated(Journal("drill"), "rec-why-coursera", 1, seconds=5, at=AT)
    j = rated(j, "exe-scaling", 3, seconds=5, at=AT)
    j = rated(j, "rec-why-coursera", 3, seconds=7, at=AT)
    kept = taken_back(j, "rec-why-coursera")
    assert [(r.question, r.rating) for r in kept.ratings] == [
        ("rec-why-coursera", 1),
        ("exe-scaling", 3),
    ]
    assert taken_back(Journal("drill"), "exe-scaling") == Journal("drill")


def test_a_mock_the_progress_lacks_comes_back_with_its_answers_and_scores() -> None:
    begun = Mock("technical", AT, 30, ["tech-a", "tech-b"])
    j = rated(Journal("mock", mock=begun), "tech-a", 2, seconds=60, at=AT)
    j = rated(j, "tech-b", 3, seconds=70, at=AT + timedelta(minutes=5))
    j = replace(j, mock=replace(begun, scores={"Depth": 4}, rejections=["Vague"], finished=True))
    after, did = replay(Progress(), j)
    assert (did.mock_added, did.saved, did.scores_saved) == (True, ["tech-a", "tech-b"], True)
    [m] = after.mocks
    assert [(a.question, a.rating) for a in m.answers] == [("tech-a", 2), ("tech-b", 3)]
    assert (m.scores, m.rejections, m.finished) == ({"Depth": 4}, ["Vague"], True)
    assert _log(after) == [("tech-a", 2, 60), ("tech-b", 3, 70)]
    again, did = replay(after, j)
    assert (again, did.mock_added, did.saved, did.held, did.scores_saved) == (
        after,
        False,
        [],
        2,
        False,
    )


def test_an_answer_timed_past_a_day_is_kept_as_the_log_keeps_it(tmp_path: Path) -> None:
    """A prompt left open overnight: the draft held 86,405 seconds, which `--resume` refused
    (the most is 86,400), and the log's capped line never matched it."""
    j = rated(Journal("drill"), "rec-why-coursera", 3, seconds=86_405, at=AT)
    draft = tmp_path / "drill.toml"
    draft.write_text(text(j))
    back = read(draft, "drill")
    assert [(r.question, r.seconds) for r in back.ratings] == [("rec-why-coursera", 86_400)]
    held = record(Progress(), "rec-why-coursera", 3, seconds=86_405, now=AT)
    after, did = replay(held, back)
    assert (after, did.saved, did.held) == (held, [], 1)


def test_a_draft_replayed_in_another_zone_logs_the_day_it_was_given_on(tmp_path: Path) -> None:
    """A drill killed at 23:05 in New York and resumed in London: the draft keeps the offset
    the answer was given at, so the line `--resume` writes keeps its evening."""
    at = datetime(2026, 11, 20, 23, 5, 30, 500, tzinfo=ZoneInfo("America/New_York"))
    draft = tmp_path / "drill.toml"
    draft.write_text(text(rated(Journal("drill"), "rec-why-coursera", 3, seconds=40, at=at)))
    after, _ = replay(Progress(), read(draft, "drill"))
    assert after.log == "2026-11-20T23:05:30-05:00 rec-why-coursera 3 40\n"


def test_a_rating_given_since_within_minutes_still_wins_over_the_draft() -> None:
    """Before, a draft's Again at 09:00 resumed after `emprep review ... good` at 09:05 (less
    than the clock's slack later) was saved after it, moved to 09:05: the card ended on the
    older answer, and the log said Again last."""
    j = rated(Journal("drill"), "rec-why-coursera", 1, seconds=5, at=AT)
    later = record(Progress(), "rec-why-coursera", 3, seconds=5, now=AT + timedelta(minutes=5))
    after, did = replay(later, j)
    assert (after, did.saved, did.passed) == (later, [], ["rec-why-coursera"])
