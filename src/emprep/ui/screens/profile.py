"""`emprep config`: the profile, with the defaults in effect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.core.models import Profile, Progress
from emprep.ui.render import echo, names_whole

if TYPE_CHECKING:
    from emprep.core.rounds import RoundDate


def as_written(v: object) -> str:
    """A profile value as a person would write it: 5, not 5.0."""
    if v is None:
        return "(not set)"
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return f"{v:g}" if isinstance(v, float) else str(v)


def _defaults() -> dict[str, str]:
    """What each key not set means, as `config show` and `config unset` say it."""
    from emprep.core.planner import DEFAULT_HOURS
    from emprep.core.scheduler import DEFAULT_COUNT

    return {
        "start": "the first practice day, else the next one",
        "hours": f"{DEFAULT_HOURS:g} a week",
        "track": "both tracks' questions",
        "count": f"{DEFAULT_COUNT} a day",
        "rest-days": "none: every day is a practice day",
    }


def unset_message(profile: Profile, key: str, *, was_set: bool = True) -> str:
    """What unsetting `key` leaves in effect: "hours is not set" alone did not say. A key
    that `was_set` not is said so ("was not set"): a typo of another key shows there."""
    said = f"{key} {'is' if was_set else 'was'} not set"
    if "." not in key:
        default = _defaults().get(key)
        return said + (f"; the default is in effect: {default}" if default else "")
    if profile.interview is None:
        return f"{said}; the round has no date (interview is not set either)"
    return f"{said}; the round takes the loop's date (interview: {profile.interview})"


def profile_view(progress: Progress, dates: list[RoundDate], path: str) -> None:
    """The profile, and under `interview` each round's date and the key it comes from; a key
    not set shows the default in effect. A loop's date that no round takes (each has its
    own) is said so: it counts nowhere, not even as the loop's last day. From the next loop
    on, its number and each loop put behind, with the ticks kept apart and the start that
    brings them back (`loop_lines`)."""
    profile = progress.profile
    defaults = _defaults()
    width = max(len(d.round.id) for d in dates)
    for key in ("interview", "start", "hours", "track", "count", "rest-days"):
        v = getattr(profile, key.replace("-", "_"))
        shown = (
            as_written(v) if v is not None or key not in defaults else f"default: {defaults[key]}"
        )
        if key == "interview" and v is not None and all(d.source != key for d in dates):
            shown += " (no round takes it: each has its own date)"
        echo(f"{key:<10} {shown}", hang=11)  # a value wrapped goes on under itself
        if key == "interview":
            for d in dates:
                source = f"  from {d.source}" if d.source else ""
                shown = d.hint or f"{as_written(d.date)}{source}"
                echo(f"  {d.round.id:<{width}}  {shown}", hang=width + 4)
    for line in loop_lines(progress):
        echo(line, hang=11)
    echo(f"file       {names_whole(path, 11)}", hang=11, breaks=True)  # cut after a `/`


def loop_lines(progress: Progress) -> list[str]:
    """`loop 2`, and under it each loop put behind (`loops_before`): its days, its plan ticks
    kept apart, and the start that brings them back should it be this loop, its date moved.
    Nothing in a file's first loop."""
    from emprep.core.words import plural

    if progress.loop == 1 and not progress.loops_before:
        return []
    out = [f"loop       {progress.loop} (the calendar's UIDs and name carry it)"]
    for b in progress.loops_before:
        ticks = len(b.done_tasks)
        kept = f"its {plural(ticks, 'plan tick')} kept apart" if ticks else "no plan tick"
        out.append(
            f"  loop {b.loop:<3} {b.start} until {b.until}, {kept} (the same loop, its date "
            f"moved: emprep config set start {b.start} brings {'them' * (ticks > 1) or 'it'} "
            "back)"
        )
    return out
