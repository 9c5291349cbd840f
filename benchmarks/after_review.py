"""The first command after a rating, as a candidate's day has it (`scale.py --after-review`).

A rating changes the review log, so the command that follows cannot take FSRS's fit or the pace
forecast from the cache as it stood: this is what a person pays after each `review`, where
`latency.py` times a command with nothing rated since.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from timing import FLOOR, timed

from emprep.storage.packs import builtin_data_dir, load_pack

SIZES = [(300, None), (1000, None), (3000, None), (10000, 600)]  # reviews, questions (built-in)
COMMANDS = {"progress": ["progress"], "today": ["today"], "drill --list": ["drill", "--list"]}


def after_review(
    exe: str,
    before: str | None,
    runs: int,
    make_pack: Callable[[Path, int], list[str]],
    make_progress: Callable[[Path, list[str], int], None],
    now: datetime,
) -> None:
    """Print, for each size and command, the median ms after a rating and again, as ratios."""
    exes = {"now": exe, **({"before": before} if before else {})}
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    head = "".join(f"{f'{label} ms':>10}{'ratio':>7}{'again':>7}" for label in exes)
    print(f"{'reviews':>8}{'questions':>10}  {'command':<14}{head}")
    for reviews, size in SIZES:
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
            times = _rounds(exes, envs, ids, runs)
            for name in COMMANDS:
                cells = "".join(
                    f"{times[label, name] * 1000:>10.0f}{times[label, name] / times['floor']:>7.2f}"
                    f"{times[label, name, 'again'] / times['floor']:>7.2f}"
                    for label in exes
                )
                print(f"{reviews:>8}{len(ids):>10}  {name:<14}{cells}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(f"({runs} interleaved runs each; floor = {' '.join(FLOOR[1:])}; ratios to the floor)")


def _rounds(
    exes: dict[str, str], envs: dict[str, dict[str, str]], ids: list[str], runs: int
) -> dict[object, float]:
    """Median seconds: the floor, each command after a rating, and each command again."""
    samples: dict[object, list[float]] = {"floor": []}
    for label, exe in exes.items():  # fill the caches as a day before would have
        for argv in COMMANDS.values():
            timed([exe, *argv], envs[label])
    rated = 0
    for _ in range(runs):
        samples["floor"].append(timed(FLOOR, envs["now"]))
        for name, argv in COMMANDS.items():
            qid = ids[rated % len(ids)]
            rated += 1
            for label, exe in exes.items():
                _rate(exe, qid, envs[label])
                samples.setdefault((label, name), []).append(timed([exe, *argv], envs[label]))
                samples.setdefault((label, name, "again"), []).append(
                    timed([exe, *argv], envs[label])
                )
    return {k: statistics.median(v) for k, v in samples.items()}


def _rate(exe: str, qid: str, env: dict[str, str]) -> None:
    subprocess.run([exe, "review", qid, "good"], env=env, check=True, capture_output=True)
