"""The moment now, in the local time zone with its rules: the core computes a past review's
local day with that instant's own offset, so a daylight-saving change moves no review to
another day. `EMPREP_NOW` pretends it is another moment; outside the accepted years it is
refused before anything is read or written.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from functools import cache

from emprep.core.errors import EmprepError, shown
from emprep.core.limits import DAYS, check_moment

LOCALTIME = "/etc/localtime"


def now() -> datetime:
    """The current local time, or the moment EMPREP_NOW (an ISO date or time) names."""
    fake = os.environ.get("EMPREP_NOW")
    if not fake:
        return checked("the computer's clock", datetime.now(zone()))
    try:
        when = datetime.fromisoformat(fake.strip())
    except ValueError:
        raise EmprepError(
            f"EMPREP_NOW: '{shown(fake)}' is not a date or time; write it as YYYY-MM-DD[THH:MM]"
        ) from None
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
    from zoneinfo import ZoneInfo

    try:
        if name:
            return ZoneInfo(name.removeprefix(":"))
        with open(LOCALTIME, "rb") as f:
            return ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError, KeyError):  # a POSIX TZ rule, not a zone name; no zone file
        return datetime.now().astimezone().tzinfo or UTC
