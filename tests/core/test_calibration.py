"""FSRS fitted to a person: it stays FSRS for FSRS's own learner, finds one who forgets faster,
and reads the same evidence from the review log as the simulator gathers as it plays. The fit
and the drill's gains as the commands compute them, fast, equal the plain way to the last bit:
a rating after a fit replays only itself, the fit's search keeps the points it has weighed,
the gains write `recall` and `kept` out."""

from __future__ import annotations

import marshal
import math
import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from fsrs import Card, Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.calibration import (
    BOUNDS,
    FSRS,
    POWER_SD,
    RECENT,
    SCALE_SD,
    STABILITY_MIN,
    Fit,
    Observation,
    Replay,
    Reviewed,
    W,
    evidence,
    fit,
    kept,
    observe,
    recall,
    reviewed,
    stabilities_after,
)
from emprep.core.gain import READY_WEIGHT, gains
from emprep.core.models import Profile, Progress, review_entry
from emprep.core.pace import ModelLearner, calendar, drill_policy, forecast, run
from emprep.core.pack import Pack
from emprep.core.practice import fitted, pace_inputs, progress_report, refitted, todays_drill
from emprep.core.scheduler import (
    DECAY,
    FACTOR,
    TARGET,
    record,
    retrievability,
    scheduler,
    to_card,
)
from emprep.core.settings import effective
from emprep.storage.cache import built, plain

T0 = datetime(2026, 11, 2, 8, tzinfo=UTC)


def _played(pack: Pack, learner_fit: Fit, seed: int = 1) -> list[Observation]:
    """Eight weeks at 10 a day against a model learner whose memory is `learner_fit`: what the
    ratings said."""
    qids = [q.id for q in pack.questions]
    cards: dict[str, Card] = {}
    gathered: list[Observation] = []
    interview = T0.date() + timedelta(days=56)
    run(
        cards=cards,
        days=calendar(T0.date(), interview, frozenset()),
        policy=drill_policy(
            tz=UTC, scope=qids, dates=dict.fromkeys(qids, (interview,)), count=10, rest=frozenset()
        ),
        learner=ModelLearner(cards, seed=seed, fit=learner_fit),
        count=10,
        tz=UTC,
        evidence=gathered,
    )
    return gathered


def test_the_fitted_curve_with_no_evidence_is_fsrs_itself() -> None:
    card = to_card(record(Progress(), "q", 3, seconds=5, now=T0).cards["q"])
    for days in (0, 1, 3, 10, 40):
        when = T0 + timedelta(days=days)
        assert recall(card, when) == scheduler().get_card_retrievability(card, when)
        assert recall(card, when + timedelta(hours=1)) == retrievability(
            card, when + timedelta(hours=1)
        )
    assert fit([]) == FSRS
    assert observe(None, 3, T0) is None  # a first sight tests no prediction


def test_what_a_review_keeps_is_fsrs_curve_until_the_fit_departs() -> None:
    """Under FSRS itself, `kept` is FSRS's recall; once the fit departs, the tail past the
    fitted stability is the exponential one through the same point at 0.9, and before it
    FSRS's (the lower of the two on each side)."""
    card = to_card(record(Progress(), "q", 3, seconds=5, now=T0).cards["q"])
    s = card.stability
    assert s is not None
    for days in (0, 1, 3, 10, 40):
        assert kept(days, s) == recall(card, T0 + timedelta(days=days))
    bent = Fit(scale=2.0, power=0.8)
    own = bent.stability(s)
    assert own == s**0.8 / 2
    for days in (1, 3, 10, 40):
        power_law = recall(card, T0 + timedelta(days=days), bent)
        exponential = 0.9 ** (days / own)
        assert kept(days, s, bent) == min(power_law, exponential)
        assert kept(days, s, bent) == (exponential if days > own else power_law)
    # 40 days on, FSRS's flat tail still promises more than half; the exponential, nothing
    assert kept(40, s, bent) < 0.02
    assert recall(card, T0 + timedelta(days=40), bent) > 0.55


def test_fsrs_own_learner_is_fitted_as_fsrs(pack: Pack) -> None:
    for seed in (1, 2, 3):
        gathered = _played(pack, FSRS, seed)
        assert len(gathered) > 400
        assert fit(gathered) == FSRS  # no departure the evidence can carry


def test_a_learner_who_forgets_three_times_faster_is_found(pack: Pack) -> None:
    """FSRS takes this learner's stabilities for three times what they are; the fit removes
    more than half of that error (in ratio) where the drill works: stabilities of 2-10 days.
    The priors hold it a little toward FSRS."""
    found = fit(_played(pack, Fit(scale=3.0)))
    assert found != FSRS
    for s in (2.0, 5.0, 10.0):
        ratio = found.stability(s) / (s / 3.0)  # 3 for FSRS itself, 1 for the truth
        assert 1 / 3**0.5 < ratio < 3**0.5


def test_the_log_gives_the_evidence_the_simulator_gathered(pack: Pack) -> None:
    """A progress file's review log replayed = the observations `run` made as it played."""
    qids = [q.id for q in pack.questions[:20]]
    cards: dict[str, Card] = {}
    gathered: list[Observation] = []
    log: list[tuple[str, datetime, int]] = []
    rng = random.Random(7)

    class Logged:
        def answer(self, qid: str, when: datetime) -> int:
            rating = rng.choice([1, 2, 3, 3, 4])
            log.append((qid, when, rating))
            return rating

        def recall(self, qid: str, when: datetime) -> float:
            return 0.0

    interview = T0.date() + timedelta(days=20)
    run(
        cards=cards,
        days=calendar(T0.date(), interview, frozenset()),
        policy=drill_policy(
            tz=UTC, scope=qids, dates=dict.fromkeys(qids, (interview,)), count=4, rest=frozenset()
        ),
        learner=Logged(),
        count=4,
        tz=UTC,
        evidence=gathered,
    )
    assert gathered == evidence(log)
    p = Progress()
    for qid, when, rating in log:
        p = record(p, qid, rating, seconds=10, now=when)
    entries = [review_entry(line) for line in p.log.splitlines()]
    assert evidence((e.question, e.at, e.rating) for e in entries) == gathered
    assert fitted(p) == fit(gathered)


@settings(max_examples=15, deadline=None)
@given(fails=st.integers(0, 40), seed=st.integers(0, 100))
def test_the_drill_and_its_advice_use_the_fit_of_the_log(pack: Pack, fails: int, seed: int) -> None:
    """Given or worked out from the log, the fit is the same, and so are the drill and advice."""
    rng = random.Random(seed)
    p = Progress(profile=Profile(interview=date(2026, 12, 20)))
    for day in range(20):
        for q in pack.questions[:8]:
            rating = 1 if rng.randrange(160) < fails else 3
            p = record(p, q.id, rating, seconds=10, now=T0 + timedelta(days=day))
    now = T0 + timedelta(days=20, hours=2)
    s = effective(p.profile, pack.round_ids, count=5)
    f = fitted(p)
    assert todays_drill(pack, p, now, s=s, round_id=None) == todays_drill(
        pack, p, now, s=s, round_id=None, fit=f
    )
    assert pace_inputs(pack, p, now, s=s).fit == f


def test_a_fit_that_forgets_faster_forecasts_fewer_ready(pack: Pack) -> None:
    qids = [q.id for q in pack.questions]
    dates = dict.fromkeys(qids, (T0.date() + timedelta(days=28),))
    args = {"cards": {}, "now": T0, "scope": qids, "dates": dates, "count": 6, "done_today": 0}
    plain = forecast(**args, rest=frozenset())  # type: ignore[arg-type]
    slower = forecast(**args, rest=frozenset(), fit=Fit(scale=3.0, power=0.8))  # type: ignore[arg-type]
    assert slower.ready < plain.ready


def stability_after(card: Reviewed, good: bool, when: datetime, *, r: float | None = None) -> float:
    """FSRS's stability of a practised card answered Good (or Again) at `when`, one answer at a
    time: the plain formula the drill's `stabilities_after` shares its terms from, held here
    equal to fsrs's own review and to it. `r` is the recall the review finds (FSRS's own
    prediction unless given: the drill gives the fitted one)."""
    s, d, last = card.stability, card.difficulty, card.last_review
    assert s is not None and d is not None and last is not None
    rating = 3 if good else 1
    if (when - last).days < 1:  # the same day: FSRS-6's short-term stability
        grow: float = (math.e ** (W[17] * (rating - 3 + W[18]))) * (s ** -W[19])
        return max(s * (max(grow, 1.0) if good else grow), STABILITY_MIN)
    r = kept((when - last).days, s) if r is None else r  # fsrs counts whole days
    after: float
    if good:
        grow = (math.e ** W[8]) * (11 - d) * (s ** -W[9]) * ((math.e ** ((1 - r) * W[10])) - 1)
        after = s * (1 + grow)
    else:
        long_term = W[11] * (d ** -W[12]) * (((s + 1) ** W[13]) - 1) * (math.e ** ((1 - r) * W[14]))
        after = min(long_term, s / (math.e ** (W[17] * W[18])))
    return max(after, STABILITY_MIN)


@settings(max_examples=200, deadline=None)
@given(
    ratings=st.lists(st.integers(1, 4), min_size=1, max_size=6),
    gaps=st.lists(st.integers(0, 24 * 40), min_size=7, max_size=7),
    good=st.booleans(),
)
def test_stability_after_a_review_is_fsrs_own(
    ratings: list[int], gaps: list[int], good: bool
) -> None:
    """The drill weighs reviews without importing fsrs: its stability after Good or Again is
    fsrs's own, to the last bit, whatever the card's history (same-day reviews too)."""
    from fsrs import Card, Rating

    assert tuple(scheduler().parameters) == W
    card = Card(card_id=1, due=T0)
    when = T0
    for rating, hours in zip(ratings, gaps, strict=False):
        card, _ = scheduler().review_card(card, Rating(rating), when)
        when += timedelta(hours=hours)
    after, _ = scheduler().review_card(card, Rating.Good if good else Rating.Again, when)
    assert stability_after(card, good, when) == after.stability


def test_the_advice_under_a_fit_is_the_simulators_own_figure(pack: Pack) -> None:
    """With a fit, the forecast is the drill played against the model learner of that fit: the
    same engine, the same seed, the same figure."""
    qids = [q.id for q in pack.questions]
    interview = T0.date() + timedelta(days=35)
    dates = dict.fromkeys(qids, (interview,))
    fitted_fit = Fit(scale=1.5, power=0.95)
    f = forecast(
        cards={},
        now=T0,
        scope=qids,
        dates=dates,
        count=10,
        done_today=0,
        rest=frozenset(),
        fit=fitted_fit,
    )
    cards: dict[str, Card] = {}
    run(
        cards=cards,
        days=calendar(T0.date(), interview, frozenset()),
        policy=drill_policy(
            tz=UTC, scope=qids, dates=dates, count=10, rest=frozenset(), fit=fitted_fit
        ),
        learner=ModelLearner(cards, fit=fitted_fit),
        count=10,
        tz=UTC,
    )
    morning = datetime.combine(interview, time(9), tzinfo=UTC)
    assert f.ready == sum(recall(cards[q], morning, fitted_fit) >= 0.9 for q in cards)
    assert 0 < f.ready < len(qids)


def test_progress_predicts_recall_with_the_fit_of_the_log(pack: Pack) -> None:
    """A candidate who forgets three times faster than FSRS thinks: `progress` predicts each
    round's recall on its day with the fit, below what plain FSRS would promise."""
    qids = [q.id for q in pack.questions]
    cards: dict[str, Card] = {}
    log: list[tuple[str, datetime, int]] = []
    memory = ModelLearner(cards, seed=3, fit=Fit(scale=3.0))

    class Logged:
        def answer(self, qid: str, when: datetime) -> int:
            rating = memory.answer(qid, when)
            log.append((qid, when, rating))
            return rating

        def recall(self, qid: str, when: datetime) -> float:
            return memory.recall(qid, when)

    interview = T0.date() + timedelta(days=40)
    run(
        cards=cards,
        days=calendar(T0.date(), T0.date() + timedelta(days=30), frozenset()),
        policy=drill_policy(
            tz=UTC, scope=qids, dates=dict.fromkeys(qids, (interview,)), count=10, rest=frozenset()
        ),
        learner=Logged(),
        count=10,
        tz=UTC,
    )
    p = Progress(profile=Profile(interview=interview))
    for qid, when, rating in log:
        p = record(p, qid, rating, seconds=10, now=when)
    now = T0 + timedelta(days=30, hours=2)
    s = effective(p.profile, pack.round_ids)
    assert fitted(p) != FSRS
    fitted_report = progress_report(pack, p, now, s=s)
    plain = progress_report(pack, p, now, s=s, fit=FSRS)
    for mine, theirs in zip(fitted_report.rounds, plain.rounds, strict=True):
        assert 0 < mine.recall < theirs.recall


def test_drill_list_shows_the_fitted_recall_that_progress_shows(pack: Pack) -> None:
    """Once the fit departs from FSRS, `drill --list`'s recall at the deadline is the fitted
    one, the figure `progress`'s weakest questions give for the same question and morning."""
    interview = date(2026, 11, 20)
    p = Progress(profile=Profile(interview=interview, start=T0.date(), count=5))
    for q in pack.questions:
        p = record(p, q.id, 3, seconds=5, now=T0)
    now = T0 + timedelta(days=6)
    s = effective(p.profile, pack.round_ids)
    bent = Fit(scale=2.0, power=0.8)
    items = todays_drill(pack, p, now, s=s, round_id=None, fit=bent).items
    weakest = {q.id: r for q, r in progress_report(pack, p, now, s=s, fit=bent).weakest}
    morning = datetime.combine(interview, time(9), tzinfo=UTC)
    assert items
    for i in items:
        card = p.cards[i.question.id]
        assert i.recall_now == recall(card, now, bent) < retrievability(card, now)
        assert i.recall_interview == recall(card, morning, bent)
        if i.question.id in weakest:
            assert weakest[i.question.id] == i.recall_interview
    assert set(weakest) & {i.question.id for i in items}


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
    got = gains(cards, list(cards), now, at=at, fit=fit)
    assert got == {q: _plain_gain(c, now, at[q], fit) for q, c in cards.items()}


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 30), hours=st.integers(0, 24 * 40))
def test_both_stabilities_after_are_each_ones_to_the_last_bit(
    seed: int, n: int, hours: int
) -> None:
    now = T0 + timedelta(hours=hours + n * 96)
    for card in _logged(seed, n).cards.values():
        for r in (recall(card, now), 0.0, 0.5, 1.0):
            both = stabilities_after(card, now, r)
            assert both == (
                stability_after(card, True, now, r=r),
                stability_after(card, False, now, r=r),
            )


# `reviewed`, the pace forecast's FSRS step, is fsrs's own review to the last bit.


def _fields(card: Card) -> tuple[object, ...]:
    return (
        card.card_id,
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        card.due,
        card.last_review,
    )


def _same(card: Card, rating: int, when: datetime) -> Card:
    """Both steps from `card`; asserts they agree in every field, bit for bit."""
    ours = reviewed(card, rating, when)
    theirs, _ = scheduler().review_card(card, Rating(rating), when)
    assert _fields(ours) == _fields(theirs)
    for a, b in ((ours.stability, theirs.stability), (ours.difficulty, theirs.difficulty)):
        assert a is None or (b is not None and a.hex() == b.hex())
    return theirs


@settings(max_examples=300, deadline=None)
@given(
    steps=st.lists(st.tuples(st.integers(0, 24 * 400), st.integers(1, 4)), min_size=1, max_size=40)
)
def test_a_history_of_reviews_steps_as_fsrs_does(steps: list[tuple[int, int]]) -> None:
    card, when = Card(card_id=7, due=T0), T0
    for hours, rating in steps:
        when += timedelta(hours=hours)
        card = _same(card, rating, when)


maybe = st.one_of(st.none(), st.floats(0.001, 40_000, allow_nan=False))


@settings(max_examples=500, deadline=None)
@given(
    state=st.sampled_from(list(State)),
    step=st.one_of(st.none(), st.integers(0, 3)),
    stability=maybe,
    difficulty=st.one_of(st.none(), st.floats(1.0, 10.0)),
    last=st.one_of(st.none(), st.integers(0, 24 * 3000)),
    later=st.integers(0, 24 * 3000),
    rating=st.integers(1, 4),
)
def test_any_card_fsrs_accepts_steps_as_fsrs_does(
    state: State,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    last: int | None,
    later: int,
    rating: int,
) -> None:
    """Every state, step and memory, a step fsrs itself refuses included (both refuse)."""
    last_review = None if last is None else T0 + timedelta(hours=last)
    when = (last_review or T0) + timedelta(hours=later)
    card = Card(7, state, step, stability, difficulty, when, last_review)
    try:
        expected = _fields(scheduler().review_card(card, Rating(rating), when)[0])
    except (AssertionError, TypeError):
        return  # fsrs refuses the card; `reviewed` hands such a card to fsrs
    assert _fields(reviewed(card, rating, when)) == expected
