"""Scheduling quality over a loop that spans days: each round scored on its own date.

Run: python benchmarks/simulate.py --staggered [--quick] [--seeds 5] [--jobs 2]. The learners,
calendars (daily, weekends off, 20 % missed) and baselines are simulate.py's. The rounds are on
their own days ("screen 14, rest 35": the recruiter screen on day 14, the other four on day 35;
"five days": days 14, 21, 28, 31 and 35) and each round's questions are scored by the learner's
true recall at 09:00 on that round's own day, by the mean and by the share at >= 0.9 (each
against the best baseline's, as simulate.py scores one date); "loop" scores every round's
questions on their days together.

emprep is the CLI's own drill: each practised day, `core.practice.todays_drill` (what `emprep
drill` asks) on a progress kept as `emprep review` keeps it (`core.scheduler.record`), the
profile holding each round's date: new questions in the CLI's order, each question aimed at the
earliest of its rounds' dates still ahead, FSRS fitted to the ratings in the progress's log, as
the CLI fits it. The baselines aim at the last date (exam mode's final pass before it) and take
the bank in its order. References: the drill without relearning first, and the oracles of
learners.py aimed at each of a question's rounds on its own date (what a drill could reach).
"""

from __future__ import annotations

import statistics
import time as clock
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from multiprocessing import Pool
from typing import TYPE_CHECKING, Any

from learners import learner, oracle
from simulate import (
    BASELINES,
    BUDGETS,
    LEARNERS,
    START,
    STRATEGIES,
    TZ,
    plain_fsrs,
    practised,
    round_robin,
)

from emprep.core.calibration import Observation
from emprep.core.models import Profile, Progress
from emprep.core.pace import Learner, Policy, drill_policy, run
from emprep.core.practice import todays_drill
from emprep.core.rounds import spread
from emprep.core.scheduler import TARGET, interview_moment, record
from emprep.core.settings import Settings, effective
from emprep.storage.packs import load_pack

if TYPE_CHECKING:
    from fsrs import Card

    from emprep.core.pack import Pack

SECONDS = 90  # each answer's time, as `emprep review --seconds` logs it


class Candidate:
    """A learner whose every rating goes into a progress, as `emprep review` records it."""

    def __init__(self, who: Learner, progress: Progress) -> None:
        self.who, self.progress = who, progress

    def answer(self, qid: str, when: datetime) -> int:
        rating = self.who.answer(qid, when)
        self.progress = record(self.progress, qid, rating, seconds=SECONDS, now=when)
        return rating

    def recall(self, qid: str, when: datetime) -> float:
        return self.who.recall(qid, when)


def cli_drill(pack: Pack, candidate: Candidate, s: Settings) -> Policy:
    """The drill `emprep drill` would ask each day, from the candidate's progress."""

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        drill = todays_drill(pack, candidate.progress, moment, s=s, round_id=None)
        return [item.question.id for item in drill.items][:places]

    return policy


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
# A reference, not a baseline: the drill without its first rule (a failed answer back on the
# next practice day), as the pace's policy plays it: what the rule costs.
NO_RELEARN = "emprep, no relearn"
# References too: the oracles of learners.py (true memory, relearning first) aimed at each of a
# question's rounds on its own date, the loop's score as their objective: where one meets the
# best baseline on a round, a drill could; where neither does, no policy tried does.
ORACLES = ("oracle", "oracle, mean")
STAGGERED = (*STRATEGIES, NO_RELEARN, *ORACLES)


@dataclass
class Staggered:
    learner: str
    loop: str
    budget: int
    calendar: str
    strategy: str
    seed: int


def one_staggered(s: Staggered, pack: Pack) -> dict[str, float]:
    """One run, played in segments that end on each round's day; each round scored at 09:00."""
    dates = {r: START + timedelta(days=k) for r, k in LOOPS[s.loop].items()}
    last = max(dates.values())
    rounds = {q.id: q.rounds for q in pack.questions}
    qids = list(rounds)
    span = (last - START).days
    cards: dict[str, Card] = {}
    profile = Profile(interview=last, start=START, count=s.budget, rounds=dates)
    who = Candidate(learner(s.learner, qids, s.seed, cards), Progress(profile=profile))
    evidence: list[Observation] = []
    # The oracles' deadlines: each date of the question's rounds, once per round on it.
    deadlines = {
        q: {d: float(sum(dates[r] == d for r in rs)) for d in {dates[r] for r in rs}}
        for q, rs in rounds.items()
    }
    policy = {
        "emprep": lambda: cli_drill(pack, who, effective(profile, pack.round_ids)),
        "plain FSRS": lambda: plain_fsrs(qids, span, exam=False),
        "round-robin": lambda: round_robin(qids),
        "exam mode": lambda: plain_fsrs(qids, span, exam=True),
        NO_RELEARN: lambda: drill_policy(
            tz=TZ,
            scope=spread(rounds),
            dates={q: sorted({dates[r] for r in rs}) for q, rs in rounds.items()},
            count=s.budget,
            rest=frozenset(),
            evidence=evidence,
            relearn_first=False,
        ),
        "oracle": lambda: oracle(who.who, qids, deadlines),
        "oracle, mean": lambda: oracle(who.who, qids, deadlines, ready=0.0),
    }[s.strategy]()
    days = practised(span, s.calendar, s.seed)
    scores: dict[str, float] = {"reviews": 0.0, "empty": 0.0}
    every: list[float] = []  # each round's question on its day: the loop as a whole
    before = START - timedelta(days=1)
    for day in sorted(set(dates.values())):
        segment = [d for d in days if before < d <= day]
        out = run(
            cards=cards,
            days=segment,
            policy=policy,
            learner=who,
            count=s.budget,
            tz=TZ,
            evidence=evidence,
        )
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


def _one_staggered(s: Staggered) -> tuple[Staggered, dict[str, float]]:
    return s, one_staggered(s, load_pack())


def main_staggered(seeds: int, quick: bool, jobs: int) -> None:
    pack = load_pack()
    cals = ("daily",) if quick else STAGGERED_CALENDARS
    grid = [
        Staggered(lr, loop, b, c, st, seed)
        for lr in LEARNERS
        for loop in LOOPS
        for b in BUDGETS
        for c in cals
        for st in STAGGERED
        for seed in range(seeds)
    ]
    began = clock.perf_counter()
    with Pool(jobs) as pool:
        results = pool.map(_one_staggered, grid, chunksize=8)
    report_staggered(results, [*pack.round_ids, "loop"], seeds)
    print(f"({len(results)} runs in {clock.perf_counter() - began:.0f} s, {jobs} jobs)")


def report_staggered(
    results: list[tuple[Staggered, dict[str, float]]], rids: list[str], seeds: int
) -> None:
    table: dict[tuple[Any, ...], list[dict[str, float]]] = {}
    for s, r in results:
        table.setdefault((s.learner, s.loop, s.budget, s.calendar, s.strategy), []).append(r)
    print(
        f"Each round's questions scored on its own day; means over {seeds} seed{'s' * (seeds > 1)}"
    )
    print("mean true recall per round (share at >= 0.9 in brackets); loop: every round's")
    print("questions on the round's day together")
    print(
        f"{'learner':<10}{'loop':<20}{'/day':>4} {'calendar':<13}{'strategy':<12}"
        + "".join(f"{r[:9]:>15}" for r in rids)
    )
    wins = total = bare = 0
    per_round: dict[str, int] = {}
    gap: dict[str, float] = {}
    for key in sorted({k[:4] for k in table}, key=lambda k: (LEARNERS.index(k[0]), *k[1:])):
        rows = {
            st: {k: statistics.fmean(r[k] for r in table[(*key, st)]) for k in table[(*key, st)][0]}
            for st in STAGGERED
            if (*key, st) in table
        }
        for st, m in rows.items():
            print(
                f"{key[0]:<10}{key[1]:<20}{key[2]:>4} {key[3]:<13}{st:<12}"
                + "".join(f"{m[r]:>8.3f} ({m[r + ' ready']:>4.0%})" for r in rids)
            )
        for r in rids:
            best = max(m[r] for st, m in rows.items() if st in BASELINES)
            total += 1
            wins += rows["emprep"][r] >= best
            bare += rows[NO_RELEARN][r] >= best
            per_round[r] = per_round.get(r, 0) + (rows["emprep"][r] >= best)
            gap[r] = gap.get(r, 0.0) + rows["emprep"][r] - best
    print(
        f"(learner, loop, budget, calendar, round) where emprep's mean true recall on the "
        f"round's day >= the best baseline's: {wins} of {total} ({NO_RELEARN}: {bare})"
    )
    n = total // len(rids)
    print(
        "per round: "
        + ", ".join(f"{r} {per_round[r]}/{n} (mean gap {gap[r] / n:+.3f})" for r in rids)
    )
    ready(table, rids)
    by_group(table, rids)
    losses(table, rids)
    feasible(table, rids)


def by_group(table: Mapping[tuple[Any, ...], list[dict[str, float]]], rids: list[str]) -> None:
    """Settings won and the mean gap to the best baseline, per round, by learner group and
    daily count: emprep's (the README's table), the drill's without relearning first, and
    the better oracle's on each round."""
    for who in ("emprep", NO_RELEARN, "an oracle"):
        print(f"{who}: settings where its mean >= the best baseline's, and the mean gap")
        print((f"{'learners':<12}{'a day':>5}  " + "".join(f"{r[:12]:<14}" for r in rids)).rstrip())
        for group, budget in [(g, b) for g in ("not FSRS-6", "FSRS-6") for b in BUDGETS]:
            keys = [
                k
                for k in {k[:4] for k in table}
                if k[2] == budget and (k[0] == "fsrs6") == (group == "FSRS-6")
            ]
            cells = []
            for r in rids:
                gaps = []
                for k in keys:
                    mean = {st: statistics.fmean(x[r] for x in table[(*k, st)]) for st in STAGGERED}
                    mean["an oracle"] = max(mean[o] for o in ORACLES)
                    gaps.append(mean[who] - max(mean[st] for st in BASELINES))
                won = f"{sum(g >= 0 for g in gaps)}/{len(gaps)}"
                cells.append(f"{won:>5} {statistics.fmean(gaps):+.2f}   ")
            print(f"{group:<12}{budget:>5}  " + "".join(cells).rstrip())


def losses(table: Mapping[tuple[Any, ...], list[dict[str, float]]], rids: list[str]) -> None:
    """The single rounds (not the loop) where a baseline is ahead of emprep: which baseline, at
    which daily count, on which round; how many of those baselines are behind emprep on the
    loop as a whole; those an oracle wins (emprep, the baseline, the better oracle); and each
    loss at the largest count, with the other rounds beside it."""
    lost = []
    for key in sorted({k[:4] for k in table}, key=lambda k: (LEARNERS.index(k[0]), *k[1:])):
        m = {
            st: {r: statistics.fmean(x[r] for x in table[(*key, st)]) for r in rids}
            for st in STAGGERED
        }
        for r in rids[:-1]:
            ahead = max(BASELINES, key=lambda st: m[st][r])
            if m["emprep"][r] < m[ahead][r]:
                lost.append((key, r, ahead, m))
    print(f"single rounds where a baseline is ahead of emprep: {len(lost)}")
    for name, part in (("baseline", 2), ("a day", None), ("round", 1)):
        count: dict[Any, int] = {}
        for x in lost:
            k = x[0][2] if part is None else x[part]
            count[k] = count.get(k, 0) + 1
        print(f"  by {name}: " + ", ".join(f"{k}: {n}" for k, n in sorted(count.items())))
    behind = sum(m[ahead]["loop"] < m["emprep"]["loop"] for _, _, ahead, m in lost)
    print(f"  of which the baseline ahead is behind emprep on the loop: {behind}")
    reached = [x for x in lost if max(x[3][o][x[1]] for o in ORACLES) >= x[3][x[2]][x[1]]]
    print(f"  of which an oracle reaches the baseline ahead (a drill could): {len(reached)}")
    for key, r, ahead, m in reached:
        o = max(ORACLES, key=lambda o: m[o][r])
        print(
            f"    {key[0]:<10}{key[1]:<20}{key[2]:>3} {key[3]:<13}{r:<10}{ahead:<12}"
            f"emprep {m['emprep'][r]:.3f}, {ahead} {m[ahead][r]:.3f}, {o} {m[o][r]:.3f}"
        )
    top = max(BUDGETS)
    print(f"at {top} a day (emprep against the baseline ahead, on each round):")
    for key, r, ahead, m in (x for x in lost if x[0][2] == top):
        others = " ".join(f"{o[:4]} {m['emprep'][o]:.2f}/{m[ahead][o]:.2f}" for o in rids if o != r)
        print(
            f"  {key[0]:<10}{key[1]:<20}{key[3]:<13}{r:<10}{ahead:<12}"
            f"{m['emprep'][r]:.3f} vs {m[ahead][r]:.3f}   {others}"
        )


def feasible(table: Mapping[tuple[Any, ...], list[dict[str, float]]], rids: list[str]) -> None:
    """Per round: the settings where an oracle's mean reaches the best baseline's (a drill
    could), and emprep's wins among those and among the others; then the feasible ones emprep
    loses, and those of them an oracle wins without a trade (`untraded`)."""
    print("per round: settings where an oracle meets the best baseline's mean (feasible);")
    print("emprep's wins among them, and among the rest; the oracles' mean gap")
    for r in rids:
        n = f = won_f = won_i = 0
        ogap = []
        for key in {k[:4] for k in table}:
            m = {st: statistics.fmean(x[r] for x in table[(*key, st)]) for st in STAGGERED}
            best = max(m[st] for st in BASELINES)
            top = max(m[o] for o in ORACLES)
            n += 1
            ogap.append(top - best)
            if top >= best:
                f += 1
                won_f += m["emprep"] >= best
            else:
                won_i += m["emprep"] >= best
        print(
            f"  {r:<10} feasible {f:>2}/{n}: emprep {won_f:>2}; not feasible {n - f:>2}: emprep "
            f"{won_i:>2}; oracle gap {statistics.fmean(ogap):+.3f}"
        )
    untraded(table, rids)


def untraded(table: Mapping[tuple[Any, ...], list[dict[str, float]]], rids: list[str]) -> None:
    """The feasible rounds emprep loses, and those where the oracle that reaches the round
    also meets the best baseline on every round emprep wins in that setting: winnable without
    giving up another round. The oracles serve the loop, so many of their wins are trades."""
    lost = dict.fromkeys(rids, 0)
    free = dict.fromkeys(rids, 0)
    for key in {k[:4] for k in table}:
        m = {
            st: {r: statistics.fmean(x[r] for x in table[(*key, st)]) for r in rids}
            for st in STAGGERED
        }
        best = {r: max(m[st][r] for st in BASELINES) for r in rids}
        won = [r for r in rids if m["emprep"][r] >= best[r]]
        for r in (r for r in rids if r not in won):
            reach = [o for o in ORACLES if m[o][r] >= best[r]]
            lost[r] += bool(reach)
            free[r] += any(all(m[o][w] >= best[w] for w in won) for o in reach)
    print(
        f"feasible and lost by emprep: {sum(lost.values())}; of which an oracle reaching the "
        f"round also meets the best baseline on every round emprep wins there: "
        f"{sum(free.values())} (" + ", ".join(f"{r} {free[r]}/{lost[r]}" for r in rids) + ")"
    )


def ready(table: Mapping[tuple[Any, ...], list[dict[str, float]]], rids: list[str]) -> None:
    """The share of each round's questions at true recall >= 0.9 on its day, against the best
    baseline's share (the best of the three on that round, as simulate.py scores one date):
    the mean on the day comes first, but a question below 0.9 is not ready however close."""
    wins = bare = 0
    per_round = dict.fromkeys(rids, 0)
    gap = dict.fromkeys(rids, 0.0)
    keys = {k[:4] for k in table}
    for key in keys:
        share = {
            st: {r: statistics.fmean(x[f"{r} ready"] for x in table[(*key, st)]) for r in rids}
            for st in STAGGERED
            if (*key, st) in table
        }
        for r in rids:
            best = max(share[st][r] for st in BASELINES)
            wins += share["emprep"][r] >= best
            bare += share[NO_RELEARN][r] >= best
            per_round[r] += share["emprep"][r] >= best
            gap[r] += share["emprep"][r] - best
    print(
        f"(learner, loop, budget, calendar, round) where emprep's share of the round's questions "
        f"at true recall >= 0.9 on its day >= the best baseline's: {wins} of "
        f"{len(keys) * len(rids)} ({NO_RELEARN}: {bare})"
    )
    print(
        "per round: "
        + ", ".join(
            f"{r} {per_round[r]}/{len(keys)} (share gap {gap[r] / len(keys):+.1%})" for r in rids
        )
    )
