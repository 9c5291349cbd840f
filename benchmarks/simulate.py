"""Scheduling quality: how ready is a simulated candidate on interview morning?

Run by hand: python benchmarks/simulate.py [--quick] [--seeds 5] [--jobs 2]. Every strategy plays
the same learners on the same calendars, through the engine the pace advice uses
(`emprep.core.pace.run`), and keeps FSRS cards from the ratings it gets, as the drill would.

Learners (the truth is theirs; emprep only sees their ratings):
- fsrs6: memory is FSRS-6 itself with its default parameters (the scheduler's own model); a
  first sight is answered well 7 times in 10.
- hard-tail: a hyperbolic forgetting curve, R = 1 / (1 + t / 9S), much steeper than FSRS's over
  weeks; each question its own stability multiplier, log-normal with a hard tail (one in six
  below 0.3x); a first sight fails often (answered well 45-70 % of the time by difficulty);
  slower growth than FSRS assumes; ratings with noise (a forgotten answer rated Hard 1 in 8).
- noisy-exp: an exponential curve, R = 0.9 ^ (t / S); multipliers uniform 0.4-1.6; first sight
  answered well 4 times in 10; ratings noisy both ways (a recalled answer rated Again 1 in 20, a
  forgotten one rated Good 1 in 6).

Strategies at the same daily budget:
- emprep: the drill (`emprep.core.drill.choose`), told the rest days only in the `rest-days`
  calendar;
- plain FSRS: due reviews by due date, then new questions up to an Anki-style daily limit set so
  the bank is in by 60 % of the time, then more new ones while places remain;
- round-robin: the next questions of the bank in turn;
- exam mode: plain FSRS, and in the last days (as many as one pass takes) every question not yet
  reviewed in them is forced, the longest unreviewed first (RemNote's exam scheduler).

Calendars: daily; weekends off (emprep not told); 20 % of days missed at random; rest-days
(weekends off, emprep told). Scored on interview morning (09:00) by the learner's TRUE recall of
every question of the loop, never-seen ones 0: the mean, the share at >= 0.9, the share never
seen, reviews spent, places left empty, the longest wait of a failed answer (practised days),
and the share FSRS predicts ready against the share truly ready.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time as clock
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from multiprocessing import Pool
from typing import TYPE_CHECKING, Any

from emprep.core.days import weekdays
from emprep.core.pace import Learner, ModelLearner, Outcome, Policy, drill_policy, run
from emprep.core.scheduler import TARGET, interview_moment, scheduler
from emprep.storage.packs import load_pack

if TYPE_CHECKING:
    from fsrs import Card

START = date(2026, 11, 2)  # a Monday
TZ = UTC
DAYS = (14, 28, 56)
BUDGETS = (3, 5, 10)
CALENDARS = ("daily", "weekends off", "20% missed", "rest-days")
LEARNERS = ("fsrs6", "hard-tail", "noisy-exp")
STRATEGIES = ("emprep", "plain FSRS", "round-robin", "exam mode")


class CurveLearner:
    """A memory that is not FSRS: its own curve, per-question multipliers, noisy ratings."""

    def __init__(self, kind: str, qids: list[str], seed: int) -> None:
        self.kind = kind
        self.rng = random.Random(zlib.crc32(f"{kind}-{seed}".encode()))
        if kind == "hard-tail":
            self.mult = {q: math.exp(self.rng.gauss(-0.15, 0.75)) for q in qids}
        else:
            self.mult = {q: self.rng.uniform(0.4, 1.6) for q in qids}
        self.stability: dict[str, float] = {}
        self.last: dict[str, datetime] = {}

    def recall(self, qid: str, when: datetime) -> float:
        if qid not in self.stability:
            return 0.0
        t = max(0.0, (when - self.last[qid]).total_seconds() / 86400)
        s = self.stability[qid]
        if self.kind == "hard-tail":
            return 1 / (1 + t / (9 * s))
        return float(0.9 ** (t / s))

    def answer(self, qid: str, when: datetime) -> int:
        m = self.mult[qid]
        if qid not in self.stability:
            p = min(0.7, 0.45 + 0.1 * m) if self.kind == "hard-tail" else 0.4
            ok = self.rng.random() < p
            self.stability[qid] = (1.5 if ok else 0.4) * m
        else:
            r = self.recall(qid, when)
            ok = self.rng.random() < r
            s = self.stability[qid]
            if ok:
                self.stability[qid] = s * (1 + 2.2 * m**0.5 * (1.05 - r)) + 0.3 * m
            else:
                self.stability[qid] = max(0.2, 0.3 * s * m**0.5)
        self.last[qid] = when
        return self._rating(ok)

    def _rating(self, ok: bool) -> int:
        x = self.rng.random()
        if self.kind == "hard-tail":
            if ok:
                return 2 if x < 0.1 else 4 if x < 0.2 else 3
            return 2 if x < 0.125 else 1
        if ok:
            return 1 if x < 0.05 else 3
        return 3 if x < 1 / 6 else 1


def learner(kind: str, qids: list[str], seed: int, cards: dict[str, Card]) -> Learner:
    """The learner `kind`; an FSRS-6 one reads the scheduler's `cards`: its ratings are
    Again or Good, so its memory and the scheduler's cards are the same cards."""
    if kind == "fsrs6":
        return ModelLearner(cards, seed=seed)
    return CurveLearner(kind, qids, seed)


def due_first(cards: Mapping[str, Card], moment: datetime, places: int) -> list[str]:
    end = moment + timedelta(hours=16)
    due = sorted((q for q, c in cards.items() if c.due <= end), key=lambda q: cards[q].due)
    return due[:places]


def plain_fsrs(qids: list[str], days: int, *, exam: bool) -> Policy:
    limit = math.ceil(len(qids) / max(1, 0.6 * days))

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        picks: list[str] = []
        if exam:
            left = (START + timedelta(days=days) - day).days
            seen = [q for q in qids if q in cards]
            if left <= math.ceil(len(qids) / places):
                start = START + timedelta(days=days) - timedelta(days=math.ceil(len(qids) / places))
                todo = [q for q in seen if (cards[q].last_review or moment).date() < start]
                todo.sort(key=lambda q: cards[q].last_review or moment)
                picks = todo[: max(1, math.ceil(len(todo) / max(1, left)))]
        picks += [q for q in due_first(cards, moment, places) if q not in picks]
        picks = picks[:places]
        new = [q for q in qids if q not in cards]
        picks += new[: min(limit, places - len(picks))]
        picks += [q for q in new if q not in picks][: places - len(picks)]
        return picks

    return policy


def round_robin(qids: list[str]) -> Policy:
    state = {"next": 0}

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        n = state["next"]
        state["next"] = n + places
        return [qids[(n + i) % len(qids)] for i in range(min(places, len(qids)))]

    return policy


def practised(days: int, cal: str, seed: int) -> list[date]:
    rng = random.Random(seed * 7919 + days)
    out = []
    for i in range(days):
        d = START + timedelta(days=i)
        if cal in ("weekends off", "rest-days") and d.weekday() >= 5:
            continue
        if cal == "20% missed" and rng.random() < 0.2:
            continue
        out.append(d)
    return out


@dataclass
class Setting:
    learner: str
    days: int
    budget: int
    calendar: str
    strategy: str
    seed: int


def one(s: Setting, qids: list[str]) -> dict[str, float]:
    """One run: the strategy, the learner and the calendar of `s`; its scores."""
    interview = START + timedelta(days=s.days)
    rest = weekdays(["sat", "sun"]) if s.calendar == "rest-days" else frozenset()
    policies: dict[str, Callable[[], Policy]] = {
        "emprep": lambda: drill_policy(
            tz=TZ, scope=qids, dates=dict.fromkeys(qids, (interview,)), count=s.budget, rest=rest
        ),
        "plain FSRS": lambda: plain_fsrs(qids, s.days, exam=False),
        "round-robin": lambda: round_robin(qids),
        "exam mode": lambda: plain_fsrs(qids, s.days, exam=True),
    }
    cards: dict[str, Card] = {}
    who = learner(s.learner, qids, s.seed, cards)
    days = practised(s.days, s.calendar, s.seed)
    out = run(
        cards=cards,
        days=days,
        policy=policies[s.strategy](),
        learner=who,
        count=s.budget,
        tz=TZ,
    )
    return score(out, who, qids, interview, days)


def score(
    out: Outcome, who: Learner, qids: list[str], interview: date, days: list[date]
) -> dict[str, float]:
    at = interview_moment(interview, TZ)
    true = [who.recall(q, at) for q in qids]
    fsrs = scheduler()
    predicted = [
        float(fsrs.get_card_retrievability(out.cards[q], at)) if q in out.cards else 0.0
        for q in qids
    ]
    n = len(qids)
    late = {q for q, i in out.first_seen.items() if i >= len(days) - 2}
    return {
        "mean": statistics.fmean(true),
        "ready": sum(r >= TARGET for r in true) / n,
        "unseen": sum(q not in out.cards for q in qids) / n,
        "reviews": out.reviews,
        "empty": out.empty,
        "wait": out.longest_wait,
        "predicted": sum(r >= TARGET for r in predicted) / n,
        "twice": sum(out.seen.get(q, 0) >= 2 for q in qids) / n,
        "late": len(late),
    }


def grid(seeds: int, quick: bool) -> list[Setting]:
    days = (14, 28) if quick else DAYS
    cals = ("daily", "weekends off") if quick else CALENDARS
    return [
        Setting(lr, d, b, c, st, seed)
        for lr in LEARNERS
        for d in days
        for b in BUDGETS
        for c in cals
        for st in STRATEGIES
        for seed in range(seeds)
    ]


def _one(args: tuple[Setting, list[str]]) -> tuple[Setting, dict[str, float]]:
    return args[0], one(*args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="2 seeds, 14 and 28 days, 2 calendars")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--staggered", action="store_true", help="rounds on several days (below)")
    args = ap.parse_args()
    seeds = 2 if args.quick else args.seeds
    if args.staggered:
        main_staggered(seeds, args.quick, args.jobs)
        return
    qids = [q.id for q in load_pack().questions]
    settings = grid(seeds, args.quick)
    began = clock.perf_counter()
    with Pool(args.jobs) as pool:
        results = pool.map(_one, [(s, qids) for s in settings], chunksize=8)
    report(results, len(qids), seeds)
    print(f"({len(results)} runs in {clock.perf_counter() - began:.0f} s, {args.jobs} jobs)")


def report(results: list[tuple[Setting, dict[str, float]]], n: int, seeds: int) -> None:
    table: dict[tuple[Any, ...], list[dict[str, float]]] = {}
    for s, r in results:
        table.setdefault((s.learner, s.days, s.budget, s.calendar, s.strategy), []).append(r)
    print(f"{n} questions; means over {seeds} seeds; ready = true recall >= {TARGET}")
    head = (
        f"{'learner':<10}{'days':>5}{'/day':>5} {'calendar':<13}{'strategy':<12}{'mean':>6}"
        f"{'ready':>7}{'unseen':>7}{'revs':>6}{'empty':>6}{'wait':>5}{'pred':>6}{'twice':>6}"
    )
    print(head)
    wins = misses = 0
    summary: list[str] = []
    for key in sorted({k[:4] for k in table}, key=lambda k: (LEARNERS.index(k[0]), *k[1:])):
        rows = {st: _means(table[(*key, st)]) for st in STRATEGIES if (*key, st) in table}
        for st, m in rows.items():
            print(
                f"{key[0]:<10}{key[1]:>5}{key[2]:>5} {key[3]:<13}{st:<12}{m['mean']:>6.3f}"
                f"{m['ready']:>7.1%}{m['unseen']:>7.1%}{m['reviews']:>6.0f}{m['empty']:>6.1f}"
                f"{m['wait']:>5.0f}{m['predicted']:>6.0%}{m['twice']:>6.0%}"
            )
        best = max((m for st, m in rows.items() if st != "emprep"), key=lambda m: m["mean"])
        best_ready = max(m["ready"] for st, m in rows.items() if st != "emprep")
        e = rows["emprep"]
        ok = e["mean"] >= best["mean"] and e["ready"] >= best_ready
        if key[0] != "fsrs6":
            wins += ok
            misses += not ok
        summary.append(
            f"{key[0]:<10}{key[1]:>5}{key[2]:>5} {key[3]:<13}{e['mean']:>6.3f}{best['mean']:>6.3f}"
            f"{e['ready']:>7.1%}{best_ready:>7.1%}{e['unseen']:>7.1%}{e['empty']:>6.1f}"
            f"{e['wait']:>5.0f}{e['predicted']:>6.0%}{e['ready']:>6.0%}  {'yes' if ok else 'NO'}"
        )
    print()
    print("emprep against the best baseline (mean: best mean of the three; ready: best share)")
    print(
        f"{'learner':<10}{'days':>5}{'/day':>5} {'calendar':<13}{'mean':>6}{'best':>6}"
        f"{'ready':>7}{'best':>7}{'unseen':>7}{'empty':>6}{'wait':>5}{'pred':>6}{'true':>6}  ok"
    )
    for line in summary:
        print(line)
    print(f"non-FSRS settings where emprep >= the best baseline: {wins} of {wins + misses}")
    sys.stdout.flush()


def _means(runs: list[dict[str, float]]) -> dict[str, float]:
    m = {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}
    m["wait"] = max(r["wait"] for r in runs)
    return m


# --- A loop over several days -----------------------------------------------------------------
# The rounds on their own days, each round's questions scored on the morning of its own day by the
# learner's true recall. emprep is told every round's date (the drill's deadlines: for each
# question the earliest of its rounds' dates still ahead; a question whose rounds are all past
# leaves the scope); the baselines aim at the last date, exam mode's final pass before it.
# Run: python benchmarks/simulate.py --staggered [--quick].

LOOPS = {
    "screen 14, rest 35": {
        "recruiter": 14,
        "technical": 35,
        "people": 35,
        "strategic": 35,
        "executive": 35,
    },
    "five days": {"recruiter": 14, "technical": 21, "people": 28, "strategic": 31, "executive": 35},
}
STAGGERED_CALENDARS = ("daily", "weekends off", "20% missed")


@dataclass
class Staggered:
    learner: str
    loop: str
    budget: int
    calendar: str
    strategy: str
    seed: int


def one_staggered(s: Staggered, rounds: Mapping[str, list[str]]) -> dict[str, float]:
    """One run, played in segments that end on each round's day; each round scored at 09:00."""
    dates = {r: START + timedelta(days=k) for r, k in LOOPS[s.loop].items()}
    last = max(dates.values())
    qids = list(rounds)
    span = (last - START).days
    policy = {
        "emprep": lambda: drill_policy(
            tz=TZ,
            scope=qids,
            dates={q: sorted({dates[r] for r in rs}) for q, rs in rounds.items()},
            count=s.budget,
            rest=frozenset(),
        ),
        "plain FSRS": lambda: plain_fsrs(qids, span, exam=False),
        "round-robin": lambda: round_robin(qids),
        "exam mode": lambda: plain_fsrs(qids, span, exam=True),
    }[s.strategy]()
    cards: dict[str, Card] = {}
    who = learner(s.learner, qids, s.seed, cards)
    days = practised(span, s.calendar, s.seed)
    scores: dict[str, float] = {"reviews": 0.0, "empty": 0.0}
    every: list[float] = []  # each round's question on its day: the loop as a whole
    before = START - timedelta(days=1)
    for day in sorted(set(dates.values())):
        segment = [d for d in days if before < d <= day]
        out = run(cards=cards, days=segment, policy=policy, learner=who, count=s.budget, tz=TZ)
        scores["reviews"] += out.reviews
        scores["empty"] += out.empty
        at = interview_moment(day, TZ)
        for r in (r for r, d in dates.items() if d == day):
            true = [who.recall(q, at) for q in qids if r in rounds[q]]
            scores[r] = statistics.fmean(true)
            scores[f"{r} ready"] = sum(x >= TARGET for x in true) / len(true)
            every += true
        before = day
    scores["loop"] = statistics.fmean(every)
    scores["loop ready"] = sum(x >= TARGET for x in every) / len(every)
    return scores


def _one_staggered(
    args: tuple[Staggered, Mapping[str, list[str]]],
) -> tuple[Staggered, dict[str, float]]:
    return args[0], one_staggered(*args)


def main_staggered(seeds: int, quick: bool, jobs: int) -> None:
    pack = load_pack()
    rounds = {q.id: q.rounds for q in pack.questions}
    cals = ("daily",) if quick else STAGGERED_CALENDARS
    grid = [
        Staggered(lr, loop, b, c, st, seed)
        for lr in LEARNERS
        for loop in LOOPS
        for b in BUDGETS
        for c in cals
        for st in STRATEGIES
        for seed in range(seeds)
    ]
    began = clock.perf_counter()
    with Pool(jobs) as pool:
        results = pool.map(_one_staggered, [(s, rounds) for s in grid], chunksize=8)
    report_staggered(results, [*pack.round_ids, "loop"], seeds)
    print(f"({len(results)} runs in {clock.perf_counter() - began:.0f} s, {jobs} jobs)")


def report_staggered(
    results: list[tuple[Staggered, dict[str, float]]], rids: list[str], seeds: int
) -> None:
    table: dict[tuple[Any, ...], list[dict[str, float]]] = {}
    for s, r in results:
        table.setdefault((s.learner, s.loop, s.budget, s.calendar, s.strategy), []).append(r)
    print(f"Each round's questions scored on its own day; means over {seeds} seeds")
    print("mean true recall per round (share at >= 0.9 in brackets); loop: every round's")
    print("questions on the round's day together")
    print(
        f"{'learner':<10}{'loop':<20}{'/day':>4} {'calendar':<13}{'strategy':<12}"
        + "".join(f"{r[:9]:>15}" for r in rids)
    )
    wins = total = 0
    per_round: dict[str, int] = {}
    gap: dict[str, float] = {}
    for key in sorted({k[:4] for k in table}, key=lambda k: (LEARNERS.index(k[0]), *k[1:])):
        rows = {
            st: {k: statistics.fmean(r[k] for r in table[(*key, st)]) for k in table[(*key, st)][0]}
            for st in STRATEGIES
            if (*key, st) in table
        }
        for st, m in rows.items():
            print(
                f"{key[0]:<10}{key[1]:<20}{key[2]:>4} {key[3]:<13}{st:<12}"
                + "".join(f"{m[r]:>8.3f} ({m[r + ' ready']:>4.0%})" for r in rids)
            )
        for r in rids:
            best = max(m[r] for st, m in rows.items() if st != "emprep")
            total += 1
            wins += rows["emprep"][r] >= best
            per_round[r] = per_round.get(r, 0) + (rows["emprep"][r] >= best)
            gap[r] = gap.get(r, 0.0) + rows["emprep"][r] - best
    print(
        f"(learner, loop, budget, calendar, round) where emprep's mean true recall on the "
        f"round's day >= the best baseline's: {wins} of {total}"
    )
    n = total // len(rids)
    print(
        "per round: "
        + ", ".join(f"{r} {per_round[r]}/{n} (mean gap {gap[r] / n:+.3f})" for r in rids)
    )


if __name__ == "__main__":
    main()
