"""The first run at a terminal: three questions (interview date, track, questions a day), each
skippable, so the plan and the drill fit the candidate from day one. Never asked off a terminal,
and only while there is no progress file: answered or skipped, it is not asked again."""

from __future__ import annotations

import sys
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path

from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.models import Profile
from emprep.core.pack import Pack
from emprep.core.profile import set_value
from emprep.storage import locking, store
from emprep.ui.output import (
    command,
    interactive,
    kept_if_hung_up,
    kept_while_saved,
    said_args,
    say_kept,
)
from emprep.ui.render import echo, heading
from emprep.ui.terminal import (
    Signalled,
    exit_code,
    held_while_saving,
    read_line,
    signals_interrupt,
)


def needed(path: Path) -> bool:
    return interactive() and not path.exists()


def setup(pack: Pack, path: Path, now: datetime) -> Profile:
    """Ask, save what was answered (the file is created even when all is skipped), and say
    how to change it later. Ctrl-C (or Ctrl-D, SIGTERM, SIGHUP) keeps the answers given
    before it; an answer typed and not entered, which may be half typed (`2027-01-1`), is not
    saved but given back in the command that saves it once finished, as `rounds log` gives
    back its line. Nothing is asked where the answers could not be saved (a folder that cannot
    be made or written): the command goes on without them (`drill` then says why it cannot
    save, `today` needs no file), and they are asked once the file can be written."""
    try:
        locking.writable(path)
    except EmprepError:
        return Profile()
    heading("Welcome to emprep: three questions to fit the plan and the drill to you.")
    echo("Enter skips any of them; emprep config set KEY VALUE changes them later.")
    answers = [Profile()]  # the answers so far, last: what Ctrl-C keeps
    unentered: list[str] = []  # the command that saves the answer cut short, if one was
    try:
        with signals_interrupt():
            _ask_all(pack, answers, unentered, now.date())
    except (KeyboardInterrupt, EOFError) as e:  # Ctrl-C, or Ctrl-D at a prompt
        code = e.code if isinstance(e, Signalled) else ExitStatus.INTERRUPTED
        said = "\nemprep: interrupted"
        if answers[-1] != Profile():
            kept = _given(_save(path, answers[-1], now))
            said += f"; saved what was answered: {', '.join(kept)}"
            if unentered:
                said += f"; the answer not entered is not: save it with: {unentered[0]}"
            said += "; the rest later with emprep config set KEY VALUE"
        elif unentered:
            said += f"; nothing is saved, the answer not entered too: save it with: {unentered[0]}"
        elif not isinstance(e, Signalled):
            raise
        if unentered:
            about = (
                "An answer typed at emprep's first questions and not entered when the terminal "
                "closed; it may be half typed."
            )
            kept_if_hung_up(path, unentered[0], now, kind="first-run", about=about)
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            print(said, file=sys.stderr)
        raise SystemExit(code) from None  # said: not once more
    with held_while_saving() as came:  # a Ctrl-C just after the last Enter cut the save short
        saved = _save(path, answers[-1], now)
    given = _given(saved)
    if came:
        what = f"; saved what was answered: {', '.join(given)}" if given else ""
        with suppress(OSError):
            print(f"\nemprep: interrupted{what}", file=sys.stderr)
        raise SystemExit(exit_code(came[0]))
    echo(f"Saved: {', '.join(given)}." if given else "Nothing set: the defaults apply.")
    echo()
    return saved


def _ask_all(pack: Pack, answers: list[Profile], unentered: list[str], today: date) -> None:
    """The three questions in turn, each answer laid over the last in `answers`: what
    Ctrl-C (or a hang-up) in a later one keeps."""
    ask = partial(_ask, pack, unentered, today=today)
    answers.append(ask(answers[-1], "interview", prompt="Interview date (YYYY-MM-DD): "))
    # a line a track, its id as a label: a name with its own parentheses ("Major Tech Hubs
    # (e.g., ...)") read badly inside another pair
    echo("Tracks:")
    width = max(len(t.id) for t in pack.tracks) + 2
    for t in pack.tracks:
        echo(f"  {t.id + ':':<{width}}{t.name}", hang=2 + width)
    answers.append(ask(answers[-1], "track", prompt="Your track (Enter: both tracks' questions): "))
    answers.append(ask(answers[-1], "count", prompt="Questions a day (Enter: 5): "))


def _save(path: Path, answered: Profile, now: datetime) -> Profile:
    """The answers laid over the file's profile, saved. They are in a draft first
    (drafts/first-run-DATE-TIME.txt, the commands that save them), removed once they are
    saved: emprep killed as it saves them (a SIGKILL, a crash) leaves the draft, which the
    next `today` or `drill` names (`say_left`). If the save fails (a file made meanwhile that
    does not load, a full disk), the message gives the draft and the commands."""
    again = " && ".join(command("config", "set", *k.split(" ", 1)) for k in _given(answered))
    if not again:
        return store.update(
            path, lambda p: replace(p, profile=_merged(p.profile, answered))
        ).profile
    with kept_while_saved(path, again, now, kind=KIND, about=_ABOUT) as draft:
        try:
            saved = store.update(path, lambda p: replace(p, profile=_merged(p.profile, answered)))
        except EmprepError as e:
            kept = f"it is kept in {draft}: " if draft else ""
            raise EmprepError(
                f"{e}; what you answered is not saved: {kept}once that is fixed, save it "
                f"with: {again}"
            ) from None
    return saved.profile


KIND = "first-run"
_ABOUT = "The answers given at emprep's first questions, kept here until they are saved."


def say_left(pack: Pack, path: Path, today: date) -> None:
    """Before the first questions are asked, or `today` or `drill` shown: a draft of their
    answers left by a run killed as it saved them (or a line a closed terminal cut short) is
    removed if the progress file holds what it holds, else named with the commands that save
    it, so that what was typed is not lost unsaid."""

    @cache
    def profile() -> Profile | None:
        try:
            return store.load(path).profile if path.exists() else Profile()
        except EmprepError:  # the command says it, with its fix
            return None

    def saved(again: str) -> bool:
        held = profile()
        return held is not None and _holds(pack, held, again, today)

    what = (
        "answers to emprep's first questions that were not saved (emprep ended as it saved "
        "them, or the terminal closed as one was typed)"
    )
    say_kept(path, KIND, what, saved)


def _holds(pack: Pack, profile: Profile, commands: str, today: date) -> bool:
    """Whether `profile` holds each value the draft's `config set` commands set."""
    if not commands:
        return False
    for one in commands.split(" && "):
        args = said_args(one, "config", "set")
        if args is None or len(args) < 2:
            return False
        try:
            if set_value(pack, profile, args[0], value=args[1], today=today) != profile:
                return False
        except EmprepError:
            return False
    return True


def _given(profile: Profile) -> list[str]:
    """What the profile holds of the three answers: `interview 2027-01-15`, ..."""
    keys = ("interview", "track", "count")
    return [f"{k} {getattr(profile, k)}" for k in keys if getattr(profile, k) is not None]


def _ask(
    pack: Pack, unentered: list[str], profile: Profile, key: str, *, prompt: str, today: date
) -> Profile:
    """The answer to one question, asked again until it is one; an answer cut short before
    Enter goes into `unentered` as the command that saves it."""

    def cut(text: str) -> None:
        unentered[:] = [command("config", "set", key, text.strip())]

    while True:
        answer = read_line(prompt, unfinished=cut).strip()
        if not answer:
            return profile
        try:
            new = set_value(pack, profile, key, value=answer, today=today)
        except EmprepError as e:
            # the example is the answer this prompt takes, not the command that saves it later:
            # "try emprep config set count 5" typed here was refused as no number
            echo(f"  {str(e).replace(f'emprep config set {key} ', '')}")
            continue
        if key == "interview" and new.interview is not None and new.interview < today:
            echo(f"  interview: {new.interview} is before today ({today}); give a date ahead")
            continue
        return new


def _merged(old: Profile, new: Profile) -> Profile:
    """What another terminal set meanwhile stays; the answers given here are laid over it."""
    keep = {k: getattr(new, k) for k in ("interview", "track", "count") if getattr(new, k)}
    return replace(old, **keep)
