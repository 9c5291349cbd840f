"""The fit and the drill's gains as the commands compute them, fast, against the plain way:
equal to the last bit. A rating after a fit replays only itself; the fit's search keeps the
points it has weighed; the gains write `recall` and `kept` out."""

from __future__ import annotations

import marshal
import math
import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.calibration import (
    BOUNDS,
    FSRS,
    POWER_SD,
    RECENT,
    SCALE_SD,
    Fit,
    Observation,
    Replay,
    evidence,
    fit,
    kept,
    recall,
    stability_after,
)
from emprep.core.drill import READY_WEIGHT, _gains
from emprep.core.models import Progress, review_entry
from emprep.core.practice import fitted, refitted
from emprep.core.scheduler import DECAY, FACTOR, TARGET, record
from emprep.storage.cache import built, plain

T0 = datetime(2026, 11, 2, 8, tzinfo=UTC)


def _logged(seed: int, n: int) -> Progress:
    """`n` ratings of six questions, an hour to four days apart, mostly Good, some Again."""
    rng = random.Random(seed)
    p, when = Progress(), T0
    for _ in range(n):
        when += timedelta(hours=rng.randrange(1, 96))
        p = record(
            p, f"q{rng.randrange(6)}", rng.choice([1, 1, 2, 3, 3, 3, 4]), seconds=9, now=when
        )
    return p


def _through_the_cache(replay: Replay) -> Replay:
    """What the cache gives back of `replay`: its plain form, marshalled, built back."""
    data: Any = plain(replay)
    back = built(marshal.loads(marshal.dumps(data)), {"Replay": Replay})
    assert isinstance(back, Replay)
    return back


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 80), cut=st.floats(0, 1))
def test_a_fit_resumed_from_a_replay_is_the_fit_of_the_whole_log(
    seed: int, n: int, cut: float
) -> None:
    whole = _logged(seed, n)
    lines = whole.log.splitlines(keepends=True)
    start = Progress(log="".join(lines[: int(cut * len(lines))]))
    _, kept_replay = refitted(start, None)
    fresh_fit, fresh_replay = refitted(whole, None)
    resumed_fit, resumed_replay = refitted(whole, _through_the_cache(kept_replay))
    assert fresh_fit == resumed_fit == fitted(whole)
    assert resumed_replay == fresh_replay
    entries = [review_entry(line) for line in whole.log.splitlines()]
    observations = evidence((e.question, e.at, e.rating) for e in entries)
    assert [tuple(o) for o in resumed_replay.seen] == observations


def test_a_replay_of_another_log_is_not_resumed() -> None:
    """A log edited before its end (or another file's) is replayed whole."""
    whole = _logged(3, 60)
    lines = whole.log.splitlines(keepends=True)
    edited = Progress(log="".join(lines[:20]).replace(" 3 ", " 1 ", 1))
    _, other = refitted(edited, None)
    assert other.resumed(whole.log) is None
    assert refitted(whole, other) == refitted(whole, None)
    half_line = Replay(whole.log[:-3], [], {})
    assert half_line.resumed(whole.log) is None
    assert refitted(whole, half_line)[0] == fitted(whole)


def _swap(f: Callable[[float, float], float], b: float, a: float) -> float:
    return f(a, b)


def _plain_fit(observations: list[Observation]) -> Fit:
    """`calibration.fit` as it was written first, every point of the search weighed afresh."""
    latest = observations[-RECENT:]
    bins = Counter((t, round(math.log(s) * 20) / 20, ok) for t, s, ok in latest if t > 0)
    if not bins:
        return FSRS
    data = [(FACTOR * t, ls, ok, n) for (t, ls, ok), n in bins.items()]

    def log_posterior(u: float, power: float) -> float:
        total = -0.5 * (u / SCALE_SD) ** 2 - 0.5 * ((power - 1) / POWER_SD) ** 2
        for ft, ls, ok, n in data:
            r = min(1 - 1e-9, (1 + ft * math.exp(u - power * ls)) ** DECAY)
            total += n * (math.log(r) if ok else math.log(1 - r))
        return total

    def peak(f: Callable[[float], float], lo: float, hi: float) -> float:
        g = (math.sqrt(5) - 1) / 2
        for _ in range(20):
            a, b = hi - g * (hi - lo), lo + g * (hi - lo)
            if f(a) < f(b):
                lo = a
            else:
                hi = b
        return (lo + hi) / 2

    u, power = 0.0, 1.0
    for _ in range(2):
        u = peak(partial(_swap, log_posterior, power), *BOUNDS["scale"])
        power = peak(partial(log_posterior, u), *BOUNDS["power"])
    if log_posterior(u, power) - log_posterior(0.0, 1.0) < 3.0:
        return FSRS
    return Fit(math.exp(u), power)


observation = st.tuples(st.integers(0, 60), st.floats(0.01, 400), st.booleans().map(bool))


@settings(max_examples=60, deadline=None)
@given(observations=st.lists(observation, max_size=300))
def test_the_fit_is_the_plain_search_to_the_last_bit(observations: list[Observation]) -> None:
    assert fit(observations) == _plain_fit(observations)


def test_the_fit_of_a_real_log_is_the_plain_search_and_departs_from_fsrs() -> None:
    """A learner who fails often: the fit moves, and the two ways agree on where."""
    p = _logged(7, 400)
    entries = [review_entry(line) for line in p.log.splitlines()]
    observations = evidence((e.question, e.at, e.rating) for e in entries)
    assert fit(observations) == _plain_fit(observations) != FSRS


def _plain_gain(card: object, now: datetime, when: datetime, fit: Fit) -> float:
    """The drill's gain written with `recall`, `kept` and `stability_after`, as it was."""
    p = recall(card, now, fit)  # type: ignore[arg-type]
    assert card.last_review is not None  # type: ignore[attr-defined]
    last = card.last_review  # type: ignore[attr-defined]
    before = kept(max(0.0, (when - last).total_seconds() / 86400), card.stability, fit)  # type: ignore[attr-defined]
    days = max(0.0, (when - now).total_seconds() / 86400)
    mean = ready = 0.0
    for prob, good in ((p, True), (1 - p, False)):
        after = kept(days, stability_after(card, good, now, r=p), fit)  # type: ignore[arg-type]
        mean += prob * after
        ready += prob * (after >= TARGET)
    return mean - before + READY_WEIGHT * (ready - (before >= TARGET))


fits = st.one_of(st.just(FSRS), st.builds(Fit, st.floats(0.1, 30), st.floats(0.1, 1.5)))


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 30),
    fit=fits,
    hours=st.integers(0, 24 * 40),
    ahead=st.integers(0, 24 * 60),
)
def test_the_gains_are_the_plain_formula_to_the_last_bit(
    seed: int, n: int, fit: Fit, hours: int, ahead: int
) -> None:
    cards = _logged(seed, n).cards
    now = T0 + timedelta(hours=hours + n * 96)
    at = {q: now + timedelta(hours=ahead + 5 * i) for i, q in enumerate(cards)}
    gains = _gains(cards, list(cards), now, at=at, fit=fit)
    assert gains == {q: _plain_gain(c, now, at[q], fit) for q, c in cards.items()}
