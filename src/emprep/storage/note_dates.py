"""When each Anki note emprep exports last changed what it holds. A package dates its notes by
it, and Anki's import updates a note only from a newer one: dated by the pack files' times, a
changed pack whose files carry older ones (unpacked from a zip, copied with `cp -p` or
`rsync -t`) gave notes no newer than the last import, and Anki kept the old text without a word.

Kept in the data folder, not the cache (which may be emptied), as JSON: a note's GUID, a digest
of its fields and tags, and its date. A note is dated as before while its digest is the same, so
an edit made to it in Anki stays; one whose digest changed is dated now, and always after its
last date; one never exported is dated `floor` (what dated every note before any was kept, so
that the first export after an upgrade re-dates none). What cannot be read counts as nothing
kept; what cannot be written is not kept, and the export goes on.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from emprep.storage import files

FILE = "anki-notes.json"
LIMIT = 16 * files.MiB  # 70 bytes a note


def path() -> Path:
    return files.user_folder("data") / FILE


class Dates:
    """The notes' dates for one export: read when first asked for, and the ones first dated
    or re-dated kept once the package is written (`keep`), not by an export that failed."""

    def __init__(self) -> None:
        self.dated: dict[str, tuple[str, int]] = {}  # the notes first dated or re-dated

    def of(self, digests: dict[str, str], floor: int) -> dict[str, int]:
        """`digests` (a note's GUID: a digest of what it holds) with each note's date."""
        kept = _kept()
        now = int(time.time())
        dates = {}
        for guid, digest in digests.items():
            last = kept.get(guid)
            if last is None:
                when = floor
            elif last[0] == digest:
                when = last[1]
            else:
                when = max(now, last[1] + 1)
            dates[guid] = when
            if last != (digest, when):
                self.dated[guid] = (digest, when)
        return dates

    def keep(self) -> None:
        """The dates given, for the next export, added to the ones kept as they are now, under
        the folder's lock: written over the ones read before the package was built, they took
        out those another export (of another pack, run at once) kept meanwhile. Not kept where
        they cannot be written."""
        if not self.dated:
            return
        import json

        with contextlib.suppress(OSError):
            files.make_folder(path().parent)
            target = files.real(path())  # a symlink (a dotfile manager's) stays one
            like = files.new_file_owner(target.parent)  # under sudo: still the user's to write
            with _locked(target.parent):
                notes = {**_kept(), **self.dated}
                doc = {"format": 1, "notes": {g: list(e) for g, e in sorted(notes.items())}}
                data = json.dumps(doc, separators=(",", ":")).encode()
                files.write_atomic(target, data, durable=False, like=like)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """`folder` locked (flock on the folder itself: no lock file of root's is left under sudo);
    where it cannot be locked (a network file system), the dates are kept unlocked."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _kept() -> dict[str, tuple[str, int]]:
    """The notes' digests and dates from the last exports; none from a file that cannot be read
    or is not one emprep wrote."""
    import json  # not for every `questions`: only an Anki package reads it

    try:
        got = files.read(path(), LIMIT)
        doc = json.loads(got[0]) if got else {}
        return {
            guid: (digest, when)
            for guid, (digest, when) in doc.get("notes", {}).items()
            if isinstance(guid, str) and isinstance(digest, str) and type(when) is int
        }
    except (files.Unfit, OSError, ValueError, TypeError, AttributeError):
        return {}
