"""The session loop of the drill and the mock at a terminal: one question at a time, each
answer saved the moment it is given; Ctrl-C or `q` stops and keeps them all; `u` in the drill
takes the last rating back. The sessions themselves: ui/drill_session.py, ui/mock_session.py."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from emprep.core.errors import EmprepError
from emprep.core.journal import Journal
from emprep.core.models import Progress, Question, stamp
from emprep.core.pack import Pack
from emprep.core.session import Session
from emprep.ui import render
from emprep.ui.text import lines

T = TypeVar("T")
Answer = tuple[str | int, int]  # `q`, `s`, `u` or the rating given; the seconds the answer took


@contextmanager
def stops(session: Session) -> Iterator[None]:
    """Ctrl-C, SIGTERM, SIGHUP or the end of input ends the session; what was saved stays
    saved. The exit code says which (130, or 128 + the signal). A terminal that a hang-up
    took away while an answer was saved fails the next write: that ends it as the hang-up."""
    import signal

    from emprep.ui.pipes import gone
    from emprep.ui.terminal import Signalled

    try:
        yield
    except (KeyboardInterrupt, EOFError) as e:
        session.interrupted = True
        if isinstance(e, Signalled):
            session.signal = e.code - 128
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            sys.stdout.write("\n")
    except OSError as e:
        if not gone(e):
            raise
        session.interrupted, session.signal = True, signal.SIGHUP


class Kept:
    """A session's journal (storage/journal.py), written before each save: an answer whose
    save fails is on disk, and the failure says the command that saves it; removed once the
    session ends with every save made. A journal that cannot be written (a full disk) does not
    stop the session: the save goes on, and if it fails too, `failed` says what to run."""

    def __init__(self, path: Path, journal: Journal, now: datetime) -> None:
        self.progress_path = path
        self.journal = journal
        self.now = now
        self.file: Path | None = None
        self.behind = False  # the file lacks the journal's last change

    def put(self, journal: Journal) -> None:
        """`journal` on disk, but for a rating another command took out of the draft since
        this session last wrote it (`emprep undo` in another terminal): that one stays out."""
        from emprep.storage import journal as stored

        try:
            if self.file is None:
                self.file = stored.start(self.progress_path, journal, self.now)
            else:
                journal = stored.rewrite(self.progress_path, self.file, self.journal, journal)
            self.behind = False
        except EmprepError:
            self.behind = True
        self.journal = journal

    def failed(self, e: EmprepError, instead: str | None) -> EmprepError:
        """`e`, the failed save, with where the session's answers are and the command that
        saves what the progress file lacks; `instead` when the journal could not be written."""
        if self.file is None or self.behind:
            return EmprepError(f"{e}; {instead}") if instead else e
        from emprep.ui.output import command

        kind = self.journal.kind
        again = command(kind, "--resume", str(self.file))
        return EmprepError(
            f"{e}; the {kind}'s answers are kept in {self.file}: once that is fixed, save what "
            f"the file lacks with: {again}"
        )

    def done(self) -> None:
        """Every answer is in the progress file: the journal goes. One that cannot be removed
        (its folder made read-only meanwhile) is said, not a failure: nothing is lost."""
        if self.file is not None:
            from emprep.storage import journal as stored

            why = stored.discard(self.file)
            if why is not None:
                render.echo(
                    f"The draft {self.file} is left as it is: {why}; all it holds is in the "
                    "progress file."
                )


def ask_each(
    session: Session,
    items: list[T],
    ask: Callable[[int, T, bool], Answer],
    *,
    save: Callable[[T, int, int], Progress],
    time_up: Callable[[], bool] = lambda: False,
    take_back: Callable[[T, int, int], Progress] | None = None,
    skipped: str = "Skipped: not rated.",
) -> bool:
    """Ask every item until `q` or the time is up: a rating is saved at once, `s` skips (and
    says `skipped`), and `u` (when `take_back` is given) undoes the last rating and asks that
    item again. True when every item was asked."""
    given: list[tuple[int, int, int]] = []  # (item, rating, seconds) of each rating
    i = 0
    while i < len(items):
        answer, seconds = ask(i + 1, items[i], take_back is not None and bool(given))
        if answer == "q":
            return False
        if answer == "u" and take_back is not None and given:
            k, rated, spent = given.pop()
            session.unrate(rated, spent, take_back(items[k], rated, spent))
            i = k
            continue
        if isinstance(answer, int):
            session.rate(answer, seconds, save(items[i], answer, seconds))
            given.append((i, answer, seconds))
        else:
            session.skipped += 1
            render.echo(skipped)
        i += 1
        if time_up() and i < len(items):
            render.echo("Time is up for the round.")
            return False
    return True


def carried(pack: Pack, change: Callable[[Progress], Progress]) -> Callable[[Progress], Progress]:
    """`change` applied after merged questions' reviews are carried to their heirs."""
    return lambda progress: change(pack.carry(progress))


def outline_and_note(q: Question, note: str | None) -> None:
    """The pack's answer outline, then the candidate's own note (`emprep note`) beside it."""
    from emprep.ui.screens.questions import answer_outline

    answer_outline(q)
    show_note(note)


def show_note(note: str | None) -> None:
    if note:
        render.heading("Your note")
        for line in lines(note):
            render.echo(f"  {line}")
        render.echo()


def say_left(path: Path, kind: str) -> None:
    """Before a session: the drafts of sessions that did not end, and the command that saves
    what they hold (an answer whose save a kill cut short is there alone)."""
    from emprep.storage import journal as stored
    from emprep.storage.files import shell_word
    from emprep.ui.output import command, note

    given_again = (
        f"{command('mock', '--continue')} asks again what the mock lacks"
        if kind == "mock"
        else f"give it again ({command('review', 'ID', 'RATING')})"
    )
    for temp, draft in stored.drop_empty(path, kind):
        note(
            f"{temp}, a rewrite of {draft}, was empty: a kill cut it short before anything was "
            "written in it, so the answer given at that moment is not in the progress file; "
            f"{given_again}. The empty file is removed"
        )
    for draft in stored.drop_empty_drafts(path, kind):
        note(
            f"{draft} was empty: a kill cut the {kind} short as it made it, before anything was "
            "written in it, so the answer given at that moment is not in the progress file; "
            f"{given_again}. The empty file is removed"
        )
    for draft in stored.left(path, kind):
        again = command(kind, "--resume", str(draft))
        note(
            f"{draft} holds the answers of a {kind} that did not end (killed, or running in "
            f"another terminal); {again} saves what the file lacks"
        )
    for temp, draft in stored.cut_short(path, kind):
        again = (
            f"{command('mock', '--continue')} asks again what the mock lacks"
            if kind == "mock"
            else f"save that answer with {command('review', 'ID', 'RATING')} if the progress "
            "file lacks it"
        )
        note(
            f"{temp} is a rewrite of {draft} that a kill cut short: the answer given at that "
            f"moment may be at its end, not saved; read it, {again}, then remove it "
            f"(rm {shell_word(str(temp))})"
        )


def left_of(
    pack: Pack, path: Path, progress: Progress, round_id: str | None, *, now: Callable[[], datetime]
) -> list[tuple[Path, Journal]]:
    """The drafts that runs of mocks the file holds unfinished (of `round_id`, when given)
    left, killed mid-way, each read and named by the pack's ids: what `mock --continue` counts
    before it chooses, as an answer or the scores whose save the kill cut short are there
    alone. One that cannot be read or saved stays, named by `say_left`."""
    from emprep.core.journal import not_ahead
    from emprep.storage import journal as stored

    begun = {(m.round, m.at) for m in progress.mocks if not m.finished}
    found = []
    for draft in stored.left(path, "mock"):
        try:
            kept = _in_pack(pack, stored.read(draft, "mock"), draft)
            not_ahead(kept, now())
        except EmprepError:
            continue
        m = kept.mock
        if m is not None and (m.round, stamp(m.at)) in begun and round_id in (None, m.round):
            found.append((draft, kept))
    return found


def with_left(pack: Pack, progress: Progress, left: list[tuple[Path, Journal]]) -> Progress:
    """`progress` with what the drafts hold and it lacks, merged as `--resume` saves it, in
    memory: what a listing shows of the mock the run goes on with, nothing written."""
    from emprep.core.journal import replay

    for _, kept in left:
        with suppress(EmprepError):
            progress, _ = replay(pack.carry(progress), kept)
    return progress


def take_in(
    pack: Pack, path: Path, left: list[tuple[Path, Journal]], *, now: Callable[[], datetime]
) -> None:
    """Before a mock goes on: the drafts `left_of` found saved as `--resume` saves them, and
    removed; the mock then goes on from every answer given, with one draft, its own."""
    for draft, _ in left:
        with suppress(EmprepError):
            resume(pack, path, draft, "mock", now=now)


def resume(pack: Pack, path: Path, draft: Path, kind: str, *, now: Callable[[], datetime]) -> None:
    """`--resume DRAFT`: what a session's journal holds and the progress file lacks, saved
    (nothing twice), said, and the journal removed once it is all in the file."""
    from emprep.core.journal import Replayed, not_ahead, replay
    from emprep.storage import journal as stored
    from emprep.storage import store
    from emprep.ui.text import plural

    stored.fold(path)  # a rewrite of it a kill cut off, with the answer given then
    draft = stored.folded(draft)
    journal = stored.read(draft, kind)
    if journal.kind != kind:
        from emprep.ui.output import command

        again = command(journal.kind, "--resume", str(draft))
        raise EmprepError(f"--resume {draft}: is a {journal.kind}'s draft; save it with: {again}")
    kept = _in_pack(pack, journal, draft)
    try:
        not_ahead(kept, now())
    except EmprepError as e:
        raise EmprepError(f"--resume {draft}: {e}") from None
    done: list[Replayed] = []

    def change(progress: Progress) -> Progress:
        try:
            new, did = replay(pack.carry(progress), kept)
        except EmprepError as e:
            raise EmprepError(f"--resume {draft}: {e}") from None
        done.append(did)
        return new

    store.update(path, change)
    did = done[-1]
    word = "answer" if kept.mock else "rating"
    saved = [f"{plural(len(did.saved), word)} ({', '.join(did.saved)})"] if did.saved else []
    if kept.mock and did.mock_added:
        saved.insert(0, f"the mock of {pack.round(kept.mock.round).name} begun {kept.mock.at}")
    if did.scores_saved:
        saved.append("its scores")
    if saved:
        render.echo(f"Saved from the draft: {', '.join(saved)}.")
    if did.held:
        render.echo(f"Already in the progress file: {plural(did.held, word)}.")
    for qid in did.passed:
        render.echo(f"Left out: {qid}, rated again since (a review cannot go before the last).")
    why = stored.discard(draft)
    if why is None:
        render.echo(f"The draft {draft} is removed.")
    else:
        render.echo(
            f"The draft {draft} is left as it is: {why}; all it holds is in the progress file."
        )


def _in_pack(pack: Pack, kept: Journal, draft: Path) -> Journal:
    """The journal with its questions and round named by the pack's ids (a hand edit may have
    written one as a person types it, `EXE-SCAL`), before any change; one the pack lacks is
    refused: the session was taken with another pack."""
    from dataclasses import replace

    from emprep.core.mock import foreign

    ratings = []
    for r in kept.ratings:
        try:
            ratings.append(replace(r, question=pack.question(r.question).id))
        except EmprepError:
            raise EmprepError(
                f"--resume {draft}: its rating of {r.question!r} names no question of the loop "
                f"pack in use; resume it with the pack the {kept.kind} was taken with (--data "
                "DIR, or none for the built-in one), or take that rating out of the draft"
            ) from None
    mock = kept.mock
    if mock is not None:
        try:
            loop_round = pack.round(mock.round)
        except EmprepError as e:
            raise EmprepError(f"--resume {draft}: {e}") from None
        unnamed = [c for c in mock.scores if c not in loop_round.criteria]
        unnamed += [x for x in mock.rejections if x not in loop_round.rejection_reasons]
        if unnamed:
            raise EmprepError(
                f"--resume {draft}: its mock scores {unnamed[0]!r}, which the {loop_round.id} "
                "round of the loop pack in use does not name; resume it with the pack the mock "
                "was taken with (--data DIR, or none for the built-in one)"
            )
        mock = replace(mock, round=loop_round.id)
        asked = foreign(pack, mock, [r.question for r in kept.ratings])
        if asked is not None:
            raise EmprepError(
                f"--resume {draft}: its mock's {asked[0]} hold {asked[1]!r}, which the "
                f"{loop_round.id} round of the loop pack in use does not ask (edited by hand?); "
                "take it out of the draft, or resume it with the pack the mock was taken with "
                "(--data DIR, or none for the built-in one)"
            )
    return replace(kept, ratings=ratings, mock=mock)
