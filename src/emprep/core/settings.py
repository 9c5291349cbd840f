"""What applies now: the command line's options laid over the profile, then the defaults."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import field
from datetime import date

from emprep.core.datatype import datatype
from emprep.core.models import Profile
from emprep.core.planner import DEFAULT_HOURS
from emprep.core.scheduler import DEFAULT_COUNT


@datatype
class Settings:
    """The profile with the command line's options laid over it. `interview` is the day the
    loop ends (its last round); `date_of` gives each round's own day."""

    interview: date | None
    start: date | None
    hours: float
    track: str | None
    count: int
    rest_days: list[str] = field(default_factory=list)  # weekday names: mon ... sun
    loop_date: date | None = None  # the day of every round without one of its own
    round_dates: dict[str, date] = field(default_factory=dict)  # interview.ROUND
    undated: list[str] = field(default_factory=list)  # the pack's rounds with no date yet
    # the hours a week that held before each day, oldest first: the profile's `hours_before`,
    # none when the command line gives the hours (a plan at those hours throughout)
    hours_before: list[tuple[date, float]] = field(default_factory=list)

    def date_of(self, rid: str) -> date | None:
        return self.round_dates.get(rid, self.loop_date)

    def round_days(self, rids: Collection[str]) -> frozenset[date]:
        """The days a round of `rids` is on: no rest day, its drill the round's warm-up."""
        return frozenset(d for r in rids if (d := self.date_of(r)) is not None)

    def end(self, today: date) -> date | None:
        """The loop's last day as known `today`: `interview`, or None once every dated round
        is past while others have no date yet (the loop goes on, to a day not known yet)."""
        if self.undated and self.interview is not None and self.interview < today:
            return None
        return self.interview

    def over(self, today: date) -> bool:
        """Every round has a date, and the last one is past: the whole loop is behind."""
        return self.interview is not None and self.interview < today and not self.undated


def effective(
    profile: Profile,
    known: Collection[str],
    *,
    interview: date | None = None,
    start: date | None = None,
    hours: float | None = None,
    track: str | None = None,
    count: int | None = None,
) -> Settings:
    """What applies now: the command line first, then the profile, then the defaults. An
    interview date on the command line is the whole loop's: every round on that day. `known` are
    the pack's round ids: a round the profile dates but the pack lacks (a profile used with
    another pack) is set aside everywhere, the loop's last day included."""
    loop = interview or profile.interview
    own = {} if interview else {r: d for r, d in profile.rounds.items() if r in known}
    # the loop's date is the day of the rounds without one of their own: once every round
    # has its own (an onsite moved round by round), no round is on it, so it ends nothing
    rest = [loop] if loop and any(r not in own for r in known) else []
    return Settings(
        interview=max([*own.values(), *rest], default=None),
        start=start or profile.start,
        hours=hours if hours is not None else (profile.hours or DEFAULT_HOURS),
        track=track or profile.track,
        count=count if count is not None else (profile.count or DEFAULT_COUNT),
        rest_days=profile.rest_days or [],
        loop_date=loop,
        round_dates=own,
        undated=[] if loop else [r for r in known if r not in own],
        hours_before=[]
        if hours is not None
        else [(b.until, b.hours or DEFAULT_HOURS) for b in profile.hours_before],
    )
