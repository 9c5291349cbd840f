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
    fixed offset only when neither can be read."""
    return _zone(os.environ.get("TZ", ""))


@cache
def _zone(name: str) -> tzinfo:
    """`zone` for TZ's value `name`, kept: its zone file is read once a process."""
    from zoneinfo import ZoneInfo

    try:
        if name:
            return ZoneInfo(name.removeprefix(":"))
        with open(LOCALTIME, "rb") as f:
            return ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError, KeyError):  # a POSIX TZ rule, not a zone name; no zone file
        pass
    try:
        return _minutes(datetime.now().astimezone())
    except ValueError:  # a rule a day or more from UTC (TZ=UTC+25), which Python's zones cannot be
        raise EmprepError(
            f"TZ={shown(name)}: sets the clock a day or more from UTC, which no time zone is; "
            "give a zone's name (TZ=Europe/Berlin), or unset TZ for the computer's own"
        ) from None


def _minutes(local: datetime) -> tzinfo:
    """`local`'s fixed offset, to the nearest minute: a POSIX rule may give seconds
    (`TZ=XYZ-5:30:15`), which a review line and TOML cannot hold."""
    offset = local.utcoffset()
    if offset is None or not offset % timedelta(minutes=1):
        return local.tzinfo or UTC
    return timezone(timedelta(minutes=round(offset / timedelta(minutes=1))))
