"""The Anki notes' dates kept in the data folder between exports."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from emprep.storage import note_dates


def test_two_exports_at_once_keep_both_their_notes(isolated: Path) -> None:
    """Two exports of two packs at once: the one that kept its dates last wrote the dates it
    had read before the other kept its own, and took them out; the next export of that pack
    then dated its changed notes by its files' times again, which Anki takes for no change."""
    first, second = note_dates.Dates(), note_dates.Dates()
    assert first.of({"a1": "d1", "a2": "d2"}, 1800000000) == {"a1": 1800000000, "a2": 1800000000}
    assert second.of({"b1": "e1"}, 1800000500) == {"b1": 1800000500}
    second.keep()
    first.keep()
    kept = json.loads(note_dates.path().read_text())["notes"]
    assert kept == {"a1": ["d1", 1800000000], "a2": ["d2", 1800000000], "b1": ["e1", 1800000500]}


def test_a_note_re_dated_meanwhile_is_not_dated_back(isolated: Path) -> None:
    """An export keeps only the notes it dated, not its copy of the others: a note another
    export re-dated meanwhile keeps that date."""
    note_dates.Dates().of({"a1": "d1", "a2": "d2"}, 1800000000)
    seed = note_dates.Dates()
    seed.of({"a1": "d1", "a2": "d2"}, 1800000000)
    seed.keep()
    slow, quick = note_dates.Dates(), note_dates.Dates()
    slow.of({"a1": "d1", "a3": "d3"}, 1800000000)
    quick.of({"a2": "d2 changed"}, 1800000000)
    quick.keep()
    slow.keep()
    kept = json.loads(note_dates.path().read_text())["notes"]
    assert kept["a2"][0] == "d2 changed"
    assert kept["a2"][1] > 1800000000
    assert set(kept) == {"a1", "a2", "a3"}


def test_dates_kept_through_a_symlink_leave_it_a_symlink(isolated: Path, tmp_path: Path) -> None:
    """A file in the data folder linked to another place (a dotfile manager's, such as GNU
    Stow): the write replaced the link with a file of its own, and the other place kept the
    old dates. As with the progress file, the link's target is written."""
    elsewhere = tmp_path / "dotfiles" / "anki-notes.json"
    elsewhere.parent.mkdir()
    elsewhere.write_text('{"format": 1, "notes": {"a1": ["d1", 1800000000]}}')
    note_dates.path().parent.mkdir(parents=True)
    note_dates.path().symlink_to(elsewhere)
    dates = note_dates.Dates()
    assert dates.of({"a1": "d1", "b1": "e1"}, 1800000500) == {"a1": 1800000000, "b1": 1800000500}
    dates.keep()
    assert note_dates.path().is_symlink()
    kept = json.loads(elsewhere.read_text())["notes"]
    assert kept == {"a1": ["d1", 1800000000], "b1": ["e1", 1800000500]}


def test_a_note_in_no_package_for_a_year_is_dropped(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every note of every pack ever exported was kept for good (about 80 bytes a note: a
    pack's loop renamed, a question taken out, a pack left behind); a note in no package for
    KEPT_DAYS is dropped now. One kept by an emprep that did not count the days is taken as
    seen today, and an export the same day as the last writes nothing."""
    now = 1800000000
    today = now // 86400
    monkeypatch.setattr(time, "time", lambda: float(now))
    note_dates.path().parent.mkdir(parents=True)
    old = {"gone": ["d0", 1700000000], "kept": ["d1", 1700000000], "older": ["d2", 1700000000]}
    seen = {"gone": today - 365, "kept": today - 364}
    doc = {"format": 1, "notes": {**old, "here": ["d3", 1700000000]}, "seen": seen}
    note_dates.path().write_text(json.dumps(doc))
    dates = note_dates.Dates()
    assert dates.of({"here": "d3", "new": "d4"}, 1750000000) == {
        "here": 1700000000,
        "new": 1750000000,
    }
    dates.keep()
    kept = json.loads(note_dates.path().read_text())
    assert kept == {
        "format": 1,
        "notes": {
            "here": ["d3", 1700000000],
            "kept": ["d1", 1700000000],
            "new": ["d4", 1750000000],
            "older": ["d2", 1700000000],
        },
        "seen": {"here": today, "kept": today - 364, "new": today, "older": today},
    }
    before = note_dates.path().stat()
    again = note_dates.Dates()
    again.of({"here": "d3", "new": "d4"}, 1750000000)
    again.keep()
    after = note_dates.path().stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
