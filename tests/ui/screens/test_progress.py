"""`emprep progress` on a terminal: the pace chart fits it, however far the interview."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pexpect
from conftest import run, spawn

from emprep.core.pace import Advice, Forecast, Point
from emprep.ui.screens.pace import pace_chart

LABEL, TAIL = "  at  5 a day  ", "  108/108"


def _advice(days: int) -> Advice:
    curve = [Point(date(2026, 11, 21) + timedelta(days=i), min(108, i)) for i in range(days)]
    now = Forecast(count=5, ready=curve[-1].ready, total=108, curve=curve)
    return Advice(day=curve[-1].day, current=now, advised=None, short=False)


def test_a_long_forecast_is_drawn_in_the_room_there_is_ending_on_the_day() -> None:
    advice = _advice(161)
    (whole,) = pace_chart(advice)
    assert len(whole) == len(LABEL) + 161 + len(TAIL)  # off a terminal: every morning
    for room in (60, 80, 120):
        (row,) = pace_chart(advice, room)
        assert len(row) == room
        assert row.startswith(LABEL + "▁") and row.endswith("█" + TAIL)
    short = _advice(30)
    assert pace_chart(short, 60) == pace_chart(short)


def test_progress_on_a_terminal_never_draws_past_its_width(isolated: Path) -> None:
    assert run("config", "set", "interview", "2027-05-01").code == 0
    child = spawn(["progress"], isolated, "2026-11-21T09:00")
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert [line for line in lines if "a day  " in line and len(line) == 120] != []
    assert max(len(line) for line in lines) <= 120
