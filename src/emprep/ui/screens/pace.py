"""The pace advice: how many questions will be ready on the day, in words and a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.ui.text import day_words

if TYPE_CHECKING:
    from emprep.core.pace import Advice, Forecast


def pace_line(advice: Advice) -> str:
    """The pace advice in plain words; the figures are FSRS's prediction, said as one."""
    from emprep.core.pace import MAX_ADVISED

    c = advice.current
    head = (
        f"At {c.count} a day about {c.ready} of {c.total} questions will be ready on "
        f"{day_words(advice.day)}"
    )
    if not advice.short:
        return head + " (FSRS's prediction: recall of 90 % or more on the day)."
    a = advice.advised
    if a is None:
        return (
            f"{head}; no count up to {MAX_ADVISED} a day makes the loop ready in the days left: "
            "put the rounds that matter most first (emprep drill --round ID)."
        )
    return (
        f"{head}; {a.count} a day would make {a.ready} ready (emprep config set count {a.count})."
    )


SPARK = "▁▂▃▄▅▆▇█"


def pace_chart(advice: Advice) -> list[str]:
    """Predicted ready questions each practice morning up to the interview, a row per count."""

    def row(f: Forecast) -> str:
        cells = "".join(
            SPARK[min(len(SPARK) - 1, n * len(SPARK) // max(1, f.total))]
            for n in (p.ready for p in f.curve)
        )
        return f"  at {f.count:>2} a day  {cells}  {f.ready}/{f.total}"

    rows = [row(advice.current)]
    if advice.advised is not None:
        rows.append(row(advice.advised))
    return rows
