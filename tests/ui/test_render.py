from __future__ import annotations

import os
import re
from pathlib import Path

import pexpect
import pytest
from conftest import Terminal, installed_emprep, run


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_stacked_table_never_splits_a_cell(isolated: Path, width: int) -> None:
    """`rounds` with dates is too wide to box even at 120 columns: each row's short cells wrap
    between cells, never inside one ("60" and "min" stay on one line)."""
    assert run("config", "set", "interview", "2027-01-15").code == 0
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "EMPREP_PROGRESS": str(isolated)}
    child = Terminal(
        installed_emprep(), ["rounds"], env=env, encoding="utf-8", dimensions=(40, width)
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    assert all(len(line) <= width for line in lines)
    assert not [
        line
        for line in lines
        if re.search(r"(^|\s)min\b", line.strip()) and not re.search(r"\d+ min", line)
    ]
    assert sum("2027-01-15" in line for line in lines) == 5
    assert not [line for line in lines if line.strip() in {"45", "60"}]
