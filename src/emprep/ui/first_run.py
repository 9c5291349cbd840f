"""The first run at a terminal: three questions (interview date, track, questions a day), each
skippable, so the plan and the drill fit the candidate from day one. Never asked off a terminal,
and only while there is no progress file: answered or skipped, it is not asked again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from emprep.core.errors import EmprepError
from emprep.core.models import Profile
from emprep.core.pack import Pack
from emprep.core.profile import set_value
from emprep.storage import store
from emprep.ui.output import interactive
from emprep.ui.render import echo, heading


def needed(path: Path) -> bool:
    return interactive() and not path.exists()


def setup(pack: Pack, path: Path, today: date) -> Profile:
    """Ask, save what was answered (the file is created even when all is skipped), and say
    how to change it later."""
    heading("Welcome to emprep: three questions to fit the plan and the drill to you.")
    echo("Enter skips any of them; emprep config set KEY VALUE changes them later.")
    profile = Profile()
    profile = _ask(pack, profile, "interview", prompt="Interview date (YYYY-MM-DD): ", today=today)
    echo("Tracks: " + "; ".join(f"{t.id} ({t.name})" for t in pack.tracks))
    profile = _ask(
        pack, profile, "track", prompt="Your track (Enter: both tracks' questions): ", today=today
    )
    profile = _ask(pack, profile, "count", prompt="Questions a day (Enter: 5): ", today=today)
    saved = store.update(path, lambda p: replace(p, profile=_merged(p.profile, profile)))
    given = [
        f"{k} {getattr(saved.profile, k)}"
        for k in ("interview", "track", "count")
        if getattr(saved.profile, k) is not None
    ]
    echo(f"Saved: {', '.join(given)}." if given else "Nothing set: the defaults apply.")
    echo()
    return saved.profile


def _ask(pack: Pack, profile: Profile, key: str, *, prompt: str, today: date) -> Profile:
    while True:
        answer = input(prompt).strip()
        if not answer:
            return profile
        try:
            return set_value(pack, profile, key, value=answer, today=today)
        except EmprepError as e:
            echo(f"  {e}")


def _merged(old: Profile, new: Profile) -> Profile:
    """What another terminal set meanwhile stays; the answers given here are laid over it."""
    keep = {k: getattr(new, k) for k in ("interview", "track", "count") if getattr(new, k)}
    return replace(old, **keep)
