"""`emprep story coverage` on a terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
from conftest import Terminal, installed_emprep, run


def test_a_story_line_wraps_under_its_title_at_60_columns(isolated: Path) -> None:
    story = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    title = ["--title", "Rescuing the grading launch at every deadline peak"]
    assert run("story", "add", *title, *story, "--competencies", "leadership").code == 0
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "60"}
    child = Terminal(
        installed_emprep(),
        ["story", "coverage"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 60),
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("  s1   Rescuing the grading launch at every deadline peak:")
    assert lines[at + 1] == "       answers 0 questions, shows 1 competency"
