"""The moment now, in the local time zone with its rules: the core computes a past review's
local day with that instant's own offset, so a daylight-saving change moves no review to
another day. `EMPREP_NOW` pretends it is another moment; outside the accepted years it is
refused before anything is read or written. An offset is whole minutes, as the review log and
the drafts (TOML) keep it: one of seconds is refused in `EMPREP_NOW` and taken to the minute in
a POSIX `TZ` rule.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

from emprep.core.errors import EmprepError, shown
from emprep.core.limits import DAYS, check_moment
from emprep.core.parse import iso_day

LOCALTIME = "/etc/localtime"


def now() -> datetime:
    """The current local time, or the moment EMPREP_NOW (YYYY-MM-DD, and a time after it in
    any ISO form: T09:00, T09, T09:00:00+01:00) names."""
    fake = os.environ.get("EMPREP_NOW")
    if not fake:
        return checked("the computer's clock", datetime.now(zone()))
    try:
        iso_day(fake.strip()[:10])  # a week date (2026-W48-1) or 20261123 is not YYYY-MM-DD
        when = datetime.fromisoformat(fake.strip())
    except ValueError:
        raise EmprepError(
            f"EMPREP_NOW: '{shown(fake)}' is not a date or time; write it as YYYY-MM-DD[THH:MM]"
        ) from None
    offset = when.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        raise EmprepError(
            f"EMPREP_NOW: '{shown(fake)}' has an offset of seconds; write it as +HH:MM"
        )
    return checked("EMPREP_NOW", when if when.tzinfo else when.replace(tzinfo=zone()))


def checked(name: str, when: datetime) -> datetime:
    """`when`, if it is in the accepted years; a date near year 1 or 9999 that a time zone
    pushes out of range altogether is refused the same way."""
    try:
        return check_moment(name, when)
    except OverflowError:
        raise EmprepError(
            f"{name}: {when:%Y-%m-%d} is outside the dates emprep accepts ({DAYS})"
        ) from None


def zone() -> tzinfo:
    """The local time zone with its rules: TZ when it names one, else /etc/localtime; today's
    fixed offset only when neither can be read, which `unsure` then says."""
    found, why = _zone(os.environ.get("TZ", ""))
    if why is not None:
        UNSURE.add(why)
    return found


# What `zone` found wrong with the time zone it was given (`unsure`), and what was said of it
# this run: a fixed offset in place of a zone's rules puts every time after the next
# daylight-saving change an hour off, and a review near midnight on another day.
UNSURE: set[str] = set()
SAID: set[str] = set()


def unsure() -> str | None:
    """Why the clock is at a fixed offset and not the zone's rules, and how to give the zone,
    once a run: None where `zone` found the zone, was not asked, or this was said."""
    new = sorted(UNSURE - SAID)
    SAID.update(new)
    return new[0] if new else None


# UTC by a name the C library takes as UTC without a zone file: its fixed offset is exact
UTC_NAMES = ("UTC", "Etc/UTC", "GMT", "Etc/GMT")

# A POSIX TZ rule (`XYZ-5:30:15`, `CET-1CEST,M3.5.0,M10.5.0/3`): its name, its offset, and
# where it has one, its summer time's name
RULE = r"(?:<[^>]+>|[A-Za-z]{3,})[+-]?\d{1,2}(?::\d{1,2}){0,2}"
SUMMER = r"(?:<[^>]+>|[A-Za-z]{3,})"


@cache
def _zone(name: str) -> tuple[tzinfo, str | None]:
    """`zone` for TZ's value `name`, kept: its zone file is read once a process; with it, what
    to tell the person where the clock falls back to a fixed offset: TZ naming no zone this
    computer has (a typo, `Europe/Berlni`), a rule with summer time, which only the C library
    follows, or /etc/localtime there but unreadable. A rule without summer time is its fixed
    offset exactly, and no /etc/localtime at all is UTC, as the C library takes it (a
    container's usual), so neither is said."""
    import re
    from zoneinfo import ZoneInfo

    path = name.removeprefix(":")
    problem = None
    try:
        if path.startswith("/"):  # a zone file by its path, as the C library reads TZ
            with open(path, "rb") as f:
                return ZoneInfo.from_file(f, key=path), None
        if name:
            return ZoneInfo(path), None
        with open(LOCALTIME, "rb") as f:
            return ZoneInfo.from_file(f, key="localtime"), None
    except FileNotFoundError:
        problem = None if not name else "is not there" if path.startswith("/") else "no zone"
    except (OSError, ValueError, KeyError) as e:  # unreadable, damaged; no such zone
        problem = _unread(e) if path.startswith("/") or not name else "no zone"
    import time

    time.tzset()  # the C library's zone from TZ as it is now, not as the process began
    try:
        fixed = _minutes(datetime.now().astimezone())
    except ValueError:  # a rule a day or more from UTC (TZ=UTC+25), which Python's zones cannot be
        raise EmprepError(
            f"TZ={shown(name)}: sets the clock a day or more from UTC, which no time zone is; "
            "give a zone's name (TZ=Europe/Berlin), or unset TZ for the computer's own"
        ) from None
    if problem is None or re.fullmatch(RULE, name) or path in UTC_NAMES:
        return fixed, None
    kept = (
        f"so emprep keeps your times at a fixed offset, {_offset(fixed)}, which no change to or "
        "from summer time moves: set TZ to your zone's name (export TZ=Europe/Berlin) for its "
        "rules"
    )
    if not name:
        return fixed, f"{LOCALTIME} {problem}, {kept}"
    if re.match(RULE + SUMMER, name):
        return fixed, f"TZ={shown(name)} is a rule with summer time, not a zone's name, {kept}"
    if path.startswith("/"):
        return fixed, f"TZ={shown(name)}: {shown(path)} {problem}, {kept}"
    return fixed, f"TZ={shown(name)} names no time zone this computer has, {kept}"


def _unread(e: BaseException) -> str:
    """Why a zone file could not be used, in a few words."""
    if isinstance(e, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(e, IsADirectoryError):
        return "is a folder, not a zone file"
    if isinstance(e, OSError):
        return f"cannot be read ({e.strerror or e})"
    return "is not a zone file"


def _offset(fixed: tzinfo) -> str:
    """`+01:00`, `-05:30`, `+00:00 (UTC)`."""
    delta = fixed.utcoffset(None) or timedelta(0)
    minutes = int(delta / timedelta(minutes=1))
    sign = "-" if minutes < 0 else "+"
    said = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return said + (" (UTC)" if not minutes else "")


def _minutes(local: datetime) -> tzinfo:
    """`local`'s fixed offset, to the nearest minute: a POSIX rule may give seconds
    (`TZ=XYZ-5:30:15`), which a review line and TOML cannot hold."""
    offset = local.utcoffset()
    if offset is None or not offset % timedelta(minutes=1):
        return local.tzinfo or UTC
    return timezone(timedelta(minutes=round(offset / timedelta(minutes=1))))
