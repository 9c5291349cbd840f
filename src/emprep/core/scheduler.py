"""The day's drill: FSRS for each question, and a deadline so that recall peaks on interview day.

Pure: `now` (timezone-aware), the pack and the progress come in; nothing is read or written.
The rule, in full (README, "How the drill schedules"):

1. Due reviews first: practised questions whose FSRS due date is today or earlier, lowest
   predicted recall first.
2. With an interview date, `L` practice days are left (today up to the day before it). The
   unseen questions `U` are spread over the first `L - 2` of them: at least ceil(U / (L - 2)) new
   questions a day are kept free of reviews, so every question is seen, then seen again (its
   first FSRS interval is one or two days), before the interview. New questions come only while
   the places left (count x L) outnumber the questions seen, so each can be reviewed again.
3. The final sweep: in the last 7 days, or in as many as it takes to review every practised
   question once at `count` a day, the reviews are the questions whose predicted recall on
   interview day is below the target (0.9), due or not; those a good answer now carries furthest
   come first, so the weakest are reviewed nearest the day.
4. Free places go to further new questions: without `--round`, those of the rounds the current
   plan week prepares come first, then the plan's order.
5. On interview day itself the drill is a warm-up of the weakest practised questions.
Without an interview date it is plain FSRS: due reviews, then new questions.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from emprep.core.errors import EmprepError, shown
from emprep.core.limits import MAX_COUNT, MAX_SECONDS, check_whole
from emprep.core.models import CardState, Progress, Question, review_line
from emprep.core.pack import Pack

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

TARGET = 0.9
FINAL_DAYS = 7
REVIEW_MARGIN = 2
DEFAULT_COUNT = 5
CLOCK_SLACK = timedelta(minutes=10)
RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
RATING_NAMES = {v: k.capitalize() for k, v in RATINGS.items()}

Kind = Literal["review", "new", "at-risk", "warm-up"]


@cache
def scheduler() -> Scheduler:
    """FSRS with day-sized steps (practice is daily) and no fuzz (the drill is reproducible)."""
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=TARGET,
        learning_steps=(timedelta(days=1),),
        relearning_steps=(timedelta(days=1),),
        enable_fuzzing=False,
    )


def parse_rating(word: str) -> int:
    """1-4, a word (again, hard, good, easy) or its first letter."""
    w = word.strip().lower()
    if w in {"1", "2", "3", "4"}:
        return int(w)
    for name, value in RATINGS.items():
        if w and name.startswith(w):
            return value
    raise EmprepError(
        f"unknown rating '{shown(word)}': use 1-4 or again, hard, good, easy (a, h, g, e)"
    )


def to_card(state: CardState) -> Card:
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
    return CardState(
        card_id=card.card_id,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def interview_moment(day: date, tz: object) -> datetime:
    """Recall is predicted for 09:00 on interview day, in the candidate's time zone."""
    return datetime.combine(day, time(9), tzinfo=tz)  # type: ignore[arg-type]


def recall(state: CardState, when: datetime) -> float:
    """FSRS's predicted probability of recalling the question at `when`."""
    return float(scheduler().get_card_retrievability(to_card(state), when.astimezone(UTC)))


def recall_if_answered_well(state: CardState, now: datetime, when: datetime) -> float:
    """The recall at `when` if the question were answered well now."""
    from fsrs import Rating

    card, _ = scheduler().review_card(to_card(state), Rating.Good, now.astimezone(UTC))
    return float(scheduler().get_card_retrievability(card, when.astimezone(UTC)))


def due_date(state: CardState, now: datetime) -> date:
    return state.due.astimezone(now.tzinfo).date()


def answer_seconds(seconds: int) -> int:
    """The seconds an answer is logged with: a clock left running counts as MAX_SECONDS."""
    return min(max(0, seconds), MAX_SECONDS)


def record(
    progress: Progress, question_id: str, rating: int, seconds: int, now: datetime
) -> Progress:
    """The progress after one rating: the card moves on through FSRS and the log grows. A
    rating earlier than the question's last one (by more than CLOCK_SLACK, which two terminals
    saving at once can take) means a clock set back: FSRS would take it for a later one."""
    from fsrs import Card, Rating

    when = now.astimezone(UTC).replace(microsecond=0)
    state = progress.cards.get(question_id)
    last = state.last_review if state else None
    if last is not None and when < last:
        if when < last - CLOCK_SLACK:
            raise EmprepError(
                f"the clock says {when:%Y-%m-%d %H:%M} UTC, before the last review of "
                f"{question_id} ({last.astimezone(UTC):%Y-%m-%d %H:%M} UTC); set the computer's "
                "clock right (or EMPREP_NOW), then rate it again"
            )
        when = last
    card = to_card(state) if state else Card(card_id=zlib.crc32(question_id.encode()), due=when)
    secs = answer_seconds(seconds)
    card, _ = scheduler().review_card(card, Rating(rating), when, secs * 1000)
    return replace(
        progress,
        cards={**progress.cards, question_id: to_state(card)},
        log=progress.log + review_line(question_id, when, rating, secs),
    )


@dataclass
class Item:
    """One question of today's drill and why it is there."""

    question: Question
    kind: Kind
    due: date | None
    recall_now: float | None
    recall_interview: float | None


@dataclass
class Drill:
    """Today's drill: the questions, and the pace toward the interview."""

    day: date
    interview: date | None
    days_left: int | None
    new_quota: int
    unseen: int
    items: list[Item]


def build_drill(
    pack: Pack,
    progress: Progress,
    now: datetime,
    count: int,
    scope: list[Question],
    preferred_rounds: list[str],
    plan_order: dict[str, int],
    interview: date | None,
) -> Drill:
    """Today's drill over `scope`; see the module docstring for the rule."""
    check_whole("--count", count, 1, MAX_COUNT, "--count 5")
    today = now.date()
    upcoming = interview is not None and interview >= today
    at_interview = interview_moment(interview, now.tzinfo) if interview and upcoming else None
    order = {q.id: i for i, q in enumerate(pack.questions)}
    seen = [q for q in scope if q.id in progress.cards]
    unseen = [q for q in scope if q.id not in progress.cards]

    def item(q: Question, kind: Kind) -> Item:
        st = progress.cards.get(q.id)
        return Item(
            q,
            kind,
            due_date(st, now) if st else None,
            recall(st, now) if st else None,
            recall(st, at_interview) if st and at_interview else None,
        )

    days_left = (interview - today).days if interview else None
    if days_left == 0:
        weakest = sorted(seen, key=lambda q: (recall(progress.cards[q.id], now), order[q.id]))
        items = [item(q, "warm-up") for q in weakest[:count]]
        return Drill(today, interview, 0, 0, len(unseen), items)

    due = [q for q in seen if due_date(progress.cards[q.id], now) <= today]
    due.sort(key=lambda q: (recall(progress.cards[q.id], now), order[q.id]))
    quota = 0
    if days_left is not None and days_left > 0 and unseen:
        reach = max(0, count * days_left - len(seen))
        quota = min(count, reach, math.ceil(len(unseen) / max(1, days_left - REVIEW_MARGIN)))
    window = max(FINAL_DAYS, math.ceil(len(seen) / count))
    if at_interview is not None and days_left is not None and 0 < days_left <= window:
        risky = [q for q in seen if recall(progress.cards[q.id], at_interview) < TARGET]
        risky.sort(
            key=lambda q: (
                -recall_if_answered_well(progress.cards[q.id], now, at_interview),
                order[q.id],
            )
        )
        due_ids = {q.id for q in due}
        items = [
            item(q, "review" if q.id in due_ids else "at-risk") for q in risky[: count - quota]
        ]
    else:
        items = [item(q, "review") for q in due[: count - quota]]
    preferred = set(preferred_rounds)
    unseen.sort(key=lambda q: (not preferred & set(q.rounds), plan_order.get(q.id, 0), order[q.id]))
    items += [item(q, "new") for q in unseen[: count - len(items)]]
    return Drill(today, interview, days_left, quota, len(unseen), items)
