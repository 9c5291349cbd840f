"""A drill's or a mock's journal: every answer as it is given, kept beside the progress file
until the session ends. An answer whose save failed, or one a copied-back backup took away, is
saved again from it (`emprep drill --resume`, `emprep mock --resume`), and nothing twice.

Pure: the progress comes in, the progress with what it lacked goes out.
"""

from __future__ import annotations

from dataclasses import field, replace
from datetime import UTC, datetime
from typing import Annotated

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError
from emprep.core.models import (
    CONFIG,
    Mock,
    Moment,
    Progress,
    Rating,
    ReviewEntry,
    Rule,
    Seconds,
    Text,
    review_entry,
    stamp,
)
from emprep.core.scheduler import CLOCK_SLACK, answer_seconds, record


@datatype
class Rated:
    """One answer rated: as `emprep review` would record it, at the moment it was given."""

    __pydantic_config__ = CONFIG
    question: Text
    rating: Rating
    seconds: Seconds
    at: Moment


@datatype
class Journal:
    """The ratings a session gave and still stand (one taken back with `u` is gone); a mock's
    journal also holds the mock as begun, then its scores and the reasons ticked."""

    __pydantic_config__ = CONFIG
    kind: Annotated[str, Rule(pattern=r"^(drill|mock)$")]
    ratings: list[Rated] = field(default_factory=list)
    mock: Mock | None = None


@datatype
class Replayed:
    """What a replay did: the questions it saved, the answers the file already held, those
    left out because the question was rated again since, and whether it added the mock."""

    saved: list[str] = field(default_factory=list)
    held: int = 0
    passed: list[str] = field(default_factory=list)
    mock_added: bool = False
    scores_saved: bool = False


def rated(
    journal: Journal, question_id: str, rating: int, *, seconds: int, at: datetime
) -> Journal:
    """The journal with one more answer, its seconds as the log keeps them (a prompt left
    open overnight counts as the most there is), so that `--resume` reads it and finds it; its
    moment keeps its local offset, so the line a replay writes keeps the day it was given on."""
    entry = Rated(question_id, rating, answer_seconds(seconds), stamp(at).astimezone(at.tzinfo))
    return replace(journal, ratings=[*journal.ratings, entry])


def taken_back(journal: Journal, question_id: str) -> Journal:
    """The journal without the last rating of `question_id` (the drill's `u`)."""
    for i in range(len(journal.ratings) - 1, -1, -1):
        if journal.ratings[i].question == question_id:
            return replace(journal, ratings=journal.ratings[:i] + journal.ratings[i + 1 :])
    return journal


def without(journal: Journal, entry: ReviewEntry) -> Journal:
    """The journal without its answer that is the review log's `entry` (the one `emprep undo`
    took back), so that `--resume` does not give it back; the journal itself if none is."""
    for i, r in enumerate(journal.ratings):
        same = (r.question, r.rating, r.seconds) == (entry.question, entry.rating, entry.seconds)
        if same and r.at <= entry.at <= r.at + CLOCK_SLACK:
            return replace(journal, ratings=journal.ratings[:i] + journal.ratings[i + 1 :])
    return journal


def not_ahead(journal: Journal, now: datetime) -> None:
    """Refused: a journal holding an answer dated after `now` (beyond the clock's slack). Its
    session ran with the clock set ahead (or EMPREP_NOW); saved, the answer would date the
    question's last review in the future, and every rating of it until then be refused."""
    moments = [r.at for r in journal.ratings] + ([journal.mock.at] if journal.mock else [])
    if not moments or max(moments) <= now + CLOCK_SLACK:
        return
    late = max(moments)
    first = next((r for r in journal.ratings if r.at > now + CLOCK_SLACK), None)
    what = f"its rating of {first.question}" if first else "its mock"
    when = first.at if first else late
    raise EmprepError(
        f"{what} is dated {when.astimezone(UTC):%Y-%m-%d %H:%M} UTC, after the clock's "
        f"{now.astimezone(UTC):%Y-%m-%d %H:%M} UTC: the {journal.kind} ran with the clock set "
        f"ahead (or EMPREP_NOW); resume it at that time "
        f"(EMPREP_NOW={late.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}), or set its `at` in the draft "
        "to when it was given"
    )


def replay(progress: Progress, journal: Journal) -> tuple[Progress, Replayed]:
    """`progress` with what the journal holds and it lacks. A rating already in the review log
    (at its moment, or moved to the question's last review within the clock's slack) is not
    given twice; one older than the question's last review, by any time, was rated again
    since (perhaps by `emprep review`), so it is left out: the newer answer stands, and FSRS
    cannot take a review in the past."""
    done = Replayed()
    if journal.mock is None:
        for r in journal.ratings:
            progress = _rating(progress, r, done)
        return progress, done
    return _mock(progress, journal.mock, journal.ratings, done)


def _rating(progress: Progress, r: Rated, done: Replayed) -> Progress:
    """`progress` with the journal's rating `r` unless the log holds it or the question was
    rated since (see `replay`); `done` counts which."""
    if _logged(progress, r):
        done.held += 1
        return progress
    if _rated_since(progress, r):
        done.passed.append(r.question)
        return progress
    done.saved.append(r.question)
    return record(progress, r.question, r.rating, seconds=r.seconds, now=r.at)


def _logged(progress: Progress, r: Rated) -> bool:
    """The log holds `r`'s answer at its moment, or up to the clock's slack after it (where
    `record` moved it to the question's last review, see `replay`)."""
    same = (r.question, r.rating, r.seconds)
    for line in progress.log.splitlines():
        e = review_entry(line)
        if (e.question, e.rating, e.seconds) == same and r.at <= e.at <= r.at + CLOCK_SLACK:
            return True
    return False


def _rated_since(progress: Progress, r: Rated) -> bool:
    """The question's last review is after `r`: rated again since, the newer answer stands."""
    card = progress.cards.get(r.question)
    last = card.last_review if card else None
    return last is not None and r.at < last


def _mock(
    progress: Progress, begun: Mock, ratings: list[Rated], done: Replayed
) -> tuple[Progress, Replayed]:
    """The mock that began at `begun.at`: added if the file lacks it, its answers the file
    lacks appended (each through FSRS, as in the mock), then its scores. A mock asks each
    question once, so an answer is known by its question: a continued mock's draft holds the
    answers it began with in `begun`, and its own in `ratings`."""
    from emprep.core.mock import finish

    at = stamp(begun.at)
    found = [m for m in progress.mocks if m.at == at]
    if not found:
        done.mock_added = True
        found = [replace(begun, scores={}, rejections=[], finished=False)]
        progress = replace(progress, mocks=[*progress.mocks, found[0]])
    mock = found[0]
    known = {a.question for a in begun.answers} | {r.question for r in ratings}
    if any(a.question not in known for a in mock.answers):
        raise EmprepError(
            f"the mock begun at {at} holds answers this draft lacks; the draft is older than "
            "the file, so nothing in it is missing there: remove the draft"
        )
    answered = {a.question for a in mock.answers}
    for r in ratings:
        if r.question in answered:
            done.held += 1
        else:
            progress = _answer(progress, at, r, done)
    wanted = (begun.scores, begun.rejections, begun.finished)
    if begun.scores and (mock.scores, mock.rejections, mock.finished) != wanted:
        done.scores_saved = True
        progress = finish(
            progress,
            at,
            begun.scores,
            rejections=begun.rejections,
            finished=begun.finished,
            now=begun.scored or begun.at,
        )
    return progress, done


def _answer(progress: Progress, at: datetime, r: Rated, done: Replayed) -> Progress:
    """One mock answer: in the mock's record, and through FSRS unless the log has it already
    or the question was rated again since."""
    from emprep.core.mock import answered

    progress = answered(progress, at, r.question, rating=r.rating, seconds=r.seconds)
    return _rating(progress, r, done)
