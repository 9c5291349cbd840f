"""The drill run forward: how many questions will be ready on interview day, and at what count.

One engine, `run`, plays a policy (the drill's `choose`, or a baseline) against a learner day by
day and keeps the scheduler's FSRS cards as the drill would. The benchmark plays it against
learners whose memory is not FSRS; the pace advice plays it against `ModelLearner`, the
scheduler's own model of the candidate, so the advice's figures are a prediction, said as one.
Pure: randomness comes from a seeded generator.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import partial
from typing import TYPE_CHECKING, Protocol

from emprep.core.calibration import FSRS, Fit, Observation, observe, recall, reviewed
from emprep.core.calibration import fit as fitted_to
from emprep.core.datatype import datatype
from emprep.core.drill import choose
from emprep.core.rounds import live_on
from emprep.core.scheduler import DECAY, FACTOR, TARGET, interview_moment

if TYPE_CHECKING:
    from fsrs import Card

READY_SHARE = 0.95  # the loop is ready when this share of its questions is at TARGET or above
MAX_ADVISED = 30
HORIZON = 366  # days: a date further ahead gets no forecast (a plan, not a drill, serves it)
SEED = 20261121
PRACTICE_HOUR = time(8)  # the hour practice is played at before the candidate has one of their own


class Learner(Protocol):
    """A candidate answering: a rating for each question asked, and their true recall."""

    def answer(self, qid: str, when: datetime) -> int: ...

    def recall(self, qid: str, when: datetime) -> float: ...


Policy = Callable[[date, datetime, Mapping[str, "Card"], int], list[str]]


@datatype
class Outcome:
    """What a run did: the scheduler's cards at the end, and how the places were used."""

    cards: dict[str, Card]
    reviews: int = 0
    empty: int = 0
    longest_wait: int = 0  # practised days an answer rated Again waited to come back
    first_seen: dict[str, int] = field(default_factory=dict)  # question -> practised day index
    seen: dict[str, int] = field(default_factory=dict)  # question -> times asked
    ready: list[tuple[date, int]] = field(default_factory=list)  # predicted ready each morning


def run(
    *,
    cards: dict[str, Card],
    days: Sequence[date],
    policy: Policy,
    learner: Learner,
    count: int,
    tz: tzinfo,
    first_places: int | None = None,
    track: Sequence[str] = (),
    at: time = PRACTICE_HOUR,
    after: datetime | None = None,
    evidence: list[Observation] | None = None,
    fit: Fit = FSRS,
) -> Outcome:
    """Play `policy` on each practised day of `days` (in order) at `at` against `learner`, and
    never before `after` (the last rating already made). `cards` are the scheduler's cards, moved
    on in place (a `ModelLearner` reads them); `evidence` gathers what each rating says of FSRS's
    fit to the learner (`calibration`); the `track`ed questions are counted ready each morning
    as `fit` predicts."""
    from fsrs import Card

    out = Outcome(cards)
    failed: dict[str, int] = {}
    for i, day in enumerate(days):
        moment = datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
        if after is not None:
            moment = max(moment, after.astimezone(UTC))
        places = count if i or first_places is None else first_places
        if track:
            out.ready.append(
                (day, ready_count(out.cards, track, interview_moment(day, tz), fit=fit))
            )
        picks = policy(day, moment, out.cards, places)
        out.empty += places - len(picks)
        for qid in picks:
            rating = learner.answer(qid, moment)
            if evidence is not None and (seen := observe(out.cards.get(qid), rating, moment)):
                evidence.append(seen)
            card = out.cards.get(qid) or Card(card_id=zlib.crc32(qid.encode()), due=moment)
            out.cards[qid] = reviewed(card, rating, moment)
            out.reviews += 1
            out.seen[qid] = out.seen.get(qid, 0) + 1
            out.first_seen.setdefault(qid, i)
            if qid in failed:
                out.longest_wait = max(out.longest_wait, i - failed.pop(qid))
            if rating == 1:
                failed[qid] = i
    for i in failed.values():
        if i < len(days) - 1:
            out.longest_wait = max(out.longest_wait, len(days) - i)
    return out


def usual_hour(cards: Mapping[str, Card], tz: tzinfo) -> time:
    """The hour the candidate practises at: the median hour of their questions' last ratings,
    PRACTICE_HOUR before any. The forecast plays every day at it, so its figures do not move
    with the hour they are asked at."""
    hours = sorted(c.last_review.astimezone(tz).hour for c in cards.values() if c.last_review)
    return time(hours[len(hours) // 2]) if hours else PRACTICE_HOUR


def ready_count(
    cards: Mapping[str, Card], qids: Sequence[str], when: datetime, *, fit: Fit = FSRS
) -> int:
    """Questions whose predicted recall at `when` is at the target or above: `recall`, written
    out with the same operations (the forecast asks it of every question each morning)."""
    at = when.astimezone(UTC)
    scale, power, n = fit.scale, fit.power, 0
    for q in qids:
        card = cards.get(q)
        if card is None or card.last_review is None or card.stability is None:
            continue
        days = max(0.0, (at - card.last_review).total_seconds() / 86400)
        n += float((1 + FACTOR * days / float(card.stability**power / scale)) ** DECAY) >= TARGET
    return n


class ModelLearner:
    """The scheduler's own model of the candidate: recall as FSRS fitted to them predicts it
    (`calibration`), a failure as often as it predicts one; a first sight is answered well with
    probability `first`."""

    def __init__(
        self, cards: Mapping[str, Card], seed: int = SEED, first: float = 0.7, *, fit: Fit = FSRS
    ):
        self.cards = cards  # the scheduler's own cards, which `run` moves on after each answer
        self.rng = random.Random(seed)
        self.first = first
        self.fit = fit

    def answer(self, qid: str, when: datetime) -> int:
        card = self.cards.get(qid)
        if card is None:
            good = self.rng.random() < self.first
        else:
            good = self.rng.random() < recall(card, when, self.fit)
        return 3 if good else 1

    def recall(self, qid: str, when: datetime) -> float:
        card = self.cards.get(qid)
        return 0.0 if card is None else recall(card, when, self.fit)


def drill_policy(
    *,
    tz: tzinfo,
    scope: Sequence[str],
    dates: Mapping[str, Sequence[date]],
    count: int,
    rest: frozenset[int],
    fit: Fit = FSRS,
    evidence: Sequence[Observation] | None = None,
    relearn_first: bool = True,
    known: dict[date, tuple[dict[str, date], list[str]]] | None = None,
    given: Mapping[str, datetime] | None = None,
) -> Policy:
    """The drill's own daily choice, as a policy for `run` (`relearn_first=False`: the
    benchmark's ablation, see `drill.choose`). `dates` are each question's rounds'
    dates: each day the drill aims a question at the earliest still ahead, and leaves it once
    they are all past, as `emprep drill` does on that day (a question without dates stays).
    FSRS is fitted as `fit` says or, given `evidence` (the list `run` fills), to it as it grows.
    `known`: each day's deadlines and questions in play, shared by runs over the same `dates`
    and `scope` (the pace advice plays several counts over the same days). `given`: the last
    reviews given in another zone, as the drill takes them (`drill.choose`): a card the run
    has not rated since counts its days from where it was rated, as the drill does.
    """
    fitted: list[tuple[int, Fit]] = [(0, fit)]  # the evidence's length when last fitted
    known = {} if known is None else known

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        if (plan := known.get(day)) is None:
            plan = known[day] = live_on(dates, scope, day)
        deadlines, live = plan
        if evidence is not None and len(evidence) >= 1.2 * fitted[0][0] + 10:
            fitted[0] = (len(evidence), fitted_to(evidence))  # as it grows by a fifth
        picks = choose(
            fit=fitted[0][1],
            today=day,
            tz=tz,
            cards=cards,
            scope=live,
            deadlines=deadlines,
            count=count,
            places=places,
            rest=rest,
            relearn_first=relearn_first,
            given=given,
        ).picks
        return [q for q, _ in picks]

    return policy


def calendar(
    today: date, until: date, rest: frozenset[int], also: frozenset[date] = frozenset()
) -> list[date]:
    """The practice days from today to the day before `until`. A rest day is not one, today
    included: what is practised on it counts once done (it is in the cards), so the forecast
    does not jump when the candidate opens the drill on a rest day. `also`: rest days played
    as practice days (the eve of the interview, for the advice)."""
    days = [today + timedelta(days=i) for i in range((until - today).days)]
    return [d for d in days if d.weekday() not in rest or d in also]


@datatype
class Point:
    """Questions predicted ready on one morning."""

    day: date
    ready: int


@datatype
class Forecast:
    """Predicted ready questions at one daily count: each morning, and on the deadlines."""

    count: int
    ready: int  # questions predicted at TARGET or above on their deadline's morning
    total: int
    curve: list[Point]


@datatype
class Advice:
    """The pace in numbers, for render code to word: the forecast at the current count and,
    when that falls short of READY_SHARE, at the smallest count that reaches it (None when no
    count up to MAX_ADVISED does)."""

    day: date  # the last deadline: the interview
    current: Forecast
    advised: Forecast | None
    short: bool  # the current count leaves the loop short of ready
    fitted: bool = False  # FSRS fitted to this person's ratings, not FSRS's average learner
    eve: Point | None = None  # the interview's eve is a rest day: drilled too, this many ready
    first: date | None = None  # the earliest round's day ahead, when rounds fall on several days
    weekly: float = 0.0  # hours a week the advised count takes, as the plan weighs a question
    timed: int = 0  # the timed answers `weekly` weighs a question by (their median); 0: time boxes
    hours: float = 0.0  # the hours a week the candidate has


def forecast(
    *,
    cards: Mapping[str, Card],
    now: datetime,
    scope: Sequence[str],
    dates: Mapping[str, Sequence[date]],
    count: int,
    done_today: int,
    rest: frozenset[int],
    fit: Fit = FSRS,
    also: frozenset[date] = frozenset(),
    known: dict[date, tuple[dict[str, date], list[str]]] | None = None,
    given: Mapping[str, datetime] | None = None,
) -> Forecast:
    """The drill played forward at `count` a day against the scheduler's own model, each
    question's deadline moving on as its rounds' dates pass. A question is ready when it is
    predicted at TARGET on the morning of each of its dates after today; the curve counts, each
    morning, the questions that are so far: ready now for their dates to come, and ready on
    those already past. Only `now`'s day counts: each day, today's places left included, is
    played at the candidate's `usual_hour` (today's not before its last rating), so the figures
    stay the same all day until the next rating. `known`: shared by forecasts over the same
    `scope` and `dates`; `given`: the last reviews given in another zone (`drill_policy`)."""
    tz = now.tzinfo or UTC
    today = now.date()
    hour, rated = usual_hour(cards, tz), [c.last_review for c in cards.values() if c.last_review]
    ahead = {q: sorted({d for d in dates.get(q, ()) if d > today}) for q in scope}
    timed = [q for q in scope if ahead[q]]
    ends = sorted({d for q in timed for d in ahead[q]})
    days = calendar(today, ends[-1], rest, also)
    practising = bool(days) and days[0] == today  # else a rest day: its places are not counted
    mine = dict(cards)
    learner = ModelLearner(mine, fit=fit)
    policy = drill_policy(
        tz=tz, scope=scope, dates=dates, count=count, rest=rest, fit=fit, known=known, given=given
    )
    curve: list[Point] = []
    ready = set(timed)  # so far ready on each of their dates
    begin = today
    for end in ends:  # played up to each date, where its questions are checked
        settled = sum(ahead[q][-1] < end for q in ready)  # ready on all their days, now past
        out = run(
            cards=mine,
            days=[d for d in days if begin <= d < end],
            policy=policy,
            learner=learner,
            count=count,
            tz=tz,
            first_places=max(0, count - done_today) if begin == today and practising else None,
            track=[q for q in ready if ahead[q][-1] >= end],
            at=hour,
            after=max(rated, default=None),
            fit=fit,
        )
        curve += [Point(d, settled + n) for d, n in out.ready]
        morning = interview_moment(end, tz)
        ready -= {
            q for q in ready if end in ahead[q] and not ready_count(mine, [q], morning, fit=fit)
        }
        begin = end
    curve.append(Point(ends[-1], len(ready)))
    return Forecast(count, len(ready), len(timed), curve)


def forecast_from(last: date | None, today: date) -> date | None:
    """The first day `advice` forecasts to the last round's day `last`: today, or, for a day
    more than `HORIZON` days ahead, the day it comes within them; None with no day ahead (no
    date, or the last round today or behind), where there is nothing left to forecast."""
    if last is None or last <= today:
        return None
    return max(today, last - timedelta(days=HORIZON))


def advice(
    *,
    cards: Mapping[str, Card],
    now: datetime,
    scope: Sequence[str],
    dates: Mapping[str, Sequence[date]],
    count: int,
    done_today: int,
    rest: frozenset[int],
    fit: Fit = FSRS,
    minutes: float = 0.0,
    hours: float = 0.0,
    given: Mapping[str, datetime] | None = None,
    timed: int = 0,
) -> Advice | None:
    """The pace advice, or None without a date ahead (after today). `minutes` is a question's
    as the plan weighs it (the median of `timed` answers, or with none the mean time box),
    `hours` the candidate's a week: what the advised count asks of them.
    `given`: the last reviews given in another zone (`drill_policy`)."""
    today = now.date()
    ends = sorted({d for q in scope for d in dates.get(q, ()) if d > today})
    if not ends or forecast_from(ends[-1], today) != today:
        return None
    last = ends[-1]
    known: dict[date, tuple[dict[str, date], list[str]]] = {}

    def at(n: int, also: frozenset[date] = frozenset()) -> Forecast:
        return forecast(
            cards=cards,
            now=now,
            scope=scope,
            dates=dates,
            count=n,
            done_today=done_today,
            rest=rest,
            fit=fit,
            also=also,
            known=known,
            given=given,
        )

    current = at(count)
    eve = last - timedelta(days=1)  # a rest day before the interview: what drilling it adds
    drilled = at(count, frozenset({eve})) if eve > today and eve.weekday() in rest else current
    better = Point(eve, drilled.ready) if drilled.ready > current.ready else None
    first = ends[0] if len(ends) > 1 else None
    made = partial(Advice, last, current, fitted=fit != FSRS, eve=better, first=first, hours=hours)
    need = READY_SHARE * current.total
    if current.ready >= need:
        return made(None, short=False)
    lo, hi, best = count + 1, max(count + 1, min(MAX_ADVISED, current.total)), None
    while lo <= hi:
        mid = (lo + hi) // 2
        f = at(mid)
        if f.ready >= need:
            best, hi = f, mid - 1
        else:
            lo = mid + 1
    weekly = 0.0 if best is None else best.count * minutes * (7 - len(rest)) / 60
    return made(best, short=True, weekly=weekly, timed=timed)
