"""The benchmark's learners, and the oracle: a policy that sees a learner's true memory.

The learners are described in simulate.py. The oracle is the reference the drill is measured
against for what is feasible: each day it honours the drill's rule that a failed answer comes
back on the next practice day (unless told not to), then fills every place greedily by the
expected gain of asking a question now in the learner's TRUE recall at the interview and in
its chance of being truly ready (>= 0.9) then (over several days: at each of its rounds' dates
still ahead). It knows each practised question's true memory
state and how this learner's memory moves; it does not know a question before it is first asked
(an unseen question is valued as the average unseen one) nor the coin flips to come. Two weights:
"oracle" values a question made ready as much as a whole unit of recall, "oracle, mean" values
recall alone (the mean's own objective). Greedy over one step, each is a strong policy with
information no real drill has, not a proven optimum: where one meets a target, the target is
feasible (for a policy that knows this much); where both fall short, no policy tried reaches it.
"""

from __future__ import annotations

import math
import random
import statistics
import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from emprep.core.pace import Learner, ModelLearner, Policy
from emprep.core.scheduler import TARGET, failed, scheduler

if TYPE_CHECKING:
    from fsrs import Card


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

    def curve(self, s: float, t: float) -> float:
        """Recall `t` days after a review that left stability `s` (recall 0.9 at t = s)."""
        if self.kind == "hard-tail":
            return 1 / (1 + t / (9 * s))
        return float(0.9 ** (t / s))

    def recall(self, qid: str, when: datetime) -> float:
        if qid not in self.stability:
            return 0.0
        t = max(0.0, (when - self.last[qid]).total_seconds() / 86400)
        return self.curve(self.stability[qid], t)

    def outcomes(self, qid: str, when: datetime) -> tuple[tuple[float, float], tuple[float, float]]:
        """Asked at `when`: (probability, stability after) of a recall, then of a failure."""
        m = self.mult[qid]
        if qid not in self.stability:
            p = min(0.7, 0.45 + 0.1 * m) if self.kind == "hard-tail" else 0.4
            return (p, 1.5 * m), (1 - p, 0.4 * m)
        r = self.recall(qid, when)
        s = self.stability[qid]
        return (r, s * (1 + 2.2 * m**0.5 * (1.05 - r)) + 0.3 * m), (
            1 - r,
            max(0.2, 0.3 * s * m**0.5),
        )

    def answer(self, qid: str, when: datetime) -> int:
        good, bad = self.outcomes(qid, when)
        ok = self.rng.random() < good[0]
        self.stability[qid] = good[1] if ok else bad[1]
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


def expected(
    who: Learner, cards: Mapping[str, Card], qid: str, when: datetime, at: datetime
) -> tuple[float, float]:
    """If `qid` is asked at `when`: the learner's expected true recall at `at`, and the chance
    it is then at TARGET or above."""
    if isinstance(who, CurveLearner):
        t = (at - when).total_seconds() / 86400
        futures = [(p, who.curve(s, t)) for p, s in who.outcomes(qid, when)]
    else:
        assert isinstance(who, ModelLearner)
        from fsrs import Card, Rating

        fsrs = scheduler()
        card = cards.get(qid)
        p = who.first if card is None else float(fsrs.get_card_retrievability(card, when))
        card = card or Card(card_id=zlib.crc32(qid.encode()), due=when)
        futures = []
        for prob, rating in ((p, Rating.Good), (1 - p, Rating.Again)):
            after, _ = fsrs.review_card(card, rating, when)
            futures.append((prob, float(fsrs.get_card_retrievability(after, at))))
    return sum(p * r for p, r in futures), sum(p for p, r in futures if r >= TARGET)


def oracle(
    who: Learner,
    qids: Sequence[str],
    deadlines: Mapping[str, Mapping[date, float]],
    *,
    ready: float = 1.0,
    relearn: bool = True,
) -> Policy:
    """The oracle (module docstring): each place to the largest expected gain in true recall
    plus `ready` times the gain in the chance of being ready, at each of the question's
    deadlines still ahead (09:00), weighed as `deadlines` gives them (one interview: weight 1;
    a loop over several days: each date of the question's rounds, counted once per round, so
    the gain is the loop's own score); `relearn=False` drops the rule that a failed answer
    comes back on the next practice day (a question with no deadline ahead is not relearnt)."""
    moments = {
        q: [(datetime.combine(d, time(9), tzinfo=UTC), w) for d, w in deadlines[q].items()]
        for q in qids
    }

    def policy(day: date, moment: datetime, cards: Mapping[str, Card], places: int) -> list[str]:
        end = datetime.combine(day, time.max, tzinfo=UTC)
        ahead = {q: [(at, w) for at, w in moments[q] if at > moment] for q in qids}
        picks: list[str] = []
        if relearn:
            again = [q for q in qids if q in cards and failed(cards[q]) and ahead[q]]
            picks = [q for q in again if cards[q].due <= end][:places]
        unseen = [q for q in qids if q not in cards]
        # An unseen question is worth what the average unseen one would add at its deadlines.
        worth: dict[tuple[tuple[datetime, float], ...], float] = {}
        for q in unseen:
            key = tuple(ahead[q])
            if key not in worth:
                worth[key] = statistics.fmean(
                    sum(
                        w * (mean + ready * chance)
                        for (mean, chance), w in (
                            (expected(who, cards, u, moment, at), w) for at, w in key
                        )
                    )
                    for u in unseen
                )
        gain: dict[str, float] = {}
        for q in qids:
            if q in picks:
                continue
            if q not in cards:
                gain[q] = worth[tuple(ahead[q])]
                continue
            gain[q] = 0.0
            for at, w in ahead[q]:
                now = who.recall(q, at)
                mean, chance = expected(who, cards, q, moment, at)
                gain[q] += w * (mean - now + ready * (chance - (now >= TARGET)))
        best = sorted(gain, key=lambda q: -gain[q])  # stable: the bank's order among equals
        return picks + best[: places - len(picks)]

    return policy
