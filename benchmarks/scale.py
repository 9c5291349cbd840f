"""Scale: emprep's commands on large progress files and large packs, as ratios to the floor.

Run by hand: python benchmarks/scale.py [--runs 5] [--sizes 1000,10000,100000]. For each size it
generates a pack (the built-in questions copied under new ids up to 60, 600 or 6,000 questions)
and a progress file with that many reviews spread over those questions and the last 200 days,
then times `progress`, `drill --list` and one `review` (load + save), each interleaved with the
floor `python -c "import typer, rich.console"`: warm (the cache holds the files, as for every
run but the first on the same files) and cold (an empty cache, as after an edit), in separate
passes, each against the floor of its own pass.

`--after-review` times a candidate's day instead: each run rates one answer (`review`), then
times the command that follows it `--pause` seconds later (`progress`, `today`, `drill --list`),
and the same command once more ("again"), at 300, 1,000 and 3,000 reviews on the built-in pack
and 10,000 reviews on 600 questions (`--reviews` picks among them); `--undo` takes each rating
back `--pause` seconds after it, and times the command after that. `--before EXE` times another
install's emprep beside this one, on its own copy of the files and its own cache, interleaved in
the same rounds.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from after_review import after_review
from timing import FLOOR, count, emprep_exe, interleaved, timed, timed_cold

from emprep.core.models import Profile, Progress, review_line
from emprep.core.scheduler import record
from emprep.storage import store
from emprep.storage.packs import builtin_data_dir

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
        block = re.sub(r'id = "[^"]+"', f'id = "{qid}"', blocks[i % len(blocks)], count=1)
        # the copies replace no question: an id has one heir, and the old ids are not there
        out.append(re.sub(r"(?m)^replaces = \[[^\]]*\]\n", "", block))
    (folder / "questions.toml").write_text("[[question]]" + "[[question]]".join(out))
    return ids


def make_progress(path: Path, ids: list[str], reviews: int) -> None:
    rng = random.Random(reviews)
    p = Progress(profile=Profile(interview=(NOW + timedelta(days=30)).date()))
    cards = {}
    for qid in ids:
        when = NOW - timedelta(days=rng.randrange(1, 60))
        cards[qid] = record(p, qid, rng.choice([1, 3, 3, 4]), seconds=30, now=when).cards[qid]
    moments = sorted(
        NOW - timedelta(days=rng.randrange(0, 200), minutes=rng.randrange(0, 600))
        for _ in range(reviews)
    )
    log = "".join(
        review_line(rng.choice(ids), at, rng.randint(1, 4), seconds=rng.randrange(10, 300))
        for at in moments
    )
    store.update(path, lambda _: replace(p, cards=cards, log=log))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=count, default=5, metavar="N", help="rounds (default 5)")
    ap.add_argument("--sizes", help="reviews in each progress file (default 1000,10000,100000)")
    ap.add_argument("--after-review", action="store_true", help="the command after a rating")
    ap.add_argument("--before", help="--after-review: another install's emprep, timed beside")
    ap.add_argument(
        "--pause", type=float, help="--after-review: seconds from the rating to the command (1.5)"
    )
    ap.add_argument("--reviews", help="--after-review's sizes (default 300,1000,3000,10000)")
    ap.add_argument(
        "--undo", action="store_true", help="--after-review: the command after the rating's undo"
    )
    args = ap.parse_args()
    # an option of the other run was left unused, and the table looked like its answer
    theirs = {"--before": args.before, "--pause": args.pause, "--reviews": args.reviews}
    given = [o for o, v in {**theirs, "--undo": args.undo or None}.items() if v is not None]
    if given and not args.after_review:
        ap.error(f"{', '.join(given)}: only with --after-review")
    if args.sizes is not None and args.after_review:
        ap.error("--sizes: not with --after-review (its sizes: --reviews)")
    exe = emprep_exe()
    if args.after_review:
        sizes = frozenset(int(n) for n in (args.reviews or "300,1000,3000,10000").split(","))
        at = {"pause": 1.5 if args.pause is None else args.pause, "sizes": sizes, "undo": args.undo}
        after_review(exe, args.before, args.runs, make_pack, make_progress, NOW, **at)
        return
    print(
        f"{'reviews':>8}{'questions':>10}{'file KB':>9}  {'command':<14}{'warm ms':>8}{'ratio':>7}"
        f"{'cold ms':>9}{'ratio':>7}"
    )
    for size in (int(s) for s in (args.sizes or "1000,10000,100000").split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            ids = make_pack(Path(tmp) / "pack", PACKS.get(size, 60))
            progress = Path(tmp) / "progress.toml"
            make_progress(progress, ids, size)
            # the cold runs change a copy, so they never make the next warm run a miss
            copy = Path(tmp) / "cold" / "progress.toml"
            copy.parent.mkdir()
            shutil.copy(progress, copy)
            env = {
                **os.environ,
                "EMPREP_PROGRESS": str(progress),
                "EMPREP_DATA": str(Path(tmp) / "pack"),
                "EMPREP_NOW": NOW.isoformat(),
                "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            }
            cold_env = {**env, "EMPREP_PROGRESS": str(copy)}
            commands = {
                "progress": [exe, "progress"],
                "drill --list": [exe, "drill", "--list"],
                "review": [exe, "review", ids[0], "good"],
            }
            for cmd in commands.values():
                timed(cmd, env)
            warm = interleaved(commands, env, args.runs, timed)
            cold = interleaved(commands, cold_env, args.runs, timed_cold)
            kb = progress.stat().st_size // 1024
            for name in commands:
                print(
                    f"{size:>8}{len(ids):>10}{kb:>9}  {name:<14}{warm[name] * 1000:>8.0f}"
                    f"{warm[name] / warm['floor']:>7.2f}{cold[name] * 1000:>9.0f}"
                    f"{cold[name] / cold['floor']:>7.2f}"
                )
    print(f"({args.runs} interleaved runs each; floor = {' '.join(FLOOR[1:])})")


if __name__ == "__main__":
    main()
