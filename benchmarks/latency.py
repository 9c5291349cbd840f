"""Start-up latency of emprep's commands, as ratios to the floor of importing its libraries.

Run by hand: python benchmarks/latency.py [--runs 15]. Each round runs the floor and every
command once, interleaved, so a noisy machine slows them alike; the table gives medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from timing import FLOOR, emprep_exe, timed

COMMANDS = {
    "--help": ["--help"],
    "rounds": ["rounds"],
    "questions": ["questions"],
    "plan": ["plan"],
    "drill --list": ["drill", "--list"],
    "progress": ["progress"],
}
TARGETS = {"--help": 1.0}
DEFAULT_TARGET = 1.25


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    exe = emprep_exe()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "EMPREP_PROGRESS": str(Path(tmp) / "progress.toml"),
            "EMPREP_NOW": "2026-11-20T09:00:00+00:00",
        }
        for qid, rating in [("rec-why-coursera", "good"), ("exe-scaling", "again")]:
            subprocess.run([exe, "review", qid, rating], env=env, check=True, capture_output=True)
        subprocess.run(
            [exe, "config", "set", "interview", "2027-01-15"],
            env=env,
            check=True,
            capture_output=True,
        )
        times: dict[str, list[float]] = {"floor": [], **{k: [] for k in COMMANDS}}
        for _ in range(2):  # warm the file cache
            timed(FLOOR, env)
        for _ in range(args.runs):
            times["floor"].append(timed(FLOOR, env))
            for name, argv in COMMANDS.items():
                times[name].append(timed([exe, *argv], env))
    floor = statistics.median(times["floor"])
    print(f"{'command':<16}{'median ms':>10}{'ratio':>8}{'target':>8}  ok")
    print(f"{'floor':<16}{floor * 1000:>10.1f}{1.0:>8.2f}{'':>8}")
    for name in COMMANDS:
        med = statistics.median(times[name])
        target = TARGETS.get(name, DEFAULT_TARGET)
        ratio = med / floor
        print(
            f"{name:<16}{med * 1000:>10.1f}{ratio:>8.2f}{target:>8.2f}  "
            f"{'yes' if ratio <= target else 'NO'}"
        )
    print(f"({args.runs} interleaved runs each; floor = {' '.join(FLOOR[1:])!s})")


if __name__ == "__main__":
    main()
