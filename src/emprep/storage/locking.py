"""The progress file's lock and folder: what would stop a save, refused before it is tried.

The lock sits beside the file's target, so every spelling of the path takes the same one. A
folder that cannot be made or written, a read-only disk, a lock another user left or another
emprep holds: each is one line naming the fix, said before a person types anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from emprep.core.errors import EmprepError
from emprep.storage import files

if TYPE_CHECKING:
    from filelock import FileLock

LIMIT = 64 * files.MiB  # a progress file: about a million reviews; anything larger is none
LOCK_TIMEOUT = 15.0
# Before the first prompt: a save in progress holds the lock for milliseconds (a refusal then
# was a false "another emprep is using it", 3 times in 15 beside a loop of `config set`); one
# held longer than this is another emprep at work, said before anything is typed.
READY_WAIT = 2.0


class StoreError(EmprepError):
    """The progress file cannot be read or written; it is left as it was."""


def held_long(path: Path, lock_file: str) -> StoreError:
    """The lock another program kept past LOCK_TIMEOUT, said with the command that names it."""
    return StoreError(
        f"progress file {path}: another program, most likely an emprep still running, has "
        f"held its lock for {LOCK_TIMEOUT:g} s; finish it and try again (lsof "
        f"{files.quoted(Path(lock_file))} names it)"
    )


@contextlib.contextmanager
def locked(path: Path, wait: float = LOCK_TIMEOUT) -> Iterator[None]:
    """The progress file's lock held, for a draft beside it that two emprep may rewrite (a
    session's, and `undo`'s taking a rating out of it); StoreError if another holds it
    longer than `wait` seconds."""
    from filelock import Timeout

    _, lock = prepare(path)
    try:
        with taken(path, lock, wait):
            yield
    except Timeout:
        raise held_long(path, lock.lock_file) from None


@contextlib.contextmanager
def taken(path: Path, lock: FileLock, wait: float) -> Iterator[None]:
    """`lock` held (filelock's Timeout after `wait` seconds); the disk refusing it (an I/O
    error, a full disk as the lock file opens) is a StoreError, not the output's failure
    (exit 74, "check it and try again"): nothing was read or changed yet."""
    from filelock import Timeout

    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise
    except OSError as e:
        raise untaken(path, lock.lock_file, e) from None
    try:
        yield
    finally:
        lock.release()


def untaken(path: Path, lock_file: str, e: OSError) -> StoreError:
    """The lock at `lock_file` the disk would not open or lock (`e`)."""
    return StoreError(
        f"progress file {path}: its lock {lock_file} cannot be taken ({files.reason(e)}); "
        f"nothing was changed. {save_fix(e)}"
    )


def save_fix(e: OSError) -> str:
    """What to do before trying a save again that the disk refused with `e`: a disk the
    kernel made read-only after an error (or remounted so) while emprep ran is no matter of
    space or permissions, nor is a write the disk failed; a full disk is no matter of
    permissions, nor a folder closed to you of space."""
    if e.errno == errno.EROFS:
        return (
            "Its disk was made read-only: make it writable again, or give a path on a disk "
            f"that can be written: {files.another_progress_path()}"
        )
    if e.errno in files.FAILED:
        return (
            "The disk failed to write it: try again, and if it fails again, check that disk "
            "(or the network share it is on: its connection)"
        )
    if e.errno == errno.ENOSPC:
        return "Free some space on its disk, then try again"
    if e.errno == errno.EDQUOT:
        return "Free some space within your disk quota (quota -s shows it), then try again"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "Fix the folder's permissions, then try again"
    return "Free some space or fix the folder's permissions, then try again"


def writable(path: Path) -> None:
    """Refuse now what would stop the next save, before a person answers or types (a drill's
    first question, a round's questions): a lock another emprep holds, a folder on a
    read-only disk or one that cannot be written."""
    from filelock import Timeout

    target, lock = prepare(path)
    try:
        with taken(path, lock, READY_WAIT):
            pass
    except Timeout:
        raise StoreError(
            f"progress file {path}: another program, most likely an emprep still running, "
            "holds its lock; finish it first, then try again (lsof "
            f"{files.quoted(Path(lock.lock_file))} names it)"
        ) from None
    if files.read_only_disk(target.parent):
        raise _read_only(path, target)
    if not os.access(target.parent, os.W_OK):
        raise StoreError(
            f"progress file {path}: its folder {target.parent} cannot be written "
            "(permission denied); fix the folder's permissions first, then try again"
        )
    stuck = sticky_backup(path, target) if target.exists() else None
    if stuck:
        raise stuck


def sticky_backup(path: Path, target: Path) -> StoreError | None:
    """The backup beside `target` when another user's in a sticky folder (as /tmp is), which
    only its owner may replace or move: every save would fail on it, said before a drill's
    first question or a story's first prompt rather than after the first answer. None if
    the backup is not such a file."""
    bak = target.with_name(target.name + ".bak")
    stuck = files.kept_by_sticky(bak)
    if stuck is None:
        return None
    aside = files.quoted(bak.with_name(bak.name + ".old"))
    return StoreError(
        f"progress file {path}: its backup {bak} belongs to {stuck}, and its folder "
        f"{bak.parent} lets only a file's owner replace it (a sticky folder, as /tmp is); "
        "nothing was changed: the file and its backup are as they were. Have it moved away by "
        f"its owner or with sudo (sudo mv {files.quoted(bak)} {aside}), then try again, or "
        f"{own_folder()}"
    )


def prepare(path: Path) -> tuple[Path, FileLock]:
    """The file's target (symlinks followed), its folder made, and its lock, once the path
    is known to be a regular file or none."""
    refuse_missing_behind_link(path)
    target = files.real(path)
    try:
        files.make_folder(target.parent)
    except OSError as e:
        # a file where a folder goes: mkdir says "File exists" (or "Not a directory" below it)
        why = (
            "a folder in its path is a file"
            if e.errno in (errno.EEXIST, errno.ENOTDIR)
            else f"its folder cannot be made ({files.reason(e)})"
        )
        raise StoreError(
            f"progress file {path}: {why}; give a path in a folder you can write: "
            f"{files.another_progress_path()}"
        ) from None
    _refuse_unfit(path)
    denied = files.denied(target, elsewhere()) if target.exists() else None
    if denied:
        raise StoreError(f"progress file {path}: {denied}")
    return target, _lock(path, target)


def refuse_missing_behind_link(path: Path) -> None:
    """A symlink on the file's path leading to a folder that is not there (a synced folder or
    a disk not mounted yet) is said, not taken for a first run: a save made the folder and a
    new file in it, which the mount then hid or the sync set against the file it brings."""
    folder = files.missing_behind_link(path)
    if folder is not None:
        raise StoreError(
            f"progress file {path}: a symlink leads it to {files.real(path)}, whose folder "
            f"{folder} is not there (a synced folder or a disk not mounted yet?); nothing was "
            "changed. Mount it or let it sync, then try again; to start afresh there, make the "
            f"folder first: mkdir -p {files.quoted(folder)}"
        )


def elsewhere() -> str:
    """The fix where the progress file's disk cannot be written: another path."""
    return f"give a path on a disk that can be written: {files.another_progress_path()}"


def _read_only(path: Path, target: Path) -> StoreError:
    """The progress file's folder is on a disk mounted read-only: no chmod helps there."""
    return StoreError(
        f"progress file {path}: its folder {target.parent} is on a read-only file system; "
        f"{elsewhere()}"
    )


def _refuse_unfit(path: Path) -> None:
    """Refuse what is not a regular file before any lock is made beside it."""
    try:
        files.check(path)
    except files.Unfit as e:
        closed = files.closed_folder(path) if e.reason.endswith("(permission denied)") else None
        raise StoreError(f"progress file {path}: {closed or no_file(path, e.reason)}") from None


def no_file(path: Path, reason: str) -> str:
    """`reason` a path is no progress file (a folder, a FIFO, a device) and its fix: another
    path; or, where the backup beside it holds progress, the thing moved away and the backup
    copied back: something took the file's place (a folder made by mistake under its name),
    and the other path would start afresh."""
    from emprep.storage import recovery

    bak = files.real(path).with_name(files.real(path).name + ".bak")
    other = f"give a regular file's path: {files.another_progress_path()}"
    try:
        got = files.read(bak, LIMIT) if bak.is_file() else None
    except (files.Unfit, OSError):
        got = None
    if got is None or not got[0].strip():
        return f"{reason}; {other}"
    q, aside = files.quoted, recovery.aside(path)
    return (
        f"{reason}, but {bak} holds your progress as it was before its last save "
        f"({recovery.held_by(bak, got[0], None)}); if it took the file's place, move it away "
        f"and go back to the backup: mv {q(path)} {q(aside)} && cp {q(bak)} {q(path)}; if not, "
        f"{other}"
    )


def _lockable(path: Path, target: Path, fd: int) -> None:
    """Refuse a file system that cannot lock: filelock's failure there read as "cannot write
    the output", or its fallback was held for good by emprep's lock file, always there."""
    e = files.lock_failure(fd)
    if e is not None:
        raise StoreError(
            f"progress file {path}: its folder {target.parent} is on a file system that cannot "
            f"lock files ({files.reason(e)}), and emprep saves only under a lock, so that two "
            "saves never mix; nothing was changed. Give a path on a local disk: "
            f"{files.another_progress_path()}"
        )


def _closed_lock(path: Path, lock_path: Path) -> StoreError:
    """A lock this user may not open, said with the command that frees it: its owner's, or
    sudo's where a sticky folder (as /tmp is) lets no one else move it; `chmod` where it is
    the user's own with its mode taken away."""
    moved = (
        f"{files.quoted(lock_path)} {files.quoted(lock_path.with_name(lock_path.name + '.old'))}"
    )
    stuck = files.kept_by_sticky(lock_path)
    if stuck:
        return StoreError(
            f"progress file {path}: its lock {lock_path} belongs to {stuck}, and its folder "
            f"{lock_path.parent} lets only a file's owner move it (a sticky folder, as /tmp is), "
            f"so you can neither open nor move it; have it moved away by its owner or with sudo "
            f"(sudo mv {moved}), then try again, or {own_folder()}"
        )
    theirs = files.other_owner(lock_path)
    if theirs:  # left by emprep run as another user (sudo -u, a shared account)
        return StoreError(
            f"progress file {path}: its lock {lock_path} belongs to {theirs}, so you cannot "
            f"open it; move it away (mv {moved}), then try again"
        )
    try:
        mode = stat.S_IMODE(os.lstat(lock_path).st_mode)
    except OSError:
        mode = None
    if mode is not None and (mode & 0o600) != 0o600:
        return StoreError(
            f"progress file {path}: its lock {lock_path} cannot be opened (its mode is "
            f"{mode:04o}: you may not read and write it); give it back to yourself (chmod u+rw "
            f"{files.quoted(lock_path)}), then try again"
        )
    return StoreError(
        f"progress file {path}: its lock {lock_path} cannot be opened (permission denied); "
        "move it away and try again"
    )


def own_folder() -> str:
    """The fix where a lock of another user's is in the way: a path of one's own."""
    return f"give a path in a folder of your own: {files.another_progress_path()}"


def _loop(path: Path) -> bool:
    """Whether the symlink at `path` leads round in a loop (rather than to a file or nowhere)."""
    try:
        os.stat(path)
    except OSError as e:
        return e.errno == errno.ELOOP
    return False


def _lock(path: Path, target: Path) -> FileLock:
    """The lock beside the file's target, so every spelling of the path takes the same one;
    opened first here, so a lock path that cannot be a lock is named, not waited on."""
    from filelock import FileLock

    lock_path = target.with_name(target.name + ".lock")
    existed = lock_path.exists()
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
    try:  # not followed: filelock opens the lock without following a symlink either
        fd = os.open(lock_path, flags, 0o600)
    except OSError as e:
        if e.errno == errno.EROFS:
            raise _read_only(path, target) from None
        if e.errno in files.FAILED or e.errno in (errno.ENOSPC, errno.EDQUOT):
            # no move of it helps a disk that failed, or one too full to make it
            raise untaken(path, str(lock_path), e) from None
        if not existed and e.errno in (errno.EACCES, errno.EPERM):
            raise StoreError(
                f"progress file {path}: its folder {target.parent} cannot be written "
                f"({e.strerror}); fix the folder's permissions first, then try again"
            ) from None
        if e.errno == errno.EACCES:
            raise _closed_lock(path, lock_path) from None
        why = files.oserror(e)
        if e.errno == errno.ELOOP and not _loop(lock_path):
            why = "is a symlink, where emprep keeps a plain file"
        if e.errno == errno.EISDIR:
            why = "is a folder, where emprep keeps a plain file"
        raise StoreError(
            f"progress file {path}: its lock {lock_path} cannot be opened ({why}); "
            "move it away and try again"
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(
                f"progress file {path}: its lock {lock_path} is not a regular file; "
                "move it away and try again"
            )
        _lockable(path, target, fd)
        owner = files.check(target) or files.new_file_owner(target.parent)
        if owner is not None:  # its owner, and their mode, but always theirs to open
            files.keep_owner(fd, owner, add=stat.S_IRUSR | stat.S_IWUSR)
    except OSError as e:
        raise untaken(path, str(lock_path), e) from None
    finally:
        os.close(fd)
    return FileLock(str(lock_path), timeout=LOCK_TIMEOUT, mode=0o600)
