"""emprep's lock: flock on the lock file, keeping out a lock filelock takes there and kept out
by one, as filelock's own were; filelock's where the file system has no flock."""

from __future__ import annotations

import errno
import fcntl
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock
from filelock import Timeout as FilelockTimeout

from emprep.storage import flock
from emprep.storage.flock import Lock, Timeout


def _held_elsewhere(path: Path, kind: str) -> subprocess.Popen[str]:
    """Another process holding the lock at `path` (`kind`: emprep's or filelock's) until its
    input closes; returned once it holds it."""
    take = {
        "emprep": "from emprep.storage.flock import Lock; held = Lock(path).acquire()",
        "filelock": "from filelock import FileLock; held = FileLock(path).acquire()",
    }[kind]
    code = textwrap.dedent(f"""\
        import sys
        path = sys.argv[1]
        {take}
        print("held", flush=True)
        sys.stdin.read()
        """)
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout is not None and other.stdout.readline() == "held\n"
    return other


def _let_go(other: subprocess.Popen[str]) -> None:
    assert other.stdin is not None
    other.stdin.close()
    assert other.wait(timeout=30) == 0


@pytest.mark.parametrize("kind", ["emprep", "filelock"])
def test_a_lock_held_by_another_process_is_waited_for_then_taken(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "progress.toml.lock"
    other = _held_elsewhere(path, kind)
    lock = Lock(str(path), timeout=0.2)
    with pytest.raises(Timeout) as refused:
        lock.acquire()
    assert refused.value.lock_file == str(path)
    with pytest.raises(Timeout):
        lock.acquire(blocking=False)
    assert not lock.is_locked
    _let_go(other)
    with lock.acquire(timeout=5) as had:
        assert had is lock and lock.is_locked
    assert not lock.is_locked


def test_filelock_waits_for_emprep_s_lock(tmp_path: Path) -> None:
    """A lock of emprep's keeps out one of filelock's (an older emprep, or its fallback)."""
    path = tmp_path / "progress.toml.lock"
    with Lock(str(path), mode=0o600):
        assert path.stat().st_mode & 0o777 == 0o600
        with pytest.raises(FilelockTimeout):
            FileLock(str(path), timeout=0.2).acquire()
    with FileLock(str(path), timeout=0.2):
        pass


def test_a_second_lock_in_one_process_waits_as_another_process_would(tmp_path: Path) -> None:
    path = str(tmp_path / "warm.lock")
    first, second = Lock(path), Lock(path, blocking=False)
    with first, pytest.raises(Timeout):
        second.acquire()
    with second:
        assert second.is_locked
    assert not second.is_locked


def test_acquired_twice_it_is_let_go_by_the_second_release_or_a_forced_one(tmp_path: Path) -> None:
    path = str(tmp_path / "x.lock")
    lock, other = Lock(path), Lock(path, blocking=False)
    lock.acquire()
    lock.acquire()
    lock.release()
    with pytest.raises(Timeout):
        other.acquire()
    lock.release()
    with other:
        pass
    lock.acquire().lock.acquire()
    lock.release(force=True)
    assert not lock.is_locked
    with other:
        pass
    lock.release()  # not held: nothing to let go


def test_a_lock_let_go_while_it_is_waited_for_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.lock"
    other = _held_elsewhere(path, "emprep")
    waits: list[float] = []
    sleep = time.sleep

    def wait(seconds: float) -> None:  # the first wait: the other lets go meanwhile
        if not waits:
            _let_go(other)
        waits.append(seconds)
        sleep(seconds)

    monkeypatch.setattr(flock, "sleep", wait)
    with Lock(str(path), timeout=-1) as lock:
        assert lock.is_locked
    assert waits == [flock.POLL]


def test_where_the_file_system_has_no_flock_filelock_takes_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[tuple[str, object]] = []

    class Taking:
        """filelock's lock, as emprep calls it (filelock itself keeps what it learnt of the
        file system for the rest of the process)."""

        def acquire(self, timeout: float, blocking: bool) -> None:
            done.append(("acquire", (timeout, blocking)))

        def release(self, force: bool) -> None:
            done.append(("release", force))

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    monkeypatch.setattr(Lock, "_filelock", lambda self: Taking())
    lock = Lock(str(tmp_path / "x.lock"), timeout=3)
    with lock:
        assert lock.is_locked
    assert done == [("acquire", (3, True)), ("release", True)]
    assert not lock.is_locked


def test_without_flock_at_all_filelock_takes_the_lock_and_its_timeout_is_emprep_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Windows."""
    monkeypatch.setattr(flock, "FLOCK", False)
    path = tmp_path / "x.lock"
    other = _held_elsewhere(path, "filelock")
    with pytest.raises(Timeout):
        Lock(str(path), timeout=0.1).acquire()
    _let_go(other)
    with Lock(str(path)) as lock:
        assert lock.is_locked and lock._other is not None
