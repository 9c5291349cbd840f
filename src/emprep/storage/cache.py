"""Validated data kept between runs: a command reading the same bytes as the last one skips TOML
parsing and pydantic, which cost more than everything else it does.

An entry holds the exact bytes it was made from, and is used only when the file's bytes are
those bytes, so an edited file is always parsed and checked afresh. An entry that cannot be read
(another version of emprep, a half-written file, a folder that is not there) is a miss; one that
cannot be written is skipped. The entries are the user's own, in their cache folder.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import emprep
from emprep.core import models
from emprep.storage.files import write_atomic

FORMAT = 1
T = TypeVar("T")
SCHEDULING = ("drill.py", "pace.py", "scheduler.py", "days.py", "practice.py")


def folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("emprep")


def _stamp() -> tuple[object, ...]:
    """What the pickled classes depend on: an upgrade, or an edited source in a development
    install, makes every entry a miss."""
    modules = Path(models.__file__).parent
    mtimes = tuple(os.stat(modules / m).st_mtime_ns for m in ("models.py", "pack.py"))
    return (FORMAT, emprep.__version__, mtimes)


def _entry(kind: str, source: Path) -> Path:
    name = os.path.abspath(source)
    return folder() / f"{kind}-{zlib.crc32(name.encode('utf-8', 'surrogateescape')):08x}.pickle"


def get(kind: str, source: Path, raw: object) -> Any:
    """What `put` kept for `source` when it held `raw`, or None."""
    try:
        with _entry(kind, source).open("rb") as f:
            stamp, name, kept, payload = pickle.load(f)
        if stamp != _stamp() or name != os.path.abspath(source) or kept != raw:
            return None
        return pickle.loads(payload)
    except Exception:  # any unreadable entry is only a miss: the file itself is read instead
        return None


def put(kind: str, source: Path, raw: object, value: object) -> None:
    """Keep `value`, the validated contents of `source` holding `raw`; atomically, and not at all
    if the cache folder cannot be written."""
    try:
        entry = _entry(kind, source)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        data = (_stamp(), os.path.abspath(source), raw, payload)
        write_atomic(entry, pickle.dumps(data, pickle.HIGHEST_PROTOCOL), durable=False)
    except (OSError, pickle.PicklingError):  # a value that cannot be kept is only not kept
        return


def memo(kind: str, source: Path, key: object, compute: Callable[[], T]) -> T:
    """`compute()`, kept beside `source` for as long as it is asked with an equal `key`: for a
    result that costs more than a start-up can spend and depends on `key` alone."""
    modules = Path(models.__file__).parent
    code = tuple(os.stat(modules / m).st_mtime_ns for m in SCHEDULING)
    key = (key, code)
    kept = get(kind, source, key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    value = compute()
    put(kind, source, key, value)
    return value
