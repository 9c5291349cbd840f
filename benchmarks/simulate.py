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
seen, reviews spent, places left empty, the longest wait of an answer rated Again (practised
days; by the rating, as the drill's rule is stated: a forgotten answer rated Hard is a recall),
and the share FSRS predicts ready against the share truly ready.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time as clock
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emprep.core.calibration import FSRS, Fit, Observation, fit, recall
from emprep.core.days import weekdays
from emprep.core.pace import Learner, Outcome, Policy, drill_policy, run
from emprep.core.scheduler import TARGET, interview_moment, scheduler
from emprep.storage.packs import load_pack

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learners import learner, oracle
from timing import count

if TYPE_CHECKING:
    from fsrs import Card

START = date(2026, 11, 2)  # a Monday
TZ = UTC
DAYS = (14, 28, 56)
BUDGETS = (3, 5, 10)
CALENDARS = ("daily", "weekends off", "20% missed", "rest-days")
LEARNERS = ("fsrs6", "hard-tail", "noisy-exp")
STRATEGIES = ("emprep", "plain FSRS", "round-robin", "exam mode")
BASELINES = STRATEGIES[1:]
# References, not baselines: what is feasible (learners.py) and what relearning first costs.
REFERENCES = ("oracle", "oracle, mean", "oracle, no relearn", "emprep, no relearn")
ORACLES = ("oracle", "oracle, mean")  # both relearn first, as the drill must


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
    deadline = {q: {interview: 1.0} for q in qids}

    def drill(**how: Any) -> Policy:
        """The drill aimed at the interview: as `emprep drill` plays it, or an ablation."""
        dates = dict.fromkeys(qids, (interview,))
        return drill_policy(tz=TZ, scope=qids, dates=dates, count=s.budget, rest=rest, **how)

    policies: dict[str, Callable[[], Policy]] = {
        "emprep": lambda: drill(evidence=evidence),
        "plain FSRS": lambda: plain_fsrs(qids, s.days, exam=False),
        "round-robin": lambda: round_robin(qids),
        "exam mode": lambda: plain_fsrs(qids, s.days, exam=True),
        "oracle": lambda: oracle(who, qids, deadline),
        "oracle, mean": lambda: oracle(who, qids, deadline, ready=0.0),
        "oracle, no relearn": lambda: oracle(who, qids, deadline, relearn=False),
        "emprep, no relearn": lambda: drill(relearn_first=False),
    }
    cards: dict[str, Card] = {}
    evidence: list[Observation] = []
    who = learner(s.learner, qids, s.seed, cards)
    days = practised(s.days, s.calendar, s.seed)
    out = run(
        cards=cards,
        days=days,
        policy=policies[s.strategy](),
        learner=who,
        count=s.budget,
        tz=TZ,
        evidence=evidence,
    )
    return score(out, who, qids, interview, days, fit(evidence))


def score(
    out: Outcome,
    who: Learner,
    qids: list[str],
    interview: date,
    days: list[date],
    fitted: Fit = FSRS,
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
        "calibrated": sum(
            q in out.cards and recall(out.cards[q], at, fitted) >= TARGET for q in qids
        )
        / n,
        "scale": fitted.scale,
        "power": fitted.power,
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
        for st in STRATEGIES + REFERENCES
        for seed in range(seeds)
    ]


def _one(args: tuple[Setting, list[str]]) -> tuple[Setting, dict[str, float]]:
    return args[0], one(*args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    each = "runs of each setting, each with its own coin flips (default 5; --quick: 2)"
    ap.add_argument("--seeds", type=count, metavar="N", help=each)
    quick = "14 and 28 days, 2 calendars, 2 seeds (--staggered: daily only, 2 seeds)"
    ap.add_argument("--quick", action="store_true", help=quick)
    ap.add_argument("--jobs", type=count, default=2, metavar="N", help="processes (default 2)")
    ap.add_argument(
        "--staggered", action="store_true", help="rounds on their own days (staggered.py)"
    )
    args = ap.parse_args()
    seeds = args.seeds or (2 if args.quick else 5)  # `--quick --seeds 5` ran 2
    if args.staggered:
        from staggered import main_staggered

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
    over = f"{seeds} seed{'s' * (seeds > 1)}"
    print(f"{n} questions; means over {over}; ready = true recall >= {TARGET}")
    print(
        f"{'learner':<10}{'days':>5}{'/day':>5} {'calendar':<13}{'strategy':<19}{'mean':>6}"
        f"{'ready':>7}{'unseen':>7}{'revs':>6}{'empty':>6}{'wait':>5}{'pred':>6}{'twice':>6}"
    )
    keys = sorted({k[:4] for k in table}, key=lambda k: (LEARNERS.index(k[0]), *k[1:]))
    rows = {
        key: {
            st: _means(table[(*key, st)]) for st in STRATEGIES + REFERENCES if (*key, st) in table
        }
        for key in keys
    }
    for key in keys:
        for st, m in rows[key].items():
            print(
                f"{key[0]:<10}{key[1]:>5}{key[2]:>5} {key[3]:<13}{st:<19}{m['mean']:>6.3f}"
                f"{m['ready']:>7.1%}{m['unseen']:>7.1%}{m['reviews']:>6.0f}{m['empty']:>6.1f}"
                f"{m['wait']:>5.0f}{m['predicted']:>6.0%}{m['twice']:>6.0%}"
            )
    print()
    verdicts(rows, keys)
    print()
    summary(rows, keys)
    sys.stdout.flush()


def _best(r: Mapping[str, Mapping[str, float]], among: tuple[str, ...]) -> dict[str, float]:
    """The best of `among`: the best mean and, separately, the best share ready."""
    return {k: max(r[st][k] for st in among) for k in ("mean", "ready")}


def _short(m: Mapping[str, float], best: Mapping[str, float]) -> str:
    """What `m` misses of the best: "-" (nothing), "mean", "ready" or "both"."""
    low = [k for k in ("mean", "ready") if m[k] < best[k]]
    return "-" if not low else low[0] if len(low) == 1 else "both"


def verdicts(rows: Mapping[Any, Mapping[str, Mapping[str, float]]], keys: list[Any]) -> None:
    """Per setting: emprep, the best baseline, the oracles (true memory, relearning first),
    the oracle without relearning first and emprep without it; what each misses of the best."""
    print("mean and share ready: emprep; the best baseline (best mean, best share, maybe two")
    print("baselines); the better of the two oracles on each (both relearn first); the oracle")
    print("without relearning first; emprep without it. short: what misses the best baseline")
    print(
        f"{'learner':<10}{'days':>5}{'/day':>5} {'calendar':<13}{'emprep':>14}{'best':>14}"
        f"{'oracles':>14}{'orc no rel':>14}{'emp no rel':>14}{'wait':>5}{'empty':>6}"
        "  short: emprep oracle"
    )
    for key in keys:
        r = rows[key]
        best = _best(r, BASELINES)
        top = _best(r, ORACLES)
        one = min((_short(r[o], best) for o in ORACLES), key=lambda v: v != "-")
        cells = [r["emprep"], best, top, r["oracle, no relearn"], r["emprep, no relearn"]]
        print(
            f"{key[0]:<10}{key[1]:>5}{key[2]:>5} {key[3]:<13}"
            + "".join(f"{m['mean']:>7.3f}{m['ready']:>7.1%}" for m in cells)
            + f"{r['emprep']['wait']:>5.0f}{r['emprep']['empty']:>6.1f}"
            + f"  {_short(r['emprep'], best):>13}{one:>7}"
        )


def summary(rows: Mapping[Any, Mapping[str, Mapping[str, float]]], keys: list[Any]) -> None:
    """Per learner and calendar: settings where emprep and where an oracle meet the best
    baseline, the mean gaps, and FSRS's predicted share ready against the true one."""
    print(
        f"{'learner':<10}{'calendar':<13}{'n':>3}{'mean >= best':>15}{'ready >= best':>15}"
        f"{'both':>12}{'mean gap':>16}{'ready gap':>16}  ready: FSRS fitted   true  scale power"
    )
    print(
        f"{'':<26}"
        + f"{'emprep oracle':>15}" * 2
        + f"{'emp orc':>12}"
        + f"{'emprep oracle':>16}" * 2
    )
    total = {"emprep": 0, "oracle": 0}
    groups = sorted({(k[0], k[3]) for k in keys}, key=lambda g: (LEARNERS.index(g[0]), g[1]))
    for lr, cal in groups:
        ks = [k for k in keys if (k[0], k[3]) == (lr, cal)]
        c: dict[str, list[float]] = {}
        for k in ks:
            r = rows[k]
            best = _best(r, BASELINES)
            for name, m in (("emprep", r["emprep"]), ("oracle", _best(r, ORACLES))):
                for x in ("mean", "ready"):
                    c.setdefault(f"{name} {x}", []).append(m[x] >= best[x])
                    c.setdefault(f"{name} d{x}", []).append(m[x] - best[x])
            c.setdefault("emprep both", []).append(_short(r["emprep"], best) == "-")
            c.setdefault("oracle both", []).append(any(_short(r[o], best) == "-" for o in ORACLES))
            c.setdefault("pred", []).append(r["emprep"]["predicted"])
            c.setdefault("true", []).append(r["emprep"]["ready"])
            c.setdefault("cal", []).append(r["emprep"]["calibrated"])
            c.setdefault("scale", []).append(r["emprep"]["scale"])
            c.setdefault("power", []).append(r["emprep"]["power"])
        if lr != "fsrs6":
            total["emprep"] += int(sum(c["emprep both"]))
            total["oracle"] += int(sum(c["oracle both"]))
        f = statistics.fmean
        print(
            f"{lr:<10}{cal:<13}{len(ks):>3}"
            + "".join(
                f"{sum(c[f'emprep {x}']):>8.0f}{sum(c[f'oracle {x}']):>7.0f}"
                for x in ("mean", "ready")
            )
            + f"{sum(c['emprep both']):>5.0f}{sum(c['oracle both']):>7.0f}"
            + f"{f(c['emprep dmean']):>+9.3f}{f(c['oracle dmean']):>+7.3f}"
            + f"{f(c['emprep dready']):>+9.1%}{f(c['oracle dready']):>+7.1%}"
            + f"  {f(c['pred']):>6.1%} {f(c['cal']):>6.1%} {f(c['true']):>6.1%}"
            + f"{f(c['scale']):>7.2f} {f(c['power']):>5.2f}"
        )
    n = sum(1 for k in keys if k[0] != "fsrs6")
    print(
        f"non-FSRS settings with mean and share ready >= the best baseline's: emprep "
        f"{total['emprep']} of {n}; an oracle {total['oracle']} of {n}"
    )


def _means(runs: list[dict[str, float]]) -> dict[str, float]:
    m = {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}
    m["wait"] = max(r["wait"] for r in runs)
    return m


if __name__ == "__main__":
    main()
