"""Export files the candidate names (`--output FILE`): written whole or not at all.

A new file gets the mode the shell's `>` would give it (0666 less the umask); a file replaced
keeps its own, and one you cannot write is not replaced (the shell's `>` needs only that).
Anything but a regular file at that path (a folder, a device, a FIFO, standard output) is
refused, never opened; a symlink is followed to the file it names. A temporary file an export
killed midway left beside it is removed by a later export to that file, once ten minutes old.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from emprep.core.errors import EmprepError, shown
from emprep.storage.files import (
    Unfit,
    check,
    closed_folder,
    denied,
    oserror,
    real,
    remove_old_temps,
    user_path,
    write_atomic,
)


def save(name: str, data: bytes) -> Path:
    """Write `data` to the file `name`; EmprepError names the problem and the fix."""
    path = user_path(name, "--output")
    try:
        st = check(path)
    except Unfit as e:  # a folder on its way closed to you, a name too long: it is written
        closed = closed_folder(path) if e.reason.endswith("(permission denied)") else None
        why = (
            closed
            or f"{e.reason.replace('cannot be read', 'cannot be written')}; give the path of a file"
        )
        raise EmprepError(f"--output {shown(name)}: {why}") from None
    if not path.parent.is_dir():
        raise EmprepError(
            f"--output {shown(name)}: no folder {shown(str(path.parent))}; create it first"
        )
    path = real(path)  # a symlink stays a link: its target is replaced
    # replaced through a file beside it, so the folder's permission would do: a file you
    # cannot write is refused as the shell's `>` and `cp` refuse it
    writable = st is None or os.access(path, os.W_OK)
    refused = None if writable else denied(path, "give a path on a disk that can be written")
    if refused:
        raise EmprepError(f"--output {shown(name)}: {refused}")
    remove_old_temps(path)
    try:
        write_atomic(path, data, like=st)
        if st is None:
            os.chmod(path, 0o666 & ~_umask())
    except OSError as e:
        reason = oserror(e).replace("cannot be read", "cannot be written")
        raise EmprepError(f"--output {shown(name)}: {reason}; {_fix(e)}") from None
    return path


def refuse_ours(name: str, progress: Path, pack: Path) -> None:
    """EmprepError if the file `name` is one emprep keeps (the progress file, its `.bak` and
    `.lock`, a draft, a file of the pack): by path after symlinks, or by inode (a hard link)."""
    target = real(user_path(name, "--output"))
    home = real(progress)
    ours = {
        home: "the progress file",
        home.with_name(home.name + ".bak"): "the progress file's backup",
        home.with_name(home.name + ".lock"): "the progress file's lock",
    }
    what = ours.get(target) or _same_file(target, ours)
    if what is None and target.parent in {real(progress.parent / "drafts"), real(pack)}:
        what = "in your drafts folder" if target.parent != real(pack) else "in the pack's folder"
    if what:
        raise EmprepError(
            f"--output {shown(name)}: that is {what} ({shown(str(target), 400)}), which an export "
            "would write over; give another file's name (say --output emprep.md)"
        )


def _same_file(target: Path, ours: dict[Path, str]) -> str | None:
    """What `target` is if it is a hard link to one of `ours`: the same file, another name."""
    try:
        st = os.stat(target)
    except OSError:
        return None
    for path, what in ours.items():
        try:
            other = os.stat(path)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            return what
    return None


def _fix(e: OSError) -> str:
    """What to do when the export could not be written: nothing was, so only where to."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return "nothing was written; free some space, or give a path on another disk"
    if e.errno == errno.EROFS:
        return "nothing was written; give a path on a disk that can be written"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "nothing was written; give a path in a folder you can write"
    return "nothing was written; give another path"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
