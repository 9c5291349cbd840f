"""Taking back a rating: the log loses its line and the card is rebuilt from the lines left; a
rating given in a mock leaves the mock's answers too.

A card is a pure function of its question's ratings (FSRS with fuzzing off), so replaying the
log gives exactly the state those ratings made; nothing else needs to be remembered.
"""

from __future__ import annotations

from dataclasses import replace

from emprep.core.errors import EmprepError
from emprep.core.models import CardState, Mock, MockAnswer, Progress, ReviewEntry, review_entry
from emprep.core.scheduler import record


def last_review(progress: Progress, question_id: str | None = None) -> ReviewEntry | None:
    """The rating given last (of one question, if given): the log's last line, as each rating
    is added at its end. Not the latest by its time: a clock set back between two ratings of
    two questions (one of a question is never before its last) would take back the other."""
    entries = [review_entry(line) for line in progress.log.splitlines()]
    return next((e for e in reversed(entries) if question_id in (None, e.question)), None)


def rebuilt(question_id: str, entries: list[ReviewEntry]) -> CardState | None:
    """The card the ratings `entries` make, oldest first; None without any. Each rating is
    recorded on a progress holding the card alone: one whose log grew at each copied it whole
    every time, and a million ratings took hours."""
    card = None
    for e in sorted(entries, key=lambda e: e.at):
        alone = Progress(cards={} if card is None else {question_id: card})
        card = record(alone, question_id, e.rating, seconds=e.seconds, now=e.at).cards[question_id]
    return card


def mock_of(progress: Progress, entry: ReviewEntry) -> Mock | None:
    """The mock that gave the rating `entry`: the latest begun before it, holding an answer
    with its question, rating and seconds (a mock logs each answer as a rating), when `entry`
    is its question's first rating since: a mock asks a question once, a drill may rate it
    again after."""
    begun = [m for m in progress.mocks if m.at <= entry.at]
    if not begun:
        return None
    mock = max(begun, key=lambda m: m.at)
    since = (review_entry(line) for line in progress.log.splitlines())
    first = min(e.at for e in since if e.question == entry.question and e.at >= mock.at)
    return mock if entry.at == first and _answer(entry) in mock.answers else None


def _answer(entry: ReviewEntry) -> MockAnswer:
    """The mock answer a rating in a mock logged as `entry`."""
    return MockAnswer(question=entry.question, rating=entry.rating, seconds=entry.seconds)


def _without_answer(progress: Progress, entry: ReviewEntry) -> list[Mock]:
    """The mocks, the one that gave `entry` (`mock_of`) without that answer."""
    mock = mock_of(progress, entry)
    if mock is None:
        return progress.mocks
    answers = list(mock.answers)
    answers.reverse()
    answers.remove(_answer(entry))  # the later of two equal answers
    answers.reverse()
    return [replace(m, answers=answers) if m is mock else m for m in progress.mocks]


class Gone(EmprepError):
    """The rating to take back is not in the log any more: taken back elsewhere meanwhile."""


def undo(
    progress: Progress, question_id: str | None = None, *, entry: ReviewEntry | None = None
) -> Progress:
    """The progress without its latest rating (of `question_id`, if given), or without the
    rating `entry` (a drill's own, not one given since in another terminal): Gone if the log
    no longer holds it."""
    last = entry or last_review(progress, question_id)
    if last is None:
        which = f" of {question_id}" if question_id else ""
        raise EmprepError(f"nothing to undo: no rating{which} is recorded")
    lines = progress.log.splitlines(keepends=True)
    entries = [review_entry(line) for line in lines]
    if last not in entries:
        raise Gone(f"{last.question}: its rating of {last.at:%H:%M} is not in the log")
    drop = max(i for i, e in enumerate(entries) if e == last)  # the later of two equal lines
    kept = [line for i, line in enumerate(lines) if i != drop]
    card = rebuilt(
        last.question,
        [e for i, e in enumerate(entries) if i != drop and e.question == last.question],
    )
    cards = {k: v for k, v in progress.cards.items() if k != last.question}
    if card is not None:
        cards[last.question] = card
    mocks = _without_answer(progress, last)
    return replace(progress, cards=cards, log="".join(kept), mocks=mocks)
