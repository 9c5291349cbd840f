"""What a person sees: rich tables on a terminal, plain aligned text when piped."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from emprep.core.models import Interview, Profile, Progress, Question, Round, Story
from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.ui import output
from emprep.ui.text import clock, minutes_seconds, plural, visible

if TYPE_CHECKING:
    from rich.console import Console

    from emprep.core.drill import Drill
    from emprep.core.mock import MockPlan, RoundHistory
    from emprep.core.pace import Advice, Forecast
    from emprep.core.report import Report, RoundReadiness
    from emprep.core.rounds import RoundDate
    from emprep.core.session import Session
    from emprep.core.settings import Settings
    from emprep.core.stories import Coverage


@cache
def console() -> Console:
    """stdout; rich drops colour by itself for NO_COLOR, TERM=dumb and pipes. No `:emoji:`
    codes: a story that says `:x:` prints as typed (and the emoji table costs 3 ms to load)."""
    import errno
    import os

    from rich.console import Console

    class Quiet(Console):
        def on_broken_pipe(self) -> None:
            """Not rich's exit 1: the one exit path ends it (ui/pipes.py)."""
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Quiet(
        highlight=False,
        emoji=False,
        soft_wrap=not output.is_tty(),
        color_system=None if plain else "auto",
    )


def width() -> int:
    return console().width


# Colour that means something: how likely an answer is, what kind of practice, a heading.
STYLES = {
    "heading": "bold cyan",
    "new": "cyan",
    "unseen": "cyan",
    "review": "yellow",
    "due": "yellow",
    "weak": "yellow",
    "at-risk": "bold red",
    "warm-up": "magenta",
    "strong": "green",
    "done": "green",
    "todo": "yellow",
    "dim": "dim",
    "Again": "red",
    "Hard": "yellow",
    "Good": "green",
    "Easy": "blue",
}

Cell = str | tuple[str, str]  # the text, or the text and its style


def recall_style(x: float | None) -> str:
    """Red below one in two, yellow below the target, green at or above it."""
    if x is None:
        return "dim"
    return "red" if x < 0.5 else "yellow" if x < 0.9 else "green"


def _marker(text: str) -> int:
    """Where a wrapped line's continuation starts: under the text after `- `, `1. ` or a label."""
    m = re.match(r"\s*(?:[-*•] |\d+\. |\[[ x✓]\] |[A-Za-z ]{1,14}: {1,4}(?=\S))?", text)
    return m.end() if m else 0


def wrapped(text: str, hang: int | None = None) -> list[str]:
    """`text` cut into lines that fit the terminal at word boundaries, the continuation lines
    indented under the text (a bullet's, a label's); an id or a word longer than the width is
    never broken. Off a terminal, one line: pipes get whole lines."""
    import textwrap

    text = visible(text)
    if not output.is_tty() or len(text) <= width():
        return [text]
    indent = " " * (_marker(text) if hang is None else hang)
    return textwrap.wrap(
        text,
        width=max(20, width()),
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [text]


def echo(text: str = "", style: str | None = None, hang: int | None = None) -> None:
    for line in wrapped(text, hang):
        console().print(line, markup=False, style=style, overflow="ignore", crop=False)


def heading(text: str) -> None:
    echo(text, style=STYLES["heading"])


def units(label: str, parts: list[str], sep: str = "  ") -> None:
    """`label` then `parts` on as many lines as the width needs; a part is never split."""
    if not output.is_tty():
        echo(label + sep.join(parts))
        return
    lines, line = [], label
    for p in parts:
        joined = p if line == label else line + sep + p
        if len(joined) > width() and line.strip():
            lines.append(line)
            line = " " * len(label) + p
        else:
            line = label + p if line == label else joined
    for text in [*lines, line]:
        console().print(visible(text), markup=False, overflow="ignore", crop=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _text(cell: Cell) -> str:
    return visible(cell if isinstance(cell, str) else cell[0])


def table(
    headers: list[str], rows: Sequence[Sequence[Cell]], title: str | None = None, wide: int = -1
) -> None:
    """A boxed table on a terminal, the `wide` column wrapping inside its cell and every
    one-word cell (an id, a figure) kept whole; when even that cannot fit, each row becomes
    a line of its short cells and the wide text under it. Off a terminal, columns separated
    by two spaces, one row a line."""
    wide %= len(headers)
    if not output.is_tty():
        if title:
            echo(title)
        texts = [[_text(c) for c in r] for r in rows]
        widths = [max(len(h), *(len(r[i]) for r in texts)) for i, h in enumerate(headers)]
        for line in [headers, *texts]:
            cells = [c.ljust(widths[i]) for i, c in enumerate(line[:-1])] + [line[-1]]
            echo("  ".join(cells).rstrip())
        return
    columns = [[h, *(_text(r[i]) for r in rows)] for i, h in enumerate(headers)]
    solid = [i != wide and all(" " not in c for c in col[1:]) for i, col in enumerate(columns)]
    least = sum(
        max(len(c) for c in col) if solid[i] else max(len(w) for c in col for w in c.split())
        for i, col in enumerate(columns)
        if i != wide
    )
    if least + 16 + 3 * len(headers) + 1 > width():
        _stacked(headers, rows, title, wide)
        return
    from rich.table import Table

    t = Table(title=title, title_justify="left", highlight=False, header_style="bold")
    for i, h in enumerate(headers):
        t.add_column(h, no_wrap=solid[i], overflow="fold" if i == wide else "ellipsis")
    for parts in rows:
        t.add_row(*(_cell(c) for c in parts))
    console().print(t)


def _cell(cell: Cell) -> Any:
    from rich.text import Text

    return Text(_text(cell)) if isinstance(cell, str) else Text(_text(cell), style=cell[1])


def _stacked(
    headers: list[str], rows: Sequence[Sequence[Cell]], title: str | None, wide: int
) -> None:
    """A table too wide for the terminal: a row's short cells on one line, aligned when they
    fit, then its wide text indented under them."""
    from rich.text import Text

    if title:
        heading(title)
    short = [i for i in range(len(headers)) if i != wide]
    widths = {i: max(len(headers[i]), *(len(_text(r[i])) for r in rows)) for i in short}
    aligned = sum(widths.values()) + 2 * len(short) <= width()
    top = "  ".join(headers[i].ljust(widths[i] if aligned else 0) for i in short).rstrip()
    top += f" / {headers[wide]}" if len(top) + 3 + len(headers[wide]) <= width() else ""
    console().print(top, style="bold", markup=False, overflow="ignore", crop=False)
    for row in rows:
        line = Text()
        for k, i in enumerate(short):
            cell = _cell(row[i])
            if aligned:
                cell.pad_right(widths[i] - len(cell.plain))
            line.append_text(cell)
            if k < len(short) - 1:
                line.append("  ")
        line.rstrip()
        glued = "  ".join(_text(row[i]).replace(" ", "\u00a0") for i in short).rstrip()
        parts = [p.replace("\u00a0", " ") for p in wrapped(glued, hang=2)]
        for part in [line.plain] if aligned else parts:
            console().print(line if part == line.plain else part, overflow="ignore", crop=False)
        echo("    " + _text(row[wide]), style=None if isinstance(row[wide], str) else row[wide][1])


def bullets(title: str, items: list[str], numbered: bool = False) -> None:
    heading(title)
    for i, item in enumerate(items, start=1):
        echo(f"  {i}. {item}" if numbered else f"  - {item}")
    echo()


def rounds_overview(pack: Pack, dates: list[RoundDate]) -> None:
    """The loop; a date column once any round has a date."""
    loop = pack.loop
    heading(f"{loop.company} · {loop.role} · {loop.level} · {loop.difficulty}")
    echo()
    dated = any(d.date for d in dates)
    rows = [
        [str(r.order), r.id, r.name, r.kind, r.difficulty, f"{r.minutes} min", r.interviewer]
        + ([str(d.date or "-")] if dated else [])
        for r, d in zip(pack.rounds, dates, strict=True)
    ]
    headers = ["#", "id", "round", "kind", "difficulty", "length", "interviewer"]
    table(headers + (["date"] if dated else []), rows)
    echo()
    echo(
        f"{len(pack.rounds)} rounds, {sum(r.minutes for r in pack.rounds)} min in all, "
        f"{loop.timeline} from first call to decision. Experience {loop.experience}, "
        f"salary {loop.salary}."
    )
    if pack.coding is not None:
        c = pack.coding
        echo(f"{c.heading}: the guide names the heading and lists no question. {c.advice[0]}")
    echo("Details of one round: emprep rounds ID")


def round_detail(pack: Pack, r: Round, questions: list[Question], day: RoundDate) -> None:
    heading(f"{r.order}. {r.name} ({r.id})")
    echo(f"{r.kind} · {r.difficulty} · {r.minutes} min · {r.interviewer}")
    if day.date:
        echo(f"On {day.date} (from {day.source})")
    echo()
    echo(r.summary)
    echo()
    echo(r.description)
    echo()
    bullets("What interviewers look for", r.look_for)
    groups = pack.group_of
    bullets(
        "Evaluation criteria (the guide's; the group in brackets is emprep's)",
        [f"{c} [{groups[c].name}]" if c in groups else c for c in r.criteria],
    )
    bullets("Preparation tips", r.tips, numbered=True)
    bullets("Common reasons for rejection", r.rejection_reasons)
    if r.order == 1 and pack.coding is not None:
        c = pack.coding
        bullets(f"{c.heading}: {c.summary} (the guide lists none)", c.advice)
    guide = [q for q in questions if q.placed_by == "guide"]
    ours = [q for q in questions if q.placed_by != "guide"]
    bullets(f"Questions the guide lists for this round ({len(guide)})", _question_lines(guide))
    bullets(f"Questions emprep places in this round ({len(ours)})", _question_lines(ours))


def _question_lines(questions: list[Question]) -> list[str]:
    """`id: text`, with the guide's common and track questions said to be so."""

    def why(q: Question) -> str:
        if q.track:
            return f" (guide, {q.track} track)"
        return " (guide, common)" if q.common else ""

    return [f"{q.id}: {q.text}{why(q)}" for q in questions]


def answer_guide(q: Question) -> None:
    """What a coach says after an answer: the points by criterion, the follow-ups, the red
    flags by the reason for rejection they lead to."""
    bullets(
        "A strong answer covers", [f"{p.text} [{p.criterion}]" for p in q.points], numbered=True
    )
    bullets("They will ask next", q.follow_ups)
    bullets("Red flags", [f"{f.text} [{f.reason}]" for f in q.red_flags])
    echo(f"The bar: {q.bar}")
    echo()


def questions_list(pack: Pack, questions: list[Question]) -> None:
    if not questions:
        print("emprep: no question matches those filters", file=sys.stderr)
        return
    rows = [[q.id, ",".join(q.rounds), q.source, q.text] for q in questions]
    table(["id", "rounds", "source", "question"], rows)


def plan_view(
    pack: Pack,
    plan: Plan,
    today_week: int | None = None,
    done: frozenset[str] = frozenset(),
    count: int | None = None,
) -> None:
    from emprep.ui.export.docs import loop_timeline
    from emprep.ui.export.markdown import round_days

    total = sum(w.hours for w in plan.weeks)
    heading(f"Your plan: {pack.loop.company} {pack.loop.role} ({pack.loop.level})")
    echo(
        f"{plan.start} to {plan.interview}: {plural(plan.days, 'day')}, "
        f"{plural(len(plan.weeks), 'week')}, {plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else "")
    )
    if count is not None:
        echo(
            f"The daily drill is {plural(count, 'question')} (emprep config set count N): it "
            "introduces each week's questions and keeps them fresh to the interview."
        )
    echo()
    for w in plan.weeks:
        mark = "  ← this week" if w.number == today_week else ""
        heading(f"Week {w.number}  {w.start} to {w.end}  {w.hours:g} h{mark}")
        echo("  Phase:    " + "; ".join(f"{p.order}. {p.name}" for p in w.phases))
        echo("  Focus:    " + " ".join(w.focus))
        echo("  Prepares: " + ", ".join(pack.round(r).name for r in w.rounds))
        for line in round_days(pack, plan, w.interviews):
            echo(f"  Interview: {line}")
        echo("  Tasks:")
        for n, t in enumerate(w.tasks, start=1):
            tick(n, t, t in done, numbered=w.number == today_week)
        echo(f"  Questions to introduce ({len(w.questions)}):")
        for q in w.questions:
            echo(f"    - {q.id}: {q.text}")
        echo()
    tl = loop_timeline(pack, plan)
    heading(f"The loop, from {tl['first_interview']}")
    for r in tl["rounds"]:
        echo(f"  {r['order']}. {r['name']} ({r['minutes']} min) on {r['date']}")
    echo(
        f"  {len(tl['rounds'])} rounds, {tl['total_minutes']} min; {tl['timeline']} to a "
        f"decision (around {tl['decision_around']})."
    )


def tick(n: int, task: str, done: bool, numbered: bool = True) -> None:
    """One plan task with its box: `[x]` done, `[ ]` to do; numbered for `emprep task done N`."""
    box = "[x]" if done else "[ ]"
    label = f"{n}. " if numbered else ""
    echo(
        f"    {label}{box} {task}", style=STYLES["done"] if done else None, hang=4 + len(label) + 4
    )


def _percent(x: float | None) -> str:
    """A share as a person reads it: `45%`, or `-` when there is none."""
    return "-" if x is None else f"{x:.0%}"


def countdown(interview: date, days: int) -> str:
    """The interview date said as a person would: ahead, today, or past."""
    if days > 0:
        return f"{plural(days, 'day')} to the interview ({interview})"
    if days == 0:
        return f"interview day ({interview})"
    return f"the interview ({interview}) was {plural(-days, 'day')} ago"


def day_words(d: date) -> str:
    """A date as a person says it: Sat 5 Dec."""
    return f"{d:%a} {d.day} {d:%b}"


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


def drill_list(pack: Pack, drill: Drill, advice: Advice | None = None) -> None:
    n = plural(len(drill.items), "question")
    if drill.interview is None or drill.days_left is None:
        echo(f"Drill for {drill.day}: {n} (no interview date: plain FSRS)")
    elif drill.days_left < 0:
        when = countdown(drill.interview, drill.days_left)
        echo(f"Drill for {drill.day}: {n} ({when}: plain FSRS)")
    elif drill.days_left == 0:
        echo(f"Drill for {drill.day}: {n}, a warm-up of your weakest on interview day")
    else:
        echo(
            f"Drill for {drill.day}: {n}, {countdown(drill.interview, drill.days_left)}, "
            f"{drill.unseen} unseen (at least {drill.new_quota} new today)"
        )
    if drill.rest_day:
        echo("Today is one of your rest days; here is the drill all the same.")
    if not drill.items:
        echo(
            "Today's drill is done. More practice: emprep drill --more; "
            "what is coming: emprep progress"
        )
        return
    upcoming = drill.days_left is not None and drill.days_left >= 0
    rows: list[list[Cell]] = []
    for k, i in enumerate(drill.items, start=1):
        r = i.recall_interview if upcoming else i.recall_now
        rows.append(
            [
                str(k),
                i.question.id,
                (i.kind, STYLES[i.kind]),
                ",".join(i.question.rounds),
                str(i.deadline or "-"),
                (_percent(r), recall_style(r)),
                i.question.text,
            ]
        )
    recall = RECALL_AT if upcoming else RECALL_NOW
    table(["#", "id", "kind", "rounds", "deadline", recall, "question"], rows)
    if advice is not None and advice.short:
        echo(pace_line(advice))


RECALL_AT = "recall at deadline"
RECALL_NOW = "recall now"
LISTED_DATES = 3


def interviews_view(logs: list[Interview]) -> None:
    heading("Rounds you have had")
    for log in logs:
        asked = log.questions + [f'"{a}"' for a in log.asked]
        echo(f"  {log.day} {log.round}: asked {', '.join(asked) or 'nothing logged'}")
        if log.note:
            echo(f"    note: {log.note}")


def round_logged(pack: Pack, log: Interview, progress: Progress, s: Settings, today: date) -> None:
    from emprep.core.rounds import boosted

    r = pack.round(log.round)
    parts = []
    if log.questions:
        parts.append(
            f"{plural(len(log.questions), 'question')} from the bank ({', '.join(log.questions)})"
        )
    if log.asked:
        parts.append(f"{len(log.asked)} in your words")
    if log.note:
        parts.append("a note")
    echo(f"Logged the {r.name} of {log.day}: {', '.join(parts) or 'nothing asked'}.")
    again = [q for q in log.questions if q in boosted(pack, progress, s, today)]
    if again:
        echo(f"A later round asks {', '.join(again)} too: the drill brings them first.")


def session_line(session: Session, did: str, kept: str) -> str:
    """What a drill or a mock did: `3 rated (Good 2, Easy 1), 1 skipped, 2 min 5 s answering.`"""
    from emprep.core.scheduler import RATING_NAMES

    done = sum(session.rated.values())
    parts = ", ".join(f"{RATING_NAMES[k]} {v}" for k, v in sorted(session.rated.items()))
    stopped = "Stopped. " if session.interrupted else ""
    undone = f", {session.undone} undone" if session.undone else ""
    return (
        f"{stopped}{done} {did}{f' ({parts})' if parts else ''}, {session.skipped} skipped"
        f"{undone}, {minutes_seconds(session.seconds)} answering. {kept}"
    )


def drill_summary(
    session: Session, forecast: list[tuple[date, int]], advice: Advice | None = None
) -> None:
    """What was done, what is still due today, and the next days reviews fall due; `forecast`
    starts today. When the count cannot make the loop ready, the pace that would (`advice`)."""
    echo(session_line(session, "rated", "Every rating is saved."))
    echo(next_reviews(forecast))
    if advice is not None and advice.short:
        echo(pace_line(advice))


def next_reviews(forecast: list[tuple[date, int]]) -> str:
    """ "Still due today: 2 · next: 2026-11-21 (3), ... and 2 more days", never a silent cut."""
    today = forecast[0][1] if forecast else 0
    later = [(d, n) for d, n in forecast[1:] if n]
    parts = [f"{d} ({n})" for d, n in later[:LISTED_DATES]]
    more = len(later) - LISTED_DATES
    tail = f" and {plural(more, 'more day')} (emprep progress)" if more > 0 else ""
    nxt = f"next due: {', '.join(parts)}{tail}" if parts else "nothing else due this week"
    still = f"Still due today: {plural(today, 'question')} (emprep drill). " if today else ""
    return still + nxt[0].upper() + nxt[1:] + "."


def drill_done(forecast: list[tuple[date, int]], more: bool) -> None:
    """Nothing left to ask: say so, when the next reviews fall due, and how to go on anyway."""
    if more:
        echo(
            "Nothing more to practise: every question in scope is in hand. "
            + next_reviews(forecast)
        )
        return
    echo("Today's drill is done. " + next_reviews(forecast), style=STYLES["done"])
    echo("More practice now, chosen the same way: emprep drill --more")


HEAT = " ░▒▓█"


def _heat(n: int) -> str:
    if n == 0:
        return "·"
    return HEAT[min(4, 1 + (n - 1) // 3)]


def heatmap_rows(days: list[tuple[date, int]]) -> list[str]:
    """Seven rows, Monday first; a column per calendar week."""
    from datetime import timedelta

    monday = days[0][0] - timedelta(days=days[0][0].weekday())
    cols = (days[-1][0] - monday).days // 7 + 1
    grid = [[" "] * cols for _ in range(7)]
    for d, n in days:
        grid[d.weekday()][(d - monday).days // 7] = _heat(n)
    return [f"  {'MTWTFSS'[wd]} " + "".join(row).rstrip() for wd, row in enumerate(grid)]


def progress_view(report: Report) -> None:
    if report.interview and report.days_to_interview is not None:
        week = f", plan week {report.week} of {report.weeks}" if report.week else ""
        when = rounds_countdown(report)
        heading(when[0].upper() + when[1:] + week)
    else:
        heading("No interview date yet")
    if report.reviews:
        _practice(report)
    else:
        echo("No practice yet.")
    if report.pace is not None:
        echo()
        heading("Forecast: questions predicted ready each practice morning to the interview")
        for line in pace_chart(report.pace):
            echo(line)
        echo(pace_line(report.pace))
    echo()
    heading("Stories")
    for line in coverage_summary(report.stories):
        echo(f"  {line}")
    gaps = [g.competency.name for g in report.stories.gaps]
    if report.stories.stories and gaps:
        more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
        echo(f"  No story shows: {', '.join(gaps[:3])}{more} (emprep story coverage)")
    if report.mocks:
        echo()
        mock_history_view(report.mocks)
    if report.interviews:
        echo()
        interviews_view(report.interviews)
    echo()
    echo(f"Next: {report.hint}", style="bold")


def rounds_countdown(report: Report) -> str:
    """Days to the interview; with rounds on several days, to the next round and the last."""
    assert report.interview is not None and report.days_to_interview is not None
    last = countdown(report.interview, report.days_to_interview)
    ahead = [(r.days, r) for r in report.rounds if r.days is not None and r.days >= 0]
    if not ahead:
        return last
    days, nxt = min(ahead, key=lambda dr: dr[0])
    if nxt.date == report.interview:
        return last
    soon = f"{plural(days, 'day')} to" if days else "today:"
    return f"{soon} the {nxt.name} ({nxt.date}), {last}"


def _round_when(r: RoundReadiness) -> str:
    if r.days is None:
        return "-"
    if r.done:
        return "done"
    return "today" if r.days == 0 else f"in {plural(r.days, 'day')}"


def _practice(report: Report) -> None:
    echo(
        f"Streak {plural(report.streak, 'day')} · {plural(report.reviews, 'review')} on "
        f"{plural(report.practice_days, 'day')} · {report.seconds // 60} min answering"
    )
    echo()
    ahead = {r.date for r in report.rounds if r.days is not None and r.days >= 0}
    when = "on its day" if len(ahead) > 1 else "on interview day" if ahead else "today"
    rows: list[list[Cell]] = [
        [
            r.name,
            str(r.date or "-"),
            (_round_when(r), STYLES["dim"] if r.done else STYLES["heading"]),
            f"{r.seen}/{r.total}",
            (str(r.due_today), STYLES["due"] if r.due_today else "dim"),
            ("-", "dim") if r.done else (_percent(r.recall), recall_style(r.recall)),
        ]
        for r in report.rounds
    ]
    table(["round", "date", "when", "seen", "due today", f"recall {when}"], rows, wide=0)
    on = "on the morning of each round's day" if len(ahead) > 1 else when
    echo(f"Recall is FSRS's predicted chance of answering well {on}; unseen questions count 0.")
    echo()
    heading("Last 12 weeks (· none, ░ 1-3, ▒ 4-6, ▓ 7-9, █ 10+ reviews)")
    for line in heatmap_rows(report.heatmap):
        echo(line)
    echo()
    units("Due next 7 days: ", [f"{d:%a %d} {n}" for d, n in report.forecast])
    if report.weakest:
        echo()
        heading("Weakest questions")
        for q, r in report.weakest:
            echo(f"  {_percent(r):>4}  {q.id}: {q.text}", hang=8)


def value(v: object) -> str:
    """A profile value as a person would write it: 5, not 5.0."""
    if v is None:
        return "(not set)"
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return f"{v:g}" if isinstance(v, float) else str(v)


def unset_message(profile: Profile, key: str) -> str:
    if "." not in key:
        return f"{key} is not set"
    return (
        f"{key} is not set; the round takes the loop's date (interview: {value(profile.interview)})"
    )


def profile_view(profile: Profile, dates: list[RoundDate], path: str) -> None:
    """The profile, and under `interview` each round's date and the key it comes from; a key
    not set shows the default in effect."""
    from emprep.core.planner import DEFAULT_HOURS
    from emprep.core.scheduler import DEFAULT_COUNT

    defaults = {
        "start": "the first practice day, else today",
        "hours": f"{DEFAULT_HOURS:g} a week",
        "track": "both tracks' questions",
        "count": f"{DEFAULT_COUNT} a day",
        "rest-days": "none: every day is a practice day",
    }
    width = max(len(d.round.id) for d in dates)
    for key in ("interview", "start", "hours", "track", "count", "rest-days"):
        v = getattr(profile, key.replace("-", "_"))
        shown = value(v) if v is not None or key not in defaults else f"default: {defaults[key]}"
        echo(f"{key:<10} {shown}")
        if key == "interview":
            for d in dates:
                source = f"  from {d.source}" if d.source else ""
                echo(f"  {d.round.id:<{width}}  {value(d.date)}{source}".rstrip())
    echo(f"file       {path}")


# --- Stories --------------------------------------------------------------------------------


def story_list(stories: list[Story]) -> None:
    if not stories:
        echo("No stories yet. Add one with: emprep story add")
        return
    rows = [
        [s.id, s.title, ", ".join(s.competencies) or "-", ", ".join(s.questions) or "-"]
        for s in stories
    ]
    table(["id", "title", "competencies", "questions"], rows)


def story_view(pack: Pack, s: Story) -> None:
    heading(f"{s.id}: {s.title}")
    echo(f"Written {s.created:%Y-%m-%d}, changed {s.updated:%Y-%m-%d}")
    for part in ("situation", "task", "action", "result"):
        echo()
        heading(part.capitalize())
        echo(getattr(s, part))
    echo()
    names = [
        pack.competency_by_id[c].name if c in pack.competency_by_id else f"{c} (not in this loop)"
        for c in s.competencies
    ]
    bullets("Competencies it shows", names or ["none yet: emprep story edit " + s.id])
    known = pack.question_by_id
    asked = [
        f"{q}: {known[q].text}" if q in known else f"{q} (not in this loop)" for q in s.questions
    ]
    bullets("Questions it answers", asked or [f"none yet: emprep story link {s.id} QUESTION"])


MARKS = {"named": "●", "implied": "○"}


def coverage_view(pack: Pack, cov: Coverage) -> None:
    summary = coverage_summary(cov)
    heading(summary[0])
    for line in summary[1:]:
        echo(line)
    if not cov.stories:
        return
    echo()
    for r in cov.stories:
        echo(
            f"  {r.story.id:<4} {r.story.title}: answers {plural(r.questions, 'question')}, "
            f"shows {plural(r.competencies, 'competency', 'competencies')}"
        )
    echo()
    ids = [r.story.id for r in cov.stories]
    rows = []
    for row in cov.competencies:
        c = row.competency
        label = c.name if c.round is None else f"  {c.name}"
        marks = [
            MARKS["named"] if sid in row.named else MARKS["implied"] if sid in row.implied else "·"
            for sid in ids
        ]
        rows.append([label, *marks, f"{row.answered}/{row.questions}"])
    for rc in cov.rounds:
        marks = ["●" if sid in rc.stories else "·" for sid in ids]
        rows.append([f"Round: {rc.round.name}", *marks, f"{rc.answered}/{rc.questions}"])
    table(["competency", *ids, "questions with a story"], rows)
    echo("● named by the story · ○ shown through a question it answers (or, for a group, one of")
    echo("its criteria) · questions with a story: of the questions that test it")
    if cov.gaps:
        echo()
        heading("Competencies no story shows, most-tested first")
        for g in cov.gaps:
            where = f" ({pack.round(g.competency.round).name})" if g.competency.round else ""
            echo(f"  - {g.competency.name}{where}: {plural(g.questions, 'question')} test it")
    if cov.unanswered:
        echo()
        heading(f"Questions no story answers ({len(cov.unanswered)}), worst gaps first")
        for q in cov.unanswered:
            echo(f"  - {q.id}: {q.text}")


def coverage_summary(cov: Coverage) -> list[str]:
    if not cov.stories:
        return ["No STAR stories yet", "Add your first with: emprep story add"]
    answered = cov.scope - len(cov.unanswered)
    shown = len(cov.competencies) - len(cov.gaps)
    return [
        f"{plural(len(cov.stories), 'story', 'stories')}: {answered} of {cov.scope} "
        f"questions have one; {shown} of {len(cov.competencies)} competencies are shown",
    ]


# --- Mocks ----------------------------------------------------------------------------------


def mock_plan(plan: MockPlan) -> None:
    r = plan.round
    n = len(plan.items)
    echo(
        f"Mock: {r.name}, {plan.minutes} min, {plural(n, 'question')} of about "
        f"{clock(plan.seconds_each)}{'' if n == 1 else ' each'}. Interviewer: {r.interviewer}"
    )
    rows = [
        [
            str(k),
            i.question.id,
            i.kind,
            _percent(i.recall),
            ", ".join(s.id for s in i.stories) or "-",
            i.question.text,
        ]
        for k, i in enumerate(plan.items, start=1)
    ]
    table(["#", "id", "kind", "recall", "stories", "question"], rows)
    echo(f"Then you score yourself 1-5 on: {', '.join(r.criteria)}.")


def mock_summary(pack: Pack, plan: MockPlan, session: Session) -> None:
    from emprep.core.mock import mean, weakest

    if not session.started:
        echo("Nothing was asked; no mock is saved.")
        return
    echo()
    echo(session_line(session, "answered", "The mock is saved."))
    r = plan.round
    if not session.finished:
        echo(
            "It has no scores, so progress counts its answers only. "
            f"Again: emprep mock --round {r.id}"
        )
        return
    avg = mean(session.scores)
    echo(
        "Scores: "
        + ", ".join(f"{c} {session.scores[c]}" for c in r.criteria)
        + (f" (mean {avg:.1f})" if avg is not None else "")
    )
    low = weakest(r, session.scores)
    if low:
        tested = [q.id for q in pack.questions if low in q.criteria][:3]
        also = f" (questions that test it: {', '.join(tested)})" if tested else ""
        echo(f"Weakest: {low}, {session.scores[low]}/5{also}.")
    if session.rejections:
        echo("Watch for: " + "; ".join(session.rejections))
    echo(f"Next: emprep drill --round {r.id}")


def mock_history_view(history: list[RoundHistory]) -> None:
    heading("Mock rounds")
    for h in history:
        n = plural(h.mocks, "mock")
        if h.last is None:
            echo(f"  {h.round.name}: {n}, none scored yet ({plural(h.answered, 'answer')})")
            continue
        change = "" if h.mean_change is None else f" ({h.mean_change:+.1f})"
        mean = f"{h.mean:.1f}" if h.mean is not None else "-"
        echo(f"  {h.round.name}: {n}, last scored {h.last}: mean {mean}{change}")
        echo(
            "    "
            + " · ".join(
                f"{c} {v}" + (f" ({h.trend[c]:+d})" if c in h.trend else "")
                for c, v in h.scores.items()
            )
        )
        if h.weakest:
            echo(f"    weakest: {h.weakest}")
