"""The candidate's profile: stored defaults that the command line overrides."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from emprep.core.days import parse_rest_days
from emprep.core.errors import EmprepError, did_you_mean, shown
from emprep.core.models import Profile, Progress
from emprep.core.pack import Pack
from emprep.core.parse import parse_date
from emprep.core.planner import DEFAULT_HOURS, Plan, make_plan
from emprep.core.scheduler import DEFAULT_COUNT

KEYS = ["interview", "start", "hours", "track", "count", "rest-days"]


@dataclass
class Settings:
    """The profile with the command line's options laid over it."""

    interview: date | None
    start: date | None
    hours: float
    track: str | None
    count: int
    rest_days: list[str]


def settings(
    profile: Profile,
    interview: date | None = None,
    start: date | None = None,
    hours: float | None = None,
    track: str | None = None,
    count: int | None = None,
) -> Settings:
    """What applies now: the command line first, then the profile, then the defaults."""
    return Settings(
        interview=interview or profile.interview,
        start=start or profile.start,
        hours=hours if hours is not None else (profile.hours or DEFAULT_HOURS),
        track=track or profile.track,
        count=count if count is not None else (profile.count or DEFAULT_COUNT),
        rest_days=profile.rest_days or [],
    )


def practice_start(s: Settings, progress: Progress, today: date) -> date:
    """The plan's first day: the profile's start, else the first practice, else today."""
    if s.start:
        return s.start
    first = progress.first_review
    if first:
        return first.date()
    return today


def current_plan(pack: Pack, s: Settings, progress: Progress, today: date) -> Plan | None:
    """The plan the drill follows: to the interview, or the guide's weeks without a date."""
    start = practice_start(s, progress, today)
    if s.interview is None:
        return make_plan(pack, start, hours=s.hours, track=s.track)
    if s.interview <= start:
        return None
    return make_plan(pack, start, interview=s.interview, hours=s.hours, track=s.track)


def set_value(pack: Pack, profile: Profile, key: str, value: str, today: date) -> Profile:
    """The profile with `key` set from the text `value`, checked as the option would be."""
    k = config_key(key)
    parsed: Any
    if k in ("interview", "start"):
        parsed = parse_date(k, value, today)
    elif k == "hours":
        try:
            parsed = float(value)
        except ValueError:
            parsed = None
        if parsed is None or not parsed > 0 or parsed != parsed:
            raise EmprepError(
                f"hours: '{shown(value)}' is not a number above 0; e.g. emprep config set hours 6"
            )
    elif k == "count":
        parsed = int(value) if value.strip().isdigit() else 0
        if parsed < 1:
            raise EmprepError(
                f"count: '{shown(value)}' is not a whole number of 1 or more; "
                "e.g. emprep config set count 5"
            )
    elif k == "rest-days":
        parsed = parse_rest_days(value)
    else:
        parsed = pack.track(value).id
    return replace(profile, **{field_name(k): parsed})


def unset_value(profile: Profile, key: str) -> Profile:
    return replace(profile, **{field_name(config_key(key)): None})


def field_name(key: str) -> str:
    """The profile field of a config key: rest-days is `rest_days`."""
    return key.replace("-", "_")


def config_key(key: str) -> str:
    """A profile key as typed, checked, in its canonical form."""
    k = key.strip().lower()
    if k not in KEYS:
        raise EmprepError(
            f"unknown config key '{shown(key)}': {did_you_mean(k, KEYS)}keys: {', '.join(KEYS)}"
        )
    return k
