"""Scheduling quality: how ready is a simulated candidate on interview morning?

Run by hand: python benchmarks/simulate.py [--seeds 5]. The candidate practises every day with a
fixed budget of questions. Whether they answer well follows FSRS's own forgetting curve: a
practised question is recalled with the probability FSRS predicts for that moment (seeded
randomness); recalled answers are rated Good (Easy one time in five), forgotten ones Again; a
first sight is rated Good with probability 0.7, else Again. Three strategies share the budget:

- emprep: `emprep drill` with the interview date set;
- plain FSRS: due reviews by due date, then a fixed number of new questions a day (half the
  budget, rounded up), no deadline, as Anki does;
- round-robin: the next questions of the bank in turn.

On interview morning (09:00) each is scored by FSRS's predicted recall of every question of the
loop: the share at or above 0.9, the mean, the share never seen, and the reviews spent.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from emprep.core.models import Profile, Progress
from emprep.core.pack import Pack
from emprep.core.practice import todays_drill
from emprep.core.profile import settings
from emprep.core.scheduler import TARGET, due_date, recall, record
from emprep.storage.packs import load_pack

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
Strategy = Callable[[Pack, Progress, datetime, int, int], list[str]]


def emprep_strategy(pack: Pack, p: Progress, now: datetime, budget: int, day: int) -> list[str]:
    drill = todays_drill(pack, p, now, settings(p.profile, count=budget), None)
    return [i.question.id for i in drill.items]


def plain_fsrs(pack: Pack, p: Progress, now: datetime, budget: int, day: int) -> list[str]:
    due = sorted(
        (qid for qid, c in p.cards.items() if due_date(c, now) <= now.date()),
        key=lambda qid: p.cards[qid].due,
    )[:budget]
    new = [q.id for q in pack.questions if q.id not in p.cards][: math.ceil(budget / 2)]
    return (due + new)[:budget]


def round_robin(pack: Pack, p: Progress, now: datetime, budget: int, day: int) -> list[str]:
    ids = [q.id for q in pack.questions]
    return [ids[(day * budget + i) % len(ids)] for i in range(budget)]


STRATEGIES: dict[str, Strategy] = {
    "emprep": emprep_strategy,
    "plain FSRS": plain_fsrs,
    "round-robin": round_robin,
}


def answer(rng: random.Random, p: Progress, qid: str, now: datetime) -> int:
    card = p.cards.get(qid)
    if card is None:
        return 3 if rng.random() < 0.7 else 1
    if rng.random() < recall(card, now):
        return 4 if rng.random() < 0.2 else 3
    return 1


def simulate(pack: Pack, strategy: Strategy, days: int, budget: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    interview = START + timedelta(days=days, hours=1)
    p = Progress(profile=Profile(interview=interview.date(), start=START.date()))
    for day in range(days):
        now = START + timedelta(days=day)
        for qid in strategy(pack, p, now, budget, day):
            p = record(p, qid, answer(rng, p, qid, now), 60, now)
    r = [recall(p.cards[q.id], interview) if q.id in p.cards else 0.0 for q in pack.questions]
    return {
        "ready": sum(x >= TARGET for x in r) / len(r),
        "mean": statistics.fmean(r),
        "unseen": sum(q.id not in p.cards for q in pack.questions) / len(r),
        "reviews": p.review_count,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=5)
    args = ap.parse_args()
    pack = load_pack()
    n = len(pack.questions)
    print(f"{n} questions; medians over {args.seeds} seeds; ready = share with recall >= {TARGET}")
    print(
        f"{'days':>4} {'a day':>5} {'budget':>7}  {'strategy':<12}{'ready':>7}{'mean':>7}"
        f"{'unseen':>8}{'reviews':>9}"
    )
    for days in (14, 28, 56):
        for budget in (3, 5, 10):
            ample = ">=3x" if budget * days >= 3 * n else ""
            for name, strategy in STRATEGIES.items():
                runs = [simulate(pack, strategy, days, budget, s) for s in range(args.seeds)]
                m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                print(
                    f"{days:>4} {budget:>5} {ample:>7}  {name:<12}{m['ready']:>7.0%}"
                    f"{m['mean']:>7.2f}{m['unseen']:>8.0%}{m['reviews']:>9.0f}"
                )
            print()


if __name__ == "__main__":
    main()
