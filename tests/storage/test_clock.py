"""The clock's time zone: where emprep cannot have the zone's rules, it says so once a run."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ended, run, spawn

from emprep.storage import clock

NOW = "2026-11-20T09:00"
KEPT = (
    "so emprep keeps your times at a fixed offset, {}, which no change to or from summer time "
    "moves: set TZ to your zone's name (export TZ=Europe/Berlin) for its rules\n"
)


@pytest.fixture(autouse=True)
def afresh() -> Iterator[None]:
    """The zone read again for each run in this process, as a new process reads it; the C
    library's zone, which a TZ without a zone file leaves to it, back to the process's after."""
    import time

    clock._zone.cache_clear()
    yield
    clock._zone.cache_clear()
    time.tzset()


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        ("Europe/Berlni", "TZ=Europe/Berlni names no time zone this computer has, "),
        (
            "CET-1CEST,M3.5.0,M10.5.0/3",
            "TZ=CET-1CEST,M3.5.0,M10.5.0/3 is a rule with summer time, not a zone's name, ",
        ),
        ("/nowhere/Berlin", "TZ=/nowhere/Berlin: /nowhere/Berlin is not there, "),
    ],
)
def test_a_tz_without_its_zone_s_rules_is_said_once_in_a_drill(
    isolated: Path, zone: str, said: str
) -> None:
    """TZ naming a zone this computer has no file for (a typo), or a rule with summer time,
    which only the C library follows: the clock went on at a fixed offset without a word, and
    from the next change to or from summer time every review was logged an hour off, one near
    midnight on the day before or after. Said in one line on stderr, once a run however often
    the drill reads the clock; nothing else changes."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    offset = "+01:00" if zone.startswith("CET") else "+00:00 (UTC)"
    line = f"emprep: note: {said}{KEPT.format(offset)}"
    child = spawn(["drill"], isolated, NOW, env={"TZ": zone})
    child.logfile_read = screen = io.StringIO()
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/5]")
    child.send("q")
    assert ended(child) == 0
    shown = screen.getvalue().replace("\r", "")
    assert shown.count("emprep: note:") == 1
    assert shown.startswith(line.removesuffix("\n")[:60])
    listed = run("drill", "--list", env={"TZ": zone, "EMPREP_NOW": NOW})
    assert (listed.code, listed.stderr) == (0, line)
    berlin = run("drill", "--list", env={"TZ": "Europe/Berlin", "EMPREP_NOW": NOW})
    assert (berlin.code, berlin.stderr, berlin.stdout) == (0, "", listed.stdout)


@pytest.mark.parametrize("zone", ["XYZ-5:30:15", "UTC0", "Europe/Berlin", ":/etc/localtime"])
def test_a_zone_or_a_rule_the_clock_keeps_exactly_is_not_said(isolated: Path, zone: str) -> None:
    """A rule without summer time is its fixed offset exactly, and a zone file named by its
    path is read as that file: nothing to say."""
    r = run("today", env={"TZ": zone, "EMPREP_NOW": NOW})
    assert (r.code, r.stderr) == (0, "")


@pytest.mark.parametrize(
    ("made", "problem"),
    [
        ("folder", "is a folder, not a zone file"),
        ("damaged", "is not a zone file"),
        ("missing", None),
    ],
)
def test_a_system_zone_file_that_cannot_be_read_is_said(
    isolated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    made: str,
    problem: str | None,
) -> None:
    """/etc/localtime there but unreadable (a folder, damaged): the clock went on at a fixed
    offset without a word. None at all is UTC, as the C library takes it (a container's
    usual), and exact: nothing to say."""
    localtime = tmp_path / "localtime"
    if made == "folder":
        localtime.mkdir()
    elif made == "damaged":
        localtime.write_bytes(b"TZif but not really")
    monkeypatch.setattr(clock, "LOCALTIME", str(localtime))
    monkeypatch.delenv("TZ", raising=False)
    r = run("today", env={"EMPREP_NOW": NOW})
    said = f"emprep: note: {localtime} {problem}, {KEPT.format('+00:00 (UTC)')}"
    assert (r.code, r.stderr) == (0, "" if problem is None else said)
