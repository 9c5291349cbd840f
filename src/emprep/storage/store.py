"""The progress file: locate, lock, load, validate, and write so that nothing typed is lost.

Every change is read -> validate -> modify -> write under a lock. A write goes to a temporary
file in the same folder, is fsynced, and atomically replaces the file; the version before it is
kept as `progress.toml.bak`. A file that does not load is never written over, and neither is one
another program (a sync client bringing another computer's copy) put there after it was read:
the change is made again to that one.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from emprep.core.errors import shown
from emprep.core.models import SCHEMA, Progress
from emprep.storage import cache, files, locking
from emprep.storage.files import MiB
from emprep.storage.locking import LIMIT, StoreError, elsewhere

# migrations, progress_text and schema are imported where a file is read afresh or written:
# a command whose progress is in the cache uses none of them


# Times a save starts again from the file another program put in its place meanwhile; a sync
# client replaces a file once per change it brings, so more than this is one that never stops.
REREADS = 5


class _Replaced(Exception):
    """The file is no longer the one the change was made to; nothing was replaced."""


# The progress files this run has changed: an output that then fails to be written must not
# read as a command that did nothing (a script running `undo` again would take back two).
SAVED: list[Path] = []


def default_path() -> Path:
    return files.user_folder("data") / "progress.toml"


def resolve_path(option: str | None) -> Path:
    """`--progress PATH` (or EMPREP_PROGRESS, which Typer folds into the option) or the default."""
    return files.user_path(option, "--progress") if option else default_path()


def backup(path: Path) -> Path:
    """The previous version of the file at `path` (symlinks followed): beside its target."""
    target = files.real(path)
    return target.with_name(target.name + ".bak")


def _recover_hint(path: Path, held: bytes | Progress) -> str:
    """How to get a file that does not load back: by hand, or its backup if that one loads,
    said with what it holds against what the file `held`, the file kept aside."""
    bak = backup(path)
    if not bak.exists():
        return "fix it by hand, or move it away to start afresh"
    kept = _loaded(bak)
    if kept is None and bak.is_file() and not os.access(bak, os.R_OK):
        return (
            f"fix it by hand, or see what its backup holds: {bak} cannot be read (permission "
            f"denied); {files.readable_fix(bak)}"
        )
    if kept is None:
        return f"fix it by hand (its backup {bak} does not load either)"
    from emprep.storage import recovery

    return f"fix it by hand, or {recovery.way_back(path, bak, kept, held)}"


def _loaded(path: Path) -> Progress | None:
    """The progress in the file at `path`, None if it does not read and check as one."""
    try:
        got = files.read(path, LIMIT)
        if got is None or _blank(got[0]):
            return None
        return _parse(got[0], path)
    except (files.Unfit, StoreError, OSError):
        return None


def _blank(raw: bytes) -> bool:
    return not raw.removeprefix(files.BOM).strip()


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The file's bytes and status, None if there is none. Anything but a regular file, or
    more than LIMIT bytes, is refused; so is an empty or missing file when a backup holds
    more: a save then would start afresh, and the next one would rotate that into the
    backup, the last copy of the progress."""
    try:
        got = files.read(path, LIMIT)
    except files.Unfit as e:
        denied = (
            files.denied(files.real(path), elsewhere())
            if e.reason.endswith("(permission denied)")
            else None
        )
        if denied:
            raise StoreError(f"progress file {path}: {denied}") from None
        if e.failed:
            fix = files.READ_FAILED
        elif "denied" in e.reason:
            fix = "check its permissions"
        elif e.reason.startswith("is larger than"):  # a regular file, but no save makes one
            fix = (
                "no save of emprep's makes one so large, so it is another file or a damaged one; "
                "give your progress file's path, or move this one away to start afresh"
            )
        else:
            raise StoreError(f"progress file {path}: {locking.no_file(path, e.reason)}") from None
        raise StoreError(f"progress file {path}: {e.reason}; {fix}") from None
    if got is None:
        locking.refuse_missing_behind_link(path)
    if got is None or _blank(got[0]):
        bak = backup(path)
        what, both = ("is empty", "both") if got else ("is not there", "the backup")
        kept = _backup_read(path, bak, what)
        if kept is not None and not _blank(kept[0]) and _loaded(bak) is None:
            raise StoreError(
                f"progress file {path}: {what}, and its backup {bak} does not load either "
                f"(emprep --progress {files.quoted(bak)} progress says why); fix the backup by "
                f"hand, then copy it back: cp {files.quoted(bak)} {files.quoted(path)} (or delete "
                f"{both} to start afresh)"
            )
        if kept is not None and not _blank(kept[0]):
            from emprep.storage.recovery import held_by

            raise StoreError(
                f"progress file {path}: {what}, but {bak} holds your progress as it was "
                f"before its last save ({held_by(bak, kept[0], _loaded(bak))}); go back to "
                f"it: cp {files.quoted(bak)} {files.quoted(path)} (or delete {both} to start "
                "afresh)"
            )
    return got


def _backup_read(path: Path, bak: Path, what: str) -> tuple[bytes, os.stat_result] | None:
    """The backup of a file that `what` (is empty, is not there); one this user cannot read
    may hold the progress, so it stops every command, as one that holds it does."""
    try:
        return files.read(bak, LIMIT) if bak.is_file() else None
    except files.Unfit as e:
        why = files.denied(bak, elsewhere()) or f"{e.reason}; look at it, or move it away"
        raise StoreError(
            f"progress file {path}: {what}, and its backup {bak}, which may hold your "
            f"progress, {why}"
        ) from None


def load(path: Path) -> Progress:
    """The progress in `path`; an empty one if there is no file yet."""
    got = _read(path)
    if got is None:
        return Progress()
    return parse(got[0], path)


def parse(raw: bytes, path: Path, remember: bool = True) -> Progress:
    """The progress `raw` holds: from the cache when these bytes were read before. `remember`
    caches a fresh read; a save skips it, as it caches the bytes it writes instead."""
    return cache.get_or_parse(
        "progress", path, raw, cls=Progress, parse=lambda: _parse(raw, path), remember=remember
    )


def _remember(path: Path, data: bytes, written: Progress, read: Progress | None) -> None:
    """Cache what was just written as a fresh read of those bytes gives it: the value written
    when that is known without reading them (`read_as_written`: a rating, changed from `read`,
    the file it replaced as read), else the bytes read back; if the two differ, the cache must
    not be the one that says otherwise. Bytes that do not read back are not cached; the next
    command reports them."""
    from emprep.storage.progress_text import read_as_written

    if read is not None and read_as_written(read, written):
        cache.put("progress", path, data, value=written)
        return
    try:
        cache.put("progress", path, data, value=_parse(data, path))
    except StoreError:
        return


def _parse(raw: bytes, path: Path) -> Progress:
    """The progress in the file's bytes, read, migrated to this schema and checked: anything
    wrong is one StoreError naming the file and the way back (`_recover_hint`)."""
    from emprep.storage.migrations import migrate
    from emprep.storage.progress_text import Capital, lower_ids, review_log
    from emprep.storage.schema import Invalid, validate

    try:
        data = files.toml_document(raw)
    except files.Unreadable as e:
        odd = " (emprep writes none)" if e.odd else ""
        fix = ("save it as UTF-8, or " if e.utf8 else "") + _recover_hint(path, raw)
        raise StoreError(f"progress file {path}: {e}{odd}; {fix}") from None
    schema = data.pop("schema", SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise StoreError(
            f"progress file {path}: schema: '{shown(str(schema))}' is not a schema number; "
            f"{_recover_hint(path, raw)}"
        )
    if schema > SCHEMA:
        raise StoreError(
            f"progress file {path}: written by a newer emprep (schema {schema}, this one reads "
            f"{SCHEMA}); upgrade emprep: pip install --upgrade emprep"
        )
    if "log" in data:
        raise StoreError(f"progress file {path}: log: unknown key; {_recover_hint(path, raw)}")
    data = migrate(data, schema)
    try:
        data["log"] = review_log(data.pop("reviews", ""))
        progress = validate(Progress, data)
        lower_ids(progress)
    except Capital as e:  # the backup would take back a save: lower case is the whole fix
        raise StoreError(f"progress file {path}: {e}") from None
    except (ValueError, Invalid) as e:
        raise StoreError(f"progress file {path}: {e}; {_recover_hint(path, raw)}") from None
    return _unique_mocks(_unique_stories(_reviewed_cards(progress, path), path), path)


def _reviewed_cards(progress: Progress, path: Path) -> Progress:
    """`progress`, every card checked for what FSRS gave it at its first review (state 1-3),
    and one in learning or relearning (1 or 3) for its step: a card without them reached the
    drill as an assertion, "unexpected error, report it"."""
    for qid, card in progress.cards.items():
        missing = [k for k in REVIEWED if getattr(card, k) is None]
        if missing:
            raise StoreError(
                f"progress file {path}: cards.{shown(qid)}: {missing[0]}: missing (a card that "
                f"has been reviewed has {', '.join(REVIEWED)}); {_recover_hint(path, progress)}"
            )
        if card.step is None and card.state in STEPPED:
            raise StoreError(
                f"progress file {path}: cards.{shown(qid)}: step: missing (a card in state "
                f"{card.state}, {STEPPED[card.state]}, has the step it is at); "
                f"{_recover_hint(path, progress)}"
            )
    return progress


REVIEWED = ("stability", "difficulty", "last_review")
STEPPED = {1: "learning", 3: "relearning"}  # FSRS's states that keep a step


def _unique_stories(progress: Progress, path: Path) -> Progress:
    """`progress`, its story ids checked to be unique: a story block copied by hand to start
    another kept its id, and `story rm` or `story edit` of that id then took both."""
    seen: dict[str, int] = {}
    for i, story in enumerate(progress.stories):
        if story.id in seen:
            from emprep.core.stories import next_number

            n, first = next_number(progress), seen[story.id]
            raise StoreError(
                f"progress file {path}: stories[{i}].id: '{story.id}' is stories[{first}]'s id "
                f'too; give it one no story has (id = "s{n}", and last_story = {n})'
            )
        seen[story.id] = i
    return progress


def _unique_mocks(progress: Progress, path: Path) -> Progress:
    """`progress`, its mocks' starts made unique: a mock is named by its start (its answers,
    `undo` and `mock --resume` find it by it). A block copied by hand with its start is the
    same mock twice: refused (it was counted twice and changed in one copy only). Two mocks
    that differ but share a start (begun in one second, before a mock begun in a taken second
    moved on) are both kept: the later starts a second on, as a mock begun now would."""
    from datetime import timedelta

    from emprep.core.datatype import replace

    seen: dict[datetime, int] = {}
    mocks = list(progress.mocks)
    for i, mock in enumerate(mocks):
        if mock.at in seen and mock == mocks[seen[mock.at]]:
            raise StoreError(
                f"progress file {path}: mocks[{i}].at: {mock.at} is mocks[{seen[mock.at]}]'s "
                "start too (a mock is named by its start); remove the copy, or give it a start "
                "no mock has"
            )
        at = mock.at
        while at in seen:
            at += timedelta(seconds=1)
        if at != mock.at:
            mocks[i] = replace(mock, at=at)
        seen[at] = i
    return progress if mocks == progress.mocks else replace(progress, mocks=mocks)


def update(path: Path, change: Callable[[Progress], Progress]) -> Progress:
    """Apply `change` to the file's progress under the lock and save the result. `path` may be
    a symlink: its target is locked, read and replaced, and the link stays a link. A file
    another program put in its place after the read (a sync client) is read again and changed
    in turn, so what that program brought stays."""
    from filelock import Timeout

    _first_change_refused(path, change)
    target, lock = locking.prepare(path)
    try:
        with locking.taken(path, lock, lock.timeout):
            files.remove_stale_temps(target)
            for _ in range(REREADS):
                with contextlib.suppress(_Replaced):
                    return _changed(path, target, change)
    except Timeout:
        raise locking.held_long(path, lock.lock_file) from None
    raise StoreError(
        f"progress file {path}: another program (a sync client?) replaced it {REREADS} times "
        "while emprep saved a change to it; nothing was changed: the file is as that program "
        "left it. Let it finish (pause its syncing), then try again"
    )


def _first_change_refused(path: Path, change: Callable[[Progress], Progress]) -> None:
    """Where there is no file yet, `change` tried on the empty progress before anything is
    made: a change it refuses (`undo` with nothing to take back, `config set count 0`, a story
    that is not there) made the file's folder and its lock first, left behind with the error
    (`--progress typo.toml` left `typo.toml.lock`). Whatever else stops the save, the save's
    own checks say."""
    if os.path.lexists(path):
        return
    try:
        if _read(path) is not None:
            return
    except (StoreError, OSError):
        return
    change(Progress())


def _changed(path: Path, target: Path, change: Callable[[Progress], Progress]) -> Progress:
    """One read, change and save, under the lock; _Replaced if the file was replaced by
    another program between the read and the save, which then did not replace it."""
    from emprep.storage.progress_text import dumps

    got = _read(path)
    old, st = got if got is not None else (b"", files.new_file_owner(target.parent))
    read = None if _blank(old) else parse(old, path, remember=False)
    current = Progress() if read is None else read
    new = change(current)
    data = dumps(new)
    if len(data) > LIMIT:  # a file emprep would then refuse to read
        raise StoreError(
            f"progress file {path}: this change would make it "
            f"{len(data) / MiB:.1f} MB, more than emprep reads ({LIMIT // MiB} MB); "
            "nothing was changed. Shorten what you gave (a note or a story is an "
            "outline), or remove a long note: emprep note ID --remove"
        )
    if data != old:  # a change that changes nothing keeps the backup of the last one
        _save(path, target, data, old=old, st=st, seen=None if got is None else got[1])
    SAVED.append(path)
    _remember(path, data, new, read)
    return new


def conflicted_copies(path: Path) -> list[Path]:
    """The copies a sync client keeps beside the file when two computers changed it at once
    (Syncthing's `progress.sync-conflict-....toml`, Dropbox's and Nextcloud's `progress
    (conflicted copy ...).toml`): emprep reads the file alone, so what they hold counts
    nowhere until someone moves it in."""
    target = files.real(path)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    stem, suffix = target.stem, target.suffix
    return sorted(
        target.parent / name
        for name in names
        if name.startswith(stem)
        and name.endswith(suffix)
        and "conflict" in name[len(stem) :].casefold()
    )


def ready(path: Path) -> Progress:
    """The progress in `path`, checked before a person types something long (a story): a file
    that does not load, a lock another emprep holds or a folder that cannot be written is
    said now, before the typing, not after it."""
    progress = load(path)
    locking.writable(path)
    return progress


def _save(
    path: Path,
    target: Path,
    data: bytes,
    *,
    old: bytes,
    st: os.stat_result | None,
    seen: os.stat_result | None,
) -> None:
    """New file written and fsynced first, then the backup refreshed, then the replace: a
    failure at any step leaves the file and its backup as they were (the backup put back
    when the replace fails), and says so. The file
    is replaced only if it is still the one read (`seen`, None: none was there); _Replaced
    if not, found before the backup is refreshed too, so that a save that gives up leaves
    the backup of the last save, not a copy another program replaced."""
    bak = target.with_name(target.name + ".bak")
    kept = "nothing was changed: the file and its backup are as they were"
    try:
        tmp = files.temporary(target, data, like=st)
    except OSError as e:
        raise _unwritten(f"progress file {path}: cannot be written", e, kept) from None
    previous: Path | None = None  # the backup before this save, under a second name
    try:
        if not _unchanged(target, seen, old):
            raise _Replaced
        if not _blank(old):  # an empty file never takes the backup's place
            previous = _aside(bak)
            try:
                files.write_atomic(bak, old, like=st)
            except IsADirectoryError:  # no space or permission of the folder's would help
                aside = files.quoted(bak.with_name(bak.name + ".old"))
                raise StoreError(
                    f"progress file {path}: its backup {bak} is a folder, where emprep keeps a "
                    f"plain file; {kept}. Move it away (mv {files.quoted(bak)} {aside}), then "
                    "try again"
                ) from None
            except OSError as e:
                stuck = (
                    locking.sticky_backup(path, target)
                    if e.errno in (errno.EPERM, errno.EACCES)
                    else None
                )
                if stuck:  # no space or folder permission would help, nor a `mv` of it
                    raise stuck from None
                raise _unwritten(
                    f"progress file {path}: its backup {bak} cannot be written", e, kept
                ) from None
            if st is not None:  # the backup keeps the time of the version it holds
                with contextlib.suppress(OSError):
                    os.utime(bak, ns=(st.st_atime_ns, st.st_mtime_ns))
        if not _unchanged(target, seen, old):
            raise _Replaced
        try:
            os.replace(tmp, target)
        except OSError as e:
            back = previous is not None and _put_back(previous, bak)
            state = kept if back else "the file is as it was, and its backup now holds a copy of it"
            raise _unwritten(f"progress file {path}: cannot be replaced", e, state) from None
    except BaseException:
        # the temporary is gone once replaced: after the replace nothing here may fail, or the
        # save would read as not made ("try again": a second undo, a rating twice); one a
        # failing disk cannot remove is the next save's to remove (remove_stale_temps)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    finally:
        if previous is not None:
            with contextlib.suppress(OSError):
                previous.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # the replace is done; only its durability is unsure
        files.fsync_dir(target.parent)


def _aside(bak: Path) -> Path | None:
    """A second name for the backup as it is, a hard link beside it, so that a save whose
    replace fails can put it back: refreshed for that save, it held a copy of the file, and
    the change before (a note removed, a rating taken back) was in no file any more. Named as
    a save's temporary, so one a kill leaves is the next save's to remove. None where there is
    no backup yet, or the file system has no hard links."""
    import secrets

    aside = bak.with_name(f".{bak.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(bak, aside)
    except OSError:
        return None
    return aside


def _put_back(aside: Path, bak: Path) -> bool:
    """The backup kept `aside` in its place again; False if the disk refuses that too."""
    try:
        os.replace(aside, bak)
    except OSError:
        return False
    return True


def _unchanged(target: Path, seen: os.stat_result | None, old: bytes) -> bool:
    """Whether the file at `target` is the one read (`old`; `seen`, its status, None if there
    was none): it holds the very bytes read, or is still not there. The bytes are compared at
    every save, not only when the status differs: a rewrite in place of the same size within
    one tick of the file system's clock (a few ms on ext4 before Linux 6.13, a second on sshfs,
    two on FAT) keeps the file's times, and the save wrote over what it brought. A status of
    another size is other bytes without reading them; a copy of the bytes read, a new inode
    number (a FUSE mount that numbers a file afresh at a later look), loses nothing replaced."""
    try:
        now = os.stat(target)
    except FileNotFoundError:
        return seen is None
    if seen is None or now.st_size != len(old):
        return False
    try:
        got = files.read(target, LIMIT)
    except (files.Unfit, OSError):
        return False
    return got is not None and got[0] == old


def _unwritten(what: str, e: OSError, state: str) -> StoreError:
    """A save the disk refused (full, a folder's permissions, made read-only, failing): what
    failed and why, the `state` the file and its backup are left in, and what to do before
    trying again."""
    return StoreError(f"{what} ({files.reason(e)}); {state}. {locking.save_fix(e)}")
