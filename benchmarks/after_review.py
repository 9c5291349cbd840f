"""The first command after a rating, as a candidate's day has it (`scale.py --after-review`).

A rating changes the review log, so the command that follows cannot take FSRS's fit or the pace
forecast from the cache as it stood: `review` leaves them to a process behind it, and this is
what a person pays after each `review` when the command comes `pause` seconds after it (a
person reading the line; 0: at once, beside that process), where `latency.py` times a command
with nothing rated since. The rating itself is timed too. Each time is given as wall time and
as CPU time (user + system of the process; the process behind `review` is not counted), each
against the floor measured the same way: on a shared machine the CPU time moves less with the
load.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from timing import FLOOR

from emprep.storage.packs import builtin_data_dir, load_pack

SIZES = [(300, None), (1000, None), (3000, None), (10000, 600)]  # reviews, questions (built-in)
COMMANDS = {"progress": ["progress"], "today": ["today"], "drill --list": ["drill", "--list"]}
RATING = "review"
UNDO = "undo"


def after_review(
    exe: str,
    before: str | None,
    runs: int,
    make_pack: Callable[[Path, int], list[str]],
    make_progress: Callable[[Path, list[str], int], None],
    now: datetime,
    *,
    pause: float = 0.0,
    sizes: frozenset[int] = frozenset(n for n, _ in SIZES),
    undo: bool = False,
) -> None:
    """Print, for each size (reviews in `sizes`) and command, the median ms after a rating
    (with `undo`, after the rating taken back `pause` seconds later) and again, as ratios; and
    the rating's own (and the undo's)."""
    exes = {"now": exe, **({"before": before} if before else {})}
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    head = "".join(
        f"{f'{label} ms':>10}{'ratio':>7}{'cpu ms':>8}{'ratio':>7}{'again':>7}" for label in exes
    )
    print(f"{'reviews':>8}{'questions':>10}  {'command':<14}{head}")
    for reviews, size in (s for s in SIZES if s[0] in sizes):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if size is None:
                shutil.copytree(builtin_data_dir(), folder / "pack")
                ids = [q.id for q in load_pack(str(folder / "pack")).questions]
            else:
                ids = make_pack(folder / "pack", size)
            make_progress(folder / "progress.toml", ids, reviews)
            envs = {}
            for label in exes:
                (folder / label).mkdir()
                shutil.copy(folder / "progress.toml", folder / label / "progress.toml")
                envs[label] = {
                    **os.environ,
                    "EMPREP_PROGRESS": str(folder / label / "progress.toml"),
                    "EMPREP_DATA": str(folder / "pack"),
                    "EMPREP_NOW": now.isoformat(),
                    "XDG_CACHE_HOME": str(folder / label / "cache"),
                }
            wall, cpu = _rounds(exes, envs, ids, runs, pause, undo)
            for name in [*COMMANDS, RATING, *([UNDO] if undo else [])]:
                cells = "".join(_cells(wall, cpu, label, name) for label in exes)
                print(f"{reviews:>8}{len(ids):>10}  {name:<14}{cells}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(
        f"({runs} interleaved runs each, medians; each command {pause} s after the rating"
        f"{' and its undo' if undo else ''};"
        f" floor = {' '.join(FLOOR[1:])}; ratios to the floor's wall and CPU time; again: CPU"
        " ratio of the same command run once more)"
    )


def _cells(wall: dict[object, float], cpu: dict[object, float], label: str, name: str) -> str:
    """One install's columns of a row: ms and ratio, wall then CPU, then again's CPU ratio."""
    again = cpu.get((label, name, "again"))
    return (
        f"{wall[label, name] * 1000:>10.0f}{wall[label, name] / wall['floor']:>7.2f}"
        f"{cpu[label, name] * 1000:>8.0f}{cpu[label, name] / cpu['floor']:>7.2f}"
        + ("" if again is None else f"{again / cpu['floor']:>7.2f}")
    )


def _rounds(
    exes: dict[str, str],
    envs: dict[str, dict[str, str]],
    ids: list[str],
    runs: int,
    pause: float,
    undo: bool,
) -> tuple[dict[object, float], dict[object, float]]:
    """Median wall and CPU seconds: the floor, each command after a rating (or its `undo`),
    and once more."""
    wall: dict[object, list[float]] = {}
    cpu: dict[object, list[float]] = {}

    def sample(key: object, cmd: list[str], env: dict[str, str]) -> None:
        w, c = _timed(cmd, env)
        wall.setdefault(key, []).append(w)
        cpu.setdefault(key, []).append(c)

    for label, exe in exes.items():  # fill the caches as a day before would have
        for argv in COMMANDS.values():
            _timed([exe, *argv], envs[label])
    rated = 0
    for _ in range(runs):
        sample("floor", FLOOR, envs["now"])
        for name, argv in COMMANDS.items():
            qid = ids[rated % len(ids)]
            rated += 1
            for label, exe in exes.items():
                sample((label, RATING), [exe, RATING, qid, "good"], envs[label])
                time.sleep(pause)
                if undo:  # the rating taken back, a pause after it: the command follows that
                    sample((label, UNDO), [exe, UNDO], envs[label])
                    time.sleep(pause)
                sample((label, name), [exe, *argv], envs[label])
                sample((label, name, "again"), [exe, *argv], envs[label])
    return (
        {k: statistics.median(v) for k, v in wall.items()},
        {k: statistics.median(v) for k, v in cpu.items()},
    )


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
