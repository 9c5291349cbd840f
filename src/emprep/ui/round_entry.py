"""A round that happened, logged: the questions it asked and a note, by options or at the
prompts. Ctrl-C at the prompts keeps the questions already typed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.models import Interview, Progress, Round, blank
from emprep.core.pack import Pack
from emprep.core.parse import parse_date, plain_text
from emprep.core.rounds import asked_questions, log_day, log_round
from emprep.core.settings import Settings, effective
from emprep.core.words import the_round
from emprep.storage import locking, store
from emprep.ui.output import (
    command,
    interactive,
    kept_if_hung_up,
    kept_while_saved,
    said_args,
    say_kept,
)
from emprep.ui.render import echo
from emprep.ui.terminal import (
    Signalled,
    exit_code,
    held_while_saving,
    read_line,
    signals_interrupt,
)


@datatype
class Logged:
    """What `log` saved, whether Ctrl-C cut the prompts short, and whether the round was
    logged for that day already (then added to)."""

    progress: Progress
    settings: Settings
    interrupted: int  # 0, or the exit code: 130 for Ctrl-C, 128 + SIGTERM or SIGHUP
    added: bool = False

    @property
    def interview(self) -> Interview:
        return self.progress.interviews[-1]


def log(
    pack: Pack,
    path: Path,
    now: Callable[[], datetime],
    *,
    round_id: str,
    asked: list[str],
    note: str | None,
    on: str | None,
) -> Logged:
    """Save a round's log: from the options, or asked at a terminal when none are given.
    `on` is the day as typed (`--date`); without it, the round's own date. An empty note is
    no note."""
    r = pack.round(round_id)
    given_empty = note is not None and blank(note)  # `--note ''`: given, with nothing in it
    note = None if blank(note or "") else (note or "").strip()
    s = effective(store.load(path).profile, pack.round_ids)
    today = now().date()
    day = parse_date("--date", on, today) if on is not None else log_day(s, r.id, today)
    if day > today:
        raise EmprepError(
            f"--date: {day} is after today ({today}); log a round once you have had it"
        )
    typed = [a for a in asked if not blank(a)]
    if asked and not typed and note is None:
        raise EmprepError(
            "--asked: the question given is empty; give its id or its words, e.g. "
            f"emprep rounds log {r.id} --asked 'Why this company?'"
        )
    if given_empty and not typed:
        raise EmprepError(
            "--note: the note given is empty, and no question either; give how it went, e.g. "
            f"emprep rounds log {r.id} --note 'Went well', and --asked ID|TEXT for each "
            "question asked (at a terminal, give neither and both are asked)"
        )
    interrupted = 0  # the exit code, once interrupted
    prompted = not typed and note is None
    unentered: list[str] = []  # the line cut short at a prompt, as the options that add it
    if prompted:
        note, interrupted = _prompted(pack, r, path, typed, unentered, day, now)
    with held_while_saving() as came:
        what = asked_questions(pack, typed)
        moment = now()
        added: list[bool] = []

        def change(p: Progress) -> Progress:
            added.append(any(i.round == r.id and i.day == day for i in p.interviews))
            return log_round(p, r.id, day, asked=what, note=note or "", now=moment)

        again = resume_command(r.id, day, typed, note) if prompted else None
        saved = _saved(path, change, again, moment)
    if came:  # Ctrl-C after the last Enter: what was typed is saved all the same
        interrupted = interrupted or exit_code(came[0])
    if interrupted:
        line = "the questions typed are saved"
        if unentered:
            cut = command("rounds", "log", r.id, "--date", str(day), *unentered)
            line += f", the line not entered is not: add it with: {cut}"
            _kept_if_hung_up(path, cut, now())
        with suppress(OSError):
            print(f"\nemprep: interrupted; {line}", file=sys.stderr)
    return Logged(saved, s, interrupted, added[-1])


def _prompted(
    pack: Pack,
    r: Round,
    path: Path,
    typed: list[str],
    unentered: list[str],
    day: date,
    now: Callable[[], datetime],
) -> tuple[str | None, int]:
    """The note typed at the prompts (each question goes into `typed` as it is typed), and the
    exit code of an interruption, 0 for none: Ctrl-C before a question is typed ends the
    command, after one what was typed is kept. A line cut short before Enter goes into
    `unentered` as the options that log it: it may be half a question, so it is not saved, and
    the line that says so gives it back to be run once finished."""
    if not interactive():
        raise EmprepError(
            "not a terminal, so nothing is asked: give --asked ID|TEXT (once per question) "
            "and/or --note TEXT"
        )
    locking.writable(path)
    try:
        with signals_interrupt():
            return prompt_round_log(pack, r, typed, unentered), 0
    except (KeyboardInterrupt, EOFError) as e:
        interrupted = e.code if isinstance(e, Signalled) else ExitStatus.INTERRUPTED
        if not typed and (unentered or isinstance(e, Signalled)):
            line = "emprep: interrupted"
            if unentered:
                cut = command("rounds", "log", r.id, "--date", str(day), *unentered)
                line += f"; nothing is saved, the line not entered too: log it with: {cut}"
                _kept_if_hung_up(path, cut, now())
            with suppress(OSError):  # after SIGHUP the terminal may be gone
                print(f"\n{line}", file=sys.stderr)
            raise SystemExit(interrupted) from None
        if not typed:
            raise KeyboardInterrupt from None
        return None, interrupted


def _kept_if_hung_up(path: Path, cut: str, now: datetime) -> None:
    """The line not entered, the terminal closed: in a draft (`kept_if_hung_up`)."""
    about = (
        "A line typed at `emprep rounds log` and not entered when the terminal closed; it may "
        "be half a question."
    )
    kept_if_hung_up(path, cut, now, kind="round-log", about=about)


def _saved(
    path: Path, change: Callable[[Progress], Progress], again: str | None, now: datetime
) -> Progress:
    """The change saved. What was typed at the prompts is in a draft first, as the command
    that saves it (`again`; options given are in the shell's history), removed once saved: a
    kill as it is saved leaves the draft, which the next `rounds log` names (`say_left`), and
    a failed save names it with the command."""
    if again is None:
        return store.update(path, change)
    about = "What was typed at emprep rounds log's prompts, kept here until it is saved."
    with kept_while_saved(path, again, now, kind=KIND, about=about) as draft:
        try:
            return store.update(path, change)
        except EmprepError as e:
            kept = f"it is kept in {draft}: " if draft else ""
            raise EmprepError(
                f"{e}; what you typed is not saved: {kept}once that is fixed, save it with: {again}"
            ) from None


KIND = "round-log"


def say_left(pack: Pack, path: Path) -> None:
    """Before a round is logged: a draft of one typed at the prompts that a run left (killed
    as it saved it, or a line its closed terminal cut short) is removed if the progress file
    holds what it holds, else named with the command that saves it."""
    try:
        progress = store.load(path) if path.exists() else None
    except EmprepError:  # the command says it, with its fix
        return
    what = (
        "a round's log typed at emprep rounds log that was not saved (emprep ended as it "
        "saved it, or the terminal closed as a line was typed)"
    )
    say_kept(
        path, KIND, what, lambda again: progress is not None and _logged(pack, progress, again)
    )


def _logged(pack: Pack, progress: Progress, again: str) -> bool:
    """Whether `progress` holds the round's log that the command `again` saves."""
    args = said_args(again, "rounds", "log")
    if not args:
        return False
    rid, options = args[0], args[1:]
    given: dict[str, list[str]] = {"--date": [], "--asked": [], "--note": []}
    for option, value in zip(options[::2], options[1::2], strict=False):
        given.setdefault(option, []).append(value)
    try:
        day = date.fromisoformat(given["--date"][0])
        ids, texts = asked_questions(pack, given["--asked"])
    except (IndexError, ValueError, EmprepError):
        return False
    return any(
        i.round == rid
        and i.day == day
        and set(ids) <= set(i.questions)
        and set(texts) <= set(i.asked)
        and all(n in i.note for n in given["--note"])
        for i in progress.interviews
    )


def resume_command(round_id: str, day: date, asked: list[str], note: str | None) -> str:
    """The command that saves what was typed at the prompts, for when their save failed."""
    words = ["rounds", "log", round_id, "--date", str(day)]
    for question in asked:
        words += ["--asked", question]
    return command(*words, *(["--note", note] if note else []))


def prompt_round_log(pack: Pack, r: Round, asked: list[str], unentered: list[str]) -> str:
    """Ask what the round asked, a question a line, then a note; `asked` grows as the person
    answers, so a caller interrupted by Ctrl-C still holds every question typed, and
    `unentered` the line Ctrl-C cut short, as the options that log it (`--asked LINE`)."""
    echo(
        f"What did {the_round(r.name)} ask? One question a line: its id (see emprep rounds {r.id}) "
        "or your own words. An empty line ends the list; Ctrl-C keeps it."
    )

    def cut(option: str) -> Callable[[str], None]:
        """A paste not entered holds a question a line, as one entered does."""
        lines = str.splitlines if option == "--asked" else lambda text: [text]
        return lambda text: unentered.extend(
            word for line in lines(text) if line.strip() for word in (option, line.strip())
        )

    while pasted := read_line(
        f"Question {len(asked) + 1}: ", paste=True, unfinished=cut("--asked")
    ).strip():
        for line in filter(None, (part.strip() for part in pasted.split("\n"))):
            try:
                ids, _ = asked_questions(pack, [line])
            except EmprepError as e:
                echo(f"  {e}")
                continue
            if len(ids) > 1:  # a list of ids on one line: a question each
                asked.extend(ids)
            else:
                asked.append(line)
            for qid in ids:
                echo(f"  from the bank: {pack.question(qid).text}")
            if not ids:
                echo("  in your words")
    while True:
        note = read_line(
            "A note on how it went (Enter for none): ", paste=True, unfinished=cut("--note")
        ).strip()
        try:
            return plain_text("note", note)
        except EmprepError as e:
            echo(f"  {e}")
