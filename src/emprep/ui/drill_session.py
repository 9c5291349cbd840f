"""The day's drill at a terminal: the question, a running clock, what a strong answer covers,
the rating, saved at once; `u` takes the last rating back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path

from emprep.core import journal
from emprep.core.days import weekdays
from emprep.core.drill import Drill, Item, held_due
from emprep.core.errors import EmprepError
from emprep.core.journal import Journal
from emprep.core.models import Progress, ReviewEntry, last_line, review_entry
from emprep.core.pace import Advice
from emprep.core.pack import Pack
from emprep.core.practice import due_ahead
from emprep.core.rounds import skipped_until_over
from emprep.core.scheduler import RATING_NAMES, due_date, rated_on, record
from emprep.core.session import Session
from emprep.core.settings import effective
from emprep.storage import locking, store
from emprep.ui import render
from emprep.ui.answer_line import DONE_KEYS, columns, rating, timed_answer
from emprep.ui.interactive import Answer, Kept, ask_each, carried, outline_and_note, stops
from emprep.ui.output import command
from emprep.ui.screens.drill import drill_done, drill_summary
from emprep.ui.screens.questions import answer_guide, story_line
from emprep.ui.terminal import cbreak
from emprep.ui.text import clock, next_review, taken_at


def take_drill(
    pack: Pack,
    progress: Progress,
    drill: Drill,
    *,
    path: Path,
    now: Callable[[], datetime],
    more: bool = False,
    pace: Callable[[Progress, datetime], Advice | None] = lambda p, t: None,
    round_id: str | None = None,
    daily: Callable[[Progress, datetime], Drill] | None = None,
    to_log: str | None = None,
) -> Session:
    """The day's drill at the terminal, then what was done and the reviews coming up; a drill
    with nothing left says the day is done and when the next reviews fall due. When the count
    cannot make the loop ready, the end says the pace that would (`pace`); a round had and
    not logged yet, that it is next (as `today` says). A drill of one round (`round_id`) ends
    with the day's drill as it then stands (`daily`). Once the loop is over, it says so first,
    and the round to log (`to_log`)."""
    if not drill.items:
        moment = now()
        then = _to_log(pack, progress, moment)
        held = frozenset() if daily is None else daily(progress, moment).held_due()
        forecast = due_ahead(pack, progress, moment, held)
        drill_done(forecast, more, pace(progress, moment), then, round_id)
        return Session()
    if drill.rest_day:
        render.echo("Today is one of your rest days; here is the drill all the same.")
    if drill.over:
        render.echo(f"The loop is over: {OVER}")
        if to_log is not None:
            render.echo(f"Next: {to_log}", style="bold")
    asked_for = _asked_for(pack, progress, now(), round_id)
    session = run_drill(
        pack,
        drill,
        path,
        now=now,
        notes=progress.notes,
        stories=stories_by_question(progress),
        asked_for=asked_for,
    )
    after = session.progress or progress
    later = now()
    rated = rated_on(after, later)
    left = [i for i in drill.items if i.question.id not in rated]
    today = None if daily is None else daily(after, later)
    # what is still asked today is done today; the rest due stays due (`due_ahead`)
    held = held_due(left, later.date()) if today is None else today.held_due()
    drill_summary(
        session,
        due_ahead(pack, after, later, held),
        pace(after, later),
        left=left,
        more=more,
        round_id=round_id,
        daily=today,
        then=_to_log(pack, after, later),
    )
    return session


OVER = "this drill is plain FSRS, on what is left."


def _asked_for(pack: Pack, progress: Progress, now: datetime, round_id: str | None) -> list[str]:
    """The rounds whose interviewer a question is asked for, first to last: the drill's own
    round, then those still ahead. A question of the recruiter screen and the technical round
    was headed "Interviewer: Recruiter/HR" the day after the screen, and in a drill of the
    technical round: the tech lead is the one who will ask it."""
    from emprep.core.practice import as_drilled

    s = as_drilled(pack, progress, effective(progress.profile, pack.round_ids), now)
    ahead = [r for r in pack.round_ids if (d := s.date_of(r)) is None or d >= now.date()]
    return [*([round_id] if round_id else []), *ahead]


def _to_log(pack: Pack, progress: Progress, now: datetime) -> str | None:
    from emprep.core.practice import round_to_log

    return round_to_log(pack, progress, now, s=effective(progress.profile, pack.round_ids))


def run_drill(
    pack: Pack,
    drill: Drill,
    path: Path,
    *,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
    stories: dict[str, list[str]] | None = None,
    asked_for: Sequence[str] = (),
) -> Session:
    """Ask the drill's questions; Ctrl-C or `q` stops and keeps every rating given. A
    question's interviewer is that of the first of `asked_for` it is in, else its first
    round's. `stories`: the candidate's stories linked to each question, named at its reveal."""
    locking.writable(path)
    session = Session()
    mine = notes or {}
    told = stories or {}
    kept = Kept(path, Journal("drill"), now())
    saves = _Saves(pack, path, now=now, kept=kept)
    with stops(session), cbreak() as fd:
        total = len(drill.items)

        def ask(n: int, item: Item, can_undo: bool) -> Answer:
            return _ask(
                fd,
                pack,
                item,
                place=(n, total),
                today=drill.day,
                can_undo=can_undo,
                note=mine.get(item.question.id),
                stories=told.get(item.question.id, []),
                asked_for=asked_for,
            )

        # the drill is a function of the day's ratings: an unrated question is still in it
        skipped = "Skipped: not rated; it stays in today's drill."
        ask_each(
            session, drill.items, ask, save=saves.save, take_back=saves.take_back, skipped=skipped
        )
    kept.done()
    return session


class _Saves:
    """What a drill's answers do to the progress file: each rating saved (its journal line
    first), and this drill's last one taken back with `u`."""

    def __init__(self, pack: Pack, path: Path, *, now: Callable[[], datetime], kept: Kept) -> None:
        self.pack = pack
        self.path = path
        self.now = now
        self.kept = kept
        self.given: dict[str, list[ReviewEntry]] = {}  # each question's log lines this drill added

    def save(self, item: Item, answer: int, seconds: int) -> Progress:
        qid = item.question.id
        moment = self.now()
        self.kept.put(journal.rated(self.kept.journal, qid, answer, seconds=seconds, at=moment))
        change = partial(record, question_id=qid, rating=answer, seconds=seconds, now=moment)
        name = RATING_NAMES[answer]
        try:
            saved = store.update(self.path, carried(self.pack, change))
        except EmprepError as e:  # the file broken by hand meanwhile, a full disk...
            again = command("review", qid, name.lower(), "--seconds", str(seconds))
            lost = f"your rating of {qid} is not saved: once that is fixed, save it with: {again}"
            raise self.kept.failed(e, lost) from None
        self.given.setdefault(qid, []).append(review_entry(last_line(saved.log)))
        due = due_date(saved.cards[qid], self.now())
        s = effective(saved.profile, self.pack.round_ids)
        last = skipped_until_over(item.question.rounds, s, due)
        rounds = s.round_days(self.pack.round_ids)
        then = next_review(due, weekdays(saved.profile.rest_days), last, rounds)
        moved = taken_at(self.given[qid][-1].at, moment)
        render.echo(f"Saved: {name}{moved}. {then}", style=render.STYLES[name])
        return saved

    def take_back(self, item: Item, answer: int, seconds: int) -> Progress:
        from emprep.core.undo import Gone, undo

        qid = item.question.id
        # the draft first: one that lacks a rating the file still holds is harmless, one that
        # holds a rating the file took back would give it back at `--resume`
        self.kept.put(journal.taken_back(self.kept.journal, qid))
        try:  # this drill's rating: not one given since in another terminal
            saved = store.update(self.path, partial(undo, entry=self.given[qid].pop()))
        except Gone:  # `emprep undo` in another terminal took it back meanwhile
            render.echo(f"{qid} ({RATING_NAMES[answer]}) was taken back already. Asked again.")
            return store.load(self.path)
        except EmprepError as e:
            kept_back = (
                f"{e}; your rating of {qid} is not taken back: once that is fixed, "
                f"{command('undo')} takes back the file's last rating"
            )
            raise self.kept.failed(EmprepError(kept_back), None) from None
        render.echo(f"Undone: {qid} ({RATING_NAMES[answer]}). It is asked again.")
        return saved


def _show(
    pack: Pack, item: Item, place: tuple[int, int], today: date, asked_for: Sequence[str]
) -> None:
    q = item.question
    r = pack.round(next((x for x in asked_for if x in q.rounds), q.rounds[0]))
    render.echo()
    render.heading(round_heading(place, [pack.round(x).name for x in pack.rounds_of(q)]))
    render.echo(state_line(item, today), style=render.STYLES[item.kind])
    label = "Interviewer: "  # a line wrapped goes on under what follows it
    tags = ", ".join(render.kept_whole(t, len(label)) for t in q.tags)  # "Technical Leadership"
    # cut after a `/`, not inside a title, measured against the indent its lines take
    title = render.names_whole(r.interviewer, render.hung(label, len(label)))
    render.echo(f"{label}{title}" + (f" · tags: {tags}" if q.tags else ""), breaks=True)
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()


def round_heading(place: tuple[int, int], names: list[str]) -> str:
    """`[1/5] Recruiter/HR Interview / Executive Leadership Interview`; wider than the
    terminal, each round after the first on a line of its own under the first, so that no
    round's name is cut at the edge ("Executive Leadership" / "Interview")."""
    from rich.cells import cell_len

    head = f"[{place[0]}/{place[1]}] "
    line = head + " / ".join(names)
    if cell_len(line) <= render.width():
        return line
    return head + f" /\n{' ' * len(head)}".join(names)


def state_line(item: Item, today: date) -> str:
    """Why the question is here, and both recalls named apart: now, and at its deadline. On
    the round's own day only now: "at 2026-11-30" on 2026-11-30 is this morning's 09:00."""
    if item.kind == "new":
        return "new: first time"
    now = f"recall now {item.recall_now or 0:.0%}"
    if item.deadline == today:
        return f"{item.kind}: {now} (the round is today)"
    at = item.recall_interview
    later = f", at {item.deadline or 'the interview'} {at:.0%}" if at is not None else ""
    return f"{item.kind}: {now}{later}"


DRILL_KEYS = ["space: reveal", "s: skip", "u: undo last", "p: pause", "q: quit"]


def _ask(
    fd: int,
    pack: Pack,
    item: Item,
    *,
    place: tuple[int, int],
    today: date,
    can_undo: bool,
    note: str | None,
    stories: list[str],
    asked_for: Sequence[str],
) -> Answer:
    """Show the question, time the answer, reveal what a strong one covers, take the rating."""
    _show(pack, item, place, today, asked_for)
    hints = [k for k in DRILL_KEYS if can_undo or not k.startswith("u:")]
    keys = DONE_KEYS | {"s", "q"} | ({"u"} if can_undo else set())
    box = item.question.minutes * 60

    def status(spent: float, keys: bool) -> list[str]:
        """The clock, told shorter where the line is short (its box's spaces, then the box)
        so that the key to reveal and the way out fit beside it; on a line too short for
        those with any clock, the keys alone (`keys_first`). The clock alone (`keys` False,
        the answer given) takes the whole line: "1:12/4:00" at 40 columns was kept so."""
        over = " over" if spent > box else ""
        clocks = [f"{clock(spent)}{c}{over}" for c in (f" / {clock(box)}", f"/{clock(box)}", "")]
        room = columns() - 4 - (len(f" · {hints[0]} · {hints[-1]}") if keys else 0)
        return [next((c for c in clocks if len(c) <= room), clocks[0]), *hints]

    key, seconds = timed_answer(fd, status, keys, keys_first=True)
    if key in ("s", "q", "u"):
        return key, seconds
    reveal(pack, item, note, stories)
    return rating(fd, "quit", can_undo=can_undo), seconds


def reveal(pack: Pack, item: Item, note: str | None, stories: Sequence[str]) -> None:
    """What a coach would show after the answer: a section each, in order; the stories linked
    to the question last, beside the outline and the note, as the mock names them."""
    q = item.question
    look = [x for rid in pack.rounds_of(q) for x in pack.round(rid).look_for]
    render.bullets("What the interviewers look for", look)
    answer_guide(q)
    outline_and_note(q, note)
    if stories:
        render.bullets("Your stories for it", list(stories))


def stories_by_question(progress: Progress) -> dict[str, list[str]]:
    """Each question's linked stories, `s4: Letting go of a senior engineer`, in story order."""
    by: dict[str, list[str]] = {}
    for s in progress.stories:
        for qid in s.questions:
            by.setdefault(qid, []).append(story_line(s))
    return by
