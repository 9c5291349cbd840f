"""The locks emprep takes (the progress file's, the pace advice's process's): `flock` on the
lock file where the system has it, as filelock takes it there, so a lock of either kind keeps
the other out. Not filelock itself there: importing it (its logging, secrets and decimal) cost
a rating 10-15 ms, more than the rest of its save. Where there is no flock (Windows, or a file
system without it), filelock takes the lock.
"""

from __future__ import annotations

import errno
import os
from time import monotonic, sleep
from types import TracebackType
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    FLOCK = False
else:
    FLOCK = True

POLL = 0.05  # seconds between tries while another holds the lock, as filelock waits
BUSY = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK})


class Timeout(TimeoutError):
    """The lock was not had within the time given (at once, when not waited for)."""

    def __init__(self, lock_file: str) -> None:
        super().__init__(f"the lock {lock_file} is held by another")
        self.lock_file = lock_file


class Lock:
    """An exclusive lock on the file `lock_file` (made with `mode` if it is not there), had
    with `with` or `acquire` and let go with `release`: waited for up to `timeout` seconds
    (for ever when negative), or tried once when not `blocking`."""

    def __init__(
        self, lock_file: str, *, timeout: float = -1, blocking: bool = True, mode: int = 0o644
    ) -> None:
        self.lock_file = lock_file
        self.timeout, self.blocking, self.mode = timeout, blocking, mode
        self._fd: int | None = None
        self._held = 0  # acquired this many times, not yet released
        self._other: Any = None  # filelock's lock, where there is no flock

    @property
    def is_locked(self) -> bool:
        return self._held > 0

    def acquire(self, timeout: float | None = None, blocking: bool | None = None) -> Held:
        """The lock, waited for as told (else as made); Timeout if it was not had. What it
        returns lets it go at the end of a `with`."""
        wait = self.timeout if timeout is None else timeout
        block = self.blocking if blocking is None else blocking
        if not self._held:
            if self._other is None and FLOCK:
                self._flock(wait, block)
            if self._fd is None:
                self._by_filelock(wait, block)
        self._held += 1
        return Held(self)

    def _flock(self, wait: float, block: bool) -> None:
        """The lock by flock; left to filelock (`_other`) where the file system has none."""
        end = monotonic() + wait
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
        while True:
            fd = os.open(self.lock_file, flags, self.mode)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno in (errno.ENOSYS, errno.EOPNOTSUPP):
                    self._other = self._filelock()
                    return
                if e.errno not in BUSY:
                    raise
                if not block or (wait >= 0 and end <= monotonic()):
                    raise Timeout(self.lock_file) from None
                sleep(POLL)
                continue
            if self._same_file(fd):
                self._fd = fd
                return
            os.close(fd)  # the file was replaced while it was opened: the lock is the new one's

    def _same_file(self, fd: int) -> bool:
        try:
            here = os.stat(self.lock_file, follow_symlinks=False)
        except OSError:
            return False
        there = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    def _filelock(self) -> Any:
        from filelock import FileLock

        return FileLock(self.lock_file, mode=self.mode)

    def _by_filelock(self, wait: float, block: bool) -> None:
        from filelock import Timeout as Late

        if self._other is None:
            self._other = self._filelock()
        try:
            self._other.acquire(timeout=wait, blocking=block)
        except Late:
            raise Timeout(self.lock_file) from None

    def release(self, force: bool = False) -> None:
        """Let the lock go once (every time it was acquired, with `force`)."""
        if not self._held:
            return
        self._held = 0 if force else self._held - 1
        if self._held:
            return
        if self._fd is None:
            self._other.release(force=True)
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> Lock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


class Held:
    """What `acquire` gives: `.lock`, let go at the end of a `with`."""

    def __init__(self, lock: Lock) -> None:
        self.lock = lock

    def __enter__(self) -> Lock:
        return self.lock

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.lock.release()
