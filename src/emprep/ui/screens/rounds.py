"""`emprep rounds`: the loop, one round in full, and the rounds a candidate has had."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from emprep.core.models import Interview, Progress, Question, Round
from emprep.core.pack import Pack
from emprep.ui.render import bullets, echo, heading, shared_hang, table
from emprep.ui.screens.questions import question_lines
from emprep.ui.text import in_a_line, plural, the_round

if TYPE_CHECKING:
    from emprep.core.rounds import RoundDate
    from emprep.core.settings import Settings


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
    table(
        headers + (["date"] if dated else []), rows, wide=headers.index("interviewer"), names=True
    )
    echo()
    echo(
        f"{plural(len(pack.rounds), 'round')}, {sum(r.minutes for r in pack.rounds)} min in all, "
        f"{loop.timeline} from first call to decision. Experience {loop.experience}, "
        f"salary {loop.salary}."
    )
    if pack.coding is not None:
        c = pack.coding
        echo(f"{c.heading}: {pack.guide} names the heading and lists no question. {c.advice[0]}")
    echo("Details of one round: emprep rounds ID")


def round_detail(
    pack: Pack,
    r: Round,
    questions: list[Question],
    *,
    day: RoundDate,
    past: bool = False,
    logged: bool = False,
) -> None:
    """One round in full; a round `past` says so, and where what it asked is (`logged`) or
    the command that logs it, as the plan's loop does."""
    heading(f"{r.order}. {r.name} ({r.id})")
    echo(f"{r.kind} · {r.difficulty} · {r.minutes} min · {r.interviewer}")
    if day.date:
        when = f"On {day.date} (from {day.source})"
        if past and logged:
            when += ", past and logged: emprep progress shows what it asked"
        elif past:
            when += f", past: log what it asked: emprep rounds log {r.id}"
        echo(when)
    echo()
    echo(r.summary)
    echo()
    echo(r.description)
    echo()
    bullets("What interviewers look for", r.look_for)
    groups = pack.group_of
    bullets(
        f"Evaluation criteria ({pack.guide}'s; the group in brackets is emprep's)",
        [f"{c} [{groups[c].name}]" if c in groups else c for c in r.criteria],
    )
    bullets("Preparation tips", r.tips, numbered=True)
    bullets("Common reasons for rejection", r.rejection_reasons)
    if r.order == 1 and pack.coding is not None:
        c = pack.coding
        bullets(f"{c.heading}: {c.summary} ({pack.guide} lists none)", c.advice)
    guide = [q for q in questions if q.placed_by == "guide"]
    ours = [q for q in questions if q.placed_by != "guide"]
    listed = f"Questions {pack.guide} lists for this round ({len(guide)})"
    bullets(listed, question_lines(pack, guide))
    bullets(f"Questions emprep places in this round ({len(ours)})", question_lines(pack, ours))


# A logged round's questions shown in `progress`: a pasted list of thousands made one line of
# hundreds of kilobytes; `progress --format json` has them all.
ASKED_SHOWN = 5


def interviews_view(logs: list[Interview], title: str = "Rounds you have had") -> None:
    """Each logged round in a line, its note in the next: a question in your words and the
    note are one line each, a line break in them (a hand-edited file) shown as a space."""
    heading(title)
    lines: list[tuple[str, int | None]] = []
    notes: list[tuple[str, int | None]] = []
    for log in logs:
        asked = log.questions + [f'"{in_a_line(a)}"' for a in log.asked]
        shown = ", ".join(asked[:ASKED_SHOWN])
        if len(asked) > ASKED_SHOWN:
            shown += f" and {len(asked) - ASKED_SHOWN:,} more (emprep progress --format json)"
        said = f"asked {shown}" if asked else "no question logged"
        head = f"  {log.day} {log.round}: "
        lines.append((head + said, len(head)))  # wrapped under the text, not the next date
        notes.append((f"    note: {in_a_line(log.note)}" if log.note else "", None))
    # the rounds' lines share one hang, and so do the notes': a list hung at one column
    hang, note_hang = shared_hang(lines), shared_hang(notes)
    for (line, own), (note, _) in zip(lines, notes, strict=True):
        echo(line, hang=own if hang is None else hang)
        if note:
            echo(note, hang=note_hang)


def round_logged(
    pack: Pack,
    log: Interview,
    progress: Progress,
    *,
    s: Settings,
    now: datetime,
    added: bool = False,
) -> None:
    from emprep.core.practice import as_drilled
    from emprep.core.rounds import boosted

    r = pack.round(log.round)
    parts = []
    if log.questions:
        parts.append(
            f"{plural(len(log.questions), 'question')} from the bank ({', '.join(log.questions)})"
        )
    if log.asked:
        parts.append(f"{len(log.asked):,} in your words")
    if log.note:
        parts.append("a note")
    held = ", ".join(parts) or "nothing asked"
    if added:
        echo(f"Added to your log of {the_round(r.name)} of {log.day}; it now holds: {held}.")
    else:
        echo(f"Logged {the_round(r.name)} of {log.day}: {held}.")
    dated = s.date_of(r.id)
    if dated is not None and dated > log.day:
        echo(
            f"It is still dated {dated}, and the drill aims its questions there; "
            f"if it is behind you: emprep config set interview.{r.id} {log.day}"
        )
    elif dated is not None and dated < log.day:
        echo(
            f"It is dated {dated}, as the plan and the calendar show it; "
            f"if it was moved to {log.day}: emprep config set interview.{r.id} {log.day}"
        )
    # as the drill counts them: a round of today that is logged, or whose day is over, is had,
    # so a question it shares with the round just logged is no later round's
    drilled = as_drilled(pack, progress, s, now)
    again = [q for q in log.questions if q in boosted(pack, progress, drilled, now=now)]
    if again:
        them = "it" if len(again) == 1 else "them"
        echo(f"A later round asks {', '.join(again)} too: the drill brings {them} first.")
