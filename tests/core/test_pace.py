"""The drill played forward: every place used, failures back the next practice day, rest days
kept, and the pace advice's figures the simulator's own."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from conftest import listed, run
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.calibration import FSRS, Fit, recall
from emprep.core.days import practice_days, weekdays
from emprep.core.models import Profile, Progress
from emprep.core.pace import (
    SEED,
    ModelLearner,
    advice,
    calendar,
    drill_policy,
    forecast,
    ready_count,
)
from emprep.core.pack import Pack
from emprep.core.practice import PaceInputs, todays_drill
from emprep.core.scheduler import TARGET, record, to_card
from emprep.core.settings import effective

if TYPE_CHECKING:
    from fsrs import Card

T0 = datetime(2026, 11, 2, 8, tzinfo=UTC)  # a Monday


class RandomLearner:
    """Ratings drawn at random: the drill must hold its rules whatever the answers."""

    def __init__(self, seed: int, again: float) -> None:
        self.rng = random.Random(seed)
        self.again = again

    def answer(self, qid: str, when: datetime) -> int:
        return 1 if self.rng.random() < self.again else self.rng.choice([2, 3, 4])

    def recall(self, qid: str, when: datetime) -> float:
        return 0.0


def _simulator() -> ModuleType:
    path = Path(__file__).parents[2] / "benchmarks" / "simulate.py"
    spec = importlib.util.spec_from_file_location("simulate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["simulate"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@settings(max_examples=25, deadline=None)
@given(
    days=st.integers(2, 30),
    count=st.integers(1, 12),
    again=st.floats(0, 1),
    rest=st.sets(st.integers(0, 6), max_size=3),
    seed=st.integers(0, 1000),
)
def test_every_place_is_used_and_a_failure_returns_the_next_practice_day(
    pack: Pack, days: int, count: int, again: float, rest: set[int], seed: int
) -> None:
    from emprep.core.pace import run as play

    qids = [q.id for q in pack.questions]
    interview = T0.date() + timedelta(days=days)
    rest_days = frozenset(rest)
    practised = calendar(T0.date(), interview, rest_days)
    out = play(
        cards={},
        days=practised,
        policy=drill_policy(
            tz=UTC,
            scope=qids,
            dates=dict.fromkeys(qids, (interview,)),
            count=count,
            rest=rest_days,
        ),
        learner=RandomLearner(seed, again),
        count=count,
        tz=UTC,
    )
    assert out.empty == 0  # while the interview is ahead, no place is left empty
    assert out.longest_wait <= 1  # an Again comes back on the next practice day
    assert out.reviews == count * len(practised)
    assert all(d.weekday() not in rest for d in practised)  # only practice days are played


def test_the_advice_is_the_simulators_own_figure(pack: Pack) -> None:
    """The forecast at the configured count is the benchmark's FSRS-6 learner, same seed."""
    from emprep.core.pace import run as play

    sim = _simulator()
    qids = [q.id for q in pack.questions]
    interview = T0.date() + timedelta(days=21)
    dates = dict.fromkeys(qids, (interview,))
    rest = weekdays(["sat", "sun"])
    f = forecast(cards={}, now=T0, scope=qids, dates=dates, count=4, done_today=0, rest=rest)
    cards: dict[str, object] = {}
    out = play(
        cards=cards,  # type: ignore[arg-type]
        days=calendar(T0.date(), interview, rest),
        policy=drill_policy(tz=UTC, scope=qids, dates=dates, count=4, rest=rest),
        learner=sim.learner("fsrs6", qids, SEED, cards),
        count=4,
        tz=UTC,
    )
    truth = sim.score(out, sim.learner("fsrs6", qids, SEED, out.cards), qids, interview, [])
    assert f.ready == round(truth["ready"] * len(qids))
    assert f.total == len(qids)
    assert len(f.curve) == practice_days(T0.date(), interview, rest) + 1
    a = advice(cards={}, now=T0, scope=qids, dates=dates, count=4, done_today=0, rest=rest)
    assert a is not None and a.current == f
    if a.short:
        assert a.advised is None or (a.advised.count > 4 and a.advised.ready >= 0.95 * len(qids))


def test_the_advice_says_what_drilling_the_rest_day_before_the_interview_would_do(
    pack: Pack,
) -> None:
    """A Monday interview after a weekend off: the advice plays the Sunday as a practice day
    too and says what it adds; it says nothing when the eve is a practice day anyway."""
    qids = [q.id for q in pack.questions]
    rest = weekdays(["sat", "sun"])
    monday = T0.date() + timedelta(days=21)
    dates = dict.fromkeys(qids, (monday,))
    a = advice(cards={}, now=T0, scope=qids, dates=dates, count=8, done_today=0, rest=rest)
    sunday = forecast(
        cards={},
        now=T0,
        scope=qids,
        dates=dates,
        count=8,
        done_today=0,
        rest=rest,
        also=frozenset({monday - timedelta(days=1)}),
    )
    assert a is not None and a.eve is not None
    assert (a.eve.day, a.eve.ready) == (date(2026, 11, 22), sunday.ready)
    assert a.eve.ready > a.current.ready
    assert len(sunday.curve) == len(a.current.curve) + 1  # the Sunday's morning is played
    for other, days in (
        (dates, frozenset()),
        (dict.fromkeys(qids, (monday + timedelta(1),)), rest),
    ):
        b = advice(cards={}, now=T0, scope=qids, dates=other, count=8, done_today=0, rest=days)
        assert b is not None and b.eve is None


def test_drill_list_words_the_rest_day_before_the_interview() -> None:
    import json

    for key, value in (("interview", "2026-12-21"), ("rest-days", "sat,sun"), ("count", "8")):
        assert run("config", "set", key, value).code == 0
    now = {"EMPREP_NOW": "2026-11-23T08:00", "COLUMNS": "400"}
    pace = json.loads(run("drill", "--list", "--format", "json", env=now).stdout)["pace"]
    eve = pace["eve"]
    assert eve["date"] == "2026-12-20" and eve["ready"] > pace["current"]["ready"]
    words = run("drill", "--list", env=now).stdout.splitlines()[-1]
    assert words.endswith(
        f"Drilling on Sun 20 Dec as well (a rest day) would make {eve['ready']} ready. These are "
        "FSRS's predictions, for an average learner until your ratings show otherwise."
    )


def test_the_pace_line_counts_each_question_on_its_own_rounds_day() -> None:
    """Rounds on two days: the line does not say "ready on" the last day alone, since the
    screen's questions are counted on the screen's day; once that day is past, it does."""
    import json

    for key, value in (("interview", "2026-12-17"), ("interview.recruiter", "2026-12-03")):
        assert run("config", "set", key, value).code == 0
    for day, first, on in (
        ("2026-11-23", "2026-12-03", "their rounds' days (Thu 3 Dec to Thu 17 Dec)"),
        ("2026-12-03", None, "Thu 17 Dec"),
    ):
        now = {"EMPREP_NOW": f"{day}T08:00", "COLUMNS": "400"}
        pace = json.loads(run("drill", "--list", "--format", "json", env=now).stdout)["pace"]
        assert (pace["first"], pace["date"]) == (first, "2026-12-17")
        c = pace["current"]
        words = run("drill", "--list", env=now).stdout.splitlines()[-1]
        assert words.startswith(
            f"At 5 a day about {c['ready']} of {c['total']} questions will be ready on {on}"
        )


class Alternate:
    """Good on a question whose id has an even checksum, Again on the others."""

    def answer(self, qid: str, when: datetime) -> int:
        return 3 if sum(qid.encode()) % 2 == 0 else 1

    def recall(self, qid: str, when: datetime) -> float:
        return 0.0


def test_the_staggered_benchmarks_emprep_asks_what_drill_list_lists(pack: Pack) -> None:
    """The benchmark's emprep is the CLI's drill: day by day, with the same ratings recorded,
    its picks are `emprep drill --list`'s items."""
    import json

    sim = _simulator()
    staggered = _staggered()
    start = sim.START
    dates = {r: start + timedelta(days=k) for r, k in staggered.LOOPS["five days"].items()}
    last = max(dates.values())
    for key, value in [
        ("interview", last),
        ("interview.recruiter", dates["recruiter"]),
        ("interview.technical", dates["technical"]),
        ("interview.people", dates["people"]),
        ("interview.strategic", dates["strategic"]),
        ("start", start),
        ("count", 4),
    ]:
        assert run("config", "set", key, str(value)).code == 0
    profile = Profile(interview=last, start=start, count=4, rounds=dates)
    who = staggered.Candidate(Alternate(), Progress(profile=profile))
    policy = staggered.cli_drill(pack, who, effective(profile, pack.round_ids))
    for day in [start + timedelta(days=i) for i in (0, 1, 2, 5, 13, 14, 15)]:
        moment = datetime.combine(day, time(8), tzinfo=UTC)
        env = {"EMPREP_NOW": moment.isoformat()}
        listed = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)
        picks = policy(day, moment, {}, 4)
        assert picks == [item["id"] for item in listed["items"]], day
        for qid in picks:
            rating = who.answer(qid, moment)
            assert run("review", qid, str(rating), "--seconds", "90", env=env).code == 0


def _staggered() -> ModuleType:
    path = Path(__file__).parents[2] / "benchmarks" / "staggered.py"
    spec = importlib.util.spec_from_file_location("staggered", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["staggered"] = module
    spec.loader.exec_module(module)
    return module


class Asked:
    """Recall 1 / (1 + the hours since the question was asked over 720), 0 before it is: what
    a round scores then says when each of its questions was asked and when it was scored; at
    least 0.9 (ready) for 80 hours."""

    def __init__(self) -> None:
        self.asked: dict[str, datetime] = {}

    def answer(self, qid: str, when: datetime) -> int:
        self.asked[qid] = when
        return 3

    def recall(self, qid: str, when: datetime) -> float:
        if qid not in self.asked or self.asked[qid] > when:
            return 0.0
        return 1 / (1 + (when - self.asked[qid]).total_seconds() / 3600 / 720)


@pytest.mark.parametrize(("loop", "count"), [("five days", 1), ("screen 14, rest 35", 2)])
def test_the_staggered_benchmark_scores_each_round_at_09_on_its_own_day(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, loop: str, count: int
) -> None:
    """Round-robin asks the bank in order, `count` a practice day at 08:00 (daily: every day
    before the last round's); a round is scored at 09:00 on its own day, so its questions asked
    that morning are an hour old, and those not yet asked count 0. Its share ready: those asked
    that morning or on the three days before it (73 hours old at most)."""
    _simulator()  # staggered.py imports it, and its folder for the learners
    staggered = _staggered()
    monkeypatch.setattr(staggered, "learner", lambda *args: Asked())
    setting = staggered.Staggered("hard-tail", loop, count, "daily", "round-robin", 0)
    scores = staggered.one_staggered(setting, pack)
    last = max(staggered.LOOPS[loop].values())
    expected, everyone, recent = {}, [], []
    for r, k in staggered.LOOPS[loop].items():
        mine = [
            1 / (1 + ((k - i // count) * 24 + 1) / 720) if i < count * min(k + 1, last) else 0.0
            for i, q in enumerate(pack.questions)
            if r in q.rounds
        ]
        fresh = [
            k - 3 <= i // count <= min(k, last - 1)
            for i, q in enumerate(pack.questions)
            if r in q.rounds
        ]
        expected[r] = pytest.approx(sum(mine) / len(mine), rel=1e-12)
        expected[f"{r} ready"] = pytest.approx(sum(fresh) / len(fresh), rel=1e-12)
        everyone += mine
        recent += fresh
    assert {r: scores[r] for r in expected} == expected
    assert 0 < scores["loop ready"] < 1
    assert scores["loop"] == pytest.approx(sum(everyone) / len(everyone), rel=1e-12)
    assert scores["loop ready"] == pytest.approx(sum(recent) / len(recent), rel=1e-12)
    assert scores["reviews"] == count * last  # every day but the last round's is practised


def test_the_staggered_report_counts_the_rounds_where_emprep_has_as_many_ready(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Beside the mean, each round's share ready (true recall >= 0.9) on its day is scored
    against the best baseline's share on that round, the seeds' mean; a tie is not a loss.
    The means here run the other way, and they are not what is counted."""
    _simulator()
    staggered = _staggered()

    def runs(strategy: str, a: list[float], loop: list[float]) -> list[dict[str, float]]:
        mean = 1.0 if strategy == "emprep" else 0.0
        return [
            {"a": mean, "a ready": x, "loop": mean, "loop ready": y}
            for x, y in zip(a, loop, strict=True)
        ]

    shares = {  # per setting and strategy: the round's share ready, then the loop's, per seed
        ("daily", "emprep"): ([0.5, 0.5], [0.6, 0.6]),
        ("daily", "plain FSRS"): ([0.5, 0.5], [0.6, 0.8]),
        ("daily", "round-robin"): ([0.4, 0.4], [0.1, 0.1]),
        ("daily", "exam mode"): ([0.0, 0.2], [0.3, 0.3]),
        ("daily", staggered.NO_RELEARN): ([0.6, 0.3], [0.7, 0.7]),
        ("20% missed", "emprep"): ([0.8, 0.6], [0.2, 0.2]),
        ("20% missed", "plain FSRS"): ([0.9, 0.4], [0.1, 0.2]),
        ("20% missed", "round-robin"): ([0.0, 0.0], [0.0, 0.0]),
        ("20% missed", "exam mode"): ([0.6, 0.6], [0.3, 0.0]),
        ("20% missed", staggered.NO_RELEARN): ([0.0, 0.0], [1.0, 1.0]),
    }
    table = {
        ("fsrs6", "five days", 5, calendar, strategy): runs(strategy, *share)
        for (calendar, strategy), share in shares.items()
    }
    staggered.ready(table, ["a", "loop"])
    assert capsys.readouterr().out.splitlines() == [
        "(learner, loop, budget, calendar, round) where emprep's share of the round's questions "
        "at true recall >= 0.9 on its day >= the best baseline's: 3 of 4 "
        "(emprep, no relearn: 2)",
        "per round: a 2/2 (share gap +2.5%), loop 1/2 (share gap -2.5%)",
    ]


def test_the_staggered_report_counts_the_feasible_losses_an_oracle_wins_without_a_trade(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A round emprep loses and an oracle reaches is winnable without a trade only where that
    oracle also meets the best baseline on every round emprep wins in the setting: here the
    first setting's round b (the mean oracle holds a), not the second's (the oracle that
    reaches b gives a up), nor a round no oracle reaches."""
    _simulator()
    staggered = _staggered()
    means = {  # per setting and strategy: rounds a and b
        ("daily", "emprep"): (0.8, 0.4),
        ("daily", "oracle"): (0.5, 0.9),
        ("daily", "oracle, mean"): (0.7, 0.6),
        ("20% missed", "emprep"): (0.8, 0.4),
        ("20% missed", "oracle"): (0.5, 0.9),
        ("20% missed", "oracle, mean"): (0.8, 0.5),
        ("weekends off", "emprep"): (0.8, 0.4),
        ("weekends off", "oracle"): (0.9, 0.5),
        ("weekends off", "oracle, mean"): (0.9, 0.4),
    }
    table = {
        ("fsrs6", "five days", 5, calendar, strategy): [
            {"a": a, "b": b} for a, b in [means.get((calendar, strategy), (0.6, 0.55))] * 2
        ]
        for calendar in ("daily", "20% missed", "weekends off")
        for strategy in staggered.STAGGERED
    }
    staggered.untraded(table, ["a", "b"])
    assert capsys.readouterr().out.splitlines() == [
        "feasible and lost by emprep: 2; of which an oracle reaching the round also meets the "
        "best baseline on every round emprep wins there: 1 (a 0/0, b 1/2)",
    ]


def test_a_model_learner_only_reads_the_cards_it_is_given() -> None:
    cards: dict[str, object] = {}
    learner = ModelLearner(cards, seed=1)  # type: ignore[arg-type]
    assert learner.recall("x", T0) == 0.0
    assert learner.answer("x", T0) in (1, 3)
    assert cards == {}


@settings(max_examples=20, deadline=None)
@given(hours=st.integers(0, 24 * 40), count=st.integers(1, 10))
def test_the_drill_is_a_pure_function(pack: Pack, hours: int, count: int) -> None:
    p = Progress(profile=Profile(interview=date(2026, 12, 20), rest_days=["sun"]))
    for i, q in enumerate(pack.questions[:15]):
        p = record(p, q.id, 1 + i % 4, seconds=30, now=T0 + timedelta(days=i % 5))
    now = T0 + timedelta(days=5, hours=hours)
    before = copy.deepcopy(p)
    first = todays_drill(
        pack, p, now, s=effective(p.profile, pack.round_ids, count=count), round_id=None
    )
    again = todays_drill(
        pack, p, now, s=effective(p.profile, pack.round_ids, count=count), round_id=None
    )
    assert first == again
    assert p == before  # the progress is not touched


def test_rest_days_are_said_and_a_friday_failure_is_back_on_monday() -> None:
    run("config", "set", "interview", "2026-12-18")
    run("config", "set", "rest-days", "sat,sun")
    friday = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    run("review", "exe-scaling", "again", "--seconds", "20", env=friday)
    saturday = run("drill", "--list", env={"EMPREP_NOW": "2026-11-21T09:00:00+00:00"})
    assert saturday.stdout.splitlines()[1] == (
        "Today is one of your rest days; here is the drill all the same."
    )
    monday = run("drill", "--list", "--format", "json", env={"EMPREP_NOW": "2026-11-23T09:00"})
    import json

    doc = json.loads(monday.stdout)
    assert (doc["items"][0]["id"], doc["items"][0]["kind"]) == ("exe-scaling", "review")
    assert doc["rest_day"] is False
    assert doc["practice_days_left"] == practice_days(
        date(2026, 11, 23), date(2026, 12, 18), weekdays(["sat", "sun"])
    )
    assert doc["practice_days_left"] == 19


def test_a_rest_day_is_no_practice_day_in_the_advice_even_when_the_drill_is_opened() -> None:
    """The forecast plays practice days only: a rest day on which the candidate opens the drill
    is not added to the pace (the forecast read on Saturday, Sunday and Monday morning is one),
    and what is practised on it counts once done."""
    import json

    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "count", "8")
    run("config", "set", "rest-days", "sat,sun")

    def drill(day: str) -> None:
        now = {"EMPREP_NOW": f"{day}T09:00:00+00:00"}
        items = json.loads(run("drill", "--list", "--format", "json", env=now).stdout)["items"]
        for item in items:
            run("review", item["id"], "good", "--seconds", "60", env=now)

    def pace(day: str) -> object:
        now = {"EMPREP_NOW": f"{day}T09:00:00+00:00"}
        return json.loads(run("progress", "--format", "json", env=now).stdout)["pace"]

    drill("2026-11-20")  # a Friday
    weekend = [pace(day) for day in ("2026-11-21", "2026-11-22", "2026-11-23")]
    assert weekend == [weekend[2]] * 3
    drill("2026-11-21")
    assert pace("2026-11-22") == pace("2026-11-23") != weekend[2]


@given(
    start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    span=st.integers(-3, 120),
    rest=st.sets(st.integers(0, 6), max_size=6),
)
def test_practice_days_count_the_days_that_are_not_rest_days(
    start: date, span: int, rest: set[int]
) -> None:
    until = start + timedelta(days=span)
    brute = sum(
        1
        for i in range(max(0, span))
        if i == 0 or (start + timedelta(days=i)).weekday() not in rest
    )
    assert practice_days(start, until, frozenset(rest)) == brute
    # The forecast's calendar: today too only when it is a practice day (the drill itself
    # counts today, as the candidate is practising it).
    rest_today = span > 0 and start.weekday() in rest
    assert len(calendar(start, until, frozenset(rest))) == brute - rest_today


def test_the_forecast_aims_each_question_at_its_next_round_once_one_passes(pack: Pack) -> None:
    """A question the screen and the onsite both ask is still practised after the screen, for
    the onsite; one only the screen asks is not. Ready means ready on each of its days."""
    from emprep.core.pace import run as play
    from emprep.core.practice import pace_inputs

    screen, onsite = T0.date() + timedelta(days=8), T0.date() + timedelta(days=26)
    recruiter = [q for q in pack.questions if "recruiter" in q.rounds]
    shared = [q.id for q in recruiter if len(q.rounds) > 1]
    only = [q.id for q in recruiter if q.rounds == ["recruiter"]]
    assert shared and only
    dates = {q.id: [screen, onsite] if q.id in shared else [screen] for q in recruiter}
    scope = [q.id for q in recruiter]
    cards: dict[str, Card] = {}
    days = calendar(T0.date(), onsite, frozenset())
    policy = drill_policy(tz=UTC, scope=scope, dates=dates, count=6, rest=frozenset())
    for day in days:
        play(
            cards=cards,
            days=[day],
            policy=policy,
            learner=ModelLearner(cards, seed=day.toordinal()),
            count=6,
            tz=UTC,
        )
        asked = {q for q, c in cards.items() if c.last_review and c.last_review.date() == day}
        assert len(asked) == (6 if day <= screen else min(6, len(shared))), day
        assert day <= screen or asked <= set(shared), day
    assert all(cards[q].last_review.date() > onsite - timedelta(days=8) for q in shared)  # type: ignore[union-attr]
    f = forecast(
        cards={}, now=T0, scope=scope, dates=dates, count=6, done_today=0, rest=frozenset()
    )
    assert f.total == len(scope) and f.ready >= len(scope) - 2
    assert [p.day for p in f.curve] == [*days, onsite]
    assert f.curve[-1].ready == f.ready
    # emprep's own inputs: each question's dates to come, in order
    p = Progress(profile=Profile(interview=onsite, rounds={"recruiter": screen}))
    inputs = pace_inputs(pack, p, T0, s=effective(p.profile, pack.round_ids))
    assert inputs.dates[shared[0]] == [screen, onsite]
    assert inputs.dates[only[0]] == [screen]
    after = pace_inputs(pack, p, T0 + timedelta(days=9), s=effective(p.profile, pack.round_ids))
    assert only[0] not in after.scope and after.dates[shared[0]] == [onsite]


def test_a_days_ratings_of_a_round_over_since_fill_the_forecasts_today_as_the_drills(
    isolated: Path, pack: Pack
) -> None:
    """The technical round's day: its four warm-ups rated in the morning, the round logged in
    the afternoon. The drill counts the day done (every question rated today takes a place),
    while the forecast counted only today's ratings of questions still in play, none once the
    round was over, and played four places more today: three questions ready the next
    morning that nothing was going to drill. One rule for both now."""
    from emprep.core.practice import pace_inputs
    from emprep.storage import store

    first = {"EMPREP_NOW": "2026-12-01T09:00+00:00"}
    for key, value in [("interview", "2026-12-18"), ("interview.tech", "2026-12-10")]:
        assert run("config", "set", key, value, env=first).code == 0
    assert run("config", "set", "count", "4", env=first).code == 0
    earlier = {"EMPREP_NOW": "2026-12-05T09:00+00:00"}
    assert run("review", "str-metric-drop", "good", env=earlier).code == 0
    morning = {"EMPREP_NOW": "2026-12-10T09:00+00:00"}
    for qid in ("oncall-ownership", "capacity-risk", "event-contracts", "incident-command"):
        assert run("review", f"tech-{qid}", "good", env=morning).code == 0
    logged = {"EMPREP_NOW": "2026-12-10T15:00+00:00"}
    assert run("rounds", "log", "tech", "--asked", "tech-design-feature", env=logged).code == 0
    later = {"EMPREP_NOW": "2026-12-10T15:30+00:00"}
    doc = json.loads(run("today", "--format", "json", env=later).stdout)
    assert (doc["drill"]["rated_today"], doc["drill"]["left"]) == (4, 0)
    assert doc["pace"]["current"]["curve"][:2] == [
        {"date": "2026-12-10", "ready": 0},
        {"date": "2026-12-11", "ready": 0},
    ]
    p = store.load(isolated)
    now = datetime(2026, 12, 10, 15, 30, tzinfo=UTC)
    s = effective(p.profile, pack.round_ids)
    drill = todays_drill(pack, p, now, s=s, round_id=None)
    assert pace_inputs(pack, p, now, s=s).done_today == drill.done_today == 4


@settings(max_examples=20, deadline=None)
@given(
    days=st.integers(14, 60),
    extra=st.integers(0, 4),
    again=st.floats(0, 0.4),
    rest=st.sets(st.integers(0, 6), max_size=2),
    seed=st.integers(0, 1000),
)
def test_coverage_holds_where_the_budget_allows_it(
    pack: Pack, days: int, extra: int, again: float, rest: set[int], seed: int
) -> None:
    """Budget x practice days >= 3 x questions: every question seen at least twice, none for
    the first time in the last two practice days, whatever the ratings, with up to two
    answers in five Again (each also takes a place the next practice day; a Hard is a recall
    and does not). Beyond that, at exactly three times, relearning can take the places a
    second sight needs: with 40-50 % Again, 4 of 600 random draws left a question seen once
    (README)."""
    from emprep.core.pace import run as play

    qids = [q.id for q in pack.questions]
    interview = T0.date() + timedelta(days=days)
    rest_days = frozenset(rest)
    practised = calendar(T0.date(), interview, rest_days)
    count = -(-3 * len(qids) // len(practised)) + extra
    out = play(
        cards={},
        days=practised,
        policy=drill_policy(
            tz=UTC, scope=qids, dates=dict.fromkeys(qids, (interview,)), count=count, rest=rest_days
        ),
        learner=RandomLearner(seed, again),
        count=count,
        tz=UTC,
    )
    assert min(out.seen.get(q, 0) for q in qids) >= 2
    assert max(out.first_seen.values()) < len(practised) - 2


@settings(max_examples=25, deadline=None)
@given(
    offsets=st.lists(st.sets(st.integers(0, 20), max_size=3), min_size=4, max_size=20),
    count=st.integers(1, 6),
    again=st.floats(0, 1),
    seed=st.integers(0, 1000),
)
def test_the_forward_play_never_asks_a_question_after_its_last_round(
    offsets: list[set[int]], count: int, again: float, seed: int
) -> None:
    """Whatever the rounds' dates: each played day the policy asks only questions with a round
    still ahead (or none dated), and aims each at its earliest date still ahead."""
    from emprep.core.pace import run as play

    start = T0.date()
    dates = {f"q{i}": sorted(start + timedelta(days=k) for k in ks) for i, ks in enumerate(offsets)}
    policy = drill_policy(tz=UTC, scope=list(dates), dates=dates, count=count, rest=frozenset())
    asked: list[tuple[date, str]] = []

    def watched(day: date, moment: datetime, cards: dict[str, Card], places: int) -> list[str]:
        picks = policy(day, moment, cards, places)
        asked.extend((day, q) for q in picks)
        return picks

    end = start + timedelta(days=21)
    out = play(
        cards={},
        days=calendar(start, end, frozenset()),
        policy=watched,  # type: ignore[arg-type]
        learner=RandomLearner(seed, again),
        count=count,
        tz=UTC,
    )
    assert out.reviews == len(asked)
    for day, q in asked:
        assert not dates[q] or max(dates[q]) >= day, (day, q, dates[q])


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    hours=st.integers(0, 24 * 60),
    fit=st.one_of(st.just(FSRS), st.builds(Fit, st.floats(0.1, 30), st.floats(0.1, 1.5))),
)
def test_ready_count_is_recall_at_the_target_to_the_last_bit(
    seed: int, hours: int, fit: Fit
) -> None:
    rng = random.Random(seed)
    p = Progress()
    for day in range(12):
        for q in ("a", "b", "c", "d", "e"):
            if rng.random() < 0.6:
                p = record(p, q, rng.choice([1, 3, 3, 4]), seconds=5, now=T0 + timedelta(days=day))
    when = T0 + timedelta(days=12, hours=hours)
    qids = ["a", "b", "c", "d", "e", "never"]
    want = sum(q in p.cards and recall(p.cards[q], when, fit) >= TARGET for q in qids)
    cards = {q: to_card(c) for q, c in p.cards.items()}
    assert ready_count(cards, qids, when, fit=fit) == want


def test_an_advised_count_beyond_the_hours_a_week_says_so(isolated: Path) -> None:
    """Three hours a week and 16 days: the count that would make the loop ready asks for
    about 16 hours a week by the questions' time boxes; the advice says so rather than
    offer it as if it could be followed, and says nothing of it once the hours allow it."""
    env = {"EMPREP_NOW": "2026-11-21T09:00"}
    for key, value in [("interview", "2026-12-07"), ("track", "remote"), ("count", "3")]:
        assert run("config", "set", key, value, env=env).code == 0
    head = (
        "At 3 a day about 3 of 103 questions will be ready on Mon 7 Dec; 18 a day would make "
        "101 ready (emprep config set count 18)"
    )
    assert run("config", "set", "hours", "3", env=env).code == 0
    whose = (
        " These are FSRS's predictions, for an average learner until your ratings show otherwise."
    )
    assert run("drill", "--list", env=env).stdout.splitlines()[-1] == (
        f"{head}, but that is about 16 h a week by the questions' time boxes, more than your "
        f"plan's 3 h a week.{whose}"
    )
    pace = json.loads(run("today", "--format", "json", env=env).stdout)["pace"]
    assert (pace["advised"]["count"], pace["advised_hours"]) == (18, 16.0)
    assert run("config", "set", "hours", "16", env=env).code == 0
    assert run("drill", "--list", env=env).stdout.splitlines()[-1] == f"{head}.{whose}"


def test_an_advised_count_is_weighed_as_the_plan_weighs_a_question(isolated: Path) -> None:
    """Once 10 answers are timed (4 minutes each), the plan weighs a drill question at their
    median and so does the pace advice: its hours a week are the advised count's at 4 minutes
    a question, said as such, not at the time boxes' 7 or more."""
    env = {"EMPREP_NOW": "2026-11-21T09:00"}
    for key, value in [("interview", "2026-12-07"), ("track", "remote"), ("count", "3")]:
        assert run("config", "set", key, value, env=env).code == 0
    assert run("config", "set", "hours", "3", env=env).code == 0
    for item in listed(10, "2026-11-21T09:00"):
        assert run("review", item["id"], "good", "--seconds", "240", env=env).code == 0
    plan = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert (plan["drill_question_minutes"], plan["timed_answers"]) == (4.0, 10)
    pace = json.loads(run("today", "--format", "json", env=env).stdout)["pace"]
    count = pace["advised"]["count"]
    assert pace["advised_hours"] == round(count * 4 * 7 / 60, 1) > 3
    assert (
        run("drill", "--list", env=env)
        .stdout.splitlines()[-1]
        .startswith(
            f"At 3 a day about {pace['current']['ready']} of 103 questions will be ready on Mon 7 "
            f"Dec; {count} a day would make {pace['advised']['ready']} ready (emprep config set "
            f"count {count}), but that is about {count * 4 * 7 / 60:.0f} h a week at your timed "
            "answers' median, more than your plan's 3 h a week."
        )
    )


def test_the_pace_advice_is_the_same_all_day_until_the_next_rating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nine ratings at 08:00, then nothing: the advice said 94 of 103 at 08:00, 97 at 12:00 and
    96 at 21:00, as it played every day to come at the hour it was asked at. It plays them at
    the candidate's own hour now, the same figures all day in every screen, and the advice
    computed in the morning is the one the evening finds in the cache."""
    from emprep.core import practice

    for key, value in [
        ("interview", "2027-01-16"),
        ("interview.recruiter", "2026-12-26"),
        ("interview.technical", "2027-01-05"),
        ("interview.people", "2027-01-09"),
        ("interview.strategic", "2027-01-12"),
        ("track", "hub"),
        ("count", "10"),
        ("hours", "10"),
    ]:
        assert run("config", "set", key, value).code == 0
    morning = {"EMPREP_NOW": "2026-11-21T08:00"}
    for i, item in enumerate(listed(10, "2026-11-21T08:00")[:9]):
        rating = ["good", "again", "good", "hard"][i % 4]
        assert run("review", item["id"], rating, "--seconds", "90", env=morning).code == 0
    said = (
        "At 10 a day about 97 of 103 questions will be ready on their rounds' days (Sat 26 Dec "
        "to Sat 16 Jan); 12 a day would make 99 ready (emprep config set count 12), but that is "
        "about 11 h a week by the questions' time boxes, more than your plan's 10 h a week."
    )
    made: list[object] = []
    for hour in ("08:00", "12:00", "21:00"):
        env = {"EMPREP_NOW": f"2026-11-21T{hour}"}
        for command in (["today"], ["progress"], ["drill", "--list"]):
            shown = run(*command, env=env)
            assert (shown.code, said in shown.stdout) == (0, True), hour
        if not made:  # from now on, each computation of the advice is listed
            monkeypatch.setattr(
                practice, "pace_advice", partial(_listed, made, practice.pace_advice)
            )
    assert made == []


def _listed(
    made: list[object], advice: Callable[[PaceInputs], object], inputs: PaceInputs
) -> object:
    made.append(inputs)
    return advice(inputs)


def test_the_staggered_oracle_aims_at_each_of_a_questions_rounds_still_ahead() -> None:
    """The oracle of the loop over several days: a question counts at every date of its rounds
    (the loop's score), and once those are past it gets no place, nor its failure a relearning
    (the drill's rule: a round whose date has passed no longer takes places)."""
    _simulator()  # puts the benchmarks' folder on the path, for the learners
    import learners  # type: ignore[import-not-found]
    from fsrs import Card, Rating

    from emprep.core.scheduler import scheduler

    fsrs = scheduler()
    screen, onsite = T0.date() + timedelta(days=3), T0.date() + timedelta(days=10)
    cards: dict[str, Card] = {}
    for qid in ("a", "b", "c", "d"):
        cards[qid], _ = fsrs.review_card(Card(card_id=1, due=T0), Rating.Good, T0)
    deadlines = {
        "a": {screen: 1.0},
        "b": {onsite: 1.0},
        "c": {screen: 1.0, onsite: 1.0},
        "d": {onsite: 2.0},  # two rounds of the onsite ask it
    }
    who = ModelLearner(cards, seed=0)
    policy = learners.oracle(who, list(deadlines), deadlines, ready=0.0)
    day = T0.date() + timedelta(days=2)
    moment = datetime.combine(day, time(8), tzinfo=UTC)
    # Same state everywhere, so the gains add up: the onsite's twice, the screen's and the
    # onsite's, the onsite's (a review a week before it), the screen's (a day before it).
    assert policy(day, moment, cards, 4) == ["d", "c", "b", "a"]
    cards["a"], _ = fsrs.review_card(cards["a"], Rating.Again, moment)
    later = T0.date() + timedelta(days=4)
    after = datetime.combine(later, time(8), tzinfo=UTC)
    assert learners.oracle(who, list(deadlines), deadlines, ready=0.0)(later, after, cards, 2) == [
        "d",
        "b",
    ]  # the screen is past: "a", failed and due, is not relearnt; "c" counts at the onsite
