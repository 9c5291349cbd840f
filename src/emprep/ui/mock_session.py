"""A timed mock round at a terminal: the round's introduction, its questions against the round's
clock, then a score per criterion and the reasons for rejection that applied."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from functools import partial
from pathlib import Path

from emprep.core import journal, mock
from emprep.core.errors import EmprepError
from emprep.core.journal import Journal
from emprep.core.mock import MockItem, MockPlan
from emprep.core.models import Mock, Progress, Round, stamp
from emprep.core.pack import Pack
from emprep.core.scheduler import RATING_NAMES
from emprep.core.session import Session
from emprep.storage import locking, store
from emprep.ui import held, render
from emprep.ui.answer_line import DONE_KEYS, LiveLine, columns, key_name, rating, timed_answer
from emprep.ui.interactive import Answer, Kept, ask_each, carried, outline_and_note, stops
from emprep.ui.screens.questions import answer_guide, story_line
from emprep.ui.terminal import LEFT, PASTE, cbreak, fitted, prompt, read_key, wait_for
from emprep.ui.text import clock
from emprep.ui.wrap import GLUE

ESC = "\x1b"
BACK = {"\x7f", "\x08", "b", LEFT}


def run_mock(
    pack: Pack,
    plan: MockPlan,
    path: Path,
    *,
    now: Callable[[], datetime],
    notes: dict[str, str] | None = None,
    begun: Mock | None = None,
) -> Session:
    """Introduce the round, ask its questions against the clock, then take the self-scores.
    Each step is saved when it happens; Ctrl-C stops and keeps them. A file that could not be
    saved to is said before the introduction, not once the candidate is ready to start.
    `begun`, a mock left part way, gets the plan's questions (those it lacks) and its scores."""
    locking.writable(path)
    session = Session()
    mine = notes or {}
    with stops(session), cbreak() as fd:
        _mock_intro(plan, begun, now().tzinfo or UTC)
        # with every question answered no clock runs: space goes to the scores
        prompt(f"space: {'start the clock' if plan.items else 'the scores'} · q: quit ")
        if wait_for(fd, DONE_KEYS | {"q"}) == "q":
            return session
        if begun is None:
            session.progress = store.update(path, partial(mock.start, plan=plan, now=now()))
            begun = session.progress.mocks[-1]
        session.started = True
        round_started = held.running()
        began = begun.at  # its name in the file: a second on if another mock had its own
        kept = Kept(path, Journal("mock", mock=begun), began)

        def save(item: MockItem, answer: int, seconds: int) -> Progress:
            qid = item.question.id
            moment = now()
            kept.put(journal.rated(kept.journal, qid, answer, seconds=seconds, at=moment))
            change = partial(
                mock.answer, at=began, question_id=qid, rating=answer, seconds=seconds, now=moment
            )
            name = RATING_NAMES[answer]
            try:
                saved = store.update(path, carried(pack, change))
            except EmprepError as e:  # the file broken by hand meanwhile, a full disk...
                raise kept.failed(e, f"your answer to {qid} ({name}) is not saved") from None
            render.echo(f"Saved: {name}.", style=render.STYLES[name])
            return saved

        def ask(n: int, item: MockItem, _: bool) -> Answer:
            return _mock_question(
                fd, plan, item, n=n, round_started=round_started, note=mine.get(item.question.id)
            )

        def time_up() -> bool:
            return held.running() - round_started >= plan.minutes * 60

        asked = ask_each(session, plan.items, ask, save=save, time_up=time_up)
        if asked and plan.items and not time_up():
            _your_questions(fd, plan, round_started)
        _score(fd, plan, path, kept=kept, session=session, begun=begun, now=now)
    if session.started:
        kept.done()
    return session


def _score(
    fd: int,
    plan: MockPlan,
    path: Path,
    *,
    kept: Kept,
    session: Session,
    begun: Mock,
    now: Callable[[], datetime],
) -> None:
    """The self-scores and the reasons for rejection that applied, saved with the mock; a mock
    left unscored keeps its answers, and Ctrl-C part way keeps the scores already given. A mock
    gone on with starts from the scores and ticks it saved: it asks the rest, and keeps them."""
    scores = dict(begun.scores)
    ticked = list(begun.rejections)
    try:
        if not _self_scores(fd, plan.round, scores):
            if scores != begun.scores:  # given here, then q or Esc: kept, as Ctrl-C keeps them
                session.scores, session.rejections = scores, ticked
                _save_scores(path, kept, session, finished=False, now=now())
                render.echo("Left part way: the scores given are saved.")
                return
            what = "the scores saved before are kept" if begun.scores else "the answers are saved"
            saved = session.rated or begun.answers or begun.scores
            render.echo(f"Left unscored: {what}." if saved else "Left unscored.")
            return
        _rejections(fd, plan.round, ticked)
    except (KeyboardInterrupt, EOFError):
        if scores:
            session.scores = scores
            session.rejections = ticked
            _save_scores(path, kept, session, finished=False, now=now())
        raise
    session.scores, session.rejections = scores, ticked
    _save_scores(path, kept, session, finished=True, now=now())
    session.finished = True


def _save_scores(
    path: Path, kept: Kept, session: Session, *, finished: bool, now: datetime
) -> None:
    """The session's scores and ticks, given at `now`, into the journal, then into the mock's
    record."""
    begun = kept.journal.mock
    assert begun is not None  # a mock's journal holds its mock
    scores, ticked = session.scores, session.rejections
    at = stamp(now).astimezone(now.tzinfo)  # in the zone they were given in (`day_given`)
    kept.put(
        replace(
            kept.journal,
            mock=replace(begun, scores=scores, rejections=ticked, finished=finished, scored=at),
        )
    )
    done = partial(
        mock.finish, at=begun.at, scores=scores, rejections=ticked, finished=finished, now=at
    )
    try:
        session.progress = store.update(path, done)
    except EmprepError as e:
        raise kept.failed(e, "the scores are not saved") from None


def _mock_intro(plan: MockPlan, begun: Mock | None, tz: tzinfo) -> None:
    from emprep.ui.screens.mock import going_on, slots_said

    r = plan.round
    render.heading(f"Mock: {r.name}, {plan.minutes} min")
    if begun is not None:
        render.echo(going_on(begun, plan, tz))
    render.echo(f"Interviewer: {r.interviewer}")
    render.echo(r.summary)
    render.echo()
    render.bullets("What they look for", r.look_for)
    render.bullets("What they score", r.criteria)
    if not plan.items:
        render.echo("Every question has its answer: space goes on to the scores.")
        return
    render.echo(
        f"{slots_said(plan)}. Answer aloud, as in the room, and press space when you are done "
        "(s skips a question, p pauses the clocks, q ends the questions)."
    )


MOCK_KEYS = ["space: done", "s: skip", "p: pause", "q: end the round"]


class MockClock:
    """The live line of a mock answer, against the question's time box (`box` seconds) as the
    reveal then says it ("You took 4:10 of its 4-minute time box") and the drill shows it;
    when the round's time is up it says so and the clocks stop there, the line drawn as it
    stood (for the terminal's width as it is), "space: done" left out once the answer is
    given (`keys` False), as every hint is. `label` names what is timed: an answer, or the
    candidate's own questions (which cannot be skipped). On a narrow terminal the round's
    clock is said shorter ("11:56 left"), then without the label ("0:12/5:00 · 19:48 left ·
    space: done" at 40 columns, where the line had no room for the key), so the line is never
    cut inside a clock and says how to end the answer where it can."""

    def __init__(
        self, plan: MockPlan, round_started: float, box: int, *, label: str = "answer"
    ) -> None:
        self.plan, self.round_started, self.box, self.label = plan, round_started, box, label
        self.keys = MOCK_KEYS if label == "answer" else [k for k in MOCK_KEYS if k != "s: skip"]
        self.up: float | None = None  # the answer's seconds when the round's time ran out

    def __call__(self, spent: float, hints: bool) -> list[str]:
        left = self.plan.minutes * 60 - (held.running() - self.round_started)
        if self.up is None and left <= 0:
            self.up = max(0.0, spent + left)  # the moment it ran out, not the tick that saw it
        spent = spent if self.up is None else self.up
        over = " over" if spent > self.box else ""
        timed = f"{clock(spent)}/{clock(self.box)}{over}"
        answer = f"{self.label} {timed}"
        room = columns() - 4
        if self.up is not None:
            done = ["space: done"] if hints else []
            up = f"{answer} · time is up"
            return [told([up], done, room, bare=[f"{timed} · time is up"]) or up, *done]
        # narrower, not cut at the edge: the round's word goes first, then its clock, then
        # the label, where that leaves room for the key that ends the answer
        wait = clock(left)
        clocks = [f"{answer} · round {wait} left", f"{answer} · {wait} left"]
        keys = self.keys if hints else []
        return [told(clocks, keys, room, bare=[f"{timed} · {wait} left"]) or answer, *self.keys]

    def taken(self, seconds: int) -> int:
        """The answer's seconds, up to the moment the round's time ran out: the round is over
        then, as the line's clocks say, and the seconds after (reading "time is up", pressing
        space) are no answer's ("You took 3:06" under a line standing at 3:01)."""
        return seconds if self.up is None else min(seconds, int(self.up))


def told(clocks: list[str], keys: list[str], room: int, *, bare: Sequence[str] = ()) -> str | None:
    """The first of `clocks` that leaves room beside it for the key that ends the answer and
    the way out, else for that key alone, else one of `bare` (the clocks without their
    label) beside that key, else the first of `clocks` that fits by itself (None where none
    does): the longest clock that fitted alone took the room, so at 50 columns the line said
    "s: skip" and not how to end the answer, at 70 not how to end the round, and at 40 no key
    at all. No `keys` (the answer given, the line the clock alone): the first that fits, the
    round's word kept."""
    if keys:
        both, first = f" · {keys[0]} · {keys[-1]}", f" · {keys[0]}"
        tried = [(c, both) for c in clocks] + [(c, first) for c in [*clocks, *bare]]
        fitting = next((c for c, need in tried if len(c + need) <= room), None)
        if fitting is not None:
            return fitting
    return next((c for c in clocks if len(c) <= room), None)


def _your_questions(fd: int, plan: MockPlan, round_started: float) -> None:
    """The minutes no question's slot takes (`plan.spare`), as the introduction said: the
    candidate's own questions to the interviewer, timed, as the real round ends."""
    if not plan.spare:
        return
    render.echo()
    render.heading("Your questions for the interviewer")
    render.echo(
        "Ask the questions you prepared for the interviewer aloud, as at the end of the real "
        "round, and press space when you are done."
    )
    render.echo()
    timed_answer(
        fd, MockClock(plan, round_started, plan.spare, label="questions"), DONE_KEYS | {"q"}
    )


def _mock_question(
    fd: int, plan: MockPlan, item: MockItem, *, n: int, round_started: float, note: str | None
) -> Answer:
    """Show the question, time the answer against the round, show the stories and points."""
    q = item.question
    state = "unseen" if item.recall is None else f"{item.kind}, recall now {item.recall:.0%}"
    render.echo()
    render.heading(f"[{n}/{len(plan.items)}] {plan.round.name}")
    render.echo(state, style=render.STYLES[item.kind])
    render.echo()
    render.echo(f"  {q.text}", style="bold")
    render.echo()
    box = q.minutes * 60
    line = MockClock(plan, round_started, box)
    key, seconds = timed_answer(fd, line)
    seconds = line.taken(seconds)
    if key in ("s", "q"):
        return key, seconds
    over = f", {clock(seconds - box)} over" if seconds > box else ""
    render.echo(f"You took {clock(seconds)} of its {q.minutes}-minute time box{over}.")
    render.echo()
    mock_reveal(item, note)
    return rating(fd, "end"), seconds


def mock_reveal(item: MockItem, note: str | None) -> None:
    """After a mock answer: the candidate's stories for it, the points, their note."""
    q = item.question
    if item.stories:
        render.bullets("Your stories for it", [story_line(s) for s in item.stories])
    else:
        render.echo(f"No story answers it yet: emprep story link ID {q.id}")
        render.echo()
    answer_guide(q)
    outline_and_note(q, note)


def _self_scores(fd: int, r: Round, scores: dict[str, int]) -> bool:
    """A score 1-5 per criterion, into `scores` as each is given; Backspace (b, Left) goes back
    to correct the one before; q or Esc stops there (False), the scores given kept: they were
    typed, and Esc may be an arrow key's first byte come alone; Enter without a score
    says what is needed, and keeps one saved before; a key typed that is no score (a 6 or a 0
    from a habit of scoring out of ten, or keys that come in one read: a paste) is said to be
    none, as the drill's rating line does, while an arrow or another key sent as a sequence is
    left alone. `scores` saved before are shown, and the asking starts at the first criterion
    without one."""
    render.echo()
    render.heading("Score yourself on what the interviewers score: 1 (poor) to 5 (strong)")
    render.echo(
        "  Backspace, b or Left: back to the one before · q or Esc: stop, the scores given kept"
    )
    k = next((n for n, c in enumerate(r.criteria) if c not in scores), len(r.criteria))
    for c in r.criteria[:k]:
        render.echo(f"  {c} [1-5]: {scores[c]} (saved)")
    while k < len(r.criteria):
        saved = scores.get(r.criteria[k])
        # the scale goes down with the criterion's last word, not alone to a line of its own
        scale = f"[1-5{'' if saved is None else f', Enter keeps {saved}'}]: "
        ask = f"  {r.criteria[k]}{GLUE}{scale}"
        shown = fitted(ask)
        prompt(shown)
        key = read_key(fd)
        while key not in {"1", "2", "3", "4", "5", "q", ESC, "\n", "\r", *BACK}:
            if key == PASTE or (len(key) == 1 and (key.isprintable() or key == "\t")):
                _beside(shown, f"{key_name(key)} is not a score: 1 (poor) to 5 (strong)")
                shown = fitted(ask)
                prompt(shown)
            key = read_key(fd)
        if key in ("q", ESC):
            sys.stdout.write("\n")
            return False
        if key in ("\n", "\r") and saved is not None:
            sys.stdout.write(f"{saved}\n")
            k += 1
        elif key in ("\n", "\r"):
            sys.stdout.write("a score 1-5 is needed\n")
        elif key in BACK:
            k = max(0, k - 1)
            sys.stdout.write("back\n")
        else:
            sys.stdout.write(f"{key}\n")
            scores[r.criteria[k]] = int(key)
            k += 1
    return True


def _beside(shown: str, hint: str) -> None:
    """`hint` after the prompt `shown` where its line holds both, else under it, wrapped at
    its words: at 40 columns "'7' is not a score: ..." was cut where the terminal's edge fell
    ("  Technical leadership [1-5]: '7' is not" over " a score: 1 (poor) to 5 (strong)")."""
    from rich.cells import cell_len

    if cell_len(shown + hint) <= render.width():
        sys.stdout.write(hint + "\n")
        return
    sys.stdout.write("\n")
    for line in render.wrapped(f"  {hint}"):
        sys.stdout.write(line + "\n")


def _rejections(fd: int, r: Round, reasons: list[str]) -> None:
    """Tick the reasons that applied, into `reasons` as they are ticked: a number ticks or
    unticks, Enter (or q, Esc) is done; the one line redraws in place, and for the terminal's
    width when it is resized."""
    render.echo()
    render.heading("Common reasons for rejection: which applied to this mock?")
    for n, reason in enumerate(r.rejection_reasons, start=1):
        render.echo(f"  {n}. {reason}")
    ticked = [r.rejection_reasons.index(x) + 1 for x in reasons if x in r.rejection_reasons]
    keys = {str(n) for n in range(1, len(r.rejection_reasons) + 1)}
    line = LiveLine()
    while True:
        listed = ", ".join(str(n) for n in sorted(ticked)) or "none"
        line.draw([f"Ticked: {listed}", "a number ticks or unticks", "Enter: done"])
        key = read_key(fd, line.refit)
        if key in ("\n", "\r", "q", ESC):
            line.end()
            return
        if key in keys:
            n = int(key)
            ticked = [x for x in ticked if x != n] if n in ticked else [*ticked, n]
            reasons[:] = [r.rejection_reasons[k - 1] for k in sorted(ticked)]
