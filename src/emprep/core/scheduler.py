"""FSRS for each question, and the rating log: the memory model the drill plans with.

Pure: `now` (timezone-aware) comes in; nothing is read or written. The day's choice is in
`drill`.
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Protocol

from emprep.core.errors import EmprepError, shown
from emprep.core.limits import MAX_SECONDS
from emprep.core.models import (
    CardState,
    Progress,
    days_given,
    lines_dated,
    log_facts,
    review_line,
    stamp,
)

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

TARGET = 0.9
# FSRS-6's forgetting curve with the default parameters, as fsrs.Scheduler computes it
# (_DECAY = -w[20], _FACTOR): predicting recall is what every warm command does, and fsrs with
# what it imports costs about 5 ms of start-up, so fsrs is imported only to rate a review.
# tests/core/test_scheduler.py holds `retrievability` equal to fsrs's own, to the last bit.
DECAY = -0.1542
FACTOR = 0.9 ** (1 / DECAY) - 1
DEFAULT_COUNT = 5
CLOCK_SLACK = timedelta(minutes=10)
RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
RATING_NAMES = {v: k.capitalize() for k, v in RATINGS.items()}
STEP = timedelta(days=1)  # the learning and relearning step: practice is daily


@cache
def scheduler() -> Scheduler:
    """FSRS with day-sized steps (practice is daily) and no fuzz (the drill is reproducible)."""
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=TARGET,
        learning_steps=(STEP,),
        relearning_steps=(STEP,),
        enable_fuzzing=False,
    )


def parse_rating(word: str) -> int:
    """1-4, a word (again, hard, good, easy) or its first letter; the number read as a count
    is (`limits.typed_as_number`: digits in any script, a Japanese keyboard's fullwidth 3 or
    an Arabic one, spaces around, `03`), and a fullwidth word. A word in ASCII is its own NFKC
    form: unicodedata is imported (0.3 ms of a rating) only for one that is not."""
    from emprep.core.limits import readable, typed_as_number

    if typed_as_number(word) and readable(word) and 1 <= int(word) <= 4:
        return int(word)
    if word.isascii():
        w = word.strip().lower()
    else:
        import unicodedata

        w = unicodedata.normalize("NFKC", word).strip().lower()
    for name, value in RATINGS.items():
        if w and name.startswith(w):
            return value
    raise EmprepError(
        f"unknown rating '{shown(word)}': use 1-4 or again, hard, good, easy (a, h, g, e)"
    )


class Memory(Protocol):
    """What predicted recall needs of a card: an fsrs Card or the stored CardState."""

    stability: float | None
    last_review: datetime | None


def elapsed_days(since: datetime, when: datetime) -> float:
    """Days from `since` to `when`, hours included. fsrs counts whole days, in rating a review
    and in its own retrievability; a prediction counting them so would call a question failed
    last evening certain this morning."""
    return max(0.0, (when - since).total_seconds() / 86400)


def retrievability(card: Memory, when: datetime) -> float:
    """FSRS's predicted probability of recalling the card at `when` (aware): FSRS-6's
    forgetting curve with the default parameters, without importing fsrs, over the time
    elapsed to the hour (fsrs's `get_card_retrievability` gives the same at whole days)."""
    if card.last_review is None or card.stability is None:
        return 0.0
    return float((1 + FACTOR * elapsed_days(card.last_review, when) / card.stability) ** DECAY)


def to_card(state: CardState) -> Card:
    """fsrs's Card of a stored card, to review or forecast it (fsrs imported on the call, not
    at start-up: see DECAY). Field by field, as `to_state` back, so that mypy checks each."""
    from fsrs import Card, State

    return Card(
        card_id=state.card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def to_state(card: Card) -> CardState:
    """The card as the progress file keeps it: `to_card` back."""
    return CardState(
        card_id=card.card_id,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def whole(card: CardState | None) -> bool:
    """A card FSRS can review again: a hand-edited one missing its memory state is left out
    of a forecast (played as unseen) rather than stopping it."""
    return card is not None and card.stability is not None and card.difficulty is not None


def interview_moment(day: date, tz: tzinfo | None) -> datetime:
    """Recall is predicted for 09:00 on interview day, in the candidate's time zone."""
    return datetime.combine(day, time(9), tzinfo=tz)


def recall(state: CardState, when: datetime) -> float:
    """FSRS's predicted probability of recalling the question at `when`."""
    return retrievability(state, when)


class Due(Memory, Protocol):
    due: datetime


class Stepped(Due, Protocol):
    @property
    def state(self) -> int: ...


def failed(card: Stepped) -> bool:
    """The card's last answer was an Again (a first sight, a lapse, or one while relearning).
    FSRS keeps a card it is learning or relearning in that state after a Hard as well, but a
    Hard is a recall (FSRS's sense, and Anki's): it brings the card back a step and a half
    on, an Again one step on (fsrs, with one step). tests/core/test_scheduler.py holds this
    equal to the last rating given, through fsrs itself."""
    if int(card.state) == 2:
        return False
    return card.last_review is None or card.due - card.last_review <= STEP


def due_day(card: Due, tz: tzinfo | None, given: datetime | None = None) -> date:
    """The local day a card falls due. FSRS adds its interval to the last review as hours, in
    UTC; its intervals are days of practice, so they are counted on the calendar from the last
    review's local time: a failure at 23:30 the evening the clocks go forward is due the next
    day, not the one after. That time is the one where the review was given (`given`, its
    line's time at its offset, when the card's last review is that one; else in `tz`), the day
    the streak counts it on: a review at 23:05 in New York due a day later is due the next day
    in London too, not the one after."""
    if card.last_review is None:
        return card.due.astimezone(tz).date()
    last = card.last_review
    wall = given if given is not None and given == last else last.astimezone(tz)
    return (wall.replace(tzinfo=None) + (card.due - last)).date()


def due_date(state: CardState, now: datetime, given: datetime | None = None) -> date:
    return due_day(state, now.tzinfo, given)


def answer_seconds(seconds: int) -> int:
    """The seconds an answer is logged with: a clock left running counts as MAX_SECONDS."""
    return min(max(0, seconds), MAX_SECONDS)


def record(
    progress: Progress, question_id: str, rating: int, *, seconds: int, now: datetime
) -> Progress:
    """The progress after one rating: the card moves on through FSRS and the log grows. A
    rating earlier than the question's last one (by more than CLOCK_SLACK, which two terminals
    saving at once can take) means a clock set back: FSRS would take it for a later one."""
    from fsrs import Card, Rating

    when = stamp(now)
    state = progress.cards.get(question_id)
    last = state.last_review if state else None
    if last is not None and when < last:
        if when < last - CLOCK_SLACK:
            at = f"{last.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            raise EmprepError(
                f"the clock says {when:%Y-%m-%d %H:%M} UTC, before the last review of "
                f"{question_id} ({at}); set the computer's clock right (or EMPREP_NOW), then "
                "rate it again; if the clock is right, that review was given on a computer "
                "whose clock is ahead (the progress file synced from it), or the file's "
                f"cards.{question_id}.last_review was edited: rate it after {at} and set that "
                "computer's clock right, or fix the file by hand"
            )
        when = last
    card = to_card(state) if state else Card(card_id=zlib.crc32(question_id.encode()), due=when)
    secs = answer_seconds(seconds)
    card, _ = scheduler().review_card(card, Rating(rating), when, secs * 1000)
    return replace(
        progress,
        cards={**progress.cards, question_id: to_state(card)},
        log=progress.log
        + review_line(question_id, when.astimezone(now.tzinfo), rating, seconds=secs),
    )


def rated_on(progress: Progress, now: datetime) -> set[str]:
    """The questions rated on `now`'s day: each rating on the day it was given, where it was
    given (`days_given`), as the streak and the heatmap count it. So a drill on a flight east
    (22:00 in New York, 03:00 the next day in London) is the day's it was given on, and the
    next day's drill is still to do there, as its streak has it. Only the lines whose text's
    date is within a day of it are read as days: a line given on it has that date in its text,
    or, a `Z` line, its date in UTC, a day off at most. Found once a log, day and zone: a
    command asks several times (0.8 ms each at 10,000 reviews)."""
    return set(_rated_on(progress.log, now.date(), now.tzinfo))


@lru_cache(maxsize=4)
def _rated_on(log: str, day: date, tz: tzinfo | None) -> frozenset[str]:
    """`rated_on` a moment of `day` in `tz`."""
    near = {(day + timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    return frozenset(_given_on(lines_dated(log, near), day, tz))


def introduced_on(progress: Progress, now: datetime) -> set[str]:
    """The questions first rated on `now`'s day, the day it was given on (as `rated_on`): the
    day's new questions, which count against its quota of them however many drills the day
    takes. A question with a line written three days or more before that day was first rated
    before it (a line given on the day is less than two days from its text's date, an offset
    being less than a day), so only the others' lines are read as times: a command reads the
    log this way at every size, and 10,000 lines parsed cost 10 ms. The others are those
    whose least date written (`LogFacts.earliest`) is not before, their lines found by searching
    the text for the dates written since (`lines_dated`): 10,000 lines read one by one cost
    2.7 ms."""
    early = (now.date() - timedelta(days=2)).isoformat()
    facts = log_facts(progress.log)
    later = {q for q, day in facts.earliest.items() if day >= early}
    first: dict[str, tuple[datetime, str]] = {}
    since = [day for day in facts.dates if day >= early] if later else []
    for line in lines_dated(progress.log, since):
        question = line.split(" ", 2)[1]
        if question not in later:
            continue
        when = datetime.fromisoformat(line.split(" ", 1)[0])
        if question not in first or when < first[question][0]:
            first[question] = (when, line)
    return _given_on([line for _, line in first.values()], now.date(), now.tzinfo)


def _given_on(lines: list[str], day: date, tz: tzinfo | None) -> set[str]:
    """The questions of the review `lines` given on `day` (`days_given` in `tz`)."""
    given = days_given(lines, tz)
    return {line.split(" ", 2)[1] for line, on in zip(lines, given, strict=True) if on == day}
