"""The progress file: locate, lock, load, validate, and write so that nothing typed is lost.

Every change is read -> validate -> modify -> write under a lock. A write goes to a temporary
file in the same folder, is fsynced, and atomically replaces the file; the version before it is
kept as `progress.toml.bak`. A file that does not load is never written over.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emprep.errors import EmprepError, shown
from emprep.models import SCHEMA, Progress, ReviewEntry

LOCK_TIMEOUT = 15.0


class StoreError(EmprepError):
    """The progress file cannot be read or written; it is left as it was."""


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("emprep") / "progress.toml"


def resolve_path(option: str | None) -> Path:
    """`--progress PATH` (or EMPREP_PROGRESS, which Typer folds into the option) or the default."""
    return Path(option).expanduser() if option else default_path()


def _recover_hint(path: Path) -> str:
    bak = path.with_name(path.name + ".bak")
    if bak.exists():
        return f"fix it by hand, or go back to the last good copy: cp '{bak}' '{path}'"
    return "fix it by hand, or move it away to start afresh"


def load(path: Path) -> Progress:
    """The progress in `path`; an empty one if there is no file yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Progress()
    except IsADirectoryError:
        raise StoreError(f"progress file {path}: is a folder; give a file path") from None
    except PermissionError:
        raise StoreError(f"progress file {path}: cannot be read (permission denied)") from None
    return parse(raw, path)


def parse(raw: bytes, path: Path) -> Progress:
    from pydantic import ValidationError

    from emprep.pack import key_path

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoreError(
            f"progress file {path}: is not UTF-8 text; {_recover_hint(path)}"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise StoreError(
            f"progress file {path}: invalid TOML: {e}; {_recover_hint(path)}"
        ) from None
    if isinstance(data.get("reviews"), list):
        data["reviews"] = [_review_fields(i, line, path) for i, line in enumerate(data["reviews"])]
    schema = data.get("schema", SCHEMA)
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise StoreError(
            f"progress file {path}: written by a newer emprep (schema {schema}, this one reads "
            f"{SCHEMA}); upgrade emprep: pip install --upgrade emprep"
        )
    try:
        return Progress.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise StoreError(
            f"progress file {path}: {key_path(err['loc'])}: {msg}; {_recover_hint(path)}"
        ) from None


REVIEW_FORMAT = "TIME QUESTION RATING SECONDS"


def _review_fields(i: int, line: object, path: Path) -> object:
    """One review line, `2026-11-20T09:00:00Z exe-scaling 3 40`, as the fields it holds.

    The log is a list of short strings because TOML parses them several times faster than
    tables, and the log is what grows."""
    if not isinstance(line, str):
        return line
    parts = line.split()
    try:
        at, question, rating, seconds = parts
        return {
            "at": datetime.fromisoformat(at),
            "question": question,
            "rating": int(rating),
            "seconds": int(seconds),
        }
    except ValueError:
        raise StoreError(
            f"progress file {path}: reviews[{i}]: '{shown(line)}' is not '{REVIEW_FORMAT}'; "
            f"{_recover_hint(path)}"
        ) from None


def _review_line(r: ReviewEntry) -> str:
    at = r.at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return f"{at} {r.question} {r.rating} {r.seconds}"


def _drop_none(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_none(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_drop_none(x) for x in node]
    return node


def dumps(progress: Progress) -> bytes:
    import tomli_w

    data = _drop_none(progress.model_dump(by_alias=True, exclude={"reviews"}))
    data["reviews"] = [_review_line(r) for r in progress.reviews]
    header = (
        "# emprep progress file. Edit with care: emprep checks it on every load.\n"
        f"# reviews: one line each, {REVIEW_FORMAT} (rating 1-4: again, hard, good, easy).\n"
    )
    return (header + tomli_w.dumps(data)).encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    """Temporary file beside `path`, fsync, replace: `path` is the old or the new, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def update(path: Path, change: Callable[[Progress], Progress]) -> Progress:
    """Apply `change` to the file's progress under the lock and save the result."""
    from filelock import FileLock, Timeout

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, mode=0o600)
        with lock:
            old = path.read_bytes() if path.exists() else None
            current = parse(old, path) if old is not None else Progress()
            new = change(current)
            data = dumps(new)
            if old is not None:
                _write_atomic(path.with_name(path.name + ".bak"), old)
            _write_atomic(path, data)
            _fsync_dir(path.parent)
            return new
    except Timeout:
        raise StoreError(
            f"progress file {path}: another emprep has held it for {LOCK_TIMEOUT:g} s; "
            "finish that one and try again"
        ) from None
    except OSError as e:
        raise StoreError(
            f"progress file {path}: cannot be written ({e.strerror or e}); nothing was changed. "
            "Free some space or fix the folder's permissions, then try again"
        ) from None
