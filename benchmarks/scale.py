"""Scale: emprep's commands on large progress files and large packs, as ratios to the floor.

Run by hand: python benchmarks/scale.py [--runs 5] [--sizes 1000,10000,100000]. For each size it
generates a pack (the built-in questions copied under new ids up to 60, 600 or 6,000 questions)
and a progress file with that many reviews spread over those questions and the last 200 days,
then times `progress`, `drill --list` and one `review` (load + save), each interleaved with the
floor `python -c "import typer, pydantic, rich.console"`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from timing import FLOOR, emprep_exe, timed

from emprep import store
from emprep.models import Profile, Progress, review_line
from emprep.pack import builtin_data_dir
from emprep.scheduler import record

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PACKS = {1000: 60, 10000: 600, 100000: 6000}


def make_pack(folder: Path, n: int) -> list[str]:
    """The built-in pack with its questions repeated under new ids up to `n` questions."""
    src = builtin_data_dir()
    folder.mkdir(parents=True)
    shutil.copy(src / "rounds.toml", folder / "rounds.toml")
    text = (src / "questions.toml").read_text()
    blocks = text.split("[[question]]")[1:]
    out, ids = [], []
    for i in range(n):
        qid = f"q{i:05d}"
        ids.append(qid)
        out.append(re.sub(r'id = "[^"]+"', f'id = "{qid}"', blocks[i % len(blocks)], count=1))
    (folder / "questions.toml").write_text("[[question]]" + "[[question]]".join(out))
    return ids


def make_progress(path: Path, ids: list[str], reviews: int) -> None:
    rng = random.Random(reviews)
    p = Progress(profile=Profile(interview=(NOW + timedelta(days=30)).date()))
    cards = {}
    for qid in ids:
        when = NOW - timedelta(days=rng.randrange(1, 60))
        cards[qid] = record(p, qid, rng.choice([1, 3, 3, 4]), 30, when).cards[qid]
    moments = sorted(
        NOW - timedelta(days=rng.randrange(0, 200), minutes=rng.randrange(0, 600))
        for _ in range(reviews)
    )
    log = "".join(
        review_line(rng.choice(ids), at, rng.randint(1, 4), rng.randrange(10, 300))
        for at in moments
    )
    store.update(path, lambda _: replace(p, cards=cards, log=log))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    exe = emprep_exe()
    print(
        f"{'reviews':>8}{'questions':>10}{'file KB':>9}  {'command':<14}{'median ms':>10}"
        f"{'ratio':>7}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            ids = make_pack(Path(tmp) / "pack", PACKS.get(size, 60))
            progress = Path(tmp) / "progress.toml"
            make_progress(progress, ids, size)
            env = {
                **os.environ,
                "EMPREP_PROGRESS": str(progress),
                "EMPREP_DATA": str(Path(tmp) / "pack"),
                "EMPREP_NOW": NOW.isoformat(),
            }
            commands = {
                "progress": [exe, "progress"],
                "drill --list": [exe, "drill", "--list"],
                "review": [exe, "review", ids[0], "good"],
            }
            times: dict[str, list[float]] = {"floor": [], **{k: [] for k in commands}}
            for _ in range(args.runs):
                times["floor"].append(timed(FLOOR, env))
                for name, cmd in commands.items():
                    times[name].append(timed(cmd, env))
            floor = statistics.median(times["floor"])
            kb = progress.stat().st_size // 1024
            for name in commands:
                med = statistics.median(times[name])
                print(
                    f"{size:>8}{len(ids):>10}{kb:>9}  {name:<14}{med * 1000:>10.0f}"
                    f"{med / floor:>7.2f}"
                )
    print(f"({args.runs} interleaved runs each; floor = {' '.join(FLOOR[1:])})")


if __name__ == "__main__":
    main()
