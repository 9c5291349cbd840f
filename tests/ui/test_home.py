"""`emprep today`'s screen."""

from __future__ import annotations

from conftest import run


def test_the_day_of_the_month_has_no_leading_zero() -> None:
    """As people write it, and as the pace line below it says "Mon 14 Dec"."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    r = run("today", env={"EMPREP_NOW": "2026-12-03T09:00"})
    assert (r.code, r.stdout.splitlines()[0]) == (
        0,
        "Thursday 3 December: 11 days to the interview (2026-12-14)",
    )
    assert run("config", "unset", "interview").code == 0
    r = run("today", env={"EMPREP_NOW": "2026-12-03T09:00"})
    assert r.stdout.splitlines()[0] == "Thursday 3 December: no interview date yet"


def test_a_day_with_nothing_to_practise_is_not_called_done() -> None:
    """Interview day without any practice: no warm-up to do, and nothing was rated."""
    assert run("config", "set", "interview", "2026-12-04").code == 0
    lines = run("today", env={"EMPREP_NOW": "2026-12-04T07:00"}).stdout.splitlines()
    at = lines.index("Today's drill")
    assert lines[at + 1] == "  nothing to practise today"
