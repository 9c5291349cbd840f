"""What the benchmarks share: the floor every command is compared with, and one timed run."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FLOOR = [sys.executable, "-c", "import typer, rich.console"]


def count(text: str) -> int:
    """A number of runs, seeds or processes, 1 or more, as argparse reads it: `--runs 0` ended
    in a traceback after the files were made, `--jobs 0` at once, and `--seeds 0` printed a
    table of nothing."""
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text} is fewer than 1")
    return n


def emprep_exe() -> str:
    """The emprep installed beside this Python, its bytecode and its libraries' compiled first:
    `pip install` compiles it for a user, but an environment made with PYTHONDONTWRITEBYTECODE
    has none, and every run would then compile typer, pydantic and rich from source."""
    import emprep

    folders = [sysconfig.get_paths()["purelib"], str(Path(emprep.__file__).parent)]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *folders], check=False, capture_output=True
    )
    return shutil.which("emprep", path=str(Path(sys.executable).parent)) or "emprep"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run of `cmd`, its output thrown away."""
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def timed_cold(cmd: list[str], env: dict[str, str]) -> float:
    """One run with an empty cache folder, as the first run after an install or an edit of
    the pack or the progress file: every file is parsed and validated, and cached."""
    with tempfile.TemporaryDirectory() as empty:
        return timed(cmd, {**env, "XDG_CACHE_HOME": empty})


def interleaved(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    run: Callable[[list[str], dict[str, str]], float],
) -> dict[str, float]:
    """Median seconds of the floor and of every command, each round running them all once."""
    times: dict[str, list[float]] = {"floor": [], **{k: [] for k in commands}}
    for _ in range(runs):
        times["floor"].append(timed(FLOOR, env))
        for name, cmd in commands.items():
            times[name].append(run(cmd, env))
    return {k: statistics.median(v) for k, v in times.items()}
