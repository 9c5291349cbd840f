"""FSRS fitted to this person: its stabilities stretched and bent to match their ratings.

FSRS's default parameters describe an average learner. A candidate who forgets faster, or whose
memory grows more slowly from review to review, shows it in their own ratings: answers that fail
where FSRS expected them to succeed. The fit keeps FSRS's cards and changes only how their
stability S becomes a forgetting curve: this person's stability is S ** power / scale (FSRS
itself is scale 1, power 1; a power below 1 is memory that grows less with each review than
FSRS expects). The two are the most probable given every review after a question's first, with
priors centred on FSRS, so the fit stays FSRS until the ratings say otherwise. Pure: the
evidence comes from the review log (`evidence`) or is gathered as reviews happen (`observe`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from emprep.core.datatype import datatype
from emprep.core.scheduler import (
    DECAY,
    FACTOR,
    STEP,
    TARGET,
    Memory,
    elapsed_days,
    scheduler,
)

if TYPE_CHECKING:
    from fsrs import Card


class Reviewed(Memory, Protocol):
    """A practised card, as `stabilities_after` reads it: fsrs's Card or the stored CardState."""

    difficulty: float | None


SCALE_SD = 0.7  # prior sd of log(scale): a factor of 2 needs a few dozen reviews' evidence
POWER_SD = 0.25  # prior sd of power
RECENT = 2000  # the observations fitted: the latest, as a person's memory changes with practice
EVIDENCE = 3.0  # log-likelihood the fit must gain over FSRS itself: a test at about 5 %
BOUNDS = {"scale": (math.log(0.1), math.log(30.0)), "power": (0.1, 1.5)}

# FSRS-6's default parameters, as fsrs.Scheduler holds them: the drill weighs a review's gain on
# every warm command, and fsrs costs start-up (see scheduler.DECAY); the tests hold
# `stabilities_after` equal to fsrs's own review, to the last bit.
W: tuple[float, ...] = (
    *(0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796),
    *(1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542),
)
STABILITY_MIN = 0.001

Observation = tuple[int, float, bool]  # whole days since the last review, S before it, recalled


@datatype
class Fit:
    """How this person's forgetting departs from FSRS's (see the module docstring)."""

    scale: float = 1.0
    power: float = 1.0

    def stability(self, s: float) -> float:
        return float(s**self.power / self.scale)


FSRS = Fit()


def recall(card: Memory, when: datetime, fit: Fit = FSRS) -> float:
    """The fitted recall of `card` at `when`, the hours since its last review counted."""
    if card.last_review is None or card.stability is None:
        return 0.0
    return _curve(elapsed_days(card.last_review, when), card.stability, fit)


def _curve(days: float, s: float, fit: Fit) -> float:
    return float((1 + FACTOR * days / fit.stability(s)) ** DECAY)


def kept(days: float, s: float, fit: Fit = FSRS) -> float:
    """The recall `days` after a review that left FSRS stability `s`, as the drill weighs a
    review by what it keeps at the deadline: the fitted recall, and once the fit departs from
    FSRS, the less hopeful of FSRS's curve and an exponential one through the same point at
    TARGET. A person whose ratings show they forget otherwise than FSRS's average may not share
    its long flat tail either, and a review weeks before the deadline must not count on it."""
    power_law = _curve(days, s, fit)
    if fit.scale == FSRS.scale and fit.power == FSRS.power:
        return power_law
    return min(power_law, float(TARGET ** (days / fit.stability(s))))


def stabilities_after(card: Reviewed, when: datetime, r: float) -> tuple[float, float]:
    """FSRS's stability of a practised card answered Good and answered Again at `when`: what
    `fsrs.Scheduler.review_card` makes of it, without importing fsrs, `r` the recall the
    review finds (the drill gives the fitted one). The drill weighs both for every question
    each day it plays forward, so the two share their terms; the tests hold each equal to
    the one-answer formula, and that to fsrs's own review, to the last bit."""
    s, d, last = card.stability, card.difficulty, card.last_review
    assert s is not None and d is not None and last is not None
    if (when - last).days < 1:
        good = (math.e ** (W[17] * (3 - 3 + W[18]))) * (s ** -W[19])
        bad = (math.e ** (W[17] * (1 - 3 + W[18]))) * (s ** -W[19])
        return max(s * max(good, 1.0), STABILITY_MIN), max(s * bad, STABILITY_MIN)
    grow = (math.e ** W[8]) * (11 - d) * (s ** -W[9]) * ((math.e ** ((1 - r) * W[10])) - 1)
    long_term = W[11] * (d ** -W[12]) * (((s + 1) ** W[13]) - 1) * (math.e ** ((1 - r) * W[14]))
    return (
        max(s * (1 + grow), STABILITY_MIN),
        max(min(long_term, s / (math.e ** (W[17] * W[18]))), STABILITY_MIN),
    )


MAX_INTERVAL = 36500  # fsrs.Scheduler's maximum_interval, in days


def reviewed(card: Card, rating: int, when: datetime) -> Card:
    """The card after a review rated `rating` at `when` (UTC): `scheduler().review_card`'s
    card, written out for emprep's scheduler (one-day steps, no fuzz). The pace forecast rates
    some thousands of simulated answers, and fsrs's own call copies the card and logs the
    review; a test holds the two equal to the last bit, whatever the card's state. A card
    fsrs would refuse (no step while learning, no memory while reviewed) goes to fsrs."""
    from fsrs import Card, Rating, State

    s, d, last, step = card.stability, card.difficulty, card.last_review, card.step
    if (card.state != State.Review and step is None) or (
        card.state != State.Learning and (s is None or d is None)
    ):
        return scheduler().review_card(card, Rating(rating), when)[0]
    if s is None or d is None:
        s = max(W[rating - 1], STABILITY_MIN)
        d = min(max(W[4] - (math.e ** (W[5] * (rating - 1))) + 1, 1.0), 10.0)
    else:
        if last is not None and (when - last).days < 1:
            grow = (math.e ** (W[17] * (rating - 3 + W[18]))) * (s ** -W[19])
            s = max(s * (max(grow, 1.0) if rating > 1 else grow), STABILITY_MIN)
        else:
            r = 0 if last is None else _curve(max(0, (when - last).days), s, FSRS)
            s = _stability(s, d, r, rating)
        d = _difficulty(d, rating)
    state = State.Review
    if rating == 1 or (card.state != State.Review and rating == 2 and step == 0):
        state, step = (State.Learning if card.state == State.Learning else State.Relearning), 0
        interval = STEP * 1.5 if rating == 2 else STEP
    else:
        step = step if card.state == State.Review else None  # a review keeps its step
        interval = timedelta(days=_interval(s))
    return Card(card.card_id, state, step, s, d, when + interval, when)


def _stability(s: float, d: float, r: float, rating: int) -> float:
    """FSRS-6's stability after a review a day or more after the last (`_next_stability`)."""
    if rating == 1:
        long_term: float = W[11] * (d ** -W[12]) * (((s + 1) ** W[13]) - 1)
        long_term *= math.e ** ((1 - r) * W[14])
        short: float = s / (math.e ** (W[17] * W[18]))
        return max(min(long_term, short), STABILITY_MIN)
    hard = W[15] if rating == 2 else 1
    easy = W[16] if rating == 4 else 1
    grow: float = (math.e ** W[8]) * (11 - d) * (s ** -W[9]) * ((math.e ** ((1 - r) * W[10])) - 1)
    return max(s * (1 + grow * hard * easy), STABILITY_MIN)


def _difficulty(d: float, rating: int) -> float:
    """FSRS-6's difficulty after a review (`_next_difficulty`)."""
    easy: float = W[4] - (math.e ** (W[5] * (4 - 1))) + 1
    damped: float = d + (10.0 - d) * -(W[6] * (rating - 3)) / 9.0
    return min(max(W[7] * easy + (1 - W[7]) * damped, 1.0), 10.0)


def _interval(s: float) -> int:
    """FSRS's next interval in whole days (`_next_interval`)."""
    days: float = (s / FACTOR) * ((TARGET ** (1 / DECAY)) - 1)
    return min(max(round(days), 1), MAX_INTERVAL)


def observe(card: Memory | None, rating: int, when: datetime) -> Observation | None:
    """What one rating says about the curve: None for a first sight (no prediction to test)."""
    if card is None or card.last_review is None or card.stability is None:
        return None
    return max(0, (when - card.last_review).days), card.stability, rating > 1


def evidence(reviews: Iterable[tuple[str, datetime, int]]) -> list[Observation]:
    """The observations of a review log (question, time, rating), oldest first, replayed
    through FSRS as the cards were made."""
    out: list[Observation] = []
    replay(reviews, {}, out)
    return out


def replay(
    reviews: Iterable[tuple[str, datetime, int]], cards: dict[str, Card], out: list[Observation]
) -> None:
    """`evidence` from where an earlier replay left `cards` (each question's, as FSRS made
    it) and `out` (its observations): a log that grew by a rating replays that rating alone."""
    from fsrs import Card, Rating

    fsrs = scheduler()
    for qid, when, rating in reviews:
        card = cards.get(qid)
        seen = observe(card, rating, when)
        if seen is not None:
            out.append(seen)
        cards[qid], _ = fsrs.review_card(card or Card(card_id=0, due=when), Rating(rating), when)


@datatype
class Replay:
    """A review log replayed (`replay`) as plain values the cache holds: the log as far as it
    went, the observations as [days, S, recalled], each question's card as [state, step,
    stability, difficulty, due, last review] (times in ISO form)."""

    log: str
    seen: list[list[Any]]
    cards: dict[str, list[Any]]

    def resumed(self, log: str) -> tuple[dict[str, Card], list[Observation], str] | None:
        """The cards and observations to go on from, and the lines of `log` left to replay;
        None unless `log` is this replay's log with lines added after it."""
        if not log.startswith(self.log) or not self.log.endswith("\n"):
            return None
        from fsrs import Card, State

        cards = {
            q: Card(
                card_id=0,
                state=State(st),
                step=step,
                stability=s,
                difficulty=d,
                due=datetime.fromisoformat(due),
                last_review=_moment(last),
            )
            for q, (st, step, s, d, due, last) in self.cards.items()
        }
        return cards, [(t, s, ok) for t, s, ok in self.seen], log[len(self.log) :]


def replayed(log: str, cards: Mapping[str, Card], seen: Sequence[Observation]) -> Replay:
    """`Replay` of `log`, which left `cards` and `seen`."""
    return Replay(
        log,
        [list(o) for o in seen],
        {
            q: [
                int(c.state),
                c.step,
                c.stability,
                c.difficulty,
                c.due.isoformat(),
                None if c.last_review is None else c.last_review.isoformat(),
            ]
            for q, c in cards.items()
        },
    )


def _moment(iso: str | None) -> datetime | None:
    return None if iso is None else datetime.fromisoformat(iso)


def fit(observations: Sequence[Observation]) -> Fit:
    """The most probable fit given the observations (FSRS itself without any)."""
    # Same-day reviews predict nothing (recall 1); the rest counted by (days, S within 5 %).
    latest = observations[-RECENT:]
    bins = Counter((t, round(math.log(s) * 20) / 20, ok) for t, s, ok in latest if t > 0)
    if not bins:
        return FSRS
    data = [(FACTOR * t, ls, ok, n) for (t, ls, ok), n in bins.items()]
    known: dict[tuple[float, float], float] = {}  # the searches come back to the same points
    exp, log = math.exp, math.log

    def log_posterior(u: float, power: float) -> float:
        if (u, power) in known:
            return known[u, power]
        total = -0.5 * (u / SCALE_SD) ** 2 - 0.5 * ((power - 1) / POWER_SD) ** 2
        for ft, ls, ok, n in data:
            r = min(1 - 1e-9, (1 + ft * exp(u - power * ls)) ** DECAY)
            total += n * (log(r) if ok else log(1 - r))
        known[u, power] = total
        return total

    u, power = 0.0, 1.0
    for _ in range(2):  # coordinate ascent; each coordinate by golden-section search
        u = _peak(partial(_swap, log_posterior, power), *BOUNDS["scale"])
        power = _peak(partial(log_posterior, u), *BOUNDS["power"])
    if log_posterior(u, power) - log_posterior(0.0, 1.0) < EVIDENCE:
        return FSRS
    return Fit(math.exp(u), power)


def _swap(f: Callable[[float, float], float], b: float, a: float) -> float:
    return f(a, b)


def _peak(f: Callable[[float], float], lo: float, hi: float, *, steps: int = 20) -> float:
    """The argument of the maximum of a one-peaked `f` on [lo, hi]."""
    g = (math.sqrt(5) - 1) / 2
    for _ in range(steps):
        a, b = hi - g * (hi - lo), lo + g * (hi - lo)
        if f(a) < f(b):
            lo = a
        else:
            hi = b
    return (lo + hi) / 2
