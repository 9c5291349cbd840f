"""The day's drill: which questions to practise today so the loop is fresh on interview morning.

The objective is what the candidate can answer at each question's deadline (09:00 on the day of
its interview): the expected recall over the questions in scope, never-seen ones counting 0 —
first the mean, then the share at or above 0.9. FSRS predicts recall, but it is a model of this
person, not the truth: the structure (relearning, the pace of new questions) holds whatever
the prediction, and the prediction is fitted to the person's own ratings:

1. Relearning first: a question whose last answer was an Again comes back on the next practice
   day (a Hard is a recall, even while FSRS is still learning the question: `failed`).
2. New questions at a pace: the unseen ones are in by half way to the final stretch (the
   practice days one pass over the scope takes at the count; every place when the budget
   cannot do better), so each is seen, then built on, then seen again. A round dated before
   the last has its unseen questions, then its final pass (on its eve, every one of its
   questions still below TARGET for its morning), before the new questions of later ones, the
   nearest round's first (where its places are short, its last unseen ones, a day's count at
   most, after the day's pass: `passes.PLACES_PER_NEW`); while it is ahead, every round's new
   questions are spread over all the days up to its final pass, so the later rounds' come
   more slowly.
3. A second sight: while the places left can show every question twice, one answered well
   on its only sight comes back when due (or once the final stretch has begun); before the
   day's new questions where they would take every place, once its fitted recall has faded.
4. Every other place to the largest predicted gain at the deadline: the expected recall there
   if asked today, plus gain.READY_WEIGHT times the chance of being at TARGET then, as FSRS fitted
   to this person predicts (`calibration`; once the fit departs from FSRS, what a review keeps
   weeks ahead is judged without FSRS's long flat tail: `calibration.kept`). So each
   question's last review falls where it still makes the question ready on the day, the
   weakest nearest the day.
5. Due reviews of questions without a deadline, then further new questions: every place is
   used while the interview is ahead.
On a question's interview day it is a warm-up: failures first, then, on the day of a round
before the last, its questions never seen (a first look an hour before gains more than any
review), then the weakest. Questions without a deadline are plain FSRS: relearning, due
reviews, then new ones. Pacing counts practice days (`days`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Literal

from emprep.core.calibration import FSRS, Fit, W, recall
from emprep.core.datatype import datatype
from emprep.core.days import is_rest_day, practice_days
from emprep.core.gain import KNOWN_GAINS_MAX, gains
from emprep.core.limits import MAX_COUNT, check_whole
from emprep.core.models import CardState, Progress, Question
from emprep.core.passes import DeadlinePace, deadline_pace
from emprep.core.scheduler import (
    TARGET,
    due_day,
    failed,
    interview_moment,
    introduced_on,
    rated_on,
    retrievability,
)

if TYPE_CHECKING:
    from fsrs import Card

    from emprep.core.models import CardState

# A second sight comes before new questions that would take every place once its fitted recall
# has fallen to this (measured on the benchmark: at 0.7 or more FSRS's own learner loses, at 0.65
# nothing moves).
FADED = 0.68

DrillKind = Literal["review", "new", "at-risk", "warm-up"]


@datatype
class Item:
    """One question of today's drill and why it is there."""

    question: Question
    kind: DrillKind
    due: date | None
    recall_now: float | None
    recall_interview: float | None  # at 09:00 on its deadline
    deadline: date | None = None  # the earliest day still ahead among its rounds' dates


@datatype
class Drill:
    """Today's drill: the questions, and the pace toward the interview."""

    day: date
    interview: date | None
    days_left: int | None
    practice_days_left: int | None
    rest_day: bool
    done_today: int
    new_quota: int
    unseen: int
    items: list[Item]
    rounds_today: list[str] = field(default_factory=list)  # ids of the rounds dated today
    # once every dated round is past while others have no date yet: those had, and the rest
    rounds_past: dict[str, date] = field(default_factory=dict)
    undated: list[str] = field(default_factory=list)
    # the rounds of the nearest day ahead when it comes before the last: their ids, that day
    next_round: tuple[list[str], date] | None = None
    loop_over: bool = False  # the loop's last round was today, and is over by now

    @property
    def over(self) -> bool:
        """The loop is over (plain FSRS): its last round was today and is over, or its last
        day is past. Every screen asks this one, so none can say otherwise."""
        return self.loop_over or (self.days_left is not None and self.days_left < 0)

    def due_held(self) -> int:
        """How many of its questions are reviews due by today: the others due wait for
        `drill --more`, and whatever counts reviews due today says so."""
        return len(self.held_due())

    def held_due(self) -> frozenset[str]:
        """The ids of those questions: done today, not left for a later day."""
        return held_due(self.items, self.day)


def held_due(items: Sequence[Item], day: date) -> frozenset[str]:
    """The ids of `items` due by `day` (a review, a warm-up on its round's day): a drill that
    still holds them asks them that day."""
    return frozenset(i.question.id for i in items if i.due is not None and i.due <= day)


@datatype
class Choice:
    """The day's choice as ids and kinds, before it is dressed for display."""

    picks: list[tuple[str, DrillKind]]
    new_quota: int


def choose(
    *,
    today: date,
    tz: tzinfo,
    cards: Mapping[str, Card] | Mapping[str, CardState],
    scope: Sequence[str],
    deadlines: Mapping[str, date],
    count: int,
    places: int,
    rest: frozenset[int],
    boost: frozenset[str] = frozenset(),
    relearn_first: bool = True,
    fit: Fit = FSRS,
    introduced: frozenset[str] = frozenset(),
    due_first: bool = False,
    given: Mapping[str, datetime] | None = None,
) -> Choice:
    """The day's questions: `places` of them (`count` is the daily budget the pace plans for).

    `scope` is in the order new questions are introduced; `deadlines` maps a question to the day
    it must be fresh (absent: no deadline, plain FSRS; past: out of play). `cards` are the FSRS
    cards of the practised questions (fsrs's, or as the progress file stores them). `boost`:
    questions a round already had asked, which come right after relearning (`rounds log`).
    `relearn_first=False` is the benchmark's ablation: a failed answer waits among the due
    reviews. `introduced`: the questions first rated today, which the day's quota of new
    questions counts, so a drill left half way and run again asks what it left. `due_first`:
    `drill --more`, after the day's drill: the reviews due today that it left (its end counts
    them for `--more`) come right after the warm-up and relearning, before new questions.
    `given`: the last reviews given in another zone (`Progress.given_to`): where such a card
    is still the one that review made, its day, the day it falls due and whether it was
    rated today are counted there (`due_day`; else in `tz`, as a rating played forward is).
    """
    end = datetime.combine(today, datetime.max.time(), tzinfo=tz).astimezone(UTC)
    begin = datetime.combine(today, datetime.min.time(), tzinfo=tz).astimezone(UTC)
    given = {q: at for q, at in (given or {}).items() if q in cards and at == cards[q].last_review}
    done = {q for q, c in cards.items() if c.last_review is not None and c.last_review >= begin}
    done.difference_update(q for q, at in given.items() if at.date() < today)
    done.update(q for q, at in given.items() if at.date() >= today)
    moments = {d: interview_moment(d, tz).astimezone(UTC) for d in set(deadlines.values())}
    picked = _Picks(cards, places=places, done=done, today=today, tz=tz, given=given)
    take = picked.take

    live = [q for q in scope if q not in deadlines or deadlines[q] >= today]
    first_look, warm = _warm_up(
        picked, live, deadlines=deadlines, moments=moments, today=today, fit=fit
    )
    live = [q for q in live if deadlines.get(q) != today]
    seen = [q for q in live if q in cards]
    again = [q for q in seen if failed(cards[q]) and picked.is_due(q)]
    if relearn_first:
        take(sorted(again, key=lambda q: (deadlines.get(q, date.max), cards[q].due)), "review")
    take(first_look, "new")
    take(warm, "warm-up")
    take([q for q in live if q in boost and q in cards], "review")
    take([q for q in live if q in boost and q not in cards], "new")
    if due_first:
        take(_due(picked, seen, end), "review")
    timed = [q for q in live if q in deadlines]
    unseen = [q for q in live if q not in cards]
    unseen.sort(key=lambda q: deadlines.get(q, date.max))  # stable: `scope`'s order within
    pace = deadline_pace(today, timed, deadlines, count=count, rest=rest)
    eve = _weak_on_eve(picked, pace, seen, moments=moments, fit=fit)
    quota = _paced(
        picked,
        pace,
        seen,
        unseen=unseen,
        timed=timed,
        tz=tz,
        introduced=introduced,
        eve=eve,
        count=count,
        fit=fit,
    )
    if timed and not picked.full():  # what follows only fills the places left, if any
        _second_sight(picked, pace, seen, unseen=unseen, count=count, today=today)
        morning = interview_moment(today, tz).astimezone(UTC)
        _by_gain(picked, seen, deadlines=deadlines, moments=moments, morning=morning, fit=fit)
    if not picked.full():
        take(_due(picked, seen, end), "review")
        take(unseen, "new")
    return Choice(picked.picks, min(quota, places))


def _due(picked: _Picks, seen: list[str], end: datetime) -> list[str]:
    """The reviews due by the day, the least likely recalled by its end first."""
    due = [q for q in seen if picked.is_due(q)]
    return sorted(due, key=lambda q: retrievability(picked.cards[q], end))


def _warm_up(
    picked: _Picks,
    live: list[str],
    *,
    deadlines: Mapping[str, date],
    moments: Mapping[date, datetime],
    today: date,
    fit: Fit,
) -> tuple[list[str], list[str]]:
    """The questions whose interview is today: a warm-up. Those failed since their last good
    answer are taken first (a failure comes back on the next practice day, this one too); the
    rest are returned to be taken after the relearning of later rounds' failures, which rule 1
    brings back today as well: on the day of a round before the last, its questions never seen
    (nothing is weaker), then the others, weakest first."""
    cards = picked.cards
    later = any(d > today for d in deadlines.values())  # a round still to come after today's
    unseen = [q for q in live if later and deadlines.get(q) == today and q not in cards]
    warm = [q for q in live if deadlines.get(q) == today and q in cards]
    again = [q for q in warm if failed(cards[q]) and picked.is_due(q)]

    def weakest(q: str) -> float:
        return recall(cards[q], moments[today], fit)

    picked.take(sorted(again, key=weakest), "warm-up")
    return unseen, sorted((q for q in warm if q not in again), key=weakest)


def _second_sight(
    picked: _Picks,
    pace: DeadlinePace,
    seen: list[str],
    *,
    unseen: list[str],
    count: int,
    today: date,
) -> None:
    """While the places left can show every question twice (twice the unseen, once more each
    question seen once), a question answered well on its only sight comes back when it is due,
    or once its final stretch has begun."""
    cards, deadlines = picked.cards, pace.deadlines
    once = _seen_once_with_room(picked, pace, seen, unseen=unseen, count=count)
    due = [q for q in once if picked.is_due(q) or pace.pass_start[deadlines[q]] <= today]
    picked.take(sorted(due, key=lambda q: cards[q].due), None)


def _seen_once_with_room(
    picked: _Picks, pace: DeadlinePace, seen: list[str], *, unseen: list[str], count: int
) -> list[str]:
    """The questions answered well on their only sight, while the places left can still show
    every question twice (twice the unseen, once more each question seen once); else none."""
    cards, deadlines = picked.cards, pace.deadlines
    once = [q for q in seen if q in deadlines and _seen_once(cards[q])]
    room = count * max(pace.left.values(), default=0)
    return once if room >= 2 * sum(q in deadlines for q in unseen) + len(once) else []


def _seen_once(card: Card | CardState) -> bool:
    """Answered well (Hard, Good or Easy) on its only sight so far: FSRS's first stability
    for each is exactly its parameter, and any later review moves it."""
    return not failed(card) and card.stability in (W[1], W[2], W[3])


class _Picks:
    """The day's picks as they are taken, in order, up to `places`: a question at most once,
    and none already rated today (`done`). A pick with no kind of its own is a review when it
    is due by the day (`today`, in `tz`), else at risk."""

    def __init__(
        self,
        cards: Mapping[str, Card] | Mapping[str, CardState],
        *,
        places: int,
        done: set[str],
        today: date,
        tz: tzinfo,
        given: Mapping[str, datetime],
    ) -> None:
        self.cards, self.places, self.done = cards, places, done
        self.day, self.tz, self.given = today, tz, given
        self.picks: list[tuple[str, DrillKind]] = []
        self.taken: set[str] = set()
        self.due_days: dict[str, date] = {}  # the day's choice asks of a card many times

    def full(self) -> bool:
        """Every place taken: the rules after this one could take nothing more (the pace
        forecast asks the day's choice some thousands of times, so they are not weighed)."""
        return len(self.picks) >= self.places

    def available(self, q: str) -> bool:
        return q not in self.taken and q not in self.done

    def is_due(self, q: str) -> bool:
        """Due today or before, counting FSRS's days on the calendar (`due_day`)."""
        day = self.due_days.get(q)
        if day is None:
            card, given = self.cards[q], self.given.get(q)
            key = (card.due, card.last_review, self.tz, given and given.utcoffset())
            if (day := _DUE_DAYS.get(key)) is None:
                if len(_DUE_DAYS) > KNOWN_GAINS_MAX:
                    _DUE_DAYS.clear()
                day = _DUE_DAYS[key] = due_day(card, self.tz, given)
            self.due_days[q] = day
        return day <= self.day

    def kind(self, q: str) -> DrillKind:
        return "review" if self.is_due(q) else "at-risk"

    def take(self, ids: Sequence[str], kind: DrillKind | None, limit: int | None = None) -> int:
        """Take `ids` in order, at most `limit` of them; how many were taken."""
        n = 0
        for q in ids:
            if len(self.picks) >= self.places or (limit is not None and n >= limit):
                return n
            if self.available(q):
                self.picks.append((q, kind or self.kind(q)))
                self.taken.add(q)
                n += 1
        return n


def _weak_on_eve(
    picked: _Picks,
    pace: DeadlinePace,
    seen: list[str],
    *,
    moments: Mapping[date, datetime],
    fit: Fit,
) -> dict[date, list[str]]:
    """For each round dated before the last whose eve is today (its last practice day), its
    practised questions below TARGET for its morning, weakest first: the eve ends its final
    pass, and a question the pass has seen (failed there, then relearnt) may still be weak."""
    last = max(pace.left, default=None)
    eves = {d for d, n in pace.left.items() if n == 1 and d != last}
    if not eves:
        return {}
    weak: dict[date, list[tuple[float, str]]] = {d: [] for d in eves}
    for q in seen:
        d = pace.deadlines.get(q)
        if d in weak and (r := recall(picked.cards[q], moments[d], fit)) < TARGET:
            weak[d].append((r, q))
    return {d: [q for _, q in sorted(w)] for d, w in weak.items() if w}


def _paced(
    picked: _Picks,
    pace: DeadlinePace,
    seen: list[str],
    *,
    unseen: list[str],
    timed: list[str],
    tz: tzinfo,
    introduced: frozenset[str],
    eve: Mapping[date, list[str]],
    count: int,
    fit: Fit,
) -> int:
    """The picks the pace to the deadlines asks for today, within today's quota of new questions
    (returned): for each round dated before the last, nearest first, its unseen questions (a
    first sight is worth more than a review; where its places are short, all but a day's count
    at most: `DeadlinePace.first_sights`), then its final pass (most durable first; on its
    eve, then its questions still weak for its morning: `eve`), so a later round's new
    questions never crowd it out; then the later rounds' new questions, after the fading
    second sights where they would take every place (`_fading`). The quota is the day's, so
    the questions `introduced` today take their part of it."""
    cards, deadlines = picked.cards, pace.deadlines
    today = [q for q in timed if q in introduced]
    quota = max(0, pace.new_quota(unseen + today) - len(today))
    pending = pace.pending(seen, cards, tz, picked.given)
    durable_first = sorted(pending, key=lambda q: -(cards[q].stability or 0.0))
    last = max((deadlines[q] for q in timed), default=None)
    early = [q for q in durable_first if last is not None and deadlines.get(q, last) < last]
    new, passed, reviews = 0, 0, pace.pass_quota(early)
    not_passed = set(pending)
    for d in sorted({deadlines[q] for q in early} | set(eve)):
        own = [q for q in unseen if deadlines.get(q, date.max) <= d]
        started = pace.pass_start[d] <= pace.day
        waiting = sum(deadlines.get(q) == d and (q in not_passed or not started) for q in seen)
        before = pace.first_sights(d, unseen=len(own), waiting=waiting, count=count)
        new += picked.take(own, "new", min(quota - new, before))
        passed += picked.take([q for q in early if deadlines[q] == d], None, reviews - passed)
        picked.take(eve.get(d, []), None)
    if quota >= count:
        picked.take(_fading(picked, pace, seen, unseen=unseen, count=count, tz=tz, fit=fit), None)
    picked.take(unseen, "new", quota - new)
    return quota


def _fading(
    picked: _Picks,
    pace: DeadlinePace,
    seen: list[str],
    *,
    unseen: list[str],
    count: int,
    tz: tzinfo,
    fit: Fit,
) -> list[str]:
    """Where the day's new questions would take every place, the second sights (rule 3) whose
    recall, as FSRS fitted to the candidate predicts it at 09:00, has fallen to FADED: else
    they would wait for the new questions to be in, weeks on, when a first answer is mostly
    gone for a learner who forgets faster than FSRS says. Not as soon as FSRS says they are
    due: a learner as FSRS says would lose more than the earlier second sight gives."""
    once = _seen_once_with_room(picked, pace, seen, unseen=unseen, count=count)
    morning = interview_moment(picked.day, tz).astimezone(UTC)
    faded = [q for q in once if recall(picked.cards[q], morning, fit) <= FADED]
    return sorted(faded, key=lambda q: picked.cards[q].due)


def _by_gain(
    picked: _Picks,
    seen: list[str],
    *,
    deadlines: Mapping[str, date],
    moments: Mapping[date, datetime],
    morning: datetime,
    fit: Fit,
) -> None:
    """Every other question with a deadline, the largest predicted gain at its deadline from a
    review this `morning` first."""
    if picked.full():
        return
    rest_of = [q for q in seen if q in deadlines and picked.available(q)]
    at = {q: moments[deadlines[q]] for q in rest_of}
    gain = gains(picked.cards, rest_of, morning, at=at, fit=fit)
    picked.take(sorted(rest_of, key=lambda q: -gain[q]), None)


# A card's due day depends on its due and last review instants and the zone alone: a question
# the forecast has not touched is due on the same day every day of every run (bounded as the
# gains' memo is, `gain.KNOWN_GAINS_MAX`).
_DUE_DAYS: dict[tuple[object, ...], date] = {}


def build_drill(
    progress: Progress,
    now: datetime,
    *,
    count: int,
    scope: Sequence[Question],
    deadlines: Mapping[str, date],
    rest: frozenset[int],
    interview: date | None,
    boost: frozenset[str] = frozenset(),
    more: bool = False,
    fit: Fit = FSRS,
    rounds_today: Sequence[str] = (),
) -> Drill:
    """Today's drill over `scope` (in the order new questions come); see the module docstring.

    The day's budget is `count`; reviews already rated today take their places, unless `more`
    asks for another full drill.
    """
    check_whole("--count", count, low=1, high=MAX_COUNT, example="--count 5")
    tz = now.tzinfo or UTC
    today = now.date()
    cards = {q.id: progress.cards[q.id] for q in scope if q.id in progress.cards}
    done = len(rated_on(progress, now).intersection(cards))  # each on the day it was given on
    choice = choose(
        today=today,
        tz=tz,
        cards=cards,
        scope=[q.id for q in scope],
        deadlines=deadlines,
        count=count,
        places=count if more else max(0, count - done),
        rest=rest,
        boost=boost,
        fit=fit,
        introduced=frozenset(introduced_on(progress, now)) if done else frozenset(),
        due_first=more,
        given=(given := progress.given_to(scope, tz)),
    )
    by_id = {q.id: q for q in scope}
    ahead = None if interview is None or interview < today else interview
    return Drill(
        day=today,
        interview=interview,
        days_left=None if interview is None else (interview - today).days,
        practice_days_left=None if ahead is None else practice_days(today, ahead, rest),
        rest_day=is_rest_day(today, rest),
        done_today=done,
        new_quota=choice.new_quota,
        unseen=sum(q.id not in cards for q in scope),
        rounds_today=list(rounds_today),
        items=[
            _item(
                by_id[q],
                k,
                cards.get(q),
                deadline=deadlines.get(q),
                now=now,
                fit=fit,
                given=given.get(q),
            )
            for q, k in choice.picks
        ],
    )


def _item(
    question: Question,
    kind: DrillKind,
    card: CardState | None,
    *,
    deadline: date | None,
    now: datetime,
    fit: Fit,
    given: datetime | None,
) -> Item:
    """One pick dressed for display: its due day and its recall now and at its deadline."""
    if card is None:
        return Item(question, kind, None, None, None, deadline)
    due, recall_now, recall_at = card_recalls(
        card, deadline=deadline, now=now, fit=fit, given=given
    )
    return Item(question, kind, due, recall_now, recall_at, deadline)


def card_recalls(
    card: CardState,
    *,
    deadline: date | None,
    now: datetime,
    fit: Fit = FSRS,
    given: datetime | None = None,
) -> tuple[date | None, float, float | None]:
    """A practised question's due day (counted from where its last review was given, `given`),
    its recall now, and at 09:00 on its deadline (None without one): what `drill --list`
    shows, and `questions ID` with it. The recall is FSRS fitted to the candidate, as the
    drill chooses by and `progress` shows."""
    tz = now.tzinfo or UTC
    at = interview_moment(deadline, tz) if deadline is not None else None
    return (
        due_day(card, tz, given),
        recall(card, now, fit),
        None if at is None else recall(card, at, fit),
    )
