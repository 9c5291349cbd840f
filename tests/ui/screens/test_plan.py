"""`emprep plan` on a terminal."""

from __future__ import annotations

from pathlib import Path

import pexpect
from conftest import spawn


def test_a_plan_week_without_new_questions_says_so_on_a_terminal(isolated: Path) -> None:
    """As the Markdown does: not a heading with nothing under it."""
    child = spawn(["plan", "--interview", "2026-12-14"], isolated, "2026-11-20T09:00")
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("  Questions to introduce (0):")
    assert lines[at + 1] == "    - none this week"
