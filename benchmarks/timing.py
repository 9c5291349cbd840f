"""What the benchmarks share: the floor every command is compared with, and one timed run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

FLOOR = [sys.executable, "-c", "import typer, pydantic, rich.console"]


def emprep_exe() -> str:
    """The emprep installed beside this Python."""
    return shutil.which("emprep", path=str(Path(sys.executable).parent)) or "emprep"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run of `cmd`, its output thrown away."""
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
