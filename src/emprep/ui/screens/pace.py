"""The pace advice: how many questions will be ready on the day, in words and a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.ui.text import day_words, plural

if TYPE_CHECKING:
    from emprep.core.pace import Advice, Forecast


def pace_line(advice: Advice, due: int = 0) -> str:
    """The pace advice in plain words; the figures are FSRS's prediction, said as one, each
    question counted on its own round's day. When the interview follows a rest day, what
    drilling on that day too would do. A count advised is a prediction too, and a first
    week's can be far too hopeful for someone who forgets faster than FSRS's average
    learner: the line ends saying whose prediction it is. `due`: the reviews due today that
    the day's drill leaves; at a count that cannot keep up they are its first sign, day after
    day, so the line says them as what that count does, after the count that would do better
    (the advice's own sentence stays whole: "At 3 a day about 22 of 60 questions will be
    ready on ...; 7 a day would make 57 ready (emprep config set count 7)")."""
    line = _pace(advice)
    if advice.short and due:
        line = (
            f"{line} At {advice.current.count} a day more reviews fall due than the day's drill "
            f"takes ({due} more due today: emprep drill --more)."
        )
    eve = advice.eve
    if eve is not None:
        line = (
            f"{line} Drilling on {day_words(eve.day)} as well (a rest day) would make "
            f"{eve.ready} ready."
        )
    if advice.short:
        line = f"{line} These are FSRS's predictions, {_whose(advice)}."
    return line


def _whose(advice: Advice) -> str:
    """Whose memory the figures model: FSRS's average learner, or FSRS fitted to this person."""
    if advice.fitted:
        return "fitted to your ratings"
    return "for an average learner until your ratings show otherwise"


def _pace(advice: Advice) -> str:
    """The advice's own sentence: what the current count makes ready on the day and, where
    it falls short, the count that would do better (or that none up to MAX_ADVISED does) and
    the hours a week it asks beside the plan's."""
    from emprep.core.pace import MAX_ADVISED

    c = advice.current
    on = day_words(advice.day)
    if advice.first is not None:
        on = f"their rounds' days ({day_words(advice.first)} to {on})"
    total = plural(c.total, "question")
    head = f"At {c.count} a day about {c.ready} of {total} will be ready on {on}"
    if not advice.short:
        return f"{head} (FSRS's prediction, {_whose(advice)}: recall of 90 % or more on the day)."
    a = advice.advised
    if a is None:
        return (
            f"{head}; no count up to {MAX_ADVISED} a day makes the loop ready in the days left: "
            "put the rounds that matter most first (emprep drill --round ID)."
        )
    advised = (
        f"{head}; {a.count} a day would make {a.ready} ready (emprep config set count {a.count})"
    )
    if advice.hours and round(advice.weekly) > advice.hours:
        weighed = (
            "at your timed answers' median" if advice.timed else "by the questions' time boxes"
        )
        return (
            f"{advised}, but that is about {advice.weekly:.0f} h a week {weighed}, more than "
            f"your plan's {advice.hours:g} h a week."
        )
    return f"{advised}."


SPARK = "▁▂▃▄▅▆▇█"


def pace_chart(advice: Advice, room: int | None = None) -> list[str]:
    """Predicted ready questions each practice morning up to the interview, a row per count.
    `room` is the columns a row may take (a terminal's width): a longer curve than fits shows
    a cell per span of mornings, each its span's last, so the row ends on the interview's.
    The rows are read one against the other, morning by morning: their figures are padded to
    one width, so both curves have the same cells, of the same mornings, in the same columns
    (a figure a digit longer, 104/108 beside 74/108, gave its row a cell fewer)."""
    counts = [advice.current] + ([advice.advised] if advice.advised is not None else [])
    figures = [f"{f.ready}/{f.total}" for f in counts]
    wide = max(len(figure) for figure in figures)

    def row(f: Forecast, figure: str) -> str:
        label, tail = f"  at {f.count:>2} a day  ", f"  {figure:>{wide}}"
        points = [p.ready for p in f.curve]
        if room is not None:
            points = _spans(points, max(1, room - len(label) - len(tail)))
        cells = "".join(
            SPARK[min(len(SPARK) - 1, n * len(SPARK) // max(1, f.total))] for n in points
        )
        return label + cells + tail

    return [row(f, figure) for f, figure in zip(counts, figures, strict=True)]


def _spans(points: list[int], cells: int) -> list[int]:
    """`points` in at most `cells` cells: the last point of each of `cells` even spans."""
    if len(points) <= cells:
        return points
    return [points[(i + 1) * len(points) // cells - 1] for i in range(cells)]
