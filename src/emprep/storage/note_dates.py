"""When each Anki note emprep exports last changed what it holds. A package dates its notes by
it, and Anki's import updates a note only from a newer one: dated by the pack files' times, a
changed pack whose files carry older ones (unpacked from a zip, copied with `cp -p` or
`rsync -t`) gave notes no newer than the last import, and Anki kept the old text without a word.

Kept in the data folder, not the cache (which may be emptied), as JSON: a note's GUID, a digest
of its fields and tags, and its date (`notes`); and the day each note was last in a package
(`seen`, days since 1970). A note is dated as before while its digest is the same, so an edit
made to it in Anki stays; one whose digest changed is dated now, and always after its last
date; one never exported is dated `floor` (what dated every note before any was kept, so that
the first export after an upgrade re-dates none). A note in no package for KEPT_DAYS is dropped,
so the file holds what was exported within a year, not every note of every pack ever exported.

A file that cannot be read (damaged, too large, not what emprep writes) stops the export and is
left as it is: read as none kept, it dated every note by the pack again, and a note whose text
changed since was no newer for Anki, which kept the old text without a word; written afresh, it
lost every other pack's dates too. What cannot be written is not kept, and the export goes on.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from emprep.core.errors import EmprepError
from emprep.storage import files

FILE = "anki-notes.json"
FORMAT = 1  # `seen` added later is left out by an emprep before it, and read as today here
LIMIT = 16 * files.MiB  # 80 bytes a note
KEPT_DAYS = 365
FOREIGN = "is not what emprep writes there"


def path() -> Path:
    return files.user_folder("data") / FILE


class Unkept(Exception):
    """The notes' dates cannot be read: why, in a few words."""


class Dates:
    """The notes' dates for one export: read when first asked for, and the ones first dated
    or re-dated kept once the package is written (`keep`), not by an export that failed."""

    def __init__(self) -> None:
        self.dated: dict[str, tuple[str, int]] = {}  # the notes first dated or re-dated
        self.seen: set[str] = set()  # the package's notes last seen before today
        self.redated = False  # a note kept before whose text changed

    def of(self, digests: dict[str, str], floor: int) -> dict[str, int]:
        """`digests` (a note's GUID: a digest of what it holds) with each note's date.
        EmprepError where the dates kept cannot be read."""
        try:
            kept, seen = _kept()
        except Unkept as e:
            raise EmprepError(_unkept(str(e))) from None
        now = int(time.time())
        today = now // 86400
        dates = {}
        for guid, digest in digests.items():
            last = kept.get(guid)
            if last is None:
                when = floor
            elif last[0] == digest:
                when = last[1]
            else:
                when = max(now, last[1] + 1)
                self.redated = True
            dates[guid] = when
            if last != (digest, when):
                self.dated[guid] = (digest, when)
            if seen.get(guid, today) != today:
                self.seen.add(guid)
        return dates

    def keep(self) -> str | None:
        """The dates given, for the next export, added to the ones kept as they are now, under
        the folder's lock: written over the ones read before the package was built, they took
        out those another export (of another pack, run at once) kept meanwhile. The notes in
        no package for KEPT_DAYS are left out. Not kept where they cannot be written or read:
        then, if a note was re-dated (its text changed), why they were not, for a line to say
        it: the next package dates that note anew, and Anki takes it again over an edit."""
        if not self.dated and not self.seen:
            return None
        try:
            self._write()
        except Unkept:  # damaged meanwhile: said by the next export
            return None
        except OSError as e:
            return files.reason(e) if self.redated else None
        return None

    def _write(self) -> None:
        import json

        files.make_folder(path().parent)
        target = files.real(path())  # a symlink (a dotfile manager's) stays one
        like = files.new_file_owner(target.parent)  # under sudo: still the user's to write
        with _locked(target.parent):
            kept, seen = _kept()
            today = int(time.time()) // 86400
            notes = {**kept, **self.dated}
            seen = {g: seen.get(g, today) for g in notes} | dict.fromkeys(self.dated, today)
            seen |= dict.fromkeys(self.seen, today)
            notes = {g: e for g, e in notes.items() if today - seen[g] < KEPT_DAYS}
            doc = {
                "format": FORMAT,
                "notes": {g: list(e) for g, e in sorted(notes.items())},
                "seen": {g: seen[g] for g in sorted(notes)},
            }
            data = json.dumps(doc, separators=(",", ":")).encode()
            files.remove_old_temps(target)
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


def _kept() -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
    """The notes' digests and dates from the last exports, and the day each was last in a
    package (none for a file an emprep before `seen` wrote); none if there is no file. Unkept
    for a file that cannot be read or is not one emprep wrote."""
    import json  # not for every `questions`: only an Anki package reads it

    try:
        got = files.read(path(), LIMIT)
    except files.Unfit as e:
        raise Unkept(e.reason) from None
    if got is None:
        return {}, {}
    try:
        doc = json.loads(got[0])
    except ValueError as e:  # UnicodeDecodeError too
        raise Unkept(f"is not JSON ({e})") from None
    form = doc.get("format") if isinstance(doc, dict) else None
    if type(form) is int and form > FORMAT:
        raise Unkept(f"was written by a newer emprep (format {form}, this one reads {FORMAT})")
    if form != FORMAT:
        raise Unkept(FOREIGN)
    return _entries(doc)


def _entries(doc: dict[str, Any]) -> tuple[dict[str, tuple[str, int]], dict[str, int]]:
    """A document's notes and the days they were seen; Unkept if a note is not a digest and
    a date."""
    notes, seen = doc.get("notes"), doc.get("seen", {})
    if not isinstance(notes, dict):
        raise Unkept(FOREIGN)
    kept = {}
    for guid, entry in notes.items():
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
            raise Unkept(FOREIGN)
        if type(entry[1]) is not int:
            raise Unkept(FOREIGN)
        kept[guid] = (entry[0], entry[1])
    days = seen.items() if isinstance(seen, dict) else []
    return kept, {g: d for g, d in days if type(d) is int}


def _unkept(why: str) -> str:
    """The line an export stops with when the notes' dates cannot be read: the file is left
    as it is, and moving it away dates every note by the pack's files again, which Anki's
    import option Update notes: Always makes it take."""
    where = path()
    if why.endswith("(permission denied)"):
        fix = files.readable_fix(where)
    elif why.startswith("was written by a newer"):
        fix = "upgrade emprep: pip install --upgrade emprep"
    else:
        fix = (
            f"fix it, or move it away (mv {files.quoted(where)} "
            f"{files.quoted(where.with_name(FILE + '.broken'))}) and import the next package "
            "with Anki's Update notes: Always"
        )
    return (
        f"the Anki notes' dates {where} {why}; no package was written (without them, a note "
        f"whose text changed can keep its old text in Anki): {fix}"
    )
