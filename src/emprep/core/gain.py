"""What a review now adds at a question's deadline: how the drill fills the places its rules
leave (rule 4 of core/drill.py), and what the pace forecast asks of every question on every
simulated day, so it is computed once per card and moment and kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from emprep.core.calibration import FSRS, Fit, stabilities_after
from emprep.core.scheduler import DECAY, FACTOR, TARGET

if TYPE_CHECKING:
    from fsrs import Card

    from emprep.core.models import CardState

READY_WEIGHT = 0.5  # a question brought to TARGET by the deadline counts as half a unit of recall


def gains(
    cards: Mapping[str, Card] | Mapping[str, CardState],
    qids: Sequence[str],
    now: datetime,
    *,
    at: Mapping[str, datetime],
    fit: Fit,
) -> dict[str, float]:
    """What asking each question now adds at its deadline, as FSRS fitted to this person
    predicts it (`calibration.kept`): the expected recall, plus the chance of being at TARGET
    or above (answered well with the probability of its recall now, else failed).

    The pace forecast asks this of every question each simulated day, so `recall` and `kept`
    are written out here with the same operations in the same order (a test holds the two
    equal to the last bit): each costs a call per curve otherwise."""
    scale, power = fit.scale, fit.power
    flat = scale == FSRS.scale and power == FSRS.power

    def keep(days: float, fs: float) -> float:  # calibration.kept, fs = fit.stability(s)
        power_law = float((1 + FACTOR * days / fs) ** DECAY)
        return power_law if flat else min(power_law, float(TARGET ** (days / fs)))

    out = {}
    for q in qids:
        card, when = cards[q], at[q]
        s, last = card.stability, card.last_review
        assert last is not None and s is not None
        key = (s, card.difficulty, last, now, when, scale, power)
        if (known := KNOWN_GAINS.get(key)) is not None:
            out[q] = known
            continue
        fs = float(s**power / scale)
        p = float((1 + FACTOR * max(0.0, (now - last).total_seconds() / 86400) / fs) ** DECAY)
        before = keep(max(0.0, (when - last).total_seconds() / 86400), fs)
        days = max(0.0, (when - now).total_seconds() / 86400)
        after_good, after_bad = stabilities_after(card, now, p)
        good = keep(days, float(after_good**power / scale))
        bad = keep(days, float(after_bad**power / scale))
        mean = p * good + (1 - p) * bad
        ready = p * (good >= TARGET) + (1 - p) * (bad >= TARGET)
        out[q] = KNOWN_GAINS[key] = mean - before + READY_WEIGHT * (ready - (before >= TARGET))
    if len(KNOWN_GAINS) > KNOWN_GAINS_MAX:
        KNOWN_GAINS.clear()
    return out


# A gain depends on the card's memory (stability, difficulty, last review), the two moments
# and the fit alone. The pace advice plays the drill forward at several counts from the same
# cards: each day, every run meets the questions it has not touched yet as the others did, so
# their gains are kept here (a bounded memo of a pure function; any equal key, equal result).
KNOWN_GAINS: dict[tuple[object, ...], float] = {}
KNOWN_GAINS_MAX = 1 << 17
