"""Story drafts and the person's editor: what is typed stays in a file until it is saved."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from emprep.core.errors import EmprepError

FALLBACKS = ("nano", "vi")


def drafts_dir(progress_path: Path) -> Path:
    """Drafts live beside the progress file: personal, and found again by the same person."""
    return progress_path.parent / "drafts"


def keep(folder: Path, text: str, now: datetime) -> Path:
    """Write `text` to a new draft file (mode 0600) and say where it is."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = f"story-{now:%Y%m%d-%H%M%S}"
    path = folder / f"{stem}.txt"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def command() -> list[str]:
    """$VISUAL, then $EDITOR, then the first of nano and vi that is installed."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value)
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    raise EmprepError("no editor found: set EDITOR (export EDITOR=nano), or leave out --editor")


def edit(path: Path) -> str:
    """Open the editor on `path` and return what it holds afterwards. A failed editor raises;
    the file stays where it is either way."""
    argv = command()
    try:
        done = subprocess.run([*argv, str(path)], check=False)
    except OSError as e:
        raise EmprepError(
            f"the editor '{argv[0]}' could not be started ({e.strerror or e}); "
            "set VISUAL or EDITOR to one that is installed"
        ) from None
    if done.returncode != 0:
        raise EmprepError(f"the editor '{argv[0]}' exited with status {done.returncode}")
    return path.read_text(encoding="utf-8")
