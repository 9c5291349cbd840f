"""The way back from a progress file that does not load: what its backup holds, against what
the file holds as far as it can be read, and a command that keeps the file it replaces. The
backup is the file before its last save, so going back takes that save back: a person sees
what that costs, and the broken file stays beside it, so nothing is lost unseen.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from emprep.core.models import Progress
from emprep.core.words import plural
from emprep.storage import clock, files

# (word, plural) of what a person made; reviews are always said, the others when either has one
KINDS = (
    ("review", "reviews"),
    ("story", "stories"),
    ("note", "notes"),
    ("mock", "mocks"),
    ("logged round", "logged rounds"),
)
# What a damaged file still shows, read as lines: a review line (one that starts with a time,
# in a block or a list of strings, even damaged), a table of an array, the keys under [notes]
REVIEW = re.compile(r"""^\s*["']?[0-9]{4}-[0-9]{2}-[0-9]{2}T\S*\s+\S""", re.M)
ARRAY = re.compile(r"^\s*\[\[\s*(stories|mocks|interviews)\s*\]\]\s*(#.*)?$", re.M)
TABLE = re.compile(r"^\s*\[", re.M)
NOTES = re.compile(r"^\s*\[\s*notes\s*\]\s*(#.*)?$", re.M)
KEY = re.compile(r"^\s*[^\s#=\[][^=]*=", re.M)
# A multi-line string (a note or story field written by hand so): its lines are text, not
# reviews or keys; the reviews block is the one such string whose lines are counted
MULTI = re.compile(r"""(^\s*([\w"'.-]+)\s*=\s*)('''|\"\"\")(.*?)(\3|\Z)""", re.M | re.S)

Counts = tuple[int, int, int, int, int]


def counted(progress: Progress) -> Counts:
    """What a file that loads holds, in the order of KINDS."""
    p = progress
    return (p.review_count, len(p.stories), len(p.notes), len(p.mocks), len(p.interviews))


def scanned(raw: bytes) -> Counts:
    """What a file that does not load still shows, in the order of KINDS: its lines read one
    by one, as a person reading it would count them."""
    text = MULTI.sub(_text_left_out, raw.decode("utf-8", "replace"))
    arrays = [m[1] for m in ARRAY.finditer(text)]
    notes = 0
    for m in NOTES.finditer(text):
        after = text[m.end() :]
        table = TABLE.search(after)
        notes += len(KEY.findall(after[: table.start() if table else len(after)]))
    return (
        len(REVIEW.findall(text)),
        arrays.count("stories"),
        notes,
        arrays.count("mocks"),
        arrays.count("interviews"),
    )


def _text_left_out(m: re.Match[str]) -> str:
    """A multi-line string kept whole if it is the reviews block, else its lines left out."""
    return m[0] if m[2].strip("\"'") == "reviews" else f"{m[1]}''"


def said(counts: Counts, shown: tuple[bool, ...]) -> str:
    """`2 reviews, 1 story`: the kinds `shown` picks."""
    return ", ".join(
        plural(n, one, many)
        for n, (one, many), show in zip(counts, KINDS, shown, strict=True)
        if show
    )


def compared(kept: Counts, here: Counts) -> str:
    """The backup's counts against the file's, the same kinds in each."""
    shown = tuple(i == 0 or a > 0 or b > 0 for i, (a, b) in enumerate(zip(kept, here, strict=True)))
    return f"{said(kept, shown)}; this file: {said(here, shown)}"


def saved_at(path: Path) -> str:
    """When the version a backup holds was written (a save keeps its time on the backup), in
    local time."""
    when = datetime.fromtimestamp(path.stat().st_mtime, clock.zone())
    return f"{when:%Y-%m-%d %H:%M}"


def aside(path: Path) -> Path:
    """A name beside `path` that nothing has yet, for the broken file kept as it is."""
    n, name = 1, path.with_name(path.name + ".broken")
    while name.exists() or name.is_symlink():
        n += 1
        name = path.with_name(f"{path.name}.broken-{n}")
    return name


def way_back(path: Path, bak: Path, kept: Progress, held: bytes | Progress) -> str:
    """The backup's time and what it holds against what the file `held`, and the command that
    keeps the file aside before copying the backup over it."""
    here = counted(held) if isinstance(held, Progress) else scanned(held)
    keep, q = aside(files.real(path)), files.quoted
    return (
        f"go back to its backup from {saved_at(bak)} ({compared(counted(kept), here)}), "
        f"keeping this file aside: cp {q(path)} {q(keep)} && cp {q(bak)} {q(path)}"
    )


def held_by(bak: Path, raw: bytes, kept: Progress | None) -> str:
    """`2026-11-20 09:00: 2 reviews, 1 story`: the backup, for a file that is empty or gone."""
    counts = counted(kept) if kept is not None else scanned(raw)
    shown = tuple(i == 0 or n > 0 for i, n in enumerate(counts))
    return f"from {saved_at(bak)}: {said(counts, shown)}"
