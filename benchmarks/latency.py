"""Start-up latency of emprep's commands, as ratios to the floor of importing its libraries.

Run by hand: python benchmarks/latency.py [--runs 15]. Each round runs the floor and every
command once, interleaved, so a noisy machine slows them alike; the table gives medians. "warm"
is every run but the first on the same files (the cache holds them); "cold" has an empty cache,
as the first run after an install, an upgrade or an edit of the pack or the progress file. The two
are measured in separate passes, each against the floor of its own pass.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from timing import FLOOR, count, emprep_exe, interleaved, timed, timed_cold

COMMANDS = {
    "--help": ["--help"],
    "rounds": ["rounds"],
    "questions": ["questions"],
    "questions ID": ["questions", "rec-why-coursera"],
    "plan": ["plan"],
    "drill --list": ["drill", "--list"],
    "progress": ["progress"],
}
TARGETS = {"--help": 1.0}
DEFAULT_TARGET = 1.25


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=count, default=15, metavar="N", help="rounds (default 15)")
    args = ap.parse_args()
    exe = emprep_exe()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "EMPREP_PROGRESS": str(Path(tmp) / "progress.toml"),
            "EMPREP_NOW": "2026-11-20T09:00:00+00:00",
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        for qid, rating in [("rec-why-coursera", "good"), ("exe-scaling", "again")]:
            subprocess.run([exe, "review", qid, rating], env=env, check=True, capture_output=True)
        subprocess.run(
            [exe, "config", "set", "interview", "2027-01-15"],
            env=env,
            check=True,
            capture_output=True,
        )
        for argv in [*COMMANDS.values(), ["--help"]]:  # fill the cache and the page cache
            timed([exe, *argv], env)
        commands = {name: [exe, *argv] for name, argv in COMMANDS.items()}
        warm = interleaved(commands, env, args.runs, timed)
        cold = interleaved(commands, env, args.runs, timed_cold)
    print(f"{'command':<14}{'warm ms':>9}{'ratio':>7}{'cold ms':>9}{'ratio':>7}{'target':>8}  ok")
    print(f"{'floor':<14}{warm['floor'] * 1000:>9.1f}{1.0:>7.2f}{cold['floor'] * 1000:>9.1f}")
    for name in COMMANDS:
        ratio = warm[name] / warm["floor"]
        target = TARGETS.get(name, DEFAULT_TARGET)
        ok = "yes" if ratio <= target else "NO"
        print(
            f"{name:<14}{warm[name] * 1000:>9.1f}{ratio:>7.2f}{cold[name] * 1000:>9.1f}"
            f"{cold[name] / cold['floor']:>7.2f}{target:>8.2f}  {ok}"
        )
    print(f"({args.runs} interleaved runs each; floor = {' '.join(FLOOR[1:])!s})")


if __name__ == "__main__":
    main()
