"""Load a loop pack (built-in or a user's folder), validate it strictly and cross-check it."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from emprep.core.pack import Pack, PackError, PackIds
from emprep.storage import cache, files

ROUNDS_FILE = "rounds.toml"
QUESTIONS_FILE = "questions.toml"
LIMIT = 16 * files.MiB  # the built-in pack is 56 KB


def builtin_data_dir() -> Path:
    """The installed copy of `data/` first; the repository's `data/` for an editable install.
    (Beside this file rather than through importlib.resources, which costs a command 5 ms.)"""
    installed = Path(__file__).parents[1] / "data"
    if (installed / ROUNDS_FILE).is_file():
        return installed
    return Path(__file__).resolve().parents[3] / "data"


def data_dir(option: str | None) -> Path:
    """`--data DIR`, else `EMPREP_DATA`, else the built-in pack."""
    chosen = option or os.environ.get("EMPREP_DATA")
    return files.user_path(chosen, "--data") if chosen else builtin_data_dir()


# When the built-in pack's files last changed: an install does not keep a file's time, so the
# built-in pack is dated here (a test holds their digest: changed without a later date here, it
# fails).
BUILTIN_CHANGED = 1795388439.0  # 2026-11-22 23:00:39 UTC


def changed(option: str | None) -> float:
    """When the pack's files last changed (seconds since the epoch): an Anki package dates its
    notes by it, so Anki updates them only when the pack changed. A pack of your own by its
    files' times, the newer of the two; the built-in one by BUILTIN_CHANGED."""
    chosen = option or os.environ.get("EMPREP_DATA")
    if not chosen:
        return BUILTIN_CHANGED
    folder = data_dir(chosen)
    return max((folder / name).stat().st_mtime for name in (ROUNDS_FILE, QUESTIONS_FILE))


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file of at most LIMIT bytes (a FIFO would block for ever)."""
    try:
        got = files.read(path, LIMIT)
    except files.Unfit as e:
        if e.reason.endswith("(permission denied)"):
            fix = files.readable_fix(path)
        elif e.failed:
            fix = files.READ_FAILED
        elif e.reason.startswith("is larger than"):  # a regular file, but no pack's size
            fix = "a loop pack's file is a small fraction of that; check it is the pack's"
        else:
            fix = f"a pack folder holds {ROUNDS_FILE} and {QUESTIONS_FILE} as regular files"
        raise PackError(f"{path}: {e.reason}; {fix}") from None
    if got is None:
        raise PackError(
            f"{path}: not found; a pack folder holds {ROUNDS_FILE} and {QUESTIONS_FILE}"
        )
    return got[0]


# A pack is often another's: its broken line is fixed there, or the pack is had again
PACK_FIX = "fix it there, or ask whoever made the pack for a corrected copy"


def _toml(raw: bytes, path: Path) -> dict[str, Any]:
    """The pack file's TOML; one that cannot be read is a PackError naming it and why."""
    try:
        return files.toml_document(raw)
    except files.Unreadable as e:
        raise PackError(f"{path}: {e}; {'save it as UTF-8' if e.utf8 else PACK_FIX}") from None


def load_pack(option: str | None = None) -> Pack:
    """The pack in `--data`'s folder: from the cache when its files are as they were."""
    folder, raw = _files(option)
    return _pack(folder, raw)


def load_ids(option: str | None = None) -> PackIds:
    """What rating a question needs of the pack in `--data`'s folder (`PackIds`): from its own
    entry in the cache when the pack's files are as they were, else from the pack, which says
    what is wrong with a pack that cannot be used."""
    folder, raw = _files(option)
    extra = {PackIds.__name__: PackIds}
    kept = cache.get("ids", folder, raw, cls=PackIds, extra=extra)
    if kept is not None:
        return kept
    ids = PackIds.of(_pack(folder, raw))
    cache.put("ids", folder, raw, value=ids)
    return ids


def _files(option: str | None) -> tuple[Path, tuple[bytes, bytes]]:
    """The pack's folder and its two files' bytes."""
    folder = data_dir(option)
    try:
        found = folder.is_dir()
    except OSError as e:  # a folder on its way closed to you, a name too long: not the output's
        fix = (
            files.readable_fix(folder)
            if e.errno == errno.EACCES
            else files.another_pack_folder(NAME_A_PACK)
        )
        raise PackError(f"{folder}: {files.oserror(e)}; {fix}") from None
    if not found:
        raise PackError(f"{folder}: {_not_a_folder(folder)}")
    return folder, (_read(folder / ROUNDS_FILE), _read(folder / QUESTIONS_FILE))


def _pack(folder: Path, raw: tuple[bytes, bytes]) -> Pack:
    """The pack whose files hold `raw`: kept in the cache, else read and checked (and kept)."""
    return cache.get_or_parse("pack", folder, raw, cls=Pack, parse=lambda: _parsed(folder, raw))


NAME_A_PACK = "--data and EMPREP_DATA name a pack folder"


def _not_a_folder(folder: Path) -> str:
    """What `folder` is instead of a pack folder: a link that cannot be resolved says so (it
    is no file either), with the fix."""
    fix = "point the link at the pack folder, or " + files.another_pack_folder(
        "give --data (or EMPREP_DATA) the folder's path"
    )
    try:
        os.stat(folder)
    except FileNotFoundError:
        if folder.is_symlink():
            return f"is a symlink to {os.readlink(folder)}, which does not exist; {fix}"
        return f"no such folder; {files.another_pack_folder(NAME_A_PACK)}"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return f"is a symlink loop, so it cannot be resolved to a folder; {fix}"
    return f"not a folder; {files.another_pack_folder(NAME_A_PACK)}"


def _parsed(folder: Path, raw: tuple[bytes, bytes]) -> Pack:
    """The pack in `raw`, validated and cross-checked: what a fresh read gives."""
    from emprep.core.pack_checks import check_questions, check_rounds
    from emprep.core.pack_files import QuestionsFile, RoundsFile
    from emprep.storage.schema import parse_model

    rpath, qpath = folder / ROUNDS_FILE, folder / QUESTIONS_FILE
    rounds_file = parse_model(RoundsFile, _toml(raw[0], rpath), rpath)
    questions_file = parse_model(QuestionsFile, _toml(raw[1], qpath), qpath)
    pack = Pack(
        loop=rounds_file.loop,
        criteria_groups=rounds_file.criteria_group,
        tips=rounds_file.preparation.tips,
        phases=sorted(rounds_file.phase, key=lambda p: p.order),
        tracks=rounds_file.track,
        rounds=sorted(rounds_file.round, key=lambda r: r.order),
        questions=questions_file.question,
        source=folder,
        coding=rounds_file.coding,
        builtin=folder == builtin_data_dir(),
    )
    check_rounds(pack, rpath)
    check_questions(pack, qpath)
    return pack
