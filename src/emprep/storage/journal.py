"""A session's journal on disk: a TOML draft beside the progress file (`drafts/drill-DATE-
TIME.toml`, mode 0600), written before each save of the session and removed once the session
ends with every save made. A person can read it; `--resume` reads it back."""

from __future__ import annotations

import os
import re
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from emprep.core.errors import EmprepError
from emprep.core.journal import Journal
from emprep.core.models import ReviewEntry
from emprep.storage import editor, files


def header(kind: str) -> str:
    """What the file says of itself, for the person who finds it in the drafts folder."""
    return (
        f"# emprep: the answers of a {kind}, kept until each is in the progress file.\n"
        f"# emprep {kind} --resume THIS-FILE saves what the file lacks (nothing twice).\n"
    )


def text(journal: Journal) -> str:
    import tomli_w

    from emprep.storage.progress_text import plain

    return header(journal.kind) + tomli_w.dumps(plain(journal))


def start(progress_path: Path, journal: Journal, now: datetime) -> Path:
    """The journal's first version, in a new draft; EmprepError if it cannot be written."""
    folder = editor.drafts_dir(progress_path)
    return editor.keep(folder, text(journal), now, kind=journal.kind, suffix=".toml")


def write(path: Path, journal: Journal) -> None:
    """The journal at `path` replaced by `journal`, atomically; EmprepError if it cannot be."""
    try:
        files.write_atomic(path, text(journal).encode("utf-8"), like=os.stat(path))
    except OSError as e:
        raise EmprepError(f"the draft {path} cannot be written ({files.reason(e)})") from None


def rewrite(progress_path: Path, path: Path, written: Journal, journal: Journal) -> Journal:
    """`journal` at `path`, where this session last wrote `written`: a rating the draft has
    lost since (`forget`: `emprep undo` took it back) is left out of it too, so the undo
    stays. Under the progress file's lock, as `forget` writes; without it when another emprep
    holds it long, rather than not at all. The journal as written."""
    from emprep.storage import locking

    try:
        with locking.locked(progress_path):
            journal = _without_lost(path, written, journal)
            write(path, journal)
    except locking.StoreError:
        write(path, journal)
    return journal


def _without_lost(path: Path, written: Journal, journal: Journal) -> Journal:
    """`journal` without the ratings of `written` that the draft at `path` no longer holds."""
    from dataclasses import replace

    try:
        if path.read_text(encoding="utf-8") == text(written):
            return journal  # as this session left it: the usual case, nothing parsed
        there = read(path, written.kind)
    except (OSError, UnicodeDecodeError, EmprepError):
        return journal  # gone or unreadable: this session's is all there is
    lost = [r for r in written.ratings if r not in there.ratings]
    return replace(journal, ratings=[r for r in journal.ratings if r not in lost])


def discard(path: Path) -> str | None:
    """A draft all of which is saved now (a session's journal, a note's or a story's text):
    removed if it is a plain file. A link (`/dev/stdin` given to `--resume`) is a way to a
    draft, not one, and stays. Why it stays (its folder made read-only meanwhile), or None."""
    import stat

    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return "it is a link, not a draft emprep wrote"
        path.unlink(missing_ok=True)
    except FileNotFoundError:  # resumed twice at once: the other one removed it
        return None
    except OSError as e:
        return f"it cannot be removed ({e.strerror or e})"
    return None


# The temporary file of a rewrite of a session's draft (`files.temporary`): the draft's name
# between a dot and eight random letters, `.drill-20261120-090000.toml.k3j_x9a2.tmp`
_REWRITE = re.compile(r"\.((drill|mock)-[0-9]{8}-[0-9]{6}(?:-[0-9]+)?\.toml)\.[a-z0-9_]{8}\.tmp")


def left(progress_path: Path, kind: str) -> list[Path]:
    """The journals of `kind` in the drafts folder: of a session that did not end (killed
    mid-way, or still running in another terminal), each with the rewrite a kill cut off
    before it took the draft's place folded in (`fold`)."""
    folder = editor.drafts_dir(progress_path)
    if not folder.is_dir():
        return []
    fold(progress_path)
    unfolded = [t for t, _, k in _rewrites(progress_path) if k == kind and _whole(t, kind)]
    return sorted(folder.glob(f"{kind}-*.toml")) + unfolded


def fold(progress_path: Path) -> None:
    """A session killed while it rewrote its draft, between the temporary file's writing and
    its replace, left that file (`.drill-DATE-TIME.toml.k3j_x9a2.tmp`): it holds the draft's
    next version, with the answer given at that moment, which the progress file lacks (it is
    saved after). One that reads as a whole draft of its kind takes the draft's place, as the
    replace would have; under the progress file's lock, which a session holds to rewrite its
    draft, so none is at work: one that holds it longer is another command, and the next run
    folds it. One that does not read (cut short in its writing) stays, and `cut_short` names
    it; one that cannot take the draft's place (a read-only folder) is named as a draft."""
    found = _rewrites(progress_path)
    if not found:
        return
    from emprep.storage import locking

    with suppress(locking.StoreError, OSError), locking.locked(progress_path, locking.READY_WAIT):
        for temp, draft, kind in found:
            if _whole(temp, kind):
                with suppress(OSError):  # gone meanwhile; a read-only folder
                    os.replace(temp, draft)


def folded(path: Path) -> Path:
    """The draft to read for `path`: a rewrite `left` named as a draft (the lock was held
    then) that a `fold` has since put in its draft's place is read there, as `--resume` of
    the name said then would otherwise find nothing."""
    m = _REWRITE.fullmatch(path.name)
    if m is None or os.path.lexists(path) or not os.path.lexists(draft := path.with_name(m[1])):
        return path
    return draft


def cut_short(progress_path: Path, kind: str) -> list[tuple[Path, Path]]:
    """The rewrites of drafts of `kind` that are not whole drafts (a kill cut them short in
    their writing), each with the draft it was to replace."""
    return [(t, d) for t, d, k in _rewrites(progress_path) if k == kind and not _whole(t, kind)]


def drop_empty(progress_path: Path, kind: str) -> list[tuple[Path, Path]]:
    """The rewrites of drafts of `kind` a kill cut short before anything was written in them
    (between the temporary file's making and its writing), removed: they hold nothing, and
    the answer given then is lost with the kill. Each with its draft, for the caller to say,
    as that answer needs giving again. Under the lock, as a session's rewrite is empty for a
    moment too; none while another holds it."""
    empty = [(t, d) for t, d, k in _rewrites(progress_path) if k == kind and _empty(t)]
    if not empty:
        return []
    from emprep.storage import locking

    dropped: list[tuple[Path, Path]] = []
    with suppress(locking.StoreError, OSError), locking.locked(progress_path, locking.READY_WAIT):
        for temp, draft in empty:
            if _empty(temp):
                with suppress(OSError):
                    temp.unlink()
                    dropped.append((temp, draft))
    return dropped


# A session makes its draft and writes its first version within milliseconds; an empty one
# older than this is one a kill cut short in between, not another session's at work.
EMPTY_AGE = 10.0


def drop_empty_drafts(progress_path: Path, kind: str) -> list[Path]:
    """The drafts of `kind` a kill cut short between their making and their first writing
    (the first rating's moment): empty, they hold nothing `--resume` could save (it refused
    one as "not a draft emprep wrote", named at every session all the same), and the answer
    given then is lost with the kill. Removed, once EMPTY_AGE old, for the caller to say."""
    import time

    folder = editor.drafts_dir(progress_path)
    dropped: list[Path] = []
    for draft in sorted(folder.glob(f"{kind}-*.toml")) if folder.is_dir() else []:
        with suppress(OSError):
            if _empty(draft) and time.time() - os.lstat(draft).st_mtime > EMPTY_AGE:
                draft.unlink()
                dropped.append(draft)
    return dropped


def _empty(path: Path) -> bool:
    """A regular file with nothing in it; False if it is gone meanwhile."""
    import stat

    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


def _whole(temp: Path, kind: str) -> bool:
    try:
        read(temp, kind)
    except EmprepError:
        return False
    return True


def _rewrites(progress_path: Path) -> list[tuple[Path, Path, str]]:
    """The temporary files of rewrites of drafts in the drafts folder: each with its draft and
    the draft's kind."""
    folder = editor.drafts_dir(progress_path)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        (folder / n, folder / m.group(1), m.group(2)) for n in names if (m := _REWRITE.fullmatch(n))
    ]


def read(path: Path, kind: str) -> Journal:
    """The journal at `path` (`--resume` of a `kind` session), checked; of which kind it is,
    the caller checks, as it can say the command that takes it with this run's options."""
    import tomllib

    from emprep.storage.schema import Invalid, validate

    fix = f"; give the draft that the failed save's message named (drafts/{kind}-DATE-TIME.toml)"
    raw = editor.read(path, "--resume", fix)
    try:
        journal = validate(Journal, tomllib.loads(raw))
    except (tomllib.TOMLDecodeError, Invalid) as e:
        raise EmprepError(f"--resume {path}: is not a draft emprep wrote ({e}){fix}") from None
    except ValueError:  # tomllib's int() refuses an integer of more than 4300 digits
        raise EmprepError(
            f"--resume {path}: is not a draft emprep wrote ({files.LONG_NUMBER}){fix}"
        ) from None
    except RecursionError:
        raise EmprepError(
            f"--resume {path}: is not a draft emprep wrote ({files.NESTED}){fix}"
        ) from None
    if journal.kind == kind and (journal.kind == "mock") != (journal.mock is not None):
        said = "mock: missing" if journal.mock is None else "mock: only a mock's draft has one"
        raise EmprepError(f"--resume {path}: is not a draft emprep wrote ({said}){fix}")
    return journal


def forget(progress_path: Path, entry: ReviewEntry) -> list[tuple[Path, str | None]]:
    """The log's `entry`, taken back by `emprep undo`, taken out of every draft beside the
    progress file that holds it (a drill or mock killed mid-way): each such draft, with why it
    still holds it (None once it does not)."""
    from emprep.storage import locking

    out: list[tuple[Path, str | None]] = []
    for kind in ("drill", "mock"):
        for path in left(progress_path, kind):
            try:
                with locking.locked(progress_path):  # as an open session rewrites its draft
                    said = _forgot(path, kind, entry)
            except locking.StoreError as e:
                said = (path, str(e))
            if said is not None:
                out.append(said)
    return out


def _forgot(path: Path, kind: str, entry: ReviewEntry) -> tuple[Path, str | None] | None:
    """`entry` out of the draft at `path`: the draft and why it still holds it (None once it
    does not); None when it did not hold it."""
    from emprep.core.journal import without

    try:
        journal = read(path, kind)
    except EmprepError:
        return None  # not a draft emprep can read: `--resume` refuses it as well
    kept = without(journal, entry)
    if kept == journal:
        return None
    try:
        write(path, kept)
    except EmprepError as e:
        return path, str(e)
    return path, None
