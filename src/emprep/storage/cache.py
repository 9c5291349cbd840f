"""Checked data kept between runs: a command reading the same bytes as the last one skips TOML
parsing and pydantic, which cost more than everything else it does.

An entry holds the exact bytes it was made from and is used only when the file's bytes are those
bytes, so an edited file is always parsed and checked afresh. What it holds is plain data (dicts,
lists, strings, numbers) in `marshal`'s format, which cannot run code when read, and it is built
back into the models' dataclasses by name from a fixed list; pydantic is not involved. An entry
is read only from a folder and a file that are the user's own and that no one else can write.
Its name carries emprep's version and where emprep and the cached file live, so two installs or
versions keep their own entries. An entry that cannot be read (damaged, from another format, a
half-written file, a folder that is not there) is a miss; one that cannot be written is skipped.
An entry starts with a checksum of the rest: a damaged one (a byte changed on the disk) would
otherwise be read as values the file does not hold, and a save made from it would write them
into the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import operator
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path, PosixPath, WindowsPath
from typing import TYPE_CHECKING, Any, TypeVar

import emprep
from emprep.core import models
from emprep.core.datatype import EAGER, FIELDS, LATER, restored, restored_later
from emprep.core.pack import Pack
from emprep.storage.files import (
    lock_failure,
    make_folder,
    new_file_owner,
    user_folder,
    write_atomic,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

# 3: an instance of plain values only tagged apart (LEAF); 4: a checksum first; 5: an instance's
# later fields kept in bytes of their own (LATE), and the file's bytes after the marshal data;
# 6: the pace advice and its inputs carry the timed answers a question is weighed by
FORMAT = 6
# An entry holds its file's bytes and what they give: about twice the file (a progress file
# of 64 MB, the most emprep reads, about 130 MB). Anything larger under an entry's name is
# junk, and is not read: a 3 GB one took 40 s and 3 GB of memory before every command.
ENTRY_LIMIT = 256 * 1024 * 1024
SCALARS = frozenset({str, int, float, bool})
# Whether a missing cache folder is made (`only_into_existing` says not)
MAKE_FOLDER = True
T = TypeVar("T")
# Tags of the values marshal cannot hold as they are, and of containers holding such values
# (a list or dict of plain values is stored as it is, so reading it back costs nothing).
# An instance whose fields are all plain (LEAF: most of the pack's, its points and red flags)
# is built back from the very dict marshal gives, without a pass over its fields.
# An instance with later fields (`datatype.later`: a question's points) holds them as marshal's
# bytes of their own (LATE), read only when one of them is: marshal makes one bytes object of
# what would be thousands of values.
CLASS, LEAF, DAY, MOMENT, PATH, LIST, DICT, LATE = "c", "f", "d", "t", "p", "l", "m", "z"
SCHEDULING = (
    "drill.py",
    "gain.py",
    "passes.py",
    "pace.py",
    "scheduler.py",
    "days.py",
    "practice.py",
    "rounds.py",
    "calibration.py",
    "introductions.py",
)


def folder() -> Path:
    return user_folder("cache")


def _classes() -> dict[str, type]:
    """The classes an entry may name: the models' datatypes and the pack; nothing else."""
    found = {
        name: cls
        for name, cls in vars(models).items()
        if isinstance(cls, type) and FIELDS in cls.__dict__ and cls.__module__ == models.__name__
    }
    return {**found, "Pack": Pack}


def _stamp() -> tuple[object, ...]:
    """What the stored data's shape depends on: the format, the version, and the models' source
    (an edit in a development install makes every entry a miss)."""
    return (FORMAT, emprep.__version__, _mtimes(("models.py", "pack.py")))


def _entry(kind: str, source: Path) -> Path:
    """`progress-0.4.0-1a2b3c4d.marshal`: the version, and a checksum of where this emprep and
    the cached file live."""
    where = f"{Path(emprep.__file__).parent}\0{os.path.abspath(source)}"
    key = zlib.crc32(where.encode("utf-8", "surrogateescape"))
    return folder() / f"{kind}-{emprep.__version__}-{key:08x}.marshal"


# The values that cannot change in place: an instance whose fields are all of these (a card)
# is plain as it was while they are the very values it was built with.
FLAT = frozenset({*SCALARS, type(None), date, datetime, PosixPath, WindowsPath})
# The instances each entry read in this run built back (`get`: the 600 cards of a file of
# 10,000 reviews), each with its fields as built and the plain data it was built from, by id:
# `plain` gives a flat one whose fields are still the very values built that data again,
# without making it afresh (the cards of a rating's save, and of the pace advice's key on every
# warm command: 2.2 ms each). The last read of each entry only.
_BUILT: dict[tuple[str, str], dict[int, tuple[object, tuple[object, ...], object]]] = {}


def plain(value: object) -> object:
    """`value` as data marshal can hold: dataclasses, dates and paths as tagged tuples."""
    kind = type(value)
    if kind in SCALARS or value is None:  # the most common, first
        return value
    # a list or dict: a plain value in it is taken as it is, without a call (a replay's
    # 10,000 observations, each a list of three numbers, took 9 ms, now 5)
    if isinstance(value, list):
        items = [v if type(v) in SCALARS or v is None else plain(v) for v in value]
        return (LIST, items) if tuple in map(type, items) else items
    if isinstance(value, dict):
        pairs = {k: v if type(v) in SCALARS or v is None else plain(v) for k, v in value.items()}
        return (DICT, pairs) if tuple in map(type, pairs.values()) else pairs
    names = kind.__dict__.get(FIELDS)
    if names is not None:
        return _instance(value, names)
    if isinstance(value, datetime):
        return (MOMENT, value.isoformat())
    if isinstance(value, date):
        return (DAY, value.isoformat())
    if isinstance(value, Path):
        return (PATH, str(value))
    if value is None or isinstance(value, str | int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _instance(value, [f.name for f in dataclasses.fields(value)])
    raise TypeError(f"the cache cannot hold a {type(value).__name__}")


def _instance(value: object, names: Sequence[str]) -> object:
    """An instance as marshal holds it: its class's name and its fields made plain, tagged
    LEAF when no field needs building back (read back as the very dict marshal gives); its
    later fields, if its class has any, apart in bytes (LATE)."""
    kind = type(value)
    for found in _BUILT.values():
        kept = found.get(id(value))
        if kept is not None and kept[0] is value and _same(tuple(vars(value).values()), kept[1]):
            return kept[2]  # the very values built: of a kind that cannot change (`_same`)
    if (late := kind.__dict__.get(LATER)) is not None:
        held: Any = plain({name: getattr(value, name) for name in late})
        eager = plain({name: getattr(value, name) for name in kind.__dict__[EAGER]})
        return (LATE, kind.__name__, eager, marshal.dumps(held))
    fields = {
        name: v if type(v := getattr(value, name)) in SCALARS or v is None else plain(v)
        for name in names
    }
    leaf = tuple not in map(type, fields.values())
    return (LEAF if leaf else CLASS, type(value).__name__, fields)


def _same(now: tuple[object, ...], then: tuple[object, ...]) -> bool:
    """The very values, one for one (an equal value may be written otherwise: a time at
    another offset), each of a kind that cannot change in place (FLAT: a list could have)."""
    return (
        len(now) == len(then)
        and all(map(operator.is_, now, then))
        and FLAT.issuperset(map(type, now))
    )


def built(
    data: object,
    classes: dict[str, type],
    found: dict[int, tuple[object, tuple[object, ...], object]] | None = None,
) -> Any:
    """What `plain` was given, built back; a name outside `classes` is refused. The instances
    built whole (CLASS) go into `found` (`_BUILT`), if given."""
    if type(data) is not tuple:
        return data
    tag, inside = data[0], data[-1]
    # a plain value is taken as it is without a call: the pack's entry holds thousands
    if tag == LEAF:
        return restored(classes[data[1]], inside)
    if tag == CLASS:
        values = {k: built(v, classes, found) if type(v) is tuple else v for k, v in inside.items()}
        made: object = restored(classes[data[1]], values)
        if found is not None:
            found[id(made)] = (made, tuple(values.values()), data)
        return made
    if tag == LATE:
        eager = built(data[2], classes, found)
        return restored_later(classes[data[1]], eager, partial(_unpacked, inside, classes))
    if tag == MOMENT:
        return datetime.fromisoformat(inside)
    if tag == DAY:
        return date.fromisoformat(inside)
    if tag == PATH:
        return Path(inside)
    if tag == LIST:
        return [built(v, classes, found) if type(v) is tuple else v for v in inside]
    if tag == DICT:
        return {k: built(v, classes, found) if type(v) is tuple else v for k, v in inside.items()}
    raise ValueError(f"unknown tag {tag!r}")


def _unpacked(kept: bytes, classes: dict[str, type]) -> Any:
    """An instance's later fields (LATE), from the bytes its entry held for them: read when
    one is first asked for, from the entry as it was checked (its checksum, its file's bytes)
    when the instance was built, not from the disk again."""
    return built(marshal.loads(kept), classes)


def _own(st: os.stat_result) -> bool:
    """Made by this user, and writable by no one else: nobody could have planted it."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(
    kind: str, source: Path, raw: object, *, cls: type[T], extra: Mapping[str, type] | None = None
) -> T | None:
    """What `put` kept for `source` when it held `raw`, as a `cls`; or None. `extra` names
    classes beyond the models' that the entry may hold."""
    try:
        entry = _entry(kind, source)
        if not _own(os.stat(entry.parent)):
            return None
        # O_NONBLOCK: a FIFO under an entry's name must not hang every command
        with os.fdopen(os.open(entry, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or not _own(st) or st.st_size > ENTRY_LIMIT:
                return None
            # whole, then decoded: marshal.load on the file reads it a value at a time, 15
            # times slower for the pack's entry (8 ms instead of 0.6)
            data = f.read()
        body = opened(data)
        if body is None:
            return None
        stamp, name, kept, sizes, payload = marshal.loads(body)
        if stamp != _stamp() or name != os.path.abspath(source):
            return None
        if not (kept == raw if sizes is None else _holds(data, sizes, raw)):
            return None
        found: dict[int, tuple[object, tuple[object, ...], object]] = {}
        value = built(payload, {**_classes(), **(extra or {})}, found)
        _BUILT[kind, name] = found
    except Exception:  # any unreadable entry is only a miss: the file itself is read instead
        return None
    return value if isinstance(value, cls) else None


def _files(raw: object) -> tuple[bytes, ...] | None:
    """The files' bytes `raw` is (one file's, or the pack's two as a tuple), held after the
    entry's marshal data rather than in it, where reading the entry copied them out (1.4 MB
    for a pack of 600 questions, 0.9 ms); None for a key of any other kind, kept in it."""
    if type(raw) is bytes:
        return (raw,)
    if type(raw) is tuple and raw and all(type(part) is bytes for part in raw):
        return raw
    return None


def _holds(data: bytes, sizes: object, raw: object) -> bool:
    """Whether the entry `data` ends with the files' bytes `raw` (`_files`), as many as
    `sizes` says (one file's: an int; several files': a tuple of ints): compared where they
    are, not copied."""
    files = _files(raw)
    if files is None or sizes != (len(files[0]) if type(raw) is bytes else tuple(map(len, files))):
        return False
    at = len(data) - sum(map(len, files))
    if at < 4:  # no room for the checksum before them
        return False
    for part in files:
        if not data.startswith(part, at):
            return False
        at += len(part)
    return True


def sealed(*body: bytes) -> bytes:
    """An entry's bytes: the checksum of `body`'s parts one after the other (CRC-32, 4 bytes),
    then those parts."""
    crc = 0
    for part in body:
        crc = zlib.crc32(part, crc)
    return b"".join([crc.to_bytes(4, "big"), *body])


def opened(data: bytes) -> memoryview | None:
    """The body of an entry `sealed` made; None if its checksum does not hold (damaged)."""
    body = memoryview(data)[4:]
    if len(data) < 4 or zlib.crc32(body) != int.from_bytes(data[:4], "big"):
        return None
    return body


def put(kind: str, source: Path, raw: object, *, value: object) -> None:
    """Keep `value`, the checked contents of `source` holding `raw`: atomically, and not at all
    if the cache folder cannot be written or is not the user's own."""
    try:
        entry = _entry(kind, source)
        if MAKE_FOLDER:
            make_folder(entry.parent)
        if not _own(os.stat(entry.parent)):
            return
        files = _files(raw)
        sizes = (
            None
            if files is None
            else len(files[0])
            if type(raw) is bytes
            else tuple(map(len, files))
        )
        data: Any = (
            _stamp(),
            os.path.abspath(source),
            raw if files is None else None,
            sizes,
            plain(value),
        )
        body = sealed(marshal.dumps(data), *(files or ()))
        try:
            write_atomic(entry, body, durable=False)
        except IsADirectoryError:  # an empty folder under the entry's name, made by mistake
            os.rmdir(entry)  # a folder holding anything stays: nothing of a user's is removed
            write_atomic(entry, body, durable=False)
        _sweep(entry.parent)
    except (OSError, ValueError, TypeError):
        return


# A temporary file `put` makes beside an entry (`.pack-0.4.0-1a2b3c4d.marshal.k3j_x9a2.tmp`):
# one a write killed by SIGKILL left is removed once older than TEMP_AGE seconds, which no
# write still at work reaches (a write of the largest entry takes milliseconds).
TEMP_NAME = r"\.[a-z]+-[^/]+-[0-9a-f]{8}\.marshal\.[a-z0-9_]{8}\.tmp"  # compiled by a miss alone
TEMP_AGE = 10 * 60


def _sweep(folder: Path) -> None:
    """Remove the temporaries killed writes left in the cache folder: only files of this
    user's named as `put` names them, and only old ones, so another emprep's write at work
    and anything else kept there stay."""
    now = time.time()
    with os.scandir(folder) as found:
        for item in found:
            if not re.fullmatch(TEMP_NAME, item.name):
                continue
            with contextlib.suppress(OSError):
                st = item.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and _own(st) and now - st.st_mtime > TEMP_AGE:
                    os.unlink(item.path)


def get_or_parse(
    kind: str,
    source: Path,
    raw: object,
    *,
    cls: type[T],
    parse: Callable[[], T],
    remember: bool = True,
) -> T:
    """The contents of `source` holding `raw`: kept from an earlier read of these very bytes,
    else `parse()` (and kept, if `remember`)."""
    kept = get(kind, source, raw, cls=cls)
    if kept is not None:
        return kept
    value = parse()
    if remember:
        put(kind, source, raw, value=value)
    return value


def memo(
    kind: str,
    source: Path,
    key: object,
    *,
    cls: type[T],
    compute: Callable[[], T | None],
    extra: Mapping[str, type],
    wait: Callable[[], bool] | None = None,
) -> T | None:
    """`compute()`, kept beside `source` for as long as it is asked with an equal `key` and the
    scheduling code is unchanged: for a result that costs more than a start-up can spend and
    depends on `key` alone. `extra` are the result's own classes. On a miss, `wait()` says
    whether another process may have kept it since (it waited for one): looked for again."""
    raw = (plain(key), _scheduling())
    kept = get(kind, source, raw, cls=cls, extra=extra)
    if kept is None and wait is not None and wait():
        kept = get(kind, source, raw, cls=cls, extra=extra)
    if kept is not None:
        return kept
    value = compute()
    if value is not None:
        put(kind, source, raw, value=value)
    return value


def latest(kind: str, source: Path, *, cls: type[T], extra: Mapping[str, type]) -> T | None:
    """The last value `keep` kept beside `source` while the scheduling code was as it is now:
    for work a later run can go on from (the caller checks that it may)."""
    return get(kind, source, _scheduling(), cls=cls, extra=extra)


def keep(kind: str, source: Path, *, value: object) -> None:
    """Keep `value` beside `source` for `latest`, while the scheduling code is as it is."""
    put(kind, source, _scheduling(), value=value)


def _scheduling() -> tuple[int, ...]:
    """The scheduling code's version: an entry it computed is stale once that code changes,
    FSRS's own too (`pip install --upgrade fsrs`, which emprep's version does not show)."""
    return (*_mtimes(SCHEDULING), _fsrs())


def _fsrs() -> int:
    """When FSRS's scheduler was installed, found on the path without importing it (which
    costs more than the command a cached entry saves it for); 0 if it is not found."""
    for folder in sys.path:
        try:
            return os.stat(os.path.join(folder, "fsrs", "scheduler.py")).st_mtime_ns
        except OSError:
            continue
    return 0


def _mtimes(names: tuple[str, ...]) -> tuple[int, ...]:
    """When the core's modules `names` were last changed (as text paths: a Path each cost
    more than its stat)."""
    here = os.path.dirname(models.__file__)
    return tuple(os.stat(os.path.join(here, name)).st_mtime_ns for name in names)


@contextlib.contextmanager
def only_into_existing() -> Iterator[None]:
    """Entries kept meanwhile go only into a cache folder that is there: for the process a
    rating leaves behind, whose command made the folder; one gone since went with a home
    deleted meanwhile, which making it again would bring back."""
    global MAKE_FOLDER
    MAKE_FOLDER = False
    try:
        yield
    finally:
        MAKE_FOLDER = True


def warm_lock(source: Path) -> BaseFileLock:
    """The lock of the process that fills `source`'s entries behind a command that changed it
    (`review`), so that one such process runs at a time. Taken without waiting."""
    from filelock import FileLock

    entry = _warm_entry(source)
    if MAKE_FOLDER:
        make_folder(entry.parent)
    _give_to_owner(entry)
    return _lockable(FileLock(entry, blocking=False))


def _lockable(lock: BaseFileLock) -> BaseFileLock:
    """`lock`, once its file is seen to lock: where the file system cannot, filelock printed a
    two-line warning on stderr and fell back to a lock a killed process would hold for good.
    There an OSError says it cannot be taken, so no process fills the entries behind a command
    (each command computes what it needs)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(lock.lock_file, flags, 0o600)
    try:
        failure = lock_failure(fd)
    finally:
        os.close(fd)
    if failure is not None:
        raise failure
    return lock


def _give_to_owner(lock: Path) -> None:
    """Run as root (sudo) in another user's cache folder: the lock is made theirs, so their
    own emprep can take it after; one of root's there would stop their warming for good."""
    owner = new_file_owner(lock.parent)
    if owner is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            os.fchown(fd, owner.st_uid, owner.st_gid)
        finally:
            os.close(fd)


def _warm_entry(source: Path) -> Path:
    return _entry("warm", source).with_suffix(".lock")


def waited(source: Path, *, timeout: float) -> bool:
    """Whether a process was filling `source`'s entries, waited for up to `timeout` seconds:
    what it leaves is what the caller would compute, without a second computation beside it."""
    from filelock import Timeout

    if not warming(source):
        return False
    try:
        with warm_lock(source).acquire(timeout=timeout, blocking=True):
            return True
    except (Timeout, OSError):
        return False


def warming(source: Path) -> bool:
    """A process is filling `source`'s entries now, or there is no cache folder to fill (or
    none this user may enter)."""
    from filelock import Timeout

    entry = _warm_entry(source)
    try:
        if not entry.parent.is_dir():
            return True
        if not entry.exists():  # none ever was: none is now
            return False
    except OSError:  # a folder closed to this user (another user's): no cache to fill
        return True
    try:
        with warm_lock(source):
            return False
    except (Timeout, OSError):
        return True
